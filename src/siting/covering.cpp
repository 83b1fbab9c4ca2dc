#include "siting/covering.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <utility>

#include "siting/errors.h"

namespace tc::siting {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void report(const Progress& progress, double fraction, std::string_view stage) {
  if (progress) progress(fraction, stage);
}

// Which positive-weight clients each site covers, and the reverse. Zero-weight clients are left out: they change
// neither objective (they still get an assignment, computed from the cost matrix).
struct Coverage {
  std::vector<std::vector<int>> by_site;
  std::vector<std::vector<int>> by_client;
};

void check_instance(const Instance& inst, double within) {
  if (inst.clients < 0 || inst.sites < 0 || inst.weight.size() != static_cast<std::size_t>(inst.clients) ||
      inst.cost.size() != static_cast<std::size_t>(inst.clients) * static_cast<std::size_t>(inst.sites)) {
    throw SitingError("instance incohérente (tailles des poids ou de la matrice des coûts)");
  }
  if (!std::isfinite(within) || within < 0) throw SitingError("rayon de couverture invalide (>= 0 attendu)");
  for (const double w : inst.weight) {
    if (!std::isfinite(w) || w < 0) throw SitingError("poids de demande négatif ou non numérique");
  }
  for (const int j : inst.fixed) {
    if (j < 0 || j >= inst.sites) throw SitingError("site fixe hors de l'instance : " + std::to_string(j));
  }
}

std::vector<int> sorted_fixed(const std::vector<int>& fixed) {
  std::vector<int> out = fixed;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Coverage build_coverage(const Instance& inst, double within) {
  Coverage cov;
  cov.by_site.resize(static_cast<std::size_t>(inst.sites));
  cov.by_client.resize(static_cast<std::size_t>(inst.clients));
  for (int i = 0; i < inst.clients; ++i) {
    if (!(inst.weight[static_cast<std::size_t>(i)] > 0)) continue;
    for (int j = 0; j < inst.sites; ++j) {
      if (inst.at(i, j) <= within) {
        cov.by_site[static_cast<std::size_t>(j)].push_back(i);
        cov.by_client[static_cast<std::size_t>(i)].push_back(j);
      }
    }
  }
  return cov;
}

// Open sites and, per client, how many open sites cover it and the sum of their indices (the sole coverer when
// the count is 1), so a swap's effect is computed without rescanning.
class CoverState {
 public:
  CoverState(const Coverage& cov, const std::vector<double>& weight, int sites)
      : cov_(&cov),
        weight_(&weight),
        open_(static_cast<std::size_t>(sites), 0),
        count_(weight.size(), 0),
        index_sum_(weight.size(), 0) {}

  void add(int j) {
    open_[static_cast<std::size_t>(j)] = 1;
    for (const int i : cov_->by_site[static_cast<std::size_t>(j)]) {
      const auto k = static_cast<std::size_t>(i);
      if (count_[k]++ == 0) covered_ += (*weight_)[k];
      index_sum_[k] += j;
    }
  }
  void remove(int j) {
    open_[static_cast<std::size_t>(j)] = 0;
    for (const int i : cov_->by_site[static_cast<std::size_t>(j)]) {
      const auto k = static_cast<std::size_t>(i);
      if (--count_[k] == 0) covered_ -= (*weight_)[k];
      index_sum_[k] -= j;
    }
  }
  bool is_open(int j) const { return open_[static_cast<std::size_t>(j)] != 0; }
  int count(int i) const { return count_[static_cast<std::size_t>(i)]; }
  int sole(int i) const { return static_cast<int>(index_sum_[static_cast<std::size_t>(i)]); }
  // Running total: fine for comparing moves, may drift by rounding after many swaps.
  double covered() const { return covered_; }
  // Summed afresh, for what is reported.
  double exact_covered() const {
    double total = 0;
    for (std::size_t i = 0; i < count_.size(); ++i) {
      if (count_[i] > 0) total += (*weight_)[i];
    }
    return total;
  }
  // Weight newly covered if j opened.
  double gain(int j) const {
    double g = 0;
    for (const int i : cov_->by_site[static_cast<std::size_t>(j)]) {
      if (count(i) == 0) g += (*weight_)[static_cast<std::size_t>(i)];
    }
    return g;
  }
  // Weight no longer covered if j closed.
  double loss(int j) const {
    double l = 0;
    for (const int i : cov_->by_site[static_cast<std::size_t>(j)]) {
      if (count(i) == 1) l += (*weight_)[static_cast<std::size_t>(i)];
    }
    return l;
  }
  std::vector<int> open_sites() const {
    std::vector<int> out;
    for (std::size_t j = 0; j < open_.size(); ++j) {
      if (open_[j] != 0) out.push_back(static_cast<int>(j));
    }
    return out;
  }

 private:
  // Pointers, not references, so that a state can be reassigned (coverage_curve keeps the better of two).
  const Coverage* cov_;
  const std::vector<double>* weight_;
  std::vector<char> open_;
  std::vector<int> count_;
  std::vector<std::int64_t> index_sum_;
  double covered_ = 0;
};

// Adds the closed site of largest gain (ties to the lowest index), even a zero gain: the model asks for p sites.
bool greedy_add(CoverState& state, int sites) {
  int best = -1;
  double best_gain = -1;
  for (int j = 0; j < sites; ++j) {
    if (state.is_open(j)) continue;
    const double g = state.gain(j);
    if (g > best_gain) {
      best_gain = g;
      best = j;
    }
  }
  if (best < 0) return false;
  state.add(best);
  return true;
}

// Best-improvement 1-swap: close a non-fixed open site r, open a closed site a, when the covered weight grows by
// more than `eps`. delta(r, a) = gain(a) - loss(r) + (weight covered by a whose sole coverer is r).
void swap_search(CoverState& state, const Coverage& cov, const std::vector<double>& weight,
                 const std::vector<char>& is_fixed, int sites, double eps, Clock::time_point deadline) {
  std::vector<double> extra(static_cast<std::size_t>(sites), 0.0);
  std::vector<int> touched;
  const int max_rounds = 100 * std::max(sites, 1);
  for (int round = 0; round < max_rounds && Clock::now() < deadline; ++round) {
    std::vector<int> movable;
    for (const int j : state.open_sites()) {
      if (is_fixed[static_cast<std::size_t>(j)] == 0) movable.push_back(j);
    }
    if (movable.empty()) return;
    std::vector<double> loss(movable.size());
    for (std::size_t k = 0; k < movable.size(); ++k) loss[k] = state.loss(movable[k]);

    double best_delta = eps;
    int best_in = -1;
    int best_out = -1;
    for (int a = 0; a < sites; ++a) {
      if (state.is_open(a)) continue;
      double gain = 0;
      for (const int i : cov.by_site[static_cast<std::size_t>(a)]) {
        const double w = weight[static_cast<std::size_t>(i)];
        if (state.count(i) == 0) {
          gain += w;
        } else if (state.count(i) == 1) {
          const int r = state.sole(i);
          if (extra[static_cast<std::size_t>(r)] == 0) touched.push_back(r);
          extra[static_cast<std::size_t>(r)] += w;
        }
      }
      for (std::size_t k = 0; k < movable.size(); ++k) {
        const double delta = gain - loss[k] + extra[static_cast<std::size_t>(movable[k])];
        if (delta > best_delta) {
          best_delta = delta;
          best_in = a;
          best_out = movable[k];
        }
      }
      for (const int r : touched) extra[static_cast<std::size_t>(r)] = 0;
      touched.clear();
    }
    if (best_in < 0) return;
    state.remove(best_out);
    state.add(best_in);
  }
}

double total_weight(const Instance& inst) {
  double total = 0;
  for (const double w : inst.weight) total += std::max(w, 0.0);
  return total;
}

// Nearest open site within the radius (ties to the lowest index), served weight, and `marginal` = weight covered
// by that site alone.
void fill_covering(const Instance& inst, double within, Solution& sol) {
  sol.assignment.assign(static_cast<std::size_t>(inst.clients), -1);
  sol.served.assign(sol.open.size(), 0.0);
  sol.marginal.assign(sol.open.size(), 0.0);
  std::vector<int> position(static_cast<std::size_t>(inst.sites), -1);
  for (std::size_t k = 0; k < sol.open.size(); ++k)
    position[static_cast<std::size_t>(sol.open[k])] = static_cast<int>(k);
  for (int i = 0; i < inst.clients; ++i) {
    int best = -1;
    double best_cost = std::numeric_limits<double>::infinity();
    int covering = 0;
    for (const int j : sol.open) {
      const double c = inst.at(i, j);
      if (c > within) continue;
      ++covering;
      if (c < best_cost) {
        best_cost = c;
        best = j;
      }
    }
    const auto ii = static_cast<std::size_t>(i);
    sol.assignment[ii] = best;
    if (best < 0) continue;
    const auto k = static_cast<std::size_t>(position[static_cast<std::size_t>(best)]);
    sol.served[k] += inst.weight[ii];
    if (covering == 1) sol.marginal[k] += inst.weight[ii];
  }
}

std::string name_clients(const Instance& inst, const std::vector<int>& clients) {
  constexpr std::size_t kNamed = 10;
  std::string out;
  for (std::size_t k = 0; k < clients.size() && k < kNamed; ++k) {
    const int i = clients[k];
    const auto ii = static_cast<std::size_t>(i);
    out += (k == 0 ? "" : ", ") + (ii < inst.client_ids.size() ? inst.client_ids[ii] : std::to_string(i + 1));
  }
  if (clients.size() > kNamed) out += ", …";
  return out;
}

// Greedy + swap from the fixed sites, then restarts that force each of the best few single sites in first (1-swap
// local optima can miss a pair of sites that only work together); the best result is kept, ties to the first.
CoverState mclp_greedy_swap(const Instance& inst, const Coverage& cov, const std::vector<int>& fixed, int p,
                            Clock::time_point deadline, const Progress& progress) {
  std::vector<char> is_fixed(static_cast<std::size_t>(inst.sites), 0);
  for (const int j : fixed) is_fixed[static_cast<std::size_t>(j)] = 1;
  const double eps = 1e-12 * std::max(total_weight(inst), 1.0);
  const int free_picks = p - static_cast<int>(fixed.size());
  const auto run = [&](int first) {
    CoverState state(cov, inst.weight, inst.sites);
    for (const int j : fixed) state.add(j);
    int picks = free_picks;
    if (first >= 0 && picks > 0) {
      state.add(first);
      --picks;
    }
    for (int k = 0; k < picks; ++k) greedy_add(state, inst.sites);
    swap_search(state, cov, inst.weight, is_fixed, inst.sites, eps, deadline);
    return state;
  };
  CoverState best = run(-1);
  if (free_picks <= 0) return best;
  report(progress, 0.2, "échanges");

  CoverState base(cov, inst.weight, inst.sites);
  for (const int j : fixed) base.add(j);
  std::vector<std::pair<double, int>> firsts;
  firsts.reserve(static_cast<std::size_t>(inst.sites));
  for (int j = 0; j < inst.sites; ++j) {
    if (is_fixed[static_cast<std::size_t>(j)] == 0) firsts.emplace_back(-base.gain(j), j);
  }
  constexpr std::size_t kRestarts = 16;
  const std::size_t restarts = std::min(kRestarts, firsts.size());
  std::partial_sort(firsts.begin(), firsts.begin() + static_cast<std::ptrdiff_t>(restarts), firsts.end());
  for (std::size_t r = 0; r < restarts && Clock::now() < deadline; ++r) {
    CoverState state = run(firsts[r].second);
    if (state.covered() > best.covered() + eps) best = std::move(state);
    report(progress, std::min(0.6, 0.2 + 0.4 * static_cast<double>(r + 1) / static_cast<double>(restarts)), "échanges");
  }
  return best;
}

// Lagrangian upper bound for MCLP. Clients covered by the fixed sites count for sure; for the others (R), relax
// z_i <= sum_{j covers i} y_j with u_i in [0, w_i]: L(u) = sum_R max(0, w_i - u_i) + the k best non-fixed sites by
// sum of u_i they cover. Any u >= 0 gives a valid bound; subgradient steps (Held–Karp/Fisher rule) lower it.
double mclp_lagrangian_bound(const Instance& inst, const Coverage& cov, const std::vector<int>& fixed, int p,
                             double incumbent, Clock::time_point deadline) {
  std::vector<char> is_fixed(static_cast<std::size_t>(inst.sites), 0);
  for (const int j : fixed) is_fixed[static_cast<std::size_t>(j)] = 1;
  double fixed_weight = 0;
  std::vector<char> in_r(static_cast<std::size_t>(inst.clients), 0);
  for (int i = 0; i < inst.clients; ++i) {
    const auto& sites_i = cov.by_client[static_cast<std::size_t>(i)];
    if (sites_i.empty()) continue;
    const bool by_fixed =
        std::any_of(sites_i.begin(), sites_i.end(), [&](int j) { return is_fixed[static_cast<std::size_t>(j)] != 0; });
    if (by_fixed) {
      fixed_weight += inst.weight[static_cast<std::size_t>(i)];
    } else {
      in_r[static_cast<std::size_t>(i)] = 1;
    }
  }
  std::vector<int> free_sites;
  for (int j = 0; j < inst.sites; ++j) {
    if (is_fixed[static_cast<std::size_t>(j)] == 0) free_sites.push_back(j);
  }
  const auto k =
      static_cast<std::size_t>(std::clamp(p - static_cast<int>(fixed.size()), 0, static_cast<int>(free_sites.size())));

  std::vector<double> u(static_cast<std::size_t>(inst.clients), 0.0);
  for (int i = 0; i < inst.clients; ++i) {
    if (in_r[static_cast<std::size_t>(i)] != 0)
      u[static_cast<std::size_t>(i)] = inst.weight[static_cast<std::size_t>(i)];
  }
  const double target = incumbent - fixed_weight;  // best known value of the relaxed part
  const double tol = 1e-9 * std::max(total_weight(inst), 1.0);
  double best = std::numeric_limits<double>::infinity();
  double lambda = 2.0;
  int stale = 0;
  std::vector<double> score(free_sites.size());
  std::vector<std::size_t> order(free_sites.size());
  std::vector<int> chosen_count(static_cast<std::size_t>(inst.clients), 0);
  std::vector<double> g(static_cast<std::size_t>(inst.clients), 0.0);
  constexpr int kMaxIterations = 400;
  for (int it = 0; it < kMaxIterations && lambda > 1e-4 && Clock::now() < deadline; ++it) {
    double value = 0;
    for (int i = 0; i < inst.clients; ++i) {
      const auto ii = static_cast<std::size_t>(i);
      if (in_r[ii] != 0) value += std::max(0.0, inst.weight[ii] - u[ii]);
    }
    for (std::size_t s = 0; s < free_sites.size(); ++s) {
      double sc = 0;
      for (const int i : cov.by_site[static_cast<std::size_t>(free_sites[s])]) {
        if (in_r[static_cast<std::size_t>(i)] != 0) sc += u[static_cast<std::size_t>(i)];
      }
      score[s] = sc;
    }
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::partial_sort(
        order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
        [&](std::size_t a, std::size_t b) { return score[a] > score[b] || (score[a] == score[b] && a < b); });
    std::fill(chosen_count.begin(), chosen_count.end(), 0);
    for (std::size_t s = 0; s < k; ++s) {
      value += score[order[s]];
      for (const int i : cov.by_site[static_cast<std::size_t>(free_sites[order[s]])]) {
        ++chosen_count[static_cast<std::size_t>(i)];
      }
    }
    if (value < best - tol) {
      best = value;
      stale = 0;
    } else if (++stale >= 20) {
      lambda /= 2;
      stale = 0;
    }
    if (best - target <= tol) break;  // the incumbent is proven optimal

    double norm = 0;
    for (int i = 0; i < inst.clients; ++i) {
      const auto ii = static_cast<std::size_t>(i);
      if (in_r[ii] == 0) continue;
      const double z = inst.weight[ii] - u[ii] > 0 ? 1.0 : 0.0;
      g[ii] = chosen_count[ii] - z;
      norm += g[ii] * g[ii];
    }
    if (norm == 0) break;  // the relaxed solution is feasible and complementary: nothing to improve
    const double step = lambda * (value - target) / norm;
    for (int i = 0; i < inst.clients; ++i) {
      const auto ii = static_cast<std::size_t>(i);
      if (in_r[ii] != 0) u[ii] = std::clamp(u[ii] - step * g[ii], 0.0, inst.weight[ii]);
    }
  }
  return fixed_weight + best;
}

}  // namespace

Solution solve_lscp_heuristic(const Instance& inst, const Params& params, const Progress& progress) {
  const auto start = Clock::now();
  check_instance(inst, params.within);
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(std::max(params.time_limit_s, 0.0)));
  const std::vector<int> fixed = sorted_fixed(inst.fixed);
  const Coverage cov = build_coverage(inst, params.within);

