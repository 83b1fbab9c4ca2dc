// How the national demo is drawn. Four stages, each in its own write transactions through the repositories:
//
//  1. communes: the national file's communes missing from the database (the bundled Cantal keeps its postcodes and
//     ZRR flags);
//  2. centres: communes drawn by population without replacement (Efraimidis–Spirakis keys), a few kilometres apart
//     so that the suburbs of one city do not take them all, each a valid domain::Centre of 4 to 16 posts;
//  3. teleworkers: invented names and e-mails, a home commune near their usual centre, a category, an application
//     there (active, or ended for one in eight), and a weekly pattern of 1 to 4 half-days among its hours;
//  4. bookings: every open half-day of every centre in service, for every teleworker whose pattern names it and
//     who comes that week; a live booking takes the person's usual post, else the first free one, else the person
//     is turned away, so that no post ever has two live holders (the database's unique index would refuse it).
//
// Randomness: SplitMix64, one stream per centre, person and stage derived from the seed, and only our own
// arithmetic on top (std:: distributions differ between standard libraries), so the output does not depend on the
// platform nor on how the work is cut into transactions.
#include "service/demo_national.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "calendar/time_zone.h"
#include "domain/booking.h"
#include "domain/booking_rules.h"
#include "domain/centre.h"
#include "domain/timestamp.h"
#include "geo/distance.h"
#include "service/errors.h"
#include "service/reference_data.h"
#include "service/secrets.h"
#include "siting/large.h"

namespace tc::service {

namespace {

using domain::Date;
using domain::Slot;

// ---- randomness ----

std::uint64_t splitmix(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  // An independent stream for (seed, what, index): the centre 12's attributes, the person 7's life…
  Rng(std::uint64_t seed, std::uint64_t what, std::uint64_t index) : state_(seed) {
    state_ ^= splitmix(what) + 0x632BE59BD9B4E019ULL * (index + 1);
    splitmix(state_);
  }
  std::uint64_t next() { return splitmix(state_); }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  int below(int n) {                                                          // [0, n), n < 2^31
    return static_cast<int>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
  }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }  // [lo, hi]
  bool chance(double p) { return uniform() < p; }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& a) {
    return a[static_cast<std::size_t>(below(static_cast<int>(N)))];
  }

 private:
  std::uint64_t state_;
};

enum Stream : std::uint64_t { kSelect = 1, kCentre, kPerson, kBookings };

