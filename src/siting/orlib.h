// Reader for J.E. Beasley's OR-Library p-median files (data/orlib-pmed/pmedN.txt; format in data/SOURCE.md).
#pragma once

#include <string_view>

#include "siting/instance.h"

namespace tc::siting {

// Parses `n m p` then m lines `i j cost` (undirected edges, 1-based vertices). When an edge appears more than once
// the LAST occurrence gives its cost (Beasley's convention; the published optima depend on it). Costs are the
// all-pairs shortest-path distances; every vertex is both a client of weight 1 and a candidate site, ids "1".."n".
// Stores p in *p_out when p_out is not null. Throws SitingError naming the line on malformed input, and when the
// graph is not connected.
Instance read_orlib(std::string_view text, int* p_out);

}  // namespace tc::siting
