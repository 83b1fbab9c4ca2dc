// Branch-and-Benders-cut for the large solvers' sparse p-median (large_search.cpp), which also carries the MCLP
// (covering sites at cost 0, radius 1: the objective is the uncovered demand). The assignment variables are
// projected out (Cordeau, Furini & Ljubić 2019 for covering; Duran-Mateluna, Alès & Elloumi 2023 for the
// p-median): the master keeps the site variables y and one θ per cluster of clients, and a client's part of the
// objective enters only through cuts
//   θ_i >= w_i · (D − Σ_{j listed, c_ij < D} (D − c_ij) · y_j)
// valid for every level D up to the client's radius, separated in closed form. The LP relaxation is solved by
// cutting planes with in-out stabilisation (Ben-Ameur & Neto 2007), started from the Lagrangian multipliers so the
// master's first bound is already the Lagrangian one; then a depth-first branch and bound on y, with reduced-cost
// fixing at the root, separates the same cuts at every node and proves the incumbent optimal or improves it.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "siting/large.h"

namespace tc::siting::detail {

// min Σ_i weight[i] · min(radius[i], min over open listed j of cost_ij),  Σ_j y_j = p, on the caller's lists (the
// large solvers' neighbour lists: costs in `minutes`, ascending, every one <= radius[i]), read in place.
struct BendersProblem {
  int sites = 0;
  int p = 0;
  std::span<const double> weight;
  const NeighbourLists* lists = nullptr;
  std::vector<char> state;  // per site: 0 free, 1 open in every solution, 2 closed in every solution
  bool integral = false;    // every objective value is an integer
};

struct BendersResult {
  bool root_solved = false;  // the LP relaxation was solved to optimality
  double root_bound = 0;     // its value (a lower bound), or the master's best bound when not solved
  bool complete = false;     // the search finished: nothing better than `value` exists
  double bound = 0;          // lower bound on the objective of every solution
  std::vector<int> open;     // the best solution, sorted (the incumbent when none better was found)
  double value = 0;          // its objective
  bool improved = false;     // `open` is better than the incumbent given
  int cuts = 0;              // cuts added, root and nodes
  int rounds = 0;            // root cutting-plane rounds
  long nodes = 0;            // branch-and-bound nodes solved
  int fixed_by_reduced_cost = 0;
  int free_sites = 0;  // site columns of the master (the sites not fixed before it)
};

struct BendersOptions {
  int cluster_size = 32;  // clients per θ (consecutive indices: the callers' clients are sorted by place)
  double time_limit_s = 60;
  std::vector<double> lambda;  // Lagrangian multipliers for the first cuts (λ_i <= w_i · radius_i), may be empty
  // The exact objective of a site set, when the lists are truncated (a p-median's true cost beyond the list can
  // exceed the radius); empty: the list objective is exact.
  std::function<double(const std::vector<int>&)> evaluate;
  // Called about every quarter second with the counters so far; an exception it throws stops the search.
  std::function<void(const BendersResult& so_far)> tick;
};

// incumbent: a feasible site set (p sites, fixed ones included) and its exact objective.
BendersResult branch_and_benders(const BendersProblem& problem, const std::vector<int>& incumbent,
                                 double incumbent_value, const BendersOptions& options);

}  // namespace tc::siting::detail
