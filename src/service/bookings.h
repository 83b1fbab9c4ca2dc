// Desk booking use cases: availability, booking a post (given or any) for a half-day, a day or a weekly series,
// cancelling, and who may do which. Every booking is decided inside one write transaction — rules, admission,
// quota, free posts, insert — and the database's unique index is the last word, so two requests never both win
// a post and a slot, whichever process they reach.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/booking.h"
#include "domain/person.h"
#include "service/clock.h"
#include "service/directory.h"
#include "store/store.h"

namespace tc::service {

struct BookingRequest {
  domain::CentreId centre_id = 0;
  std::optional<domain::PostId> post_id;       // none: the server picks a free post
  std::string date;                            // YYYY-MM-DD, centre-local
  std::string slot;                            // morning | afternoon | day
  std::optional<domain::PersonId> for_person;  // hosts and admins book for someone else
};

struct SeriesRequest {
  domain::CentreId centre_id = 0;
  std::optional<domain::PostId> post_id;
  std::vector<std::pair<int, std::string>> pattern;  // (ISO weekday 1..7, morning | afternoon | day)
  std::string from;                                  // YYYY-MM-DD
  std::string to;                                    // YYYY-MM-DD, inclusive
  bool all_or_nothing = false;
  std::optional<domain::PersonId> for_person;
};

// One date and slot of a series: booked, or why not ("full", "closed", "over_quota", …).
struct SeriesOutcome {
  domain::Date date;
  domain::Slot slot = domain::Slot::Morning;
  std::string result;  // "booked" or a domain::Refusal code
  std::optional<domain::Booking> booking;
};

struct SeriesResult {
  std::optional<domain::SeriesId> series_id;  // none when nothing was booked
  std::vector<SeriesOutcome> outcomes;
  bool committed = false;  // false: all-or-nothing refused, nothing written
};

struct SlotAvailability {
  domain::Date date;
  domain::Slot slot = domain::Slot::Morning;
  domain::SlotOpening opening;
  int posts_total = 0;
  int posts_free = 0;  // 0 when closed
};

// A booking with what pages and feeds show alongside it.
struct BookingView {
  domain::Booking booking;
  std::string centre_name;
  std::string post_label;
  std::string person_name;  // for staff views; empty otherwise
  std::string time_zone;
  int start_minute = 0;  // the slot's hours that day (centre-local), for calendars
  int end_minute = 0;
};

// A host's day at a centre: who is expected, who came, free posts, and the day's check-in code.
struct DayView {
  domain::CentreId centre_id = 0;
  std::string centre_name;
  domain::Date date;
  std::vector<SlotAvailability> slots;  // morning, afternoon
  std::vector<BookingView> bookings;    // every booking of the day, by slot then post, with names
  std::string checkin_code;             // shown at the centre; teleworkers type it to check in
};

struct WaitView {
  store::WaitRecord wait;
  std::string centre_name;
};

class Bookings {
 public:
  Bookings(store::Store& store, Directory& directory, Clock clock);

  // The network's defaults (settings, else the built-in ones) and a centre's effective rules.
  domain::BookingRules network_rules();
  // The network's defaults as settings, e.g. ("booking.no_show_morning", "10:00"), for `telecentres settings`.
  std::vector<std::pair<std::string, std::string>> network_settings();
  // Sets one default; ServiceError{Invalid} for an unknown key or a value the rules refuse. Times are HH:MM.
  void set_network_setting(const std::string& key, const std::string& value);
  domain::BookingRules rules_of(const domain::Centre& c);

  // Public: each date and slot with from <= date <= to (at most 62 days). ServiceError{NotFound} for an unknown
  // centre, {Invalid} for bad dates.
  std::vector<SlotAvailability> availability(domain::CentreId centre, const std::string& from, const std::string& to);
  // Centres with at least one free post on that date and slot (the directory's free_on filter).
  std::vector<domain::CentreId> centres_free_on(domain::Date date, std::optional<domain::Slot> slot);

  // One or two bookings (a day); all or nothing. ServiceError{Conflict, reason full|post_taken|already_booked} or
  // {Unprocessable, reason closed|started|too_late|too_far|over_quota|not_admitted|post_unknown}.
  std::vector<domain::Booking> book(const domain::Actor& actor, const BookingRequest& r);
  SeriesResult book_series(const domain::Actor& actor, const SeriesRequest& r);

  // By the holder until the slot starts; by the centre's host or an admin until it ends, with a reason.
  domain::Booking cancel(const domain::Actor& actor, domain::BookingId id, const std::string& reason);
  // The live bookings of a series from today on; returns how many were cancelled.
  int cancel_series(const domain::Actor& actor, domain::SeriesId id, const std::string& reason);
  // The caller's (or, for staff, `person`'s) live bookings with from <= date <= to: holidays.
  int cancel_range(const domain::Actor& actor, std::optional<domain::PersonId> person, const std::string& from,
                   const std::string& to, const std::string& reason);