// Index of `cumulative` (increasing, last = total) where a uniform draw of [0, total) falls.
std::size_t weighted(const std::vector<double>& cumulative, Rng& rng) {
  const double x = rng.uniform() * cumulative.back();
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
  return std::min(static_cast<std::size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

// ---- words ----

// Invented people: common French first and last names, combined at random.
struct FirstName {
  const char* name;
  const char* ascii;  // for the e-mail address
};
constexpr std::array<FirstName, 60> kFirstNames{{
    {"Camille", "camille"},
    {"Léa", "lea"},
    {"Manon", "manon"},
    {"Chloé", "chloe"},
    {"Emma", "emma"},
    {"Inès", "ines"},
    {"Sarah", "sarah"},
    {"Julie", "julie"},
    {"Laura", "laura"},
    {"Marie", "marie"},
    {"Pauline", "pauline"},
    {"Anaïs", "anais"},
    {"Mathilde", "mathilde"},
    {"Céline", "celine"},
    {"Élodie", "elodie"},
    {"Sophie", "sophie"},
    {"Nathalie", "nathalie"},
    {"Isabelle", "isabelle"},
    {"Sandrine", "sandrine"},
    {"Valérie", "valerie"},
    {"Aurélie", "aurelie"},
    {"Claire", "claire"},
    {"Lucie", "lucie"},
    {"Margaux", "margaux"},
    {"Zoé", "zoe"},
    {"Jeanne", "jeanne"},
    {"Agathe", "agathe"},
    {"Hélène", "helene"},
    {"Nadia", "nadia"},
    {"Yasmine", "yasmine"},
    {"Lucas", "lucas"},
    {"Hugo", "hugo"},
    {"Thomas", "thomas"},
    {"Nicolas", "nicolas"},
    {"Julien", "julien"},
    {"Maxime", "maxime"},
    {"Antoine", "antoine"},
    {"Alexandre", "alexandre"},
    {"Romain", "romain"},
    {"Guillaume", "guillaume"},
    {"Pierre", "pierre"},
    {"Louis", "louis"},
    {"Théo", "theo"},
    {"Mathieu", "mathieu"},
    {"Sébastien", "sebastien"},
    {"Christophe", "christophe"},
    {"Stéphane", "stephane"},
    {"Laurent", "laurent"},
    {"Olivier", "olivier"},
    {"Frédéric", "frederic"},
    {"Jérôme", "jerome"},
    {"Damien", "damien"},
    {"Benoît", "benoit"},
    {"François", "francois"},
    {"Karim", "karim"},
    {"Mehdi", "mehdi"},
    {"Yannick", "yannick"},
    {"Gaël", "gael"},
    {"Noé", "noe"},
    {"Arthur", "arthur"},
}};
struct LastName {
  const char* name;
  const char* ascii;
};
constexpr std::array<LastName, 60> kLastNames{{
    {"Martin", "martin"},       {"Bernard", "bernard"}, {"Thomas", "thomas"},       {"Petit", "petit"},
    {"Robert", "robert"},       {"Richard", "richard"}, {"Durand", "durand"},       {"Dubois", "dubois"},
    {"Moreau", "moreau"},       {"Laurent", "laurent"}, {"Simon", "simon"},         {"Michel", "michel"},
    {"Lefèvre", "lefevre"},     {"Leroy", "leroy"},     {"Roux", "roux"},           {"David", "david"},
    {"Bertrand", "bertrand"},   {"Morel", "morel"},     {"Fournier", "fournier"},   {"Girard", "girard"},
    {"Bonnet", "bonnet"},       {"Dupont", "dupont"},   {"Lambert", "lambert"},     {"Fontaine", "fontaine"},
    {"Rousseau", "rousseau"},   {"Vincent", "vincent"}, {"Muller", "muller"},       {"Faure", "faure"},
    {"André", "andre"},         {"Mercier", "mercier"}, {"Blanc", "blanc"},         {"Guérin", "guerin"},
    {"Boyer", "boyer"},         {"Garnier", "garnier"}, {"Chevalier", "chevalier"}, {"Legrand", "legrand"},
    {"Gauthier", "gauthier"},   {"Garcia", "garcia"},   {"Perrin", "perrin"},       {"Robin", "robin"},
    {"Clément", "clement"},     {"Morin", "morin"},     {"Henry", "henry"},         {"Roussel", "roussel"},
    {"Mathieu", "mathieu"},     {"Masson", "masson"},   {"Marchand", "marchand"},   {"Duval", "duval"},
    {"Denis", "denis"},         {"Dumont", "dumont"},   {"Lemaire", "lemaire"},     {"Noël", "noel"},
    {"Meyer", "meyer"},         {"Dufour", "dufour"},   {"Meunier", "meunier"},     {"Brun", "brun"},
    {"Blanchard", "blanchard"}, {"Giraud", "giraud"},   {"Joly", "joly"},           {"Rivière", "riviere"},
}};
constexpr std::array kStreets{"place de la Mairie", "rue de la République", "avenue de la Gare", "rue des Écoles",
                              "Grande Rue",         "place de l'Église",    "rue du Commerce",   "place du Marché",
                              "rue Victor-Hugo",    "avenue Jean-Jaurès",   "rue de la Poste",   "allée des Tilleuls"};
constexpr std::array kSpecialities{"Numérique",
                                   "Tourisme",
                                   "Agriculture & agroalimentaire",
                                   "Services aux entreprises",
                                   "Industrie & logistique",
                                   "Santé & travail",
                                   "Artisanat d'art",
                                   "Économie sociale et solidaire"};
constexpr std::array kMotivations{
    "Je voudrais éviter deux heures de route par jour pour aller au bureau.",
    "Indépendant, j'ai besoin d'un lieu pour travailler au calme et recevoir mes clients.",
    "Mon employeur accepte le télétravail mais la connexion est trop lente chez moi.",
    "Je crée mon activité et cherche un cadre de travail avec d'autres personnes.",
    "Je télétravaille plusieurs jours par semaine et ne veux plus rester seul à la maison.",
    "Je dois rester joignable par visioconférence pendant mon séjour dans la région."};
constexpr std::array kCancelReasons{
    "", "", "Empêchement", "Réunion chez l'employeur", "Enfant malade", "Déplacement professionnel"};

bool starts_with_vowel(std::string_view s) {
  static constexpr std::array<std::string_view, 16> kVowels{"A", "E", "I", "O", "U", "Y", "É", "È",
                                                            "Ê", "Â", "Î", "Ô", "Œ", "Æ", "Ü", "Ï"};
  return std::any_of(kVowels.begin(), kVowels.end(), [&](std::string_view v) { return s.starts_with(v); });
}

// "de Murat", "d'Allanche", "du Puy-en-Velay", "des Sables-d'Olonne", "de La Rochelle".
std::string of_place(std::string_view name) {
  if (name.starts_with("Le ")) return "du " + std::string(name.substr(3));
  if (name.starts_with("Les ")) return "des " + std::string(name.substr(4));
  if (starts_with_vowel(name)) return "d'" + std::string(name);
  return "de " + std::string(name);
}

// "à Murat", "au Puy-en-Velay", "aux Sables-d'Olonne".
std::string at_place(std::string_view name) {
  if (name.starts_with("Le ")) return "au " + std::string(name.substr(3));
  if (name.starts_with("Les ")) return "aux " + std::string(name.substr(4));
  return "à " + std::string(name);
}

std::string plural(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n > 1 ? many : one); }

// ---- geometry: communes on a grid of 0.1° cells ----

class Grid {
 public:
  explicit Grid(double cell) : cell_(cell) {}
  void add(domain::LatLon at, std::size_t index) { cells_[key(cell_of(at.lat), cell_of(at.lon))].push_back(index); }
  // Calls f(index) for everything within `reach` cells of `at` in both directions.
  template <typename F>
  void around(domain::LatLon at, int reach_lat, int reach_lon, F&& f) const {
    const long la = cell_of(at.lat), lo = cell_of(at.lon);
    for (long i = la - reach_lat; i <= la + reach_lat; ++i)
      for (long j = lo - reach_lon; j <= lo + reach_lon; ++j)
        if (auto it = cells_.find(key(i, j)); it != cells_.end())
          for (std::size_t index : it->second) f(index);
  }

 private:
  long cell_of(double degrees) const { return static_cast<long>(std::floor(degrees / cell_)); }
  static long key(long lat_cell, long lon_cell) { return (lat_cell + 100000) * 1000000 + (lon_cell + 100000); }
  double cell_;
  std::unordered_map<long, std::vector<std::size_t>> cells_;
};

constexpr double kCellDegrees = 0.1;
constexpr double kMinSpacingKm = 5;        // between two centres, while the communes allow it
constexpr double kPopulationPower = 0.75;  // < 1: big cities weigh less than their population, villages more
constexpr double kHomeRadiusKm = 20;       // teleworkers live within this of their usual centre

// ---- what the stages hand each other ----

constexpr int kWeekSlots = 14;  // (ISO weekday - 1) * 2 + slot
int week_slot(int weekday, Slot slot) { return (weekday - 1) * 2 + (slot == Slot::Morning ? 0 : 1); }

struct DemoCentre {
  domain::CentreId id = 0;
  std::size_t commune = 0;  // index in the options' communes
  bool in_service = false;
  std::vector<domain::PostId> posts;
  std::vector<int> open_week_slots;  // week slots with hours
  double appeal = 1;                 // how many teleworkers it draws, relative to its size and hours
  domain::Centre centre;             // as stored, for slot_opening (hours, closures)
};

struct Member {
  domain::PersonId person = 0;
  std::uint16_t pattern = 0;  // bit per week slot
  long from = 0;              // active days, [from, to), as days since the epoch
  long to = 0;
  int usual_post = 0;  // index in the centre's posts
};

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Reports a stage's progress when it moved by at least a thousandth, and always at the end.
class StageProgress {
 public:
  StageProgress(const DemoProgress& progress, std::string_view stage) : progress_(progress), stage_(stage) {
    report(0);
  }
  void report(double fraction) {
    if (!progress_) return;
    if (fraction < 1 && fraction - last_ < 0.001 && last_ >= 0) return;
    last_ = fraction;
    progress_(stage_, fraction);
  }

 private:
  const DemoProgress& progress_;
  std::string_view stage_;
  double last_ = -1;
};

constexpr long kHour = 3600;

std::string utc_stamp(long day, long seconds_of_day) {
  return domain::Timestamp{static_cast<std::int64_t>(day) * 86400 + seconds_of_day}.iso();
}

void check_options(const NationalDemoOptions& o) {
  auto invalid = [](const std::string& fr, const std::string& en, const char* field) {
    return ServiceError(ServiceError::Kind::Invalid, fr, en, field);
  };
  if (o.communes.empty())
    throw invalid("aucune commune : le fichier des communes est vide", "no communes: the communes file is empty",
                  "communes");
  if (o.centres < 1 || o.centres > 20000)
    throw invalid("le nombre de télécentres va de 1 à 20 000", "the number of centres ranges from 1 to 20,000",
                  "centres");
  if (o.min_posts < 1 || o.max_posts > 16 || o.min_posts > o.max_posts)
    throw invalid("les postes par télécentre vont de 1 à 16", "posts per centre range from 1 to 16", "posts");
  if (o.teleworkers < 0 || o.teleworkers > 1000000)
    throw invalid("le nombre de télétravailleurs va de 0 à 1 000 000",
                  "the number of teleworkers ranges from 0 to 1,000,000", "teleworkers");
  if (o.days_back < 1 || o.days_back > 3660 || o.days_ahead < 0 || o.days_ahead > 366)
    throw invalid("la période de réservations va de 1 à 3 660 jours passés et de 0 à 366 jours à venir",
                  "the booking period ranges from 1 to 3,660 past days and 0 to 366 days ahead", "days");
  if (o.now_minute < 0 || o.now_minute >= 24 * 60)
    throw invalid("l'heure du jour va de 0 à 1 439 minutes", "the time of day ranges from 0 to 1,439 minutes",
                  "now_minute");
  if (o.centres_per_transaction < 1)
    throw invalid("au moins un télécentre par transaction", "at least one centre per transaction",
                  "centres_per_transaction");
}

// ---- stage 1: communes ----

ServiceError already_has_centres() {
  return {ServiceError::Kind::Conflict,
          "la base contient déjà des télécentres : la démonstration nationale demande une base neuve",
          "the database already has centres: the national demo needs a new database"};
}

std::int64_t add_communes(store::Store& store, const NationalDemoOptions& o, const DemoProgress& progress) {
  auto tx = store.begin(store::Access::Write);
  if (tx->centres().count() > 0) throw already_has_centres();
  StageProgress p(progress, kStageCommunes);
  std::unordered_set<std::string> known;
  for (const auto& c : tx->communes().all()) known.insert(c.insee);
  std::int64_t added = 0;
  for (std::size_t i = 0; i < o.communes.size(); ++i) {
    if (!known.contains(o.communes[i].insee)) {
      tx->communes().upsert(o.communes[i]);
      ++added;
    }
    if (i % 512 == 0) p.report(static_cast<double>(i) / static_cast<double>(o.communes.size()));
  }
  tx->commit();
  p.report(1);
  return added;
}

// ---- stage 2: centres ----

// Communes for `count` centres: population-weighted draws without replacement, at least kMinSpacingKm apart while
// possible, then the closest draws too when the spacing leaves too few. Returned by INSEE code.
std::vector<std::size_t> pick_communes(const std::vector<domain::Commune>& communes, int count, std::uint64_t seed) {
  Rng rng(seed, kSelect, 0);
  std::vector<std::pair<double, std::size_t>> keyed;  // Efraimidis–Spirakis key log(u) / w, larger first
  keyed.reserve(communes.size());
  for (std::size_t i = 0; i < communes.size(); ++i) {
    const double u = (static_cast<double>(rng.next() >> 11) + 1) * 0x1.0p-53;  // (0, 1]
    if (communes[i].population <= 0) continue;
    keyed.emplace_back(std::log(u) / std::pow(communes[i].population, kPopulationPower), i);
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<std::size_t> chosen;
  std::vector<bool> taken(communes.size(), false);
  Grid grid(kCellDegrees);
  for (const auto& entry : keyed) {
    if (std::cmp_greater_equal(chosen.size(), count)) break;
    const std::size_t i = entry.second;
    bool near = false;
    grid.around(communes[i].centre, 1, 1, [&](std::size_t j) {
      near = near || geo::haversine_km(communes[i].centre, communes[j].centre) < kMinSpacingKm;
    });
    if (near) continue;
    grid.add(communes[i].centre, i);
    chosen.push_back(i);
    taken[i] = true;
  }
  for (const auto& [key, i] : keyed) {
    if (std::cmp_greater_equal(chosen.size(), count)) break;
    if (!taken[i]) chosen.push_back(i);
  }
  std::sort(chosen.begin(), chosen.end(),
            [&](std::size_t a, std::size_t b) { return communes[a].insee < communes[b].insee; });
  return chosen;
}

std::vector<domain::OpeningSlot> hours_of(Rng& rng) {
  static constexpr std::array<std::array<bool, 7>, 5> kWeeks{{
      {true, true, true, true, true, false, false},    // Monday to Friday
      {true, true, false, true, true, false, false},   // not Wednesday
      {false, true, true, true, false, false, false},  // Tuesday to Thursday
      {false, true, true, true, true, true, false},    // Tuesday to Saturday (morning)
      {true, true, true, true, true, false, false},
  }};
  const double draw = rng.uniform();
  const std::size_t week = draw < 0.55 ? 0 : draw < 0.70 ? 4 : draw < 0.82 ? 1 : draw < 0.92 ? 2 : 3;
  const int open = rng.chance(0.6) ? 8 * 60 + 30 : rng.chance(0.5) ? 8 * 60 : 9 * 60;
  const int close = week == 4 ? (rng.chance(0.5) ? 19 * 60 : 18 * 60 + 30) : (rng.chance(0.7) ? 18 * 60 : 17 * 60 + 30);
  std::vector<domain::OpeningSlot> hours;
  for (int day = 1; day <= 7; ++day) {
    if (!kWeeks[week][static_cast<std::size_t>(day - 1)]) continue;
    hours.push_back({day, Slot::Morning, open, 12 * 60});
    if (day != 6) hours.push_back({day, Slot::Afternoon, 13 * 60 + 30, close});
  }
  return hours;
}

std::vector<domain::StatusChange> history_of(Rng& rng, domain::CentreStatus status, Date period_start) {
  using S = domain::CentreStatus;
  std::vector<domain::StatusChange> h;
  const long start = period_start.days_since_epoch();
  if (status == S::Planned) {
    h.push_back({S::Planned, Date::from_days(start + rng.between(0, 300)), {}});
    return h;
  }
  if (status == S::Opening) {
    const long opening = start + rng.between(60, 330);
    h.push_back({S::Planned, Date::from_days(opening - rng.between(120, 500)), {}});
    h.push_back({S::Opening, Date::from_days(opening), {}});
    return h;
  }
  // In service (or closed) well before the bookings begin: 2006 to two months before.
  const long service = Date{2006, 6, 1}.days_since_epoch() +
                       rng.below(static_cast<int>(start - 60 - Date{2006, 6, 1}.days_since_epoch()));
  const long opening = service - rng.between(60, 200);
  h.push_back({S::Planned, Date::from_days(opening - rng.between(120, 500)), {}});
  h.push_back({S::Opening, Date::from_days(opening), {}});
  h.push_back({S::InService, Date::from_days(service), {}});
  if (status == S::Closed)
    h.push_back({S::Closed, Date::from_days(service + rng.between(30, static_cast<int>(start - service - 1))), {}});
  return h;
}

domain::Centre make_centre(const domain::Commune& commune, int posts, const NationalDemoOptions& o, Rng& rng,
                           bool name_taken) {
  using domain::CentreStatus;
  domain::Centre c;
  c.name = "Télécentre " + of_place(commune.name);
  if (name_taken) c.name += " (" + commune.insee.substr(0, 2) + ")";
  c.commune_insee = commune.insee;
  c.location = commune.centre;
  c.address = std::to_string(rng.between(1, 40)) + " " + rng.pick(kStreets) + ", " + commune.name;
  const double s = rng.uniform();
  c.status = s < 0.90   ? CentreStatus::InService
             : s < 0.94 ? CentreStatus::Opening
             : s < 0.98 ? CentreStatus::Planned
                        : CentreStatus::Closed;
  const Date period_start = o.today.plus_days(-o.days_back);
  c.history = history_of(rng, c.status, period_start);
  if (commune.population >= 20000)
    c.host_authority = "Ville " + of_place(commune.name);
  else if (rng.chance(0.6))
    c.host_authority = "Commune " + of_place(commune.name);
  else
    c.host_authority = "Communauté de communes " + of_place(commune.name);

  // Offices of 1 to 4 posts, as few as the posts allow.
  const int office_count = (posts + 3) / 4;
  int post_no = 1;
  for (int k = 0; k < office_count; ++k) {
    domain::Office office{0, "Bureau " + std::to_string(k + 1), {}};
    const int here = posts / office_count + (k < posts % office_count ? 1 : 0);
    for (int i = 0; i < here; ++i) office.posts.push_back({0, "Poste " + std::to_string(post_no++)});
    c.offices.push_back(std::move(office));
  }

  const double r = rng.uniform();
  c.services.reception = r < 0.55   ? domain::Reception::Secretariat
                         : r < 0.85 ? domain::Reception::Animator
                                    : domain::Reception::None;
  c.services.copier = rng.chance(0.9);
  c.services.fax = rng.chance(0.15);
  c.services.printer = rng.chance(0.95);
  static constexpr std::array<double, 6> kDown{30, 50, 100, 300, 500, 1000};
  c.services.broadband_down_mbps = rng.pick(kDown);
  c.services.broadband_up_mbps =
      c.services.broadband_down_mbps >= 300 ? c.services.broadband_down_mbps / 2 : c.services.broadband_down_mbps / 10;
  c.services.meeting_room = posts >= 8 || rng.chance(0.4);
  c.services.videoconference = rng.chance(0.55);
  c.accessibility.step_free = rng.chance(0.8);
  c.accessibility.adapted_toilets = c.accessibility.step_free && rng.chance(0.85);
  c.accessibility.reserved_parking = rng.chance(0.6);
  c.accessibility.erp_category = posts >= 12 ? 4 : 5;
  c.hours = hours_of(rng);
  // Closures in the years the bookings cover: a summer fortnight for some, the year's end for others.
  for (int year = period_start.year; year <= o.today.plus_days(o.days_ahead).year; ++year) {
    if (rng.chance(0.35)) {
      const Date from{year, 8, rng.between(1, 10)};
      c.closures.push_back({from, from.plus_days(14), "Congés d'été"});
    }
    if (rng.chance(0.3)) c.closures.push_back({{year, 12, 24}, {year + 1, 1, 2}, "Fêtes de fin d'année"});
  }
  std::sort(c.closures.begin(), c.closures.end(), [](const auto& a, const auto& b) { return a.from < b.from; });
  const int specialities = rng.below(3);
  for (int k = 0; k < specialities; ++k) {
    const std::string sp = rng.pick(kSpecialities);
    if (std::find(c.specialities.begin(), c.specialities.end(), sp) == c.specialities.end())
      c.specialities.push_back(sp);
  }
  c.description = "Espace de travail partagé de " + plural(posts, "poste", "postes") + " en " +
                  plural(office_count, "bureau", "bureaux") + " " + at_place(commune.name) +
                  (c.services.reception == domain::Reception::Secretariat ? ", accueil par le secrétariat"
                   : c.services.reception == domain::Reception::Animator  ? ", animé par l'animateur du réseau"
                                                                          : ", en accès libre") +
                  (c.services.broadband_down_mbps >= 300 ? ", fibre optique." : ".");
  return c;
}

std::vector<DemoCentre> add_centres(store::Store& store, const NationalDemoOptions& o, NationalDemoStats& stats,
                                    const DemoProgress& progress) {
  StageProgress p(progress, kStageCentres);
  const auto chosen = pick_communes(o.communes, o.centres, o.seed);
  std::unordered_map<std::string, int> name_count;
  for (std::size_t i : chosen) ++name_count[o.communes[i].name];

  std::vector<DemoCentre> out;
  out.reserve(chosen.size());
  auto tx = store.begin(store::Access::Write);
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const std::size_t i = chosen[k];
    Rng rng(o.seed, kCentre, i);
    // 4 + three draws of 0..4: 4 to 16, 10 on average, clipped to the options' range.
    int posts = o.min_posts + (rng.below(5) + rng.below(5) + rng.below(5)) * (o.max_posts - o.min_posts) / 12;
    posts = std::clamp(posts, o.min_posts, o.max_posts);
    DemoCentre d;
    d.commune = i;
    d.centre = make_centre(o.communes[i], posts, o, rng, name_count[o.communes[i].name] > 1);
    d.appeal = 0.6 + 0.8 * rng.uniform();
    if (auto problems = domain::validate(d.centre); !problems.empty())
      throw std::logic_error("télécentre de démonstration invalide « " + d.centre.name + " » : " + problems.front());
    d.id = tx->centres().insert(d.centre);
    d.in_service = d.centre.status == domain::CentreStatus::InService;
    for (const auto& office : d.centre.offices)
      for (const auto& post : office.posts) d.posts.push_back(post.id);
    for (const auto& h : d.centre.hours) d.open_week_slots.push_back(week_slot(h.weekday, h.slot));
    std::sort(d.open_week_slots.begin(), d.open_week_slots.end());
    stats.posts += static_cast<std::int64_t>(d.posts.size());
    stats.centres_in_service += d.in_service ? 1 : 0;
    out.push_back(std::move(d));
    if (k % 16 == 0) p.report(static_cast<double>(k) / static_cast<double>(chosen.size()));
  }
  tx->commit();
  stats.centres = static_cast<std::int64_t>(out.size());
  p.report(1);
  return out;
}

// ---- stage 3: teleworkers ----

const std::array<domain::Category, 7> kCategoryOrder{
    domain::Category::DistantEmployee,        domain::Category::Independent,       domain::Category::JobSeeker,
    domain::Category::SecondHomeEmployee,     domain::Category::RelocatedEmployee, domain::Category::PassingThrough,
    domain::Category::ReducedMobilityOrAtHome};
constexpr std::array<double, 7> kCategoryShare{0.30, 0.25, 0.12, 0.10, 0.10, 0.08, 0.05};

domain::Category category_of(Rng& rng) {
  double x = rng.uniform();
  for (std::size_t k = 0; k < kCategoryShare.size(); ++k) {
    if (x < kCategoryShare[k]) return kCategoryOrder[k];
    x -= kCategoryShare[k];
  }
  return kCategoryOrder.back();
}

// 1 to 4 half-days among the centre's hours: 30 %, 35 %, 25 %, 10 %.
std::uint16_t pattern_of(Rng& rng, const std::vector<int>& open) {
  const double x = rng.uniform();
  const int want = x < 0.30 ? 1 : x < 0.65 ? 2 : x < 0.90 ? 3 : 4;
  std::vector<int> pool = open;
  std::uint16_t mask = 0;
  for (int k = 0; k < want && !pool.empty(); ++k) {
    const std::size_t at = static_cast<std::size_t>(rng.below(static_cast<int>(pool.size())));
    const int ws = pool[at];
    mask = static_cast<std::uint16_t>(mask | (1U << ws));
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(at));
    // Half of those who come twice or more come for whole days when the centre opens both halves.
    const int other = ws ^ 1;
    if (k + 1 < want && rng.chance(0.5)) {
      if (auto it = std::find(pool.begin(), pool.end(), other); it != pool.end()) {
        mask = static_cast<std::uint16_t>(mask | (1U << other));
        pool.erase(it);
        ++k;
      }
    }
  }
  return mask;
}

