// Exact siting: the LSCP, MCLP or p-median model of Params as a mixed-integer programme, solved by CBC
// (COIN-OR branch and cut). Slower than the heuristics but gives a proven bound, hence the gap they are judged by.
#pragma once

#include "siting/instance.h"

namespace tc::siting {

// Builds the MIP for params.model and solves it within params.time_limit_s (CBC deterministic mode, fixed seed,
// params.threads threads, silent). The returned Solution is recomputed from the chosen sites, not taken from
// the solver: objective, assignment (nearest open site; for LSCP/MCLP nearest open site within `within`,
// else -1), served, marginal. `marginal` is the objective loss when that site alone is closed (p-median: added
// cost, MCLP: lost covered weight); for LSCP, whose objective would simply drop by one, it is the demand weight
// left uncovered instead. `bound` is CBC's best possible value (clamped to be consistent with the objective);
// `optimal` is true only when CBC proved it within the time limit.
// Throws SitingError (siting/errors.h) on invalid input: p out of range, more fixed sites than p, bad sizes,
// a client no site can serve (p-median) or cover (LSCP, message names the clients).
Solution solve_exact(const Instance& instance, const Params& params, const Progress& progress = {});

}  // namespace tc::siting
