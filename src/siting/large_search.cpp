// The large p-median and MCLP solvers. Both run on one engine: a p-median over sparse lists, where client i may be
// served by the sites of its list at their listed cost and by any other site at a cost of at least radius[i].
//  - p-median: lists of the nearest sites in minutes; outside its list a site costs its true travel time.
//  - MCLP: the covering sites at cost 0, every other site at cost 1 (= radius): the objective Σ w·cost is the
//    uncovered demand, so minimising it maximises the covered demand — the same swaps and the same bound apply.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <queue>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "siting/benders.h"
#include "siting/errors.h"
#include "siting/large.h"
#include "siting/large_mip.h"

namespace tc::siting {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
using Clock = std::chrono::steady_clock;

// Runs fn(0) and fn(1) on two fixed halves of a range — on two threads when allowed. The halves never depend on
// the thread count, so neither do the results. The calling thread's exception is rethrown after the join.
template <class Fn>
void two_halves(int threads, Fn&& fn) {
  if (threads < 2) {
    fn(0);
    fn(1);
    return;
  }
  std::exception_ptr other;
  std::thread helper([&] {
    try {
      fn(1);
    } catch (...) {
      other = std::current_exception();
    }
  });
  try {
    fn(0);
  } catch (...) {
    helper.join();
    throw;
  }
  helper.join();
  if (other) std::rethrow_exception(other);
}

std::pair<std::size_t, std::size_t> half(std::size_t count, int h) {
  const std::size_t mid = count / 2;
  return h == 0 ? std::make_pair(std::size_t{0}, mid) : std::make_pair(mid, count);
}

// Calls progress from the calling thread, at most every quarter second (and always at fraction 0 and 1).
class Reporter {
 public:
  explicit Reporter(const Progress& progress) : progress_(progress) {}
  void operator()(double fraction, std::string_view stage, bool force = false) {
    if (!progress_) return;
    const auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    progress_(std::clamp(fraction, 0.0, 1.0), stage);
  }

 private:
  const Progress& progress_;
  Clock::time_point last_{};
};

struct SparseProblem {
  std::size_t n = 0;
  std::size_t m = 0;
  std::vector<double> weight;
  NeighbourLists lists;  // per client: sites and costs, ascending; radius[i] <= any other site's cost
  // The lists inverted: per site, the clients listing it and their cost.
  std::vector<std::size_t> inv_begin;
  std::vector<int> inv_client;
  std::vector<double> inv_cost;
  std::vector<int> fixed;               // sorted, unique
  std::function<double(int, int)> far;  // exact cost of an unlisted site; empty: it costs radius exactly
  double cap = 0;                       // stands for "no second site" (p = 1): more than any real cost
  bool integral = false;                // every objective value is an integer

  void invert() {
    inv_begin.assign(m + 1, 0);
    for (const int j : lists.site) ++inv_begin[static_cast<std::size_t>(j) + 1];
    for (std::size_t j = 0; j < m; ++j) inv_begin[j + 1] += inv_begin[j];
    inv_client.resize(lists.site.size());
    inv_cost.resize(lists.site.size());
    std::vector<std::size_t> at(inv_begin.begin(), inv_begin.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t t = lists.begin[i]; t < lists.begin[i + 1]; ++t) {
        const auto j = static_cast<std::size_t>(lists.site[t]);
        inv_client[at[j]] = static_cast<int>(i);
        inv_cost[at[j]] = lists.minutes[t];
        ++at[j];
      }
    }
    double top = 1;
    for (const double c : lists.minutes) top = std::max(top, c);
    for (const double r : lists.radius) {
      if (std::isfinite(r)) top = std::max(top, r);
    }
    cap = top * 1e3;
  }
};

// Greedy on the truncated costs (a client starts at its radius, as if served there): repeatedly the site with the
// largest saving, lazily re-evaluated (savings only shrink as sites open), ties to the lowest index.
std::vector<int> greedy(const SparseProblem& pb, int p) {
  std::vector<double> d(pb.n);
  for (std::size_t i = 0; i < pb.n; ++i) d[i] = std::min(pb.lists.radius[i], pb.cap);
  std::vector<char> is_open(pb.m, 0);
  std::vector<int> open;
  auto apply = [&](std::size_t j) {
    is_open[j] = 1;
    open.push_back(static_cast<int>(j));
    for (std::size_t t = pb.inv_begin[j]; t < pb.inv_begin[j + 1]; ++t) {
      auto& di = d[static_cast<std::size_t>(pb.inv_client[t])];
      di = std::min(di, pb.inv_cost[t]);
    }
  };
  auto saving = [&](std::size_t j) {
    double s = 0;
    for (std::size_t t = pb.inv_begin[j]; t < pb.inv_begin[j + 1]; ++t) {
      const auto i = static_cast<std::size_t>(pb.inv_client[t]);
      if (pb.inv_cost[t] < d[i]) s += pb.weight[i] * (d[i] - pb.inv_cost[t]);
    }
    return s;
  };
  for (const int f : pb.fixed) apply(static_cast<std::size_t>(f));
  // (saving, −site, round evaluated): the largest saving first, then the lowest site.
  using Entry = std::tuple<double, long, int>;
  std::priority_queue<Entry> heap;
  for (std::size_t j = 0; j < pb.m; ++j) {
    if (is_open[j] == 0) heap.emplace(saving(j), -static_cast<long>(j), 0);
  }
  int round = 0;
  while (static_cast<int>(open.size()) < p && !heap.empty()) {
    auto [s, neg_j, when] = heap.top();
    heap.pop();
    const auto j = static_cast<std::size_t>(-neg_j);
    if (when == round) {
      apply(j);
      ++round;
    } else {
      heap.emplace(saving(j), neg_j, round);
    }
  }
  return open;
}

// Swap local search with Whitaker's fast interchange as made sparse by Resende & Werneck (2007): per client its two
// nearest open sites (phi1, d1), (phi2, d2), and the accumulators
//   gain[j]     = Σ w·max(0, d1 − c_ij)                      saving from opening j
//   loss[r]     = Σ_{phi1=r} w·(d2 − d1)                     cost of closing r
//   extra[j][r] = Σ_{phi1=r, c_ij<d2} w·(d2 − max(c_ij, d1))  correction when j enters as r leaves
// all fed from the lists only, so a swap of r for j saves at least gain[j] − loss[r] + extra[j][r] (an unlisted
// site can only add to it); after a swap only the clients whose nearest two change are withdrawn and re-added.
class SwapSearch {
 public:
  SwapSearch(const SparseProblem& pb, int threads) : pb_(pb), threads_(threads), is_fixed_(pb.m, 0) {
    for (const int f : pb.fixed) is_fixed_[static_cast<std::size_t>(f)] = 1;
  }

