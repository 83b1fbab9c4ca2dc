#include "service/bookings.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <variant>

#include "calendar/ical_feed.h"
#include "calendar/time_zone.h"
#include "service/errors.h"
#include "service/secrets.h"

namespace tc::service {

namespace {

using domain::Booking;
using domain::BookingStatus;
using domain::Date;
using domain::Refusal;
using domain::Slot;

constexpr int kMaxAvailabilityDays = 62;

Date date_or_throw(const std::string& text, const char* field) {
  auto d = domain::parse_date(text);
  if (!d)
    throw ServiceError(ServiceError::Kind::Invalid, std::string("« ") + field + " » doit être une date AAAA-MM-JJ.",
                       std::string("\"") + field + "\" must be a YYYY-MM-DD date.", field);
  return *d;
}

std::vector<Slot> slots_or_throw(const std::string& text) {
  auto s = domain::parse_slot_choice(text);
  if (!s)
    throw ServiceError(ServiceError::Kind::Invalid, "« slot » vaut morning, afternoon ou day.",
                       "\"slot\" is morning, afternoon or day.", "slot");
  return *s;
}

std::optional<int> setting_int(store::Transaction& tx, std::string_view key) {
  auto v = tx.settings().get(key);
  if (!v) return std::nullopt;
  int n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || p != v->data() + v->size()) return std::nullopt;
  return n;
}

bool is_conflict(Refusal r) { return r == Refusal::Full || r == Refusal::PostTaken || r == Refusal::AlreadyBooked; }

std::string slot_words(Slot s) { return s == Slot::Morning ? "matin" : "après-midi"; }

std::string french_date(Date d) {
  static constexpr std::array<const char*, 7> kDays = {"lundi",    "mardi",  "mercredi", "jeudi",
                                                       "vendredi", "samedi", "dimanche"};
  static constexpr std::array<const char*, 12> kMonths = {"janvier",   "février", "mars",     "avril",
                                                          "mai",       "juin",    "juillet",  "août",
                                                          "septembre", "octobre", "novembre", "décembre"};
  return std::string(kDays[static_cast<std::size_t>(d.iso_weekday() - 1)]) + " " + std::to_string(d.day) + " " +
         kMonths[static_cast<std::size_t>(d.month - 1)] + " " + std::to_string(d.year);
}

}  // namespace

// A refusal with its stable machine reason (the problem body's "reason").
[[noreturn]] void refuse(ServiceError::Kind kind, std::string fr, std::string en, std::string reason,
                         std::string field = {}) {
  ServiceError e(kind, std::move(fr), std::move(en), std::move(field));
  e.reason = std::move(reason);
  throw e;
}

[[noreturn]] void throw_refusal(Refusal r) {
  ServiceError e(is_conflict(r) ? ServiceError::Kind::Conflict : ServiceError::Kind::Unprocessable,
                 domain::message_fr(r), domain::message_en(r));
  e.reason = std::string(domain::to_string(r));
  throw e;
}

Bookings::Bookings(store::Store& store, Directory& directory, Clock clock)
    : store_(store), directory_(directory), clock_(std::move(clock)) {}

domain::BookingRules Bookings::network_rules() {
  {
    // Read at most once a second: the defaults change rarely, and every booking asks for them.
    std::lock_guard lock(rules_mutex_);
    if (rules_read_at_ && clock_().unix_seconds - rules_read_at_->unix_seconds < 1 && !(clock_() < *rules_read_at_))
      return cached_rules_;
  }
  auto tx = store_.begin(store::Access::Read);
  domain::BookingRulesOverride o;
  o.horizon_days = setting_int(*tx, "booking.horizon_days");
  o.min_notice_minutes = setting_int(*tx, "booking.min_notice_minutes");
  o.max_half_days_per_week = setting_int(*tx, "booking.max_half_days_per_week");
  o.no_show_morning_minute = setting_int(*tx, "booking.no_show_morning_minute");
  o.no_show_afternoon_minute = setting_int(*tx, "booking.no_show_afternoon_minute");
  const domain::BookingRules rules = domain::apply(domain::BookingRules{}, o);
  std::lock_guard lock(rules_mutex_);
  cached_rules_ = rules;
  rules_read_at_ = clock_();
  return rules;
}

namespace {
struct RuleKey {
  const char* key;
  const char* stored;  // the settings key read by network_rules()
  bool time;
  int domain::BookingRules::*field;
};
constexpr std::array<RuleKey, 5> kRuleKeys{{
    {"booking.horizon_days", "booking.horizon_days", false, &domain::BookingRules::horizon_days},
    {"booking.min_notice_minutes", "booking.min_notice_minutes", false, &domain::BookingRules::min_notice_minutes},
    {"booking.max_half_days_per_week", "booking.max_half_days_per_week", false,
     &domain::BookingRules::max_half_days_per_week},
    {"booking.no_show_morning", "booking.no_show_morning_minute", true, &domain::BookingRules::no_show_morning_minute},
    {"booking.no_show_afternoon", "booking.no_show_afternoon_minute", true,
     &domain::BookingRules::no_show_afternoon_minute},
}};

std::string hhmm(int minute) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}
}  // namespace

