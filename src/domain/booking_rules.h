// Booking rules: how far ahead and how late one may book, the weekly quota, and when an unclaimed booking
// becomes a no-show. The network sets defaults; a centre may override any of them (kept with the centre).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tc::domain {

// The network's defaults, overridden per centre field by field.
struct BookingRules {
  int horizon_days = 90;               // the last bookable date is today + horizon_days (centre-local)
  int min_notice_minutes = 0;          // a slot may be booked until this long before it opens
  int max_half_days_per_week = 10;     // per person, per centre, per ISO week (Monday to Sunday)
  int no_show_morning_minute = 600;    // 10:00: a morning not checked in by then becomes a no-show
  int no_show_afternoon_minute = 870;  // 14:30
};

struct BookingRulesOverride {
  std::optional<int> horizon_days;
  std::optional<int> min_notice_minutes;
  std::optional<int> max_half_days_per_week;
  std::optional<int> no_show_morning_minute;
  std::optional<int> no_show_afternoon_minute;

  bool empty() const;
};

BookingRules apply(BookingRules network, const BookingRulesOverride& centre);
// Problems with a set of rules; empty means valid. French messages.
std::vector<std::string> validate(const BookingRules& r);

}  // namespace tc::domain
