#include "service/siting_json.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "service/errors.h"
#include "siting/travel.h"

namespace tc::service {

namespace {

using nlohmann::json;

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

[[noreturn]] void invalid(const std::string& fr, const std::string& en, const char* field) {
  throw ServiceError(ServiceError::Kind::Invalid, fr, en, field);
}

const json* field(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string text(const json& body, const char* name, std::string fallback) {
  const json* v = field(body, name);
  if (!v) return fallback;
  if (!v->is_string())
    invalid(std::string("« ") + name + " » doit être un texte.", std::string(name) + " must be a string.", name);
  return v->get<std::string>();
}

double number(const json& body, const char* name, double fallback) {
  const json* v = field(body, name);
  if (!v) return fallback;
  if (!v->is_number())
    invalid(std::string("« ") + name + " » doit être un nombre.", std::string(name) + " must be a number.", name);
  const double d = v->get<double>();
  if (!std::isfinite(d))
    invalid(std::string("« ") + name + " » doit être un nombre.", std::string(name) + " must be a number.", name);
  return d;
}

std::vector<std::string> codes(const json& body, const char* name) {
  std::vector<std::string> out;
  const json* v = field(body, name);
  if (!v) return out;
  auto wrong = [name] {
    invalid(std::string("« ") + name + " » est une liste de codes INSEE.",
            std::string(name) + " is a list of INSEE codes.", name);
  };
  if (!v->is_array()) wrong();
  for (const auto& c : *v) {
    if (!c.is_string()) wrong();
    out.push_back(c.get<std::string>());
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& csv) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < csv.size()) {
    std::size_t end = csv.find('\n', start);
    if (end == std::string::npos) end = csv.size();
    std::string line = csv.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out.push_back(line);
    start = end + 1;
  }
  return out;
}

}  // namespace

SitingRequest siting_request_from_json(const json& body, double max_seconds) {
  if (!body.is_object()) invalid("Le corps doit être un objet JSON.", "The body must be a JSON object.", "body");
  SitingRequest r;
  const std::string model = text(body, "model", "pmedian");
  if (model == "lscp")
    r.params.model = siting::Model::Lscp;
  else if (model == "mclp")
    r.params.model = siting::Model::Mclp;
  else if (model == "pmedian")
    r.params.model = siting::Model::PMedian;
  else
    invalid("« model » vaut lscp, mclp ou pmedian.", "\"model\" is lscp, mclp or pmedian.", "model");
  const double p = number(body, "p", 0);
  if (p != std::floor(p) || p < 0 || p > 100000)
    invalid("« p » est un nombre entier de centres, de 0 à 100 000.",
            "\"p\" is a whole number of centres, 0 to 100,000.", "p");
  r.params.p = static_cast<int>(p);
  r.params.within = number(body, "within_min", 0);
  if (r.params.within < 0 || r.params.within > 1440)
    invalid("« within_min » va de 0 à 1 440 minutes.", "\"within_min\" is 0 to 1,440 minutes.", "within_min");
  r.params.time_limit_s = std::clamp(number(body, "time_limit_s", std::min(10.0, max_seconds)), 0.1, max_seconds);
  const std::string method = text(body, "method", "auto");
  if (method == "exact")
    r.method = siting::Method::Exact;
  else if (method == "heuristic")
    r.method = siting::Method::Heuristic;
  else if (method != "auto")
    invalid("« method » vaut auto, exact ou heuristic.", "\"method\" is auto, exact or heuristic.", "method");
  const std::string demand = text(body, "demand", "modelled");
  if (demand == "observed") {
    r.demand = DemandSource::Observed;
  } else if (demand == "file") {
    r.demand = DemandSource::File;
    r.demand_csv = text(body, "demand_csv", "");
    if (r.demand_csv.empty())
      invalid("La demande « file » demande un fichier « demand_csv » (insee,weight).",
              "Demand \"file\" needs a \"demand_csv\" (insee,weight).", "demand_csv");
  } else if (demand != "modelled") {
    invalid("« demand » vaut modelled, observed ou file.", "\"demand\" is modelled, observed or file.", "demand");
  }
  if (const json* rates = field(body, "rates")) {
    if (!rates->is_object())
      invalid("« rates » est un objet de trois parts.", "\"rates\" is an object of three shares.", "rates");
    r.rates.employed_share = number(*rates, "employed_share", r.rates.employed_share);
    r.rates.teleworkable_share = number(*rates, "teleworkable_share", r.rates.teleworkable_share);
    r.rates.far_commute_share = number(*rates, "far_commute_share", r.rates.far_commute_share);
    for (double share : {r.rates.employed_share, r.rates.teleworkable_share, r.rates.far_commute_share})
      if (share < 0 || share > 1)
        invalid("Chaque part de « rates » va de 0 à 1.", "Each share in \"rates\" is 0 to 1.", "rates");
  }
  r.matrix_csv = text(body, "matrix_csv", "");
  std::string candidates;
  for (const auto& c : codes(body, "candidates")) candidates += c + "\n";
  r.candidates_csv = candidates;
  r.fixed = codes(body, "fixed");
  r.circuity = number(body, "circuity", siting::kDefaultCircuity);
  r.speed_kmh = number(body, "speed_kmh", siting::kDefaultSpeedKmh);
  if (!(r.circuity >= 1 && r.circuity <= 5))
    invalid("« circuity » va de 1 à 5.", "\"circuity\" is 1 to 5.", "circuity");
  if (!(r.speed_kmh > 0 && r.speed_kmh <= 200))
    invalid("« speed_kmh » va de 1 à 200.", "\"speed_kmh\" is 1 to 200.", "speed_kmh");
  return r;
}

json siting_request_json(const SitingRequest& r) {
  json out = {{"model", siting::to_string(r.params.model)},
              {"p", r.params.p},
              {"within_min", r.params.within},
              {"time_limit_s", r.params.time_limit_s},
              {"method", r.method == siting::Method::Exact       ? "exact"
                         : r.method == siting::Method::Heuristic ? "heuristic"
                                                                 : "auto"},
              {"demand", r.demand == DemandSource::File       ? "file"
                         : r.demand == DemandSource::Observed ? "observed"
                                                              : "modelled"},
              {"rates",
               {{"employed_share", r.rates.employed_share},
                {"teleworkable_share", r.rates.teleworkable_share},
                {"far_commute_share", r.rates.far_commute_share}}},
              {"circuity", r.circuity},
              {"speed_kmh", r.speed_kmh},
              {"fixed", r.fixed}};
  if (r.demand == DemandSource::File) out["demand_csv"] = r.demand_csv;
  if (!r.matrix_csv.empty()) out["matrix_csv"] = r.matrix_csv;
  if (!r.candidates_csv.empty()) out["candidates"] = lines_of(r.candidates_csv);
  return out;
}

json siting_result_json(const SitingRequest& r, const SitingResult& res) {
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
  json communes = json::array();
  double covered = 0;
  for (const auto& c : res.communes) {
    if (c.covered) covered += c.demand;
    communes.push_back({{"insee", c.insee},
                        {"name", c.name},
                        {"demand", c.demand},
                        {"nearest", c.nearest},
                        {"minutes", number_or_null(std::round(c.minutes * 10) / 10)},
                        {"covered", c.covered}});
  }
  return {
      {"model", siting::to_string(r.params.model)},
      {"solver", s.solver},
      {"optimal", s.optimal},
      {"seconds", std::round(s.seconds * 1000) / 1000},
      {"gap", s.gap()},
      {"objective", s.objective},
      {"bound", number_or_null(s.bound)},
      {"p", r.params.p},
      {"within_min", r.params.within},
      {"demand",
       {{"source", res.demand_source}, {"total", res.total_demand}, {"communes", res.clients}, {"covered", covered}}},
      {"candidates", res.candidates},
      {"sites", sites},
      {"curve", curve},
      {"communes", communes}};
}

}  // namespace tc::service