std::vector<std::pair<std::string, std::string>> Bookings::network_settings() {
  const domain::BookingRules r = network_rules();
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(kRuleKeys.size());
  for (const auto& k : kRuleKeys) out.emplace_back(k.key, k.time ? hhmm(r.*k.field) : std::to_string(r.*k.field));
  return out;
}

void Bookings::set_network_setting(const std::string& key, const std::string& value) {
  const auto* k = std::find_if(kRuleKeys.begin(), kRuleKeys.end(), [&](const RuleKey& x) { return key == x.key; });
  if (k == kRuleKeys.end())
    throw ServiceError(ServiceError::Kind::Invalid, "Réglage inconnu : « " + key + " ».", "Unknown setting.", "key");
  int n = 0;
  bool ok = false;
  if (k->time) {
    int h = 0, m = 0;
    char extra = 0;
    ok = std::sscanf(value.c_str(), "%d:%d%c", &h, &m, &extra) == 2 && h >= 0 && h < 24 && m >= 0 && m < 60;
    n = h * 60 + m;
  } else {
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    ok = ec == std::errc{} && p == value.data() + value.size();
  }
  if (!ok)
    throw ServiceError(
        ServiceError::Kind::Invalid,
        std::string("Valeur invalide pour « ") + k->key + " » : " + (k->time ? "HH:MM" : "un entier") + " attendu.",
        "Invalid value.", "value");
  domain::BookingRules r = network_rules();
  r.*k->field = n;
  if (auto problems = domain::validate(r); !problems.empty())
    throw ServiceError(ServiceError::Kind::Invalid, problems.front(), "Invalid value.", "value");
  auto tx = store_.begin(store::Access::Write);
  tx->settings().put(k->stored, std::to_string(n));
  tx->commit();
  std::lock_guard lock(rules_mutex_);
  rules_read_at_.reset();
}

domain::BookingRules Bookings::rules_of(const domain::Centre& c) {
  return domain::apply(network_rules(), c.booking_rules);
}

std::shared_ptr<const domain::TimeZone> Bookings::zone_of(const domain::Centre& c) const {
  auto z = calendar::find_zone(c.time_zone);
  if (!z) z = calendar::find_zone("Europe/Paris");  // a centre saved with a zone this machine lacks
  return z;
}

const domain::Centre& Bookings::centre_or_throw(const DirectorySnapshot& snap, domain::CentreId id) const {
  for (const auto& c : snap.centres)
    if (c.id == id) return c;
  throw ServiceError(ServiceError::Kind::NotFound, "Ce télécentre n'existe pas.", "This telecentre does not exist.",
                     "centre_id");
}

std::vector<SlotAvailability> Bookings::availability(domain::CentreId centre, const std::string& from_text,
                                                     const std::string& to_text) {
  const Date from = date_or_throw(from_text, "from");
  const Date to = date_or_throw(to_text, "to");
  if (to < from)
    throw ServiceError(ServiceError::Kind::Invalid, "« to » doit suivre « from ».", "\"to\" must follow \"from\".",
                       "to");
  if (to.days_since_epoch() - from.days_since_epoch() >= kMaxAvailabilityDays)
    throw ServiceError(ServiceError::Kind::Invalid,
                       "La période demandée dépasse " + std::to_string(kMaxAvailabilityDays) + " jours.",
                       "The period asked for exceeds " + std::to_string(kMaxAvailabilityDays) + " days.", "to");
  auto snap = directory_.current();
  const domain::Centre& c = centre_or_throw(*snap, centre);
  std::map<std::pair<long, int>, int> held;
  {
    auto tx = store_.begin(store::Access::Read);
    for (const auto& h : tx->bookings().held_counts(c.id, from, to.plus_days(1)))
      held[{h.date.days_since_epoch(), static_cast<int>(h.slot)}] = h.held;
  }
  std::vector<SlotAvailability> out;
  const int total = c.post_count();
  for (Date d = from; !(to < d); d = d.plus_days(1)) {
    for (Slot s : {Slot::Morning, Slot::Afternoon}) {
      SlotAvailability a{d, s, domain::slot_opening(c, d, s), total, 0};
      if (a.opening.open()) {
        auto it = held.find({d.days_since_epoch(), static_cast<int>(s)});
        a.posts_free = std::max(0, total - (it == held.end() ? 0 : it->second));
      }
      out.push_back(std::move(a));
    }
  }
  return out;
}

