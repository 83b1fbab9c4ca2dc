// A facility-location instance, as every siting model and solver sees it: demand points (clients) with weights,
// candidate sites, the travel cost from each client to each site, and sites that are open whatever the model
// (existing centres). Pure data: no I/O, no clock — readers (OR-Library, CSV matrices, the travel model) build it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tc::siting {

struct Instance {
  int clients = 0;
  int sites = 0;
  std::vector<double> weight;  // per client, >= 0
  // clients × sites, row-major (cost[i * sites + j]): minutes, or the instance's own unit (OR-Library distances).
  std::vector<double> cost;
  std::vector<int> fixed;               // site indices open in every solution (existing centres)
  std::vector<std::string> client_ids;  // INSEE codes, or "1".."n" for OR-Library vertices
  std::vector<std::string> site_ids;

  double at(int client, int site) const {
    return cost[static_cast<std::size_t>(client) * static_cast<std::size_t>(sites) + static_cast<std::size_t>(site)];
  }
};

enum class Model { Lscp, Mclp, PMedian };
std::string_view to_string(Model m);  // "lscp", "mclp", "pmedian"

struct Params {
  Model model = Model::PMedian;
  int p = 0;                 // MCLP and p-median: how many sites, fixed ones included
  double within = 0;         // LSCP and MCLP: coverage radius, in the cost's unit (minutes)
  double time_limit_s = 60;  // for exact solvers; heuristics stop earlier when done
  int threads = 2;
};

// Objective: p-median total weighted cost (minimise); MCLP covered weight (maximise); LSCP number of sites
// (minimise). `bound` is a proven lower bound (minimisation) or upper bound (MCLP); gap() is relative to the
// objective, 0 when proven optimal.
struct Solution {
  std::vector<int> open;  // site indices, ascending
  double objective = 0;
  double bound = 0;
  bool optimal = false;
  std::string solver;  // e.g. "greedy+swap", "cbc"
  double seconds = 0;
  std::vector<int> assignment;   // per client: the open site serving it (p-median, covering: nearest open), -1 none
  std::vector<double> served;    // per open site (same order as `open`): the demand weight it serves
  std::vector<double> marginal;  // per open site: how much worse the objective is without it
  double gap() const;
};

// Progress for long runs: fraction done in [0, 1] and a short French stage name. May be empty.
using Progress = std::function<void(double fraction, std::string_view stage)>;

}  // namespace tc::siting
