// Wiring only: parse the command line, open the store, start what was asked.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <malloc.h>
#include <atomic>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "data_commands.h"
#include "demo_command.h"
#include "domain/money.h"
#include "domain/password_policy.h"
#include "export/grant_export.h"
#include "geo/communes_csv.h"
#include "geo/svg_map.h"
#include "resources.h"
#include "service/accounts.h"
#include "service/demo_network.h"
#include "service/directory.h"
#include "service/errors.h"
#include "service/mailer.h"
#include "service/outbox_sender.h"
#include "service/reference_data.h"
#include "siting_command.h"
#include "store/store.h"
#include "web/app.h"
#include "web/metrics.h"
#include "web/response_cache.h"
#include "web/server.h"
#include "web/templates.h"
#include "web/wiring.h"
#include "web/worker_pool.h"

namespace {

using namespace tc;

int fail(const std::string& message) {
  std::cerr << "telecentres: " << message << "\n";
  return 1;
}

std::string default_db() {
  if (const char* env = std::getenv("TELECENTRES_DB"); env && *env) return env;
  return "telecentres.db";
}

struct ServeOptions {
  std::string db = default_db();
  std::string listen = "127.0.0.1:8080";
  bool demo = false;
  int io_threads = 2;
  // Workers mostly wait (a shared commit, the disk): bookings need many; Argon2id is capped per CPU apart.
  int workers = 32;
  int queue = 512;
  bool access_log = true;
  double request_timeout_s = 10;
  double idle_timeout_s = 30;
  int max_connections = 2048;
  bool secure_cookies = false;
  std::string smtp_url;  // empty: mail waits in the outbox
  std::string public_url = "http://localhost:8080";
  std::string mail_from = service::SmtpConfig{}.from;
  int retention_months = 12;  // 0: never purge automatically
  bool demo_activity = false;
  std::vector<std::string> trusted_proxies;  // --trusted-proxy, or $TELECENTRES_TRUSTED_PROXIES
};

void print_demo_accounts() {
  std::cerr << "telecentres: comptes de démonstration (démo uniquement, jamais en production) :\n";
  for (const auto& a : service::demo_accounts())
    std::cerr << "  " << a.role << "\t" << a.email << "\t" << a.password << "\n";
}

bool parse_listen(const std::string& s, std::string& host, unsigned short& port) {
  const auto colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = s.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string p = s.substr(colon + 1);
  if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos) return false;
  const long v = std::stol(p);
  if (v > 65535) return false;
  port = static_cast<unsigned short>(v);
  return true;
}

using web::Wiring;

