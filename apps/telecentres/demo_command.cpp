#include "demo_command.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "calendar/time_zone.h"
#include "data_commands.h"
#include "domain/date.h"
#include "service/clock.h"
#include "service/demo_national.h"
#include "service/errors.h"
#include "siting/errors.h"
#include "store/copy.h"
#include "store/store.h"

namespace tc::app {

namespace {

constexpr std::string_view kStages[] = {service::kStageCommunes, service::kStageCentres, service::kStagePeople,
                                        service::kStageBookings};

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// One line per stage on stderr, "[2/4] télécentres      ##########.......... 50 %", redrawn when the percentage
// moves, ended with the stage's time.
service::DemoProgress stage_bars() {
  struct State {
    std::string_view stage;
    int percent = -1;
    std::chrono::steady_clock::time_point started;
  };
  auto state = std::make_shared<State>();
  return [state](std::string_view stage, double fraction) {
    if (stage != state->stage) {
      state->stage = stage;
      state->percent = -1;
      state->started = std::chrono::steady_clock::now();
    }
    const int percent = static_cast<int>(std::floor(std::clamp(fraction, 0.0, 1.0) * 100));
    if (percent == state->percent) return;
    state->percent = percent;
    const auto at = std::find(std::begin(kStages), std::end(kStages), stage);
    const int filled = percent / 5;
    std::cerr << "\r[" << (at - std::begin(kStages)) + 1 << "/" << std::size(kStages) << "] " << stage
              << std::string(18 - std::min<std::size_t>(17, code_points(stage)), ' ')
              << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(20 - filled), '.') << ' '
              << (percent < 10    ? "  "
                  : percent < 100 ? " "
                                  : "")
              << percent << " %";
    if (percent == 100) {
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "%.1f",
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - state->started).count());
      std::replace(std::begin(seconds), std::end(seconds), '.', ',');  // French decimal comma
      std::cerr << "  (" << seconds << " s)\n";
    }
    std::cerr << std::flush;
  };
}

std::string thousands(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202f";  // narrow no-break space, as French writes it
    out += digits[i];
  }
  return out;
}

int refuse(const std::string& message) {
  std::cerr << "telecentres: " << message << "\n";
  return 2;
}

}  // namespace

void add_demo_options(CLI::App& command, DemoOptions& o) {
  command
      .add_option("--scale", o.scale, "cantal : les 8 télécentres du Cantal ; national : 3 500 télécentres en France")
      ->check(CLI::IsMember({"cantal", "national"}))
      ->capture_default_str();
  o.national_only = {
      command
          .add_option("--communes", o.communes,
                      "Avec --scale national : fichier des communes (insee,lat,lon,population,nom)")
          ->capture_default_str(),
      command.add_option("--seed", o.seed, "Avec --scale national : graine du tirage (même graine, même base)")
          ->capture_default_str(),
      command.add_option("--centres", o.centres, "Avec --scale national : nombre de télécentres")
          ->check(CLI::Range(1, 20000))
          ->capture_default_str(),
      command.add_option("--teleworkers", o.teleworkers, "Avec --scale national : nombre de télétravailleurs")
          ->check(CLI::Range(0, 1000000))
          ->capture_default_str(),
      command.add_option("--days", o.days, "Avec --scale national : jours de réservations passées (jusqu'à hier)")
          ->check(CLI::Range(1, 3660))
          ->capture_default_str(),
      command.add_option("--today", o.today, "Avec --scale national : date du jour, AAAA-MM-JJ (défaut : aujourd'hui)"),
  };
}

bool national_demo_asked(const DemoOptions& o) {
  return o.scale == "national" || std::any_of(o.national_only.begin(), o.national_only.end(),
                                              [](const CLI::Option* opt) { return opt->count() > 0; });
}

