// Covering heuristics against brute-force enumeration on small random instances: the heuristic must be close to
// the optimum and its bound must really bound it.
#include "siting/covering.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "siting/errors.h"

namespace tc::siting {
namespace {

// Clients and sites scattered on a 100 × 100 square, cost = Euclidean distance; some clients weigh nothing.
Instance random_instance(unsigned seed, int clients, int sites) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> coord(0, 100);
  std::uniform_int_distribution<int> weight(0, 100);
  std::vector<std::pair<double, double>> c(static_cast<std::size_t>(clients));
  std::vector<std::pair<double, double>> s(static_cast<std::size_t>(sites));
  for (auto& xy : c) xy = {coord(rng), coord(rng)};
  for (auto& xy : s) xy = {coord(rng), coord(rng)};
  Instance inst;
  inst.clients = clients;
  inst.sites = sites;
  for (int i = 0; i < clients; ++i) {
    const int w = weight(rng);
    inst.weight.push_back(w < 10 ? 0 : w);
    inst.client_ids.push_back("c" + std::to_string(i));
    for (int j = 0; j < sites; ++j) {
      const auto& a = c[static_cast<std::size_t>(i)];
      const auto& b = s[static_cast<std::size_t>(j)];
      inst.cost.push_back(std::hypot(a.first - b.first, a.second - b.second));
    }
  }
  for (int j = 0; j < sites; ++j) inst.site_ids.push_back("s" + std::to_string(j));
  return inst;
}

double covered(const Instance& inst, std::uint32_t mask, double within) {
  double total = 0;
  for (int i = 0; i < inst.clients; ++i) {
    for (int j = 0; j < inst.sites; ++j) {
      if (((mask >> j) & 1U) != 0 && inst.at(i, j) <= within) {
        total += inst.weight[static_cast<std::size_t>(i)];
        break;
      }
    }
  }
  return total;
}

std::uint32_t fixed_mask(const Instance& inst) {
  std::uint32_t m = 0;
  for (const int j : inst.fixed) m |= 1U << j;
  return m;
}

double brute_mclp(const Instance& inst, int p, double within) {
  double best = -1;
  for (std::uint32_t mask = 0; mask < (1U << inst.sites); ++mask) {
    if (std::popcount(mask) != p || (mask & fixed_mask(inst)) != fixed_mask(inst)) continue;
    best = std::max(best, covered(inst, mask, within));
  }
  return best;
}

// Fewest sites covering every positive-weight client; -1 when impossible.
int brute_lscp(const Instance& inst, double within) {
  double need = 0;
  for (const double w : inst.weight) need += w;
  int best = -1;
  for (std::uint32_t mask = 0; mask < (1U << inst.sites); ++mask) {
    if ((mask & fixed_mask(inst)) != fixed_mask(inst)) continue;
    const int size = std::popcount(mask);
    if (best >= 0 && size >= best) continue;
    if (covered(inst, mask, within) >= need) best = size;
  }
  return best;
}

bool coverable(const Instance& inst, double within) {
  for (int i = 0; i < inst.clients; ++i) {
    if (inst.weight[static_cast<std::size_t>(i)] <= 0) continue;
    bool any = false;
    for (int j = 0; j < inst.sites; ++j) any = any || inst.at(i, j) <= within;
    if (!any) return false;
  }
  return true;
}

Params mclp(int p, double within) {
  Params params;
  params.model = Model::Mclp;
  params.p = p;
  params.within = within;
  return params;
}

Params lscp(double within) {
  Params params;
  params.model = Model::Lscp;
  params.within = within;
  return params;
}

void expect_consistent(const Instance& inst, const Solution& sol, double within) {
  ASSERT_TRUE(std::is_sorted(sol.open.begin(), sol.open.end()));
  ASSERT_EQ(sol.served.size(), sol.open.size());
  ASSERT_EQ(sol.marginal.size(), sol.open.size());
  ASSERT_EQ(sol.assignment.size(), static_cast<std::size_t>(inst.clients));
  for (const int j : inst.fixed) EXPECT_TRUE(std::binary_search(sol.open.begin(), sol.open.end(), j));
  double served = 0;
  for (const double s : sol.served) served += s;
  std::uint32_t mask = 0;
  for (const int j : sol.open) mask |= 1U << j;
  EXPECT_NEAR(served, covered(inst, mask, within), 1e-9);
  for (int i = 0; i < inst.clients; ++i) {
    const int a = sol.assignment[static_cast<std::size_t>(i)];
    if (a < 0) continue;
    EXPECT_LE(inst.at(i, a), within);
    for (const int j : sol.open) EXPECT_LE(inst.at(i, a), inst.at(i, j) + (inst.at(i, j) > within ? 1e18 : 0));
  }
}

TEST(Mclp, WithinTwoPercentOfBruteForceAndBoundAbove) {
  int proven = 0;
  for (unsigned seed = 1; seed <= 12; ++seed) {
    for (const int p : {1, 2, 3, 5}) {
      Instance inst = random_instance(seed, 30, 12);
      if (seed % 3 == 0) inst.fixed = {static_cast<int>(seed % 12)};
      const double within = 20 + seed;
      const double best = brute_mclp(inst, p, within);
      const Solution sol = solve_mclp_heuristic(inst, mclp(p, within));
      SCOPED_TRACE("seed " + std::to_string(seed) + " p " + std::to_string(p));
      EXPECT_EQ(sol.open.size(), static_cast<std::size_t>(p));
      std::uint32_t open_mask = 0;
      for (const int j : sol.open) open_mask |= 1U << j;
      EXPECT_NEAR(sol.objective, covered(inst, open_mask, within), 1e-9);
      EXPECT_GE(sol.objective, 0.98 * best);
      EXPECT_LE(sol.objective, best + 1e-9);
      EXPECT_GE(sol.bound, best - 1e-9);
      EXPECT_LE(sol.bound - covered(inst, (1U << 12) - 1, within), 1e-9);  // never above what any p could cover
      if (sol.optimal) {
        EXPECT_NEAR(sol.objective, best, 1e-9);
        ++proven;
      }
      EXPECT_EQ(sol.solver, "greedy+swap");
      expect_consistent(inst, sol, within);
    }
  }
  EXPECT_GT(proven, 0);  // the Lagrangian bound closes the gap at least sometimes
}

TEST(Lscp, WithinOneOfBruteForceAndBoundBelow) {
  int tested = 0;
  for (unsigned seed = 1; seed <= 30; ++seed) {
    Instance inst = random_instance(seed, 25, 12);
    if (seed % 4 == 0) inst.fixed = {static_cast<int>(seed % 12), static_cast<int>((seed + 5) % 12)};
    const double within = 40;
    if (!coverable(inst, within)) continue;
    ++tested;
    const int best = brute_lscp(inst, within);
    const Solution sol = solve_lscp_heuristic(inst, lscp(within));
    SCOPED_TRACE("seed " + std::to_string(seed));
    EXPECT_LE(sol.objective, best + 1);
    EXPECT_GE(sol.objective, best);
    EXPECT_LE(sol.bound, best);
    EXPECT_GE(sol.bound, 1);
    EXPECT_EQ(sol.optimal, sol.objective == sol.bound);
    EXPECT_EQ(sol.objective, static_cast<double>(sol.open.size()));
    EXPECT_EQ(sol.solver, "greedy");
    // Feasible: every positive-weight client is assigned.
    for (int i = 0; i < inst.clients; ++i) {
      if (inst.weight[static_cast<std::size_t>(i)] > 0) {
        EXPECT_GE(sol.assignment[static_cast<std::size_t>(i)], 0);
      }
    }
    expect_consistent(inst, sol, within);
  }
  EXPECT_GE(tested, 10);
}

TEST(Lscp, UncoverableClientsAreNamed) {
  Instance inst = random_instance(7, 10, 4);
  inst.weight.assign(10, 1);
  for (int j = 0; j < inst.sites; ++j) {
    inst.cost[std::size_t{3} * static_cast<std::size_t>(inst.sites) + static_cast<std::size_t>(j)] = 500;
    inst.cost[std::size_t{8} * static_cast<std::size_t>(inst.sites) + static_cast<std::size_t>(j)] = 500;
  }
  try {
    solve_lscp_heuristic(inst, lscp(200));
    FAIL() << "no SitingError";
  } catch (const SitingError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("c3"), std::string::npos) << msg;
    EXPECT_NE(msg.find("c8"), std::string::npos) << msg;
    EXPECT_NE(msg.find("2 communes"), std::string::npos) << msg;
  }
  // A zero-weight client out of reach does not matter.
  inst.weight[3] = 0;
  inst.weight[8] = 0;
  EXPECT_NO_THROW(solve_lscp_heuristic(inst, lscp(200)));
}

