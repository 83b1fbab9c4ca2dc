// The siting study as a use case: build the instance from the communes (demand modelled from population, imported,
// or observed from applicants and bookers), the travel model or an imported matrix, the candidates, with the
// network's existing centres (opening, in service) fixed as open; solve; name the chosen communes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/person.h"
#include "siting/demand.h"
#include "siting/instance.h"
#include "siting/large.h"
#include "siting/solve.h"
#include "store/store.h"

namespace tc::service {

enum class DemandSource { Modelled, File, Observed };

struct SitingRequest {
  siting::Params params;
  siting::Method method = siting::Method::Auto;
  DemandSource demand = DemandSource::Modelled;
  siting::DemandRates rates;
  std::string demand_csv;          // with DemandSource::File
  std::string matrix_csv;          // empty: the travel model
  std::string candidates_csv;      // empty: every commune
  std::vector<std::string> fixed;  // INSEE codes open in every solution, besides the existing centres
  bool fix_existing_centres = true;
  double circuity = 1.3;
  double speed_kmh = 60;
  int curve_max = 0;  // 0: p (or the LSCP's answer), capped at 30
};

struct SitedCommune {
  std::string insee;
  std::string name;
  bool fixed = false;  // open already (an existing centre, or asked)
  double served = 0;
  double marginal = 0;
};

// Every commune with demand: how far its nearest open site is, and whether that is within the study's radius
// (always, for a p-median without a radius). What the map shades.
struct ServedCommune {
  std::string insee;
  std::string name;
  double demand = 0;
  std::string nearest;  // INSEE code of the nearest open site
  double minutes = 0;   // travel time to it
  bool covered = true;
};

struct SitingResult {
  siting::Solution solution;
  std::vector<SitedCommune> sites;
  std::vector<siting::CurvePoint> curve;
  std::vector<ServedCommune> communes;
  std::string demand_source;  // "modelled (…rates…)", "file", "observed (N people)"
  double total_demand = 0;
  int clients = 0;
  int candidates = 0;
};

// Two paths, chosen on the number of commune × site pairs, as the command line's --communes does:
//  - up to dense_pairs (by default siting::kExactPairs, which holds the Cantal), the dense Instance of
//    siting/solve.h, CBC when it can finish;
//  - beyond, for the p-median and the MCLP over the travel model, the neighbour-list solvers of siting/large.h,
//    which never build the clients × sites matrix (imported national communes: 1.2 billion pairs). There the
//    coverage curve is greedy (no swaps), the p-median's curve without a radius is left empty (each point would be
//    a national p-median), and each commune's nearest open site is computed on the fly.
// An imported matrix and the LSCP need the dense matrix: they keep it up to kMaxDensePairs pairs and are refused
// (ServiceError{Invalid}) beyond.
class SitingStudy {
 public:
  static constexpr long kMaxDensePairs = 10'000'000;  // 80 MB of minutes
  explicit SitingStudy(store::Store& store, long dense_pairs = siting::kExactPairs)
      : store_(store), dense_pairs_(dense_pairs) {}
  // Throws ServiceError{Invalid} for unusable inputs (a code not among the communes, a missing matrix pair…).
  SitingResult run(const SitingRequest& r, const siting::Progress& progress = {});
  // The same for a person: the council's admins and the network's animator only (ServiceError{Forbidden}).
  SitingResult run(const domain::Actor& actor, const SitingRequest& r, const siting::Progress& progress = {});
  // Builds the instance and checks the parameters against it without solving: what a queued study must pass.
  // Throws ServiceError{Invalid} naming the field, as run() would.
  void check(const SitingRequest& r);

 private:
  struct Prepared;
  Prepared prepare(const SitingRequest& r);
  SitingResult run_large(const SitingRequest& r, Prepared& pr, const siting::Progress& progress);
  store::Store& store_;
  long dense_pairs_;
};

}  // namespace tc::service
