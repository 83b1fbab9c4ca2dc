// One entry for every model and solver: the exact MIP (CBC) when asked, or, by default, when the instance is
// small enough for it to finish; the heuristics (greedy + swaps, with a Lagrangian or packing bound) otherwise.
// The better of the two answers is kept when both ran, so `--exact` under a time limit never does worse than the
// heuristic.
#pragma once

#include <string_view>
#include <vector>

#include "siting/instance.h"

namespace tc::siting {

enum class Method { Auto, Exact, Heuristic };

// Throws SitingError for parameters the model cannot take (p out of range, no radius for a covering model).
Solution solve(const Instance& instance, const Params& params, Method method, const Progress& progress = {});

// The coverage curve: demand covered within params.within for 1..p_max sites (covering models, and p-median when a
// radius is given), or the p-median's total cost for 1..p_max sites without one. Heuristic values.
// One point per number of sites p, from the number of fixed sites (at least 1) to p_max.
struct CurvePoint {
  int p = 0;
  double value = 0;
};
std::vector<CurvePoint> curve(const Instance& instance, const Params& params, int p_max);

// Whether Auto goes exact: clients × sites under this many pairs.
inline constexpr long kExactPairs = 70'000;

}  // namespace tc::siting