TEST(Covering, HandMadeAssignmentServedMarginal) {
  // Clients 0..3 on a line at 0, 10, 20, 30; sites at 0 (s0) and 20 (s1); radius 10.
  Instance inst;
  inst.clients = 4;
  inst.sites = 2;
  inst.weight = {1, 2, 4, 8};
  inst.cost = {0, 20, 10, 10, 20, 0, 30, 10};
  const Solution sol = solve_mclp_heuristic(inst, mclp(2, 10));
  EXPECT_EQ(sol.open, (std::vector<int>{0, 1}));
  EXPECT_DOUBLE_EQ(sol.objective, 15);
  EXPECT_TRUE(sol.optimal);
  EXPECT_DOUBLE_EQ(sol.bound, 15);
  EXPECT_EQ(sol.assignment, (std::vector<int>{0, 0, 1, 1}));  // client 1 is 10 from both: lowest index
  EXPECT_EQ(sol.served, (std::vector<double>{3, 12}));
  EXPECT_EQ(sol.marginal, (std::vector<double>{1, 12}));
  const Solution one = solve_mclp_heuristic(inst, mclp(1, 10));
  EXPECT_EQ(one.open, (std::vector<int>{1}));
  EXPECT_DOUBLE_EQ(one.objective, 14);
  EXPECT_EQ(one.assignment, (std::vector<int>{-1, 1, 1, 1}));
  const Solution cover = solve_lscp_heuristic(inst, lscp(10));
  EXPECT_EQ(cover.open, (std::vector<int>{0, 1}));
  EXPECT_TRUE(cover.optimal);  // clients 0 and 3 have disjoint covering sets
}

