// The large (sparse) solvers against brute force and the dense solvers on small random instances: same optimum when
// the neighbour lists hold every site, bounds on the right side of the optimum, fixed sites, determinism, bad input
// and cancellation.
#include "siting/large.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "siting/errors.h"
#include "siting/large_mip.h"
#include "siting/mip.h"
#include "siting/pmedian.h"

namespace tc::siting {
namespace {

// Points spread over about 220 × 160 km (deterministic LCG), integer weights 1..100.
LargeInstance random_large(int clients, int sites, std::uint32_t seed) {
  std::uint32_t state = seed;
  auto unit = [&state] {
    state = state * 1664525U + 1013904223U;
    return static_cast<double>(state >> 8U) / static_cast<double>(1U << 24U);
  };
  LargeInstance in;
  for (int i = 0; i < clients; ++i) {
    in.clients.push_back({"c" + std::to_string(i), 44 + 2 * unit(), 2 + 2 * unit(), std::floor(1 + 100 * unit())});
  }
  for (int j = 0; j < sites; ++j) in.sites.push_back({"s" + std::to_string(j), 44 + 2 * unit(), 2 + 2 * unit(), 0});
  return in;
}

double pmedian_cost(const Instance& d, const std::vector<int>& open) {
  double total = 0;
  for (int i = 0; i < d.clients; ++i) {
    double best = 1e300;
    for (const int j : open) best = std::min(best, d.at(i, j));
    total += d.weight[static_cast<std::size_t>(i)] * best;
  }
  return total;
}

double covered_weight(const Instance& d, const std::vector<int>& open, double within) {
  double total = 0;
  for (int i = 0; i < d.clients; ++i) {
    const bool covered = std::any_of(open.begin(), open.end(), [&](int j) { return d.at(i, j) <= within + 1e-9; });
    if (covered) total += d.weight[static_cast<std::size_t>(i)];
  }
  return total;
}

// Best value over all p-subsets that contain the fixed sites; `value` is minimised.
template <class Value>
double brute_force(const Instance& d, int p, Value value) {
  double best = 1e300;
  std::vector<int> chosen = d.fixed;
  auto rec = [&](auto&& self, int next) -> void {
    if (static_cast<int>(chosen.size()) == p) {
      best = std::min(best, value(chosen));
      return;
    }
    for (int j = next; j < d.sites; ++j) {
      if (std::find(d.fixed.begin(), d.fixed.end(), j) != d.fixed.end()) continue;
      chosen.push_back(j);
      self(self, j + 1);
      chosen.pop_back();
    }
  };
  rec(rec, 0);
  return best;
}

TEST(LargeNeighbours, ListsHoldTheNearestAndEverySiteWithinTheRadius) {
  const LargeInstance in = random_large(150, 400, 7);
  const Instance d = dense_instance(in);
  for (const auto& [nearest, within] : std::vector<std::pair<int, double>>{{10, -1}, {0, 25}, {5, 12}, {400, -1}}) {
    const NeighbourLists lists = neighbour_lists(in, nearest, within, 2);
    ASSERT_EQ(lists.begin.size(), in.clients.size() + 1);
    for (int i = 0; i < d.clients; ++i) {
      std::vector<double> all;
      all.reserve(static_cast<std::size_t>(d.sites));
      for (int j = 0; j < d.sites; ++j) all.push_back(d.at(i, j));
      std::sort(all.begin(), all.end());
      const double need = std::max(within, nearest > 0 ? all[static_cast<std::size_t>(nearest - 1)] : -1.0);
      std::set<int> listed;
      double previous = -1;
      for (std::size_t t = lists.begin[static_cast<std::size_t>(i)]; t < lists.begin[static_cast<std::size_t>(i) + 1];
           ++t) {
        listed.insert(lists.site[t]);
        EXPECT_GE(lists.minutes[t], previous);
        previous = lists.minutes[t];
        EXPECT_DOUBLE_EQ(lists.minutes[t], d.at(i, lists.site[t]));
      }
      for (int j = 0; j < d.sites; ++j) {
        if (d.at(i, j) < need - 1e-9) {
          EXPECT_TRUE(listed.count(j)) << "client " << i << " site " << j;
        }
        if (listed.count(j) == 0) {
          EXPECT_GE(d.at(i, j), lists.radius[static_cast<std::size_t>(i)]);
        }
      }
    }
  }
}

TEST(LargePMedian, FindsTheBruteForceOptimumWhenListsHoldEverySite) {
  for (std::uint32_t seed = 1; seed <= 4; ++seed) {
    LargeInstance in = random_large(14, 11, seed);
    if (seed == 3) in.fixed = {4};
    const Instance d = dense_instance(in);
    for (const int p : {1, 2, 4}) {
      Params params;
      params.p = p;
      LargeOptions options;
      options.nearest = 11;
      const Solution s = solve_large_pmedian(in, params, {}, options);
      const double best = brute_force(d, p, [&](const std::vector<int>& o) { return pmedian_cost(d, o); });
      EXPECT_NEAR(s.objective, best, 1e-9 * best) << "seed " << seed << " p " << p;
      EXPECT_NEAR(s.objective, pmedian_cost(d, s.open), 1e-9 * best);
      EXPECT_LE(s.bound, best + 1e-9 * best);
      EXPECT_EQ(static_cast<int>(s.open.size()), p);
      // Proven: by the Lagrangian bound, or else by the branch-and-Benders-cut.
      EXPECT_TRUE(s.optimal) << "seed " << seed << " p " << p << " " << s.solver;
      for (const int f : in.fixed) EXPECT_TRUE(std::binary_search(s.open.begin(), s.open.end(), f));
    }
  }
}

TEST(LargePMedian, BendersProvesTheExactMipOptimumTheBoundLeavesOpen) {
  for (const std::uint32_t seed : {51U, 52U, 53U}) {
    const LargeInstance in = random_large(60, 40, seed);
    const Instance d = dense_instance(in);
    Params params;
    params.p = 5;
    params.time_limit_s = 30;
    const Solution exact = solve_exact(d, params);
    ASSERT_TRUE(exact.optimal);
    LargeOptions options;
    options.nearest = 40;
    options.lagrangian_iterations = 3;  // too few to prove anything: the Benders search has to
    const Solution s = solve_large_pmedian(in, params, {}, options);
    EXPECT_TRUE(s.optimal) << "seed " << seed << " " << s.solver;
    EXPECT_NE(s.solver.find("+benders"), std::string::npos) << s.solver;
    EXPECT_NEAR(s.objective, exact.objective, 1e-6 * exact.objective) << "seed " << seed;
    EXPECT_NEAR(s.objective, pmedian_cost(d, s.open), 1e-9 * exact.objective);
  }
}

TEST(LargePMedian, ShortListsKeepTheBoundBelowTheOptimumAndTheCostExact) {
  for (std::uint32_t seed = 11; seed <= 14; ++seed) {
    const LargeInstance in = random_large(16, 12, seed);
    const Instance d = dense_instance(in);
    for (const int p : {2, 3}) {
      Params params;
      params.p = p;
      LargeOptions options;
      options.nearest = 2;  // most clients' best sites are not listed
      const Solution s = solve_large_pmedian(in, params, {}, options);
      const double best = brute_force(d, p, [&](const std::vector<int>& o) { return pmedian_cost(d, o); });
      EXPECT_LE(s.bound, best + 1e-9 * best);
      EXPECT_GE(s.objective, best - 1e-9 * best);
      EXPECT_NEAR(s.objective, pmedian_cost(d, s.open), 1e-9 * best);
      for (int i = 0; i < d.clients; ++i) {
        const int a = s.assignment[static_cast<std::size_t>(i)];
        for (const int j : s.open) EXPECT_LE(d.at(i, a), d.at(i, j));
      }
    }
  }
}

TEST(LargePMedian, CloseToTheDenseHeuristicOnAMediumInstance) {
  const LargeInstance in = random_large(600, 600, 99);
  const Instance d = dense_instance(in);
  Params params;
  params.p = 12;
  const Solution dense = solve_pmedian_heuristic(d, params);
  const Solution large = solve_large_pmedian(in, params);
  EXPECT_LE(large.objective, dense.objective * 1.005);
  EXPECT_LE(large.bound, dense.objective * (1 + 1e-9));
  EXPECT_LE(large.gap(), 0.05);
}

TEST(LargePMedian, DeterministicWhateverTheThreads) {
  LargeInstance in = random_large(400, 300, 5);
  in.fixed = {3, 77};
  Params params;
  params.p = 9;
  params.threads = 2;
  const Solution a = solve_large_pmedian(in, params);
  const Solution b = solve_large_pmedian(in, params);
  params.threads = 1;
  const Solution c = solve_large_pmedian(in, params);
  EXPECT_EQ(a.open, b.open);
  EXPECT_EQ(a.objective, b.objective);
  EXPECT_EQ(a.bound, b.bound);
  EXPECT_EQ(a.open, c.open);
  EXPECT_EQ(a.bound, c.bound);
  EXPECT_TRUE(std::binary_search(a.open.begin(), a.open.end(), 3));
  EXPECT_TRUE(std::binary_search(a.open.begin(), a.open.end(), 77));
}

TEST(LargeMclp, ProvesTheBruteForceOptimum) {
  for (std::uint32_t seed = 21; seed <= 26; ++seed) {
    LargeInstance in = random_large(18, 12, seed);
    if (seed == 22) in.fixed = {0, 5};
    const Instance d = dense_instance(in);
    for (const double within : {20.0, 45.0}) {
      for (const int p : {2, 3}) {
        Params params;
        params.model = Model::Mclp;
        params.p = p;
        params.within = within;
        const Solution s = solve_large_mclp(in, params);
        const double best =
            -brute_force(d, p, [&](const std::vector<int>& o) { return -covered_weight(d, o, within); });
        EXPECT_DOUBLE_EQ(s.objective, best) << "seed " << seed << " p " << p << " within " << within;
        EXPECT_DOUBLE_EQ(s.objective, covered_weight(d, s.open, within));
        EXPECT_TRUE(s.optimal);
        EXPECT_GE(s.bound, best);
        for (const int f : in.fixed) EXPECT_TRUE(std::binary_search(s.open.begin(), s.open.end(), f));
      }
    }
  }
}

TEST(LargeMclp, MatchesTheExactMipOnAMediumInstance) {
  const LargeInstance in = random_large(300, 250, 31);
  const Instance d = dense_instance(in);
  Params params;
  params.model = Model::Mclp;
  params.p = 6;
  params.within = 15;
  params.time_limit_s = 20;
  const Solution exact = solve_exact(d, params);
  ASSERT_TRUE(exact.optimal);
  const Solution large = solve_large_mclp(in, params);
  EXPECT_TRUE(large.optimal);
  EXPECT_DOUBLE_EQ(large.objective, exact.objective);
  EXPECT_DOUBLE_EQ(large.objective, covered_weight(d, large.open, params.within));
  // Without the Lagrangian bound's help the LP (column generation) and CBC have to give the proof.
  LargeOptions no_bound;
  no_bound.lagrangian_iterations = 1;
  const Solution via_lp = solve_large_mclp(in, params, {}, no_bound);
  EXPECT_TRUE(via_lp.optimal) << via_lp.solver;
  EXPECT_NE(via_lp.solver.find("+lp"), std::string::npos) << via_lp.solver;
  EXPECT_DOUBLE_EQ(via_lp.objective, exact.objective);
  // The national path (local search, then the branch-and-Benders-cut on the whole lists) proves it as well.
  LargeOptions national;
  national.lagrangian_iterations = 1;
  national.compact_lp_max_sites = 0;
  national.ils_share = 0.05;
  const Solution via_benders = solve_large_mclp(in, params, {}, national);
  EXPECT_TRUE(via_benders.optimal) << via_benders.solver;
  EXPECT_NE(via_benders.solver.find("+benders"), std::string::npos) << via_benders.solver;
  EXPECT_DOUBLE_EQ(via_benders.objective, exact.objective);
  EXPECT_DOUBLE_EQ(via_benders.objective, covered_weight(d, via_benders.open, params.within));
  for (const std::uint32_t seed : {41U, 42U, 43U}) {
    const LargeInstance other = random_large(120, 100, seed);
    const Instance od = dense_instance(other);
    params.p = 4;
    params.within = 12;
    const Solution e = solve_exact(od, params);
    const Solution l = solve_large_mclp(other, params, {}, no_bound);
    ASSERT_TRUE(e.optimal);
    EXPECT_TRUE(l.optimal) << l.solver;
    EXPECT_DOUBLE_EQ(l.objective, e.objective) << "seed " << seed << " " << l.solver;
  }
}

// The lines of the Fano plane as covering sets of 7 sites: with p = 2 the LP opens 2/7 of every site and covers
// 6 lines, while two sites cover at most 5 (they share exactly one line) — only the MIP can prove it.
detail::ReducedCovering fano() {
  detail::ReducedCovering model;
  model.sites = 7;
  model.p = 2;
  model.begin.push_back(0);
  for (const auto& line :
       std::vector<std::vector<int>>{{0, 1, 2}, {0, 3, 4}, {0, 5, 6}, {1, 3, 5}, {1, 4, 6}, {2, 3, 6}, {2, 4, 5}}) {
    model.weight.push_back(1);
    model.site.insert(model.site.end(), line.begin(), line.end());
    model.begin.push_back(model.site.size());
  }
  return model;
}

TEST(LargeMclp, ReducedMipProvesWhatTheLpCannot) {
  const detail::ReducedCovering model = fano();
  const detail::CoveringLp lp = detail::covering_lp(model, {0}, 5.5, 10, {});
  ASSERT_TRUE(lp.solved);
  EXPECT_NEAR(lp.bound, 6, 1e-6);
  EXPECT_TRUE(std::all_of(lp.state.begin(), lp.state.end(), [](char s) { return s == 0; }));
  const detail::ReducedAnswer none = detail::solve_reduced_covering(model, 5.5, 10, 2, {});
  EXPECT_TRUE(none.complete);
  EXPECT_TRUE(none.open.empty());
  const detail::ReducedAnswer five = detail::solve_reduced_covering(model, 4.5, 10, 2, {});
  EXPECT_TRUE(five.complete);
  EXPECT_EQ(five.open.size(), 2U);
  EXPECT_DOUBLE_EQ(five.value, 5);
}

TEST(LargeNeighbours, ReadsTheCommunesFileWithQuotedNames) {
  std::vector<std::string> names;
  const std::vector<Point> points = read_communes_csv(
      "insee,lat,lon,population,nom\r\n15014,44.9264,2.4396,25499,Aurillac\r\n"
      "2A004,41.9181,8.7386,71361,\"Ajaccio, \"\"cité impériale\"\"\"\n\n15999,45,2.5,0\n",
      &names);
  ASSERT_EQ(points.size(), 3U);
  EXPECT_EQ(points[0].id, "15014");
  EXPECT_DOUBLE_EQ(points[0].lat, 44.9264);
  EXPECT_DOUBLE_EQ(points[1].lon, 8.7386);
  EXPECT_DOUBLE_EQ(points[1].weight, 71361);
  EXPECT_EQ(names, (std::vector<std::string>{"Aurillac", "Ajaccio, \"cité impériale\"", ""}));
  EXPECT_THROW(read_communes_csv("insee,lat,lon,population\n15014,44.9,x,3\n"), SitingError);
  EXPECT_THROW(read_communes_csv("insee,lat,lon,population\n15014,44.9\n"), SitingError);
}

TEST(LargeSolvers, RejectBadInput) {
  Params params;
  params.p = 2;
  LargeInstance negative = random_large(5, 5, 1);
  negative.clients[2].weight = -1;
  EXPECT_THROW(solve_large_pmedian(negative, params), SitingError);
  LargeInstance in = random_large(5, 5, 1);
  params.p = 6;
  EXPECT_THROW(solve_large_pmedian(in, params), SitingError);
  params.p = 0;
  EXPECT_THROW(solve_large_pmedian(in, params), SitingError);
  params.p = 1;
  in.fixed = {0, 1};
  EXPECT_THROW(solve_large_pmedian(in, params), SitingError);
  in.fixed = {9};
  params.p = 2;
  EXPECT_THROW(solve_large_pmedian(in, params), SitingError);
  in.fixed = {};
  params.model = Model::Mclp;
  params.within = -1;
  EXPECT_THROW(solve_large_mclp(in, params), SitingError);
  in.sites[0].lat = 91;
  params.within = 10;
  EXPECT_THROW(solve_large_mclp(in, params), SitingError);
}

TEST(LargeSolvers, CancelledFromTheProgressCallbackPropagates) {
  const LargeInstance in = random_large(300, 300, 3);
  Params params;
  params.p = 5;
  params.within = 15;
  int calls = 0;
  const Progress cancel_later = [&calls](double, std::string_view) {
    if (++calls == 3) throw Cancelled();
  };
  EXPECT_THROW(solve_large_pmedian(in, params, cancel_later), Cancelled);
  calls = 0;
  params.model = Model::Mclp;
  EXPECT_THROW(solve_large_mclp(in, params, cancel_later), Cancelled);
}

}  // namespace
}  // namespace tc::siting