std::vector<domain::CentreId> Bookings::centres_free_on(Date date, std::optional<Slot> slot) {
  auto snap = directory_.current();
  std::map<std::pair<domain::CentreId, int>, int> held;
  {
    auto tx = store_.begin(store::Access::Read);
    for (Slot s : {Slot::Morning, Slot::Afternoon})
      for (const auto& [centre, n] : tx->bookings().held_on(date, s)) held[{centre, static_cast<int>(s)}] = n;
  }
  std::vector<domain::CentreId> out;
  for (const auto& c : snap->centres) {
    bool free = false;
    for (Slot s : {Slot::Morning, Slot::Afternoon}) {
      if (slot && *slot != s) continue;
      if (!domain::slot_opening(c, date, s).open()) continue;
      auto it = held.find({c.id, static_cast<int>(s)});
      if (c.post_count() > (it == held.end() ? 0 : it->second)) free = true;
    }
    if (free) out.push_back(c.id);
  }
  return out;
}

domain::PersonId Bookings::beneficiary(const domain::Actor& actor, const domain::Centre& c,
                                       std::optional<domain::PersonId> for_person) const {
  if (!for_person || *for_person == actor.id) {
    if (actor.id <= 0)
      throw ServiceError(ServiceError::Kind::Unauthenticated, "Connectez-vous pour réserver.", "Sign in to book.");
    return actor.id;
  }
  if (!may_manage(actor, c.id))
    throw ServiceError(ServiceError::Kind::Forbidden,
                       "Seuls l'accueil de ce télécentre et le conseil départemental réservent pour autrui.",
                       "Only this telecentre's hosts and the council book for someone else.", "person_id");
  return *for_person;
}

std::optional<Refusal> Bookings::admission(store::Transaction& tx, const domain::Actor& actor, const domain::Centre& c,
                                           domain::PersonId person) const {
  if (may_manage(actor, c.id)) return std::nullopt;  // hosts and admins book for anyone at their centres
  store::ApplicationFilter f;
  f.person_id = person;
  f.centre_ids = {c.id};
  for (const auto& row : tx.applications().list(f)) {
    const auto s = row.application.state;
    if (s == domain::ApplicationState::Accepted || s == domain::ApplicationState::Active) return std::nullopt;
  }
  return Refusal::NotAdmitted;
}

void Bookings::activate_application(store::Transaction& tx, const domain::Centre& c, domain::PersonId person,
                                    domain::PersonId by) const {
  store::ApplicationFilter f;
  f.person_id = person;
  f.centre_ids = {c.id};
  f.state = domain::ApplicationState::Accepted;
  for (auto& row : tx.applications().list(f)) {
    auto full = tx.applications().find(row.application.id);
    if (!full) continue;
    domain::Application a = full->application;
    if (!domain::transition(a, domain::ApplicationState::Active, domain::Party::System, by, clock_().iso(),
                            "Première réservation"))
      tx.applications().record_transition(a);
  }
}

std::variant<Booking, Refusal> Bookings::place(store::Transaction& tx, const domain::Centre& c,
                                               const domain::BookingRules& rules, const domain::TimeZone& zone,
                                               domain::PersonId person, domain::PersonId by,
                                               std::optional<domain::PostId> post, Date date, Slot slot,
                                               std::optional<domain::SeriesId> series, const std::string& now,
                                               bool from_waiting_list) {
  if (from_waiting_list) {
    // A post freed late (a no-show at 10:00) is still worth having until the half-day ends.
    const auto opening = domain::slot_opening(c, date, slot);
    if (!opening.open()) return Refusal::Closed;
    if (!(clock_() < zone.instant(date, opening.hours->close_minute))) return Refusal::Started;
  } else if (auto r = domain::check_timing(c, rules, zone, date, slot, clock_())) {
    return *r;
  }
  const Date week = domain::week_start(date);
  if (tx.bookings().held_by_person(person, c.id, week, week.plus_days(7)) + 1 > rules.max_half_days_per_week)
    return Refusal::OverQuota;
  for (const auto& b : tx.bookings().of_person(person, date, date.plus_days(1)))
    if (b.centre_id == c.id && b.slot == slot && domain::holds_post(b.status)) return Refusal::AlreadyBooked;
  const std::vector<domain::PostId> taken = tx.bookings().held_posts(c.id, date, slot);
  domain::PostId chosen = 0;
  if (post) {
    if (!domain::has_post(c, *post)) return Refusal::PostUnknown;
    if (std::find(taken.begin(), taken.end(), *post) != taken.end()) return Refusal::PostTaken;
    chosen = *post;
  } else {
    auto free = domain::first_free_post(c, taken);
    if (!free) return Refusal::Full;
    chosen = *free;
  }
  Booking b;
  b.centre_id = c.id;
  b.post_id = chosen;
  b.person_id = person;
  b.date = date;
  b.slot = slot;
  b.series_id = series;
  b.created_at = now;
  b.created_by = by;
  try {
    b.id = tx.bookings().insert(b);
  } catch (const store::StoreError& e) {
    // Another process got there between our read and our insert: the index decided.
    if (e.kind == store::StoreError::Kind::Conflict) return post ? Refusal::PostTaken : Refusal::Full;
    throw;
  }
  return b;
}