std::vector<std::vector<Member>> add_teleworkers(store::Store& store, const NationalDemoOptions& o,
                                                 const std::vector<DemoCentre>& centres, NationalDemoStats& stats,
                                                 const DemoProgress& progress) {
  StageProgress p(progress, kStagePeople);
  std::vector<std::vector<Member>> members(centres.size());
  std::vector<std::size_t> open_centres;
  std::vector<double> cumulative;
  for (std::size_t k = 0; k < centres.size(); ++k) {
    if (!centres[k].in_service || centres[k].open_week_slots.empty()) continue;
    open_centres.push_back(k);
    const double w = static_cast<double>(centres[k].posts.size()) *
                     static_cast<double>(centres[k].open_week_slots.size()) * centres[k].appeal;
    cumulative.push_back((cumulative.empty() ? 0 : cumulative.back()) + w);
  }
  if (open_centres.empty() || o.teleworkers == 0) {
    p.report(1);
    return members;
  }

  // Where they live: communes near the centre, weighted by the square root of their population.
  Grid grid(kCellDegrees);
  for (std::size_t i = 0; i < o.communes.size(); ++i) grid.add(o.communes[i].centre, i);
  std::map<std::size_t, std::pair<std::vector<std::size_t>, std::vector<double>>> homes;  // by centre
  auto homes_of = [&](std::size_t k) -> const std::pair<std::vector<std::size_t>, std::vector<double>>& {
    auto it = homes.find(k);
    if (it != homes.end()) return it->second;
    std::pair<std::vector<std::size_t>, std::vector<double>> h;
    const auto at = o.communes[centres[k].commune].centre;
    grid.around(at, 2, 3, [&](std::size_t i) {
      if (geo::haversine_km(at, o.communes[i].centre) > kHomeRadiusKm) return;
      h.first.push_back(i);
      h.second.push_back((h.second.empty() ? 0 : h.second.back()) +
                         std::sqrt(static_cast<double>(o.communes[i].population)) + 1);
    });
    return homes.emplace(k, std::move(h)).first->second;
  };
  // Where their employers and clients are: the forty largest communes.
  std::vector<std::size_t> cities(o.communes.size());
  for (std::size_t i = 0; i < cities.size(); ++i) cities[i] = i;
  const std::size_t city_count = std::min<std::size_t>(40, cities.size());
  std::partial_sort(cities.begin(), cities.begin() + static_cast<std::ptrdiff_t>(city_count), cities.end(),
                    [&](std::size_t a, std::size_t b) { return o.communes[a].population > o.communes[b].population; });
  cities.resize(city_count);

  const long start = o.today.plus_days(-o.days_back).days_since_epoch();
  const long end = o.today.plus_days(o.days_ahead).days_since_epoch();
  const long today = o.today.days_since_epoch();

  // The accounts one may sign in with: hashing is slow on purpose, so done before the transactions.
  stats.accounts = {{"admin", "admin@demo-national.telecentres.example", "demo-national-conseil"},
                    {"host", "accueil@demo-national.telecentres.example", "demo-national-accueil"},
                    {"teleworker", "", "demo-national-teletravail"}};
  std::vector<std::string> hashes;
  for (const auto& a : stats.accounts) hashes.push_back(hash_password(a.password));

  constexpr int kPeoplePerTransaction = 5000;
  std::unique_ptr<store::Transaction> tx;
  for (int n = 0; n < o.teleworkers; ++n) {
    if (!tx) tx = store.begin(store::Access::Write);
    Rng rng(o.seed, kPerson, static_cast<std::uint64_t>(n));
    const std::size_t k = open_centres[weighted(cumulative, rng)];
    const auto& [home_list, home_weights] = homes_of(k);
    const domain::Commune& home = o.communes[home_list[weighted(home_weights, rng)]];

    Member m;
    m.pattern = pattern_of(rng, centres[k].open_week_slots);
    // Most came before the period; a quarter joined during it; one in eight stopped coming.
    m.from = rng.chance(0.75) ? start - rng.between(1, 900) : start + rng.below(static_cast<int>(today - 7 - start));
    m.to = end;
    if (rng.chance(0.12)) m.to = std::min(end, std::max(m.from, start) + rng.between(30, 300));
    if (m.to > today) m.to = end;
    m.usual_post = static_cast<int>(members[k].size() % centres[k].posts.size());

    const auto& first = rng.pick(kFirstNames);
    const auto& last = rng.pick(kLastNames);
    const long submitted = m.from - rng.between(20, 50);
    store::PersonRecord record;
    record.email = std::string(first.ascii) + "." + last.ascii + "." + std::to_string(n + 1) +
                   "@demo-national.telecentres.example";
    record.created_at = utc_stamp(submitted - 1, 8 * kHour + rng.below(36000));
    record.roles = {"teleworker"};
    if (n == 0) {
      record.password_hash = hashes[2];
      stats.accounts[2].email = record.email;
    }
    const domain::PersonId id = tx->people().insert(record);
    m.person = id;

    domain::Profile profile;
    profile.display_name = std::string(first.name) + " " + last.name;
    profile.home_commune_insee = home.insee;
    profile.category = category_of(rng);
    using C = domain::Category;
    if (profile.category == C::DistantEmployee || profile.category == C::SecondHomeEmployee ||
        profile.category == C::RelocatedEmployee || profile.category == C::Independent)
      profile.workplace_commune_insee =
          o.communes[cities[static_cast<std::size_t>(rng.chance(0.4) ? 0 : rng.below(static_cast<int>(cities.size())))]]
              .insee;
    profile.needs.step_free = profile.category == C::ReducedMobilityOrAtHome;
    profile.needs.videoconference = rng.chance(0.35);
    profile.needs.printing = rng.chance(0.2);
    profile.needs.fax = rng.chance(0.02);
    if (profile.category == C::ReducedMobilityOrAtHome || rng.chance(0.04)) profile.rqth = true;
    tx->people().set_category(id, profile.category, Date::from_days(submitted - 1), record.created_at);
    tx->people().set_profile(id, profile);

    domain::Application a;
    a.person_id = id;
    a.centre_id = centres[k].id;
    a.days_per_week = std::clamp((std::popcount(m.pattern) + 1) / 2, 1, 5);
    a.start_date = Date::from_days(m.from);
    a.motivation = rng.pick(kMotivations);
    a.submitted_at_utc = utc_stamp(submitted, 9 * kHour + rng.below(30000));
    a.id = tx->applications().insert(a, "");
    const domain::PersonId reviewer = id;  // the reviewers are invented too: their decisions name no account
    auto step = [&](domain::ApplicationState to, domain::Party who, long day) {
      if (!domain::transition(a, to, who, reviewer, utc_stamp(day, 10 * kHour), ""))
        tx->applications().record_transition(a);
    };
    step(domain::ApplicationState::UnderReview, domain::Party::Reviewer, submitted + 2);
    step(domain::ApplicationState::Accepted, domain::Party::Reviewer, submitted + 6);
    step(domain::ApplicationState::Active, domain::Party::System, m.from);
    if (m.to < end) step(domain::ApplicationState::Ended, domain::Party::Reviewer, m.to);
    ++stats.applications;

    members[k].push_back(m);
    ++stats.teleworkers;
    if (n == 0) {
      // The host of the first teleworker's centre, and the network's admin.
      for (std::size_t a_no = 0; a_no < 2; ++a_no) {
        store::PersonRecord staff;
        staff.email = stats.accounts[a_no].email;
        staff.password_hash = hashes[a_no];
        staff.created_at = utc_stamp(start - 400, 8 * kHour);
        staff.roles = {stats.accounts[a_no].role};
        if (a_no == 1) staff.host_centres = {centres[k].id};
        const auto staff_id = tx->people().insert(staff);
        tx->people().set_display_name(staff_id, a_no == 0 ? "Administration du réseau national (démo)"
                                                          : "Accueil " + of_place(o.communes[centres[k].commune].name));
      }
    }
    if ((n + 1) % kPeoplePerTransaction == 0 || n + 1 == o.teleworkers) {
      tx->commit();
      tx.reset();
    }
    if (n % 256 == 0) p.report(static_cast<double>(n) / o.teleworkers);
  }
  p.report(1);
  return members;
}