  std::vector<int> uncoverable;
  for (int i = 0; i < inst.clients; ++i) {
    if (inst.weight[static_cast<std::size_t>(i)] > 0 && cov.by_client[static_cast<std::size_t>(i)].empty()) {
      uncoverable.push_back(i);
    }
  }
  if (!uncoverable.empty()) {
    throw SitingError(std::to_string(uncoverable.size()) +
                      (uncoverable.size() == 1 ? " commune n'est" : " communes ne sont") +
                      " à portée d'aucun site candidat : " + name_clients(inst, uncoverable));
  }

  // Greedy on the number of clients (not weight): every positive-weight client must be covered.
  std::vector<double> ones(static_cast<std::size_t>(inst.clients), 1.0);
  CoverState state(cov, ones, inst.sites);
  std::vector<char> is_fixed(static_cast<std::size_t>(inst.sites), 0);
  for (const int j : fixed) {
    is_fixed[static_cast<std::size_t>(j)] = 1;
    state.add(j);
  }
  std::size_t to_cover = 0;
  for (const auto& s : cov.by_client) to_cover += s.empty() ? 0 : 1;
  std::vector<int> added;  // in order of addition
  report(progress, 0.0, "glouton");
  while (state.covered() < static_cast<double>(to_cover)) {
    int best = -1;
    double best_gain = 0;
    for (int j = 0; j < inst.sites; ++j) {
      if (state.is_open(j)) continue;
      const double g = state.gain(j);
      if (g > best_gain) {
        best_gain = g;
        best = j;
      }
    }
    if (best < 0) break;  // cannot happen: every client has a covering site
    state.add(best);
    added.push_back(best);
    report(progress, 0.5 * state.covered() / static_cast<double>(to_cover), "glouton");
  }

