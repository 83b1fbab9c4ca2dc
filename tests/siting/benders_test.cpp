// Branch-and-Benders-cut against brute force on small random instances: p-median lists (whole and truncated),
// covering lists (the MCLP), sites fixed open or closed, Lagrangian first cuts, the time limit and cancellation.
#include "siting/benders.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace tc::siting::detail {
namespace {

struct Lcg {
  std::uint32_t state;
  double unit() {
    state = state * 1664525U + 1013904223U;
    return static_cast<double>(state >> 8U) / static_cast<double>(1U << 24U);
  }
};

// Dense costs: cost[i][j] in whole minutes, weights 1..50.
struct Dense {
  int n = 0;
  int m = 0;
  std::vector<double> weight;
  std::vector<std::vector<double>> cost;
};

Dense random_dense(int n, int m, std::uint32_t seed) {
  Lcg rng{seed};
  Dense d;
  d.n = n;
  d.m = m;
  std::vector<double> sx(static_cast<std::size_t>(m));
  std::vector<double> sy(static_cast<std::size_t>(m));
  for (int j = 0; j < m; ++j) {
    sx[static_cast<std::size_t>(j)] = 100 * rng.unit();
    sy[static_cast<std::size_t>(j)] = 100 * rng.unit();
  }
  for (int i = 0; i < n; ++i) {
    const double x = 100 * rng.unit();
    const double y = 100 * rng.unit();
    d.weight.push_back(std::floor(1 + 50 * rng.unit()));
    std::vector<double> row;
    row.reserve(static_cast<std::size_t>(m));
    for (int j = 0; j < m; ++j) {
      row.push_back(std::round(std::hypot(x - sx[static_cast<std::size_t>(j)], y - sy[static_cast<std::size_t>(j)])));
    }
    d.cost.push_back(row);
  }
  return d;
}

// The lists a problem reads, and the problem over them (built in place: it points into `lists`).
struct Lists {
  NeighbourLists lists;
  BendersProblem problem;
};

// Every client's list from `fill(i, lists)`, which appends its sites and costs and returns its radius.
template <class Fill>
void build(const Dense& d, int p, Lists& out, Fill fill) {
  out.lists.begin.push_back(0);
  for (int i = 0; i < d.n; ++i) {
    out.lists.radius.push_back(fill(i, out.lists));
    out.lists.begin.push_back(out.lists.site.size());
  }
  out.problem.sites = d.m;
  out.problem.p = p;
  out.problem.weight = d.weight;
  out.problem.lists = &out.lists;
  out.problem.integral = true;
  out.problem.state.assign(static_cast<std::size_t>(d.m), 0);
}

// Client i's sites in ascending cost (ties by index), the first `keep` of them (all when keep <= 0); radius: the
// next cost (or the largest when all are kept).
void pmedian_lists(const Dense& d, int p, int keep, Lists& out) {
  build(d, p, out, [&d, keep](int i, NeighbourLists& lists) {
    const auto& row = d.cost[static_cast<std::size_t>(i)];
    std::vector<int> order(static_cast<std::size_t>(d.m));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&row](int a, int b) {
      return row[static_cast<std::size_t>(a)] < row[static_cast<std::size_t>(b)] ||
             (row[static_cast<std::size_t>(a)] == row[static_cast<std::size_t>(b)] && a < b);
    });
    const int k = keep > 0 ? std::min(keep, d.m) : d.m;
    for (int t = 0; t < k; ++t) {
      lists.site.push_back(order[static_cast<std::size_t>(t)]);
      lists.minutes.push_back(row[static_cast<std::size_t>(order[static_cast<std::size_t>(t)])]);
    }
    return k < d.m ? row[static_cast<std::size_t>(order[static_cast<std::size_t>(k)])]
                   : row[static_cast<std::size_t>(order.back())];
  });
}

// The MCLP as uncovered weight: the sites within `within` at cost 0, radius 1.
void covering_lists(const Dense& d, int p, double within, Lists& out) {
  build(d, p, out, [&d, within](int i, NeighbourLists& lists) {
    for (int j = 0; j < d.m; ++j) {
      if (d.cost[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] <= within) {
        lists.site.push_back(j);
        lists.minutes.push_back(0);
      }
    }
    return 1.0;
  });
}