TEST(Covering, FixedSitesAreKept) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    Instance inst = random_instance(seed, 30, 12);
    // A poor site: farthest on average from everyone.
    inst.fixed = {11, 4};
    const Solution m = solve_mclp_heuristic(inst, mclp(3, 25));
    EXPECT_TRUE(std::binary_search(m.open.begin(), m.open.end(), 4));
    EXPECT_TRUE(std::binary_search(m.open.begin(), m.open.end(), 11));
    EXPECT_EQ(m.open.size(), 3u);
    if (coverable(inst, 40)) {
      const Solution l = solve_lscp_heuristic(inst, lscp(40));
      EXPECT_TRUE(std::binary_search(l.open.begin(), l.open.end(), 4));
      EXPECT_TRUE(std::binary_search(l.open.begin(), l.open.end(), 11));
      EXPECT_GE(l.bound, 2);
    }
  }
}

TEST(Covering, RejectsImpossibleParameters) {
  Instance inst = random_instance(3, 10, 5);
  inst.fixed = {1, 2};
  EXPECT_THROW(solve_mclp_heuristic(inst, mclp(1, 20)), SitingError);
  EXPECT_THROW(solve_mclp_heuristic(inst, mclp(6, 20)), SitingError);
  EXPECT_THROW(solve_mclp_heuristic(inst, mclp(3, -1)), SitingError);
  inst.fixed = {9};
  EXPECT_THROW(solve_mclp_heuristic(inst, mclp(3, 20)), SitingError);
  EXPECT_THROW(solve_lscp_heuristic(inst, lscp(20)), SitingError);
}