  // Late additions cover least: try to close them first.
  const auto remove_redundant = [&] {
    for (auto it = added.rbegin(); it != added.rend();) {
      if (state.loss(*it) == 0) {
        state.remove(*it);
        it = std::make_reverse_iterator(added.erase(std::next(it).base()));
      } else {
        ++it;
      }
    }
  };
  remove_redundant();

  // 2-for-1: close two added sites, open one closed site covering everything they alone covered.
  report(progress, 0.6, "remplacements");
  bool improved = true;
  while (improved && Clock::now() < deadline) {
    improved = false;
    for (std::size_t x = 0; x < added.size() && !improved; ++x) {
      for (std::size_t y = x + 1; y < added.size() && !improved; ++y) {
        const int a = added[x];
        const int b = added[y];
        std::vector<int> need;
        const auto collect = [&](int site) {
          for (const int i : cov.by_site[static_cast<std::size_t>(site)]) {
            const int others =
                state.count(i) - (inst.at(i, a) <= params.within ? 1 : 0) - (inst.at(i, b) <= params.within ? 1 : 0);
            if (others == 0) need.push_back(i);
          }
        };
        collect(a);
        collect(b);
        std::sort(need.begin(), need.end());
        need.erase(std::unique(need.begin(), need.end()), need.end());
        if (need.empty()) continue;
        for (const int c : cov.by_client[static_cast<std::size_t>(need.front())]) {
          if (state.is_open(c)) continue;
          const bool covers_all =
              std::all_of(need.begin(), need.end(), [&](int i) { return inst.at(i, c) <= params.within; });
          if (!covers_all) continue;
          state.remove(a);
          state.remove(b);
          state.add(c);
          added.erase(added.begin() + static_cast<std::ptrdiff_t>(y));
          added.erase(added.begin() + static_cast<std::ptrdiff_t>(x));
          added.push_back(c);
          remove_redundant();
          improved = true;
          break;
        }
      }
    }
  }

