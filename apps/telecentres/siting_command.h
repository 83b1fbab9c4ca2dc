// `telecentres siting`: the siting study on the command line (the Cantal's communes from the database, or an
// OR-Library instance with --orlib, or any communes file with --communes — the national one goes through the
// sparse solvers of siting/large.h), with a progress bar on stderr and a text or JSON report on stdout.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace tc::app {

struct SitingOptions {
  std::string model = "pmedian";
  int p = 0;
  double within_min = 0;
  std::string demand;      // a CSV file, or "observed"; empty: modelled from population
  std::string rates;       // "EMPLOYED,TELEWORKABLE,FAR" shares for the modelled demand
  std::string matrix;      // CSV from_insee,to_insee,minutes
  std::string candidates;  // file of INSEE codes
  std::vector<std::string> fixed;
  bool exact = false;
  bool heuristic = false;
  double time_limit_s = 60;
  double circuity = 1.3;
  double speed_kmh = 60;
  std::string orlib;
  std::string communes;  // insee,lat,lon,population,nom file: a study of those communes, however many
  bool json = false;
  std::string db;
};

void add_siting_options(CLI::App& command, SitingOptions& o);
int run_siting(const SitingOptions& o);

}  // namespace tc::app