int run_national_demo(const std::string& db, const DemoOptions& o) {
  if (o.scale != "national") return refuse("ces options ne valent qu'avec --scale national");
  service::NationalDemoOptions options;
  if (o.today.empty()) {
    const auto now = service::system_clock()();
    const auto zone = calendar::find_zone("Europe/Paris");
    options.today = zone ? zone->local_date(now) : now.utc_date();
    const auto midnight =
        zone ? zone->instant(options.today, 0) : domain::Timestamp{options.today.days_since_epoch() * 86400};
    options.now_minute =
        static_cast<int>(std::clamp<std::int64_t>((now.unix_seconds - midnight.unix_seconds) / 60, 0, 24 * 60 - 1));
  } else if (auto d = domain::parse_date(o.today)) {
    options.today = *d;
  } else {
    return refuse("--today : date invalide « " + o.today + " » (AAAA-MM-JJ attendu)");
  }
  std::ifstream in(o.communes, std::ios::binary);
  if (!in)
    return refuse("impossible de lire le fichier des communes « " + o.communes +
                  " » : lancez la commande depuis le dossier du projet ou indiquez-le avec --communes");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    options.communes = service::read_national_communes(text.str());
  } catch (const siting::SitingError& e) {
    return refuse(e.what());
  } catch (const service::ServiceError& e) {
    return refuse(e.message_fr);
  }
  options.seed = o.seed;
  options.centres = o.centres;
  options.teleworkers = o.teleworkers;
  options.days_back = o.days;

  // PostgreSQL takes millions of single-row inserts one round trip each: the network is generated into an SQLite
  // file beside, then copied over in batches (telecentres copy), which is several times faster.
  const bool pg = db.starts_with("postgresql://") || db.starts_with("postgres://");
  std::string target = db;
  if (pg) {
    {
      auto dest = store::open_store(db);
      if (dest->begin(store::Access::Read)->centres().count() > 0)
        return refuse("la base contient déjà des télécentres : la démonstration nationale demande une base vide");
    }
    target = (std::filesystem::temp_directory_path() / ("telecentres-national-" + std::to_string(::getpid()) + ".db"))
                 .string();
  }
  struct Staging {
    std::string path;
    ~Staging() {
      if (path.empty()) return;
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
    }
  } staging{pg ? target : std::string()};
  service::NationalDemoStats s;
  try {
    auto store = store::open_store(target);
    s = service::load_national_demo(*store, options, stage_bars());
  } catch (const service::ServiceError& e) {
    if (e.kind == service::ServiceError::Kind::Conflict || e.kind == service::ServiceError::Kind::Invalid)
      return refuse(e.message_fr);
    throw;
  }
  if (pg) {
    std::cerr << "telecentres: copie vers PostgreSQL\n";
    const store::CopyReport r = store::copy_database(target, db, copy_progress_bar());
    if (!r.identical()) return refuse("la copie vers PostgreSQL diffère de la base générée");
  }
  std::cout << "démonstration nationale chargée (graine " << o.seed << ", jusqu'au " << options.today.iso() << ") :\n"
            << "  communes ajoutées     " << thousands(s.communes_added) << "\n"
            << "  télécentres           " << thousands(s.centres) << " (dont " << thousands(s.centres_in_service)
            << " en service), " << thousands(s.posts) << " postes\n"
            << "  télétravailleurs      " << thousands(s.teleworkers) << " (une candidature chacun)\n"
            << "  réservations          " << thousands(s.bookings) << " : " << thousands(s.checked_in) << " présences, "
            << thousands(s.no_show) << " absences, " << thousands(s.cancelled) << " annulations, "
            << thousands(s.booked) << " à venir\n"
            << "  demandes sans poste   " << thousands(s.turned_away) << " (complet)\n";
  std::cerr << "telecentres: comptes de démonstration (démo uniquement, jamais en production) :\n";
  for (const auto& a : s.accounts) std::cerr << "  " << a.role << "\t" << a.email << "\t" << a.password << "\n";
  return 0;
}

}  // namespace tc::app
