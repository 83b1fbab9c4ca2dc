// Civil-date arithmetic on "YYYY-MM-DD" strings, for HTTP tests that build request dates from what a server
// answered (the program's own Date type is not linked into them: they talk to it over HTTP only).
#pragma once

#include <time.h>

#include <ctime>
#include <string>

namespace tc::test {

// `iso` moved by `days` (negative: back), through timegm's normalisation of out-of-range days.
inline std::string plus_days(const std::string& iso, int days) {
  std::tm tm{};
  strptime(iso.c_str(), "%Y-%m-%d", &tm);
  tm.tm_mday += days;
  timegm(&tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// ISO weekday of `iso`: 1 = Monday … 7 = Sunday.
inline int iso_weekday(const std::string& iso) {
  std::tm tm{};
  strptime(iso.c_str(), "%Y-%m-%d", &tm);
  timegm(&tm);
  return tm.tm_wday == 0 ? 7 : tm.tm_wday;
}

}  // namespace tc::test
