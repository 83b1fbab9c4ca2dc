#include "service/siting.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <queue>
#include <set>
#include <utility>

#include "service/errors.h"
#include "siting/errors.h"
#include "siting/travel.h"

namespace tc::service {

namespace {

[[noreturn]] void invalid(const std::string& fr, const std::string& field) {
  throw ServiceError(ServiceError::Kind::Invalid, fr, fr, field);
}

// Covered demand within `within` minutes for fixed.size() (at least 1) to p_max sites, by lazy greedy on the
// covering lists (the dense path adds swaps; at national scale each point would cost a solve). Fixed sites open first.
std::vector<siting::CurvePoint> large_coverage_curve(const siting::LargeInstance& in, double within, int p_max,
                                                     int threads) {
  const double radius = within + 1e-9;  // as the dense covering models test it
  const siting::NeighbourLists lists = siting::neighbour_lists(in, 0, radius * (1 + 1e-9), std::max(1, threads));
  const std::size_t n = in.clients.size();
  const std::size_t m = in.sites.size();
  // Site → the clients it covers.
  std::vector<std::size_t> begin(m + 1, 0);
  for (std::size_t t = 0; t < lists.site.size(); ++t)
    if (lists.minutes[t] <= radius) ++begin[static_cast<std::size_t>(lists.site[t]) + 1];
  for (std::size_t j = 0; j < m; ++j) begin[j + 1] += begin[j];
  std::vector<std::size_t> fill(begin.begin(), begin.end() - 1);
  std::vector<int> client(begin[m]);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t t = lists.begin[i]; t < lists.begin[i + 1]; ++t)
      if (lists.minutes[t] <= radius) client[fill[static_cast<std::size_t>(lists.site[t])]++] = static_cast<int>(i);
  std::vector<char> covered(n, 0);
  std::vector<char> open(m, 0);
  double total = 0;
  auto gain = [&](std::size_t j) {
    double g = 0;
    for (std::size_t t = begin[j]; t < begin[j + 1]; ++t) {
      const auto i = static_cast<std::size_t>(client[t]);
      if (covered[i] == 0) g += in.clients[i].weight;
    }
    return g;
  };
  auto add = [&](std::size_t j) {
    open[j] = 1;
    for (std::size_t t = begin[j]; t < begin[j + 1]; ++t) {
      const auto i = static_cast<std::size_t>(client[t]);
      if (covered[i] == 0) total += in.clients[i].weight;
      covered[i] = 1;
    }
  };
  int count = 0;
  for (const int f : in.fixed) {
    if (open[static_cast<std::size_t>(f)] != 0) continue;
    add(static_cast<std::size_t>(f));
    ++count;
  }
  std::vector<siting::CurvePoint> out;
  const int top = std::min(p_max, static_cast<int>(m));
  if (count >= 1 && count <= top) out.push_back({count, total});
  // Max-heap of (gain, -site): gains only shrink as sites open, so a popped entry is re-evaluated and kept if it
  // is still at least the next one's.
  std::priority_queue<std::pair<double, long>> heap;
  for (std::size_t j = 0; j < m; ++j)
    if (open[j] == 0) heap.emplace(gain(j), -static_cast<long>(j));
  while (count < top && !heap.empty()) {
    const auto [g, neg] = heap.top();
    heap.pop();
    const auto j = static_cast<std::size_t>(-neg);
    const double now = gain(j);
    if (now < g && !heap.empty() && now < heap.top().first) {
      heap.emplace(now, neg);
      continue;
    }
    add(j);
    ++count;
    out.push_back({count, total});
  }
  return out;
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
  bool large = false;         // the neighbour-list path: `sparse` is filled, `instance` stays empty
  siting::Instance instance;  // the dense path
  siting::LargeInstance sparse;
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

