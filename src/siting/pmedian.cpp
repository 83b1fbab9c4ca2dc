#include "siting/pmedian.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "siting/errors.h"

namespace tc::siting {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
using Clock = std::chrono::steady_clock;

// Below this many cost evaluations per call, starting a thread costs more than it saves.
constexpr std::size_t kParallelWork = 100000;

// Calls fn(begin, end) on contiguous chunks of [0, count), one chunk per thread. Each chunk must write disjoint
// data and do its own work in a fixed order, so the result does not depend on the thread count.
template <class Fn>
void parallel_chunks(int threads, std::size_t count, std::size_t work, Fn&& fn) {
  const auto t = static_cast<std::size_t>(std::max(1, threads));
  if (t < 2 || count < 2 * t || work < kParallelWork) {
    fn(std::size_t{0}, count);
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(t - 1);
  const std::size_t chunk = (count + t - 1) / t;
  for (std::size_t k = 1; k < t; ++k) {
    const std::size_t b = std::min(count, k * chunk);
    const std::size_t e = std::min(count, b + chunk);
    pool.emplace_back([&fn, b, e] { fn(b, e); });
  }
  fn(std::size_t{0}, std::min(count, chunk));
  for (auto& th : pool) th.join();
}

struct Prepared {
  int n = 0;
  int m = 0;
  std::vector<int> fixed;  // sorted, unique
  bool integral = true;    // every weight and finite cost is an integer: bounds may be rounded up
};

Prepared prepare(const Instance& in, int p, const std::vector<int>& fixed) {
  Prepared pr;
  pr.n = in.clients;
  pr.m = in.sites;
  if (pr.n < 0 || pr.m < 1 || in.weight.size() != static_cast<std::size_t>(pr.n) ||
      in.cost.size() != static_cast<std::size_t>(pr.n) * static_cast<std::size_t>(pr.m)) {
    throw SitingError("p-médiane : instance incohérente (dimensions des poids ou des coûts)");
  }
  if (p < 1 || p > pr.m) {
    throw SitingError("p-médiane : p doit être compris entre 1 et " + std::to_string(pr.m) + " (reçu " +
                      std::to_string(p) + ")");
  }
  pr.fixed = fixed;
  std::sort(pr.fixed.begin(), pr.fixed.end());
  pr.fixed.erase(std::unique(pr.fixed.begin(), pr.fixed.end()), pr.fixed.end());
  for (const int f : pr.fixed) {
    if (f < 0 || f >= pr.m) throw SitingError("p-médiane : site imposé hors limites (" + std::to_string(f) + ")");
  }
  if (static_cast<int>(pr.fixed.size()) > p) {
    throw SitingError("p-médiane : " + std::to_string(pr.fixed.size()) +
                      " sites imposés pour p = " + std::to_string(p));
  }
  for (const double w : in.weight) {
    if (!(w >= 0) || !std::isfinite(w)) throw SitingError("p-médiane : poids de client négatif ou invalide");
    if (w != std::floor(w)) pr.integral = false;
  }
  for (const double c : in.cost) {
    if (std::isnan(c) || c < 0) throw SitingError("p-médiane : coût négatif ou invalide");
    if (std::isfinite(c) && c != std::floor(c)) pr.integral = false;
  }
  return pr;
}

double evaluate(const Instance& in, const std::vector<int>& open) {
  double total = 0;
  for (int i = 0; i < in.clients; ++i) {
    const double w = in.weight[static_cast<std::size_t>(i)];
    if (w == 0) continue;
    double best = kInf;
    for (const int j : open) best = std::min(best, in.at(i, j));
    total += w * best;
  }
  return total;
}

// Greedy: fixed sites first, then repeatedly the site giving the lowest total cost (lowest index on ties).
std::vector<int> greedy(const Instance& in, const Prepared& pr, int p, int threads) {
  const auto n = static_cast<std::size_t>(pr.n);
  const auto m = static_cast<std::size_t>(pr.m);
  std::vector<double> best(n, kInf);
  std::vector<char> is_open(m, 0);
  std::vector<int> open;
  open.reserve(static_cast<std::size_t>(p));
  auto add = [&](int j) {
    open.push_back(j);
    is_open[static_cast<std::size_t>(j)] = 1;
    for (std::size_t i = 0; i < n; ++i) best[i] = std::min(best[i], in.cost[i * m + static_cast<std::size_t>(j)]);
  };
  for (const int f : pr.fixed) add(f);
  std::vector<double> total(m);
  while (static_cast<int>(open.size()) < p) {
    parallel_chunks(threads, m, n * m, [&](std::size_t jb, std::size_t je) {
      std::fill(total.begin() + static_cast<std::ptrdiff_t>(jb), total.begin() + static_cast<std::ptrdiff_t>(je), 0.0);
      for (std::size_t i = 0; i < n; ++i) {
        const double w = in.weight[i];
        if (w == 0) continue;
        const double* row = in.cost.data() + i * m;
        for (std::size_t j = jb; j < je; ++j) total[j] += w * std::min(best[i], row[j]);
      }
    });
    std::size_t pick = m;
    for (std::size_t j = 0; j < m; ++j) {
      if (is_open[j] != 0) continue;
      if (pick == m || total[j] < total[pick]) pick = j;
    }
    add(static_cast<int>(pick));
  }
  return open;
}

// Swap local search with the fast interchange of Whitaker (1983) as improved by Resende & Werneck (2007). For
// each client we keep its closest (phi1, d1) and second-closest (phi2, d2) open sites, and three accumulators:
//   gain[j]      = Σ w·max(0, d1 − c_ij)                       saving from opening j
//   loss[r]      = Σ_{phi1=r} w·(d2 − d1)                      cost of closing r
//   extra[r][j]  = Σ_{phi1=r, c_ij<d2} w·(d2 − max(c_ij, d1))   correction when j enters as r leaves
// so that swapping r out and j in saves gain[j] − loss[r] + extra[r][j]. After a swap only the clients whose
// (phi1, d1, d2) change have their contributions withdrawn and re-added. Costs are capped at a finite value so
// unreachable pairs (infinite cost) never make the accumulators NaN.
class SwapSearch {
 public:
  SwapSearch(const Instance& in, const Prepared& pr, int threads, double cap)
      : in_(in),
        n_(static_cast<std::size_t>(pr.n)),
        m_(static_cast<std::size_t>(pr.m)),
        threads_(threads),
        cap_(cap),
        is_fixed_(m_, 0) {
    for (const int f : pr.fixed) is_fixed_[static_cast<std::size_t>(f)] = 1;
  }

  // Improves `open` in place until no swap improves it or the deadline passes; returns its objective (capped).
  double run(std::vector<int>& open, Clock::time_point deadline) {
    const std::size_t p = open.size();
    // With one open site there is no second-closest to fall back on and the swap formulas do not apply; the
    // greedy step already picked the best single site (or it is fixed).
    if (p < 2) return capped_objective(open);
    open_ = open;
    slot_of_.assign(m_, -1);
    for (std::size_t s = 0; s < p; ++s) slot_of_[static_cast<std::size_t>(open_[s])] = static_cast<int>(s);
    phi1_.assign(n_, -1);
    phi2_.assign(n_, -1);
    d1_.assign(n_, 0);
    d2_.assign(n_, 0);
    gain_.assign(m_, 0);
    loss_.assign(p, 0);
    extra_.assign(p * m_, 0);
    affected_.clear();
    affected_.reserve(n_);
    for (std::size_t i = 0; i < n_; ++i) {
      nearest_two(i);
      if (in_.weight[i] != 0) affected_.push_back(i);
    }
    double objective = current_objective();
    std::vector<int> best_open = open_;
    double best_objective = objective;
    const double eps = 1e-9 * (1 + std::abs(objective));
    while (Clock::now() < deadline) {
      contribute(+1);
      const auto [profit, in_site, out_slot] = best_swap();
      if (in_site < 0 || profit <= eps) break;
      const auto out_site = static_cast<std::size_t>(open_[static_cast<std::size_t>(out_slot)]);
      const auto j = static_cast<std::size_t>(in_site);
      affected_.clear();
      for (std::size_t i = 0; i < n_; ++i) {
        if (in_.weight[i] == 0) continue;
        if (static_cast<std::size_t>(phi1_[i]) == out_site || static_cast<std::size_t>(phi2_[i]) == out_site ||
            c(i, j) < d2_[i]) {
          affected_.push_back(i);
        }
      }
      contribute(-1);
      const auto r = static_cast<std::size_t>(out_slot);
      open_[r] = in_site;
      slot_of_[out_site] = -1;
      slot_of_[j] = out_slot;
      // Every client that fed row r (phi1 = out) was withdrawn: the row is zero up to rounding; clear it exactly.
      loss_[r] = 0;
      std::fill(extra_.begin() + static_cast<std::ptrdiff_t>(r * m_),
                extra_.begin() + static_cast<std::ptrdiff_t>((r + 1) * m_), 0.0);
      for (const std::size_t i : affected_) nearest_two(i);
      objective = current_objective();
      // Guards against rounding drift in the accumulators: only real improvements count.
      if (objective >= best_objective - eps) break;
      best_objective = objective;
      best_open = open_;
    }
    open = best_open;
    return best_objective;
  }

 private:
  double c(std::size_t i, std::size_t j) const { return std::min(in_.cost[i * m_ + j], cap_); }

  double capped_objective(const std::vector<int>& open) const {
    double total = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      if (in_.weight[i] == 0) continue;
      double best = kInf;
      for (const int s : open) best = std::min(best, c(i, static_cast<std::size_t>(s)));
      total += in_.weight[i] * best;
    }
    return total;
  }

  void nearest_two(std::size_t i) {
    int b1 = -1;
    int b2 = -1;
    double c1 = kInf;
    double c2 = kInf;
    // Ties go to the lowest site index, whatever the slot order.
    for (const int s : open_) {
      const double v = c(i, static_cast<std::size_t>(s));
      if (v < c1 || (v == c1 && s < b1)) {
        b2 = b1;
        c2 = c1;
        b1 = s;
        c1 = v;
      } else if (v < c2 || (v == c2 && s < b2)) {
        b2 = s;
        c2 = v;
      }
    }
    phi1_[i] = b1;
    phi2_[i] = b2;
    d1_[i] = c1;
    d2_[i] = b2 < 0 ? c1 : c2;  // p = 1: nothing to fall back on; loss is handled by the caller (no swaps needed)
  }

  double current_objective() const {
    double total = 0;
    for (std::size_t i = 0; i < n_; ++i) {
      if (in_.weight[i] != 0) total += in_.weight[i] * d1_[i];
    }
    return total;
  }

  // Adds (sign = +1) or withdraws (sign = −1) the affected clients' contributions to gain, loss and extra.
  void contribute(double sign) {
    for (const std::size_t i : affected_) {
      loss_[static_cast<std::size_t>(slot_of_[static_cast<std::size_t>(phi1_[i])])] +=
          sign * in_.weight[i] * (d2_[i] - d1_[i]);
    }
    parallel_chunks(threads_, m_, affected_.size() * m_, [&](std::size_t jb, std::size_t je) {
      for (const std::size_t i : affected_) {
        const double w = sign * in_.weight[i];
        const double d1 = d1_[i];
        const double d2 = d2_[i];
        double* extra_row = extra_.data() + static_cast<std::size_t>(slot_of_[static_cast<std::size_t>(phi1_[i])]) * m_;
        for (std::size_t j = jb; j < je; ++j) {
          const double cij = c(i, j);
          if (cij >= d2) continue;
          if (cij < d1) gain_[j] += w * (d1 - cij);
          extra_row[j] += w * (d2 - std::max(cij, d1));
        }
      }
    });
  }

  struct Move {
    double profit = -kInf;
    int in_site = -1;
    int out_slot = -1;
  };

  // Best swap: highest profit; ties to the lowest entering site, then the lowest leaving site.
  Move best_swap() const {
    const std::size_t p = open_.size();
    std::vector<Move> per_site(m_);
    parallel_chunks(threads_, m_, p * m_, [&](std::size_t jb, std::size_t je) {
      for (std::size_t r = 0; r < p; ++r) {
        const int out = open_[r];
        if (is_fixed_[static_cast<std::size_t>(out)] != 0) continue;
        const double* extra_row = extra_.data() + r * m_;
        for (std::size_t j = jb; j < je; ++j) {
          if (slot_of_[j] >= 0) continue;
          const double profit = gain_[j] - loss_[r] + extra_row[j];
          Move& mv = per_site[j];
          if (profit > mv.profit || (profit == mv.profit && out < open_[static_cast<std::size_t>(mv.out_slot)])) {
            mv = Move{profit, static_cast<int>(j), static_cast<int>(r)};
          }
        }
      }
    });
    Move best;
    for (const Move& mv : per_site) {
      if (mv.in_site >= 0 && mv.profit > best.profit) best = mv;
    }
    return best;
  }

  const Instance& in_;
  std::size_t n_;
  std::size_t m_;
  int threads_;
  double cap_;
  std::vector<char> is_fixed_;
  std::vector<int> open_;
  std::vector<int> slot_of_;
  std::vector<int> phi1_, phi2_;
  std::vector<double> d1_, d2_;
  std::vector<double> gain_, loss_, extra_;
  std::vector<std::size_t> affected_;
};

// A finite stand-in for infinite costs, larger than any finite total.
double cost_cap(const Instance& in) {
  double max_finite = 0;
  bool any_inf = false;
  for (const double c : in.cost) {
    if (std::isfinite(c)) {
      max_finite = std::max(max_finite, c);
    } else {
      any_inf = true;
    }
  }
  if (!any_inf) return kInf;
  double total_weight = 0;
  for (const double w : in.weight) total_weight += w;
  return (max_finite + 1) * (total_weight + 1) * 4;
}

// Deterministic pseudo-random numbers (SplitMix64): the same on every platform, unlike std distributions.
struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
  }
  std::size_t below(std::size_t bound) { return static_cast<std::size_t>(next() % bound); }
};

