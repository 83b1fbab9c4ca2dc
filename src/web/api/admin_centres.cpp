// The council's writes on centres: create, edit, change status; premises conformity; ZRR reclassifications.
// Rules and permissions are the service's (service/network.h); this file maps JSON and statuses.
#include "service/network.h"
#include "web/api/centre_input.h"
#include "web/api/centre_json.h"
#include "web/api/json_body.h"
#include "web/app.h"
#include "web/auth.h"

namespace tc::web {

namespace {

using nlohmann::json;

// The centre as the directory shows it, read after the write (this process's commit refreshes the snapshot).
Response centre_response(App& app, domain::CentreId id, unsigned status) {
  auto found = app.directory.centre(id);
  if (!found || found->hits.empty())
    return json_response({{"id", id}}, status);  // cannot happen for a centre just written; keep the answer honest
  Response r = json_response(centre_detail_json(found->hits.front()), status);
  r.header("Cache-Control", "no-store");
  return r;
}

json criterion_json(const domain::Criterion& c) {
  return {{"code", c.code}, {"passed", c.passed}, {"message_fr", c.message_fr}, {"message_en", c.message_en}};
}

json conformity_json(const service::ConformityView& v) {
  json criteria = json::array();
  for (const auto& c : v.result.criteria) criteria.push_back(criterion_json(c));
  return {{"centre_id", v.centre.id},
          {"name", v.centre.name},
          {"status", domain::to_string(v.centre.status)},
          {"ruleset", v.result.ruleset},
          {"conforming", v.result.conforming()},
          {"criteria", criteria}};
}

Response create(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  if (!actor.is_admin()) return problem(req, 403, "Réservé aux administrateurs du réseau.", "Admins only.");
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const domain::Centre c = app.admin.create_centre(actor, centre_from_json(std::get<json>(parsed)));
  Response r = centre_response(app, c.id, 201);
  r.header("Location", "/api/v1/centres/" + std::to_string(c.id));
  return r;
}

Response patch(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  const auto id = path_id(req);
  const domain::Centre base = app.admin.managed_centre(actor, id);  // 404 unless the caller manages it
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  app.admin.update_centre(actor, id, centre_patch_from_json(std::get<json>(parsed), base));
  return centre_response(app, id, 200);
}

Response status(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  if (!actor.is_admin()) return problem(req, 403, "Réservé aux administrateurs du réseau.", "Admins only.");
  const auto id = path_id(req);
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  service::StatusRequest in;
  const std::string wanted = required_string(body, "status");
  auto s = domain::parse_centre_status(wanted);
  if (!s)
    return problem(req, 400, "« status » vaut planned, opening, in_service ou closed.",
                   "\"status\" is planned, opening, in_service or closed.", "status");
  in.status = *s;
  in.on = optional_string(body, "on").value_or("");
  in.override_reason = optional_string(body, "override_reason").value_or("");
  app.admin.change_status(actor, id, in);
  return centre_response(app, id, 200);
}

Response conformity(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto id = path_id(req);
  Response r = json_response(conformity_json(
      app.admin.conformity(std::get<service::Caller>(who).actor, id, std::string(req.param("ruleset").value_or("")))));
  r.header("Cache-Control", "no-store");
  return r;
}

Response network_conformity(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const std::string ruleset(req.param("ruleset").value_or(""));
  json centres = json::array();
  const auto views = app.admin.network_conformity(std::get<service::Caller>(who).actor, ruleset);
  for (const auto& v : views) centres.push_back(conformity_json(v));
  Response r =
      json_response({{"ruleset", ruleset.empty() ? app.admin.conformity_ruleset() : ruleset}, {"centres", centres}});
  r.header("Cache-Control", "no-store");
  return r;
}

json zrr_json(const domain::ZrrChange& z) {
  return {{"insee", z.insee}, {"from", z.from.iso()}, {"zrr", z.zrr}, {"note", z.note}};
}

Response zrr_changes(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const std::string insee = req.path_params.at("insee");
  json list = json::array();
  for (const auto& z : app.admin.zrr_changes(std::get<service::Caller>(who).actor, insee)) list.push_back(zrr_json(z));
  return json_response({{"insee", insee}, {"changes", list}});
}

Response add_zrr_change(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  if (!actor.is_admin()) return problem(req, 403, "Réservé aux administrateurs du réseau.", "Admins only.");
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  auto zrr = optional_bool(body, "zrr");
  if (!zrr)
    return problem(req, 400, "Le champ « zrr » (true ou false) est obligatoire.",
                   "\"zrr\" (true or false) is required.", "zrr");
  const auto change = app.admin.record_zrr_change(actor, req.path_params.at("insee"), required_string(body, "from"),
                                                  *zrr, optional_string(body, "note").value_or(""));
  return json_response(zrr_json(change), 201);
}

}  // namespace

void add_admin_api_routes(Router& r, App& app) {
  r.add({Method::Post, "/api/v1/centres", [&app](const RequestContext& req) { return create(app, req); }, Exec::Pool,
         "Create a centre (admins)"});
  r.add({Method::Patch, "/api/v1/centres/{id}", [&app](const RequestContext& req) { return patch(app, req); },
         Exec::Pool, "Edit a centre (admins; its hosts: hours, closures, services)"});
  r.add({Method::Post, "/api/v1/centres/{id}/status", [&app](const RequestContext& req) { return status(app, req); },
         Exec::Pool, "Change a centre's status (admins)"});
  r.add({Method::Get, "/api/v1/centres/{id}/conformity",
         [&app](const RequestContext& req) { return conformity(app, req); }, Exec::Pool,
         "Premises conformity of a centre (admins, its hosts)"});
  r.add({Method::Get, "/api/v1/conformity", [&app](const RequestContext& req) { return network_conformity(app, req); },
         Exec::Pool, "Premises conformity of every centre (admins)"});
  r.add({Method::Get, "/api/v1/communes/{insee}/zrr-changes",
         [&app](const RequestContext& req) { return zrr_changes(app, req); }, Exec::Pool,
         "A commune's dated ZRR reclassifications (admins)"});
  r.add({Method::Post, "/api/v1/communes/{insee}/zrr-changes",
         [&app](const RequestContext& req) { return add_zrr_change(app, req); }, Exec::Pool,
         "Record a ZRR reclassification (admins)"});
}

}  // namespace tc::web