  Prepared prepared;
  const long pairs = static_cast<long>(clients.size()) * static_cast<long>(sites.size());
  if (!r.matrix_csv.empty() && pairs > kMaxDensePairs)
    invalid("La matrice de temps importée porterait sur " + std::to_string(pairs) +
                " paires commune × site, trop pour être tenue en mémoire (au plus " + std::to_string(kMaxDensePairs) +
                ") : réduire les communes candidates ou utiliser le modèle de trajet.",
            "matrix");
  if (r.matrix_csv.empty() && r.params.model == siting::Model::Lscp && pairs > kMaxDensePairs)
    invalid("Le modèle LSCP demande la matrice complète des temps, ici " + std::to_string(pairs) +
                " paires commune × site, trop (au plus " + std::to_string(kMaxDensePairs) +
                ") : choisir mclp ou pmedian, ou réduire les communes candidates.",
            "model");
  prepared.large = r.matrix_csv.empty() && r.params.model != siting::Model::Lscp && pairs > dense_pairs_;
  if (prepared.large) {
    siting::LargeInstance& large = prepared.sparse;
    large.circuity = r.circuity;
    large.speed_kmh = r.speed_kmh;
    for (std::size_t j = 0; j < sites.size(); ++j)
      if (fixed.contains(sites[j].id)) large.fixed.push_back(static_cast<int>(j));
    large.clients = std::move(clients);
    large.sites = std::move(sites);
    try {
      siting::validate_large(large);
    } catch (const siting::SitingError& e) {
      invalid(e.what(), "travel");
    }
    out.clients = static_cast<int>(large.clients.size());
    out.candidates = static_cast<int>(large.sites.size());
  } else {
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
    prepared.instance = std::move(instance);
  }
  for (const auto& c : communes) prepared.names[c.insee] = c.name;
  prepared.fixed = std::move(fixed);
  prepared.out = std::move(out);
  return prepared;
}

void SitingStudy::check(const SitingRequest& r) {
  const Prepared pr = prepare(r);
  const auto& params = r.params;
  const int fixed = static_cast<int>(pr.large ? pr.sparse.fixed.size() : pr.instance.fixed.size());
  const int sites = pr.out.candidates;
  if (params.model != siting::Model::PMedian && !(params.within > 0))
    invalid("Ce modèle demande un temps de trajet maximal (« within_min ») supérieur à zéro.", "within_min");
  if (params.model == siting::Model::Lscp) return;
  if (params.p < 1) invalid("Le nombre de centres (« p ») doit être au moins 1.", "p");
  if (params.p > sites)
    invalid("Le nombre de centres (" + std::to_string(params.p) + ") dépasse celui des communes candidates (" +
                std::to_string(sites) + ").",
            "p");
  if (params.p < fixed)
    invalid("Le nombre de centres (" + std::to_string(params.p) + ") est inférieur à celui des centres déjà ouverts (" +
                std::to_string(fixed) + ").",
            "p");
}

SitingResult SitingStudy::run(const SitingRequest& r, const siting::Progress& progress) {
  Prepared pr = prepare(r);
  if (pr.large) return run_large(r, pr, progress);
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

// The neighbour-list path: the same result, without a clients × sites matrix.
SitingResult SitingStudy::run_large(const SitingRequest& r, Prepared& pr, const siting::Progress& progress) {
  const siting::LargeInstance& in = pr.sparse;
  SitingResult out = std::move(pr.out);
  auto scaled = [&progress](double from, double to) -> siting::Progress {
    if (!progress) return {};
    return [&progress, from, to](double f, std::string_view stage) { progress(from + (to - from) * f, stage); };
  };
  if (r.params.model != siting::Model::PMedian && !(r.params.within > 0))
    invalid("Ce modèle demande un temps de trajet maximal (« within_min ») supérieur à zéro.", "within_min");
  try {
    out.solution = r.params.model == siting::Model::Mclp ? siting::solve_large_mclp(in, r.params, scaled(0, 0.9))
                                                         : siting::solve_large_pmedian(in, r.params, scaled(0, 0.9));
    if (progress) progress(0.9, "courbe de couverture");
    // The greedy coverage curve when there is a radius; none for a p-median without one (each of its points would
    // be a p-median over every commune).
    if (r.params.within > 0) {
      const int curve_max =
          r.curve_max > 0 ? r.curve_max : std::max(r.params.p, static_cast<int>(out.solution.open.size()));
      out.curve = large_coverage_curve(in, r.params.within, std::min(curve_max, 30), r.params.threads);
    }
  } catch (const siting::SitingError& e) {
    invalid(e.what(), "params");
  }
  for (std::size_t k = 0; k < out.solution.open.size(); ++k) {
    const std::string& code = in.sites[static_cast<std::size_t>(out.solution.open[k])].id;
    SitedCommune s;
    s.insee = code;
    s.name = pr.names.at(code);
    s.fixed = pr.fixed.contains(code);
    if (k < out.solution.served.size()) s.served = out.solution.served[k];
    if (k < out.solution.marginal.size()) s.marginal = out.solution.marginal[k];
    out.sites.push_back(std::move(s));
  }
  // Each commune's nearest open site (ties to the lowest site index, as on the dense path), on the fly.
  const siting::LargeCosts costs(in);
  out.communes.reserve(in.clients.size());
  for (std::size_t i = 0; i < in.clients.size(); ++i) {
    ServedCommune c;
    c.insee = in.clients[i].id;
    c.name = pr.names.at(c.insee);
    c.demand = in.clients[i].weight;
    int best = -1;
    double best_minutes = 0;
    for (const int j : out.solution.open) {
      const double minutes = costs.minutes(static_cast<int>(i), j);
      if (best < 0 || minutes < best_minutes) {
        best = j;
        best_minutes = minutes;
      }
    }
    if (best >= 0) {
      c.nearest = in.sites[static_cast<std::size_t>(best)].id;
      c.minutes = best_minutes;
    }
    c.covered = best >= 0 && (r.params.within <= 0 || c.minutes <= r.params.within + 1e-9);
    out.communes.push_back(std::move(c));
  }
  if (progress) progress(1, "terminé");
  return out;
}

}  // namespace tc::service
