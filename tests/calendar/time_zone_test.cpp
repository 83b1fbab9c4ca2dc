#include "calendar/time_zone.h"

#include <gtest/gtest.h>

using tc::domain::Date;
using tc::domain::Timestamp;

namespace {
std::int64_t utc(Date d, int hour, int minute = 0) {
  return d.days_since_epoch() * 86400 + std::int64_t{hour} * 3600 + std::int64_t{minute} * 60;
}
}  // namespace

TEST(TimeZone, UnknownNamesAreRefused) {
  EXPECT_EQ(tc::calendar::find_zone("Europe/Nowhere"), nullptr);
  EXPECT_EQ(tc::calendar::find_zone(""), nullptr);
  ASSERT_NE(tc::calendar::find_zone("Europe/Paris"), nullptr);
  EXPECT_EQ(tc::calendar::find_zone("Europe/Paris")->name(), "Europe/Paris");
}

TEST(TimeZone, ParisAcrossTheSpringChange) {
  // Last Sunday of March 2026: clocks go from 02:00 to 03:00 (UTC+1 → UTC+2).
  const auto paris = tc::calendar::find_zone("Europe/Paris");
  EXPECT_EQ(paris->instant({2026, 3, 28}, 8 * 60 + 30).unix_seconds, utc({2026, 3, 28}, 7, 30));
  EXPECT_EQ(paris->instant({2026, 3, 29}, 8 * 60 + 30).unix_seconds, utc({2026, 3, 29}, 6, 30));
  EXPECT_EQ(paris->instant({2026, 3, 29}, 1 * 60 + 30).unix_seconds, utc({2026, 3, 29}, 0, 30));
  EXPECT_EQ(paris->instant({2026, 3, 30}, 14 * 60 + 30).unix_seconds, utc({2026, 3, 30}, 12, 30));
}

TEST(TimeZone, ParisAcrossTheAutumnChange) {
  // Last Sunday of October 2026: clocks go back from 03:00 to 02:00 (UTC+2 → UTC+1).
  const auto paris = tc::calendar::find_zone("Europe/Paris");
  EXPECT_EQ(paris->instant({2026, 10, 24}, 10 * 60).unix_seconds, utc({2026, 10, 24}, 8));
  EXPECT_EQ(paris->instant({2026, 10, 25}, 10 * 60).unix_seconds, utc({2026, 10, 25}, 9));
  EXPECT_EQ(paris->instant({2026, 10, 26}, 10 * 60).unix_seconds, utc({2026, 10, 26}, 9));
  // Local dates at instants around midnight.
  EXPECT_EQ(paris->local_date(Timestamp{utc({2026, 10, 24}, 22, 30)}), (Date{2026, 10, 25}));
  EXPECT_EQ(paris->local_date(Timestamp{utc({2026, 10, 25}, 22, 30)}), (Date{2026, 10, 25}));
  EXPECT_EQ(paris->local_date(Timestamp{utc({2026, 10, 25}, 23, 30)}), (Date{2026, 10, 26}));
}

TEST(TimeZone, OverseasCentreWithoutDaylightSaving) {
  // La Réunion is UTC+4 all year.
  const auto reunion = tc::calendar::find_zone("Indian/Reunion");
  ASSERT_NE(reunion, nullptr);
  EXPECT_EQ(reunion->instant({2026, 3, 29}, 8 * 60 + 30).unix_seconds, utc({2026, 3, 29}, 4, 30));
  EXPECT_EQ(reunion->instant({2026, 10, 25}, 8 * 60 + 30).unix_seconds, utc({2026, 10, 25}, 4, 30));
  EXPECT_EQ(reunion->local_date(Timestamp{utc({2026, 11, 30}, 21)}), (Date{2026, 12, 1}));
}
