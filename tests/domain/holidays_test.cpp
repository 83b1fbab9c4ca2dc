#include "domain/holidays.h"

#include <gtest/gtest.h>

#include <algorithm>

using tc::domain::Date;

TEST(Holidays, EasterSundayMatchesKnownYears) {
  EXPECT_EQ(tc::domain::easter_sunday(2024), (Date{2024, 3, 31}));
  EXPECT_EQ(tc::domain::easter_sunday(2025), (Date{2025, 4, 20}));
  EXPECT_EQ(tc::domain::easter_sunday(2026), (Date{2026, 4, 5}));
  EXPECT_EQ(tc::domain::easter_sunday(2027), (Date{2027, 3, 28}));
  EXPECT_EQ(tc::domain::easter_sunday(2038), (Date{2038, 4, 25}));  // latest possible
  EXPECT_EQ(tc::domain::easter_sunday(2285), (Date{2285, 3, 22}));  // earliest possible
}

TEST(Holidays, ElevenNationalDaysIncludingTheMovableOnes) {
  const auto days = tc::domain::french_public_holidays(2026);
  ASSERT_EQ(days.size(), 11U);
  EXPECT_EQ(days.front().date, (Date{2026, 1, 1}));
  EXPECT_EQ(days.back().date, (Date{2026, 12, 25}));
  auto on = [](Date d) { return tc::domain::french_public_holiday(d); };
  ASSERT_TRUE(on({2026, 4, 6}));
  EXPECT_EQ(on({2026, 4, 6})->name_fr, "Lundi de Pâques");
  ASSERT_TRUE(on({2026, 5, 14}));
  EXPECT_EQ(on({2026, 5, 14})->name_en, "Ascension Day");
  ASSERT_TRUE(on({2026, 5, 25}));
  EXPECT_EQ(on({2026, 5, 25})->name_fr, "Lundi de Pentecôte");
  EXPECT_TRUE(on({2026, 7, 14}));
  EXPECT_FALSE(on({2026, 4, 5}));  // Easter Sunday itself is a Sunday, not a listed holiday
  EXPECT_FALSE(on({2026, 12, 26}));
  for (std::size_t i = 1; i < days.size(); ++i) EXPECT_LE(days[i - 1].date, days[i].date);
}

TEST(Holidays, AscensionOnMayDayStaysListedTwice) {
  // In 2008 Ascension fell on 1 May.
  const auto days = tc::domain::french_public_holidays(2008);
  int on_may_day = 0;
  for (const auto& d : days) on_may_day += d.date == Date{2008, 5, 1} ? 1 : 0;
  EXPECT_EQ(on_may_day, 2);
}

TEST(Holidays, TheDayByDayAnswerAgreesWithTheYearsListOverTwoCenturies) {
  int found = 0;
  for (int year = 1950; year <= 2150; ++year) {
    const auto list = tc::domain::french_public_holidays(year);
    for (Date d{year, 1, 1}; d.year == year; d = d.plus_days(1)) {
      const auto in_list = std::find_if(list.begin(), list.end(), [&](const auto& h) { return h.date == d; });
      const auto on = tc::domain::french_public_holiday(d);
      ASSERT_EQ(on.has_value(), in_list != list.end()) << d.iso();
      if (on) {
        EXPECT_EQ(on->name_fr, in_list->name_fr) << d.iso();
        ++found;
      }
    }
  }
  EXPECT_GE(found, 201 * 10);  // eleven a year, fewer when Ascension falls on 1 or 8 May
}