  double run(std::vector<int>& open, Clock::time_point deadline, Reporter& report, double fraction) {
    init(open);
    double objective = current_objective();
    std::vector<int> best_open = open_;
    double best = objective;
    std::vector<char> marked(pb_.n, 0);
    std::vector<std::size_t> affected;
    while (Clock::now() < deadline) {
      report(fraction, "recherche locale par échanges");
      const Move mv = best_swap();
      if (mv.in_site < 0 || mv.profit <= 1e-9 * (1 + std::abs(objective))) break;
      const auto in = static_cast<std::size_t>(mv.in_site);
      const int out = mv.out_site;
      affected.clear();
      for (std::size_t t = pb_.inv_begin[in]; t < pb_.inv_begin[in + 1]; ++t) {
        const auto i = static_cast<std::size_t>(pb_.inv_client[t]);
        if (pb_.inv_cost[t] < d2_[i]) marked[i] = 1;
      }
      for (std::size_t i = 0; i < pb_.n; ++i) {
        if (pb_.weight[i] == 0) continue;
        bool hit = marked[i] != 0 || phi1_[i] == out || phi2_[i] == out;
        // A client whose second site lies beyond its list may be nearer the entering site than the list shows.
        if (!hit && pb_.far && d2_[i] > pb_.lists.radius[i]) hit = pb_.far(static_cast<int>(i), mv.in_site) < d2_[i];
        if (hit) affected.push_back(i);
        marked[i] = 0;
      }
      for (const std::size_t i : affected) contribute(i, -1);
      const auto slot = static_cast<std::size_t>(slot_of_[static_cast<std::size_t>(out)]);
      open_[slot] = mv.in_site;
      slot_of_[static_cast<std::size_t>(out)] = -1;
      slot_of_[in] = static_cast<int>(slot);
      loss_[static_cast<std::size_t>(out)] = 0;  // every client that fed it was withdrawn: clear the rounding
      for (const std::size_t i : affected) {
        nearest_two(i);
        contribute(i, +1);
      }
      objective = current_objective();
      // Guards against rounding drift in the accumulators: only real improvements count.
      if (objective >= best - 1e-9 * (1 + std::abs(best))) break;
      best = objective;
      best_open = open_;
    }
    open = best_open;
    return best;
  }

  // Per client, its nearest open site and the weighted cost of falling back to its second (for the report).
  const std::vector<int>& phi1() const { return phi1_; }
  const std::vector<double>& d1() const { return d1_; }
  const std::vector<double>& d2() const { return d2_; }

  void init(const std::vector<int>& open) {
    open_ = open;
    slot_of_.assign(pb_.m, -1);
    for (std::size_t s = 0; s < open_.size(); ++s) slot_of_[static_cast<std::size_t>(open_[s])] = static_cast<int>(s);
    phi1_.assign(pb_.n, -1);
    phi2_.assign(pb_.n, -1);
    d1_.assign(pb_.n, 0);
    d2_.assign(pb_.n, 0);
    gain_.assign(pb_.m, 0);
    loss_.assign(pb_.m, 0);
    extra_.assign(pb_.m, {});
    for (std::size_t i = 0; i < pb_.n; ++i) {
      nearest_two(i);
      contribute(i, +1);
    }
  }

  double current_objective() const {
    double total = 0;
    for (std::size_t i = 0; i < pb_.n; ++i) total += pb_.weight[i] * d1_[i];
    return total;
  }

 private:
  void nearest_two(std::size_t i) {
    int b[2] = {-1, -1};
    double c[2] = {kInf, kInf};
    int found = 0;
    for (std::size_t t = pb_.lists.begin[i]; t < pb_.lists.begin[i + 1] && found < 2; ++t) {
      const int j = pb_.lists.site[t];
      if (slot_of_[static_cast<std::size_t>(j)] < 0) continue;
      b[found] = j;
      c[found] = pb_.lists.minutes[t];
      ++found;
    }
    if (found < 2) {
      if (pb_.far) {
        // Beyond the list: the true nearest open sites (ties to the lowest index), none of them listed.
        for (const int s : open_) {
          if (s == b[0]) continue;
          const double v = pb_.far(static_cast<int>(i), s);
          for (int k = found; k < 2; ++k) {
            if (v < c[k] || (v == c[k] && s < b[k])) {
              if (k == 0) {
                b[1] = b[0];
                c[1] = c[0];
              }
              b[k] = s;
              c[k] = v;
              break;
            }
          }
        }
      } else {
        for (int k = found; k < 2; ++k) c[k] = pb_.lists.radius[i];
      }
      if (b[1] < 0 && pb_.far) c[1] = pb_.cap;
    }
    phi1_[i] = b[0];
    phi2_[i] = b[1];
    d1_[i] = c[0];
    d2_[i] = c[1];
  }

  void add_extra(std::size_t j, int r, double v) {
    auto& row = extra_[j];
    for (auto& [site, value] : row) {
      if (site == r) {
        value += v;
        return;
      }
    }
    row.emplace_back(r, v);
  }

  void contribute(std::size_t i, double sign) {
    const double w = sign * pb_.weight[i];
    if (w == 0) return;
    const double d1 = d1_[i];
    const double d2 = d2_[i];
    const int r = phi1_[i];
    if (r >= 0) loss_[static_cast<std::size_t>(r)] += w * (d2 - d1);
    for (std::size_t t = pb_.lists.begin[i]; t < pb_.lists.begin[i + 1]; ++t) {
      const double c = pb_.lists.minutes[t];
      if (c >= d2) break;
      const auto j = static_cast<std::size_t>(pb_.lists.site[t]);
      if (c < d1) gain_[j] += w * (d1 - c);
      if (r >= 0 && static_cast<int>(j) != r) add_extra(j, r, w * (d2 - std::max(c, d1)));
    }
  }

  struct Move {
    double profit = -kInf;
    int in_site = -1;
    int out_site = -1;
  };
  static bool better(const Move& a, const Move& b) {
    if (a.in_site < 0) return false;
    if (b.in_site < 0) return true;
    if (a.profit != b.profit) return a.profit > b.profit;
    return a.in_site != b.in_site ? a.in_site < b.in_site : a.out_site < b.out_site;
  }

  // The best swap: for each closed site j, the open non-fixed sites r it has an extra term with, and the one of
  // least loss among the others. Two halves of the sites in parallel.
  Move best_swap() const {
    std::vector<int> order;
    for (const int s : open_) {
      if (is_fixed_[static_cast<std::size_t>(s)] == 0) order.push_back(s);
    }
    if (order.empty()) return {};
    std::sort(order.begin(), order.end(), [this](int a, int b) {
      const double la = loss_[static_cast<std::size_t>(a)];
      const double lb = loss_[static_cast<std::size_t>(b)];
      return la < lb || (la == lb && a < b);
    });
    Move found[2];
    two_halves(threads_, [&](int h) {
      const auto [jb, je] = half(pb_.m, h);
      Move best;
      for (std::size_t j = jb; j < je; ++j) {
        if (slot_of_[j] >= 0) continue;
        const auto& row = extra_[j];
        for (const auto& [r, e] : row) {
          const auto rr = static_cast<std::size_t>(r);
          if (slot_of_[rr] < 0 || is_fixed_[rr] != 0) continue;
          const Move mv{gain_[j] - loss_[rr] + e, static_cast<int>(j), r};
          if (better(mv, best)) best = mv;
        }
        for (const int r : order) {
          const bool listed = std::any_of(row.begin(), row.end(), [r](const auto& x) { return x.first == r; });
          if (listed) continue;
          const Move mv{gain_[j] - loss_[static_cast<std::size_t>(r)], static_cast<int>(j), r};
          if (better(mv, best)) best = mv;
          break;
        }
      }
      found[h] = best;
    });
    return better(found[1], found[0]) ? found[1] : found[0];
  }

  const SparseProblem& pb_;
  int threads_;
  std::vector<char> is_fixed_;
  std::vector<int> open_;
  std::vector<int> slot_of_;
  std::vector<int> phi1_, phi2_;
  std::vector<double> d1_, d2_;
  std::vector<double> gain_, loss_;
  std::vector<std::vector<std::pair<int, double>>> extra_;
};

// Deterministic pseudo-random numbers (SplitMix64), for the perturbation rounds.
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