std::vector<Booking> Bookings::book(const domain::Actor& actor, const BookingRequest& r) {
  const Date date = date_or_throw(r.date, "date");
  const std::vector<Slot> slots = slots_or_throw(r.slot);
  auto snap = directory_.current();
  const domain::Centre& c = centre_or_throw(*snap, r.centre_id);
  const domain::PersonId person = beneficiary(actor, c, r.for_person);
  const domain::BookingRules rules = rules_of(c);
  const auto zone = zone_of(c);
  const std::string now = clock_().iso();

  // One part of a write transaction shared with concurrent bookings: one commit and one disk sync for many.
  std::vector<Booking> out;
  store_.write_together([&](store::Transaction& tx) {
    out.clear();
    if (auto refusal = admission(tx, actor, c, person)) throw_refusal(*refusal);
    std::optional<domain::PostId> post = r.post_id;
    if (!post && slots.size() == 2) {
      // A whole day on one desk when one is free for both half-days.
      auto morning = tx.bookings().held_posts(c.id, date, Slot::Morning);
      auto afternoon = tx.bookings().held_posts(c.id, date, Slot::Afternoon);
      morning.insert(morning.end(), afternoon.begin(), afternoon.end());
      post = domain::first_free_post(c, morning);
    }
    for (Slot s : slots) {
      auto placed = place(tx, c, rules, *zone, person, actor.id, post ? post : r.post_id, date, s, std::nullopt, now);
      if (auto* refusal = std::get_if<Refusal>(&placed)) {
        // The day's common desk went: try any free desk for this half-day, unless a post was asked for.
        if (*refusal == Refusal::PostTaken && !r.post_id)
          placed = place(tx, c, rules, *zone, person, actor.id, std::nullopt, date, s, std::nullopt, now);
        if (auto* again = std::get_if<Refusal>(&placed)) throw_refusal(*again);  // nothing kept
      }
      out.push_back(std::get<Booking>(placed));
    }
    activate_application(tx, c, person, actor.id);
    tx.commit();
  });
  return out;
}

SeriesResult Bookings::book_series(const domain::Actor& actor, const SeriesRequest& r) {
  domain::WeeklyPattern pattern;
  pattern.from = date_or_throw(r.from, "from");
  pattern.to = date_or_throw(r.to, "to");
  std::string pattern_text;
  for (const auto& [weekday, choice] : r.pattern) {
    if (weekday < 1 || weekday > 7)
      throw ServiceError(ServiceError::Kind::Invalid, "Jour de la semaine invalide (1 = lundi … 7 = dimanche).",
                         "Invalid weekday (1 = Monday … 7 = Sunday).", "pattern");
    for (Slot s : slots_or_throw(choice)) {
      pattern.entries.push_back({weekday, s});
      pattern_text += (pattern_text.empty() ? "" : " ") + std::to_string(weekday) + ":" + std::string(to_string(s));
    }
  }
  if (auto problems = domain::validate(pattern); !problems.empty())
    throw ServiceError(ServiceError::Kind::Invalid, problems.front(), "Invalid weekly pattern.", "pattern");
  auto snap = directory_.current();
  const domain::Centre& c = centre_or_throw(*snap, r.centre_id);
  const domain::PersonId person = beneficiary(actor, c, r.for_person);
  const domain::BookingRules rules = rules_of(c);
  const auto zone = zone_of(c);
  const std::string now = clock_().iso();

  auto tx = store_.begin(store::Access::Write);
  if (auto refusal = admission(*tx, actor, c, person)) throw_refusal(*refusal);
  SeriesResult result;
  const domain::SeriesId series =
      tx->bookings().insert_series({0, c.id, person, pattern_text, pattern.from, pattern.to, now, actor.id});
  int booked = 0;
  for (const auto& [date, slot] : domain::occurrences(pattern)) {
    auto placed = place(*tx, c, rules, *zone, person, actor.id, r.post_id, date, slot, series, now);
    SeriesOutcome o{date, slot, "booked", std::nullopt};
    if (auto* refusal = std::get_if<Refusal>(&placed)) {
      o.result = std::string(domain::to_string(*refusal));
    } else {
      o.booking = std::get<Booking>(placed);
      ++booked;
    }
    result.outcomes.push_back(std::move(o));
  }
  const bool complete = booked == static_cast<int>(result.outcomes.size());
  if (booked == 0 || (r.all_or_nothing && !complete)) {
    for (auto& o : result.outcomes) o.booking.reset();  // rolled back with the transaction
    for (auto& o : result.outcomes)
      if (o.result == "booked") o.result = "not_booked";
    return result;
  }
  activate_application(*tx, c, person, actor.id);
  tx->commit();
  result.series_id = series;
  result.committed = true;
  return result;
}

Booking Bookings::cancel(const domain::Actor& actor, domain::BookingId id, const std::string& reason) {
  auto snap = directory_.current();
  auto tx = store_.begin(store::Access::Write);
  Booking b = cancel_in(*tx, *snap, actor, id, reason);
  tx->commit();
  return b;
}

