// The siting study over the API, for the council's admins and the network's animator:
//
//   POST /api/v1/siting                                run at once, bounded (time limit at most 30 s), so that a
//                                                      worker is never held long
//   POST /api/v1/siting/studies                        queue a background study (time limit up to 600 s): 202
//   GET  /api/v1/siting/studies                        the latest studies, newest first
//   GET  /api/v1/siting/studies/{id}                   its state, progress, request and, once done, its result
//   POST /api/v1/siting/studies/{id}/cancel            stop it (queued: at once; running: at its next progress)
//   GET  /api/v1/siting/studies/{id}/sites.csv         the proposed sites, for French Excel
//   GET  /api/v1/siting/studies/{id}/communes.csv      every commune with its nearest site
//
// Bodies are the same for the immediate run and the background study (service/siting_json.h).
#include <map>

#include "export/siting_export.h"
#include "service/siting_jobs.h"
#include "service/siting_json.h"
#include "web/api/json_body.h"
#include "web/app.h"
#include "web/auth.h"

namespace tc::web {

namespace {

using nlohmann::json;

constexpr double kImmediateSeconds = 30;
constexpr double kBackgroundSeconds = 600;

std::variant<service::Caller, Response> planner(App& app, const RequestContext& req, bool writes) {
  auto who = caller_for(app, req, writes);
  if (std::holds_alternative<Response>(who)) return who;
  const auto& actor = std::get<service::Caller>(who).actor;
  if (!actor.is_admin() && !actor.has(domain::Role::Animator))
    return problem(req, 403, "L'étude d'implantation est réservée au conseil et à l'animation.",
                   "The siting study is for the council and the network's animator.");
  return who;
}

Response run(App& app, const RequestContext& req) {
  auto who = planner(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const service::SitingRequest r = service::siting_request_from_json(std::get<json>(parsed), kImmediateSeconds);
  const auto res = app.siting.run(std::get<service::Caller>(who).actor, r);
  Response out = json_response(service::siting_result_json(r, res));
  out.header("Cache-Control", "no-store");
  return out;
}

std::string study_href(domain::StudyId id) { return "/api/v1/siting/studies/" + std::to_string(id); }

json study_summary(const domain::StudyRecord& s) {
  json error = nullptr;
  if (!s.error_fr.empty())
    error = {
        {"fr", s.error_fr}, {"en", s.error_en}, {"field", s.error_field.empty() ? json(nullptr) : json(s.error_field)}};
  auto optional_text = [](const std::string& t) { return t.empty() ? json(nullptr) : json(t); };
  return {{"id", s.id},
          {"title", s.title},
          {"status", to_string(s.status)},
          {"progress", s.progress},
          {"stage", s.stage},
          {"cancel_requested", s.cancel_requested},
          {"created_by", s.created_by},
          {"created_at", s.created_at},
          {"started_at", optional_text(s.started_at)},
          {"finished_at", optional_text(s.finished_at)},
          {"error", std::move(error)},
          {"href", study_href(s.id)}};
}

Response submit(App& app, const RequestContext& req) {
  auto who = planner(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  const service::SitingRequest r = service::siting_request_from_json(body, kBackgroundSeconds);
  const domain::StudyId id =
      app.studies.submit(std::get<service::Caller>(who).actor, r, optional_string(body, "title").value_or(""));
  Response out = json_response(study_summary(app.studies.get(std::get<service::Caller>(who).actor, id)), 202);
  out.header("Location", study_href(id));
  out.header("Cache-Control", "no-store");
  return out;
}

Response list(App& app, const RequestContext& req) {
  auto who = planner(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  json items = json::array();
  for (const auto& s : app.studies.recent(std::get<service::Caller>(who).actor)) items.push_back(study_summary(s));
  Response out = json_response({{"items", std::move(items)}});
  out.header("Cache-Control", "no-store");
  return out;
}

Response one(App& app, const RequestContext& req) {
  auto who = planner(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto s = app.studies.get(std::get<service::Caller>(who).actor, path_id(req));
  json body = study_summary(s);
  body["request"] = s.request_json.empty() ? json(nullptr) : json::parse(s.request_json);
  body["result"] = s.result_json.empty() ? json(nullptr) : json::parse(s.result_json);
  Response out = json_response(body);
  out.header("Cache-Control", "no-store");
  return out;
}

Response cancel(App& app, const RequestContext& req) {
  auto who = planner(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  const domain::StudyId id = path_id(req);
  app.studies.cancel(actor, id);
  Response out = json_response(study_summary(app.studies.get(actor, id)), 202);
  out.header("Cache-Control", "no-store");
  return out;
}

// The result of a done study, or the 409 that says it has none yet.
std::variant<json, Response> result_of(App& app, const RequestContext& req, const service::Caller& caller) {
  const auto s = app.studies.get(caller.actor, path_id(req));
  if (s.status != domain::StudyStatus::Done)
    return problem(req, 409, "Cette étude n'a pas de résultat (elle n'est pas terminée).",
                   "This study has no result (it has not finished).");
  return json::parse(s.result_json);
}

Response csv_download(std::string body, const std::string& filename) {
  Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(body);
  r.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.header("Cache-Control", "no-store");
  return r;
}

Response sites_csv(App& app, const RequestContext& req) {
  auto who = planner(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto result = result_of(app, req, std::get<service::Caller>(who));
  if (auto* r = std::get_if<Response>(&result)) return std::move(*r);
  std::vector<exports::SitingSiteRow> rows;
  for (const auto& s : std::get<json>(result).at("sites"))
    rows.push_back({s.at("insee").get<std::string>(), s.at("name").get<std::string>(), s.at("fixed").get<bool>(),
                    s.at("served").get<double>(), s.at("marginal").is_number() ? s.at("marginal").get<double>() : 0});
  return csv_download(exports::siting_sites_csv(rows), "etude-" + std::to_string(path_id(req)) + "-sites.csv");
}

Response communes_csv(App& app, const RequestContext& req) {
  auto who = planner(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto result = result_of(app, req, std::get<service::Caller>(who));
  if (auto* r = std::get_if<Response>(&result)) return std::move(*r);
  const json& res = std::get<json>(result);
  std::map<std::string, std::string> names;
  for (const auto& c : res.at("communes")) names[c.at("insee").get<std::string>()] = c.at("name").get<std::string>();
  for (const auto& s : res.at("sites")) names[s.at("insee").get<std::string>()] = s.at("name").get<std::string>();
  std::vector<exports::SitingCommuneRow> rows;
  for (const auto& c : res.at("communes")) {
    const std::string nearest = c.at("nearest").get<std::string>();
    rows.push_back({c.at("insee").get<std::string>(), c.at("name").get<std::string>(), c.at("demand").get<double>(),
                    nearest, names[nearest], c.at("minutes").is_number() ? c.at("minutes").get<double>() : 0,
                    c.at("covered").get<bool>()});
  }
  return csv_download(exports::siting_communes_csv(rows), "etude-" + std::to_string(path_id(req)) + "-communes.csv");
}

}  // namespace

void add_siting_api_routes(Router& r, App& app) {
  r.add({Method::Post, "/api/v1/siting", [&app](const RequestContext& req) { return run(app, req); }, Exec::Pool,
         "Run the siting study at once, at most 30 s (admins, animator)"});
  r.add({Method::Post, "/api/v1/siting/studies", [&app](const RequestContext& req) { return submit(app, req); },
         Exec::Pool, "Queue a background siting study, 202 (admins, animator)"});
  r.add({Method::Get, "/api/v1/siting/studies", [&app](const RequestContext& req) { return list(app, req); },
         Exec::Pool, "The latest siting studies (admins, animator)"});
  r.add({Method::Get, "/api/v1/siting/studies/{id}", [&app](const RequestContext& req) { return one(app, req); },
         Exec::Pool, "A siting study: state, progress, request, result (admins, animator)"});
  r.add({Method::Post, "/api/v1/siting/studies/{id}/cancel",
         [&app](const RequestContext& req) { return cancel(app, req); }, Exec::Pool,
         "Cancel a siting study (admins, animator)"});
  r.add({Method::Get, "/api/v1/siting/studies/{id}/sites.csv",
         [&app](const RequestContext& req) { return sites_csv(app, req); }, Exec::Pool,
         "A done study's sites as CSV (admins, animator)"});
  r.add({Method::Get, "/api/v1/siting/studies/{id}/communes.csv",
         [&app](const RequestContext& req) { return communes_csv(app, req); }, Exec::Pool,
         "A done study's communes and their nearest site as CSV (admins, animator)"});
}

}  // namespace tc::web