// Lagrangian relaxation of the assignment constraints Σ_j x_ij = 1 with multipliers λ_i, by subgradient:
//   L(λ) = Σ_i λ_i + min over p sites (fixed ones included) of Σ_{open j} ρ_j,  ρ_j = Σ_i min(0, w_i c_ij − λ_i).
// Every λ >= 0 gives a lower bound. The lists are truncated, so λ_i is kept <= w_i × radius_i: then every unlisted
// site has w_i c_ij − λ_i >= w_i radius_i − λ_i >= 0 and adds nothing to ρ_j, and ρ computed from the lists alone is
// exact — the bound stays valid. (A client whose optimal site lies beyond its list loses a little bound there.)
struct LagrangianResult {
  double bound = -kInf;
  std::vector<double> lambda;  // multipliers of the best bound
  bool proven = false;         // bound meets ub
  // The site sets of the relaxed problems at the last improvements of the bound, latest last: where the bound is
  // nearly tight they are near an optimal solution, and a local search from them often improves the incumbent
  // (Beasley's Lagrangian heuristic).
  std::vector<std::vector<int>> sets;
};

// warm: multipliers to start from (a previous run's best) instead of each client's nearest listed cost; f_start:
// the first Polyak factor (smaller when warm: the start is already near the optimum).
LagrangianResult lagrangian(const SparseProblem& pb, int p, double ub, int iterations, int threads,
                            Clock::time_point deadline, Reporter& report, double f0, double f1,
                            const std::vector<double>* warm = nullptr, double f_start = 2) {
  const std::size_t n = pb.n;
  const std::size_t m = pb.m;
  const std::size_t free_slots = static_cast<std::size_t>(p) - pb.fixed.size();
  std::vector<char> is_fixed(m, 0);
  for (const int f : pb.fixed) is_fixed[static_cast<std::size_t>(f)] = 1;
  std::vector<double> lambda(n, 0);
  std::vector<double> cap(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    cap[i] = pb.weight[i] == 0 ? 0 : pb.weight[i] * pb.lists.radius[i];
    if (pb.lists.begin[i] < pb.lists.begin[i + 1]) {
      lambda[i] = std::min(cap[i], pb.weight[i] * pb.lists.minutes[pb.lists.begin[i]]);
    } else {
      lambda[i] = cap[i];
    }
    if (pb.weight[i] == 0 || std::isnan(lambda[i])) lambda[i] = 0;
  }
  if (warm != nullptr && warm->size() == n) {
    for (std::size_t i = 0; i < n; ++i) lambda[i] = std::clamp((*warm)[i], 0.0, cap[i]);
  }
  std::vector<double> rho_half[2] = {std::vector<double>(m), std::vector<double>(m)};
  std::vector<double> rho(m);
  std::vector<int> order;
  std::vector<char> chosen(m, 0);
  std::vector<double> g(n);
  LagrangianResult out;
  const double tol = pb.integral ? 1 - 1e-6 : 1e-9 * (1 + std::abs(ub));
  // Polyak steps f·(ub − L)/|g|², f halved after 100 iterations without a better bound (measured on the national
  // instances: 40 or 25 stall the bound far lower within a minute).
  double f = f_start;
  constexpr int kStallLimit = 100;
  int stalled = 0;
  // The first iteration always runs: its bound (every client at its nearest listed site) is the fallback.
  for (int it = 0; it < std::max(1, iterations) && (it == 0 || Clock::now() < deadline); ++it) {
    report(f0 + (f1 - f0) * it / iterations, "borne lagrangienne");
    two_halves(threads, [&](int h) {
      auto& r = rho_half[h];
      std::fill(r.begin(), r.end(), 0.0);
      const auto [ib, ie] = half(n, h);
      for (std::size_t i = ib; i < ie; ++i) {
        const double w = pb.weight[i];
        if (w == 0) continue;
        for (std::size_t t = pb.lists.begin[i]; t < pb.lists.begin[i + 1]; ++t) {
          const double v = w * pb.lists.minutes[t] - lambda[i];
          if (v >= 0) break;
          r[static_cast<std::size_t>(pb.lists.site[t])] += v;
        }
      }
    });
    for (std::size_t j = 0; j < m; ++j) rho[j] = rho_half[0][j] + rho_half[1][j];
    order.clear();
    for (std::size_t j = 0; j < m; ++j) {
      chosen[j] = is_fixed[j];
      if (is_fixed[j] == 0) order.push_back(static_cast<int>(j));
    }
    if (free_slots > 0 && free_slots < order.size()) {
      std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(free_slots - 1), order.end(),
                       [&rho](int a, int b) {
                         const double ra = rho[static_cast<std::size_t>(a)];
                         const double rb = rho[static_cast<std::size_t>(b)];
                         return ra < rb || (ra == rb && a < b);
                       });
    }
    double bound = 0;
    for (const double l : lambda) bound += l;
    for (std::size_t k = 0; k < std::min(free_slots, order.size()); ++k) {
      chosen[static_cast<std::size_t>(order[k])] = 1;
    }
    for (std::size_t j = 0; j < m; ++j) {
      if (chosen[j] != 0) bound += rho[j];
    }
    if (bound > out.bound + 1e-12 * (1 + std::abs(bound))) {
      out.bound = bound;
      out.lambda = lambda;
      stalled = 0;
      if (out.sets.size() >= 8) out.sets.erase(out.sets.begin());
      out.sets.emplace_back();
      for (std::size_t j = 0; j < m; ++j) {
        if (chosen[j] != 0) out.sets.back().push_back(static_cast<int>(j));
      }
    } else if (++stalled >= kStallLimit) {
      f /= 2;
      stalled = 0;
    }
    if (out.bound >= ub - tol) {
      out.proven = true;
      break;
    }
    // Subgradient of Σ_j x_ij = 1: one minus how many chosen sites would take client i.
    double norm_half[2] = {0, 0};
    two_halves(threads, [&](int h) {
      const auto [ib, ie] = half(n, h);
      double norm = 0;
      for (std::size_t i = ib; i < ie; ++i) {
        g[i] = 0;
        const double w = pb.weight[i];
        if (w == 0) continue;
        int served = 0;
        for (std::size_t t = pb.lists.begin[i]; t < pb.lists.begin[i + 1]; ++t) {
          if (w * pb.lists.minutes[t] - lambda[i] >= 0) break;
          served += chosen[static_cast<std::size_t>(pb.lists.site[t])];
        }
        g[i] = 1.0 - served;
        // At a bound of its box a multiplier would be clipped anyway: leave it out of the norm so the others move.
        if (!(g[i] > 0 && lambda[i] >= cap[i]) && !(g[i] < 0 && lambda[i] <= 0)) norm += g[i] * g[i];
      }
      norm_half[h] = norm;
    });
    const double norm = norm_half[0] + norm_half[1];
    if (norm == 0 || f < 1e-6) break;
    const double step = f * (ub - bound) / norm;
    if (!(step > 0) || !std::isfinite(step)) break;
    for (std::size_t i = 0; i < n; ++i) lambda[i] = std::clamp(lambda[i] + step * g[i], 0.0, cap[i]);
  }
  return out;
}

