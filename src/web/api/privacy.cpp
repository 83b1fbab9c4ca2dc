// Personal data and account recovery: export, erasure, the audit log, and password reset.
#include <charconv>

#include "service/errors.h"
#include "service/privacy.h"
#include "web/api/json_body.h"
#include "web/app.h"
#include "web/auth.h"

namespace tc::web {

namespace {

using nlohmann::json;

json export_json(const service::PersonExport& e) {
  json consents = json::array();
  for (const auto& [version, at] : e.consents) consents.push_back({{"notice_version", version}, {"at", at}});
  json applications = json::array();
  for (const auto& r : e.applications) {
    const auto& a = r.application;
    json history = json::array();
    for (const auto& t : a.history)
      history.push_back({{"from", domain::to_string(t.from)},
                         {"to", domain::to_string(t.to)},
                         {"at", t.at_utc},
                         {"message", t.message}});
    applications.push_back({{"id", a.id},
                            {"centre_id", a.centre_id},
                            {"rank", a.rank},
                            {"days_per_week", a.days_per_week},
                            {"start_date", a.start_date.iso()},
                            {"motivation", a.motivation},
                            {"heard_from", r.heard_from},
                            {"state", domain::to_string(a.state)},
                            {"submitted_at", a.submitted_at_utc},
                            {"history", history}});
  }
  json tokens = json::array();
  for (const auto& t : e.api_tokens)
    tokens.push_back({{"id", t.id}, {"label", t.label}, {"created_at", t.created_at}, {"revoked_at", t.revoked_at}});
  json categories = json::array();
  for (const auto& ch : e.category_history)
    categories.push_back({{"from", ch.from ? json(domain::to_string(*ch.from)) : json(nullptr)},
                          {"to", domain::to_string(ch.to)},
                          {"changed_on", ch.on.iso()},
                          {"at", ch.at}});
  json company = nullptr;
  if (e.company)
    company = {{"company_id", e.company->company_id},
               {"name", e.company->company_name},
               {"linked_on", e.company->linked_on.iso()}};
  const auto& p = e.profile;
  return {{"account",
           {{"id", e.account.id},
            {"email", e.account.email},
            {"created_at", e.account.created_at},
            {"roles", e.account.roles},
            {"host_centres", e.account.host_centres}}},
          {"profile",
           {{"display_name", p.display_name},
            {"home_commune", p.home_commune_insee},
            {"category", domain::to_string(p.category)},
            {"workplace_commune", p.workplace_commune_insee},
            {"employer", p.employer},
            {"needs",
             {{"step_free", p.needs.step_free},
              {"fax", p.needs.fax},
              {"printing", p.needs.printing},
              {"videoconference", p.needs.videoconference}}},
            {"rqth", p.rqth ? json(*p.rqth) : json(nullptr)}}},
          {"consents", consents},
          {"applications", applications},
          {"api_tokens", tokens},
          {"category_history", categories},
          {"company", company}};
}

Response export_me(App& app, const RequestContext& req) {
  auto caller = identify(app, req);
  if (!caller) return unauthenticated(req);
  Response r = json_response(export_json(app.privacy.export_person(caller->actor.id)));
  r.header("Content-Disposition", "attachment; filename=\"mes-donnees-telecentres.json\"");
  r.header("Cache-Control", "no-store");
  return r;
}

Response erase(App& app, const RequestContext& req, std::optional<domain::PersonId> target) {
  auto caller = identify(app, req);
  if (!caller) return unauthenticated(req);
  if (!csrf_ok(*caller, req)) return csrf_refused(req);
  std::string password;
  if (!target) {
    auto parsed = json_body(req);
    if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
    auto pw = string_field(std::get<json>(parsed), "password");
    if (!pw)
      return problem(req, 400, "Confirmez l'effacement avec votre mot de passe (« password »).",
                     "Confirm the erasure with your password (\"password\").", "password");
    password = *pw;
  }
  const domain::PersonId person = target.value_or(caller->actor.id);
  app.privacy.erase(caller->actor, person, password);
  Response r = json_response({{"erased", person}});
  if (person == caller->actor.id && caller->by_session)
    r.header("Set-Cookie", cleared_session_cookie(secure_cookies(app, req)));
  return r;
}

Response erase_person(App& app, const RequestContext& req) {
  const std::string& raw = req.path_params.at("id");
  domain::PersonId id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc{} || p != raw.data() + raw.size() || id <= 0)
    return problem(req, 400, "Identifiant de personne invalide.", "Invalid person id.", "id");
  return erase(app, req, id);
}

Response audit(App& app, const RequestContext& req) {
  auto caller = identify(app, req);
  if (!caller) return unauthenticated(req);
  int limit = 100, offset = 0;
  for (auto [name, target, max] : {std::tuple{"limit", &limit, 1000}, std::tuple{"offset", &offset, 1000000}})
    if (auto v = req.param(name)) {
      auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), *target);
      if (ec != std::errc{} || p != v->data() + v->size() || *target < 0 || *target > max)
        return problem(req, 400, std::string("Paramètre « ") + name + " » invalide.",
                       std::string("Invalid \"") + name + "\" parameter.", name);
    }
  json entries = json::array();
  for (const auto& e : app.privacy.audit_log(caller->actor, limit, offset))
    entries.push_back({{"id", e.id},
                       {"at", e.at},
                       {"actor_id", e.actor_id ? json(*e.actor_id) : json(nullptr)},
                       {"action", e.action},
                       {"subject", e.subject},
                       {"detail", e.detail}});
  Response r = json_response({{"entries", entries}});
  r.header("Cache-Control", "no-store");
  return r;
}

