// p-median heuristic (greedy construction + fast swap local search) and its Lagrangian lower bound.
#pragma once

#include <vector>

#include "siting/instance.h"

namespace tc::siting {

// Opens params.p sites (instance.fixed included and never closed) minimising the total weighted client→nearest
// open site cost. Greedy construction, then swap local search with Whitaker's fast interchange as improved by
// Resende & Werneck (2007), then a few deterministic perturbation rounds while time allows. Deterministic for a
// given instance and params (params.threads only changes speed). Fills open, objective, assignment, served,
// marginal, solver "greedy+swap", seconds, and bound/optimal from pmedian_lagrangian_bound.
// Throws SitingError when p is out of range or there are more fixed sites than p.
Solution solve_pmedian_heuristic(const Instance& instance, const Params& params, const Progress& progress = {});

// Lower bound on the p-median optimum: Lagrangian relaxation of the assignment constraints (each client served
// once) with subgradient optimisation, Beasley (1985) style. Always a valid bound, however few the iterations.
double pmedian_lagrangian_bound(const Instance& instance, int p, const std::vector<int>& fixed, int iterations);

}  // namespace tc::siting