// ---- stage 4: bookings ----

struct Period {
  long start = 0, end = 0, today = 0;  // days since the epoch; [start, end)
  std::vector<long> utc_offset_s;      // per day of the period: the centres' clock minus UTC at noon
};

// Weekly attendance: lower in August and over the year's end.
double attendance(Date d) {
  if (d.month == 8) return 0.5;
  if ((d.month == 12 && d.day >= 20) || (d.month == 1 && d.day <= 3)) return 0.5;
  if (d.month == 7) return 0.7;
  return 0.85;
}

void add_centre_bookings(store::Transaction& tx, const NationalDemoOptions& o, const DemoCentre& c,
                         const std::vector<Member>& members, const Period& period, NationalDemoStats& stats) {
  if (members.empty() || c.posts.empty()) return;
  Rng rng(o.seed, kBookings, static_cast<std::uint64_t>(c.id));
  std::array<std::vector<std::size_t>, kWeekSlots> by_week_slot;
  for (std::size_t m = 0; m < members.size(); ++m)
    for (int ws = 0; ws < kWeekSlots; ++ws)
      if (members[m].pattern & (1U << ws)) by_week_slot[static_cast<std::size_t>(ws)].push_back(m);
  const int post_count = static_cast<int>(c.posts.size());
  const domain::BookingRules rules = domain::apply(domain::BookingRules{}, c.centre.booking_rules);
  const std::array<int, 2> deadline{rules.no_show_morning_minute, rules.no_show_afternoon_minute};

  domain::Booking b;
  b.centre_id = c.id;
  for (long day = period.start; day < period.end; ++day) {
    const Date date = Date::from_days(day);
    const double p_come = attendance(date);
    const long offset = period.utc_offset_s[static_cast<std::size_t>(day - period.start)];
    for (const Slot slot : {Slot::Morning, Slot::Afternoon}) {
      const auto& list = by_week_slot[static_cast<std::size_t>(week_slot(date.iso_weekday(), slot))];
      if (list.empty()) continue;
      const auto opening = domain::slot_opening(c.centre, date, slot);
      if (!opening.open()) continue;
      std::uint32_t held = 0;  // bit per post
      const std::size_t first = static_cast<std::size_t>(rng.below(static_cast<int>(list.size())));
      for (std::size_t n = 0; n < list.size(); ++n) {
        const Member& m = members[list[(first + n) % list.size()]];
        if (day < m.from || day >= m.to || !rng.chance(p_come)) continue;
        const bool past =
            day < period.today || (day == period.today && deadline[slot == Slot::Morning ? 0 : 1] <= o.now_minute);
        const double r = rng.uniform();
        b.status = past ? (r < 0.04   ? domain::BookingStatus::NoShow
                           : r < 0.12 ? domain::BookingStatus::Cancelled
                                      : domain::BookingStatus::CheckedIn)
                        : (r < 0.07 ? domain::BookingStatus::Cancelled : domain::BookingStatus::Booked);
        int post = m.usual_post;
        if (domain::holds_post(b.status)) {
          if (held & (1U << post)) {
            post = 0;
            while (post < post_count && (held & (1U << post))) ++post;
            if (post == post_count) {
              ++stats.turned_away;
              continue;
            }
          }
          held |= 1U << post;
        }
        b.id = 0;
        b.post_id = c.posts[static_cast<std::size_t>(post)];
        b.person_id = m.person;
        b.created_by = b.person_id;
        b.date = date;
        b.slot = slot;
        const long created = std::min(day - rng.between(1, 21), period.today - 1);
        b.created_at = utc_stamp(created, 7 * kHour + rng.below(43200));
        b.checked_in_at.clear();
        b.cancelled_at.clear();
        b.cancelled_by = 0;
        b.cancel_reason.clear();
        b.id = tx.bookings().insert(b);
        switch (b.status) {
          case domain::BookingStatus::CheckedIn:
            b.checked_in_at = utc_stamp(day, (opening.hours->open_minute - 10 + rng.below(35)) * 60L - offset);
            tx.bookings().update(b);
            ++stats.checked_in;
            break;
          case domain::BookingStatus::Cancelled: {
            // At the latest the evening before the half-day, and never after today.
            const long when = std::min(created + rng.below(static_cast<int>(day - created)), period.today - 1);
            b.cancelled_at = utc_stamp(std::max(when, created), 19 * kHour);
            if (b.cancelled_at < b.created_at) b.cancelled_at = b.created_at;
            b.cancelled_by = b.person_id;
            b.cancel_reason = rng.pick(kCancelReasons);
            tx.bookings().update(b);
            ++stats.cancelled;
            break;
          }
          case domain::BookingStatus::NoShow: ++stats.no_show; break;
          case domain::BookingStatus::Booked: ++stats.booked; break;
        }
        ++stats.bookings;
      }
    }
  }
}