// Every refusal is thrown before the first write, so a caller may catch one and go on in the same transaction.
Booking Bookings::cancel_in(store::Transaction& tx, const DirectorySnapshot& snap, const domain::Actor& actor,
                            domain::BookingId id, const std::string& reason) {
  auto b = tx.bookings().find(id);
  const bool own = b && b->person_id == actor.id;
  if (!b || (!own && !may_manage(actor, b->centre_id)))
    throw ServiceError(ServiceError::Kind::NotFound, "Cette réservation n'existe pas.", "This booking does not exist.");
  const domain::Centre& c = centre_or_throw(snap, b->centre_id);
  const bool as_staff = may_manage(actor, b->centre_id);
  if (!own && reason.empty())
    refuse(ServiceError::Kind::Invalid, "Indiquez le motif de l'annulation.", "Give the reason for the cancellation.",
           "reason_required", "reason");
  if (!domain::holds_post(b->status))
    refuse(ServiceError::Kind::Conflict, "Cette réservation est déjà annulée ou close.",
           "This booking is already cancelled or closed.", "not_live");
  if (!domain::may_cancel(c, *zone_of(c), *b, clock_(), as_staff))
    refuse(ServiceError::Kind::Unprocessable, "Ce créneau a commencé : il ne peut plus être annulé.",
           "This slot has started: it can no longer be cancelled.", "started");
  b->status = BookingStatus::Cancelled;
  b->cancelled_at = clock_().iso();
  b->cancelled_by = actor.id;
  b->cancel_reason = std::string(domain::utf8_prefix(reason, 500));
  tx.bookings().update(*b);
  if (!own) {
    // Cancelled by the centre or the council: the holder is told why.
    if (auto holder = tx.people().find(b->person_id); holder && !holder->email.empty())
      tx.outbox().enqueue(holder->email, "Réservation annulée : " + c.name,
                          "Bonjour,\n\nVotre réservation au " + c.name + " du " + french_date(b->date) + " (" +
                              slot_words(b->slot) + ") a été annulée par l'accueil du télécentre.\n\nMotif : " +
                              b->cancel_reason + "\n\n— Le réseau des télécentres du Cantal\n",
                          b->cancelled_at);
  }
  serve_waiting_list(tx, c, b->date, b->slot);
  return *b;
}

// One transaction for the whole series: a crash (or a failure) midway leaves it as it was, never half cancelled.
int Bookings::cancel_series(const domain::Actor& actor, domain::SeriesId id, const std::string& reason) {
  auto snap = directory_.current();
  auto tx = store_.begin(store::Access::Write);
  auto s = tx->bookings().find_series(id);
  if (!s || (s->person_id != actor.id && !may_manage(actor, s->centre_id)))
    throw ServiceError(ServiceError::Kind::NotFound, "Cette série n'existe pas.", "This series does not exist.");
  int n = 0;
  for (const auto& b : tx->bookings().of_series(id)) {
    if (!domain::holds_post(b.status)) continue;
    try {
      cancel_in(*tx, *snap, actor, b.id, reason.empty() ? "Série annulée" : reason);
      ++n;
    } catch (const ServiceError& e) {  // started: kept, and the others are cancelled
      if (e.kind != ServiceError::Kind::Unprocessable && e.kind != ServiceError::Kind::Conflict) throw;
    }
  }
  tx->commit();
  return n;
}

int Bookings::cancel_range(const domain::Actor& actor, std::optional<domain::PersonId> person,
                           const std::string& from_text, const std::string& to_text, const std::string& reason) {
  const Date from = date_or_throw(from_text, "from");
  const Date to = date_or_throw(to_text, "to");
  if (to < from)
    throw ServiceError(ServiceError::Kind::Invalid, "« to » doit suivre « from ».", "\"to\" must follow \"from\".",
                       "to");
  const domain::PersonId who = person.value_or(actor.id);
  // One transaction, as for a series: all of the range's bookings that may be cancelled are, or none.
  auto snap = directory_.current();
  auto tx = store_.begin(store::Access::Write);
  int n = 0;
  for (const auto& b : tx->bookings().of_person(who, from, to.plus_days(1))) {
    if (!domain::holds_post(b.status)) continue;
    if (who != actor.id && !may_manage(actor, b.centre_id)) continue;
    try {
      cancel_in(*tx, *snap, actor, b.id, reason.empty() && who != actor.id ? "Annulation groupée" : reason);
      ++n;
    } catch (const ServiceError& e) {
      if (e.kind != ServiceError::Kind::Unprocessable && e.kind != ServiceError::Kind::Conflict) throw;
    }
  }
  tx->commit();
  return n;
}

std::map<std::int64_t, std::string> Bookings::names_of(store::Transaction& tx, const std::vector<Booking>& bookings) {
  std::vector<std::int64_t> ids;
  ids.reserve(bookings.size());
  for (const auto& b : bookings) ids.push_back(b.person_id);
  return tx.people().display_names(ids);
}

std::string Bookings::name_in(const std::map<std::int64_t, std::string>& names, std::int64_t person) {
  const auto it = names.find(person);
  return it == names.end() ? std::string() : it->second;
}

