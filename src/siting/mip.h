// Exact siting: the LSCP, MCLP or p-median model of Params as a mixed-integer programme, solved by CBC
// (COIN-OR branch and cut). Slower than the heuristics but gives a proven bound, hence the gap they are judged by.
#pragma once

#include "siting/instance.h"

namespace tc::siting {

// Builds the MIP for params.model and solves it within params.time_limit_s (CBC deterministic mode, fixed seed,
// params.threads threads, one on a model of more than 1.5 million nonzeros, silent). The limit covers model
// building and the root LP too: any simplex is stopped once it is past. CBC's work between LPs is not interrupted,
// so a very large model ends late (OR-Library pmed37 to pmed40, about 2 million nonzeros: 1 to 4 s past the limit).
// The returned Solution is recomputed from the chosen sites, not taken from the solver: objective, assignment
// (nearest open site; for LSCP/MCLP nearest open site within `within`, else -1), served, marginal. `marginal` is
// the objective loss when that site alone is closed (p-median: added cost, MCLP: lost covered weight); for LSCP,
// whose objective would simply drop by one, it is the demand weight left uncovered instead. The sites are CBC's,
// or a greedy start's when CBC found nothing better in time. `bound` is CBC's best possible value (the root LP's
// when a simplex had to be cut short; without a root LP, pmedian_lagrangian_bound for a p-median, else a trivial
// bound; clamped to be consistent with the objective); `optimal` is true only when CBC proved it within the time limit.
// `progress` is called at each stage and, during CBC's search, about every 0.5 s from the calling thread. If it
// throws (Cancelled from a cancelled job), CBC is stopped and the exception reaches the caller once CBC returns.
// Throws SitingError (siting/errors.h) on invalid input: p out of range, more fixed sites than p, bad sizes,
// a client no site can serve (p-median) or cover (LSCP, message names the clients).
Solution solve_exact(const Instance& instance, const Params& params, const Progress& progress = {});

}  // namespace tc::siting
