#include "service/siting.h"

#include <algorithm>
#include <map>
#include <set>

#include "service/errors.h"
#include "siting/errors.h"
#include "siting/travel.h"

namespace tc::service {

namespace {

[[noreturn]] void invalid(const std::string& fr, const std::string& field) {
  throw ServiceError(ServiceError::Kind::Invalid, fr, fr, field);
}

std::string rates_text(const siting::DemandRates& r) {
  return "modelled: population × " + std::to_string(r.employed_share) + " × " + std::to_string(r.teleworkable_share) +
         " × " + std::to_string(r.far_commute_share);
}

}  // namespace

SitingResult SitingStudy::run(const domain::Actor& actor, const SitingRequest& r, const siting::Progress& progress) {
  if (!actor.is_admin() && !actor.has(domain::Role::Animator))
    throw ServiceError(ServiceError::Kind::Forbidden,
                       "L'étude d'implantation est réservée au conseil et à l'animation.",
                       "The siting study is for the council and the network's animator.");
  return run(r, progress);
}

SitingResult SitingStudy::run(const SitingRequest& r, const siting::Progress& progress) {
  auto tx = store_.begin(store::Access::Read);
  const auto communes = tx->communes().all();
  std::map<std::string, const domain::Commune*> by_code;
  for (const auto& c : communes) by_code[c.insee] = &c;
  SitingResult out;

  // Demand per commune.
  std::map<std::string, double> demand;
  try {
    switch (r.demand) {
      case DemandSource::Modelled:
        for (const auto& c : communes) demand[c.insee] = siting::modelled_demand(c.population, r.rates);
        out.demand_source = rates_text(r.rates);
        break;
      case DemandSource::File:
        for (const auto& [code, w] : siting::read_demand_csv(r.demand_csv)) {
          if (!by_code.contains(code)) invalid("Commune inconnue dans la demande : " + code + ".", "demand");
          demand[code] += w;
        }
        out.demand_source = "file";
        break;
      case DemandSource::Observed: {
        store::ApplicationFilter f;
        f.limit = 1'000'000;
        std::set<domain::PersonId> people;
        for (const auto& row : tx->applications().list(f)) people.insert(row.application.person_id);
        for (auto id : people) {
          const auto home = tx->people().profile(id).home_commune_insee;
          if (by_code.contains(home)) demand[home] += 1;
        }
        out.demand_source = "observed: home communes of " + std::to_string(people.size()) + " applicants";
        break;
      }
    }
  } catch (const siting::SitingError& e) {
    invalid(e.what(), "demand");
  }
  std::vector<siting::Point> clients;
  for (const auto& [code, w] : demand)
    if (w > 0) {
      const auto* c = by_code.at(code);
      clients.push_back({code, c->centre.lat, c->centre.lon, w});
      out.total_demand += w;
    }
  if (clients.empty()) invalid("Aucune demande : rien à desservir.", "demand");

  // Candidates, with the existing centres and the asked ones fixed.
  std::set<std::string> fixed(r.fixed.begin(), r.fixed.end());
  if (r.fix_existing_centres)
    for (const auto& c : tx->centres().all())
      if (c.status == domain::CentreStatus::Opening || c.status == domain::CentreStatus::InService)
        fixed.insert(c.commune_insee);
  std::vector<std::string> candidate_codes;
  try {
    if (r.candidates_csv.empty())
      for (const auto& c : communes) candidate_codes.push_back(c.insee);
    else
      candidate_codes = siting::read_candidates(r.candidates_csv);
  } catch (const siting::SitingError& e) {
    invalid(e.what(), "candidates");
  }
  for (const auto& f : fixed)
    if (std::find(candidate_codes.begin(), candidate_codes.end(), f) == candidate_codes.end())
      candidate_codes.push_back(f);
  std::sort(candidate_codes.begin(), candidate_codes.end());
  candidate_codes.erase(std::unique(candidate_codes.begin(), candidate_codes.end()), candidate_codes.end());
  std::vector<siting::Point> sites;
  for (const auto& code : candidate_codes) {
    auto it = by_code.find(code);
    if (it == by_code.end()) invalid("Commune candidate inconnue : " + code + ".", "candidates");
    sites.push_back({code, it->second->centre.lat, it->second->centre.lon, 0});
  }

  siting::Instance instance;
  try {
    instance = r.matrix_csv.empty() ? siting::travel_instance(clients, sites, r.circuity, r.speed_kmh)
                                    : siting::matrix_instance(clients, sites, siting::read_matrix_csv(r.matrix_csv));
  } catch (const siting::SitingError& e) {
    invalid(e.what(), r.matrix_csv.empty() ? "travel" : "matrix");
  }
  for (int j = 0; j < instance.sites; ++j)
    if (fixed.contains(instance.site_ids[static_cast<std::size_t>(j)])) instance.fixed.push_back(j);
  out.clients = instance.clients;
  out.candidates = instance.sites;
  try {
    out.solution = siting::solve(instance, r.params, r.method, progress);
    int curve_max = r.curve_max > 0 ? r.curve_max : std::max(r.params.p, static_cast<int>(out.solution.open.size()));
    out.curve = siting::curve(instance, r.params, std::min(curve_max, 30));
  } catch (const siting::SitingError& e) {
    invalid(e.what(), "params");
  }
  for (std::size_t k = 0; k < out.solution.open.size(); ++k) {
    const std::string& code = instance.site_ids[static_cast<std::size_t>(out.solution.open[k])];
    SitedCommune s;
    s.insee = code;
    s.name = by_code.at(code)->name;
    s.fixed = fixed.contains(code);
    if (k < out.solution.served.size()) s.served = out.solution.served[k];
    if (k < out.solution.marginal.size()) s.marginal = out.solution.marginal[k];
    out.sites.push_back(std::move(s));
  }
  return out;
}

}  // namespace tc::service
