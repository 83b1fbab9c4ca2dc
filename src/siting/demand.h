// Demand per commune for the siting study, and the plain-text inputs users bring: a demand file (insee,weight),
// an origin–destination matrix (from_insee,to_insee,minutes) and a list of candidate communes. Parsing only; what
// the communes are is the caller's.
#pragma once

#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace tc::siting {

// The modelled demand: residents × the share in work × the share of jobs that can be done remotely × the share
// that commutes far. The defaults are orders of magnitude, not measurements: about 41 % of residents hold a job
// (INSEE), about a third of jobs can be done remotely at least partly (DARES), and one in five commutes far; a
// study states the rates it used and users can set their own.
struct DemandRates {
  double employed_share = 0.41;
  double teleworkable_share = 0.35;
  double far_commute_share = 0.20;
};
double modelled_demand(int population, const DemandRates& rates);

// "insee,weight" lines (a header line is skipped; ";" also accepted). Throws SitingError naming the line.
std::vector<std::pair<std::string, double>> read_demand_csv(std::string_view text);
// "from_insee,to_insee,minutes" lines. Throws SitingError naming the line.
std::vector<std::tuple<std::string, std::string, double>> read_matrix_csv(std::string_view text);
// One INSEE code per line, or the first column of a CSV; blank lines and a header skipped.
std::vector<std::string> read_candidates(std::string_view text);

}  // namespace tc::siting
