// Heuristics with bounds for the covering models of the siting study. A client is covered by a site when its cost
// is <= the radius (Params::within). Only clients with a positive weight matter to the objectives.
//  - LSCP: fewest sites (fixed ones included) so that every positive-weight client is covered.
//  - MCLP: p sites (fixed ones included) covering the most demand weight.
// Both are deterministic; they stop early if Params::time_limit_s runs out (the solution stays valid).
#pragma once

#include <vector>

#include "siting/instance.h"

namespace tc::siting {

// Greedy set cover from the fixed sites (the site covering the most uncovered clients, ties to the lowest index),
// then redundancy removal and 2-for-1 replacements. Bound: fixed sites + a greedy packing of clients whose
// covering sets are pairwise disjoint (each needs its own site), a valid lower bound. optimal when they meet.
// marginal: the demand that would lose coverage if that site alone were closed. Throws SitingError naming the
// clients no site covers.
Solution solve_lscp_heuristic(const Instance& inst, const Params& params, const Progress& progress = {});

// Greedy (max marginal covered weight, ties to the lowest index) then best-improvement 1-swap local search,
// never closing a fixed site; repeated with each of the 16 best single sites forced in first, keeping the best.
// Bound: the best upper bound of a Lagrangian relaxation of the coverage constraints (subgradient), capped by the
// demand some site covers at all; when it comes within 1e-9 (relative) of the objective, the solution is marked
// optimal and bound = objective. marginal: the demand only that site covers. Throws SitingError if p < number of
// fixed sites or p > number of sites.
Solution solve_mclp_heuristic(const Instance& inst, const Params& params, const Progress& progress = {});

// Heuristic (not proven optimal) demand covered within `within` for p = 1..p_max: element k is for p = k + 1.
// `fixed` replaces inst.fixed. Each p keeps the better of (the p - 1 solution plus the best greedy site, then
// 1-swaps) and a fresh run of solve_mclp_heuristic's search at that p, so the curve never decreases and each point
// is at least what solve_mclp_heuristic finds (without time limit). Points with p below the number of fixed sites
// give the fixed sites' coverage; points with p above the number of sites repeat the last one.
std::vector<double> coverage_curve(const Instance& inst, double within, int p_max, const std::vector<int>& fixed);

}  // namespace tc::siting
