// The national demo (`telecentres demo --scale national`): a network of thousands of invented telecentres on real
// communes across France, tens of thousands of invented teleworkers and a year of their bookings, for trying the
// platform and measuring it at the scale of a country. Everything is drawn from a seed with a pseudo-random
// generator of our own, so the same seed and the same "today" give the same database on every machine. Everything
// goes through the store's repositories, in large write transactions.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/commune.h"
#include "domain/date.h"
#include "store/store.h"

namespace tc::service {

// The reference file data/communes-france-2025.csv ("insee,lat,lon,population,nom", see data/SOURCE.md) as
// communes: no postcodes, not classified ZRR. Throws siting::SitingError naming the first unreadable line, and
// ServiceError{Invalid} for a line that is not a commune (code, name, coordinates, population).
std::vector<domain::Commune> read_national_communes(std::string_view csv);

struct NationalDemoOptions {
  std::vector<domain::Commune> communes;  // the national reference (read_national_communes); required
  int centres = 3500;                     // one per commune at most
  int min_posts = 4;                      // posts per centre, drawn between these (about 10 on average)
  int max_posts = 16;
  int teleworkers = 40000;
  domain::Date today;   // bookings before it are in the past (checked in, no-show, cancelled), from it booked…
  int now_minute = 0;   // … but today's half-days whose no-show deadline is before this local time of day
  int days_back = 365;  // bookings from today - days_back …
  int days_ahead = 21;  // … to today + days_ahead (exclusive)
  std::uint64_t seed = 2026;
  int centres_per_transaction = 40;  // bookings are written one transaction per that many centres
};

// A sign-in account of the demo (the only ones with a password): for trying the platform, never for production.
struct NationalDemoAccount {
  std::string role;
  std::string email;
  std::string password;
};

struct NationalDemoStats {
  std::int64_t communes_added = 0;  // communes of the file that were not in the database
  std::int64_t centres = 0;         // of which in service:
  std::int64_t centres_in_service = 0;
  std::int64_t posts = 0;
  std::int64_t teleworkers = 0;
  std::int64_t applications = 0;
  std::int64_t bookings = 0;  // rows written, by status:
  std::int64_t checked_in = 0;
  std::int64_t booked = 0;
  std::int64_t cancelled = 0;
  std::int64_t no_show = 0;
  std::int64_t turned_away = 0;  // half-days a teleworker wanted when every post was taken (not written)
  double seconds_communes = 0, seconds_centres = 0, seconds_people = 0, seconds_bookings = 0;
  std::vector<NationalDemoAccount> accounts;
};

// The stages, in order, as the progress callback names them.
inline constexpr std::string_view kStageCommunes = "communes";
inline constexpr std::string_view kStageCentres = "télécentres";
inline constexpr std::string_view kStagePeople = "télétravailleurs";
inline constexpr std::string_view kStageBookings = "réservations";

// Called from the calling thread with the stage and the fraction of it done (0 to 1, 1 once at its end).
using DemoProgress = std::function<void(std::string_view stage, double fraction)>;

// Adds the communes of the file missing from the database (those already there, such as the bundled Cantal's, keep
// their postcodes and ZRR flag), then the centres, the teleworkers with their application at their usual centre
// (active, or ended for those who stopped coming), and their bookings: every live booking on its own post, only on
// half-days the centre opens. Throws ServiceError{Conflict} when the database already has centres (a demo never mixes
// with real data), and ServiceError{Invalid} for options out of range. Not atomic as a whole: an interrupted run leaves
// part of the demo, and a new run is then refused; start again from a new file.
NationalDemoStats load_national_demo(store::Store& store, const NationalDemoOptions& options,
                                     const DemoProgress& progress = {});

}  // namespace tc::service
