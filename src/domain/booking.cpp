#include "domain/booking.h"

#include <algorithm>
#include <array>
#include <set>

#include "domain/holidays.h"

namespace tc::domain {

std::optional<Slot> parse_slot(std::string_view s) {
  if (s == "morning") return Slot::Morning;
  if (s == "afternoon") return Slot::Afternoon;
  return std::nullopt;
}

std::optional<std::vector<Slot>> parse_slot_choice(std::string_view s) {
  if (s == "day") return std::vector<Slot>{Slot::Morning, Slot::Afternoon};
  if (auto one = parse_slot(s)) return std::vector<Slot>{*one};
  return std::nullopt;
}

std::string_view label_fr(Slot s) { return s == Slot::Morning ? "Matin" : "Après-midi"; }
std::string_view label_en(Slot s) { return s == Slot::Morning ? "Morning" : "Afternoon"; }

namespace {
constexpr std::array kStatuses{BookingStatus::Booked, BookingStatus::CheckedIn, BookingStatus::Cancelled,
                               BookingStatus::NoShow};
}

std::string_view to_string(BookingStatus s) {
  switch (s) {
    case BookingStatus::Booked: return "booked";
    case BookingStatus::CheckedIn: return "checked_in";
    case BookingStatus::Cancelled: return "cancelled";
    case BookingStatus::NoShow: return "no_show";
  }
  return "booked";
}

std::optional<BookingStatus> parse_booking_status(std::string_view s) {
  for (BookingStatus b : kStatuses)
    if (to_string(b) == s) return b;
  return std::nullopt;
}

std::string_view label_fr(BookingStatus s) {
  switch (s) {
    case BookingStatus::Booked: return "Réservé";
    case BookingStatus::CheckedIn: return "Présent";
    case BookingStatus::Cancelled: return "Annulé";
    case BookingStatus::NoShow: return "Absent";
  }
  return "Réservé";
}

std::string_view label_en(BookingStatus s) {
  switch (s) {
    case BookingStatus::Booked: return "Booked";
    case BookingStatus::CheckedIn: return "Checked in";
    case BookingStatus::Cancelled: return "Cancelled";
    case BookingStatus::NoShow: return "No-show";
  }
  return "Booked";
}

bool holds_post(BookingStatus s) { return s == BookingStatus::Booked || s == BookingStatus::CheckedIn; }

std::string_view to_string(ClosedReason r) {
  switch (r) {
    case ClosedReason::NotInService: return "not_in_service";
    case ClosedReason::NoHours: return "no_hours";
    case ClosedReason::Closure: return "closure";
    case ClosedReason::PublicHoliday: return "public_holiday";
  }
  return "no_hours";
}

SlotOpening slot_opening(const Centre& c, Date date, Slot slot) {
  SlotOpening out;
  if (c.status != CentreStatus::InService) {
    out.closed = ClosedReason::NotInService;
    return out;
  }
  for (const Closure& cl : c.closures) {
    if (!(date < cl.from) && date < cl.to) {
      out.closed = ClosedReason::Closure;
      out.detail = cl.reason;
      return out;
    }
  }
  if (!c.open_on_public_holidays) {
    if (auto h = french_public_holiday(date)) {
      out.closed = ClosedReason::PublicHoliday;
      out.detail = std::string(h->name_fr);
      return out;
    }
  }
  const int weekday = date.iso_weekday();
  for (const OpeningSlot& h : c.hours) {
    if (h.weekday == weekday && h.slot == slot) {
      out.hours = h;
      return out;
    }
  }
  out.closed = ClosedReason::NoHours;
  return out;
}

std::string_view to_string(Refusal r) {
  switch (r) {
    case Refusal::NotAdmitted: return "not_admitted";
    case Refusal::Closed: return "closed";
    case Refusal::Started: return "started";
    case Refusal::TooLate: return "too_late";
    case Refusal::TooFar: return "too_far";
    case Refusal::OverQuota: return "over_quota";
    case Refusal::Full: return "full";
    case Refusal::PostUnknown: return "post_unknown";
    case Refusal::PostTaken: return "post_taken";
    case Refusal::AlreadyBooked: return "already_booked";
  }
  return "closed";
}

std::string message_fr(Refusal r) {
  switch (r) {
    case Refusal::NotAdmitted:
      return "Réserver dans ce télécentre demande une candidature acceptée : déposez-en une ou attendez la réponse.";
    case Refusal::Closed: return "Le télécentre est fermé sur ce créneau.";
    case Refusal::Started: return "Ce créneau a déjà commencé ou est passé.";
    case Refusal::TooLate: return "Le délai de prévenance de ce télécentre est dépassé pour ce créneau.";
    case Refusal::TooFar: return "Cette date est au-delà de l'horizon de réservation du télécentre.";
    case Refusal::OverQuota: return "Vous avez atteint le maximum de demi-journées réservables cette semaine.";
    case Refusal::Full: return "Tous les postes sont pris sur ce créneau.";
    case Refusal::PostUnknown: return "Ce poste n'existe pas dans ce télécentre.";
    case Refusal::PostTaken: return "Ce poste est déjà réservé sur ce créneau.";
    case Refusal::AlreadyBooked: return "Vous avez déjà un poste réservé dans ce télécentre sur ce créneau.";
  }
  return "Réservation impossible.";
}

std::string message_en(Refusal r) {
  switch (r) {
    case Refusal::NotAdmitted: return "Booking at this telecentre needs an accepted application.";
    case Refusal::Closed: return "The telecentre is closed for this slot.";
    case Refusal::Started: return "This slot has started or is over.";
    case Refusal::TooLate: return "This slot is within the telecentre's minimum notice.";
    case Refusal::TooFar: return "This date is beyond the telecentre's booking horizon.";
    case Refusal::OverQuota: return "You have reached the maximum number of half-days for this week.";
    case Refusal::Full: return "Every post is taken for this slot.";
    case Refusal::PostUnknown: return "This post is not one of the telecentre's.";
    case Refusal::PostTaken: return "This post is already booked for this slot.";
    case Refusal::AlreadyBooked: return "You already hold a post at this telecentre for this slot.";
  }
  return "Booking refused.";
}

std::optional<Refusal> check_timing(const Centre& c, const BookingRules& rules, const TimeZone& zone, Date date,
                                    Slot slot, Timestamp now) {
  const SlotOpening opening = slot_opening(c, date, slot);
  if (!opening.open()) return Refusal::Closed;
  const Timestamp starts = zone.instant(date, opening.hours->open_minute);
  if (!(now < starts)) return Refusal::Started;
  if (starts.unix_seconds - now.unix_seconds < std::int64_t{rules.min_notice_minutes} * 60) return Refusal::TooLate;
  if (zone.local_date(now).plus_days(rules.horizon_days) < date) return Refusal::TooFar;
  return std::nullopt;
}

Date week_start(Date d) { return d.plus_days(1 - d.iso_weekday()); }

namespace {
// The hours a booking's slot had; when the centre no longer opens then (hours changed since), the half-day's
// conventional bounds.
OpeningSlot hours_of(const Centre& c, Date date, Slot slot) {
  const int weekday = date.iso_weekday();
  for (const OpeningSlot& h : c.hours)
    if (h.weekday == weekday && h.slot == slot) return h;
  return slot == Slot::Morning ? OpeningSlot{weekday, slot, 8 * 60, 12 * 60}
                               : OpeningSlot{weekday, slot, 13 * 60 + 30, 18 * 60};
}
}  // namespace

bool may_cancel(const Centre& c, const TimeZone& zone, const Booking& b, Timestamp now, bool as_staff) {
  if (!holds_post(b.status)) return false;
  const OpeningSlot h = hours_of(c, b.date, b.slot);
  const Timestamp limit = zone.instant(b.date, as_staff ? h.close_minute : h.open_minute);
  return now < limit;
}

Timestamp no_show_deadline(const BookingRules& rules, const TimeZone& zone, Date date, Slot slot) {
  return zone.instant(date, slot == Slot::Morning ? rules.no_show_morning_minute : rules.no_show_afternoon_minute);
}

bool may_check_in(const Centre& c, const TimeZone& zone, const Booking& b, Timestamp now) {
  if (b.status != BookingStatus::Booked) return false;
  const OpeningSlot h = hours_of(c, b.date, b.slot);
  const Timestamp from{zone.instant(b.date, h.open_minute).unix_seconds - std::int64_t{30} * 60};
  return !(now < from) && now < zone.instant(b.date, h.close_minute);
}

std::vector<std::string> validate(const WeeklyPattern& p) {
  std::vector<std::string> problems;
  if (p.entries.empty()) problems.emplace_back("Choisissez au moins un jour et un créneau.");
  for (const auto& e : p.entries)
    if (e.weekday < 1 || e.weekday > 7) problems.emplace_back("Jour de la semaine invalide.");
  if (p.to < p.from)
    problems.emplace_back("La date de fin doit suivre la date de début.");
  else if (p.to.days_since_epoch() - p.from.days_since_epoch() >= kMaxSeriesDays)
    problems.emplace_back("Une série couvre au plus " + std::to_string(kMaxSeriesDays) + " jours.");
  return problems;
}

std::vector<std::pair<Date, Slot>> occurrences(const WeeklyPattern& p) {
  std::vector<std::pair<Date, Slot>> out;
  if (!validate(p).empty()) return out;
  const std::set<WeeklyPattern::Entry> wanted(p.entries.begin(), p.entries.end());
  for (Date d = p.from; !(p.to < d); d = d.plus_days(1)) {
    const int weekday = d.iso_weekday();
    for (Slot s : {Slot::Morning, Slot::Afternoon})
      if (wanted.contains({weekday, s})) out.emplace_back(d, s);
  }
  return out;
}

std::optional<PostId> first_free_post(const Centre& c, const std::vector<PostId>& taken) {
  for (const Office& o : c.offices)
    for (const Post& p : o.posts)
      if (std::find(taken.begin(), taken.end(), p.id) == taken.end()) return p.id;
  return std::nullopt;
}

bool has_post(const Centre& c, PostId post) {
  for (const Office& o : c.offices)
    for (const Post& p : o.posts)
      if (p.id == post) return true;
  return false;
}

}  // namespace tc::domain