double pmedian_value(const Dense& d, const std::vector<int>& open) {
  double total = 0;
  for (int i = 0; i < d.n; ++i) {
    double best = 1e300;
    for (const int j : open) best = std::min(best, d.cost[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]);
    total += d.weight[static_cast<std::size_t>(i)] * best;
  }
  return total;
}

double uncovered_value(const Dense& d, const std::vector<int>& open, double within) {
  double total = 0;
  for (int i = 0; i < d.n; ++i) {
    const bool covered = std::any_of(open.begin(), open.end(), [&](int j) {
      return d.cost[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] <= within;
    });
    if (!covered) total += d.weight[static_cast<std::size_t>(i)];
  }
  return total;
}

// Least value over the p-subsets honouring state (1 open, 2 closed).
template <class Value>
double brute_force(int m, int p, const std::vector<char>& state, Value value) {
  double best = 1e300;
  std::vector<int> pick;
  const auto rec = [&](auto&& self, int from) -> void {
    if (static_cast<int>(pick.size()) == p) {
      for (int j = 0; j < m; ++j) {
        if (state[static_cast<std::size_t>(j)] == 1 && std::find(pick.begin(), pick.end(), j) == pick.end()) return;
      }
      best = std::min(best, value(pick));
      return;
    }
    for (int j = from; j < m; ++j) {
      if (state[static_cast<std::size_t>(j)] == 2) continue;
      pick.push_back(j);
      self(self, j + 1);
      pick.pop_back();
    }
  };
  rec(rec, 0);
  return best;
}

// A feasible but poor start: the first p sites allowed (fixed open ones first).
std::vector<int> first_sites(const BendersProblem& pb) {
  std::vector<int> open;
  for (int j = 0; j < pb.sites; ++j) {
    if (pb.state[static_cast<std::size_t>(j)] == 1) open.push_back(j);
  }
  for (int j = 0; j < pb.sites && static_cast<int>(open.size()) < pb.p; ++j) {
    if (pb.state[static_cast<std::size_t>(j)] == 0) open.push_back(j);
  }
  return open;
}

TEST(Benders, PmedianMatchesBruteForce) {
  int branched = 0;  // instances the root LP did not settle: the branching is exercised too
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    const Dense d = random_dense(30, 12, seed);
    const int p = 1 + static_cast<int>(seed % 4);
    Lists l;
    pmedian_lists(d, p, 0, l);
    const BendersProblem& pb = l.problem;
    const auto value = [&d](const std::vector<int>& open) { return pmedian_value(d, open); };
    const double best = brute_force(d.m, p, pb.state, value);
    const std::vector<int> start = first_sites(pb);
    BendersOptions options;
    options.cluster_size = 1 + static_cast<int>(seed % 5);
    const BendersResult r = branch_and_benders(pb, start, value(start), options);
    ASSERT_TRUE(r.complete) << "seed " << seed;
    EXPECT_TRUE(r.root_solved) << "seed " << seed;
    EXPECT_DOUBLE_EQ(r.value, best) << "seed " << seed;
    EXPECT_DOUBLE_EQ(value(r.open), r.value) << "seed " << seed;
    EXPECT_EQ(static_cast<int>(r.open.size()), p);
    EXPECT_DOUBLE_EQ(r.bound, best);
    EXPECT_LE(r.root_bound, best + 1e-6);
    if (r.nodes > 1) ++branched;
    EXPECT_EQ(r.improved, best < value(start));
  }
  EXPECT_GT(branched, 0);
}

TEST(Benders, CoveringMatchesBruteForce) {
  int branched = 0;  // instances the root LP did not settle: the branching is exercised too
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    const Dense d = random_dense(150, 18, 100 + seed);
    const int p = 2 + static_cast<int>(seed % 4);
    const double within = 22 + seed;
    Lists l;
    covering_lists(d, p, within, l);
    const BendersProblem& pb = l.problem;
    const auto value = [&d, within](const std::vector<int>& open) { return uncovered_value(d, open, within); };
    const double best = brute_force(d.m, p, pb.state, value);
    const std::vector<int> start = first_sites(pb);
    BendersOptions options;
    options.cluster_size = 1 + static_cast<int>(seed % 7);
    const BendersResult r = branch_and_benders(pb, start, value(start), options);
    ASSERT_TRUE(r.complete) << "seed " << seed;
    EXPECT_DOUBLE_EQ(r.value, best) << "seed " << seed;
    EXPECT_DOUBLE_EQ(value(r.open), r.value) << "seed " << seed;
    EXPECT_DOUBLE_EQ(r.bound, best);
    EXPECT_LE(r.root_bound, best + 1e-6);
    if (r.nodes > 1) ++branched;
  }
  EXPECT_GT(branched, 0);
}