BookingView Bookings::view(const DirectorySnapshot& snap, const Booking& b, std::string person_name) {
  BookingView v{b, "", "", std::move(person_name), "Europe/Paris", 0, 0};
  for (const auto& c : snap.centres) {
    if (c.id != b.centre_id) continue;
    v.centre_name = c.name;
    v.time_zone = c.time_zone;
    for (const auto& o : c.offices)
      for (const auto& p : o.posts)
        if (p.id == b.post_id) v.post_label = p.label;
    const int wd = b.date.iso_weekday();
    v.start_minute = b.slot == Slot::Morning ? 8 * 60 + 30 : 13 * 60 + 30;
    v.end_minute = b.slot == Slot::Morning ? 12 * 60 : 18 * 60;
    for (const auto& h : c.hours)
      if (h.weekday == wd && h.slot == b.slot) {
        v.start_minute = h.open_minute;
        v.end_minute = h.close_minute;
      }
  }
  return v;
}

std::vector<BookingView> Bookings::mine(const domain::Actor& actor, std::optional<Date> from) {
  auto snap = directory_.current();
  auto tx = store_.begin(store::Access::Read);
  const Date start = from.value_or(clock_().utc_date().plus_days(-1));
  std::vector<BookingView> out;
  for (const auto& b : tx->bookings().of_person(actor.id, start, start.plus_days(800))) out.push_back(view(*snap, b));
  return out;
}

std::optional<BookingView> Bookings::get(const domain::Actor& actor, domain::BookingId id) {
  auto snap = directory_.current();
  auto tx = store_.begin(store::Access::Read);
  auto b = tx->bookings().find(id);
  if (!b) return std::nullopt;
  const bool staff = may_manage(actor, b->centre_id);
  if (b->person_id != actor.id && !staff) return std::nullopt;
  return view(*snap, *b, staff ? tx->people().profile(b->person_id).display_name : std::string());
}

std::string Bookings::personal_feed_token(const domain::Actor& actor) {
  {
    auto tx = store_.begin(store::Access::Read);
    if (auto f = tx->calendar_feeds().of_person(actor.id)) return f->token;
  }
  auto tx = store_.begin(store::Access::Write);
  if (auto f = tx->calendar_feeds().of_person(actor.id)) return f->token;  // made meanwhile
  store::CalendarFeed feed{random_token(), actor.id, std::nullopt, clock_().iso(), ""};
  tx->calendar_feeds().insert(feed);
  tx->commit();
  return feed.token;
}

std::string Bookings::renew_personal_feed(const domain::Actor& actor) {
  auto tx = store_.begin(store::Access::Write);
  if (auto f = tx->calendar_feeds().of_person(actor.id)) tx->calendar_feeds().revoke(f->token, clock_().iso());
  store::CalendarFeed feed{random_token(), actor.id, std::nullopt, clock_().iso(), ""};
  tx->calendar_feeds().insert(feed);
  tx->commit();
  return feed.token;
}

void Bookings::serve_waiting_list(store::Transaction& tx, const domain::Centre& c, Date date, Slot slot) {
  const domain::BookingRules rules = rules_of(c);
  const auto zone = zone_of(c);
  const std::string now = clock_().iso();
  for (const auto& w : tx.booking_waits().waiting(c.id, date, slot)) {
    auto placed =
        place(tx, c, rules, *zone, w.person_id, w.person_id, std::nullopt, date, slot, std::nullopt, now, true);
    if (auto* refusal = std::get_if<Refusal>(&placed)) {
      if (*refusal == Refusal::Full || *refusal == Refusal::Started || *refusal == Refusal::Closed) return;
      tx.booking_waits().set_status(w.id, "expired", std::nullopt);  // over quota, already booked: next one
      continue;
    }
    const Booking& b = std::get<Booking>(placed);
    tx.booking_waits().set_status(w.id, "served", b.id);
    if (auto person = tx.people().find(w.person_id); person && !person->email.empty()) {
      std::string post_label;
      for (const auto& o : c.offices)
        for (const auto& p : o.posts)
          if (p.id == b.post_id) post_label = p.label;
      tx.outbox().enqueue(person->email, "Une place s'est libérée : " + c.name,
                          "Bonjour,\n\nUne place s'est libérée au " + c.name + " le " + french_date(date) + " (" +
                              slot_words(slot) + ") : elle vous est réservée (" + post_label +
                              ").\n\nSi vous ne pouvez pas venir, annulez-la depuis « Mes réservations » pour la "
                              "laisser à quelqu'un d'autre.\n\n— Le réseau des télécentres du Cantal\n",
                          now);
    }
    return;
  }
}