TEST(Covering, EdgeCases) {
  Instance inst = random_instance(9, 10, 4);
  // No demand at all: nothing to open for LSCP, nothing to cover for MCLP, both proven.
  inst.weight.assign(10, 0);
  const Solution empty_cover = solve_lscp_heuristic(inst, lscp(5));
  EXPECT_TRUE(empty_cover.open.empty());
  EXPECT_TRUE(empty_cover.optimal);
  const Solution empty_max = solve_mclp_heuristic(inst, mclp(2, 5));
  EXPECT_EQ(empty_max.open.size(), 2u);
  EXPECT_DOUBLE_EQ(empty_max.objective, 0);
  EXPECT_TRUE(empty_max.optimal);
  // p = 0: nothing open, every client unassigned.
  inst.weight.assign(10, 1);
  const Solution none = solve_mclp_heuristic(inst, mclp(0, 50));
  EXPECT_TRUE(none.open.empty());
  EXPECT_EQ(none.assignment, std::vector<int>(10, -1));
  EXPECT_TRUE(none.optimal);
  // A negative weight is a broken instance.
  inst.weight[2] = -1;
  EXPECT_THROW(solve_mclp_heuristic(inst, mclp(1, 50)), SitingError);
  EXPECT_THROW(solve_lscp_heuristic(inst, lscp(50)), SitingError);
}

TEST(Covering, Deterministic) {
  const Instance inst = random_instance(42, 60, 12);
  const Solution a = solve_mclp_heuristic(inst, mclp(4, 25));
  const Solution b = solve_mclp_heuristic(inst, mclp(4, 25));
  EXPECT_EQ(a.open, b.open);
  EXPECT_EQ(a.objective, b.objective);
  EXPECT_EQ(a.bound, b.bound);
  EXPECT_EQ(a.assignment, b.assignment);
  if (coverable(inst, 45)) {
    const Solution c = solve_lscp_heuristic(inst, lscp(45));
    const Solution d = solve_lscp_heuristic(inst, lscp(45));
    EXPECT_EQ(c.open, d.open);
    EXPECT_EQ(c.bound, d.bound);
  }
}

TEST(Covering, ProgressGoesForward) {
  const Instance inst = random_instance(5, 30, 10);
  std::vector<double> seen;
  solve_mclp_heuristic(inst, mclp(3, 25), [&](double f, std::string_view) { seen.push_back(f); });
  ASSERT_FALSE(seen.empty());
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_DOUBLE_EQ(seen.back(), 1.0);
}

TEST(CoverageCurve, NonDecreasingAndAtLeastTheHeuristic) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    Instance inst = random_instance(seed, 40, 12);
    const std::vector<int> fixed = seed % 2 == 0 ? std::vector<int>{3} : std::vector<int>{};
    inst.fixed = fixed;
    const std::vector<double> curve = coverage_curve(inst, 22, 14, fixed);
    ASSERT_EQ(curve.size(), 14u);
    EXPECT_TRUE(std::is_sorted(curve.begin(), curve.end()));
    for (int p = 1; p <= 12; ++p) {
      const Solution sol = solve_mclp_heuristic(inst, mclp(p, 22));
      EXPECT_GE(curve[static_cast<std::size_t>(p - 1)], sol.objective - 1e-9) << "seed " << seed << " p " << p;
      EXPECT_LE(curve[static_cast<std::size_t>(p - 1)], brute_mclp(inst, p, 22) + 1e-9);
    }
    // All sites open: everything coverable is covered.
    EXPECT_DOUBLE_EQ(curve[13], covered(inst, (1U << 12) - 1, 22));
  }
  EXPECT_TRUE(coverage_curve(random_instance(1, 5, 3), 10, 0, {}).empty());
}

}  // namespace
}  // namespace tc::siting