TEST(Benders, LagrangianFirstCutsAndFixedSites) {
  for (std::uint32_t seed = 1; seed <= 8; ++seed) {
    const Dense d = random_dense(30, 11, 200 + seed);
    const int p = 2 + static_cast<int>(seed % 3);
    Lists l;
    pmedian_lists(d, p, 0, l);
    BendersProblem& pb = l.problem;
    pb.state[seed % 11] = 1;        // open in every solution
    pb.state[(seed + 3) % 11] = 2;  // closed in every solution
    const auto value = [&d](const std::vector<int>& open) { return pmedian_value(d, open); };
    const double best = brute_force(d.m, p, pb.state, value);
    // Multipliers: any λ_i in [0, w_i·radius_i] gives valid cuts; these are each client's second-nearest cost.
    BendersOptions options;
    for (int i = 0; i < d.n; ++i) {
      const auto at = l.lists.begin[static_cast<std::size_t>(i)] + 1;
      options.lambda.push_back(d.weight[static_cast<std::size_t>(i)] * l.lists.minutes[at]);
    }
    const std::vector<int> start = first_sites(pb);
    const BendersResult r = branch_and_benders(pb, start, value(start), options);
    ASSERT_TRUE(r.complete) << "seed " << seed;
    EXPECT_DOUBLE_EQ(r.value, best) << "seed " << seed;
    EXPECT_TRUE(std::binary_search(r.open.begin(), r.open.end(), static_cast<int>(seed % 11)));
    EXPECT_FALSE(std::binary_search(r.open.begin(), r.open.end(), static_cast<int>((seed + 3) % 11)));
  }
}

TEST(Benders, TruncatedListsNeverClaimTooMuch) {
  for (std::uint32_t seed = 1; seed <= 10; ++seed) {
    const Dense d = random_dense(30, 12, 300 + seed);
    const int p = 1 + static_cast<int>(seed % 3);
    Lists l;
    pmedian_lists(d, p, 3, l);
    const BendersProblem& pb = l.problem;
    const auto value = [&d](const std::vector<int>& open) { return pmedian_value(d, open); };
    const double best = brute_force(d.m, p, pb.state, value);
    BendersOptions options;
    options.evaluate = value;
    const std::vector<int> start = first_sites(pb);
    const BendersResult r = branch_and_benders(pb, start, value(start), options);
    EXPECT_LE(r.bound, best + 1e-6) << "seed " << seed;
    EXPECT_DOUBLE_EQ(value(r.open), r.value) << "seed " << seed;
    if (r.complete) {
      EXPECT_DOUBLE_EQ(r.value, best) << "seed " << seed;
    }
  }
}

TEST(Benders, TimeLimitKeepsTheIncumbentAndAValidBound) {
  const Dense d = random_dense(60, 14, 77);
  Lists l;
  pmedian_lists(d, 3, 0, l);
  const BendersProblem& pb = l.problem;
  const auto value = [&d](const std::vector<int>& open) { return pmedian_value(d, open); };
  const double best = brute_force(d.m, 3, pb.state, value);
  const std::vector<int> start = first_sites(pb);
  BendersOptions options;
  options.time_limit_s = 0;
  const BendersResult r = branch_and_benders(pb, start, value(start), options);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.open, start);
  EXPECT_DOUBLE_EQ(r.value, value(start));
  EXPECT_LE(r.bound, best + 1e-6);
}

TEST(Benders, CancelledByTick) {
  const Dense d = random_dense(60, 14, 78);
  Lists l;
  pmedian_lists(d, 3, 0, l);
  const BendersProblem& pb = l.problem;
  const std::vector<int> start = first_sites(pb);
  BendersOptions options;
  options.tick = [](const BendersResult&) { throw std::runtime_error("annulé"); };
  EXPECT_THROW(branch_and_benders(pb, start, pmedian_value(d, start), options), std::runtime_error);
}

}  // namespace
}  // namespace tc::siting::detail