DayView Bookings::day(const domain::Actor& actor, domain::CentreId centre, const std::string& date_text) {
  const Date date = date_or_throw(date_text, "date");
  auto snap = directory_.current();
  const domain::Centre& c = centre_or_throw(*snap, centre);
  if (!may_manage(actor, c.id))
    throw ServiceError(ServiceError::Kind::Forbidden, "La journée d'un télécentre est réservée à son accueil.",
                       "A telecentre's day is for its hosts only.");
  DayView v;
  v.centre_id = c.id;
  v.centre_name = c.name;
  v.date = date;
  v.slots = availability(c.id, date.iso(), date.iso());
  {
    auto tx = store_.begin(store::Access::Read);
    const auto bookings = tx->bookings().of_centre(c.id, date, date.plus_days(1));
    const auto names = names_of(*tx, bookings);
    for (const auto& b : bookings) v.bookings.push_back(view(*snap, b, name_in(names, b.person_id)));
  }
  v.checkin_code = checkin_code(c.id, date);
  return v;
}

std::string Bookings::checkin_code(domain::CentreId centre, Date date) {
  std::optional<std::string> secret;
  {
    auto tx = store_.begin(store::Access::Read);
    secret = tx->settings().get("checkin.secret");
  }
  if (!secret) {
    auto tx = store_.begin(store::Access::Write);
    secret = tx->settings().get("checkin.secret");
    if (!secret) {
      secret = random_token();
      tx->settings().put("checkin.secret", *secret);
      tx->commit();
    }
  }
  const std::string h = token_hash(*secret + ":" + std::to_string(centre) + ":" + date.iso());
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < 12; ++i) n = n * 16 + static_cast<std::uint64_t>(std::stoi(h.substr(i, 1), nullptr, 16));
  std::string code = std::to_string(n % 1000000);
  return std::string(6 - code.size(), '0') + code;
}

Booking Bookings::check_in(const domain::Actor& actor, domain::BookingId id, const std::string& code) {
  auto snap = directory_.current();
  std::optional<Booking> b;
  {
    auto tx = store_.begin(store::Access::Read);
    b = tx->bookings().find(id);
  }
  const bool staff = b && may_manage(actor, b->centre_id);
  if (!b || (b->person_id != actor.id && !staff))
    throw ServiceError(ServiceError::Kind::NotFound, "Cette réservation n'existe pas.", "This booking does not exist.");
  const domain::Centre& c = centre_or_throw(*snap, b->centre_id);
  if (!staff && !constant_time_equal(code, checkin_code(c.id, b->date)))
    refuse(ServiceError::Kind::Unprocessable, "Ce code n'est pas celui affiché au télécentre aujourd'hui.",
           "This is not the code shown at the telecentre today.", "wrong_code", "code");
  auto tx = store_.begin(store::Access::Write);
  b = tx->bookings().find(id);
  if (b->status == BookingStatus::CheckedIn) return *b;  // twice is harmless
  if (!domain::may_check_in(c, *zone_of(c), *b, clock_())) {
    if (b->status == BookingStatus::Booked)
      refuse(ServiceError::Kind::Unprocessable,
             "L'arrivée s'enregistre de 30 minutes avant l'ouverture jusqu'à la fin du créneau.",
             "Check-in opens 30 minutes before the half-day and closes at its end.", "outside_window");
    refuse(ServiceError::Kind::Conflict, "Cette réservation est annulée ou close.",
           "This booking is cancelled or closed.", "not_live");
  }
  b->status = BookingStatus::CheckedIn;
  b->checked_in_at = clock_().iso();
  tx->bookings().update(*b);
  tx->commit();
  return *b;
}

int Bookings::sweep_no_shows() {
  auto snap = directory_.current();
  const domain::Timestamp now = clock_();
  const domain::BookingRules network = network_rules();
  auto tx = store_.begin(store::Access::Write);
  int marked = 0;
  // Local dates run at most a day ahead of UTC (UTC+14): bookings up to tomorrow may be due.
  for (Booking b : tx->bookings().booked_until(now.utc_date().plus_days(1))) {
    const domain::Centre* c = nullptr;
    for (const auto& x : snap->centres)
      if (x.id == b.centre_id) c = &x;
    if (!c) continue;
    const domain::BookingRules rules = domain::apply(network, c->booking_rules);
    if (now < domain::no_show_deadline(rules, *zone_of(*c), b.date, b.slot)) continue;
    b.status = BookingStatus::NoShow;
    tx->bookings().update(b);
    serve_waiting_list(*tx, *c, b.date, b.slot);
    ++marked;
  }
  tx->commit();
  return marked;
}