// The Lagrangian relaxation of the assignment constraints, by subgradient. When `primal` is given, the site sets
// of the relaxed problems that improved the bound are kept (the last 40): where the bound is tight they are near
// an optimal solution, and a local search from them often finds it (Beasley's Lagrangian heuristic).
double lagrangian(const Instance& in, const Prepared& pr, int p, int iterations, double ub, int threads,
                  std::vector<std::vector<int>>* primal = nullptr) {
  const auto n = static_cast<std::size_t>(pr.n);
  const auto m = static_cast<std::size_t>(pr.m);
  const auto free_slots = static_cast<std::size_t>(p) - pr.fixed.size();
  std::vector<char> is_fixed(m, 0);
  for (const int f : pr.fixed) is_fixed[static_cast<std::size_t>(f)] = 1;
  // Start from "every client served by its nearest site": rho = 0 everywhere and L = Σ λ, already a bound.
  std::vector<double> lambda(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (in.weight[i] == 0) continue;
    double best = kInf;
    for (std::size_t j = 0; j < m; ++j) best = std::min(best, in.cost[i * m + j]);
    lambda[i] = in.weight[i] * best;
  }
  std::vector<double> rho(m);
  std::vector<std::size_t> order;
  order.reserve(m);
  std::vector<std::size_t> chosen;
  chosen.reserve(static_cast<std::size_t>(p));
  std::vector<double> g(n);
  double best_bound = -kInf;
  double f = 2;
  int stalled = 0;
  for (int it = 0; it < std::max(1, iterations); ++it) {
    parallel_chunks(threads, m, n * m, [&](std::size_t jb, std::size_t je) {
      std::fill(rho.begin() + static_cast<std::ptrdiff_t>(jb), rho.begin() + static_cast<std::ptrdiff_t>(je), 0.0);
      for (std::size_t i = 0; i < n; ++i) {
        const double w = in.weight[i];
        if (w == 0) continue;
        const double* row = in.cost.data() + i * m;
        for (std::size_t j = jb; j < je; ++j) rho[j] += std::min(0.0, w * row[j] - lambda[i]);
      }
    });
    chosen.assign(pr.fixed.begin(), pr.fixed.end());
    order.clear();
    for (std::size_t j = 0; j < m; ++j) {
      if (is_fixed[j] == 0) order.push_back(j);
    }
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(free_slots), order.end(),
                      [&rho](std::size_t a, std::size_t b) { return rho[a] < rho[b] || (rho[a] == rho[b] && a < b); });
    chosen.insert(chosen.end(), order.begin(), order.begin() + static_cast<std::ptrdiff_t>(free_slots));
    double bound = 0;
    for (const double l : lambda) bound += l;
    for (const std::size_t j : chosen) bound += rho[j];
    if (bound > best_bound + 1e-9 * (1 + std::abs(bound))) {
      best_bound = bound;
      stalled = 0;
      if (primal != nullptr) {
        if (primal->size() >= 40) primal->erase(primal->begin());
        primal->emplace_back(chosen.begin(), chosen.end());
      }
    } else if (++stalled >= 20) {
      f /= 2;
      stalled = 0;
    }
    if (pr.integral ? std::ceil(best_bound - 1e-6) >= ub : best_bound >= ub - 1e-6) break;  // proven optimal
    // Subgradient of the relaxed constraints Σ_j x_ij = 1.
    double norm = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (in.weight[i] == 0) {
        g[i] = 0;
        continue;
      }
      int served = 0;
      for (const std::size_t j : chosen) {
        if (in.weight[i] * in.cost[i * m + j] - lambda[i] < 0) ++served;
      }
      g[i] = 1.0 - served;
      norm += g[i] * g[i];
    }
    if (norm == 0 || f < 1e-4) break;
    const double step = f * (ub - bound) / norm;
    if (!(step > 0) || !std::isfinite(step)) break;
    for (std::size_t i = 0; i < n; ++i) lambda[i] = std::max(0.0, lambda[i] + step * g[i]);
  }
  if (pr.integral) best_bound = std::ceil(best_bound - 1e-6);
  return best_bound;
}

}  // namespace

