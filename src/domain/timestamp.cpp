#include "domain/timestamp.h"

#include <cstdio>

namespace tc::domain {

namespace {
constexpr std::int64_t kSecondsPerDay = 86400;

// Floor division, so instants before 1970 fall on the right day.
std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

bool two_digits(std::string_view s, std::size_t pos, int max, int& out) {
  if (s[pos] < '0' || s[pos] > '9' || s[pos + 1] < '0' || s[pos + 1] > '9') return false;
  out = (s[pos] - '0') * 10 + (s[pos + 1] - '0');
  return out <= max;
}
}  // namespace

std::string Timestamp::iso() const {
  const std::int64_t days = floor_div(unix_seconds, kSecondsPerDay);
  const auto in_day = static_cast<int>(unix_seconds - days * kSecondsPerDay);
  const Date d = Date::from_days(static_cast<long>(days));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day, in_day / 3600,
                in_day / 60 % 60, in_day % 60);
  return buf;
}

Date Timestamp::utc_date() const { return Date::from_days(static_cast<long>(floor_div(unix_seconds, kSecondsPerDay))); }

std::optional<Timestamp> parse_timestamp(std::string_view s) {
  if (s.size() != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') return std::nullopt;
  const auto date = parse_date(s.substr(0, 10));
  int h = 0;
  int m = 0;
  int sec = 0;
  if (!date || !two_digits(s, 11, 23, h) || !two_digits(s, 14, 59, m) || !two_digits(s, 17, 59, sec))
    return std::nullopt;
  const std::int64_t in_day = std::int64_t{h} * 3600 + std::int64_t{m} * 60 + sec;
  return Timestamp{static_cast<std::int64_t>(date->days_since_epoch()) * kSecondsPerDay + in_day};
}

}  // namespace tc::domain