WaitView Bookings::join_waiting_list(const domain::Actor& actor, domain::CentreId centre, const std::string& date_text,
                                     const std::string& slot_text) {
  const Date date = date_or_throw(date_text, "date");
  const auto slot = domain::parse_slot(slot_text);
  if (!slot)
    throw ServiceError(ServiceError::Kind::Invalid, "« slot » vaut morning ou afternoon.",
                       "\"slot\" is morning or afternoon.", "slot");
  auto snap = directory_.current();
  const domain::Centre& c = centre_or_throw(*snap, centre);
  if (actor.id <= 0) throw ServiceError(ServiceError::Kind::Unauthenticated, "Connectez-vous.", "Sign in.");
  if (auto r = domain::check_timing(c, rules_of(c), *zone_of(c), date, *slot, clock_())) throw_refusal(*r);
  auto tx = store_.begin(store::Access::Write);
  if (auto refusal = admission(*tx, actor, c, actor.id)) throw_refusal(*refusal);
  if (static_cast<int>(tx->bookings().held_posts(c.id, date, *slot).size()) < c.post_count()) {
    ServiceError e(ServiceError::Kind::Conflict, "Un poste est libre sur ce créneau : réservez-le directement.",
                   "A post is free for this slot: book it directly.");
    e.reason = "not_full";
    throw e;
  }
  store::WaitRecord w{0, c.id, actor.id, date, *slot, clock_().iso(), "waiting", std::nullopt};
  try {
    w.id = tx->booking_waits().join(w);
  } catch (const store::StoreError& e) {
    if (e.kind != store::StoreError::Kind::Conflict) throw;
    ServiceError already(ServiceError::Kind::Conflict, "Vous êtes déjà en liste d'attente pour ce créneau.",
                         "You are already waiting for this slot.");
    already.reason = "already_waiting";
    throw already;
  }
  tx->commit();
  return {w, c.name};
}

void Bookings::leave_waiting_list(const domain::Actor& actor, std::int64_t wait_id) {
  auto tx = store_.begin(store::Access::Write);
  auto w = tx->booking_waits().find(wait_id);
  if (!w || (w->person_id != actor.id && !may_manage(actor, w->centre_id)))
    throw ServiceError(ServiceError::Kind::NotFound, "Cette attente n'existe pas.", "This wait does not exist.");
  if (w->status == "waiting") tx->booking_waits().set_status(wait_id, "left", std::nullopt);
  tx->commit();
}

std::vector<WaitView> Bookings::my_waits(const domain::Actor& actor) {
  auto snap = directory_.current();
  auto tx = store_.begin(store::Access::Read);
  std::vector<WaitView> out;
  for (auto& w : tx->booking_waits().of_person(actor.id, clock_().utc_date().plus_days(-1))) {
    std::string name;
    for (const auto& c : snap->centres)
      if (c.id == w.centre_id) name = c.name;
    out.push_back({w, name});
  }
  return out;
}

std::string Bookings::feed_text(store::Transaction& tx, const DirectorySnapshot& snap, const store::CalendarFeed& f) {
  const Date today = clock_().utc_date();
  std::vector<Booking> bookings;
  calendar::Feed feed;
  if (f.person_id) {
    bookings = tx.bookings().of_person(*f.person_id, today.plus_days(-60), today.plus_days(400));
    feed.name = "Mes réservations — télécentres";
  } else if (f.centre_id) {
    bookings = tx.bookings().of_centre(*f.centre_id, today.plus_days(-60), today.plus_days(400));
    for (const auto& c : snap.centres)
      if (c.id == *f.centre_id) feed.name = "Réservations — " + c.name;
  }
  const auto names = f.centre_id ? names_of(tx, bookings) : std::map<std::int64_t, std::string>();
  for (const auto& b : bookings) {
    if (b.status == BookingStatus::NoShow) continue;
    const BookingView v = view(snap, b, name_in(names, b.person_id));
    calendar::FeedEvent e;
    e.uid = "booking-" + std::to_string(b.id) + "@telecentres";
    e.zone = v.time_zone;
    e.date = b.date;
    e.start_minute = v.start_minute;
    e.end_minute = v.end_minute;
    e.summary = v.centre_name + " — " + v.post_label + " (" + slot_words(b.slot) + ")";
    if (f.centre_id && !v.person_name.empty()) e.summary = v.person_name + " — " + v.post_label;
    e.location = v.centre_name;
    e.cancelled = b.status == BookingStatus::Cancelled;
    e.sequence = e.cancelled ? 1 : 0;
    e.stamp_utc = e.cancelled && !b.cancelled_at.empty() ? b.cancelled_at : b.created_at;
    if (calendar::find_zone(e.zone) == nullptr) e.zone = "Europe/Paris";
    feed.events.push_back(std::move(e));
  }
  return calendar::render_ical(feed);
}

std::optional<std::string> Bookings::feed(const std::string& token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  auto snap = directory_.current();
  auto tx = store_.begin(store::Access::Read);
  auto f = tx->calendar_feeds().find(token);
  if (!f || !f->revoked_at.empty()) return std::nullopt;
  return feed_text(*tx, *snap, *f);
}

std::string Bookings::centre_feed_token(const domain::Actor& actor, domain::CentreId centre) {
  if (!may_manage(actor, centre))
    throw ServiceError(ServiceError::Kind::Forbidden, "Le calendrier d'un télécentre est réservé à son accueil.",
                       "A telecentre's calendar is for its hosts only.");
  auto tx = store_.begin(store::Access::Write);
  if (auto f = tx->calendar_feeds().of_centre(centre)) return f->token;
  store::CalendarFeed feed{random_token(), std::nullopt, centre, clock_().iso(), ""};
  tx->calendar_feeds().insert(feed);
  tx->commit();
  return feed.token;
}

}  // namespace tc::service