double pmedian_lagrangian_bound(const Instance& instance, int p, const std::vector<int>& fixed, int iterations) {
  const Prepared pr = prepare(instance, p, fixed);
  // The step size needs an upper bound: the greedy solution's cost is a cheap one.
  const std::vector<int> open = greedy(instance, pr, p, 2);
  return std::min(lagrangian(instance, pr, p, iterations, evaluate(instance, open), 2), evaluate(instance, open));
}

Solution solve_pmedian_heuristic(const Instance& instance, const Params& params, const Progress& progress) {
  const auto start = Clock::now();
  const Prepared pr = prepare(instance, params.p, instance.fixed);
  const int threads = std::max(1, params.threads);
  const auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(params.time_limit_s));
  auto report = [&progress](double fraction, std::string_view stage) {
    if (progress) progress(fraction, stage);
  };

  report(0, "construction gloutonne");
  std::vector<int> open = greedy(instance, pr, params.p, threads);
  report(0.2, "recherche locale par échanges");
  SwapSearch search(instance, pr, threads, cost_cap(instance));
  double best = search.run(open, deadline);

  // Perturbation rounds: swap a few random free sites for random closed ones, descend again, keep improvements.
  // Seeded, so runs are reproducible; skipped when every site is fixed or open.
  const auto m = static_cast<std::size_t>(pr.m);
  const std::size_t free_count = static_cast<std::size_t>(params.p) - pr.fixed.size();
  if (free_count > 0 && params.p >= 2 && static_cast<std::size_t>(params.p) < m) {
    SplitMix rng{0x5EEDULL};
    constexpr int kRounds = 30;
    for (int round = 0; round < kRounds && Clock::now() < deadline; ++round) {
      std::vector<int> trial = open;
      std::vector<char> is_open(m, 0);
      for (const int s : trial) is_open[static_cast<std::size_t>(s)] = 1;
      const std::size_t kicks = std::max<std::size_t>(1, std::min<std::size_t>(free_count, 2 + free_count / 10));
      for (std::size_t k = 0; k < kicks; ++k) {
        std::size_t slot = 0;
        do {
          slot = rng.below(trial.size());
        } while (std::binary_search(pr.fixed.begin(), pr.fixed.end(), trial[slot]));
        std::size_t site = 0;
        do {
          site = rng.below(m);
        } while (is_open[site] != 0);
        is_open[static_cast<std::size_t>(trial[slot])] = 0;
        is_open[site] = 1;
        trial[slot] = static_cast<int>(site);
      }
      const double value = search.run(trial, deadline);
      if (value < best - 1e-9 * (1 + std::abs(best))) {
        best = value;
        open = trial;
      }
      report(0.2 + 0.5 * (round + 1) / kRounds, "perturbations");
    }
  }
  // The bound, and from the relaxed problems' site sets (best bounds last) more local searches while the bound does
  // not prove the incumbent optimal.
  report(0.7, "borne lagrangienne");
  std::vector<std::vector<int>> relaxed_sets;
  const double bound_found = lagrangian(instance, pr, params.p, 1000, best, threads, &relaxed_sets);
  auto proven = [&pr, &bound_found](double value) {
    return pr.integral ? std::ceil(bound_found - 1e-6) >= value : bound_found >= value - 1e-6;
  };
  for (auto it = relaxed_sets.rbegin(); it != relaxed_sets.rend() && !proven(best) && Clock::now() < deadline; ++it) {
    std::vector<int> trial = *it;
    const double value = search.run(trial, deadline);
    if (value < best - 1e-9 * (1 + std::abs(best))) {
      best = value;
      open = trial;
    }
  }
  report(0.9, "solution");
  std::sort(open.begin(), open.end());

  Solution sol;
  sol.open = open;
  sol.objective = evaluate(instance, open);
  sol.solver = "greedy+swap";
  // Assignment, served demand and marginal cost from the true (uncapped) costs; ties to the lowest site index.
  const auto n = static_cast<std::size_t>(pr.n);
  sol.assignment.assign(n, -1);
  sol.served.assign(open.size(), 0);
  sol.marginal.assign(open.size(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t b1 = open.size();
    std::size_t b2 = open.size();
    double c1 = kInf;
    double c2 = kInf;
    for (std::size_t s = 0; s < open.size(); ++s) {
      const double v = instance.at(static_cast<int>(i), open[s]);
      if (b1 == open.size() || v < c1) {
        b2 = b1;
        c2 = c1;
        b1 = s;
        c1 = v;
      } else if (b2 == open.size() || v < c2) {
        b2 = s;
        c2 = v;
      }
    }
    sol.assignment[i] = open[b1];
    const double w = instance.weight[i];
    sol.served[b1] += w;
    if (w == 0) continue;
    if (b2 == open.size()) {
      sol.marginal[b1] = kInf;  // the only open site: its clients have nowhere to go
    } else {
      sol.marginal[b1] += w * (c2 - c1);
    }
  }

  const double bound = std::min(bound_found, sol.objective);
  sol.bound = bound;
  sol.optimal = pr.integral ? std::ceil(bound - 1e-6) >= sol.objective : bound >= sol.objective - 1e-6;
  sol.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  report(1, "terminé");
  return sol;
}

}  // namespace tc::siting