// The MCLP's Lagrangian bound (covering lists: every listed cost 0, radius 1, so λ_i in [0, w_i]) as a function of
// the multipliers: with R_j = Σ_{i listing j} λ_i and k = p − |fixed| free slots,
//   U(λ) = Σ_i λ_i − Σ_{fixed j} R_j − (sum of the k largest R_j over the free sites),
// a lower bound on the uncovered weight for every such λ (it is L(λ) of lagrangian() above). Computed from scratch.
double covering_bound(const SparseProblem& pb, int p, const std::vector<double>& lambda) {
  std::vector<double> r(pb.m, 0);
  double sum = 0;
  for (std::size_t i = 0; i < pb.n; ++i) {
    sum += lambda[i];
    for (std::size_t t = pb.lists.begin[i]; t < pb.lists.begin[i + 1]; ++t) {
      r[static_cast<std::size_t>(pb.lists.site[t])] += lambda[i];
    }
  }
  std::vector<char> is_fixed(pb.m, 0);
  for (const int f : pb.fixed) {
    is_fixed[static_cast<std::size_t>(f)] = 1;
    sum -= r[static_cast<std::size_t>(f)];
  }
  std::vector<double> free_r;
  for (std::size_t j = 0; j < pb.m; ++j) {
    if (is_fixed[j] == 0) free_r.push_back(r[j]);
  }
  const std::size_t k = std::min(free_r.size(), static_cast<std::size_t>(p) - pb.fixed.size());
  std::nth_element(free_r.begin(), free_r.begin() + static_cast<std::ptrdiff_t>(k), free_r.end(), std::greater<>());
  for (std::size_t t = 0; t < k; ++t) sum -= free_r[t];
  return sum;
}

// Block coordinate ascent on U from the subgradient's best multipliers, one client at a time, each λ_i moved to
// the next breakpoint while that raises U: up while no site of its list is among the chosen (the fixed and the k
// largest R; U gains the step), down while two or more are (U gains (count − 1) × the step). Ties are counted the
// way that keeps the slope exact (up: a site level with the smallest chosen R counts as chosen; down: one level with
// the largest unchosen R not in the list does not). The subgradient method zigzags near the optimum; these exact
// moves, as in dual ascent for facility location (Erlenkotter 1978), climb where it stalls. λ is updated in place;
// returns U(λ) computed from scratch (every λ in the box gives a valid bound whatever the rounding along the way).
double covering_ascent(const SparseProblem& pb, int p, std::vector<double>& lambda, Clock::time_point deadline) {
  const std::size_t n = pb.n;
  const std::size_t m = pb.m;
  std::vector<char> is_fixed(m, 0);
  for (const int f : pb.fixed) is_fixed[static_cast<std::size_t>(f)] = 1;
  std::vector<double> r(m, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t t = pb.lists.begin[i]; t < pb.lists.begin[i + 1]; ++t) {
      r[static_cast<std::size_t>(pb.lists.site[t])] += lambda[i];
    }
  }
  using Key = std::pair<double, int>;
  std::set<Key> top;
  std::set<Key> out;
  std::vector<char> in_top(m, 0);
  {
    std::vector<Key> all;
    for (std::size_t j = 0; j < m; ++j) {
      if (is_fixed[j] == 0) all.emplace_back(r[j], static_cast<int>(j));
    }
    std::sort(all.begin(), all.end(), std::greater<>());
    const std::size_t k = std::min(all.size(), static_cast<std::size_t>(p) - pb.fixed.size());
    for (std::size_t t = 0; t < all.size(); ++t) {
      if (t < k) {
        top.insert(all[t]);
        in_top[static_cast<std::size_t>(all[t].second)] = 1;
      } else {
        out.insert(all[t]);
      }
    }
  }
  std::vector<char> mark(m, 0);
  auto move = [&](std::size_t i, double delta) {
    lambda[i] = std::clamp(lambda[i] + delta, 0.0, pb.weight[i]);
    for (std::size_t t = pb.lists.begin[i]; t < pb.lists.begin[i + 1]; ++t) {
      const auto j = static_cast<std::size_t>(pb.lists.site[t]);
      if (is_fixed[j] != 0) {
        r[j] += delta;
        continue;
      }
      auto& set = in_top[j] != 0 ? top : out;
      set.erase({r[j], static_cast<int>(j)});
      r[j] += delta;
      set.insert({r[j], static_cast<int>(j)});
    }
    while (!top.empty() && !out.empty() && *top.begin() < *out.rbegin()) {
      const Key a = *top.begin();
      const Key b = *out.rbegin();
      top.erase(a);
      out.erase(b);
      top.insert(b);
      out.insert(a);
      in_top[static_cast<std::size_t>(a.second)] = 0;
      in_top[static_cast<std::size_t>(b.second)] = 1;
    }
  };
  const double total = std::accumulate(pb.weight.begin(), pb.weight.end(), 0.0);
  const double tiny = 1e-9 * (1 + total);
  for (int pass = 0; pass < 200 && Clock::now() < deadline; ++pass) {
    double gained = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if ((i & 1023) == 0 && Clock::now() >= deadline) break;
      if (pb.weight[i] == 0) continue;
      const std::size_t b = pb.lists.begin[i];
      const std::size_t e = pb.lists.begin[i + 1];
      for (int step = 0; step < 8; ++step) {
        int fixed_here = 0;
        double max_free = -kInf;
        for (std::size_t t = b; t < e; ++t) {
          const auto j = static_cast<std::size_t>(pb.lists.site[t]);
          if (is_fixed[j] != 0) {
            ++fixed_here;
          } else {
            max_free = std::max(max_free, r[j]);
          }
        }
        double eta_in = kInf;
        if (!top.empty()) eta_in = top.begin()->first;
        if (fixed_here == 0 && max_free < eta_in && lambda[i] < pb.weight[i]) {
          const double delta = std::min(pb.weight[i] - lambda[i], eta_in - max_free);
          if (!(delta > tiny)) break;
          move(i, delta);
          gained += delta;
          continue;
        }
        if (lambda[i] <= 0) break;
        for (std::size_t t = b; t < e; ++t) mark[static_cast<std::size_t>(pb.lists.site[t])] = 1;
        double eta_out = -kInf;
        for (auto it = out.rbegin(); it != out.rend(); ++it) {
          if (mark[static_cast<std::size_t>(it->second)] == 0) {
            eta_out = it->first;
            break;
          }
        }
        int count = fixed_here;
        double delta = lambda[i];
        for (std::size_t t = b; t < e; ++t) {
          const auto j = static_cast<std::size_t>(pb.lists.site[t]);
          mark[j] = 0;
          if (is_fixed[j] == 0 && in_top[j] != 0 && r[j] > eta_out) {
            ++count;
            delta = std::min(delta, r[j] - eta_out);
          }
        }
        if (count < 2 || !(delta > tiny)) break;
        move(i, -delta);
        gained += (count - 1) * delta;
      }
    }
    if (gained <= 1e-7 * (1 + total)) break;
  }
  return covering_bound(pb, p, lambda);
}

void check_p(const LargeInstance& in, const Params& params, const std::vector<int>& fixed) {
  const int m = static_cast<int>(in.sites.size());
  if (params.p < 1 || params.p > m) {
    throw SitingError("p doit être compris entre 1 et " + std::to_string(m) + " (reçu " + std::to_string(params.p) +
                      ")");
  }
  if (static_cast<int>(fixed.size()) > params.p) {
    throw SitingError("plus de sites imposés (" + std::to_string(fixed.size()) +
                      ") que p = " + std::to_string(params.p));
  }
}

std::vector<int> sorted_fixed(const LargeInstance& in) {
  std::vector<int> fixed = in.fixed;
  std::sort(fixed.begin(), fixed.end());
  fixed.erase(std::unique(fixed.begin(), fixed.end()), fixed.end());
  return fixed;
}

bool all_integral(const std::vector<Point>& clients) {
  return std::all_of(clients.begin(), clients.end(), [](const Point& c) { return c.weight == std::floor(c.weight); });
}