  // Lower bound: clients not covered by fixed sites whose covering sets are pairwise disjoint each need their own
  // site. Greedy packing, smallest sets first (they block fewest others).
  report(progress, 0.9, "borne");
  std::vector<int> candidates;
  for (int i = 0; i < inst.clients; ++i) {
    const auto& s = cov.by_client[static_cast<std::size_t>(i)];
    if (s.empty()) continue;
    if (std::none_of(s.begin(), s.end(), [&](int j) { return is_fixed[static_cast<std::size_t>(j)] != 0; })) {
      candidates.push_back(i);
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) {
    return cov.by_client[static_cast<std::size_t>(a)].size() < cov.by_client[static_cast<std::size_t>(b)].size();
  });
  std::vector<char> used(static_cast<std::size_t>(inst.sites), 0);
  int packed = 0;
  for (const int i : candidates) {
    const auto& s = cov.by_client[static_cast<std::size_t>(i)];
    if (std::any_of(s.begin(), s.end(), [&](int j) { return used[static_cast<std::size_t>(j)] != 0; })) continue;
    for (const int j : s) used[static_cast<std::size_t>(j)] = 1;
    ++packed;
  }

  Solution sol;
  sol.open = state.open_sites();
  sol.objective = static_cast<double>(sol.open.size());
  sol.bound = static_cast<double>(fixed.size()) + packed;
  sol.optimal = sol.objective <= sol.bound;
  sol.solver = "greedy";
  fill_covering(inst, params.within, sol);
  sol.seconds = seconds_since(start);
  report(progress, 1.0, "terminé");
  return sol;
}