std::string read_password() {
  if (const char* env = std::getenv("TELECENTRES_PASSWORD"); env && *env) return env;
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int serve(const ServeOptions& o) {
  web::ServerConfig config;
  if (!parse_listen(o.listen, config.host, config.port))
    return fail("--listen attend HÔTE:PORT, par exemple 127.0.0.1:8080 (reçu « " + o.listen + " »)");
  config.io_threads = o.io_threads;
  config.request_deadline = std::chrono::milliseconds(static_cast<long>(o.request_timeout_s * 1000));
  config.idle_timeout = std::chrono::milliseconds(static_cast<long>(o.idle_timeout_s * 1000));
  config.max_connections = static_cast<std::size_t>(o.max_connections);
  try {
    config.trusted_proxies = web::TrustedProxies::parse(o.trusted_proxies);
  } catch (const std::invalid_argument& e) {
    std::cerr << "telecentres: " << e.what() << "\n";
    return 2;
  }

  // Block the stop signals in every thread; one thread below waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // glibc gives each busy thread a malloc arena of its own and keeps what is freed there: with 32–64 workers, a few
  // large admin reports left the process above 600 MB (bench/RESULTS.md, "Scale"); two arenas keep it near 160 MB.
  mallopt(M_ARENA_MAX, 2);

  // On PostgreSQL every worker may hold a connection (the pool is sized to the worker pool); SQLite keeps its few
  // readers, since its writes are serialised in the process anyway and each connection has its own page cache.
  store::OpenOptions open_options;
  if (o.db.starts_with("postgresql://") || o.db.starts_with("postgres://"))
    open_options.readers = std::max(1, o.workers);
  std::unique_ptr<store::Store> db = store::open_store(o.db, open_options);
  if (o.demo) {
    const std::size_t n = service::load_demo(*db, o.demo_activity);
    if (n > 0) {
      spdlog::info("réseau de démonstration chargé : {} télécentres", n);
      print_demo_accounts();
    }
  } else {
    service::ensure_reference_data(*db);
  }

  auto access = std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::stdout_sink_mt>());
  access->set_pattern("%v");
  if (o.access_log) spdlog::register_logger(access);

  Wiring w(*db, o.secure_cookies);
  w.app.public_url = o.public_url;
  web::App& app = w.app;
  web::Metrics& metrics = w.metrics;
  const web::Router router = web::make_router(app);
  web::WorkerPool pool(static_cast<std::size_t>(o.workers), static_cast<std::size_t>(o.queue));
  metrics.set_queue_depth_source([&pool] { return pool.queue_depth(); });
  config.on_response = [&metrics](const std::string& method, const std::string& route, unsigned status,
                                  double seconds) { metrics.record(method, route, status, seconds); };

  web::Server server(config, web::make_dispatcher(router, pool, app));
  metrics.set_connections_source([&server] { return server.open_connections(); });
  metrics.set_refused_source([&server] { return server.refused_connections(); });
  server.listen();
  std::atomic<bool> ended{false};
  // The outbox is delivered by one background thread while the server runs.
  std::unique_ptr<service::SmtpMailer> mailer;
  if (!o.smtp_url.empty()) {
    service::SmtpConfig smtp;
    smtp.url = o.smtp_url;
    smtp.from = o.mail_from;
    mailer = std::make_unique<service::SmtpMailer>(smtp);
  }
  // Keeps the directory's snapshot and revision check fresh off the worker pool, so that cached directory
  // answers keep coming from the I/O threads even while the pool is saturated (say, by a storm of sign-ins).
  std::thread keeper([&] {
    while (!ended) {
      try {
        w.directory.snapshot();
      } catch (const std::exception& e) {
        spdlog::warn("rafraîchissement de l'annuaire : {}", e.what());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(40));
    }
  });
  std::thread postman([&] {
    if (!mailer) return;
    service::OutboxSender sender(*db, *mailer, service::system_clock());
    while (!ended) {
      try {
        sender.deliver_due();
      } catch (const std::exception& e) {
        spdlog::error("envoi des courriels : {}", e.what());
      }
      for (int i = 0; i < 10 && !ended; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  // Housekeeping while serving: no-shows every minute; the retention purge (declined and withdrawn applications)
  // at start and every six hours, so that the retention period holds without anyone running `telecentres purge`.
  std::thread housekeeper([&] {
    auto next_purge = std::chrono::steady_clock::now();
    auto next_sweep = std::chrono::steady_clock::now();
    while (!ended) {
      if (std::chrono::steady_clock::now() >= next_sweep) {
        // Bookings not checked in by their deadline become no-shows and free their posts, once a minute.
        try {
          if (const int n = w.bookings.sweep_no_shows(); n > 0) spdlog::info("{} réservations sans présence", n);
        } catch (const std::exception& e) {
          spdlog::error("relevé des absences : {}", e.what());
        }
        // Events of tomorrow: their reminders, once each (the check is cheap; the e-mails wait in the outbox).
        try {
          if (const int n = w.events.send_reminders(); n > 0) spdlog::info("{} rappels d'événements", n);
        } catch (const std::exception& e) {
          spdlog::error("rappels d'événements : {}", e.what());
        }
        // Overdue next actions of the prospection: one e-mail a day to whoever follows each company.
        try {
          if (const int n = w.prospection.send_overdue_reminders(o.public_url); n > 0)
            spdlog::info("{} rappels de prospection", n);
        } catch (const std::exception& e) {
          spdlog::error("rappels de prospection : {}", e.what());
        }
        next_sweep = std::chrono::steady_clock::now() + std::chrono::minutes(1);
      }
      if (o.retention_months > 0 && std::chrono::steady_clock::now() >= next_purge) {
        try {
          const int n = w.applications.purge_older_than(o.retention_months);
          if (n > 0) spdlog::info("conservation : {} candidatures refusées ou retirées supprimées", n);
        } catch (const std::exception& e) {
          spdlog::error("purge de conservation : {}", e.what());
        }
        next_purge = std::chrono::steady_clock::now() + std::chrono::hours(6);
      }
      for (int i = 0; i < 10 && !ended; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  // Background siting studies: this server's runner takes queued ones (from any server on the database) one at a
  // time; a run whose server died is failed after a minute without its heartbeat.
  std::thread surveyor([&] {
    auto next_stale_check = std::chrono::steady_clock::now();
    while (!ended) {
      bool ran = false;
      try {
        if (std::chrono::steady_clock::now() >= next_stale_check) {
          if (const int n = w.studies.fail_stale(); n > 0) spdlog::warn("{} études interrompues", n);
          next_stale_check = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        }
        ran = w.studies.run_next();
      } catch (const std::exception& e) {
        spdlog::error("études d'implantation : {}", e.what());
      }
      if (ran) continue;
      for (int i = 0; i < 5 && !ended; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  std::thread waiter([&server, &ended, signals] {
    // Polls so that it also ends when run() returns for another reason.
    const timespec tick{0, 200'000'000};
    while (!ended) {
      const int sig = sigtimedwait(&signals, nullptr, &tick);
      if (sig > 0) {
        spdlog::info("signal {} reçu : arrêt en cours", sig);
        server.stop();
        return;
      }
    }
  });
  // One write: the housekeeper may log at the same moment, and scripts read the port from this line.
  const std::string listening =
      "telecentres: à l'écoute sur http://" + config.host + ":" + std::to_string(server.port()) + "/\n";
  std::cerr.write(listening.data(), static_cast<std::streamsize>(listening.size()));
  std::cerr.flush();
  server.run();
  ended = true;
  w.studies.stop();
  waiter.join();
  postman.join();
  housekeeper.join();
  surveyor.join();
  keeper.join();
  // Tasks still queued (say, sign-ins whose clients gave up) run now and answer into the server's I/O context:
  // they must be done before `server` is destroyed (it was, with the pool's own destructor: memory corruption).
  pool.join();
  spdlog::info("arrêt terminé");
  return 0;
}

}  // namespace

// `telecentres grant`: the statement an admin would download, for scripts and the finance office.
int grant_statement(const std::string& db, std::string ruleset, const std::string& from, const std::string& to,
                    const std::string& format, const std::string& output) {
  if (format == "xlsx" && output.empty()) return fail("--format xlsx demande --output FICHIER.xlsx");
  auto s = store::open_store(db);
  Wiring w(*s, false);
  if (ruleset.empty()) ruleset = w.admin.conformity_ruleset();
  const auto g = w.admin.grant(service::system_admin(), ruleset, from, to);
  std::string text;
  if (format == "xlsx") {
    text = exports::grant_xlsx(g.ruleset, g.statement, g.occupancy, g.generated_at);
  } else if (format == "csv") {
    text = exports::grant_csv(g.ruleset, g.statement);
  } else if (format == "json") {
    nlohmann::json centres = nlohmann::json::array();
    for (const auto& l : g.statement.centres)
      centres.push_back({{"centre_id", l.centre_id},
                         {"name", l.name},
                         {"zrr", l.zrr},
                         {"base_cents", l.base_cents},
                         {"occupied_posts", l.occupied_posts},
                         {"per_post_cents", l.per_post_cents},
                         {"total_cents", l.total_cents}});
    text = nlohmann::json{{"ruleset", g.statement.ruleset},
                          {"from", g.statement.from.iso()},
                          {"to", g.statement.to.iso()},
                          {"envelope_cents", g.statement.envelope_cents},
                          {"total_cents", g.statement.total_cents},
                          {"payable_cents", g.statement.payable_cents},
                          {"shortfall_cents", g.statement.shortfall_cents},
                          {"centres", centres},
                          {"forecast_cents", g.statement.forecast_cents}}
               .dump(2) +
           "\n";
  } else {
    std::ostringstream out;
    const auto& st = g.statement;
    out << "Subvention FNADT — barème " << st.ruleset << ", du " << st.from.iso() << " au " << st.to.iso()
        << " (ZRR au " << st.zrr_date.iso() << ")\n";
    for (const auto& l : st.centres)
      out << "  " << l.name << (l.zrr ? " [ZRR]" : "") << " : " << domain::format_euros(l.base_cents) << " + "
          << l.occupied_posts << " × " << domain::format_euros(l.per_post_cents) << " = "
          << domain::format_euros(l.total_cents) << "\n";
    out << "Total : " << domain::format_euros(st.total_cents)
        << " ; enveloppe : " << domain::format_euros(st.envelope_cents)
        << " ; payable : " << domain::format_euros(st.payable_cents)
        << " ; dépassement non financé : " << domain::format_euros(st.shortfall_cents) << "\n";
    if (!st.forecast_centres.empty())
      out << "Prévision (centres en projet, tous postes occupés) : + " << domain::format_euros(st.forecast_cents)
          << "\n";
    for (const auto& warning : st.warnings) out << "Attention : " << warning.message_fr << "\n";
    text = out.str();
  }
  if (output.empty()) {
    std::cout << text;
    return 0;
  }
  std::ofstream file(output, std::ios::binary);
  if (!(file << text)) return fail("impossible d'écrire « " + output + " »");
  return 0;
}

int main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_logger_mt("telecentres"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");

  CLI::App cli{"telecentres — la plateforme du réseau des télécentres du Cantal"};
  cli.set_version_flag("--version", std::string("telecentres ") + TELECENTRES_VERSION);
  cli.require_subcommand(1);
  // One line per mistake, as for every other error of the program.
  cli.failure_message([](const CLI::App*, const CLI::Error& e) {
    return std::string("telecentres: ") + e.what() + " (voir --help)\n";
  });

  ServeOptions so;
  auto* serve_cmd = cli.add_subcommand("serve", "Sert le site et l'API HTTP");
  serve_cmd->add_option("--db", so.db,
                        "Base : fichier SQLite ou URL postgresql://… (défaut : telecentres.db, ou $TELECENTRES_DB)");
  serve_cmd->add_option("--listen", so.listen, "Adresse d'écoute HÔTE:PORT")->capture_default_str();
  serve_cmd->add_flag("--demo", so.demo, "Charge le réseau de démonstration dans une base sans télécentre");
  serve_cmd->add_flag(
      "--demo-activity", so.demo_activity,
      "Avec --demo : ajoute des réservations autour d'aujourd'hui (pour une visite, pas pour les tests)");
  serve_cmd->add_option("--io-threads", so.io_threads, "Fils d'entrée-sortie")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve_cmd->add_option("--workers", so.workers, "Fils de travail (accès à la base)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve_cmd->add_option("--queue", so.queue, "File d'attente maximale avant 503")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  serve_cmd->add_option("--request-timeout", so.request_timeout_s, "Secondes pour recevoir une requête entière")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  serve_cmd->add_option("--idle-timeout", so.idle_timeout_s, "Secondes d'inactivité avant de fermer une connexion")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  serve_cmd->add_option("--max-connections", so.max_connections, "Connexions simultanées au plus")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  serve_cmd->add_option("--smtp-url", so.smtp_url,
                        "Serveur SMTP pour les courriels, ex. smtp://127.0.0.1:25 (sans : ils restent en file)");
  serve_cmd->add_option("--public-url", so.public_url, "Adresse publique du site, pour les liens des courriels")
      ->capture_default_str();
  serve_cmd->add_option("--mail-from", so.mail_from, "Expéditeur des courriels")->capture_default_str();
  serve_cmd->add_flag("--secure-cookies", so.secure_cookies,
                      "Cookies marqués Secure (à activer quand le site est servi en HTTPS)");
  serve_cmd
      ->add_option("--retention-months", so.retention_months,
                   "Conservation des candidatures refusées ou retirées, en mois, purgées automatiquement (0 : "
                   "jamais)")
      ->check(CLI::Range(0, 600))
      ->capture_default_str();
  serve_cmd->add_flag("--access-log,!--no-access-log", so.access_log,
                      "Journal des requêtes (une ligne JSON par requête) sur la sortie standard (défaut : oui)");
  serve_cmd
      ->add_option("--trusted-proxy", so.trusted_proxies,
                   "Adresse IP d'un mandataire inverse de confiance (nginx) : l'adresse du client est lue dans son "
                   "X-Forwarded-For (option répétable, ou adresses séparées par des virgules)")
      ->envname("TELECENTRES_TRUSTED_PROXIES");

  std::string db = default_db();
  std::string copy_from;
  std::string copy_to;
  auto* copy_cmd = cli.add_subcommand(
      "copy", "Copie tout un déploiement d'une base à une autre (fichier SQLite ou URL postgresql://), et le vérifie");
  copy_cmd->add_option("--from", copy_from, "Base source (fichier SQLite ou postgresql://…)")->required();
  copy_cmd->add_option("--to", copy_to, "Base de destination, vide (créée si c'est un fichier)")->required();
  std::string backup_file;
  auto* backup_cmd = cli.add_subcommand(
      "backup", "Sauvegarde à chaud d'une base SQLite dans un fichier (PostgreSQL : pg_dump, voir docs/operations.md)");
  backup_cmd->add_option("FILE", backup_file, "Fichier de sauvegarde à écrire")->required();
  backup_cmd->add_option("--db", db, "Fichier de base SQLite à sauvegarder");
  auto* migrate_cmd = cli.add_subcommand("migrate", "Crée ou met à jour le schéma de la base");
  migrate_cmd->add_option("--db", db, "Base : fichier SQLite ou URL postgresql://…");

  auto* demo_cmd = cli.add_subcommand(
      "demo", "Charge un réseau de démonstration (8 télécentres du Cantal, ou 3 500 en France avec --scale national)");
  demo_cmd->add_option("--db", db, "Base : fichier SQLite ou URL postgresql://…");
  app::DemoOptions demo_options;
  app::add_demo_options(*demo_cmd, demo_options);

  auto* communes_cmd = cli.add_subcommand("communes", "Référentiel des communes");
  communes_cmd->require_subcommand(1);
  std::string communes_file;
  auto* import_cmd = communes_cmd->add_subcommand(
      "import", "Importe un fichier CSV de communes (insee,name,population,postcodes,lat,lon[,zrr])");
  import_cmd->add_option("FILE", communes_file, "Fichier CSV")->required();
  import_cmd->add_option("--db", db, "Base : fichier SQLite ou URL postgresql://…");

  auto* routes_cmd = cli.add_subcommand("routes", "Liste les routes HTTP (méthode, chemin, résumé)");

  auto* user_cmd = cli.add_subcommand("user", "Comptes");
  user_cmd->require_subcommand(1);
  std::string user_email, user_role;
  std::optional<std::int64_t> user_centre;
  auto* user_add = user_cmd->add_subcommand(
      "add", "Crée un compte ; le mot de passe est lu sur l'entrée standard ou dans $TELECENTRES_PASSWORD");
  user_add->add_option("--email", user_email, "Adresse e-mail")->required();
  user_add->add_option("--role", user_role, "teleworker, host, animator ou admin")
      ->required()
      ->check(CLI::IsMember({"teleworker", "host", "animator", "admin"}));
  user_add->add_option("--centre", user_centre, "Télécentre d'un hôte d'accueil (identifiant)");
  user_add->add_option("--db", db, "Base : fichier SQLite ou URL postgresql://…");

  int purge_months = 12;
  auto* purge_cmd = cli.add_subcommand(
      "purge", "Supprime les candidatures refusées ou retirées depuis plus de N mois (conservation RGPD)");
  purge_cmd->add_option("--months", purge_months, "Durée de conservation en mois")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  purge_cmd->add_option("--db", db, "Base : fichier SQLite ou URL postgresql://…");

  auto* settings_cmd = cli.add_subcommand("settings", "Réglages du réseau (règles de réservation par défaut)");
  settings_cmd->require_subcommand(1);
  auto* settings_list = settings_cmd->add_subcommand("list", "Affiche les réglages et leur valeur");
  settings_list->add_option("--db", db, "Base : fichier SQLite ou URL postgresql://…");
  std::string setting_key, setting_value;
  auto* settings_set = settings_cmd->add_subcommand("set", "Change un réglage, ex. booking.no_show_morning 10:30");
  settings_set->add_option("KEY", setting_key, "Réglage")->required();
  settings_set->add_option("VALUE", setting_value, "Valeur")->required();
  settings_set->add_option("--db", db, "Base : fichier SQLite ou URL postgresql://…");

  std::string grant_ruleset, grant_from, grant_to, grant_format = "text", grant_output;
  auto* grant_cmd = cli.add_subcommand(
      "grant", "État de la subvention FNADT pour un barème et une période (montants en euros, plafond compris)");
  grant_cmd->add_option("--ruleset", grant_ruleset, "Barème (défaut : celui du réseau, DIACT-2006)");
  grant_cmd->add_option("--from", grant_from, "Premier jour de la période, AAAA-MM-JJ")->required();
  grant_cmd->add_option("--to", grant_to, "Dernier jour de la période (inclus), AAAA-MM-JJ")->required();
  grant_cmd->add_option("--format", grant_format, "text, json, csv ou xlsx")
      ->check(CLI::IsMember({"text", "json", "csv", "xlsx"}))
      ->capture_default_str();
  grant_cmd->add_option("--output", grant_output,
                        "Fichier de sortie (obligatoire pour xlsx ; défaut : la sortie standard)");
  grant_cmd->add_option("--db", db, "Base : fichier SQLite ou URL postgresql://…");

  app::SitingOptions siting_options;
  siting_options.db = db;
  auto* siting_cmd =
      cli.add_subcommand("siting", "Étude d'implantation : où ouvrir des télécentres (modèles lscp, mclp, p-médiane)");
  app::add_siting_options(*siting_cmd, siting_options);

  auto* token_cmd = cli.add_subcommand("token", "Jetons d'API personnels");
  token_cmd->require_subcommand(1);
  std::string token_email, token_label = "ligne de commande";
  auto* token_create = token_cmd->add_subcommand("create", "Crée un jeton d'API pour un compte et l'affiche");
  token_create->add_option("--email", token_email, "Adresse e-mail du compte")->required();
  token_create->add_option("--label", token_label, "Nom du jeton");
  token_create->add_option("--db", db, "Base : fichier SQLite ou URL postgresql://…");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  try {
    if (*serve_cmd) return serve(so);
    if (*routes_cmd) {
      // The route table is built as `serve` builds it, over a throw-away in-memory store.
      auto s = store::open_store(":memory:");
      Wiring w(*s, false);
      const web::Router router = web::make_router(w.app);
      for (const auto& r : router.routes())
        std::cout << web::method_name(r.method) << ' ' << r.pattern << '\t' << r.summary << '\n';
      return 0;
    }
    if (*user_add) {
      const std::string password = read_password();
      auto s = store::open_store(db);
      Wiring w(*s, false);
      std::cout << w.accounts.add_user(user_email, password, *domain::parse_role(user_role), user_centre) << "\n";
      return 0;
    }
    if (*settings_list || *settings_set) {
      auto s = store::open_store(db);
      Wiring w(*s, false);
      if (*settings_set && setting_key == "conformity.ruleset")
        w.admin.set_conformity_ruleset(service::system_admin(), setting_value);
      else if (*settings_set)
        w.bookings.set_network_setting(setting_key, setting_value);
      for (const auto& [key, value] : w.bookings.network_settings()) std::cout << key << "\t" << value << "\n";
      std::cout << "conformity.ruleset\t" << w.admin.conformity_ruleset() << "\n";
      return 0;
    }
    if (*siting_cmd) return app::run_siting(siting_options);
    if (*grant_cmd) return grant_statement(db, grant_ruleset, grant_from, grant_to, grant_format, grant_output);
    if (*purge_cmd) {
      auto s = store::open_store(db);
      Wiring w(*s, false);
      std::cout << w.applications.purge_older_than(purge_months) << " candidatures supprimées\n";
      return 0;
    }
    if (*token_create) {
      auto s = store::open_store(db);
      Wiring w(*s, false);
      std::cout << w.accounts.create_api_token_for(token_email, token_label) << "\n";
      return 0;
    }
    if (*copy_cmd) return app::run_copy(copy_from, copy_to);
    if (*backup_cmd) return app::run_backup(db, backup_file);
    if (*migrate_cmd) {
      auto s = store::open_store(db);
      std::cout << "schéma à jour : version " << s->schema_version() << "\n";
      return 0;
    }
    if (*demo_cmd && app::national_demo_asked(demo_options)) return app::run_national_demo(db, demo_options);
    if (*demo_cmd) {
      auto s = store::open_store(db);
      const std::size_t n = service::load_demo(*s);
      if (n == 0) {
        std::cout << "la base contient déjà des télécentres : rien n'est ajouté\n";
      } else {
        std::cout << n << " télécentres de démonstration chargés\n";
        print_demo_accounts();
      }
      return 0;
    }
    if (*import_cmd) {
      std::ifstream in(communes_file, std::ios::binary);
      if (!in) return fail("impossible de lire « " + communes_file + " »");
      std::ostringstream text;
      text << in.rdbuf();
      auto communes = geo::read_communes_csv(text.str());
      auto s = store::open_store(db);
      std::cout << service::import_communes(*s, communes) << " communes importées\n";
      return 0;
    }
  } catch (const store::StoreError& e) {
    return fail(e.what());
  } catch (const service::ServiceError& e) {
    return fail(e.message_fr);
  } catch (const geo::CsvError& e) {
    return fail(e.what());
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  return 0;
}
