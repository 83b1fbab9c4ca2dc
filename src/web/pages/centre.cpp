// GET /centres/{id} — everything the directory knows about one telecentre, in words: who hosts it, where, what
// it offers, how accessible it is, when it opens (a real table), when it closes, its history, and a small map.
// What people typed about a centre (description, reasons, specialities, office and post names) is French: the
// template marks it lang="fr", so that an English page still has it read with the right voice (WCAG 3.1.2).
#include <charconv>
#include <string>
#include <vector>

#include "web/app.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using nlohmann::json;

std::optional<domain::CentreId> parse_id(std::string_view text) {
  domain::CentreId id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// Only web addresses become links: a register URL is data typed by someone, and "javascript:" is not an address.
bool is_web_address(std::string_view url) { return url.starts_with("https://") || url.starts_with("http://"); }

std::string yes_no(bool b, Lang lang) { return std::string(tr(lang, b ? "common.yes" : "common.no")); }

std::string mbps(double value, Lang lang) {
  return format_number(value, value == static_cast<double>(static_cast<long long>(value)) ? 0 : 1, lang);
}

json hours_json(const domain::Centre& c, Lang lang) {
  json rows = json::array();
  for (int day = 1; day <= 7; ++day) {
    std::vector<std::string> morning, afternoon;
    for (const domain::OpeningSlot& h : c.hours) {
      if (h.weekday != day) continue;
      std::string range = format_message(
          lang, "hours.range", {{"from", format_time(h.open_minute, lang)}, {"to", format_time(h.close_minute, lang)}});
      (h.slot == domain::Slot::Morning ? morning : afternoon).push_back(std::move(range));
    }
    const std::string closed(tr(lang, "hours.closed"));
    rows.push_back({{"day", std::string(tr(lang, "day." + std::to_string(day)))},
                    {"morning", morning.empty() ? closed : join(morning, ", ")},
                    {"morning_closed", morning.empty()},
                    {"afternoon", afternoon.empty() ? closed : join(afternoon, ", ")},
                    {"afternoon_closed", afternoon.empty()}});
  }
  return rows;
}

json accessibility_json(const domain::Accessibility& a, Lang lang) {
  std::string erp(tr(lang, "access.erp.unknown"));
  if (a.erp_category) {
    erp = *a.erp_category == 1 ? std::string(tr(lang, "access.erp.first"))
                               : format_message(lang, "access.erp.other", {{"n", std::to_string(*a.erp_category)}});
  }
  json rows = json::array({
      {{"label", std::string(tr(lang, "access.step_free"))}, {"value", yes_no(a.step_free, lang)}},
      {{"label", std::string(tr(lang, "access.adapted_toilets"))}, {"value", yes_no(a.adapted_toilets, lang)}},
      {{"label", std::string(tr(lang, "access.reserved_parking"))}, {"value", yes_no(a.reserved_parking, lang)}},
      {{"label", std::string(tr(lang, "access.erp_category"))}, {"value", erp}},
  });
  json out = {{"summary", accessibility_summary(a, lang)}, {"rows", std::move(rows)}, {"register_url", false}};
  if (is_web_address(a.register_url)) out["register_url"] = a.register_url;
  return out;
}

json centre_json(const App& app, const service::CentreHit& hit, Lang lang) {
  const domain::Centre& c = *hit.centre;

  const domain::Date since = c.history.empty() ? domain::Date{} : c.history.back().on;
  std::string status_since = c.history.empty()
                                 ? status_label(c.status, lang)
                                 : format_message(lang, "status.since." + std::string(domain::to_string(c.status)),
                                                  {{"date", format_date(since, lang)}});

  json history = json::array();
  for (const domain::StatusChange& h : c.history) {
    history.push_back(
        {{"text", format_message(lang, "history.item",
                                 {{"date", format_date(h.on, lang)}, {"status", status_label(h.status, lang)}})}});
  }

  json offices = json::array();
  for (const domain::Office& o : c.offices) {
    std::vector<std::string> labels;
    for (const domain::Post& p : o.posts) labels.push_back(p.label);
    offices.push_back({{"name", o.name},
                       {"posts_count", format_count(lang, "capacity.posts", static_cast<long>(o.posts.size()))},
                       {"posts_labels", labels.empty() ? json(false) : json(join(labels, ", "))}});
  }

  json services = json::array();
  std::vector<std::string> missing;
  for (domain::Service s : domain::kAllServices) {
    if (s == domain::Service::Reception || s == domain::Service::Broadband) continue;  // written in full apart
    if (c.services.has(s)) {
      services.push_back(service_label(s, lang));
    } else {
      missing.push_back(service_label(s, lang));
    }
  }
  json broadband = false;
  if (c.services.has(domain::Service::Broadband)) {
    broadband = format_message(
        lang, "centre.broadband",
        {{"down", mbps(c.services.broadband_down_mbps, lang)}, {"up", mbps(c.services.broadband_up_mbps, lang)}});
  } else {
    missing.push_back(service_label(domain::Service::Broadband, lang));
  }

  json closures = json::array();
  for (const domain::Closure& cl : c.closures) {
    closures.push_back(
        {{"text", format_closure(cl, lang)}, {"reason", cl.reason.empty() ? json(false) : json(cl.reason)}});
  }

  const std::string commune = hit.commune ? hit.commune->name : c.commune_insee;
  json specialities = c.specialities;

  geo::MapOptions options;
  options.width = 480;
  options.title = format_message(lang, "map.title_centre", {{"name", c.name}});
  options.description = std::string(tr(lang, "map.description"));
  if (hit.commune) {
    options.highlight_insee = hit.commune->insee;
    options.description += " " + format_message(lang, "map.highlight", {{"commune", hit.commune->name}});
  }
  std::string svg = app.map.render({centre_marker(c, lang)}, options);

  return {
      {"id", c.id},
      {"href", centre_href(c.id, lang)},
      {"name", c.name},
      {"status", status_json(c.status, lang)},
      {"status_since", status_since},
      {"description", c.description.empty() ? json(false) : json(c.description)},
      {"host_authority", c.host_authority},
      {"address", c.address},
      {"commune", commune},
      {"zrr", yes_no(hit.zrr, lang)},
      {"zrr_override_reason",
       c.zrr_override && !c.zrr_override->reason.empty() ? json(c.zrr_override->reason) : json(false)},
      {"has_specialities", !c.specialities.empty()},
      {"specialities", std::move(specialities)},
      {"capacity", capacity_text(c, lang)},
      {"offices", std::move(offices)},
      {"reception", reception_label(c.services.reception, lang)},
      {"services", std::move(services)},
      {"broadband", std::move(broadband)},
      {"has_missing_services", !missing.empty()},
      {"missing_services", join(missing, ", ")},
      {"accessibility", accessibility_json(c.accessibility, lang)},
      {"has_hours", !c.hours.empty()},
      {"hours", hours_json(c, lang)},
      {"hours_caption", format_message(lang, "centre.hours_caption", {{"name", c.name}})},
      {"has_closures", !c.closures.empty()},
      {"closures", std::move(closures)},
      {"history", std::move(history)},
      {"map", map_figure_json(std::move(svg), std::string(tr(lang, "map.caption_centre")), lang)},
      // The way to apply (the _app_apply_link partial), on every centre but a closed one.
      {"apply", c.status == domain::CentreStatus::Closed
                    ? json(false)
                    : json{{"href", with_lang("/candidatures/nouvelle?centre=" + std::to_string(c.id), lang)},
                           {"name", c.name}}},
  };
}

Response handle_centre(App& app, const RequestContext& req) {
  const auto it = req.path_params.find("id");
  const std::optional<domain::CentreId> id = it == req.path_params.end() ? std::nullopt : parse_id(it->second);
  std::optional<service::DirectoryResult> found;
  if (id) found = app.directory.centre(*id);
  if (!found || found->hits.empty()) {
    return error_page(app, req, 404, tr(Lang::Fr, "centre.not_found"), tr(Lang::En, "centre.not_found"));
  }
  const service::CentreHit& hit = found->hits.front();
  json data = {{"centre", centre_json(app, hit, req.lang)}};
  return render_page(app, req, "centre", data, hit.centre->name);
}

}  // namespace

void add_centre_page_routes(Router& r, App& app) {
  r.add({Method::Get, "/centres/{id}", [&app](const RequestContext& req) { return handle_centre(app, req); },
         Exec::Pool, "A telecentre's page: status, services, accessibility, hours, closures, map (HTML)"});
}

}  // namespace tc::web
