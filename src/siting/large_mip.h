// Internal to the large MCLP solver (large_search.cpp): the reduced maximal-covering MIP it hands to CBC once
// reduced-cost fixing has left only the sites that may still improve on the incumbent.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace tc::siting::detail {

// max Σ_k weight[k]·z_k  s.t.  z_k <= Σ_{j in group k} y_j,  Σ_j y_j = p,  y binary, z in [0, 1].
// Group k's sites are site[begin[k] .. begin[k + 1]), indices in [0, sites).
struct ReducedCovering {
  int sites = 0;
  int p = 0;
  std::vector<double> weight;
  std::vector<std::size_t> begin;
  std::vector<int> site;
};

struct ReducedAnswer {
  bool complete = false;  // CBC finished its search (not stopped by the time limit)
  std::vector<int> open;  // sites of a solution covering at least `target`, empty if none was found
  double value = 0;       // its covered weight
  double bound = 0;       // upper bound on the covered weight of any solution, when bound_known
  bool bound_known = false;
};

// The LP relaxation of `model` by column generation — the cardinality row and every group from the start, the site
// columns of `core` first, then those whose reduced cost prices them in, until none does — and LP reduced-cost
// fixing: a site whose reduced cost shows that opening it (closing it) keeps every solution below `target` is
// closed (opened). state[j]: 0 undecided, 1 open, 2 closed; all 0 when the LP was not solved in time.
struct CoveringLp {
  bool solved = false;
  double bound = 0;  // LP optimum: an upper bound on the covered weight
  std::vector<char> state;
  int columns = 0;  // site columns in the final LP
  int rounds = 0;   // pricing rounds
};
// `tick` is called from the calling thread about every quarter second while Clp or CBC work; an exception it throws
// (Cancelled) stops them and is rethrown once they have returned.
CoveringLp covering_lp(const ReducedCovering& model, const std::vector<int>& core, double target, double time_limit_s,
                       const std::function<void()>& tick);

// Looks for a solution covering at least `target` (solutions below it are cut off), within time_limit_s.
// complete && open.empty() proves none exists.
ReducedAnswer solve_reduced_covering(const ReducedCovering& model, double target, double time_limit_s, int threads,
                                     const std::function<void()>& tick);

}  // namespace tc::siting::detail
