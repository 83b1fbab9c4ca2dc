// POST/DELETE /api/v1/session — sign in and out; GET /api/v1/me — the signed-in person.
#include <nlohmann/json.hpp>

#include <charconv>
#include <variant>

#include "service/errors.h"
#include "web/api/json_body.h"
#include "web/app.h"
#include "web/auth.h"

namespace tc::web {

namespace {

using nlohmann::json;

json person_json(App& app, const service::Caller& caller) {
  json roles = json::array();
  for (auto r : caller.actor.roles) roles.push_back(domain::to_string(r));
  const domain::Profile p = app.accounts.profile(caller.actor.id);
  json profile = {
      {"display_name", p.display_name},
      {"home_commune", p.home_commune_insee.empty() ? json(nullptr) : json(p.home_commune_insee)},
      {"category", domain::to_string(p.category)},
      {"workplace_commune", p.workplace_commune_insee.empty() ? json(nullptr) : json(p.workplace_commune_insee)},
      {"employer", p.employer},
      {"needs",
       {{"step_free", p.needs.step_free},
        {"fax", p.needs.fax},
        {"printing", p.needs.printing},
        {"videoconference", p.needs.videoconference}}},
      {"rqth", p.rqth ? json(*p.rqth) : json(nullptr)}};
  return {{"id", caller.actor.id},
          {"email", caller.email},
          {"roles", roles},
          {"host_centres", caller.actor.host_centres},
          {"profile", profile}};
}

Response sign_in(App& app, const RequestContext& req) {
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  const auto email = string_field(body, "email");
  const auto password = string_field(body, "password");
  if (!email)
    return problem(req, 400, "Le champ « email » est obligatoire.", "The \"email\" field is required.", "email");
  if (!password)
    return problem(req, 400, "Le champ « password » est obligatoire.", "The \"password\" field is required.",
                   "password");
  auto session = app.accounts.sign_in(*email, *password, req.remote);
  auto caller = app.accounts.from_session(session.token);
  if (!caller) return problem(req, 500, "Session introuvable après connexion.", "Session lost after sign-in.");
  Response r = json_response({{"csrf_token", session.csrf_token},
                              {"expires_at", session.expires_at.iso()},
                              {"person", person_json(app, *caller)}});
  r.header("Set-Cookie", session_cookie(session.token, app.accounts.session_lifetime_s(), secure_cookies(app, req)));
  r.header("Cache-Control", "no-store");
  return r;
}

Response sign_out(App& app, const RequestContext& req) {
  auto caller = identify(app, req);
  if (!caller || !caller->by_session) return unauthenticated(req);
  if (!csrf_ok(*caller, req)) return csrf_refused(req);
  app.accounts.sign_out(cookie_value(req, kSessionCookie));
  Response r;
  r.status = 204;
  r.header("Set-Cookie", cleared_session_cookie(secure_cookies(app, req)));
  return r;
}

Response me(App& app, const RequestContext& req) {
  auto caller = identify(app, req);
  if (!caller) return unauthenticated(req);
  Response r = json_response(person_json(app, *caller));
  r.header("Cache-Control", "no-store");
  return r;
}

Response set_roles(App& app, const RequestContext& req) {
  auto caller = identify(app, req);
  if (!caller) return unauthenticated(req);
  if (!csrf_ok(*caller, req)) return csrf_refused(req);
  if (!caller->actor.is_admin())
    return problem(req, 403, "Seul un administrateur peut changer les rôles.", "Only an admin can change roles.");
  const std::string& raw = req.path_params.at("id");
  domain::PersonId id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc{} || p != raw.data() + raw.size() || id <= 0)
    return problem(req, 400, "Identifiant de personne invalide.", "Invalid person id.", "id");
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  std::vector<domain::Role> roles;
  std::vector<std::int64_t> centres;
  auto rs = body.find("roles");
  if (rs == body.end() || !rs->is_array())
    return problem(req, 400, "Le champ « roles » (liste) est obligatoire.", "\"roles\" (a list) is required.", "roles");
  for (const auto& r : *rs) {
    auto role = r.is_string() ? domain::parse_role(r.get<std::string>()) : std::nullopt;
    if (!role)
      return problem(req, 400, "Rôle inconnu : teleworker, host, animator ou admin.",
                     "Unknown role: teleworker, host, animator or admin.", "roles");
    roles.push_back(*role);
  }
  if (auto hc = body.find("host_centres"); hc != body.end()) {
    if (!hc->is_array())
      return problem(req, 400, "« host_centres » est une liste d'identifiants.", "\"host_centres\" is a list of ids.",
                     "host_centres");
    for (const auto& c : *hc) {
      if (!c.is_number_integer())
        return problem(req, 400, "« host_centres » est une liste d'identifiants.", "\"host_centres\" is a list of ids.",
                       "host_centres");
      centres.push_back(c.get<std::int64_t>());
    }
  }
  app.accounts.set_roles(caller->actor, id, roles, centres);
  return json_response({{"id", id}, {"roles", body["roles"]}, {"host_centres", centres}});
}

}  // namespace

void add_session_api_routes(Router& r, App& app) {
  r.add({Method::Put, "/api/v1/people/{id}/roles", [&app](const RequestContext& req) { return set_roles(app, req); },
         Exec::Pool, "Change a person's roles (admins)"});
  r.add({Method::Post, "/api/v1/session", [&app](const RequestContext& req) { return sign_in(app, req); }, Exec::Pool,
         "Sign in"});
  r.add({Method::Delete, "/api/v1/session", [&app](const RequestContext& req) { return sign_out(app, req); },
         Exec::Pool, "Sign out"});
  r.add({Method::Get, "/api/v1/me", [&app](const RequestContext& req) { return me(app, req); }, Exec::Pool,
         "The signed-in person"});
}

}  // namespace tc::web