Solution solve_mclp_heuristic(const Instance& inst, const Params& params, const Progress& progress) {
  const auto start = Clock::now();
  check_instance(inst, params.within);
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(std::max(params.time_limit_s, 0.0)));
  const std::vector<int> fixed = sorted_fixed(inst.fixed);
  if (params.p < static_cast<int>(fixed.size())) {
    throw SitingError("p = " + std::to_string(params.p) + " est inférieur au nombre de sites déjà ouverts (" +
                      std::to_string(fixed.size()) + ")");
  }
  if (params.p > inst.sites) {
    throw SitingError("p = " + std::to_string(params.p) + " dépasse le nombre de sites candidats (" +
                      std::to_string(inst.sites) + ")");
  }
  const Coverage cov = build_coverage(inst, params.within);
  report(progress, 0.0, "glouton");
  const CoverState state = mclp_greedy_swap(inst, cov, fixed, params.p, deadline, progress);
  report(progress, 0.6, "borne");

  Solution sol;
  sol.open = state.open_sites();
  sol.objective = state.exact_covered();
  const double total = total_weight(inst);
  // Trivial bound: the demand some site covers at all.
  double coverable = 0;
  for (int i = 0; i < inst.clients; ++i) {
    if (!cov.by_client[static_cast<std::size_t>(i)].empty()) coverable += inst.weight[static_cast<std::size_t>(i)];
  }
  const double lagrangian = mclp_lagrangian_bound(inst, cov, fixed, params.p, sol.objective, deadline);
  sol.bound = std::min(coverable, lagrangian);
  // The subgradient stops within a relative 1e-9 of the objective; that, or rounding the other way, is optimal.
  sol.optimal = sol.bound - sol.objective <= 1e-9 * std::max(total, 1.0);
  if (sol.optimal) sol.bound = sol.objective;
  sol.solver = "greedy+swap";
  fill_covering(inst, params.within, sol);
  sol.seconds = seconds_since(start);
  report(progress, 1.0, "terminé");
  return sol;
}

