// bench/siting: the national instances of issue 6 — every commune of metropolitan France a client (weight: its
// population) and a candidate site, travel minutes from the great-circle model — solved by the large solvers
// (neighbour lists, greedy + fast swaps, Lagrangian bound and fixing, then the branch-and-Benders-cut; MCLP under
// 20,000 sites closed by the compact LP and a reduced CBC MIP). Prints one line per run: objective, proven bound, gap
// and time. --departements makes a regional instance; --dense-cbc also solves each run as the plain MIP (dense
// matrix, CBC) for comparison. A tool, not a test: results go to bench/RESULTS.md.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "siting/large.h"
#include "siting/mip.h"

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
  CLI::App cli{"National siting benchmark: large p-median and MCLP solvers on every commune of France"};
  std::string communes = "data/communes-france-2025.csv";
  double time_limit = 60;
  int threads = 2;
  bool stages = false;
  std::vector<std::string> runs = {"pmedian:500", "pmedian:3500", "mclp:500:20"};
  cli.add_option("--communes", communes, "insee,lat,lon,population,nom CSV")->capture_default_str();
  cli.add_option("--time-limit", time_limit, "Seconds per run")->capture_default_str();
  cli.add_option("--threads", threads)->capture_default_str();
  cli.add_flag("--stages", stages, "Print each stage of the solvers with its start time");
  cli.add_option("--run", runs, "pmedian:P or mclp:P:MINUTES (repeatable)");
  std::vector<std::string> departements;
  cli.add_option("--departements", departements,
                 "Keep only the communes of these départements (INSEE prefixes, e.g. 15 43 63): a regional instance");
  double dense_cbc = 0;
  cli.add_option("--dense-cbc", dense_cbc,
                 "Also solve each run as the plain MIP (dense matrix, CBC) with this time limit in seconds; 0: no")
      ->capture_default_str();
  tc::siting::LargeOptions options;
  cli.add_option("--ils-share", options.ils_share, "MCLP: share of the time left for the iterated local search")
      ->capture_default_str();
  cli.add_option("--lagrangian-share", options.lagrangian_share, "p-median: share of the time left for the bound")
      ->capture_default_str();
  cli.add_option("--compact-lp-max-sites", options.compact_lp_max_sites,
                 "MCLP: past this many sites, local search and Benders instead of the compact LP and CBC")
      ->capture_default_str();
  cli.add_option("--benders-cluster", options.benders_cluster, "Clients per θ in the Benders master")
      ->capture_default_str();
  CLI11_PARSE(cli, argc, argv);

  const auto t0 = std::chrono::steady_clock::now();
  tc::siting::LargeInstance instance;
  const std::vector<tc::siting::Point> all = tc::siting::read_communes_csv(read_file(communes));
  for (const tc::siting::Point& point : all) {
    const bool kept = departements.empty() || std::any_of(departements.begin(), departements.end(),
                                                          [&](const auto& d) { return point.id.rfind(d, 0) == 0; });
    if (kept) instance.clients.push_back(point);
  }
  instance.sites = instance.clients;
  const double read_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double population = 0;
  for (const auto& c : instance.clients) population += c.weight;
  std::cout << communes << ": " << instance.clients.size() << " communes, population " << std::fixed
            << std::setprecision(0) << population << ", read in " << std::setprecision(2) << read_s << " s\n";
  std::cout << "model    p     T  clients  sites      objective          bound     gap%  seconds  optimal  solver\n";
  const auto print = [&instance](const std::string& model, const std::string& t_text, int p,
                                 const tc::siting::Solution& sol) {
    std::cout << std::left << std::setw(8) << model << std::right << std::setw(5) << p << std::setw(6)
              << (model == "mclp" ? t_text : "-") << std::setw(9) << instance.clients.size() << std::setw(7)
              << instance.sites.size() << std::setw(15) << std::setprecision(1) << sol.objective << std::setw(15)
              << sol.bound << std::setw(9) << std::setprecision(4) << 100 * sol.gap() << std::setw(9)
              << std::setprecision(2) << sol.seconds << std::setw(9) << (sol.optimal ? "yes" : "no") << "  "
              << sol.solver << "\n"
              << std::flush;
  };
  for (const std::string& run : runs) {
    std::istringstream spec(run);
    std::string model, p_text, t_text;
    std::getline(spec, model, ':');
    std::getline(spec, p_text, ':');
    std::getline(spec, t_text, ':');
    tc::siting::Params params;
    params.p = std::stoi(p_text);
    params.time_limit_s = time_limit;
    params.threads = threads;
    tc::siting::Solution sol;
    const auto run_start = std::chrono::steady_clock::now();
    std::string last_stage;
    tc::siting::Progress progress;
    if (stages) {
      progress = [&](double fraction, std::string_view stage) {
        if (stage == last_stage) return;
        last_stage = stage;
        std::cerr << "  " << std::setprecision(2)
                  << std::chrono::duration<double>(std::chrono::steady_clock::now() - run_start).count() << " s  "
                  << fraction << "  " << stage << "\n";
      };
    }
    if (model == "mclp") {
      params.model = tc::siting::Model::Mclp;
      params.within = std::stod(t_text);
      sol = tc::siting::solve_large_mclp(instance, params, progress, options);
    } else {
      params.model = tc::siting::Model::PMedian;
      sol = tc::siting::solve_large_pmedian(instance, params, progress, options);
    }
    print(model, t_text, params.p, sol);
    if (dense_cbc > 0) {
      tc::siting::Params exact_params = params;
      exact_params.time_limit_s = dense_cbc;
      const tc::siting::Solution exact = tc::siting::solve_exact(tc::siting::dense_instance(instance), exact_params);
      print(model, t_text, params.p, exact);
    }
  }
  return 0;
}
