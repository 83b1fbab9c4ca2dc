#include "siting_command.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "progress_bar.h"
#include "service/errors.h"
#include "service/reference_data.h"
#include "service/siting.h"
#include "service/siting_json.h"
#include "siting/demand.h"
#include "siting/errors.h"
#include "siting/large.h"
#include "siting/orlib.h"
#include "siting/solve.h"
#include "store/store.h"

namespace tc::app {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("impossible de lire « " + path + " »");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

siting::Model model_of(const std::string& s) {
  if (s == "lscp") return siting::Model::Lscp;
  if (s == "mclp") return siting::Model::Mclp;
  return siting::Model::PMedian;
}

nlohmann::json solution_json(const siting::Solution& s, siting::Model m, bool integral) {
  nlohmann::json j = {{"model", siting::to_string(m)},
                      {"solver", s.solver},
                      {"optimal", s.optimal},
                      {"seconds", std::round(s.seconds * 1000) / 1000},
                      {"gap", s.gap()}};
  if (integral) {
    j["objective"] = static_cast<long long>(std::llround(s.objective));
    j["bound"] =
        static_cast<long long>(m == siting::Model::Mclp ? std::floor(s.bound + 1e-6) : std::ceil(s.bound - 1e-6));
  } else {
    j["objective"] = s.objective;
    j["bound"] = s.bound;
  }
  return j;
}

int run_orlib(const SitingOptions& o) {
  int p = 0;
  const siting::Instance in = siting::read_orlib(read_file(o.orlib), &p);
  siting::Params params;
  params.model = siting::Model::PMedian;
  params.p = o.p > 0 ? o.p : p;
  params.time_limit_s = o.time_limit_s;
  const auto method =
      o.exact ? siting::Method::Exact : (o.heuristic ? siting::Method::Heuristic : siting::Method::Auto);
  const auto s = siting::solve(in, params, method, progress_bar());
  if (o.json) {
    nlohmann::json j = solution_json(s, params.model, true);
    j["p"] = params.p;
    j["instance"] = o.orlib;
    nlohmann::json sites = nlohmann::json::array();
    for (int site : s.open) sites.push_back(in.site_ids[static_cast<std::size_t>(site)]);
    j["sites"] = sites;
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << "p-médiane, p = " << params.p << " : coût total " << std::llround(s.objective) << " (borne " << s.bound
              << ", écart " << s.gap() * 100 << " %" << (s.optimal ? ", optimal prouvé" : "") << ", " << s.solver
              << ", " << s.seconds << " s)\n";
  }
  return 0;
}

// A study of the communes of a CSV file (insee,lat,lon,population,nom), each a client and, unless --candidates
// says otherwise, a candidate site. Small instances take the dense path (siting::solve, CBC when it can finish);
// beyond kExactPairs pairs the neighbour-list solvers of siting/large.h, which never build the matrix.
int run_communes(const SitingOptions& o) {
  if (!o.matrix.empty()) throw std::runtime_error("--communes et --matrix ne se combinent pas (temps calculés)");
  std::vector<std::string> names;
  const std::vector<siting::Point> communes = siting::read_communes_csv(read_file(o.communes), &names);
  std::map<std::string, std::size_t> index;
  for (std::size_t k = 0; k < communes.size(); ++k) index.emplace(communes[k].id, k);
  siting::DemandRates rates;
  if (!o.rates.empty()) {
    char c1 = 0, c2 = 0;
    std::istringstream in(o.rates);
    if (!(in >> rates.employed_share >> c1 >> rates.teleworkable_share >> c2 >> rates.far_commute_share) || c1 != ',' ||
        c2 != ',')
      throw std::runtime_error("--rates attend trois parts séparées par des virgules, ex. 0.41,0.35,0.2");
  }
  siting::LargeInstance large;
  large.circuity = o.circuity;
  large.speed_kmh = o.speed_kmh;
  large.clients = communes;
  std::string demand_label = "modélisée à partir de la population";
  if (o.demand == "population") {
    demand_label = "population";
  } else if (!o.demand.empty()) {
    // Communes the demand file does not list have no demand.
    for (auto& c : large.clients) c.weight = 0;
    for (const auto& [insee, w] : siting::read_demand_csv(read_file(o.demand))) {
      const auto it = index.find(insee);
      if (it == index.end()) throw siting::SitingError("demande pour une commune absente du fichier : " + insee);
      large.clients[it->second].weight = w;
    }
    demand_label = o.demand;
  } else {
    for (auto& c : large.clients) c.weight = siting::modelled_demand(static_cast<int>(c.weight), rates);
  }
  std::vector<std::size_t> site_commune;
  if (o.candidates.empty()) {
    for (std::size_t k = 0; k < communes.size(); ++k) site_commune.push_back(k);
  } else {
    for (const auto& insee : siting::read_candidates(read_file(o.candidates))) {
      const auto it = index.find(insee);
      if (it == index.end()) throw siting::SitingError("commune candidate absente du fichier : " + insee);
      site_commune.push_back(it->second);
    }
  }
  for (const auto& insee : o.fixed) {
    const auto it = index.find(insee);
    if (it == index.end()) throw siting::SitingError("commune imposée absente du fichier : " + insee);
    auto at = std::find(site_commune.begin(), site_commune.end(), it->second);
    if (at == site_commune.end()) at = site_commune.insert(site_commune.end(), it->second);
    large.fixed.push_back(static_cast<int>(at - site_commune.begin()));
  }
  for (const std::size_t k : site_commune) large.sites.push_back(communes[k]);

  siting::Params params;
  params.model = model_of(o.model);
  params.p = o.p;
  params.within = o.within_min;
  params.time_limit_s = o.time_limit_s;
  const auto method =
      o.exact ? siting::Method::Exact : (o.heuristic ? siting::Method::Heuristic : siting::Method::Auto);
  const long pairs = static_cast<long>(large.clients.size()) * static_cast<long>(large.sites.size());
  siting::Solution s;
  if (pairs <= siting::kExactPairs) {
    s = siting::solve(siting::dense_instance(large), params, method, progress_bar());
  } else if (params.model == siting::Model::PMedian) {
    s = siting::solve_large_pmedian(large, params, progress_bar());
  } else if (params.model == siting::Model::Mclp) {
    if (!(params.within > 0))
      throw siting::SitingError(
          "Les modèles de couverture demandent un temps de trajet maximal (--within-min) positif.");
    s = siting::solve_large_mclp(large, params, progress_bar());
  } else {
    throw siting::SitingError("LSCP : " + std::to_string(pairs) +
                              " paires commune × site, trop pour la matrice dense ; choisir mclp ou pmedian");
  }
  const bool integral = o.demand == "population";
  if (o.json) {
    nlohmann::json j = solution_json(s, params.model, integral);
    j["p"] = params.p;
    j["communes"] = communes.size();
    j["candidates"] = large.sites.size();
    j["demand"] = demand_label;
    nlohmann::json sites = nlohmann::json::array();
    for (std::size_t k = 0; k < s.open.size(); ++k) {
      const std::size_t c = site_commune[static_cast<std::size_t>(s.open[k])];
      sites.push_back(
          {{"insee", communes[c].id}, {"name", names[c]}, {"served", k < s.served.size() ? s.served[k] : 0.0}});
    }
    j["sites"] = sites;
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << "Modèle " << siting::to_string(params.model) << " — " << communes.size() << " communes, "
            << large.sites.size() << " candidates, demande " << demand_label << "\n"
            << "Objectif " << s.objective << ", borne " << s.bound << ", écart " << s.gap() * 100 << " %"
            << (s.optimal ? " (optimal prouvé)" : "") << " — " << s.solver << ", " << s.seconds << " s\n";
  for (std::size_t k = 0; k < s.open.size(); ++k) {
    const std::size_t c = site_commune[static_cast<std::size_t>(s.open[k])];
    std::cout << "  " << communes[c].id << " " << names[c] << " : dessert " << (k < s.served.size() ? s.served[k] : 0.0)
              << "\n";
  }
  return 0;
}

}  // namespace

void add_siting_options(CLI::App& c, SitingOptions& o) {
  c.add_option("--model", o.model, "lscp, mclp ou pmedian")->check(CLI::IsMember({"lscp", "mclp", "pmedian"}));
  c.add_option("--p", o.p, "Nombre de télécentres (mclp, pmedian), existants compris")->check(CLI::Range(1, 100000));
  c.add_option("--within-min", o.within_min, "Temps de trajet maximal en minutes (lscp, mclp)")
      ->check(CLI::Range(0.0, 10000.0));
  c.add_option("--demand", o.demand,
               "Fichier CSV insee,weight, ou « observed » (communes des candidats) ; défaut : modèle de population");
  c.add_option("--rates", o.rates, "Parts ACTIFS,TÉLÉTRAVAILLABLES,TRAJET_LONG du modèle (défaut 0.41,0.35,0.2)");
  c.add_option("--matrix", o.matrix, "Matrice CSV from_insee,to_insee,minutes (défaut : distance × 1,3 à 60 km/h)");
  c.add_option("--candidates", o.candidates, "Fichier des communes candidates (codes INSEE)");
  c.add_option("--fixed", o.fixed, "Communes déjà ouvertes, en plus des télécentres existants")->delimiter(',');
  auto* exact = c.add_flag("--exact", o.exact, "Résolution exacte (PLNE avec CBC)");
  c.add_flag("--heuristic", o.heuristic, "Heuristiques seules (glouton + échanges, bornes lagrangiennes)")
      ->excludes(exact);
  c.add_option("--time-limit", o.time_limit_s, "Secondes au plus pour la résolution exacte")
      ->check(CLI::Range(0.1, 86400.0))
      ->capture_default_str();
  c.add_option("--circuity", o.circuity, "Facteur de détour des routes")->check(CLI::Range(1.0, 5.0));
  c.add_option("--speed", o.speed_kmh, "Vitesse moyenne en km/h")->check(CLI::Range(1.0, 200.0));
  c.add_option("--orlib", o.orlib, "Instance p-médiane de l'OR-Library (résolue avec son p)");
  c.add_option("--communes", o.communes,
               "Fichier de communes insee,lat,lon,population,nom (ex. data/communes-france-2025.csv) étudiées à la "
               "place de la base ; --demand population pour la population brute");
  c.add_flag("--json", o.json, "Résultat en JSON");
  c.add_option("--db", o.db, "Fichier de base SQLite");
}

int run_siting(const SitingOptions& o) {
  try {
    if (!o.orlib.empty()) return run_orlib(o);
    if (!o.communes.empty()) return run_communes(o);
    service::SitingRequest r;
    r.params.model = model_of(o.model);
    r.params.p = o.p;
    r.params.within = o.within_min;
    r.params.time_limit_s = o.time_limit_s;
    r.method = o.exact ? siting::Method::Exact : (o.heuristic ? siting::Method::Heuristic : siting::Method::Auto);
    if (o.demand == "observed") {
      r.demand = service::DemandSource::Observed;
    } else if (!o.demand.empty()) {
      r.demand = service::DemandSource::File;
      r.demand_csv = read_file(o.demand);
    }
    if (!o.rates.empty()) {
      char c1 = 0, c2 = 0;
      std::istringstream in(o.rates);
      if (!(in >> r.rates.employed_share >> c1 >> r.rates.teleworkable_share >> c2 >> r.rates.far_commute_share) ||
          c1 != ',' || c2 != ',')
        throw std::runtime_error("--rates attend trois parts séparées par des virgules, ex. 0.41,0.35,0.2");
    }
    if (!o.matrix.empty()) r.matrix_csv = read_file(o.matrix);
    if (!o.candidates.empty()) r.candidates_csv = read_file(o.candidates);
    r.fixed = o.fixed;
    r.circuity = o.circuity;
    r.speed_kmh = o.speed_kmh;
    auto db = store::open_store(o.db);
    service::ensure_reference_data(*db);  // a fresh database studies the Cantal's bundled communes
    service::SitingStudy study(*db);
    const auto res = study.run(r, progress_bar());
    const auto& s = res.solution;
    if (o.json) {
      std::cout << service::siting_result_json(r, res).dump(2) << "\n";
      return 0;
    }
    std::cout << "Modèle " << siting::to_string(r.params.model) << " — demande : " << res.demand_source << " ("
              << res.total_demand << " sur " << res.clients << " communes), " << res.candidates << " candidates\n"
              << "Objectif " << s.objective << ", borne " << s.bound << ", écart " << s.gap() * 100 << " %"
              << (s.optimal ? " (optimal prouvé)" : "") << " — " << s.solver << ", " << s.seconds << " s\n";
    for (const auto& c : res.sites)
      std::cout << "  " << c.insee << " " << c.name << (c.fixed ? " (déjà ouvert)" : "") << " : dessert " << c.served
                << ", apport " << c.marginal << "\n";
    std::cout << "Courbe :";
    for (const auto& point : res.curve) std::cout << ' ' << point.p << " → " << point.value << ';';
    std::cout << "\n";
    return 0;
  } catch (const service::ServiceError& e) {
    std::cerr << "telecentres: " << e.message_fr << "\n";
  } catch (const std::exception& e) {
    std::cerr << "telecentres: " << e.what() << "\n";
  }
  return 1;
}

}  // namespace tc::app
