// The FNADT grant over HTTP: rulesets, occupancy agreements, and the statement as JSON, XLSX and CSV.
#include "export/grant_export.h"
#include "service/network.h"
#include "web/api/json_body.h"
#include "web/app.h"
#include "web/auth.h"

namespace tc::web {

namespace {

using nlohmann::json;

json optional_date(const std::optional<domain::Date>& d) { return d ? json(d->iso()) : json(nullptr); }

json ruleset_json(const domain::GrantRuleset& r) {
  return {{"id", r.id},
          {"name", r.name},
          {"description", r.description},
          {"valid_from", r.valid_from.iso()},
          {"valid_to", optional_date(r.valid_to)},
          {"centre_zrr_cents", r.centre_zrr_cents},
          {"centre_other_cents", r.centre_other_cents},
          {"post_zrr_cents", r.post_zrr_cents},
          {"post_other_cents", r.post_other_cents},
          {"envelope_cents", r.envelope_cents},
          {"agreements_count", r.occupancy.agreements_count},
          {"booked_share_percent", r.occupancy.booked_share_percent},
          {"min_broadband_mbps", r.min_broadband_mbps}};
}

json line_json(const domain::GrantLine& l) {
  return {{"centre_id", l.centre_id},
          {"name", l.name},
          {"commune", l.commune},
          {"status", domain::to_string(l.status)},
          {"zrr", l.zrr},
          {"base_cents", l.base_cents},
          {"occupied_posts", l.occupied_posts},
          {"per_post_cents", l.per_post_cents},
          {"total_cents", l.total_cents}};
}

json occupancy_json(const domain::CentreOccupancy& o) {
  json posts = json::array();
  for (const auto& p : o.posts)
    posts.push_back({{"post_id", p.post_id},
                     {"office", p.office},
                     {"label", p.label},
                     {"open_half_days", p.open_half_days},
                     {"booked_half_days", p.booked_half_days},
                     {"agreement_id", p.agreement_id ? json(*p.agreement_id) : json(nullptr)},
                     {"occupied", p.by != domain::OccupiedBy::None},
                     {"rule", domain::to_string(p.by)}});
  return {{"centre_id", o.centre_id}, {"name", o.name}, {"occupied_posts", o.occupied()}, {"posts", posts}};
}

json statement_json(const service::GrantReport& g) {
  const auto& s = g.statement;
  json centres = json::array();
  for (const auto& l : s.centres) centres.push_back(line_json(l));
  json forecast_centres = json::array();
  for (const auto& l : s.forecast_centres) forecast_centres.push_back(line_json(l));
  json occupancy = json::array();
  for (const auto& o : g.occupancy) occupancy.push_back(occupancy_json(o));
  json warnings = json::array();
  for (const auto& w : s.warnings)
    warnings.push_back({{"field", w.field}, {"message_fr", w.message_fr}, {"message_en", w.message_en}});
  return {{"ruleset", s.ruleset},
          {"from", s.from.iso()},
          {"to", s.to.iso()},
          {"zrr_date", s.zrr_date.iso()},
          {"status_date", s.status_date.iso()},
          {"envelope_cents", s.envelope_cents},
          {"total_cents", s.total_cents},
          {"payable_cents", s.payable_cents},
          {"shortfall_cents", s.shortfall_cents},
          {"remaining_cents", s.remaining_cents},
          {"centres", centres},
          {"forecast",
           {{"assumption", "every post of a planned centre occupied"},
            {"centres", forecast_centres},
            {"total_cents", s.forecast_cents},
            {"network_total_cents", s.forecast_network_cents},
            {"payable_cents", s.forecast_payable_cents},
            {"shortfall_cents", s.forecast_shortfall_cents}}},
          {"occupancy", occupancy},
          {"warnings", warnings},
          {"generated_at", g.generated_at}};
}

// The statement the query asks for: ?ruleset=NAME (default: the network's)&from=YYYY-MM-DD&to=YYYY-MM-DD.
service::GrantReport report_for(App& app, const RequestContext& req, const service::Caller& caller) {
  auto from = req.param("from");
  auto to = req.param("to");
  if (!from || !to)
    throw service::ServiceError(service::ServiceError::Kind::Invalid,
                                "Les paramètres « from » et « to » (AAAA-MM-JJ) sont obligatoires.",
                                "The \"from\" and \"to\" parameters (YYYY-MM-DD) are required.", from ? "to" : "from");
  std::string ruleset(req.param("ruleset").value_or(""));
  if (!caller.actor.is_admin())
    throw service::ServiceError(service::ServiceError::Kind::Forbidden, "Réservé aux administrateurs du réseau.",
                                "For the network's administrators only.");
  if (ruleset.empty()) ruleset = app.admin.conformity_ruleset();
  return app.admin.grant(caller.actor, ruleset, std::string(*from), std::string(*to));
}

Response statement(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  Response r = json_response(statement_json(report_for(app, req, std::get<service::Caller>(who))));
  r.header("Cache-Control", "no-store");
  return r;
}

Response download(App& app, const RequestContext& req, bool xlsx) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto g = report_for(app, req, std::get<service::Caller>(who));
  const std::string name =
      "subvention-" + g.statement.ruleset + "-" + g.statement.from.iso() + "-" + g.statement.to.iso();
  Response r;
  if (xlsx) {
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = exports::grant_xlsx(g.ruleset, g.statement, g.occupancy, g.generated_at);
  } else {
    r.content_type = "text/csv; charset=utf-8";
    r.body = exports::grant_csv(g.ruleset, g.statement);
  }
  // Ruleset names are the admins' text: keep the file name to safe characters.
  std::string safe;
  for (char c : name) safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  r.header("Content-Disposition", "attachment; filename=\"" + safe + (xlsx ? ".xlsx\"" : ".csv\""));
  r.header("Cache-Control", "no-store");
  return r;
}

Response rulesets(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  json list = json::array();
  for (const auto& r : app.admin.rulesets(std::get<service::Caller>(who).actor)) list.push_back(ruleset_json(r));
  return json_response({{"rulesets", list}});
}

Response add_ruleset(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  if (!actor.is_admin()) return problem(req, 403, "Réservé aux administrateurs du réseau.", "Admins only.");
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  domain::GrantRuleset r;
  r.name = required_string(body, "name");
  r.description = optional_string(body, "description").value_or("");
  auto date = [&body](const char* field, bool required) -> std::optional<domain::Date> {
    auto text = required ? std::optional<std::string>(required_string(body, field)) : optional_string(body, field);
    if (!text) return std::nullopt;
    auto d = domain::parse_date(*text);
    if (!d)
      throw service::ServiceError(service::ServiceError::Kind::Invalid,
                                  std::string("« ") + field + " » doit être une date AAAA-MM-JJ.",
                                  std::string("\"") + field + "\" must be a YYYY-MM-DD date.", field);
    return d;
  };
  r.valid_from = *date("valid_from", true);
  r.valid_to = date("valid_to", false);
  auto cents = [&body](const char* field) {
    auto v = optional_integer(body, field);
    if (!v)
      throw service::ServiceError(service::ServiceError::Kind::Invalid,
                                  std::string("« ") + field + " » (entier, en centimes) est obligatoire.",
                                  std::string("\"") + field + "\" (integer, in cents) is required.", field);
    return *v;
  };
  r.centre_zrr_cents = cents("centre_zrr_cents");
  r.centre_other_cents = cents("centre_other_cents");
  r.post_zrr_cents = cents("post_zrr_cents");
  r.post_other_cents = cents("post_other_cents");
  r.envelope_cents = cents("envelope_cents");
  r.occupancy.agreements_count = optional_bool(body, "agreements_count").value_or(true);
  r.occupancy.booked_share_percent =
      static_cast<int>(std::clamp<std::int64_t>(optional_integer(body, "booked_share_percent").value_or(25), -1, 101));
  r.min_broadband_mbps = optional_number(body, "min_broadband_mbps").value_or(2);
  const auto added = app.admin.add_ruleset(actor, r);
  Response res = json_response(ruleset_json(added), 201);
  res.header("Location", "/api/v1/grant/rulesets");
  return res;
}

json agreement_json(const service::AgreementView& v) {
  const auto& a = v.agreement;
  return {{"id", a.id},
          {"centre_id", a.centre_id},
          {"post_id", a.post_id},
          {"person_id", a.person_id},
          {"person_name", v.person_name},
          {"office", v.office},
          {"post_label", v.post_label},
          {"from", a.from.iso()},
          {"to", optional_date(a.to)},
          {"ended_on", optional_date(a.ended_on)},
          {"ended_reason", a.ended_reason},
          {"active", v.active_today}};
}

Response agreements(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto id = path_id(req);
  json list = json::array();
  for (const auto& a : app.admin.agreements_of(std::get<service::Caller>(who).actor, id))
    list.push_back(agreement_json(a));
  Response r = json_response({{"centre_id", id}, {"agreements", list}});
  r.header("Cache-Control", "no-store");
  return r;
}

Response add_agreement(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto id = path_id(req);
  app.admin.managed_centre(std::get<service::Caller>(who).actor, id);  // 404 before the body is read
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  service::AgreementRequest in;
  in.post_id = required_id(body, "post_id");
  in.person_id = required_id(body, "person_id");
  in.from = required_string(body, "from");
  in.to = optional_string(body, "to").value_or("");
  const auto v = app.admin.add_agreement(std::get<service::Caller>(who).actor, id, in);
  Response r = json_response(agreement_json(v), 201);
  r.header("Location", "/api/v1/centres/" + std::to_string(id) + "/agreements");
  return r;
}

Response end_agreement(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto id = path_id(req);
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  return json_response(agreement_json(app.admin.end_agreement(std::get<service::Caller>(who).actor, id,
                                                              optional_string(body, "on").value_or(""),
                                                              optional_string(body, "reason").value_or(""))));
}

}  // namespace

