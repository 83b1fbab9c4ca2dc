// bench/siting: the 40 OR-Library p-median instances solved by our heuristic (greedy + fast swaps + Lagrangian
// bound) and, in the same run, by CBC on the same exact model under a time cap — objective against the published
// optimum (pmedopt.txt), time per instance, and totals. A tool, not a test: results go to bench/RESULTS.md.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "siting/mip.h"
#include "siting/orlib.h"
#include "siting/pmedian.h"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"OR-Library p-median benchmark: heuristic vs published optima, and CBC under a cap"};
  std::string dir = "data/orlib-pmed";
  double cbc_cap = 10;
  int first = 1, last = 40;
  cli.add_option("--dir", dir, "Directory of pmedN.txt and pmedopt.txt")->capture_default_str();
  cli.add_option("--cbc-cap", cbc_cap, "Seconds allowed to CBC per instance (0: skip CBC)")->capture_default_str();
  cli.add_option("--first", first)->capture_default_str();
  cli.add_option("--last", last)->capture_default_str();
  CLI11_PARSE(cli, argc, argv);

  std::map<std::string, long long> optimum;
  {
    std::istringstream in(read_file(dir + "/pmedopt.txt"));
    std::string header, name;
    long long value = 0;
    std::getline(in, header);
    while (in >> name >> value) optimum[name] = value;
  }
  std::cout << "instance   n    p    optimum  heuristic  gap_to_opt  bound  h_seconds  cbc_objective  cbc_bound  "
               "cbc_optimal  cbc_seconds\n";
  int at_optimum = 0, count = 0, cbc_at_optimum = 0, cbc_proved = 0;
  double cbc_worst = 0;
  double heuristic_total = 0, cbc_total = 0;
  for (int k = first; k <= last; ++k) {
    const std::string name = "pmed" + std::to_string(k);
    int p = 0;
    std::string path = dir;
    path += "/" + name + ".txt";
    const auto instance = tc::siting::read_orlib(read_file(path), &p);
    tc::siting::Params params;
    params.model = tc::siting::Model::PMedian;
    params.p = p;
    params.threads = 2;
    const auto h = tc::siting::solve_pmedian_heuristic(instance, params);
    const long long opt = optimum[name];
    const long long found = std::llround(h.objective);
    at_optimum += found == opt ? 1 : 0;
    ++count;
    heuristic_total += h.seconds;
    std::cout << std::left << std::setw(9) << name << std::right << std::setw(5) << instance.clients << std::setw(5)
              << p << std::setw(10) << opt << std::setw(11) << found << std::setw(11) << std::fixed
              << std::setprecision(3) << 100.0 * static_cast<double>(found - opt) / static_cast<double>(opt) << "%"
              << std::setw(8) << std::setprecision(0) << h.bound << std::setw(10) << std::setprecision(3) << h.seconds;
    if (cbc_cap > 0) {
      params.time_limit_s = cbc_cap;
      const auto e = tc::siting::solve_exact(instance, params);
      cbc_total += e.seconds;
      cbc_at_optimum += std::llround(e.objective) == opt ? 1 : 0;
      cbc_proved += e.optimal ? 1 : 0;
      cbc_worst = std::max(cbc_worst, e.seconds);
      std::cout << std::setw(15) << std::setprecision(0) << e.objective << std::setw(11) << std::setprecision(1)
                << e.bound << std::setw(13) << (e.optimal ? "yes" : "no") << std::setw(12) << std::setprecision(2)
                << e.seconds;
    }
    std::cout << "\n" << std::flush;
  }
  std::cout << "heuristic at the optimum on " << at_optimum << " of " << count << " instances, " << std::setprecision(1)
            << heuristic_total << " s in total";
  if (cbc_cap > 0)
    std::cout << "; CBC at the optimum on " << cbc_at_optimum << ", proved optimal on " << cbc_proved << ", "
              << cbc_total << " s in total (cap " << cbc_cap << " s each, longest " << cbc_worst << " s)";
  std::cout << "\n";
  return 0;
}