  // The caller's bookings from `from` (default: today) on, by date.
  std::vector<BookingView> mine(const domain::Actor& actor, std::optional<domain::Date> from = std::nullopt);
  // The host's day (hosts of the centre, admins): ServiceError{Forbidden} for anyone else.
  DayView day(const domain::Actor& actor, domain::CentreId centre, const std::string& date);
  // Check-in by the centre's host or an admin; by the holder with the day's code (`code`), from 30 minutes
  // before the half-day until it ends.
  domain::Booking check_in(const domain::Actor& actor, domain::BookingId id, const std::string& code);
  // The day's 6-digit check-in code of a centre (derived from a secret kept in the database).
  std::string checkin_code(domain::CentreId centre, domain::Date date);
  // Bookings not checked in by their deadline become no-shows; their posts go to the waiting lists. Returns
  // how many were marked.
  int sweep_no_shows();

  // Queue for a half-day when every post is taken (ServiceError{Conflict, reason "not_full"} when one is free:
  // book it). A freed post goes to the first in line, who is told by e-mail.
  WaitView join_waiting_list(const domain::Actor& actor, domain::CentreId centre, const std::string& date,
                             const std::string& slot);
  void leave_waiting_list(const domain::Actor& actor, std::int64_t wait_id);
  std::vector<WaitView> my_waits(const domain::Actor& actor);

  // Calendar feeds: (person bookings or centre bookings) as iCalendar text, by token; nullopt for an unknown or
  // revoked token.
  std::optional<std::string> feed(const std::string& token);
  // A centre's feed token for its hosts and admins (created on first use).
  std::string centre_feed_token(const domain::Actor& actor, domain::CentreId centre);

  // The token of the caller's calendar feed, created on first use; renew revokes it and makes another.
  std::string personal_feed_token(const domain::Actor& actor);
  std::string renew_personal_feed(const domain::Actor& actor);
  // nullopt when it does not exist or the caller may not see it.
  std::optional<BookingView> get(const domain::Actor& actor, domain::BookingId id);

 private:
  std::shared_ptr<const domain::TimeZone> zone_of(const domain::Centre& c) const;
  const domain::Centre& centre_or_throw(const DirectorySnapshot& snap, domain::CentreId id) const;
  domain::PersonId beneficiary(const domain::Actor& actor, const domain::Centre& c,
                               std::optional<domain::PersonId> for_person) const;
  std::optional<domain::Refusal> admission(store::Transaction& tx, const domain::Actor& actor, const domain::Centre& c,
                                           domain::PersonId person) const;
  void activate_application(store::Transaction& tx, const domain::Centre& c, domain::PersonId person,
                            domain::PersonId by) const;
  // Decides and inserts one booking inside `tx`; refusal when it cannot.
  std::variant<domain::Booking, domain::Refusal> place(store::Transaction& tx, const domain::Centre& c,
                                                       const domain::BookingRules& rules, const domain::TimeZone& zone,
                                                       domain::PersonId person, domain::PersonId by,
                                                       std::optional<domain::PostId> post, domain::Date date,
                                                       domain::Slot slot, std::optional<domain::SeriesId> series,
                                                       const std::string& now, bool from_waiting_list = false);
  // After a post was freed for (centre, date, slot): books it for the first waiting person who may have it,
  // tells them by e-mail, all inside `tx`.
  void serve_waiting_list(store::Transaction& tx, const domain::Centre& c, domain::Date date, domain::Slot slot);
  // cancel() inside `tx`, which the caller commits.
  domain::Booking cancel_in(store::Transaction& tx, const DirectorySnapshot& snap, const domain::Actor& actor,
                            domain::BookingId id, const std::string& reason);
  std::string feed_text(store::Transaction& tx, const DirectorySnapshot& snap, const store::CalendarFeed& f);
  // `person_name` is shown to the centre's staff only; callers read names in one batch (names_of).
  static BookingView view(const DirectorySnapshot& snap, const domain::Booking& b, std::string person_name = {});
  static std::map<std::int64_t, std::string> names_of(store::Transaction& tx,
                                                      const std::vector<domain::Booking>& bookings);
  static std::string name_in(const std::map<std::int64_t, std::string>& names, std::int64_t person);
  bool may_manage(const domain::Actor& actor, domain::CentreId centre) const {
    return actor.is_admin() || actor.hosts(centre);
  }

  store::Store& store_;
  Directory& directory_;
  Clock clock_;
  std::mutex rules_mutex_;
  domain::BookingRules cached_rules_;
  std::optional<domain::Timestamp> rules_read_at_;
};

// The ServiceError a refusal becomes (409 or 422, French and English, machine reason).
[[noreturn]] void throw_refusal(domain::Refusal r);

}  // namespace tc::service
