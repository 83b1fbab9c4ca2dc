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

struct SitingStudy::Prepared {
  siting::Instance instance;
  std::map<std::string, std::string> names;  // INSEE → name
  std::set<std::string> fixed;
  SitingResult out;  // demand_source, total_demand, clients, candidates filled
};

SitingStudy::Prepared SitingStudy::prepare(const SitingRequest& r) {
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
        // Bookers too (people passing through book without applying), over the whole history.
        for (const auto& centre : tx->centres().all())
          for (const auto& b :
               tx->bookings().of_centre(centre.id, domain::Date{2000, 1, 1}, domain::Date{9999, 12, 31}))
            people.insert(b.person_id);
        for (auto id : people) {
          const auto home = tx->people().profile(id).home_commune_insee;
          if (by_code.contains(home)) demand[home] += 1;
        }
        out.demand_source = "observed: home communes of " + std::to_string(people.size()) + " applicants and bookers";
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
  Prepared prepared;
  for (const auto& c : communes) prepared.names[c.insee] = c.name;
  prepared.instance = std::move(instance);
  prepared.fixed = std::move(fixed);
  prepared.out = std::move(out);
  return prepared;
}

void SitingStudy::check(const SitingRequest& r) {
  const Prepared pr = prepare(r);
  const auto& params = r.params;
  const int fixed = static_cast<int>(pr.instance.fixed.size());
  if (params.model != siting::Model::PMedian && !(params.within > 0))
    invalid("Ce modèle demande un temps de trajet maximal (« within_min ») supérieur à zéro.", "within_min");
  if (params.model == siting::Model::Lscp) return;
  if (params.p < 1) invalid("Le nombre de centres (« p ») doit être au moins 1.", "p");
  if (params.p > pr.instance.sites)
    invalid("Le nombre de centres (" + std::to_string(params.p) + ") dépasse celui des communes candidates (" +
                std::to_string(pr.instance.sites) + ").",
            "p");
  if (params.p < fixed)
    invalid("Le nombre de centres (" + std::to_string(params.p) + ") est inférieur à celui des centres déjà ouverts (" +
                std::to_string(fixed) + ").",
            "p");
}

SitingResult SitingStudy::run(const SitingRequest& r, const siting::Progress& progress) {
  Prepared pr = prepare(r);
  const siting::Instance& instance = pr.instance;
  const auto& fixed = pr.fixed;
  SitingResult out = std::move(pr.out);
  auto scaled = [&progress](double from, double to) -> siting::Progress {
    if (!progress) return {};
    return [&progress, from, to](double f, std::string_view stage) { progress(from + (to - from) * f, stage); };
  };
  try {
    out.solution = siting::solve(instance, r.params, r.method, scaled(0, 0.9));
    if (progress) progress(0.9, "courbe de couverture");
    int curve_max = r.curve_max > 0 ? r.curve_max : std::max(r.params.p, static_cast<int>(out.solution.open.size()));
    out.curve = siting::curve(instance, r.params, std::min(curve_max, 30));
  } catch (const siting::SitingError& e) {
    invalid(e.what(), "params");
  }
  for (std::size_t k = 0; k < out.solution.open.size(); ++k) {
    const std::string& code = instance.site_ids[static_cast<std::size_t>(out.solution.open[k])];
    SitedCommune s;
    s.insee = code;
    s.name = pr.names.at(code);
    s.fixed = fixed.contains(code);
    if (k < out.solution.served.size()) s.served = out.solution.served[k];
    if (k < out.solution.marginal.size()) s.marginal = out.solution.marginal[k];
    out.sites.push_back(std::move(s));
  }
  // Each commune's nearest open site, whatever the model's own assignment (a covering model leaves the uncovered
  // unassigned): the map and the table say how far everyone is.
  for (int i = 0; i < instance.clients; ++i) {
    ServedCommune c;
    c.insee = instance.client_ids[static_cast<std::size_t>(i)];
    c.name = pr.names.at(c.insee);
    c.demand = instance.weight[static_cast<std::size_t>(i)];
    int best = -1;
    for (const int j : out.solution.open)
      if (best < 0 || instance.at(i, j) < instance.at(i, best)) best = j;
    if (best >= 0) {
      c.nearest = instance.site_ids[static_cast<std::size_t>(best)];
      c.minutes = instance.at(i, best);
    }
    c.covered = best >= 0 && (r.params.within <= 0 || c.minutes <= r.params.within + 1e-9);
    out.communes.push_back(std::move(c));
  }
  if (progress) progress(1, "terminé");
  return out;
}

}  // namespace tc::service