Response request_reset(App& app, const RequestContext& req) {
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  auto email = string_field(std::get<json>(parsed), "email");
  if (!email)
    return problem(req, 400, "Le champ « email » est obligatoire.", "The \"email\" field is required.", "email");
  app.accounts.request_password_reset(*email, app.public_url);
  // The same answer whether or not the account exists.
  return json_response(
      {{"detail", req.lang == Lang::En ? "If an account uses this address, a reset link has been sent to it."
                                       : "Si un compte utilise cette adresse, un lien de réinitialisation lui a été "
                                         "envoyé."}},
      202);
}

Response confirm_reset(App& app, const RequestContext& req) {
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  auto token = string_field(body, "token");
  auto password = string_field(body, "password");
  if (!token)
    return problem(req, 400, "Le champ « token » est obligatoire.", "The \"token\" field is required.", "token");
  if (!password)
    return problem(req, 400, "Le champ « password » est obligatoire.", "The \"password\" field is required.",
                   "password");
  app.accounts.reset_password(*token, *password);
  Response r;
  r.status = 204;
  return r;
}

}  // namespace

void add_privacy_api_routes(Router& r, App& app) {
  r.add({Method::Get, "/api/v1/me/export", [&app](const RequestContext& req) { return export_me(app, req); },
         Exec::Pool, "Download all my data"});
  r.add({Method::Post, "/api/v1/me/erase", [&app](const RequestContext& req) { return erase(app, req, std::nullopt); },
         Exec::Pool, "Erase my personal data"});
  r.add({Method::Post, "/api/v1/people/{id}/erase",
         [&app](const RequestContext& req) { return erase_person(app, req); }, Exec::Pool,
         "Erase a person's data (admins)"});
  r.add({Method::Get, "/api/v1/audit", [&app](const RequestContext& req) { return audit(app, req); }, Exec::Pool,
         "The audit log (admins)"});
  r.add({Method::Post, "/api/v1/password-reset", [&app](const RequestContext& req) { return request_reset(app, req); },
         Exec::Pool, "Ask for a password reset link"});
  r.add({Method::Post, "/api/v1/password-reset/confirm",
         [&app](const RequestContext& req) { return confirm_reset(app, req); }, Exec::Pool,
         "Set a new password from a reset link"});
}

}  // namespace tc::web
