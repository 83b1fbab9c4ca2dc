// A civil date (no time, no zone): the unit the field reasons in ("the morning of 12 March").
// Stored and exchanged as ISO 8601 text, YYYY-MM-DD.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace tc::domain {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  auto operator<=>(const Date&) const = default;  // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads <=>

  std::string iso() const;
  // Days since 1970-01-01 (proleptic Gregorian), for arithmetic and weekdays.
  long days_since_epoch() const;
  static Date from_days(long days);
  int iso_weekday() const;  // 1 = Monday … 7 = Sunday
  Date plus_days(long n) const { return from_days(days_since_epoch() + n); }
};

// Accepts exactly YYYY-MM-DD with a real calendar day.
std::optional<Date> parse_date(std::string_view s);

}  // namespace tc::domain