std::vector<double> coverage_curve(const Instance& inst, double within, int p_max, const std::vector<int>& fixed) {
  check_instance(inst, within);
  for (const int j : fixed) {
    if (j < 0 || j >= inst.sites) throw SitingError("site fixe hors de l'instance : " + std::to_string(j));
  }
  const std::vector<int> fx = sorted_fixed(fixed);
  const Coverage cov = build_coverage(inst, within);
  const auto no_deadline = Clock::time_point::max();
  std::vector<char> is_fixed(static_cast<std::size_t>(inst.sites), 0);
  for (const int j : fx) is_fixed[static_cast<std::size_t>(j)] = 1;
  const double eps = 1e-12 * std::max(total_weight(inst), 1.0);

  std::vector<double> curve;
  curve.reserve(static_cast<std::size_t>(std::max(p_max, 0)));
  CoverState chain(cov, inst.weight, inst.sites);
  for (const int j : fx) chain.add(j);
  int open_count = static_cast<int>(fx.size());
  for (int p = 1; p <= p_max; ++p) {
    if (p > open_count && open_count < inst.sites) {
      greedy_add(chain, inst.sites);
      ++open_count;
      swap_search(chain, cov, inst.weight, is_fixed, inst.sites, eps, no_deadline);
      CoverState fresh = mclp_greedy_swap(inst, cov, fx, p, no_deadline, {});
      if (fresh.covered() > chain.covered() + eps) chain = std::move(fresh);
    }
    // Rounding must not make the curve dip: p + 1 sites can always cover what p sites do.
    curve.push_back(curve.empty() ? chain.exact_covered() : std::max(curve.back(), chain.exact_covered()));
  }
  return curve;
}

}  // namespace tc::siting