void add_bookings(store::Store& store, const NationalDemoOptions& o, const std::vector<DemoCentre>& centres,
                  const std::vector<std::vector<Member>>& members, NationalDemoStats& stats,
                  const DemoProgress& progress) {
  StageProgress p(progress, kStageBookings);
  Period period;
  period.start = o.today.plus_days(-o.days_back).days_since_epoch();
  period.end = o.today.plus_days(o.days_ahead).days_since_epoch();
  period.today = o.today.days_since_epoch();
  const auto zone = calendar::find_zone("Europe/Paris");
  for (long day = period.start; day < period.end; ++day) {
    const long noon_as_utc = day * 86400 + 12 * kHour;
    period.utc_offset_s.push_back(
        zone ? static_cast<long>(noon_as_utc - zone->instant(Date::from_days(day), 12 * 60).unix_seconds) : 3600);
  }
  std::size_t total = 0, done = 0;
  for (const auto& m : members) total += m.size();
  std::unique_ptr<store::Transaction> tx;
  int in_transaction = 0;
  for (std::size_t k = 0; k < centres.size(); ++k) {
    if (members[k].empty()) continue;
    if (!tx) tx = store.begin(store::Access::Write);
    add_centre_bookings(*tx, o, centres[k], members[k], period, stats);
    done += members[k].size();
    if (++in_transaction == o.centres_per_transaction) {
      tx->commit();
      tx.reset();
      in_transaction = 0;
    }
    p.report(static_cast<double>(done) / static_cast<double>(std::max<std::size_t>(total, 1)));
  }
  if (tx) tx->commit();
  p.report(1);
}

}  // namespace

