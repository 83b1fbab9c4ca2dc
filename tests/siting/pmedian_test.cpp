#include "siting/pmedian.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "orlib_files.h"
#include "siting/errors.h"
#include "siting/orlib.h"

namespace tc::siting {
namespace {

using test::read_optima;
Instance load(const std::string& name, int* p) { return test::load_orlib(name, p); }

// Small random instance (deterministic LCG) with different client and site counts and uneven weights.
Instance random_instance(int clients, int sites, std::uint32_t seed) {
  std::uint32_t state = seed;
  auto next = [&state] {
    state = state * 1664525U + 1013904223U;
    return static_cast<int>(state >> 20U);
  };
  Instance inst;
  inst.clients = clients;
  inst.sites = sites;
  for (int i = 0; i < clients; ++i) {
    inst.weight.push_back(1 + next() % 5);
    inst.client_ids.push_back(std::to_string(i));
  }
  for (int i = 0; i < clients * sites; ++i) inst.cost.push_back(next() % 100);
  for (int j = 0; j < sites; ++j) inst.site_ids.push_back(std::to_string(j));
  return inst;
}

double cost_of(const Instance& inst, const std::vector<int>& open) {
  double total = 0;
  for (int i = 0; i < inst.clients; ++i) {
    double best = 1e300;
    for (const int j : open) best = std::min(best, inst.at(i, j));
    total += inst.weight[static_cast<std::size_t>(i)] * best;
  }
  return total;
}

// Exhaustive optimum over all p-subsets containing the fixed sites.
double brute_force(const Instance& inst, int p) {
  double best = 1e300;
  std::vector<int> chosen;
  auto rec = [&](auto&& self, int next) -> void {
    if (static_cast<int>(chosen.size()) == p) {
      for (const int f : inst.fixed) {
        if (std::find(chosen.begin(), chosen.end(), f) == chosen.end()) return;
      }
      best = std::min(best, cost_of(inst, chosen));
      return;
    }
    for (int j = next; j < inst.sites; ++j) {
      chosen.push_back(j);
      self(self, j + 1);
      chosen.pop_back();
    }
  };
  rec(rec, 0);
  return best;
}

Params pmedian_params(int p, int threads = 2) {
  Params params;
  params.model = Model::PMedian;
  params.p = p;
  params.threads = threads;
  params.time_limit_s = 30;
  return params;
}

TEST(PMedianTest, OrlibPmed1To10AtTheirOptimaWithValidBounds) {
  const auto optima = read_optima();
  for (int k = 1; k <= 10; ++k) {
    const std::string name = "pmed" + std::to_string(k);
    SCOPED_TRACE(name);
    ASSERT_TRUE(optima.count(name));
    const double opt = optima.at(name);
    int p = 0;
    const Instance inst = load(name, &p);
    const Solution sol = solve_pmedian_heuristic(inst, pmedian_params(p));
    ASSERT_EQ(sol.open.size(), static_cast<std::size_t>(p));
    EXPECT_EQ(sol.objective, cost_of(inst, sol.open));
    EXPECT_GE(sol.objective, opt);
    EXPECT_EQ(sol.objective, opt);  // the published optimum, not merely close
    EXPECT_LE(sol.bound, opt + 1e-6);
    EXPECT_GE(sol.bound, 0.95 * opt);
    EXPECT_EQ(sol.solver, "greedy+swap");
    if (sol.optimal) {
      EXPECT_EQ(sol.objective, opt);
    }
    std::cout << name << ": objectif " << sol.objective << " / optimum " << opt << ", borne " << sol.bound
              << (sol.optimal ? " (optimal)" : "") << ", " << sol.seconds << " s\n";
  }
}

TEST(PMedianTest, LagrangianBoundAloneIsValid) {
  const auto optima = read_optima();
  int p = 0;
  const Instance inst = load("pmed2", &p);
  const double opt = optima.at("pmed2");
  const double few = pmedian_lagrangian_bound(inst, p, {}, 1);
  const double many = pmedian_lagrangian_bound(inst, p, {}, 500);
  EXPECT_LE(few, opt);
  EXPECT_LE(many, opt);
  EXPECT_GE(many, few);
  EXPECT_GE(many, 0.95 * opt);
}

TEST(PMedianTest, MatchesBruteForceOnTinyInstances) {
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE(seed);
    Instance inst = random_instance(14, 10, seed);
    const int p = 2 + static_cast<int>(seed % 3);
    if (seed % 4 == 0) inst.fixed = {static_cast<int>(seed % 10)};
    const Solution sol = solve_pmedian_heuristic(inst, pmedian_params(p));
    const double opt = brute_force(inst, p);
    EXPECT_EQ(sol.objective, opt);
    EXPECT_LE(sol.bound, opt + 1e-9);
    EXPECT_LE(pmedian_lagrangian_bound(inst, p, inst.fixed, 200), opt + 1e-9);
  }
}

TEST(PMedianTest, FixedSitesAreAlwaysOpen) {
  int p = 0;
  Instance inst = load("pmed1", &p);
  inst.fixed = {7, 42, 99};
  const Solution sol = solve_pmedian_heuristic(inst, pmedian_params(p));
  ASSERT_EQ(sol.open.size(), static_cast<std::size_t>(p));
  for (const int f : inst.fixed) EXPECT_TRUE(std::binary_search(sol.open.begin(), sol.open.end(), f)) << f;
  EXPECT_GE(sol.objective, read_optima().at("pmed1"));
  EXPECT_LE(sol.bound, sol.objective);

  // Every site fixed: nothing to choose.
  Instance tiny = random_instance(6, 4, 3);
  tiny.fixed = {1, 3};
  const Solution all_fixed = solve_pmedian_heuristic(tiny, pmedian_params(2));
  EXPECT_EQ(all_fixed.open, (std::vector<int>{1, 3}));
  EXPECT_TRUE(all_fixed.optimal);
}

TEST(PMedianTest, DeterministicAcrossRunsAndThreadCounts) {
  // n = 300: large enough for the solver's threaded paths (and the reader's two-thread Floyd–Warshall) to run.
  int p = 0;
  const Instance inst = load("pmed11", &p);
  const Solution a = solve_pmedian_heuristic(inst, pmedian_params(p, 2));
  const Solution b = solve_pmedian_heuristic(inst, pmedian_params(p, 2));
  const Solution c = solve_pmedian_heuristic(inst, pmedian_params(p, 1));
  EXPECT_EQ(a.open, b.open);
  EXPECT_EQ(a.objective, b.objective);
  EXPECT_EQ(a.bound, b.bound);
  EXPECT_EQ(a.assignment, b.assignment);
  EXPECT_EQ(a.open, c.open);
  EXPECT_EQ(a.bound, c.bound);
}

TEST(PMedianTest, FillsAssignmentServedAndMarginal) {
  const Instance inst = random_instance(20, 8, 77);
  const Solution sol = solve_pmedian_heuristic(inst, pmedian_params(3));
  ASSERT_EQ(sol.open.size(), 3U);
  EXPECT_TRUE(std::is_sorted(sol.open.begin(), sol.open.end()));
  ASSERT_EQ(sol.assignment.size(), 20U);
  ASSERT_EQ(sol.served.size(), 3U);
  ASSERT_EQ(sol.marginal.size(), 3U);
  double served = 0;
  for (const double s : sol.served) served += s;
  double total_weight = 0;
  for (const double w : inst.weight) total_weight += w;
  EXPECT_EQ(served, total_weight);
  for (int i = 0; i < inst.clients; ++i) {
    const int a = sol.assignment[static_cast<std::size_t>(i)];
    ASSERT_TRUE(std::binary_search(sol.open.begin(), sol.open.end(), a));
    for (const int j : sol.open) EXPECT_LE(inst.at(i, a), inst.at(i, j));
  }
  for (std::size_t s = 0; s < sol.open.size(); ++s) {
    std::vector<int> without = sol.open;
    without.erase(without.begin() + static_cast<std::ptrdiff_t>(s));
    EXPECT_EQ(sol.marginal[s], cost_of(inst, without) - sol.objective) << sol.open[s];
  }
}

TEST(PMedianTest, SingleMedianIsExact) {
  const Instance inst = random_instance(15, 9, 5);
  const Solution sol = solve_pmedian_heuristic(inst, pmedian_params(1));
  EXPECT_EQ(sol.objective, brute_force(inst, 1));
  EXPECT_TRUE(std::isinf(sol.marginal.at(0)));
}

TEST(PMedianTest, RejectsImpossibleParameters) {
  Instance inst = random_instance(5, 4, 9);
  EXPECT_THROW(solve_pmedian_heuristic(inst, pmedian_params(0)), SitingError);
  EXPECT_THROW(solve_pmedian_heuristic(inst, pmedian_params(5)), SitingError);
  inst.fixed = {0, 1, 2};
  EXPECT_THROW(solve_pmedian_heuristic(inst, pmedian_params(2)), SitingError);
  inst.fixed = {4};
  EXPECT_THROW(solve_pmedian_heuristic(inst, pmedian_params(2)), SitingError);
  EXPECT_THROW(pmedian_lagrangian_bound(inst, 0, {}, 10), SitingError);
}

}  // namespace
}  // namespace tc::siting
