// `telecentres demo --scale national`: the national demo (service/demo_national.h) on the command line, with a
// progress bar per stage on stderr and the figures on stdout. `--scale cantal`, the default, stays main's.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace tc::app {

struct DemoOptions {
  std::string scale = "cantal";
  std::string communes = "data/communes-france-2025.csv";
  std::uint64_t seed = 2026;
  int centres = 3500;
  int teleworkers = 40000;
  int days = 365;
  std::string today;                              // AAAA-MM-JJ; empty: today in Europe/Paris
  std::vector<const CLI::Option*> national_only;  // filled by add_demo_options: were they given?
};

void add_demo_options(CLI::App& command, DemoOptions& o);
// Whether main should hand the command to run_national_demo (also when national options come with --scale cantal,
// which it refuses).
bool national_demo_asked(const DemoOptions& o);
// The exit code: 0, 2 when refused (a database with centres, options that do not go together), 1 on failure.
int run_national_demo(const std::string& db, const DemoOptions& o);

}  // namespace tc::app
