#include "domain/date.h"

#include <gtest/gtest.h>

namespace tc::domain {
namespace {

TEST(DateTest, ParsesIsoDatesAndPrintsThemBack) {
  auto d = parse_date("2026-11-26");
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, (Date{2026, 11, 26}));
  EXPECT_EQ(d->iso(), "2026-11-26");
}

TEST(DateTest, RejectsImpossibleOrMalformedDates) {
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-11-2026", "2026/11/26",
                          "2026-1-26", "", "2026-11-26T10:00", "abcd-ef-gh", "2026-11-2x"})
    EXPECT_FALSE(parse_date(bad)) << bad;
  EXPECT_TRUE(parse_date("2024-02-29"));   // leap year
  EXPECT_FALSE(parse_date("1900-02-29"));  // century, not leap
  EXPECT_TRUE(parse_date("2000-02-29"));   // 400-year leap
}

TEST(DateTest, DayArithmeticCrossesMonthsYearsAndLeapDays) {
  EXPECT_EQ((Date{2024, 2, 28}).plus_days(1), (Date{2024, 2, 29}));
  EXPECT_EQ((Date{2026, 12, 31}).plus_days(1), (Date{2027, 1, 1}));
  EXPECT_EQ((Date{2026, 3, 1}).plus_days(-1), (Date{2026, 2, 28}));
  EXPECT_EQ((Date{1970, 1, 1}).days_since_epoch(), 0);
  for (long n = -1000; n < 100000; n += 37) EXPECT_EQ(Date::from_days(n).days_since_epoch(), n);
}

TEST(DateTest, IsoWeekdayIsMondayOne) {
  EXPECT_EQ((Date{2026, 11, 26}).iso_weekday(), 4);  // a Thursday
  EXPECT_EQ((Date{2026, 11, 30}).iso_weekday(), 1);  // Monday
  EXPECT_EQ((Date{2026, 11, 29}).iso_weekday(), 7);  // Sunday
  EXPECT_EQ((Date{1969, 12, 31}).iso_weekday(), 3);
}

TEST(DateTest, OrderingIsChronological) {
  EXPECT_LT((Date{2026, 1, 31}), (Date{2026, 2, 1}));
  EXPECT_LT((Date{2025, 12, 31}), (Date{2026, 1, 1}));
}

}  // namespace
}  // namespace tc::domain
