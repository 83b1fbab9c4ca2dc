// POST /api/v1/siting: the siting study run at once, for the council's admins and the network's animator. Runs are
// bounded (time limit at most 30 s) so that a worker is never held long; larger studies use the command line.
#include <cmath>

#include "service/siting.h"
#include "web/api/json_body.h"
#include "web/api/siting_json.h"
#include "web/app.h"
#include "web/auth.h"

namespace tc::web {

namespace {

using nlohmann::json;

constexpr double kMaxSeconds = 30;

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

[[noreturn]] void invalid(const std::string& fr, const std::string& en, const char* field) {
  throw service::ServiceError(service::ServiceError::Kind::Invalid, fr, en, field);
}

std::vector<std::string> codes(const json& body, const char* name) {
  std::vector<std::string> out;
  if (!body.contains(name) || body[name].is_null()) return out;
  if (!body[name].is_array())
    invalid(std::string("« ") + name + " » est une liste de codes INSEE.",
            std::string(name) + " is a list of INSEE codes.", name);
  for (const auto& v : body[name]) {
    if (!v.is_string())
      invalid(std::string("« ") + name + " » est une liste de codes INSEE.",
              std::string(name) + " is a list of INSEE codes.", name);
    out.push_back(v.get<std::string>());
  }
  return out;
}

Response run(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  if (!actor.is_admin() && !actor.has(domain::Role::Animator))
    return problem(req, 403, "L'étude d'implantation est réservée au conseil et à l'animation.",
                   "The siting study is for the council and the network's animator.");
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  service::SitingRequest r;
  const std::string model = optional_string(body, "model").value_or("pmedian");
  if (model == "lscp")
    r.params.model = siting::Model::Lscp;
  else if (model == "mclp")
    r.params.model = siting::Model::Mclp;
  else if (model == "pmedian")
    r.params.model = siting::Model::PMedian;
  else
    invalid("« model » vaut lscp, mclp ou pmedian.", "\"model\" is lscp, mclp or pmedian.", "model");
  r.params.p = static_cast<int>(std::clamp<std::int64_t>(optional_integer(body, "p").value_or(0), 0, 100000));
  r.params.within = optional_number(body, "within_min").value_or(0);
  r.params.time_limit_s = std::clamp(optional_number(body, "time_limit_s").value_or(10), 0.1, kMaxSeconds);
  const std::string method = optional_string(body, "method").value_or("auto");
  if (method == "exact")
    r.method = siting::Method::Exact;
  else if (method == "heuristic")
    r.method = siting::Method::Heuristic;
  else if (method != "auto")
    invalid("« method » vaut auto, exact ou heuristic.", "\"method\" is auto, exact or heuristic.", "method");
  const std::string demand = optional_string(body, "demand").value_or("modelled");
  if (demand == "observed") {
    r.demand = service::DemandSource::Observed;
  } else if (demand == "file") {
    r.demand = service::DemandSource::File;
    r.demand_csv = required_string(body, "demand_csv");
  } else if (demand != "modelled") {
    invalid("« demand » vaut modelled, observed ou file.", "\"demand\" is modelled, observed or file.", "demand");
  }
  if (body.contains("rates") && body["rates"].is_object()) {
    const json& rates = body["rates"];
    r.rates.employed_share = optional_number(rates, "employed_share").value_or(r.rates.employed_share);
    r.rates.teleworkable_share = optional_number(rates, "teleworkable_share").value_or(r.rates.teleworkable_share);
    r.rates.far_commute_share = optional_number(rates, "far_commute_share").value_or(r.rates.far_commute_share);
  }
  r.matrix_csv = optional_string(body, "matrix_csv").value_or("");
  std::string candidates;
  for (const auto& c : codes(body, "candidates")) candidates += c + "\n";
  r.candidates_csv = candidates;
  r.fixed = codes(body, "fixed");
  r.circuity = optional_number(body, "circuity").value_or(1.3);
  r.speed_kmh = optional_number(body, "speed_kmh").value_or(60);
  if (!(r.circuity >= 1 && r.circuity <= 5))
    invalid("« circuity » va de 1 à 5.", "\"circuity\" is 1 to 5.", "circuity");
  if (!(r.speed_kmh > 0 && r.speed_kmh <= 200))
    invalid("« speed_kmh » va de 1 à 200.", "\"speed_kmh\" is 1 to 200.", "speed_kmh");
  const auto res = app.siting.run(actor, r);
  Response out = json_response(siting_result_json(r, res));
  out.header("Cache-Control", "no-store");
  return out;
}

}  // namespace

json siting_result_json(const service::SitingRequest& r, const service::SitingResult& res) {
  const auto& s = res.solution;
  json sites = json::array();
  for (const auto& c : res.sites)
    sites.push_back({{"insee", c.insee},
                     {"name", c.name},
                     {"fixed", c.fixed},
                     {"served", c.served},
                     {"marginal", number_or_null(c.marginal)}});
  json curve = json::array();
  for (const auto& point : res.curve) curve.push_back({{"p", point.p}, {"value", point.value}});
  return {{"model", siting::to_string(r.params.model)},
          {"solver", s.solver},
          {"optimal", s.optimal},
          {"seconds", std::round(s.seconds * 1000) / 1000},
          {"gap", s.gap()},
          {"objective", s.objective},
          {"bound", number_or_null(s.bound)},
          {"p", r.params.p},
          {"within_min", r.params.within},
          {"demand", {{"source", res.demand_source}, {"total", res.total_demand}, {"communes", res.clients}}},
          {"candidates", res.candidates},
          {"sites", sites},
          {"curve", curve}};
}

void add_siting_api_routes(Router& r, App& app) {
  r.add({Method::Post, "/api/v1/siting", [&app](const RequestContext& req) { return run(app, req); }, Exec::Pool,
         "Run the siting study (admins, animator)"});
}

}  // namespace tc::web