// Greedy, swaps, then seeded perturbation rounds (a few open sites traded for random closed ones, descend again,
// keep improvements) while time allows and the bound does not already prove the incumbent.
std::vector<int> heuristic(const SparseProblem& pb, int p, int threads, Clock::time_point deadline, Reporter& report,
                           int rounds, double* objective) {
  report(0.05, "construction gloutonne", true);
  std::vector<int> open = greedy(pb, p);
  SwapSearch search(pb, threads);
  double best = search.run(open, deadline, report, 0.2);
  const std::size_t free_count = static_cast<std::size_t>(p) - pb.fixed.size();
  if (free_count > 0 && static_cast<std::size_t>(p) < pb.m) {
    SplitMix rng{0x5EEDULL};
    for (int round = 0; round < rounds && Clock::now() < deadline; ++round) {
      std::vector<int> trial = open;
      std::vector<char> is_open(pb.m, 0);
      for (const int s : trial) is_open[static_cast<std::size_t>(s)] = 1;
      const std::size_t kicks = std::max<std::size_t>(1, std::min<std::size_t>(free_count, 2 + free_count / 50));
      for (std::size_t k = 0; k < kicks; ++k) {
        std::size_t slot = 0;
        do {
          slot = rng.below(trial.size());
        } while (std::binary_search(pb.fixed.begin(), pb.fixed.end(), trial[slot]));
        std::size_t site = 0;
        do {
          site = rng.below(pb.m);
        } while (is_open[site] != 0);
        is_open[static_cast<std::size_t>(trial[slot])] = 0;
        is_open[site] = 1;
        trial[slot] = static_cast<int>(site);
      }
      const double value = search.run(trial, deadline, report, 0.2 + 0.3 * (round + 1) / rounds);
      if (value < best - 1e-9 * (1 + std::abs(best))) {
        best = value;
        open = trial;
      }
    }
  }
  std::sort(open.begin(), open.end());
  *objective = best;
  return open;
}

// Reduced-cost fixing with Lagrangian multipliers, ρ_j = Σ_i min(0, w_i c_ij − λ_i): L(λ) + (ρ_j − ρ_last) bounds
// the objective of every solution opening a site j the relaxation left closed, L(λ) + (ρ_next − ρ_j) of every one
// closing a site it opened. Where that exceeds `need` (what an improvement must reach), no better solution does
// it, so the site is fixed. state: 0 undecided, 1 open, 2 closed; order: the non-fixed sites by ascending ρ.
struct Fixing {
  std::vector<char> state;
  std::vector<int> order;
};
Fixing lagrangian_fixing(const SparseProblem& pb, int p, const std::vector<double>& lambda, double need) {
  std::vector<double> rho(pb.m, 0);
  double lsum = 0;
  for (std::size_t i = 0; i < pb.n; ++i) {
    const double l = lambda[i];
    lsum += l;
    if (l <= 0 || pb.weight[i] == 0) continue;
    for (std::size_t t = pb.lists.begin[i]; t < pb.lists.begin[i + 1]; ++t) {
      const double v = pb.weight[i] * pb.lists.minutes[t] - l;
      if (v >= 0) break;  // ascending costs
      rho[static_cast<std::size_t>(pb.lists.site[t])] += v;
    }
  }
  Fixing out;
  out.state.assign(pb.m, 0);
  for (const int f : pb.fixed) out.state[static_cast<std::size_t>(f)] = 1;
  for (std::size_t j = 0; j < pb.m; ++j) {
    if (out.state[j] == 0) out.order.push_back(static_cast<int>(j));
  }
  std::sort(out.order.begin(), out.order.end(), [&rho](int a, int b) {
    const double ra = rho[static_cast<std::size_t>(a)];
    const double rb = rho[static_cast<std::size_t>(b)];
    return ra < rb || (ra == rb && a < b);
  });
  const std::size_t free_slots = static_cast<std::size_t>(p) - pb.fixed.size();
  const std::vector<int>& order = out.order;
  double bound = lsum;
  for (const int f : pb.fixed) bound += rho[static_cast<std::size_t>(f)];
  for (std::size_t k = 0; k < free_slots; ++k) bound += rho[static_cast<std::size_t>(order[k])];
  const double rho_last = free_slots > 0 ? rho[static_cast<std::size_t>(order[free_slots - 1])] : 0;
  const double rho_next = free_slots < order.size() ? rho[static_cast<std::size_t>(order[free_slots])] : 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto j = static_cast<std::size_t>(order[k]);
    if (k < free_slots) {
      if (free_slots < order.size() && bound - rho[j] + rho_next > need) out.state[j] = 1;
    } else if (free_slots == 0 || bound + rho[j] - rho_last > need) {
      out.state[j] = 2;
    }
  }
  return out;
}

// The branch-and-Benders-cut (benders.h) on the whole lists, until the deadline, from the incumbent `open` (of
// exact objective `value`) and the Lagrangian multipliers. state: per site 0 free, 1 open, 2 closed for good.
struct BendersOutcome {
  detail::BendersResult result;
  std::string solver;  // "+benders" once the master has been solved at least once
};
BendersOutcome run_benders(const SparseProblem& pb, int p, const std::vector<char>& state, const std::vector<int>& open,
                           double value, const std::vector<double>& lambda, Clock::time_point deadline,
                           int cluster_size, Reporter& report, double from, double to,
                           std::function<double(const std::vector<int>&)> evaluate = {}) {
  detail::BendersProblem bp;
  bp.sites = static_cast<int>(pb.m);
  bp.p = p;
  bp.weight = pb.weight;
  bp.lists = &pb.lists;
  bp.state = state;
  bp.integral = pb.integral;
  detail::BendersOptions options;
  options.cluster_size = cluster_size;
  options.time_limit_s = std::max(0.0, std::chrono::duration<double>(deadline - Clock::now()).count());
  options.lambda = lambda;
  options.evaluate = std::move(evaluate);
  const auto start = Clock::now();
  const double span = std::max(1e-3, options.time_limit_s);
  options.tick = [&report, start, span, from, to](const detail::BendersResult& so_far) {
    const double f = std::chrono::duration<double>(Clock::now() - start).count() / span;
    const std::string sites = ", " + std::to_string(so_far.free_sites) + " sites libres";
    const std::string stage =
        so_far.nodes == 0 ? "branch-and-Benders-cut : relaxation, tour " + std::to_string(so_far.rounds + 1) + sites
                          : "branch-and-Benders-cut : nœud " + std::to_string(so_far.nodes) + sites;
    report(from + (to - from) * std::min(1.0, f), stage);
  };
  BendersOutcome out;
  out.result = detail::branch_and_benders(bp, open, value, options);
  if (out.result.rounds > 0) out.solver = "+benders";
  return out;
}

Clock::time_point deadline_of(Clock::time_point start, double seconds) {
  return start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(0.0, seconds)));
}

}  // namespace

