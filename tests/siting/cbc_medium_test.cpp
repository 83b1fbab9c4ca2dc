// The heuristics against CBC on medium random instances (40 to 80 clients and sites), where brute force is out of
// reach but CBC proves the optimum in a fraction of a second: the heuristic's bound and objective must bracket
// CBC's optimum, and the heuristic must reach it on most seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "siting/instance.h"
#include "siting/mip.h"
#include "siting/solve.h"

namespace tc::siting {
namespace {

constexpr unsigned kSeeds = 12;

// Clients and sites drawn separately in [0, 10)², weights 1..9, Euclidean cost; sizes vary with the seed.
Instance random_medium(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> size(40, 80);
  std::uniform_real_distribution<double> coord(0, 10);
  std::uniform_int_distribution<int> w(1, 9);
  Instance inst;
  inst.clients = size(rng);
  inst.sites = size(rng);
  std::vector<double> cx, cy, sx, sy;
  for (int i = 0; i < inst.clients; ++i) {
    cx.push_back(coord(rng));
    cy.push_back(coord(rng));
    inst.weight.push_back(w(rng));
    inst.client_ids.push_back("C" + std::to_string(i));
  }
  for (int j = 0; j < inst.sites; ++j) {
    sx.push_back(coord(rng));
    sy.push_back(coord(rng));
    inst.site_ids.push_back("S" + std::to_string(j));
  }
  for (int i = 0; i < inst.clients; ++i)
    for (int j = 0; j < inst.sites; ++j)
      inst.cost.push_back(std::hypot(cx[static_cast<std::size_t>(i)] - sx[static_cast<std::size_t>(j)],
                                     cy[static_cast<std::size_t>(i)] - sy[static_cast<std::size_t>(j)]));
  return inst;
}

// LSCP needs every weighted client coverable: a client no site reaches within the radius gets weight 0 (ignored).
Instance coverable(Instance inst, double within) {
  for (int i = 0; i < inst.clients; ++i) {
    bool any = false;
    for (int j = 0; j < inst.sites && !any; ++j) any = inst.at(i, j) <= within;
    if (!any) inst.weight[static_cast<std::size_t>(i)] = 0;
  }
  return inst;
}

Params params_for(Model model, int p, double within) {
  Params params;
  params.model = model;
  params.p = p;
  params.within = within;
  params.time_limit_s = 30;  // far above what CBC needs here: every run must end proven optimal
  return params;
}

double tolerance(double v) { return 1e-6 * std::max(1.0, std::abs(v)); }

// Checks one instance; returns whether the heuristic reached CBC's optimum. `max_excess`: how far from the optimum
// the heuristic may end (sites for LSCP).
bool heuristic_reaches_cbc(const Instance& inst, const Params& params, double max_excess = 0) {
  const Solution exact = solve_exact(inst, params);
  const Solution h = solve(inst, params, Method::Heuristic);
  EXPECT_TRUE(exact.optimal);
  const double opt = exact.objective;
  const double tol = tolerance(opt);
  if (params.model == Model::Mclp) {
    EXPECT_LE(h.objective, opt + tol);  // CBC's optimum is the most coverable
    EXPECT_GE(h.bound, opt - tol);      // the heuristic's upper bound is above it
    EXPECT_GE(h.objective, opt - max_excess - tol);
  } else {
    EXPECT_GE(h.objective, opt - tol);
    EXPECT_LE(h.bound, opt + tol);
    EXPECT_LE(h.objective, opt + max_excess + tol);
  }
  if (h.optimal) {
    EXPECT_NEAR(h.objective, opt, tol);  // a heuristic that claims optimality must be right
  }
  return std::abs(h.objective - opt) <= tol;
}

TEST(SitingCbcMedium, PMedianHeuristicBracketsCbcOptimum) {
  int reached = 0;
  for (unsigned seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Instance inst = random_medium(seed);
    reached += heuristic_reaches_cbc(inst, params_for(Model::PMedian, 5 + static_cast<int>(seed % 10), 0)) ? 1 : 0;
  }
  EXPECT_EQ(reached, 12);  // measured; both sides are deterministic
}

TEST(SitingCbcMedium, MclpHeuristicBracketsCbcOptimum) {
  int reached = 0;
  for (unsigned seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Instance inst = random_medium(100 + seed);
    reached += heuristic_reaches_cbc(inst, params_for(Model::Mclp, 6 + static_cast<int>(seed % 8), 1.5)) ? 1 : 0;
  }
  EXPECT_EQ(reached, 12);  // measured; both sides are deterministic
}

TEST(SitingCbcMedium, LscpHeuristicBracketsCbcOptimum) {
  int reached = 0;
  for (unsigned seed = 1; seed <= kSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const double within = 1.6;
    const Instance inst = coverable(random_medium(200 + seed), within);
    reached += heuristic_reaches_cbc(inst, params_for(Model::Lscp, 0, within), 2) ? 1 : 0;
  }
  // Measured, deterministic: the greedy cover with 2-for-1 replacements misses the optimum by 1 or 2 sites on 5
  // of the 12 seeds. At least, so that a better cover heuristic does not fail this.
  EXPECT_GE(reached, 7);
}

}  // namespace
}  // namespace tc::siting
