// GET /api/v1/indicators?from=YYYY-MM-DD&to=YYYY-MM-DD&centre=ID — the network's evaluation as JSON (service/
// indicators.h): the council and the animator for the network or a centre, hosts for their centres; the grant for
// admins only. Defaults: the current calendar year.
#include <cmath>
#include <ctime>

#include "calendar/time_zone.h"
#include "service/indicators.h"
#include "web/api/json_body.h"
#include "web/app.h"
#include "web/auth.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;

double rounded(double v, int places) {
  const double f = std::pow(10.0, places);
  return std::round(v * f) / f;
}

domain::Date date_param(const RequestContext& req, const char* name, domain::Date fallback) {
  const auto text = req.param(name);
  if (!text) return fallback;
  const auto d = domain::parse_date(*text);
  if (!d)
    throw ServiceError(ServiceError::Kind::Invalid, std::string("« ") + name + " » est une date AAAA-MM-JJ.",
                       std::string(name) + " is a date YYYY-MM-DD.", name);
  return *d;
}

Response indicators(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  static const auto paris = calendar::find_zone("Europe/Paris");
  const domain::Date today = paris->local_date(domain::Timestamp{std::time(nullptr)});
  service::IndicatorQuery q;
  q.from = date_param(req, "from", domain::Date{today.year, 1, 1});
  q.to = date_param(req, "to", domain::Date{today.year, 12, 31});
  if (const auto centre = req.param("centre")) {
    const bool digits = !centre->empty() && centre->size() < 16 &&
                        std::all_of(centre->begin(), centre->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits)
      throw ServiceError(ServiceError::Kind::Invalid, "« centre » est un numéro de télécentre.",
                         "\"centre\" is a centre's number.", "centre");
    q.centre = std::stoll(*centre);
  }
  const auto r = app.indicators.compute(actor, q);

  json by_status = json::object();
  for (const auto& [status, n] : r.centres_by_status) by_status[std::string(domain::to_string(status))] = n;
  json applications = json::array();
  for (const auto& a : r.applications_per_centre)
    applications.push_back({{"centre_id", a.centre_id},
                            {"name", a.name},
                            {"applications", a.applications},
                            {"target", service::kApplicationsTarget}});
  json categories = json::array();
  for (const auto& c : r.by_category)
    categories.push_back(
        {{"category", std::string(domain::to_string(c.category))}, {"applicants", c.applicants}, {"active", c.active}});
  json active_by_category = json::array();
  for (const auto& c : r.active_teleworkers_by_category)
    active_by_category.push_back({{"category", std::string(domain::to_string(c.category))}, {"teleworkers", c.people}});
  json prospection = nullptr;
  if (r.prospection) {
    json per_stage = json::object();
    for (const auto& [stage, n] : r.prospection->per_stage) per_stage[std::string(domain::to_string(stage))] = n;
    prospection = {{"per_stage", per_stage},
                   {"potential_jobs", r.prospection->potential_jobs},
                   {"jobs_relocated", r.prospection->jobs_relocated},
                   {"employees_linked", r.prospection->employees_linked}};
  }
  json occupancy = json::array();
  for (const auto& m : r.occupancy)
    occupancy.push_back({{"centre_id", m.centre_id},
                         {"name", m.name},
                         {"month", m.month},
                         {"post_half_days", m.post_half_days},
                         {"booked_half_days", m.booked_half_days},
                         {"rate", rounded(m.rate(), 4)}});
  json commute = json::array();
  for (const auto& c : r.commute)
    commute.push_back({{"centre_id", c.centre_id},
                       {"name", c.name},
                       {"used_half_days", c.used_half_days},
                       {"counted_half_days", c.counted},
                       {"km_avoided", rounded(c.km_avoided, 1)},
                       {"co2_avoided_kg", rounded(c.co2_avoided_kg, 1)}});
  json grant = nullptr;
  if (r.grant)
    grant = {{"ruleset", r.grant->ruleset},
             {"earned_cents", r.grant->earned_cents},
             {"payable_cents", r.grant->payable_cents},
             {"envelope_cents", r.grant->envelope_cents},
             {"occupied_posts", r.grant->occupied_posts}};
  json body = {
      {"period", {{"from", q.from.iso()}, {"to", q.to.iso()}}},
      {"centre", q.centre ? json(*q.centre) : json(nullptr)},
      {"centres_by_status", by_status},
      {"applications_per_centre", applications},
      {"applicants_by_category", categories},
      {"rqth_active", r.rqth_active},
      {"job_seekers_applying", r.job_seekers_applying},
      {"active_teleworkers_by_category", active_by_category},
      {"job_seekers_became_independent", r.job_seekers_became_independent},
      {"prospection", prospection},
      {"occupancy", occupancy},
      {"grant", grant},
      {"events", {{"held", r.events.held}, {"registered", r.events.registered}, {"attended", r.events.attended}}},
      {"commute", commute},
      {"km_avoided", rounded(r.km_avoided, 1)},
      {"co2_avoided_kg", rounded(r.co2_avoided_kg, 1)},
      {"travel_model", {{"circuity", r.circuity}, {"co2_kg_per_km", r.co2_kg_per_km}}},
  };
  Response out = json_response(body);
  out.header("Cache-Control", "no-store");
  return out;
}

}  // namespace

void add_indicator_api_routes(Router& r, App& app) {
  r.add({Method::Get, "/api/v1/indicators", [&app](const RequestContext& req) { return indicators(app, req); },
         Exec::Pool, "The network's indicators over a period (admins, animator; hosts for their centres)"});
}

}  // namespace tc::web