Solution solve_large_pmedian(const LargeInstance& in, const Params& params, const Progress& progress,
                             const LargeOptions& options) {
  const auto start = Clock::now();
  validate_large(in);
  const std::vector<int> fixed = sorted_fixed(in);
  check_p(in, params, fixed);
  const int threads = std::max(1, params.threads);
  const auto deadline = deadline_of(start, params.time_limit_s);
  Reporter report(progress);
  report(0, "listes de voisins", true);

  SparseProblem pb;
  pb.n = in.clients.size();
  pb.m = in.sites.size();
  for (const Point& c : in.clients) pb.weight.push_back(c.weight);
  pb.fixed = fixed;
  // Enough neighbours that a client's nearest two open sites are usually listed: a few times sites per median.
  const int nearest = options.nearest > 0
                          ? options.nearest
                          : std::clamp(static_cast<int>(4 * pb.m / static_cast<std::size_t>(params.p)) + 48, 64, 400);
  pb.lists = neighbour_lists(in, nearest, -1, threads,
                             [&report](double f, std::string_view stage) { report(0.05 * f, stage); });
  pb.invert();
  const LargeCosts costs(in);
  pb.far = [&costs](int i, int j) { return costs.minutes(i, j); };
  report(0.05, "listes de voisins", true);

  double objective = 0;
  std::vector<int> open = heuristic(pb, params.p, threads, deadline, report, 5, &objective);
  report(0.5, "borne lagrangienne", true);
  // The bound gets most of the time left; the rest goes to local searches from the relaxed problems' site sets.
  const auto bound_deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>((deadline - Clock::now()) * options.lagrangian_share);
  const LagrangianResult lr =
      lagrangian(pb, params.p, objective, options.lagrangian_iterations, threads, bound_deadline, report, 0.5, 0.9);
  {
    SwapSearch search(pb, threads);
    for (auto it = lr.sets.rbegin(); it != lr.sets.rend() && Clock::now() < deadline; ++it) {
      if (lr.bound >= objective - 1e-9 * (1 + std::abs(objective))) break;
      std::vector<int> trial = *it;
      const double value = search.run(trial, deadline, report, 0.95);
      if (value < objective - 1e-9 * (1 + std::abs(objective))) {
        objective = value;
        open = trial;
        std::sort(open.begin(), open.end());
      }
    }
  }
  // The branch-and-Benders-cut with the time left, when the bound does not prove the incumbent yet: its master
  // starts from the Lagrangian bound and its nodes check every integral point against the exact costs.
  double bound = lr.bound;
  bool proven = bound >= objective - 1e-9 * (1 + std::abs(objective));
  std::string solver = "large greedy+swap+lagrangian";
  if (!proven && deadline - Clock::now() > std::chrono::milliseconds(500)) {
    // Lagrangian reduced-cost fixing first: with the gap this small most sites are settled, and the master keeps
    // only the undecided ones. (Margin: the sums behind ρ carry rounding of about 1e-8 of the objective.)
    const double need = objective - 1e-7 * (1 + std::abs(objective));
    const std::vector<char> site_state = lagrangian_fixing(pb, params.p, lr.lambda, need).state;
    const auto evaluate = [&pb](const std::vector<int>& sites) {
      SwapSearch exact(pb, 1);
      exact.init(sites);
      return exact.current_objective();
    };
    report(0.95, "branch-and-Benders-cut", true);
    const BendersOutcome b = run_benders(pb, params.p, site_state, open, objective, lr.lambda, deadline,
                                         options.benders_cluster, report, 0.95, 0.99, evaluate);
    solver += b.solver;
    if (b.result.improved) {
      open = b.result.open;
      objective = b.result.value;
    }
    // Its bound holds for the solutions that keep the fixings; the others cost more than `need`.
    bound = std::max(bound, std::min(b.result.bound, need));
    proven = b.result.complete;
  }
  SwapSearch state(pb, 1);
  state.init(open);

  // Final report from the exact state of the chosen sites.
  Solution sol;
  sol.open = open;
  sol.objective = state.current_objective();
  sol.solver = solver;
  sol.assignment = state.phi1();
  sol.served.assign(open.size(), 0);
  sol.marginal.assign(open.size(), 0);
  for (std::size_t i = 0; i < pb.n; ++i) {
    const int s = state.phi1()[i];
    if (s < 0) continue;
    const auto k = static_cast<std::size_t>(std::lower_bound(open.begin(), open.end(), s) - open.begin());
    sol.served[k] += pb.weight[i];
    if (pb.weight[i] == 0) continue;
    if (open.size() == 1) {
      sol.marginal[k] = kInf;
    } else {
      sol.marginal[k] += pb.weight[i] * (state.d2()[i] - state.d1()[i]);
    }
  }
  sol.bound = std::min(bound, sol.objective);
  sol.optimal = proven || sol.bound >= sol.objective - 1e-9 * (1 + std::abs(sol.objective));
  if (sol.optimal) sol.bound = sol.objective;
  sol.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  report(1, "terminé", true);
  return sol;
}

// Iterated local search for the MCLP (covering lists), for the time the LP cannot use at national scale: each kick
// opens sites covering random uncovered clients in place of nearby non-fixed open ones, then the swaps descend;
// the result replaces the current solution when no worse (so plateaus are crossed) and the best is kept. open and
// *uncovered are updated when it improves.
void covering_ils(const SparseProblem& pb, int threads, std::vector<int>& open, double* uncovered,
                  Clock::time_point deadline, Reporter& report, double fraction) {
  std::size_t free_count = 0;
  for (const int s : open) {
    if (!std::binary_search(pb.fixed.begin(), pb.fixed.end(), s)) ++free_count;
  }
  if (free_count == 0) return;
  SwapSearch search(pb, threads);
  SplitMix rng{0x1157ULL};
  std::vector<int> current = open;
  double current_value = *uncovered;
  const double tiny = 1e-9 * (1 + std::abs(*uncovered));
  std::vector<char> is_open(pb.m, 0);
  std::vector<std::size_t> bare;
  std::vector<int> near;
  while (Clock::now() < deadline) {
    std::fill(is_open.begin(), is_open.end(), 0);
    for (const int s : current) is_open[static_cast<std::size_t>(s)] = 1;
    bare.clear();
    for (std::size_t i = 0; i < pb.n; ++i) {
      if (pb.weight[i] == 0 || pb.lists.begin[i] == pb.lists.begin[i + 1]) continue;
      bool hit = false;
      for (std::size_t t = pb.lists.begin[i]; t < pb.lists.begin[i + 1] && !hit; ++t) {
        hit = is_open[static_cast<std::size_t>(pb.lists.site[t])] != 0;
      }
      if (!hit) bare.push_back(i);
    }
    if (bare.empty()) break;
    std::vector<int> trial = current;
    const std::size_t kicks = 1 + rng.below(3);
    for (std::size_t k = 0; k < kicks; ++k) {
      const std::size_t i = bare[rng.below(bare.size())];
      const std::size_t len = pb.lists.begin[i + 1] - pb.lists.begin[i];
      const auto site = static_cast<std::size_t>(pb.lists.site[pb.lists.begin[i] + rng.below(len)]);
      if (is_open[site] != 0) continue;
      // Close an open site near the new one (one covering a client it covers) when there is one: a local move
      // the swaps can then repair; otherwise a random one.
      near.clear();
      for (std::size_t u = pb.inv_begin[site]; u < pb.inv_begin[site + 1]; ++u) {
        const auto c = static_cast<std::size_t>(pb.inv_client[u]);
        for (std::size_t t = pb.lists.begin[c]; t < pb.lists.begin[c + 1]; ++t) {
          const int j = pb.lists.site[t];
          if (is_open[static_cast<std::size_t>(j)] != 0 && !std::binary_search(pb.fixed.begin(), pb.fixed.end(), j)) {
            near.push_back(j);
          }
        }
      }
      std::size_t slot = 0;
      if (!near.empty()) {
        const int victim = near[rng.below(near.size())];
        slot = static_cast<std::size_t>(std::find(trial.begin(), trial.end(), victim) - trial.begin());
      } else {
        do {
          slot = rng.below(trial.size());
        } while (std::binary_search(pb.fixed.begin(), pb.fixed.end(), trial[slot]));
      }
      is_open[static_cast<std::size_t>(trial[slot])] = 0;
      is_open[site] = 1;
      trial[slot] = static_cast<int>(site);
    }
    const double value = search.run(trial, deadline, report, fraction);
    if (value <= current_value + tiny) {
      current = trial;
      current_value = value;
      if (value < *uncovered - tiny) {
        *uncovered = value;
        open = trial;
        std::sort(open.begin(), open.end());
      }
    }
  }
}

