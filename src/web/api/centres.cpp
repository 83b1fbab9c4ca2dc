// GET /api/v1/centres — the directory search; GET /api/v1/centres/{id} — one whole centre.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <variant>

#include "web/api/centre_json.h"
#include "web/app.h"
#include "web/response_cache.h"

namespace tc::web {

namespace {

std::vector<std::string_view> split_list(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const auto comma = s.find(',');
    std::string_view item = s.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

bool is_code(std::string_view s) {
  if (s.size() != 5) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == 'A' || c == 'B' || c == 'a' || c == 'b')) return false;
  return true;
}

// Parses the query into a CentreQuery, or returns the 400 problem naming the faulty parameter.
std::variant<service::CentreQuery, Response> parse_centre_query(const RequestContext& req) {
  service::CentreQuery q;
  if (auto near = req.param("near")) {
    if (!is_code(*near))
      return problem(req, 400, "Le paramètre « near » doit être un code INSEE ou un code postal à 5 caractères.",
                     "The \"near\" parameter must be a 5-character INSEE code or postcode.", "near");
    q.near = *near;
  }
  if (auto w = req.param("within_km")) {
    double v = 0;
    auto [p, ec] = std::from_chars(w->data(), w->data() + w->size(), v);
    if (ec != std::errc{} || p != w->data() + w->size() || !std::isfinite(v) || v <= 0 || v > 1000)
      return problem(req, 400, "Le paramètre « within_km » doit être un nombre de kilomètres entre 0 et 1 000.",
                     "The \"within_km\" parameter must be a number of kilometres between 0 and 1,000.", "within_km");
    if (q.near.empty())
      return problem(req, 400, "Le paramètre « within_km » demande aussi « near ».",
                     "The \"within_km\" parameter requires \"near\".", "within_km");
    q.within_km = v;
  }
  for (auto [it, end] = req.query.equal_range("status"); it != end; ++it)
    for (auto item : split_list(it->second)) {
      auto s = domain::parse_centre_status(item);
      if (!s)
        return problem(req, 400,
                       "Le paramètre « status » accepte planned, opening, in_service et closed (reçu « " +
                           std::string(item) + " »).",
                       "The \"status\" parameter accepts planned, opening, in_service and closed (got \"" +
                           std::string(item) + "\").",
                       "status");
      q.statuses.push_back(*s);
    }
  for (auto [it, end] = req.query.equal_range("service"); it != end; ++it)
    for (auto item : split_list(it->second)) {
      auto s = domain::parse_service(item);
      if (!s)
        return problem(req, 400, "Service inconnu dans « service » : « " + std::string(item) + " ».",
                       "Unknown service in \"service\": \"" + std::string(item) + "\".", "service");
      q.services.push_back(*s);
    }
  if (auto a = req.param("accessible")) {
    if (*a == "true" || *a == "1")
      q.accessible_only = true;
    else if (*a != "false" && *a != "0")
      return problem(req, 400, "Le paramètre « accessible » vaut true ou false.",
                     "The \"accessible\" parameter is true or false.", "accessible");
  }
  return q;
}

Response build_list(App& app, const RequestContext& req, const std::variant<service::CentreQuery, Response>& parsed);

// free_on=YYYY-MM-DD (and slot=morning|afternoon): only centres with a free post then. Bookings do not move the
// directory's revision, so such answers are never cached.
Response list_free_on(App& app, const RequestContext& req, const std::variant<service::CentreQuery, Response>& parsed) {
  const auto date = domain::parse_date(*req.param("free_on"));
  if (!date)
    return problem(req, 400, "Le paramètre « free_on » doit être une date AAAA-MM-JJ.",
                   "The \"free_on\" parameter must be a YYYY-MM-DD date.", "free_on");
  std::optional<domain::Slot> slot;
  if (auto s = req.param("slot")) {
    slot = domain::parse_slot(*s);
    if (!slot)
      return problem(req, 400, "Le paramètre « slot » vaut morning ou afternoon.",
                     "The \"slot\" parameter is morning or afternoon.", "slot");
  }
  const auto free = app.bookings.centres_free_on(*date, slot);
  Response r = build_list(app, req, parsed);
  if (r.status != 200) return r;
  nlohmann::json body = nlohmann::json::parse(r.body);
  nlohmann::json kept = nlohmann::json::array();
  for (auto& c : body["centres"])
    if (std::find(free.begin(), free.end(), c["id"].get<domain::CentreId>()) != free.end()) kept.push_back(c);
  body["centres"] = kept;
  Response out = json_response(body);
  out.header("Cache-Control", "no-store");
  return out;
}

Response list(App& app, const RequestContext& req) {
  auto parsed = parse_centre_query(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  if (req.param("free_on")) return list_free_on(app, req, parsed);
  if (req.param("slot"))
    return problem(req, 400, "Le paramètre « slot » demande aussi « free_on ».",
                   "The \"slot\" parameter requires \"free_on\".", "slot");
  return app.cache.get_or_build(req, app.directory.snapshot()->revision, [&] { return build_list(app, req, parsed); });
}

Response build_list(App& app, const RequestContext& req, const std::variant<service::CentreQuery, Response>& parsed) {
  try {
    const auto result = app.directory.find_centres(std::get<service::CentreQuery>(parsed));
    nlohmann::json centres = nlohmann::json::array();
    for (const auto& hit : result.hits) centres.push_back(centre_summary_json(hit));
    nlohmann::json body = {{"centres", centres}};
    if (result.origin)
      body["origin"] = {{"insee", result.origin->insee},
                        {"name", result.origin->name},
                        {"location", {{"lat", result.origin->centre.lat}, {"lon", result.origin->centre.lon}}}};
    return add_etag(json_response(body));
  } catch (const std::exception& e) {
    return service_error_to_problem(req, e);
  }
}

Response one(App& app, const RequestContext& req) {
  const std::string& raw = req.path_params.at("id");
  domain::CentreId id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc{} || p != raw.data() + raw.size() || id <= 0)
    return problem(req, 400, "L'identifiant de télécentre « " + raw + " » n'est pas un entier positif.",
                   "The centre id \"" + raw + "\" is not a positive integer.", "id");
  return app.cache.get_or_build(req, app.directory.snapshot()->revision, [&] {
    auto found = app.directory.centre(id);
    if (!found)
      return problem(req, 404, "Aucun télécentre n'a l'identifiant " + raw + ".", "No centre has the id " + raw + ".");
    return add_etag(json_response(centre_detail_json(found->hits.front())));
  });
}

// Answered on the I/O thread when the response is cached for a revision known to be current. When the keeper's
// last check is too old (the machine is overloaded), the I/O thread checks the revision itself rather than
// queueing a cached read behind the pool's work, where a full queue would refuse it.
std::optional<Response> cached(App& app, const RequestContext& req) {
  if (req.param("free_on")) return std::nullopt;  // depends on bookings: never cached
  auto rev = app.directory.fresh_revision();
  if (!rev) rev = app.directory.recheck_revision();
  if (rev) return app.cache.find(req, *rev);
  return std::nullopt;
}

}  // namespace

void add_centre_api_routes(Router& r, App& app) {
  Route list_route{Method::Get, "/api/v1/centres", [&app](const RequestContext& req) { return list(app, req); },
                   Exec::Pool, "Search centres near a commune"};
  list_route.fast_path = [&app](const RequestContext& req) { return cached(app, req); };
  r.add(std::move(list_route));
  Route one_route{Method::Get, "/api/v1/centres/{id}", [&app](const RequestContext& req) { return one(app, req); },
                  Exec::Pool, "One whole centre"};
  one_route.fast_path = [&app](const RequestContext& req) { return cached(app, req); };
  r.add(std::move(one_route));
}

}  // namespace tc::web
