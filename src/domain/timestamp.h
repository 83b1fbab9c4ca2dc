// An instant in UTC, to the second: when something happened (an application submitted, a decision taken).
// Civil dates of the field are `Date`s; timestamps are for records. The domain never reads a clock: callers
// hand it the instant.
//
// The one text form is ISO 8601 "YYYY-MM-DDTHH:MM:SSZ", exactly 20 characters. Being fixed-width, two such
// strings compare lexically in chronological order, which the waiting list and history checks rely on.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"

namespace tc::domain {

struct Timestamp {
  std::int64_t unix_seconds = 0;  // seconds since 1970-01-01T00:00:00Z, leap seconds ignored (POSIX time)

  auto operator<=>(const Timestamp&) const = default;  // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads <=>

  // "YYYY-MM-DDTHH:MM:SSZ"; meaningful for years 0000..9999.
  std::string iso() const;
  Date utc_date() const;
};

// Accepts exactly "YYYY-MM-DDTHH:MM:SSZ" with a real calendar day, hours 00..23, minutes and seconds 00..59.
// No fractions and no offsets: one spelling per instant, so the text form sorts.
std::optional<Timestamp> parse_timestamp(std::string_view s);

}  // namespace tc::domain
