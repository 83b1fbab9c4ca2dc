// Siting at national scale: instances too big for a dense clients × sites matrix (35,000 communes are 1.2 billion
// pairs). Clients and candidate sites are points; the travel model (travel.h) gives the minutes on the fly, and each
// client keeps only a neighbour list — the sites within a radius and its k nearest, found through a spatial grid.
// The p-median and MCLP solvers below work on those lists (greedy, then Resende–Werneck fast swaps restricted to
// the lists, the "popstar" way) and prove their gap with a Lagrangian bound that stays valid although the lists are
// truncated; the MCLP then tries to close the gap with an LP by column generation and a reduced MIP (CBC).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "siting/instance.h"
#include "siting/travel.h"

namespace tc::siting {

struct LargeInstance {
  std::vector<Point> clients;  // weight = demand (>= 0)
  std::vector<Point> sites;    // weight ignored
  std::vector<int> fixed;      // site indices open in every solution
  double circuity = kDefaultCircuity;
  double speed_kmh = kDefaultSpeedKmh;
};

// Minutes from client i to site j under the instance's travel model. Computed from unit vectors (chord length),
// so it can differ from travel_minutes() in the last bits; dense_instance() uses this one.
class LargeCosts {
 public:
  explicit LargeCosts(const LargeInstance& instance);
  double minutes(int client, int site) const;
  // Squared chord between unit vectors: increasing with the distance, cheap, used to rank sites.
  double chord2(int client, int site) const;
  double minutes_of_chord2(double chord2) const;
  double chord2_of_minutes(double minutes) const;

 private:
  std::vector<double> client_xyz_, site_xyz_;
  double minutes_per_radian_ = 0;
};

// Per client, its candidate sites in ascending minutes (ties by site index), as compressed rows: client i's
// entries are [begin[i], begin[i + 1]). radius[i] is a lower bound on the minutes to any site outside the list
// (+inf when the list holds every site).
struct NeighbourLists {
  std::vector<std::size_t> begin;
  std::vector<int> site;
  std::vector<double> minutes;
  std::vector<double> radius;
};

// Every site within `within` minutes of the client (none when within < 0), and at least its `nearest` nearest
// sites, ties at the last one included. Built on `threads` threads; the result does not depend on their number.
// progress (fraction of the clients done) is called from the calling thread every 4,096 clients.
NeighbourLists neighbour_lists(const LargeInstance& instance, int nearest, double within, int threads,
                               const Progress& progress = {});

// A communes file as scripts/make-national-communes.sh writes it: a header line, then "insee,lat,lon,population,nom"
// (the name may be quoted and is optional). Points carry the population as weight; names go to *names when given.
// Throws SitingError naming the first bad line.
std::vector<Point> read_communes_csv(std::string_view text, std::vector<std::string>* names = nullptr);

// Throws SitingError on bad input: coordinates off the globe, negative or non-finite weights, circuity or speed not
// > 0, fixed sites out of range, no site.
void validate_large(const LargeInstance& instance);

// The same instance as a dense matrix (for small instances and tests); costs from LargeCosts.
Instance dense_instance(const LargeInstance& instance);

// Tuning of the large solvers; the defaults suit the national instance.
struct LargeOptions {
  int nearest = 0;  // p-median neighbour-list length; 0: from sites / p (about 4 medians' worth of sites)
  int lagrangian_iterations = 3000;
  double lagrangian_share = 0.85;  // p-median: share of the time left for the subgradient (then Benders)
  double ils_share = 0.85;         // MCLP beyond the compact LP's reach: share of the time left for the local search
  int benders_cluster = 32;        // clients per θ in the branch-and-Benders-cut's master
  // MCLP: reduced models with more sites than this skip the compact LP and CBC (which would not finish in the time
  // of a study) for the local search and the branch-and-Benders-cut.
  int compact_lp_max_sites = 20'000;
};

// p-median on neighbour lists: greedy on the truncated costs, then fast swaps with exact costs (a client none of
// whose listed sites is open is served by its true nearest open site), then the Lagrangian lower bound. Same
// contract as solve_pmedian_heuristic: fixed sites honoured, deterministic for given params (unless the time
// limit cuts a phase short), Params::time_limit_s honoured, progress called from the calling thread at least every
// half second. Throws SitingError for p out of range or more fixed sites than p.
Solution solve_large_pmedian(const LargeInstance& instance, const Params& params, const Progress& progress = {},
                             const LargeOptions& options = {});

// MCLP (covered weight within params.within minutes, p sites) on covering lists: greedy + fast swaps, a Lagrangian
// upper bound (subgradient, at most 40 % of the time, then coordinate ascent on the multipliers) and local searches
// from its relaxed solutions; then, unless the bound already meets the incumbent, Lagrangian reduced-cost fixing,
// the LP relaxation of what is left by column generation (Clp) with LP reduced-cost fixing, and the remaining MIP
// (clients with the same covering set merged) solved by CBC with the incumbent as cutoff. When the fixing leaves
// more than 20,000 sites (the national instance), the LP and CBC would not finish: the time left goes instead to an
// iterated local search (85 %) and to the bound (subgradient restarted from the best multipliers, and ascent). optimal
// only when proven; when the time limit stops a step, the bound is the best proven one so far. solver names the steps
// that finished ("large greedy+swap+lagrangian+lp+cbc").
Solution solve_large_mclp(const LargeInstance& instance, const Params& params, const Progress& progress = {},
                          const LargeOptions& options = {});

}  // namespace tc::siting
