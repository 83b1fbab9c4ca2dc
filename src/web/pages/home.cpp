// GET / — the directory's front page: a search form that works without JavaScript, and below it either the
// whole network (no commune typed) or the centres near the commune typed, as a list and as a map. A commune that
// matches nothing or several communes is part of the conversation, not an error: the page says so (200) and keeps
// what was typed. Only a malformed filter (distance, service, status) is a 400.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/commune_index.h"
#include "service/errors.h"
#include "web/app.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using nlohmann::json;

constexpr int kDistanceChoices[] = {10, 20, 30, 50, 100};
constexpr std::size_t kCandidateLimit = 10;
constexpr int kCardsPerPage = 50;
constexpr domain::CentreStatus kStatusOrder[] = {domain::CentreStatus::InService, domain::CentreStatus::Opening,
                                                 domain::CentreStatus::Planned, domain::CentreStatus::Closed};

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// Every value of a repeated parameter, each also split on commas ("service=fax&service=copier,printer").
std::vector<std::string> list_param(const RequestContext& req, const std::string& name) {
  std::vector<std::string> out;
  const auto [first, last] = req.query.equal_range(name);
  for (auto it = first; it != last; ++it) {
    std::string_view rest = it->second;
    while (true) {
      const std::size_t comma = rest.find(',');
      std::string item = trim(rest.substr(0, comma));
      if (!item.empty()) out.push_back(std::move(item));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return out;
}

// What the form asked, as typed and as understood; `errors` holds the messages of bad filters, in the page language.
struct Search {
  std::string q;
  std::string within_text;  // as typed, to show it back
  std::optional<double> within_km;
  std::vector<domain::Service> services;
  std::vector<domain::CentreStatus> statuses;
  bool accessible = false;
  std::vector<std::string> errors;  // in the page's language
  bool within_invalid = false;

  bool has_filters() const { return within_km || !services.empty() || !statuses.empty() || accessible; }
};

std::optional<double> parse_km(std::string text) {
  std::replace(text.begin(), text.end(), ',', '.');
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

Search read_search(const RequestContext& req) {
  const Lang lang = req.lang;
  Search s;
  s.q = trim(req.param("q").value_or(""));
  s.within_text = trim(req.param("within_km").value_or(""));
  if (!s.within_text.empty()) {
    s.within_km = parse_km(s.within_text);
    if (!s.within_km) {
      s.errors.emplace_back(tr(lang, "search.bad_distance"));
      s.within_invalid = true;
    } else if (!(*s.within_km > 0 && *s.within_km <= 1000)) {
      s.errors.emplace_back(tr(lang, "search.distance_range"));
      s.within_invalid = true;
      s.within_km.reset();
    }
  }
  for (const std::string& v : list_param(req, "service")) {
    if (const auto service = domain::parse_service(v)) {
      if (std::find(s.services.begin(), s.services.end(), *service) == s.services.end()) s.services.push_back(*service);
    } else {
      s.errors.push_back(format_message(lang, "search.bad_service", {{"value", v}}));
    }
  }
  for (const std::string& v : list_param(req, "status")) {
    if (const auto status = domain::parse_centre_status(v)) {
      if (std::find(s.statuses.begin(), s.statuses.end(), *status) == s.statuses.end()) s.statuses.push_back(*status);
    } else {
      s.errors.push_back(format_message(lang, "search.bad_status", {{"value", v}}));
    }
  }
  const std::string accessible = req.param("accessible").value_or("");
  s.accessible = accessible == "true" || accessible == "on" || accessible == "1";
  return s;
}

// The query string of the search's filters, for links that change only the commune ("&within_km=30&service=fax").
std::string filters_query(const Search& s, Lang lang) {
  std::string out;
  if (s.within_km) out += "&within_km=" + percent_encode(s.within_text);
  for (domain::Service v : s.services) out += "&service=" + std::string(domain::to_string(v));
  for (domain::CentreStatus v : s.statuses) out += "&status=" + std::string(domain::to_string(v));
  if (s.accessible) out += "&accessible=true";
  if (lang == Lang::En) out += "&lang=en";
  return out;
}

json form_json(const Search& s, Lang lang, bool q_invalid) {
  json distances = json::array();
  distances.push_back(
      {{"value", ""}, {"label", std::string(tr(lang, "search.any_distance"))}, {"selected", !s.within_km}});
  bool listed = false;
  for (int km : kDistanceChoices) {
    const bool selected = s.within_km && *s.within_km == km;
    listed = listed || selected;
    distances.push_back({{"value", std::to_string(km)}, {"label", std::to_string(km) + " km"}, {"selected", selected}});
  }
  if (s.within_km && !listed) {  // a distance typed in the address: show it rather than lose it
    distances.push_back({{"value", s.within_text}, {"label", format_distance(*s.within_km, lang)}, {"selected", true}});
  }

  json services = json::array();
  for (domain::Service v : domain::kAllServices) {
    const std::string value(domain::to_string(v));
    services.push_back({{"value", value},
                        {"id", "service-" + value},
                        {"label", service_label(v, lang)},
                        {"checked", std::find(s.services.begin(), s.services.end(), v) != s.services.end()}});
  }
  json statuses = json::array();
  for (domain::CentreStatus v : kStatusOrder) {
    const std::string value(domain::to_string(v));
    statuses.push_back({{"value", value},
                        {"id", "status-" + value},
                        {"label", status_label(v, lang)},
                        {"checked", std::find(s.statuses.begin(), s.statuses.end(), v) != s.statuses.end()}});
  }
  return {{"q", s.q},
          {"q_invalid", q_invalid},
          {"more_open", !s.services.empty() || !s.statuses.empty() || s.accessible},
          {"within_invalid", s.within_invalid},
          {"distances", std::move(distances)},
          {"services", std::move(services)},
          {"statuses", std::move(statuses)},
          {"accessible", s.accessible},
          {"is_en", lang == Lang::En}};
}

json card_json(const service::CentreHit& hit, Lang lang) {
  const domain::Centre& c = *hit.centre;
  json services = json::array();
  for (domain::Service v : domain::kAllServices) {
    if (c.services.has(v)) services.push_back(service_label(v, lang));
  }
  json card = {{"id", c.id},
               {"href", centre_href(c.id, lang)},
               {"name", c.name},
               {"commune", hit.commune ? hit.commune->name : c.commune_insee},
               {"status", status_json(c.status, lang)},
               {"capacity", capacity_text(c, lang)},
               {"has_services", !services.empty()},
               {"services", std::move(services)},
               {"accessibility", accessibility_summary(c.accessibility, lang)}};
  if (hit.distance_km) card["distance"] = format_distance(*hit.distance_km, lang);
  return card;
}

// "Saint-Flour (15100)": a commune as people tell homonyms apart.
std::string commune_choice_label(const domain::Commune& c) {
  std::string codes;
  for (const std::string& p : c.postcodes) codes += (codes.empty() ? "" : ", ") + p;
  return c.name + " (" + (codes.empty() ? c.insee : codes) + ")";
}

// "30", "12,5": the distance as the heading says it.
std::string km_value(double km, Lang lang) { return format_number(km, std::floor(km) == km ? 0 : 1, lang); }

bool is_code(std::string_view q) {
  return q.size() == 5 && std::all_of(q.begin(), q.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// The commune the search designates, or the communes to choose from (none: nothing matched).
struct Resolution {
  const domain::Commune* origin = nullptr;
  std::vector<const domain::Commune*> candidates;
};

// A five-digit code is first a postcode (its most populous commune), then an INSEE code: people type postcodes,
// and some codes are both ("15100" is Saint-Flour's postcode and Laveissenet's INSEE code).
const domain::Commune* resolve_code(const geo::CommuneIndex& index, const std::string& code) {
  const domain::Commune* best = nullptr;
  for (const domain::Commune* c : index.by_postcode(code)) {
    if (!best || c->population > best->population) best = c;
  }
  return best ? best : index.by_insee(code);
}

// What to put in q to designate exactly this commune: its INSEE code, unless that code is also a postcode, in
// which case its name (names are unique within the reference list's exact-name matching).
std::string commune_query(const geo::CommuneIndex& index, const domain::Commune& c) {
  return index.by_postcode(c.insee).empty() ? c.insee : c.name;
}

Resolution resolve(const geo::CommuneIndex& index, const std::string& q) {
  Resolution r;
  if (is_code(q)) {
    r.origin = resolve_code(index, q);
    return r;
  }
  const std::vector<const domain::Commune*> found = index.search(q, kCandidateLimit);
  const std::string wanted = geo::normalise_place_name(q);
  std::vector<const domain::Commune*> exact;
  for (const domain::Commune* c : found) {
    if (geo::normalise_place_name(c->name) == wanted) exact.push_back(c);
  }
  if (exact.size() == 1) {
    r.origin = exact.front();
  } else if (found.size() == 1) {
    r.origin = found.front();
  } else {
    r.candidates = exact.size() > 1 ? exact : found;
  }
  return r;
}

std::string results_heading(const Search& s, const service::DirectoryResult& result, Lang lang) {
  const long n = static_cast<long>(result.hits.size());
  if (result.origin) {
    if (s.within_km) {
      return format_count(lang, "results.within", n,
                          {{"km", km_value(*s.within_km, lang)}, {"commune", result.origin->name}});
    }
    return format_count(lang, "results.near", n, {{"commune", result.origin->name}});
  }
  if (s.has_filters()) return format_count(lang, "results.filtered", n);
  return std::string(tr(lang, "results.network_heading"));
}

std::string map_svg(const App& app, const Search& s, const service::DirectoryResult& result, const std::string& heading,
                    Lang lang) {
  std::vector<geo::MapMarker> markers;
  markers.reserve(result.hits.size());
  for (const service::CentreHit& hit : result.hits) markers.push_back(centre_marker(*hit.centre, lang));
  geo::MapOptions options;
  options.title = format_message(lang, "map.title", {{"heading", heading}});
  options.description = std::string(tr(lang, "map.description"));
  if (result.origin) {
    options.highlight_insee = result.origin->insee;
    options.description += " " + format_message(lang, "map.highlight", {{"commune", result.origin->name}});
    if (s.within_km) {
      options.radius_km = *s.within_km;
      options.radius_centre = result.origin->centre;
      options.description +=
          " " +
          format_message(lang, "map.radius", {{"km", km_value(*s.within_km, lang)}, {"commune", result.origin->name}});
    }
  }
  return app.map.render(markers, options);
}

Response handle_home(App& app, const RequestContext& req) {
  const Lang lang = req.lang;
  Search s = read_search(req);
  json data = {{"current", {{"home", true}}}};
  std::string title(tr(lang, "home.title"));

  if (!s.errors.empty()) {
    std::string message;
    for (const std::string& e : s.errors) message += (message.empty() ? "" : " ") + e;
    data["form"] = form_json(s, lang, false);
    data["error"] = message;
    return render_page(app, req, "home", data, std::string(tr(lang, "search.error_title")) + " — " + title, 400);
  }

  service::CentreQuery query;
  query.within_km = s.within_km;
  query.services = s.services;
  query.statuses = s.statuses;
  query.accessible_only = s.accessible;

  if (!s.q.empty()) {
    const auto snapshot = app.directory.snapshot();
    const Resolution r = resolve(snapshot->communes, s.q);
    if (!r.origin && r.candidates.empty()) {
      data["form"] = form_json(s, lang, true);
      data["no_match"] = format_message(lang, "search.no_match", {{"q", s.q}});
      return render_page(app, req, "home", data, std::string(tr(lang, "search.no_match_title")) + " — " + title);
    }
    if (!r.origin) {
      json items = json::array();
      const std::string rest = filters_query(s, lang);
      for (const domain::Commune* c : r.candidates) {
        items.push_back({{"href", "/?q=" + percent_encode(commune_query(snapshot->communes, *c)) + rest},
                         {"label", commune_choice_label(*c)}});
      }
      data["form"] = form_json(s, lang, false);
      data["candidates"] = {{"intro", format_message(lang, "search.candidates_intro", {{"q", s.q}})},
                            {"items", std::move(items)}};
      return render_page(app, req, "home", data, std::string(tr(lang, "search.candidates_heading")) + " — " + title);
    }
    query.near = r.origin->insee;
  } else {
    query.within_km.reset();  // a distance needs an origin
  }

  service::DirectoryResult result;
  try {
    result = app.directory.find_centres(query);
  } catch (const service::ServiceError& e) {
    if (e.kind != service::ServiceError::Kind::Invalid && e.kind != service::ServiceError::Kind::NotFound) throw;
    data["form"] = form_json(s, lang, false);
    data["error"] = lang == Lang::En ? e.message_en : e.message_fr;
    const unsigned status = e.kind == service::ServiceError::Kind::Invalid ? 400 : 200;
    return render_page(app, req, "home", data, std::string(tr(lang, "search.error_title")) + " — " + title, status);
  }

  const std::string heading = results_heading(s, result, lang);
  json results = {{"heading", heading}, {"has_hits", !result.hits.empty()}};
  // A national network lists thousands of centres: the cards come a page at a time, the map shows them all.
  const auto page = page_param(req);
  if (!page) return bad_page_number(app, req);
  const auto total = static_cast<int>(result.hits.size());
  const int pages = std::max(1, (total + kCardsPerPage - 1) / kCardsPerPage);
  if (*page > pages)
    return error_page(app, req, 404, "Cette page de résultats n'existe pas.", "This page of results does not exist.");
  const int first = (*page - 1) * kCardsPerPage;
  const int last = std::min(total, first + kCardsPerPage);
  json hits = json::array();
  for (int i = first; i < last; ++i) hits.push_back(card_json(result.hits[static_cast<std::size_t>(i)], lang));
  results["hits"] = std::move(hits);
  if (pages > 1) {
    auto href = [&req](int n) {
      return req.url_with("page", n == 1 ? std::nullopt : std::optional(std::to_string(n)));
    };
    results["pages"] = {
        {"start", first + 1},
        {"range", format_message(lang, "results.pages.range",
                                 {{"first", std::to_string(first + 1)},
                                  {"last", std::to_string(last)},
                                  {"total", format_number(total, 0, lang)}})},
        {"current", format_message(lang, "results.pages.current",
                                   {{"page", std::to_string(*page)}, {"pages", std::to_string(pages)}})},
        {"first", *page > 2 ? json(href(1)) : json(false)},
        {"previous", *page > 1 ? json(href(*page - 1)) : json(false)},
        {"next", *page < pages ? json(href(*page + 1)) : json(false)},
    };
  }

  const bool overview = !result.origin && !s.has_filters();
  if (overview) {
    std::map<domain::CentreStatus, long> counts;
    for (const service::CentreHit& hit : result.hits) ++counts[hit.centre->status];
    json status_counts = json::array();
    for (domain::CentreStatus st : kStatusOrder) {
      if (counts[st] == 0) continue;
      status_counts.push_back(
          {{"icon", status_icon_svg(st)},
           {"text", format_count(lang, "status_count." + std::string(domain::to_string(st)), counts[st])}});
    }
    results["has_status_counts"] = !status_counts.empty();
    results["status_counts"] = std::move(status_counts);
    results["summary"] = format_count(lang, "results.by_name", static_cast<long>(result.hits.size()));
  } else {
    title = heading;
  }
  if (result.hits.empty()) {
    results["empty_message"] = std::string(tr(lang, "results.empty"));
  } else {
    results["map"] =
        map_figure_json(map_svg(app, s, result, heading, lang), std::string(tr(lang, "map.caption")), lang);
  }

  data["form"] = form_json(s, lang, false);
  data["results"] = std::move(results);
  if (*page > 1)
    title = format_message(lang, "results.pages.title", {{"title", title}, {"page", std::to_string(*page)}});
  return render_page(app, req, "home", data, title);
}

}  // namespace

void add_home_page_routes(Router& r, App& app) {
  r.add({Method::Get, "/", [&app](const RequestContext& req) { return handle_home(app, req); }, Exec::Pool,
         "Home page: search the directory by commune, distance, services and accessibility (HTML)"});
}

}  // namespace tc::web