void add_grant_api_routes(Router& r, App& app) {
  r.add({Method::Get, "/api/v1/grant", [&app](const RequestContext& req) { return statement(app, req); }, Exec::Pool,
         "The FNADT grant statement for a ruleset and a period (admins)"});
  r.add({Method::Get, "/api/v1/grant.xlsx", [&app](const RequestContext& req) { return download(app, req, true); },
         Exec::Pool, "The statement as an XLSX workbook with formulas (admins)"});
  r.add({Method::Get, "/api/v1/grant.csv", [&app](const RequestContext& req) { return download(app, req, false); },
         Exec::Pool, "The statement as CSV (admins)"});
  r.add({Method::Get, "/api/v1/grant/rulesets", [&app](const RequestContext& req) { return rulesets(app, req); },
         Exec::Pool, "Grant rulesets (admins)"});
  r.add({Method::Post, "/api/v1/grant/rulesets", [&app](const RequestContext& req) { return add_ruleset(app, req); },
         Exec::Pool, "Add a grant ruleset (admins)"});
  r.add({Method::Get, "/api/v1/centres/{id}/agreements",
         [&app](const RequestContext& req) { return agreements(app, req); }, Exec::Pool,
         "A centre's occupancy agreements (admins, its hosts)"});
  r.add({Method::Post, "/api/v1/centres/{id}/agreements",
         [&app](const RequestContext& req) { return add_agreement(app, req); }, Exec::Pool,
         "Record an occupancy agreement (admins, its hosts)"});
  r.add({Method::Post, "/api/v1/agreements/{id}/end",
         [&app](const RequestContext& req) { return end_agreement(app, req); }, Exec::Pool,
         "End an occupancy agreement on a date (admins, its hosts)"});
}

}  // namespace tc::web