Solution solve_large_mclp(const LargeInstance& in, const Params& params, const Progress& progress,
                          const LargeOptions& options) {
  const auto start = Clock::now();
  validate_large(in);
  const std::vector<int> fixed = sorted_fixed(in);
  check_p(in, params, fixed);
  if (!(params.within >= 0) || !std::isfinite(params.within)) {
    throw SitingError("rayon de couverture négatif ou invalide");
  }
  const int threads = std::max(1, params.threads);
  const auto deadline = deadline_of(start, params.time_limit_s);
  Reporter report(progress);
  report(0, "ensembles couvrants", true);

  // Covering lists: the sites within the radius (as dense covering tests it: minutes <= within + 1e-9), cost 0;
  // every other site costs 1 (uncovered).
  const double within = params.within + 1e-9;
  NeighbourLists geo = neighbour_lists(in, 0, within * (1 + 1e-9), threads,
                                       [&report](double f, std::string_view stage) { report(0.05 * f, stage); });
  SparseProblem pb;
  pb.n = in.clients.size();
  pb.m = in.sites.size();
  pb.integral = all_integral(in.clients);
  for (const Point& c : in.clients) pb.weight.push_back(c.weight);
  pb.fixed = fixed;
  pb.lists.begin.push_back(0);
  for (std::size_t i = 0; i < pb.n; ++i) {
    for (std::size_t t = geo.begin[i]; t < geo.begin[i + 1]; ++t) {
      if (geo.minutes[t] <= within) {
        pb.lists.site.push_back(geo.site[t]);
        pb.lists.minutes.push_back(0);
      }
    }
    pb.lists.begin.push_back(pb.lists.site.size());
  }
  pb.lists.radius.assign(pb.n, 1.0);
  geo = {};
  pb.invert();
  double total = 0;
  for (const double w : pb.weight) total += w;
  report(0.05, "ensembles couvrants", true);

  double uncovered = 0;
  std::vector<int> open = heuristic(pb, params.p, threads, deadline, report, 3, &uncovered);
  std::string solver = "large greedy+swap";
  report(0.4, "borne lagrangienne", true);
  // At most 40 % of the time left: the LP and CBC need the rest on instances the bound does not settle.
  const auto bound_deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>((deadline - Clock::now()) * 0.4);
  LagrangianResult lr =
      lagrangian(pb, params.p, uncovered, options.lagrangian_iterations, threads, bound_deadline, report, 0.4, 0.6);
  solver += "+lagrangian";
  if (!lr.proven && !lr.lambda.empty() && Clock::now() < deadline) {
    // Coordinate ascent from the best multipliers, within a tenth of the time left.
    report(0.6, "borne lagrangienne (montée par coordonnées)", true);
    const auto ascent_deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>((deadline - Clock::now()) * 0.1);
    std::vector<double> lambda = lr.lambda;
    const double bound = covering_ascent(pb, params.p, lambda, ascent_deadline);
    if (bound > lr.bound) {
      lr.bound = bound;
      lr.lambda = std::move(lambda);
      solver += "+ascent";
    }
  }
  {
    // Beasley's Lagrangian heuristic, as for the p-median, within half of the time left.
    const auto search_deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>((deadline - Clock::now()) * 0.5);
    SwapSearch search(pb, threads);
    for (auto it = lr.sets.rbegin(); it != lr.sets.rend() && Clock::now() < search_deadline; ++it) {
      if (lr.bound >= uncovered - (pb.integral ? 1 - 1e-6 : 1e-9 * (1 + uncovered))) break;
      std::vector<int> trial = *it;
      const double value = search.run(trial, search_deadline, report, 0.6);
      if (value < uncovered - 1e-9 * (1 + uncovered)) {
        uncovered = value;
        open = trial;
        std::sort(open.begin(), open.end());
      }
    }
  }
  // Upper bound on the covered weight; integral weights give integral coverage.
  double upper = total - std::max(0.0, lr.bound);
  if (pb.integral) upper = std::floor(upper + 1e-6);
  double covered = total - uncovered;
  bool proven = upper <= covered + (pb.integral ? 0.5 : 1e-9 * (1 + total));

  if (!proven && Clock::now() < deadline && !lr.lambda.empty()) {
    report(0.6, "fixation par coûts réduits", true);
    const double need = pb.integral ? uncovered - 1 + 1e-6 * (1 + uncovered) : uncovered - 1e-9 * (1 + uncovered);
    const Fixing fixing = lagrangian_fixing(pb, params.p, lr.lambda, need);
    std::vector<char> state = fixing.state;
    const std::vector<int>& order = fixing.order;
    // The reduced model: undecided sites, and clients not covered by the opened ones, merged by covering set.
    std::vector<int> reduced_of(pb.m, -1);
    std::vector<int> site_of;
    int opened = 0;
    for (std::size_t j = 0; j < pb.m; ++j) {
      if (state[j] == 0) {
        reduced_of[j] = static_cast<int>(site_of.size());
        site_of.push_back(static_cast<int>(j));
      }
      if (state[j] == 1) ++opened;
    }
    double base = 0;
    std::map<std::vector<int>, double> groups;
    std::vector<int> set;
    for (std::size_t i = 0; i < pb.n; ++i) {
      if (pb.weight[i] == 0) continue;
      set.clear();
      bool covered_now = false;
      for (std::size_t t = pb.lists.begin[i]; t < pb.lists.begin[i + 1]; ++t) {
        const auto j = static_cast<std::size_t>(pb.lists.site[t]);
        if (state[j] == 1) covered_now = true;
        if (state[j] == 0) set.push_back(reduced_of[j]);
      }
      if (covered_now) {
        base += pb.weight[i];
      } else if (!set.empty()) {
        std::sort(set.begin(), set.end());
        groups[set] += pb.weight[i];
      }
    }
    detail::ReducedCovering model;
    model.sites = static_cast<int>(site_of.size());
    model.p = params.p - opened;
    model.begin.push_back(0);
    for (const auto& [sites, w] : groups) {
      model.weight.push_back(w);
      model.site.insert(model.site.end(), sites.begin(), sites.end());
      model.begin.push_back(model.site.size());
    }
    // What an improvement must cover, in the whole model's terms (integral weights: one more person).
    const double goal = pb.integral ? covered + 0.5 : covered + 1e-9 * (1 + total);
    const double target = goal - base;
    bool settled = false;
    if (model.p < 0 || model.p > model.sites) {
      proven = true;  // the fixings leave no room for a better solution
      settled = true;
    }
    if (!settled && model.sites > options.compact_lp_max_sites) {
      // Too big for the compact LP (on the national instance it makes 2 or 3 pricing rounds in the minute and CBC
      // never starts). Most of the time left goes to the incumbent (iterated local search: on the national MCLP it
      // still improves after 40 s), the rest to the bound: the Lagrangian one again, then the branch-and-Benders-cut
      // on the whole covering lists, whose master starts from the multipliers' bound and tightens it towards the
      // LP's. (Measured on the national instance, bench/RESULTS.md: the subgradient raises the bound faster than the
      // Benders master per second; the Benders search is what can finish a proof once the gap allows it.)
      report(0.65, "recherche locale itérée", true);
      const double before = uncovered;
      covering_ils(
          pb, threads, open, &uncovered,
          Clock::now() + std::chrono::duration_cast<Clock::duration>((deadline - Clock::now()) * options.ils_share),
          report, 0.7);
      if (uncovered < before) {
        solver += "+ils";
        SwapSearch exact(pb, 1);
        exact.init(open);
        uncovered = exact.current_objective();
        covered = total - uncovered;
      }
      report(0.8, "borne lagrangienne (reprise)", true);
      bool improved = false;
      // The Lagrangian bound again (subgradient from its best multipliers with shorter steps, then coordinate
      // ascent, in turns) for half of the time left, then the branch-and-Benders-cut from the multipliers reached.
      const auto reprise_deadline =
          Clock::now() + std::chrono::duration_cast<Clock::duration>((deadline - Clock::now()) * 0.5);
      for (int round = 0; round < 8 && Clock::now() < reprise_deadline; ++round) {
        const auto round_deadline =
            Clock::now() + std::chrono::duration_cast<Clock::duration>((reprise_deadline - Clock::now()) * 0.45);
        LagrangianResult more = lagrangian(pb, params.p, uncovered, options.lagrangian_iterations, threads,
                                           round_deadline, report, 0.8, 0.95, &lr.lambda, 0.5 / (1 << round));
        if (more.bound > lr.bound) {
          lr.bound = more.bound;
          lr.lambda = std::move(more.lambda);
          improved = true;
        }
        std::vector<double> lambda = lr.lambda;
        const double ascended = covering_ascent(pb, params.p, lambda, reprise_deadline);
        if (ascended > lr.bound) {
          lr.bound = ascended;
          lr.lambda = std::move(lambda);
          improved = true;
        }
      }
      if (improved) {
        solver += "+lagrangian";
        upper = std::min(upper, total - std::max(0.0, lr.bound));
        if (pb.integral) upper = std::floor(upper + 1e-6);
      }
      report(0.9, "branch-and-Benders-cut", true);
      const BendersOutcome b = run_benders(pb, params.p, state, open, uncovered, lr.lambda, deadline,
                                           options.benders_cluster, report, 0.9, 0.99);
      solver += b.solver;
      if (b.result.improved) {
        open = b.result.open;
        uncovered = b.result.value;
        covered = total - uncovered;
      }
      upper = std::min(upper, total - std::max(0.0, b.result.bound));
      if (pb.integral) upper = std::floor(upper + 1e-6);
      proven = b.result.complete || upper <= covered + (pb.integral ? 0.5 : 1e-9 * (1 + total));
      settled = true;
    }
    if (!settled && Clock::now() < deadline) {
      // The LP relaxation by column generation, from the incumbent's sites and the relaxation's favourites.
      report(0.65, "relaxation linéaire (génération de colonnes)", true);
      std::vector<int> core;
      for (const int s : open) {
        if (reduced_of[static_cast<std::size_t>(s)] >= 0) core.push_back(reduced_of[static_cast<std::size_t>(s)]);
      }
      for (std::size_t k = 0; k < order.size() && core.size() < 3000; ++k) {
        const int r = reduced_of[static_cast<std::size_t>(order[k])];
        if (r >= 0) core.push_back(r);
      }
      std::sort(core.begin(), core.end());
      core.erase(std::unique(core.begin(), core.end()), core.end());
      const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
      const std::function<void()> tick_lp = [&report] { report(0.7, "relaxation linéaire (génération de colonnes)"); };
      const detail::CoveringLp lp = detail::covering_lp(model, core, target, left, tick_lp);
      if (lp.solved) {
        solver += "+lp";
        upper = std::min(upper, std::max(covered, base + lp.bound));
        if (pb.integral) upper = std::floor(upper + 1e-6);
        if (lp.bound < target) {
          proven = true;
          settled = true;
        } else {
          // Keep only the sites the LP left undecided.
          for (std::size_t r = 0; r < lp.state.size(); ++r) {
            if (lp.state[r] != 0) state[static_cast<std::size_t>(site_of[r])] = lp.state[r];
          }
          std::vector<int> keep_of(static_cast<std::size_t>(model.sites), -1);
          std::vector<int> kept_sites;
          int newly_open = 0;
          for (std::size_t r = 0; r < lp.state.size(); ++r) {
            if (lp.state[r] == 0) {
              keep_of[r] = static_cast<int>(kept_sites.size());
              kept_sites.push_back(site_of[r]);
            }
            if (lp.state[r] == 1) ++newly_open;
          }
          std::map<std::vector<int>, double> regroup;
          for (std::size_t k = 0; k < model.weight.size(); ++k) {
            set.clear();
            bool now_covered = false;
            for (std::size_t t = model.begin[k]; t < model.begin[k + 1]; ++t) {
              const auto r = static_cast<std::size_t>(model.site[t]);
              if (lp.state[r] == 1) now_covered = true;
              if (lp.state[r] == 0) set.push_back(keep_of[r]);
            }
            if (now_covered) {
              base += model.weight[k];
            } else if (!set.empty()) {
              regroup[set] += model.weight[k];
            }
          }
          detail::ReducedCovering smaller;
          smaller.sites = static_cast<int>(kept_sites.size());
          smaller.p = model.p - newly_open;
          smaller.begin.push_back(0);
          for (const auto& [sites, w] : regroup) {
            smaller.weight.push_back(w);
            smaller.site.insert(smaller.site.end(), sites.begin(), sites.end());
            smaller.begin.push_back(smaller.site.size());
          }
          model = std::move(smaller);
          site_of = std::move(kept_sites);
          if (model.p < 0 || model.p > model.sites) {
            proven = true;
            settled = true;
          }
        }
      }
    }
    const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
    if (!settled && left > 0) {
      solver += "+cbc";
      report(0.8, "MIP réduit (CBC)", true);
      const std::function<void()> tick_mip = [&report] { report(0.85, "MIP réduit (CBC)"); };
      const detail::ReducedAnswer ans = detail::solve_reduced_covering(model, goal - base, left, threads, tick_mip);
      if (!ans.open.empty() && base + ans.value > covered) {
        open.clear();
        for (std::size_t j = 0; j < pb.m; ++j) {
          if (state[j] == 1) open.push_back(static_cast<int>(j));
        }
        for (const int r : ans.open) open.push_back(site_of[static_cast<std::size_t>(r)]);
        std::sort(open.begin(), open.end());
        covered = base + ans.value;
      }
      if (ans.complete) {
        proven = true;
      } else if (ans.bound_known) {
        // Solutions breaking a fixing cover no more than the incumbent; the others are within CBC's bound.
        upper = std::min(upper, std::max(covered, base + ans.bound));
        if (pb.integral) upper = std::floor(upper + 1e-6);
        proven = upper <= covered + (pb.integral ? 0.5 : 1e-9 * (1 + total));
      }
    }
  }

  // The report from the chosen sites.
  SwapSearch state(pb, 1);
  state.init(open);
  Solution sol;
  sol.open = open;
  sol.objective = total - state.current_objective();
  sol.solver = solver;
  sol.assignment.assign(pb.n, -1);
  sol.served.assign(open.size(), 0);
  sol.marginal.assign(open.size(), 0);
  const LargeCosts costs(in);
  for (std::size_t i = 0; i < pb.n; ++i) {
    int best = -1;
    int count = 0;
    double best_minutes = kInf;
    for (std::size_t t = pb.lists.begin[i]; t < pb.lists.begin[i + 1]; ++t) {
      const int j = pb.lists.site[t];
      if (!std::binary_search(open.begin(), open.end(), j)) continue;
      ++count;
      const double mins = costs.minutes(static_cast<int>(i), j);
      if (mins < best_minutes || (mins == best_minutes && j < best)) {
        best = j;
        best_minutes = mins;
      }
    }
    if (best < 0) continue;
    sol.assignment[i] = best;
    const auto k = static_cast<std::size_t>(std::lower_bound(open.begin(), open.end(), best) - open.begin());
    sol.served[k] += pb.weight[i];
    if (count == 1) sol.marginal[k] += pb.weight[i];
  }
  sol.optimal = proven;
  sol.bound = proven ? sol.objective : std::max(upper, sol.objective);
  sol.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  report(1, "terminé", true);
  return sol;
}

}  // namespace tc::siting
