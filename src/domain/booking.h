// Desk booking: a person holds a post of a centre for a half-day (a slot of a centre-local civil date). The rules
// here — when a slot is open, how far ahead and how late one may book, the weekly quota, when a booking may be
// cancelled and when it becomes a no-show — are the field's; which posts are taken is the store's business, and
// the one guarantee that matters (never two holders of a post for a slot) is enforced by the database.
//
// Times of day are minutes since the centre's local midnight; turning them into instants needs the centre's
// time zone, which the domain receives as a TimeZone (implemented over libical in calendar/), never reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/centre.h"
#include "domain/date.h"
#include "domain/person.h"
#include "domain/timestamp.h"

namespace tc::domain {

using BookingId = std::int64_t;
using SeriesId = std::int64_t;

std::optional<Slot> parse_slot(std::string_view s);  // "morning" | "afternoon"
// "morning" | "afternoon" | "day" (both slots, morning first); nullopt for anything else.
std::optional<std::vector<Slot>> parse_slot_choice(std::string_view s);
std::string_view label_fr(Slot s);  // "Matin", "Après-midi"
std::string_view label_en(Slot s);

// The conversion the booking rules need; implemented outside the domain (calendar/time_zone.h).
class TimeZone {
 public:
  virtual ~TimeZone() = default;
  virtual std::string name() const = 0;  // IANA name, e.g. "Europe/Paris"
  // The instant at which the local clock shows `minute` (since midnight) on `date`. A time skipped by a DST
  // change is taken as if the clocks had not changed yet (RFC 5545's rule).
  virtual Timestamp instant(Date date, int minute) const = 0;
  // The local civil date at an instant.
  virtual Date local_date(Timestamp t) const = 0;
};

enum class BookingStatus {
  Booked,     // holds the post
  CheckedIn,  // holds the post; the person came
  Cancelled,  // released before the slot, by the person, their host or an admin
  NoShow,     // not checked in by the deadline: the post is free again; kept for statistics
};
std::string_view to_string(BookingStatus s);
std::optional<BookingStatus> parse_booking_status(std::string_view s);
std::string_view label_fr(BookingStatus s);
std::string_view label_en(BookingStatus s);
// Booked and checked-in bookings hold their post; the database's unique index covers exactly these.
bool holds_post(BookingStatus s);

struct Booking {
  BookingId id = 0;
  CentreId centre_id = 0;
  PostId post_id = 0;
  PersonId person_id = 0;
  Date date;
  Slot slot = Slot::Morning;
  BookingStatus status = BookingStatus::Booked;
  std::optional<SeriesId> series_id;
  std::string created_at;   // "YYYY-MM-DDTHH:MM:SSZ"
  PersonId created_by = 0;  // the person, or the host/admin who booked for them
  std::string checked_in_at;
  std::string cancelled_at;
  PersonId cancelled_by = 0;
  std::string cancel_reason;
};

// Why a slot is closed, for people and for the API ("closed" with a detail).
enum class ClosedReason { NotInService, NoHours, Closure, PublicHoliday };
std::string_view to_string(ClosedReason r);  // "not_in_service", "no_hours", "closure", "public_holiday"

struct SlotOpening {
  std::optional<OpeningSlot> hours;    // set when open
  std::optional<ClosedReason> closed;  // set when closed
  std::string detail;                  // the closure's reason or the holiday's French name
  bool open() const { return hours.has_value(); }
};

// Whether the centre opens for `slot` on `date`: in service, hours for that weekday and slot, not within a
// closure, and not a French public holiday unless the centre opens on them.
SlotOpening slot_opening(const Centre& c, Date date, Slot slot);

// Why a booking request is refused, before the store is asked which posts are free.
enum class Refusal {
  NotAdmitted,    // no accepted or active application at that centre (and not booked by a host or admin)
  Closed,         // the centre does not open for that slot
  Started,        // the slot has started or is over
  TooLate,        // within the minimum notice
  TooFar,         // beyond the horizon
  OverQuota,      // the person's half-days that week would exceed the maximum
  Full,           // no post free
  PostUnknown,    // the post asked for is not one of the centre's
  PostTaken,      // the post asked for is held by someone else
  AlreadyBooked,  // the person already holds a post at that centre for that slot
};
std::string_view to_string(Refusal r);  // "not_admitted", "closed", …
std::string message_fr(Refusal r);
std::string message_en(Refusal r);

// Time checks for booking `slot` on `date` at `now`: closed, started, too late, too far. The slot starts when the
// centre opens for it.
std::optional<Refusal> check_timing(const Centre& c, const BookingRules& rules, const TimeZone& zone, Date date,
                                    Slot slot, Timestamp now);

// Monday of the ISO week holding `d`, and the following Monday (a half-open week).
Date week_start(Date d);

// A booking may be cancelled by its holder until its slot starts; hosts and admins until it ends.
bool may_cancel(const Centre& c, const TimeZone& zone, const Booking& b, Timestamp now, bool as_staff);

// The instant a booking of `slot` on `date` becomes a no-show when not checked in.
Timestamp no_show_deadline(const BookingRules& rules, const TimeZone& zone, Date date, Slot slot);

// Check-in is possible from 30 minutes before the slot opens until it closes.
bool may_check_in(const Centre& c, const TimeZone& zone, const Booking& b, Timestamp now);

// A weekly pattern: these weekday × slot pairs on every week between two dates (inclusive).
struct WeeklyPattern {
  struct Entry {
    int weekday = 1;  // ISO 1..7
    Slot slot = Slot::Morning;
    auto operator<=>(const Entry&) const = default;  // NOLINT(modernize-use-nullptr)
  };
  std::vector<Entry> entries;
  Date from;
  Date to;  // inclusive: "every Tuesday from 1 to 31 March"
};
inline constexpr int kMaxSeriesDays = 366;
// The (date, slot) occurrences in date then slot order; empty when the pattern is invalid (see validate).
std::vector<std::pair<Date, Slot>> occurrences(const WeeklyPattern& p);
std::vector<std::string> validate(const WeeklyPattern& p);

// The first post, in office then post order, that is not in `taken`.
std::optional<PostId> first_free_post(const Centre& c, const std::vector<PostId>& taken);
bool has_post(const Centre& c, PostId post);

}  // namespace tc::domain