std::vector<domain::Commune> read_national_communes(std::string_view csv) {
  std::vector<std::string> names;
  const auto points = siting::read_communes_csv(csv, &names);
  std::vector<domain::Commune> out;
  out.reserve(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto& pt = points[i];
    if (pt.id.size() != 5 || names[i].empty() || !(pt.lat >= -90 && pt.lat <= 90) ||
        !(pt.lon >= -180 && pt.lon <= 180) || !(pt.weight >= 0))
      throw ServiceError(
          ServiceError::Kind::Invalid,
          "fichier des communes, ligne " + std::to_string(i + 2) + " : commune « " + pt.id + " » invalide",
          "communes file, line " + std::to_string(i + 2) + ": invalid commune \"" + pt.id + "\"", "communes");
    domain::Commune c;
    c.insee = pt.id;
    c.name = names[i];
    c.population = static_cast<int>(pt.weight);
    c.centre = {pt.lat, pt.lon};
    out.push_back(std::move(c));
  }
  return out;
}

NationalDemoStats load_national_demo(store::Store& store, const NationalDemoOptions& options,
                                     const DemoProgress& progress) {
  check_options(options);
  {
    auto tx = store.begin(store::Access::Read);
    if (tx->centres().count() > 0) throw already_has_centres();  // before any progress is shown
  }
  ensure_reference_data(store);
  NationalDemoStats stats;

  auto t0 = Clock::now();
  stats.communes_added = add_communes(store, options, progress);
  stats.seconds_communes = seconds_since(t0);

  t0 = Clock::now();
  const auto centres = add_centres(store, options, stats, progress);
  stats.seconds_centres = seconds_since(t0);

  t0 = Clock::now();
  const auto members = add_teleworkers(store, options, centres, stats, progress);
  stats.seconds_people = seconds_since(t0);

  t0 = Clock::now();
  add_bookings(store, options, centres, members, stats, progress);
  stats.seconds_bookings = seconds_since(t0);
  return stats;
}

}  // namespace tc::service
