// Exact siting (CBC): hand-made instances with optima stated by reasoning, small instances against brute-force
// enumeration, input errors, the time limit, and OR-Library pmed1 against its published optimum.
#include "siting/mip.h"
#include "orlib_files.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "siting/errors.h"
#include "siting/orlib.h"

namespace tc::siting {
namespace {

// Towns on a line at 0, 1, 2, ...; every town is a client and a candidate site; cost = distance.
Instance line(const std::vector<double>& weights) {
  Instance inst;
  inst.clients = static_cast<int>(weights.size());
  inst.sites = inst.clients;
  inst.weight = weights;
  for (int i = 0; i < inst.clients; ++i) {
    inst.client_ids.push_back("T" + std::to_string(i));
    inst.site_ids.push_back("T" + std::to_string(i));
    for (int j = 0; j < inst.sites; ++j) inst.cost.push_back(std::abs(i - j));
  }
  return inst;
}

// Points with random coordinates in [0, 10)²; clients and sites drawn separately; Euclidean cost.
Instance random_instance(int clients, int sites, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> coord(0, 10);
  std::uniform_int_distribution<int> w(1, 9);
  std::vector<double> cx, cy, sx, sy;
  Instance inst;
  inst.clients = clients;
  inst.sites = sites;
  for (int i = 0; i < clients; ++i) {
    cx.push_back(coord(rng));
    cy.push_back(coord(rng));
    inst.weight.push_back(w(rng));
    inst.client_ids.push_back("C" + std::to_string(i));
  }
  for (int j = 0; j < sites; ++j) {
    sx.push_back(coord(rng));
    sy.push_back(coord(rng));
    inst.site_ids.push_back("S" + std::to_string(j));
  }
  for (int i = 0; i < clients; ++i)
    for (int j = 0; j < sites; ++j)
      inst.cost.push_back(std::hypot(cx[static_cast<std::size_t>(i)] - sx[static_cast<std::size_t>(j)],
                                     cy[static_cast<std::size_t>(i)] - sy[static_cast<std::size_t>(j)]));
  return inst;
}

// 4 × 3 grid of towns, unit spacing, Manhattan cost, random weights: 12 sites, so all subsets are enumerable.
Instance grid(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> w(1, 20);
  Instance inst;
  inst.clients = 12;
  inst.sites = 12;
  for (int i = 0; i < 12; ++i) {
    inst.weight.push_back(w(rng));
    inst.client_ids.push_back("G" + std::to_string(i));
    inst.site_ids.push_back("G" + std::to_string(i));
    for (int j = 0; j < 12; ++j) inst.cost.push_back(std::abs(i % 4 - j % 4) + std::abs(i / 4 - j / 4));
  }
  return inst;
}

// Independent objective of a subset (bit mask of sites); NaN when infeasible for LSCP.
double value_of(const Instance& inst, const Params& params, unsigned mask) {
  double total = 0;
  for (int i = 0; i < inst.clients; ++i) {
    double best = std::numeric_limits<double>::infinity();
    for (int j = 0; j < inst.sites; ++j)
      if ((mask >> j) & 1U) best = std::min(best, inst.at(i, j));
    const double w = inst.weight[static_cast<std::size_t>(i)];
    switch (params.model) {
      case Model::PMedian: total += w * best; break;
      case Model::Mclp:
        if (best <= params.within) total += w;
        break;
      case Model::Lscp:
        if (w > 0 && !(best <= params.within)) return std::numeric_limits<double>::quiet_NaN();
        break;
    }
  }
  return params.model == Model::Lscp ? __builtin_popcount(mask) : total;
}

// Best value over all subsets respecting p (MCLP, p-median) and the fixed sites.
double brute_force(const Instance& inst, const Params& params) {
  unsigned fixed = 0;
  for (const int f : inst.fixed) fixed |= 1U << f;
  const bool maximise = params.model == Model::Mclp;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double best = maximise ? -kInf : kInf;
  for (unsigned mask = 1; mask < (1U << inst.sites); ++mask) {
    if ((mask & fixed) != fixed) continue;
    if (params.model != Model::Lscp && __builtin_popcount(mask) != params.p) continue;
    const double v = value_of(inst, params, mask);
    if (std::isnan(v)) continue;
    best = maximise ? std::max(best, v) : std::min(best, v);
  }
  return best;
}

unsigned mask_of(const Solution& sol) {
  unsigned m = 0;
  for (const int j : sol.open) m |= 1U << j;
  return m;
}

Params params_for(Model model, int p, double within = 0) {
  Params params;
  params.model = model;
  params.p = p;
  params.within = within;
  params.time_limit_s = 10;
  return params;
}

TEST(SitingMip, PMedianLineOfFiveTownsOpensTheMiddle) {
  const Instance inst = line({1, 1, 1, 1, 1});
  const Solution sol = solve_exact(inst, params_for(Model::PMedian, 1));
  EXPECT_EQ(sol.open, std::vector<int>{2});
  EXPECT_DOUBLE_EQ(sol.objective, 6);  // 2 + 1 + 0 + 1 + 2
  EXPECT_TRUE(sol.optimal);
  EXPECT_DOUBLE_EQ(sol.bound, 6);
  EXPECT_EQ(sol.solver, "cbc");
  EXPECT_EQ(sol.assignment, (std::vector<int>{2, 2, 2, 2, 2}));
  EXPECT_EQ(sol.served, std::vector<double>{5});
  ASSERT_EQ(sol.marginal.size(), 1U);
  EXPECT_TRUE(std::isinf(sol.marginal[0]));  // nobody served without the only site
  EXPECT_GE(sol.seconds, 0);
}

TEST(SitingMip, PMedianLineTwoSitesWithHeavyEnds) {
  // Heavy towns at both ends pull the two sites there: {0, 4}, cost 1 + 2 + 1 = 4 (any other pair pays ≥ 10).
  const Instance inst = line({10, 1, 1, 1, 10});
  const Solution sol = solve_exact(inst, params_for(Model::PMedian, 2));
  EXPECT_EQ(sol.open, (std::vector<int>{0, 4}));
  EXPECT_DOUBLE_EQ(sol.objective, 4);
  EXPECT_TRUE(sol.optimal);
  EXPECT_EQ(sol.assignment, (std::vector<int>{0, 0, 0, 4, 4}));  // town 2 ties: lowest index
  EXPECT_EQ(sol.served, (std::vector<double>{12, 11}));
  // Closing 0: towns 0..2 go to 4 → 10·4 + 3 + 2 + 1 + 0 = 46, +42. Closing 4: symmetric, 0 + 1 + 2 + 3 + 40 = 46.
  EXPECT_EQ(sol.marginal, (std::vector<double>{42, 42}));
}

TEST(SitingMip, LscpLineOfFiveTowns) {
  const Instance inst = line({1, 1, 1, 1, 1});
  const Solution wide = solve_exact(inst, params_for(Model::Lscp, 0, 2));
  EXPECT_EQ(wide.open, std::vector<int>{2});  // the middle town reaches everyone within 2
  EXPECT_DOUBLE_EQ(wide.objective, 1);
  EXPECT_TRUE(wide.optimal);
  EXPECT_EQ(wide.marginal, std::vector<double>{5});  // LSCP marginal: weight left uncovered

  const Solution narrow = solve_exact(inst, params_for(Model::Lscp, 0, 1));
  EXPECT_DOUBLE_EQ(narrow.objective, 2);  // one site covers at most 3 consecutive towns
  EXPECT_EQ(narrow.open.size(), 2U);
  EXPECT_DOUBLE_EQ(narrow.bound, 2);
  for (const int a : narrow.assignment) EXPECT_GE(a, 0);
}

TEST(SitingMip, LscpIgnoresZeroWeightClients) {
  const Instance inst = line({0, 0, 1, 0, 0});
  const Solution sol = solve_exact(inst, params_for(Model::Lscp, 0, 0));
  EXPECT_EQ(sol.open, std::vector<int>{2});
  EXPECT_EQ(sol.assignment, (std::vector<int>{-1, -1, 2, -1, -1}));
}

TEST(SitingMip, MclpLineOfFiveTowns) {
  const Instance inst = line({5, 1, 1, 1, 4});
  const Solution one = solve_exact(inst, params_for(Model::Mclp, 1, 1));
  EXPECT_EQ(one.open, std::vector<int>{1});  // covers towns 0..2: 7 (site 3 would cover 6)
  EXPECT_DOUBLE_EQ(one.objective, 7);
  EXPECT_TRUE(one.optimal);
  EXPECT_DOUBLE_EQ(one.bound, 7);
  EXPECT_EQ(one.assignment, (std::vector<int>{1, 1, 1, -1, -1}));
  EXPECT_EQ(one.served, std::vector<double>{7});
  EXPECT_EQ(one.marginal, std::vector<double>{7});

  const Solution two = solve_exact(inst, params_for(Model::Mclp, 2, 1));
  EXPECT_DOUBLE_EQ(two.objective, 12);  // everyone
  EXPECT_EQ(two.open.size(), 2U);
}

TEST(SitingMip, LscpMatchesBruteForceOnGrid) {
  for (const unsigned seed : {1U, 2U, 3U}) {
    for (const double within : {1.0, 2.0}) {
      const Instance inst = grid(seed);
      const Params params = params_for(Model::Lscp, 0, within);
      const Solution sol = solve_exact(inst, params);
      EXPECT_TRUE(sol.optimal);
      EXPECT_DOUBLE_EQ(sol.objective, brute_force(inst, params)) << "seed " << seed << " within " << within;
      EXPECT_FALSE(std::isnan(value_of(inst, params, mask_of(sol))));  // really covers everyone
    }
  }
}

TEST(SitingMip, MclpMatchesBruteForceOnGrid) {
  for (const unsigned seed : {1U, 2U, 3U}) {
    for (const int p : {1, 2, 3}) {
      Instance inst = grid(seed);
      const Params params = params_for(Model::Mclp, p, 1);
      const Solution sol = solve_exact(inst, params);
      const double best = brute_force(inst, params);
      EXPECT_TRUE(sol.optimal);
      EXPECT_DOUBLE_EQ(sol.objective, best) << "seed " << seed << " p " << p;
      EXPECT_DOUBLE_EQ(sol.objective, value_of(inst, params, mask_of(sol)));
      EXPECT_GE(sol.bound, sol.objective - 1e-6);
      EXPECT_EQ(static_cast<int>(sol.open.size()), p);
    }
  }
}

TEST(SitingMip, PMedianMatchesBruteForceOnRandom20x20) {
  for (const unsigned seed : {7U, 8U}) {
    for (const int p : {2, 3, 4}) {
      const Instance inst = random_instance(20, 20, seed);
      const Params params = params_for(Model::PMedian, p);
      const Solution sol = solve_exact(inst, params);
      const double best = brute_force(inst, params);
      EXPECT_TRUE(sol.optimal);
      EXPECT_NEAR(sol.objective, best, 1e-6 * best) << "seed " << seed << " p " << p;
      EXPECT_LE(sol.bound, sol.objective + 1e-9);
      EXPECT_TRUE(std::is_sorted(sol.open.begin(), sol.open.end()));
      double served = 0;
      for (const double s : sol.served) served += s;
      double total = 0;
      for (const double w : inst.weight) total += w;
      EXPECT_DOUBLE_EQ(served, total);
      for (std::size_t k = 0; k < sol.open.size(); ++k) EXPECT_GE(sol.marginal[k], 0);
    }
  }
}

TEST(SitingMip, FixedSitesAreRespected) {
  Instance inst = line({1, 1, 1, 1, 1});
  inst.fixed = {0};
  const Solution pm = solve_exact(inst, params_for(Model::PMedian, 2));
  EXPECT_EQ(pm.open, (std::vector<int>{0, 3}));  // 0 forced; then 3 is best: 0 + 1 + 1 + 0 + 1
  EXPECT_DOUBLE_EQ(pm.objective, 3);

  const Solution lscp = solve_exact(inst, params_for(Model::Lscp, 0, 2));
  EXPECT_DOUBLE_EQ(lscp.objective, 2);  // {2} alone would do, but 0 is open anyway
  EXPECT_TRUE(std::find(lscp.open.begin(), lscp.open.end(), 0) != lscp.open.end());

  Instance g = grid(5);
  g.fixed = {0, 11};
  const Params params = params_for(Model::Mclp, 3, 1);
  const Solution mclp = solve_exact(g, params);
  EXPECT_DOUBLE_EQ(mclp.objective, brute_force(g, params));
  EXPECT_EQ(mclp.open.front(), 0);
  EXPECT_EQ(mclp.open.back(), 11);
}

TEST(SitingMip, UncoverableClientIsNamed) {
  Instance inst = line({1, 1, 1, 1, 1});
  for (int j = 0; j < inst.sites; ++j)
    inst.cost[(3 * static_cast<std::size_t>(inst.sites)) + static_cast<std::size_t>(j)] = 100;
  try {
    solve_exact(inst, params_for(Model::Lscp, 0, 1));
    FAIL() << "expected SitingError";
  } catch (const SitingError& e) {
    EXPECT_NE(std::string(e.what()).find("T3"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("T2"), std::string::npos) << e.what();
  }
}

TEST(SitingMip, InvalidParametersThrow) {
  Instance inst = line({1, 1, 1});
  EXPECT_THROW(solve_exact(inst, params_for(Model::PMedian, 0)), SitingError);
  EXPECT_THROW(solve_exact(inst, params_for(Model::PMedian, 4)), SitingError);
  inst.fixed = {0, 1};
  EXPECT_THROW(solve_exact(inst, params_for(Model::Mclp, 1, 1)), SitingError);
}

TEST(SitingMip, PrintsNothingAndIsDeterministic) {
  const Instance inst = random_instance(30, 30, 11);
  Params params = params_for(Model::PMedian, 5);
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  const Solution a = solve_exact(inst, params);
  const Solution b = solve_exact(inst, params);
  params.threads = 1;
  const Solution c = solve_exact(inst, params);
  const std::string err = testing::internal::GetCapturedStderr();
  const std::string out = testing::internal::GetCapturedStdout();
  EXPECT_EQ(out, "");
  EXPECT_EQ(err, "");
  EXPECT_EQ(a.open, b.open);
  EXPECT_DOUBLE_EQ(a.objective, c.objective);
}

TEST(SitingMip, ReportsProgress) {
  std::vector<double> fractions;
  const Progress progress = [&fractions](double f, std::string_view) { fractions.push_back(f); };
  solve_exact(line({1, 1, 1}), params_for(Model::PMedian, 1), progress);
  ASSERT_FALSE(fractions.empty());
  EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
  EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
}

// 400 clients, 200 sites, p = 30: CBC needs several seconds to prove it (8 s measured), so there is a search to
// report on and to cancel.
Instance long_pmedian() { return random_instance(400, 200, 11); }

TEST(SitingMip, ReportsProgressDuringTheSearch) {
  std::vector<double> fractions;
  int during_search = 0;
  const Progress progress = [&](double f, std::string_view stage) {
    fractions.push_back(f);
    if (stage == "résolution CBC") ++during_search;
  };
  Params params = params_for(Model::PMedian, 30);
  params.time_limit_s = 2;
  solve_exact(long_pmedian(), params, progress);
  EXPECT_GE(during_search, 3);  // every ~0.5 s, not only when CBC starts
  EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
  EXPECT_GE(fractions.front(), 0.0);
  EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
}

// A background job is cancelled by throwing from the callback: CBC stops at once and the exception reaches the
// caller, the callback is not called again.
TEST(SitingMip, CancelledFromProgressStopsCbcQuickly) {
  const Instance inst = long_pmedian();
  Params params = params_for(Model::PMedian, 30);
  params.time_limit_s = 60;
  const auto t0 = std::chrono::steady_clock::now();
  auto since = [&t0] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  double thrown_at = -1;
  int calls_after = 0;
  bool searching = false;
  const Progress progress = [&](double, std::string_view stage) {
    if (thrown_at >= 0) ++calls_after;
    if (stage == "résolution CBC") searching = true;
    if (searching && since() >= 0.2 && thrown_at < 0) {
      thrown_at = since();
      throw Cancelled();
    }
  };
  EXPECT_THROW(solve_exact(inst, params, progress), Cancelled);
  const double elapsed = since();
  EXPECT_GE(thrown_at, 0.2);
  // The rest of a node or cut pass, then CBC's clean-up (LPs cut short at their first iteration): 0.1 s measured
  // this early, up to 0.9 s later in the search on a loaded machine.
  EXPECT_LT(elapsed - thrown_at, 4.0);  // 0.1 to 0.9 s measured; generous for a loaded CI machine
  EXPECT_LT(elapsed, 6.0);              // the whole run, without cancellation, takes 8 s
  EXPECT_EQ(calls_after, 0);
}

TEST(SitingMip, TimeLimitIsHonoured) {
  const Instance inst = random_instance(200, 200, 3);
  Params params = params_for(Model::PMedian, 15);
  params.time_limit_s = 1;
  const auto t0 = std::chrono::steady_clock::now();
  const Solution sol = solve_exact(inst, params);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(elapsed, 5.0);
  EXPECT_EQ(sol.open.size(), 15U);
  EXPECT_GT(sol.objective, 0);
  EXPECT_LE(sol.bound, sol.objective + 1e-9);
  EXPECT_GE(sol.bound, 0);
  if (sol.optimal) {
    EXPECT_DOUBLE_EQ(sol.gap(), 0);
  }
}

TEST(SitingMip, OrLibraryPmed1ReachesPublishedOptimum) {
  const std::string text = test::read_text(test::orlib_path("pmed1.txt"));
  ASSERT_FALSE(text.empty());
  const auto optima = test::read_optima();
  ASSERT_TRUE(optima.contains("pmed1"));
  const double expected = optima.at("pmed1");

  int p = 0;
  const Instance inst = read_orlib(text, &p);
  ASSERT_EQ(p, 5);
  Params params = params_for(Model::PMedian, p);
  params.time_limit_s = 15;
  const Solution sol = solve_exact(inst, params);
  EXPECT_TRUE(sol.optimal);
  EXPECT_DOUBLE_EQ(sol.objective, expected);
}

// pmed15 (n = 300, p = 100) is not solved in one second: the answer is the best found, with CBC's bound.
TEST(SitingMip, TimeLimitStopsLargeOrLibraryInstanceWithValidBound) {
  const std::string text = test::read_text(test::orlib_path("pmed15.txt"));
  ASSERT_FALSE(text.empty());
  int p = 0;
  const Instance inst = read_orlib(text, &p);
  Params params = params_for(Model::PMedian, p);
  params.time_limit_s = 1;
  const auto t0 = std::chrono::steady_clock::now();
  const Solution sol = solve_exact(inst, params);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // 1.2 to 1.5 s measured on a loaded machine: Clp's simplex is stopped at the limit too, not only CBC's search.
  // The margin is for a CI machine running other tests beside it.
  EXPECT_LT(elapsed, 6.0);
  EXPECT_EQ(static_cast<int>(sol.open.size()), p);
  EXPECT_LE(sol.bound, sol.objective);
  EXPECT_GT(sol.bound, 0);  // a real bound, not the trivial 0 of an instance where every client is a site
  if (!sol.optimal) {
    EXPECT_GT(sol.gap(), 0);
  }
}

// pmed26 (n = 600, p = 5): CBC's root LP takes more than 20 s, so CBC has no bound at all within the limit; the
// Lagrangian fallback still gives one close to the published optimum.
TEST(SitingMip, PMedianWithoutRootLpFallsBackOnLagrangianBound) {
  const std::string text = test::read_text(test::orlib_path("pmed26.txt"));
  ASSERT_FALSE(text.empty());
  const auto optima = test::read_optima();
  ASSERT_TRUE(optima.contains("pmed26"));
  const double optimum = optima.at("pmed26");
  int p = 0;
  const Instance inst = read_orlib(text, &p);
  Params params = params_for(Model::PMedian, p);
  params.time_limit_s = 0.5;
  const auto t0 = std::chrono::steady_clock::now();
  const Solution sol = solve_exact(inst, params);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(elapsed, 6.0);  // 1.4 to 1.6 s measured on a loaded machine, reading included
  EXPECT_FALSE(sol.optimal);
  EXPECT_GE(sol.objective, optimum);
  EXPECT_LE(sol.bound, optimum);
  EXPECT_GT(sol.bound, 0.95 * optimum);  // 9639 for 9917 with 100 subgradient steps
}

}  // namespace
}  // namespace tc::siting
