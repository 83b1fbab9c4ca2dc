#include "web/pages/bookings_words.h"

#include <array>
#include <utility>

#include "domain/holidays.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using domain::Refusal;

constexpr std::array kRefusals{Refusal::NotAdmitted, Refusal::Closed,       Refusal::Started, Refusal::TooLate,
                               Refusal::TooFar,      Refusal::OverQuota,    Refusal::Full,    Refusal::PostUnknown,
                               Refusal::PostTaken,   Refusal::AlreadyBooked};

std::optional<Refusal> refusal_of(std::string_view code) {
  for (Refusal r : kRefusals)
    if (domain::to_string(r) == code) return r;
  return std::nullopt;
}

// The service's other machine reasons, and the pages' own codes: each has its words in i18n.cpp under
// "bookings.refused.<code>".
constexpr std::array<std::string_view, 6> kOtherCodes{"already_waiting", "not_full",          kRefusedAlreadyClosed,
                                                      kRefusedStarted,   kRefusedCheckInTime, kRefusedOther};

// Letters for a series' results in an address: booked, rolled back, then the refusals in kRefusals' order.
constexpr std::array<std::pair<char, std::string_view>, 12> kLetters{{{'R', "booked"},
                                                                      {'N', "not_booked"},
                                                                      {'a', "not_admitted"},
                                                                      {'c', "closed"},
                                                                      {'s', "started"},
                                                                      {'l', "too_late"},
                                                                      {'h', "too_far"},
                                                                      {'q', "over_quota"},
                                                                      {'f', "full"},
                                                                      {'u', "post_unknown"},
                                                                      {'t', "post_taken"},
                                                                      {'d', "already_booked"}}};

}  // namespace

std::string weekday_name(int iso_weekday, Lang lang) {
  return std::string(tr(lang, "day." + std::to_string(iso_weekday)));
}

std::string weekday_date(domain::Date d, Lang lang, bool with_year) {
  std::string day = weekday_name(d.iso_weekday(), lang);
  // French writes weekdays in lower case inside a phrase; every French weekday begins with an ASCII letter.
  if (lang == Lang::Fr && !day.empty() && day[0] >= 'A' && day[0] <= 'Z')
    day[0] = static_cast<char>(day[0] - 'A' + 'a');
  const std::string number = lang == Lang::Fr && d.day == 1 ? "1er" : std::to_string(d.day);
  std::string out = day + " " + number + " " + std::string(tr(lang, "month." + std::to_string(d.month)));
  if (with_year) out += " " + std::to_string(d.year);
  return out;
}

std::string slot_label(domain::Slot s, Lang lang) {
  return std::string(tr(lang, s == domain::Slot::Morning ? "hours.morning" : "hours.afternoon"));
}

std::string slot_in_sentence(domain::Slot s, Lang lang) {
  return std::string(tr(lang, s == domain::Slot::Morning ? "bookings.slot.morning" : "bookings.slot.afternoon"));
}

std::string booking_status_label(domain::BookingStatus s, Lang lang) {
  return std::string(tr(lang, "bookings.status." + std::string(domain::to_string(s))));
}

std::string closed_text(const domain::SlotOpening& opening, domain::Date date, Lang lang) {
  std::string reason;
  if (opening.closed == domain::ClosedReason::PublicHoliday) {
    const auto holiday = domain::french_public_holiday(date);
    reason = holiday ? std::string(lang == Lang::En ? holiday->name_en : holiday->name_fr) : opening.detail;
  } else if (opening.closed == domain::ClosedReason::Closure) {
    reason = opening.detail;
  }
  if (reason.empty()) return std::string(tr(lang, "bookings.cell.closed"));
  return format_message(lang, "bookings.cell.closed_because", {{"reason", reason}});
}

std::string availability_text(const service::SlotAvailability& a, Lang lang) {
  if (!a.opening.open()) return closed_text(a.opening, a.date, lang);
  if (a.posts_free <= 0) return std::string(tr(lang, "bookings.cell.full"));
  return format_count(lang, "bookings.cell.free", a.posts_free, {{"total", std::to_string(a.posts_total)}});
}

std::string_view availability_kind(const service::SlotAvailability& a) {
  if (!a.opening.open()) return "closed";
  return a.posts_free > 0 ? "free" : "full";
}

std::string refusal_code(const service::ServiceError& e, std::string_view fallback) {
  if (refusal_of(e.reason)) return e.reason;
  for (std::string_view known : kOtherCodes)
    if (e.reason == known) return e.reason;
  return std::string(fallback);
}

std::string refusal_text(std::string_view code, Lang lang) {
  if (const auto r = refusal_of(code)) return lang == Lang::En ? domain::message_en(*r) : domain::message_fr(*r);
  for (std::string_view known : kOtherCodes)
    if (code == known) return std::string(tr(lang, "bookings.refused." + std::string(code)));
  return std::string(tr(lang, "bookings.refused.other"));
}

char refusal_letter(std::string_view code) {
  for (const auto& [letter, name] : kLetters)
    if (name == code) return letter;
  return '?';
}

std::string refusal_of_letter(char letter) {
  for (const auto& [l, name] : kLetters)
    if (l == letter) return std::string(name);
  return std::string(kRefusedOther);
}

}  // namespace tc::web
