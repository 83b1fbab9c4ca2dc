// /api/v1/applications — apply, list, read, decide, withdraw. Permissions are the service's; this file maps JSON.
#include <charconv>

#include "service/applications.h"
#include "web/api/json_body.h"
#include "web/app.h"
#include "web/auth.h"

namespace tc::web {

namespace {

using nlohmann::json;

json application_json(const service::ApplicationView& v) {
  const auto& a = v.row.application;
  json history = json::array();
  for (const auto& t : a.history)
    history.push_back({{"from", domain::to_string(t.from)},
                       {"to", domain::to_string(t.to)},
                       {"by", t.by > 0 ? json(t.by) : json(nullptr)},
                       {"at", t.at_utc},
                       {"message", t.message}});
  json j = {{"id", a.id},
            {"centre_id", a.centre_id},
            {"centre_name", v.centre_name},
            {"person_id", a.person_id},
            {"rank", a.rank},
            {"days_per_week", a.days_per_week},
            {"start_date", a.start_date.iso()},
            {"motivation", a.motivation},
            {"state", domain::to_string(a.state)},
            {"submitted_at", a.submitted_at_utc},
            {"heard_via_action", a.heard_via_action ? json(*a.heard_via_action) : json(nullptr)},
            {"history", history}};
  if (v.show_applicant) {
    json applicant = {
        {"name", v.row.applicant_name},
        {"email", v.row.applicant_email},
        {"category", v.row.applicant_category ? json(domain::to_string(*v.row.applicant_category)) : json(nullptr)}};
    if (v.show_rqth) applicant["rqth"] = v.row.applicant_rqth;
    j["applicant"] = applicant;
  }
  return j;
}

std::optional<domain::ApplicationId> parse_id(const std::string& raw) {
  domain::ApplicationId id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc{} || p != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return id;
}

Response bad_id(const RequestContext& req) {
  return problem(req, 400, "L'identifiant de candidature n'est pas un entier positif.",
                 "The application id is not a positive integer.", "id");
}

Response create(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  service::Applications::ensure_may_apply(std::get<service::Caller>(who).actor);  // the gate before the input
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  service::NewApplication in;
  auto centre = integer_field(body, "centre_id");
  auto days = integer_field(body, "days_per_week");
  auto start = string_field(body, "start_date");
  auto motivation = string_field(body, "motivation");
  if (!centre)
    return problem(req, 400, "Le champ « centre_id » (entier) est obligatoire.", "\"centre_id\" (integer) is required.",
                   "centre_id");
  if (!days)
    return problem(req, 400, "Le champ « days_per_week » (entier de 1 à 5) est obligatoire.",
                   "\"days_per_week\" (integer 1 to 5) is required.", "days_per_week");
  if (!start)
    return problem(req, 400, "Le champ « start_date » (AAAA-MM-JJ) est obligatoire.",
                   "\"start_date\" (YYYY-MM-DD) is required.", "start_date");
  if (!motivation)
    return problem(req, 400, "Le champ « motivation » est obligatoire.", "\"motivation\" is required.", "motivation");
  if (motivation->size() > 20000)
    return problem(req, 413, "La motivation est trop longue.", "The motivation is too long.", "motivation");
  in.centre_id = *centre;
  in.days_per_week = static_cast<int>(std::clamp(*days, -1L, 100L));
  in.start_date = *start;
  in.motivation = *motivation;
  if (auto rank = integer_field(body, "rank")) in.rank = static_cast<int>(std::clamp(*rank, -1L, 1000L));
  in.heard_from = string_field(body, "heard_from").value_or("");
  if (const auto via = optional_integer(body, "heard_via_action")) {
    if (*via <= 0)
      return problem(req, 400, "« heard_via_action » est le numéro d'une action de communication, ou null.",
                     "\"heard_via_action\" is a communication action's id, or null.", "heard_via_action");
    in.heard_via_action = *via;
  }
  auto v = app.applications.apply(std::get<service::Caller>(who).actor, in);
  Response r = json_response(application_json(v), 201);
  r.header("Location", "/api/v1/applications/" + std::to_string(v.row.application.id));
  return r;
}

Response list(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  service::ApplicationQuery q;
  if (auto s = req.param("state")) {
    q.state = domain::parse_application_state(*s);
    if (!q.state)
      return problem(req, 400, "État de candidature inconnu : « " + *s + " ».", "Unknown application state.", "state");
  }
  if (auto c = req.param("category")) {
    q.category = domain::parse_category(*c);
    if (!q.category) return problem(req, 400, "Catégorie inconnue : « " + *c + " ».", "Unknown category.", "category");
  }
  if (auto c = req.param("centre_id")) {
    auto id = parse_id(*c);
    if (!id)
      return problem(req, 400, "« centre_id » doit être un entier positif.",
                     "\"centre_id\" must be a positive integer.", "centre_id");
    q.centre_id = *id;
  }
  for (const char* name : {"from", "to"})
    if (auto d = req.param(name)) {
      if (!domain::parse_date(*d))
        return problem(req, 400, std::string("« ") + name + " » doit être une date AAAA-MM-JJ.",
                       std::string("\"") + name + "\" must be a YYYY-MM-DD date.", name);
      (std::string_view(name) == "from" ? q.from : q.to) = *d;
    }
  json items = json::array();
  for (const auto& v : app.applications.list(std::get<service::Caller>(who).actor, q))
    items.push_back(application_json(v));
  Response r = json_response({{"applications", items}});
  r.header("Cache-Control", "no-store");
  return r;
}

Response one(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return bad_id(req);
  auto v = app.applications.get(std::get<service::Caller>(who).actor, *id);
  if (!v) return problem(req, 404, "Cette candidature n'existe pas.", "This application does not exist.");
  Response r = json_response(application_json(*v));
  r.header("Cache-Control", "no-store");
  return r;
}

Response decide(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return bad_id(req);
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  auto decision = string_field(body, "decision");
  auto state = decision ? domain::parse_application_state(*decision) : std::nullopt;
  if (!state || (*state != domain::ApplicationState::Accepted && *state != domain::ApplicationState::Waitlisted &&
                 *state != domain::ApplicationState::Declined && *state != domain::ApplicationState::UnderReview &&
                 *state != domain::ApplicationState::Ended))
    return problem(req, 400, "Le champ « decision » vaut accepted, waitlisted, declined (ou under_review, ended).",
                   "\"decision\" is accepted, waitlisted or declined (or under_review, ended).", "decision");
  auto v = app.applications.decide(std::get<service::Caller>(who).actor, *id, *state,
                                   string_field(body, "message").value_or(""));
  return json_response(application_json(v));
}

Response withdraw(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return bad_id(req);
  std::string message;
  if (!req.body.empty()) {
    auto parsed = json_body(req);
    if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
    message = string_field(std::get<json>(parsed), "message").value_or("");
  }
  auto v = app.applications.withdraw(std::get<service::Caller>(who).actor, *id, message);
  return json_response(application_json(v));
}

}  // namespace

void add_application_api_routes(Router& r, App& app) {
  r.add({Method::Post, "/api/v1/applications", [&app](const RequestContext& req) { return create(app, req); },
         Exec::Pool, "Apply to a centre"});
  r.add({Method::Get, "/api/v1/applications", [&app](const RequestContext& req) { return list(app, req); }, Exec::Pool,
         "Applications the caller may see"});
  r.add({Method::Get, "/api/v1/applications/{id}", [&app](const RequestContext& req) { return one(app, req); },
         Exec::Pool, "One application"});
  r.add({Method::Post, "/api/v1/applications/{id}/decision",
         [&app](const RequestContext& req) { return decide(app, req); }, Exec::Pool, "Decide on an application"});
  r.add({Method::Post, "/api/v1/applications/{id}/withdraw",
         [&app](const RequestContext& req) { return withdraw(app, req); }, Exec::Pool, "Withdraw an application"});
}

}  // namespace tc::web
