#include "domain/occupancy.h"

#include <gtest/gtest.h>

namespace tc::domain {
namespace {

// Open Monday to Friday, morning and afternoon; closed on public holidays (the default).
Centre weekday_centre(CentreStatus status = CentreStatus::InService) {
  Centre c;
  c.id = 3;
  c.status = status;
  c.offices = {{1, "Bureau 1", {{11, "Poste 1"}, {12, "Poste 2"}}}};
  for (int wd = 1; wd <= 5; ++wd) {
    c.hours.push_back({wd, Slot::Morning, 8 * 60 + 30, 12 * 60});
    c.hours.push_back({wd, Slot::Afternoon, 13 * 60 + 30, 18 * 60});
  }
  return c;
}

OccupancyAgreement agreement(Date from, std::optional<Date> to, std::optional<Date> ended_on = std::nullopt) {
  OccupancyAgreement a;
  a.id = 1;
  a.centre_id = 3;
  a.post_id = 11;
  a.person_id = 42;
  a.from = from;
  a.to = to;
  a.ended_on = ended_on;
  return a;
}

constexpr Date kMarch1{2025, 3, 1};
constexpr Date kMarch31{2025, 3, 31};

// ---- the threshold ----

TEST(OccupancyJudgeTest, ExactlyAQuarterCounts) {
  const OccupancyRule rule;  // agreements count, 25 %
  EXPECT_EQ(rule.booked_share_percent, 25);
  EXPECT_EQ(judge(rule, false, 40, 10), OccupiedBy::Bookings);  // 10 of 40 is exactly 25 %
  EXPECT_EQ(judge(rule, false, 40, 9), OccupiedBy::None);       // 22.5 %
  EXPECT_EQ(judge(rule, false, 40, 40), OccupiedBy::Bookings);
  EXPECT_EQ(judge(rule, false, 40, 0), OccupiedBy::None);
  EXPECT_EQ(judge(rule, false, 6, 2), OccupiedBy::Bookings);  // 33 %
  EXPECT_EQ(judge(rule, false, 6, 1), OccupiedBy::None);      // 16.7 %
  EXPECT_EQ(judge(rule, false, 7, 2), OccupiedBy::Bookings);  // 28.6 %: 1.75 is not a whole number of half-days
}

TEST(OccupancyJudgeTest, AgreementWinsWhenTheRulesetCountsIt) {
  OccupancyRule rule;
  EXPECT_EQ(judge(rule, true, 40, 0), OccupiedBy::Agreement);
  EXPECT_EQ(judge(rule, true, 40, 40), OccupiedBy::Agreement);  // the agreement is the stronger justification
  rule.agreements_count = false;
  EXPECT_EQ(judge(rule, true, 40, 0), OccupiedBy::None);
  EXPECT_EQ(judge(rule, true, 40, 10), OccupiedBy::Bookings);
}

TEST(OccupancyJudgeTest, OtherThresholdsAndDegenerateCases) {
  OccupancyRule rule{true, 50};
  EXPECT_EQ(judge(rule, false, 40, 20), OccupiedBy::Bookings);
  EXPECT_EQ(judge(rule, false, 40, 19), OccupiedBy::None);
  rule.booked_share_percent = 0;  // bookings never count
  EXPECT_EQ(judge(rule, false, 40, 40), OccupiedBy::None);
  rule.booked_share_percent = 25;
  EXPECT_EQ(judge(rule, false, 0, 0), OccupiedBy::None);  // never open: nothing to share
  EXPECT_EQ(judge(rule, false, 0, 3), OccupiedBy::None);
}

TEST(OccupancyJudgeTest, NamesAndCount) {
  EXPECT_EQ(to_string(OccupiedBy::None), "none");
  EXPECT_EQ(to_string(OccupiedBy::Agreement), "agreement");
  EXPECT_EQ(to_string(OccupiedBy::Bookings), "bookings");

  CentreOccupancy co;
  EXPECT_EQ(co.occupied(), 0);
  co.posts.resize(4);
  co.posts[0].by = OccupiedBy::Agreement;
  co.posts[1].by = OccupiedBy::None;
  co.posts[2].by = OccupiedBy::Bookings;
  co.posts[3].by = OccupiedBy::None;
  EXPECT_EQ(co.occupied(), 2);
}

// ---- open half-days ----

TEST(OpenHalfDaysTest, FourPlainWeeksAreFortyHalfDays) {
  // 3 to 28 March 2025 (and the weekends around): 20 working days, no public holiday.
  const Centre c = weekday_centre();
  EXPECT_EQ(open_half_days(c, Date{2025, 3, 3}, Date{2025, 3, 30}), 40);
  EXPECT_EQ(open_half_days(c, kMarch1, kMarch31), 42);  // 21 weekdays in March 2025
  // Then the 25 % rule: 10 booked half-days count, 9 do not.
  const int open = open_half_days(c, Date{2025, 3, 3}, Date{2025, 3, 30});
  EXPECT_EQ(judge(OccupancyRule{}, false, open, 10), OccupiedBy::Bookings);
  EXPECT_EQ(judge(OccupancyRule{}, false, open, 9), OccupiedBy::None);
}

TEST(OpenHalfDaysTest, WeekWithAPublicHolidayAndAClosure) {
  // Monday 5 to Sunday 11 May 2025: Thursday 8 May is Victoire 1945; the centre closes on Friday 9 ("pont").
  Centre c = weekday_centre();
  const Date mon{2025, 5, 5};
  const Date sun{2025, 5, 11};
  EXPECT_EQ(open_half_days(c, mon, sun), 8);  // the holiday alone
  c.closures.push_back({Date{2025, 5, 9}, Date{2025, 5, 10}, "Pont de l'Ascension"});
  EXPECT_EQ(open_half_days(c, mon, sun), 6);  // Monday to Wednesday
  c.open_on_public_holidays = true;
  EXPECT_EQ(open_half_days(c, mon, sun), 8);  // Thursday back, Friday still closed
}

TEST(OpenHalfDaysTest, ClosureEndIsExclusive) {
  Centre c = weekday_centre();
  // [Monday 3, Wednesday 5 March 2025): Monday and Tuesday closed, Wednesday open.
  c.closures.push_back({Date{2025, 3, 3}, Date{2025, 3, 5}, "Travaux"});
  EXPECT_EQ(open_half_days(c, Date{2025, 3, 3}, Date{2025, 3, 7}), 6);
}

TEST(OpenHalfDaysTest, OnlyTheHoursItKeeps) {
  Centre c;
  c.status = CentreStatus::InService;
  c.hours = {{1, Slot::Morning, 9 * 60, 12 * 60}, {3, Slot::Afternoon, 14 * 60, 17 * 60}};
  EXPECT_EQ(open_half_days(c, Date{2025, 3, 3}, Date{2025, 3, 9}), 2);
  c.hours.clear();
  EXPECT_EQ(open_half_days(c, Date{2025, 3, 3}, Date{2025, 3, 9}), 0);
}

TEST(OpenHalfDaysTest, WhateverTheStatus) {
  for (auto status : {CentreStatus::Planned, CentreStatus::Opening, CentreStatus::InService, CentreStatus::Closed})
    EXPECT_EQ(open_half_days(weekday_centre(status), Date{2025, 3, 3}, Date{2025, 3, 30}), 40) << to_string(status);
}

TEST(OpenHalfDaysTest, SingleDayAndEmptyPeriod) {
  const Centre c = weekday_centre();
  EXPECT_EQ(open_half_days(c, Date{2025, 3, 3}, Date{2025, 3, 3}), 2);      // a Monday
  EXPECT_EQ(open_half_days(c, Date{2025, 3, 8}, Date{2025, 3, 8}), 0);      // a Saturday
  EXPECT_EQ(open_half_days(c, Date{2025, 3, 10}, Date{2025, 3, 3}), 0);     // reversed
  EXPECT_EQ(open_half_days(c, Date{2025, 12, 25}, Date{2025, 12, 25}), 0);  // Christmas, a Thursday
}

// ---- agreements ----

TEST(OccupancyAgreementTest, LastDayIsTheEarlierOfTermAndEnding) {
  EXPECT_EQ(agreement(kMarch1, std::nullopt).last_day(), std::nullopt);
  EXPECT_EQ(agreement(kMarch1, kMarch31).last_day(), kMarch31);
  EXPECT_EQ(agreement(kMarch1, std::nullopt, Date{2025, 3, 10}).last_day(), (Date{2025, 3, 10}));
  EXPECT_EQ(agreement(kMarch1, kMarch31, Date{2025, 3, 10}).last_day(), (Date{2025, 3, 10}));
  EXPECT_EQ(agreement(kMarch1, Date{2025, 3, 10}, kMarch31).last_day(), (Date{2025, 3, 10}));
}

TEST(OccupancyAgreementTest, ActiveOnItsDaysOnly) {
  const auto a = agreement(kMarch1, kMarch31, Date{2025, 3, 15});
  EXPECT_FALSE(a.active_on(Date{2025, 2, 28}));
  EXPECT_TRUE(a.active_on(kMarch1));
  EXPECT_TRUE(a.active_on(Date{2025, 3, 15}));
  EXPECT_FALSE(a.active_on(Date{2025, 3, 16}));
  const auto open = agreement(kMarch1, std::nullopt);
  EXPECT_TRUE(open.active_on(Date{2040, 1, 1}));
  EXPECT_FALSE(open.active_on(Date{2025, 2, 28}));
}

TEST(OccupancyAgreementTest, OverlapByOneDayCounts) {
  // Ends on the period's first day.
  EXPECT_TRUE(agreement(Date{2025, 1, 1}, kMarch1).overlaps(kMarch1, kMarch31));
  // Starts on its last day.
  EXPECT_TRUE(agreement(kMarch31, std::nullopt).overlaps(kMarch1, kMarch31));
  EXPECT_TRUE(agreement(kMarch31, Date{2025, 6, 30}).overlaps(kMarch1, kMarch31));
  // Ended early on the period's first day.
  EXPECT_TRUE(agreement(Date{2024, 1, 1}, std::nullopt, kMarch1).overlaps(kMarch1, kMarch31));
  // Covers the whole period and more.
  EXPECT_TRUE(agreement(Date{2024, 1, 1}, std::nullopt).overlaps(kMarch1, kMarch31));
}

TEST(OccupancyAgreementTest, NoOverlapOutsideThePeriod) {
  // Ended the day before.
  EXPECT_FALSE(agreement(Date{2025, 1, 1}, Date{2025, 2, 28}).overlaps(kMarch1, kMarch31));
  // Signed until December, but ended before the period.
  EXPECT_FALSE(agreement(Date{2024, 1, 1}, Date{2025, 12, 31}, Date{2025, 2, 15}).overlaps(kMarch1, kMarch31));
  EXPECT_FALSE(agreement(Date{2024, 1, 1}, std::nullopt, Date{2025, 2, 28}).overlaps(kMarch1, kMarch31));
  // Starts the day after.
  EXPECT_FALSE(agreement(Date{2025, 4, 1}, std::nullopt).overlaps(kMarch1, kMarch31));
}

TEST(OccupancyAgreementTest, Validation) {
  EXPECT_TRUE(validate(agreement(kMarch1, kMarch31)).empty());
  EXPECT_TRUE(validate(agreement(kMarch1, kMarch1)).empty());  // a one-day agreement
  EXPECT_TRUE(validate(agreement(kMarch1, std::nullopt, kMarch1)).empty());

  auto a = agreement(kMarch31, kMarch1);
  auto errors = validate(a);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "to");

  a = agreement(kMarch31, std::nullopt, kMarch1);
  errors = validate(a);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "ended_on");

  a = agreement(kMarch1, kMarch31);
  a.post_id = 0;
  a.person_id = 0;
  errors = validate(a);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "post_id");
  EXPECT_EQ(errors[1].field, "person_id");
}

TEST(OccupancyAgreementTest, TwoAgreementsOfAPost) {
  const auto jan_mar = agreement(Date{2025, 1, 1}, kMarch1);
  EXPECT_TRUE(overlap(jan_mar, agreement(kMarch1, std::nullopt)));  // a shared day
  EXPECT_TRUE(overlap(agreement(kMarch1, std::nullopt), jan_mar));
  EXPECT_FALSE(overlap(jan_mar, agreement(Date{2025, 3, 2}, std::nullopt)));  // back to back
  EXPECT_FALSE(overlap(agreement(Date{2025, 3, 2}, std::nullopt), jan_mar));
  EXPECT_TRUE(overlap(agreement(Date{2025, 1, 1}, std::nullopt), agreement(Date{2030, 1, 1}, std::nullopt)));
  // Ending one early makes room for the next.
  const auto ended = agreement(Date{2025, 1, 1}, Date{2025, 12, 31}, Date{2025, 2, 28});
  EXPECT_FALSE(overlap(ended, agreement(kMarch1, kMarch31)));
  EXPECT_FALSE(overlap(agreement(kMarch1, kMarch31), ended));
}

// ---- status history ----

TEST(StatusOnTest, FromTheDatedHistory) {
  Centre c = weekday_centre(CentreStatus::Closed);
  c.history = {{CentreStatus::Planned, Date{2024, 1, 10}, ""},
               {CentreStatus::Opening, Date{2024, 3, 1}, ""},
               {CentreStatus::InService, Date{2024, 6, 1}, ""},
               {CentreStatus::Closed, Date{2025, 9, 30}, ""}};
  EXPECT_EQ(status_on(c, Date{2023, 12, 31}), CentreStatus::Planned);  // before the first entry
  EXPECT_EQ(status_on(c, Date{2024, 1, 10}), CentreStatus::Planned);
  EXPECT_EQ(status_on(c, Date{2024, 2, 29}), CentreStatus::Planned);
  EXPECT_EQ(status_on(c, Date{2024, 3, 1}), CentreStatus::Opening);  // the day it took effect
  EXPECT_EQ(status_on(c, Date{2024, 5, 31}), CentreStatus::Opening);
  EXPECT_EQ(status_on(c, Date{2024, 6, 1}), CentreStatus::InService);
  EXPECT_EQ(status_on(c, Date{2025, 9, 29}), CentreStatus::InService);
  EXPECT_EQ(status_on(c, Date{2025, 9, 30}), CentreStatus::Closed);
  EXPECT_EQ(status_on(c, Date{2030, 1, 1}), CentreStatus::Closed);
}

TEST(StatusOnTest, ChangeStatusRecordsWhatStatusOnReads) {
  Centre c = weekday_centre(CentreStatus::Planned);
  c.history = {{CentreStatus::Planned, Date{2025, 1, 1}, ""}};
  ASSERT_TRUE(change_status(c, CentreStatus::Opening, Date{2025, 2, 1}));
  ASSERT_TRUE(change_status(c, CentreStatus::InService, Date{2025, 3, 15}));
  EXPECT_EQ(status_on(c, Date{2025, 3, 14}), CentreStatus::Opening);
  EXPECT_EQ(status_on(c, Date{2025, 3, 15}), CentreStatus::InService);
}

TEST(StatusOnTest, WithoutHistoryTheCurrentStatus) {
  EXPECT_EQ(status_on(weekday_centre(CentreStatus::Opening), Date{2000, 1, 1}), CentreStatus::Opening);
  EXPECT_EQ(status_on(weekday_centre(CentreStatus::Closed), Date{2025, 1, 1}), CentreStatus::Closed);
}

// ---- ZRR classification ----

TEST(ZrrOnTest, NoChangeMeansTheReferenceFlag) {
  EXPECT_TRUE(zrr_on(true, {}, Date{2025, 1, 1}));
  EXPECT_FALSE(zrr_on(false, {}, Date{2025, 1, 1}));
}

TEST(ZrrOnTest, EntersTheZone) {
  const std::vector<ZrrChange> changes{{"15138", Date{2025, 3, 15}, true, "Arrêté du 1er mars 2025"}};
  for (bool reference : {false, true}) {  // with changes recorded, the reference list no longer decides
    EXPECT_FALSE(zrr_on(reference, changes, Date{2025, 3, 1}));  // before: the opposite of the change
    EXPECT_FALSE(zrr_on(reference, changes, Date{2025, 3, 14}));
    EXPECT_TRUE(zrr_on(reference, changes, Date{2025, 3, 15}));  // from its first day
    EXPECT_TRUE(zrr_on(reference, changes, Date{2026, 1, 1}));
  }
}

TEST(ZrrOnTest, LeavesTheZone) {
  const std::vector<ZrrChange> changes{{"15138", Date{2025, 3, 15}, false, ""}};
  EXPECT_TRUE(zrr_on(false, changes, Date{2025, 3, 14}));
  EXPECT_FALSE(zrr_on(true, changes, Date{2025, 3, 15}));
}

TEST(ZrrOnTest, TheLatestChangeOnOrBeforeTheDateWhateverTheOrder) {
  // Recorded out of order: out in 2017, back in 2021, out again in 2024.
  const std::vector<ZrrChange> changes{{"15138", Date{2021, 7, 1}, true, ""},
                                       {"15138", Date{2024, 1, 1}, false, ""},
                                       {"15138", Date{2017, 7, 1}, false, ""}};
  EXPECT_TRUE(zrr_on(false, changes, Date{2017, 6, 30}));  // before the first (2017, out): in
  EXPECT_FALSE(zrr_on(true, changes, Date{2017, 7, 1}));
  EXPECT_FALSE(zrr_on(true, changes, Date{2021, 6, 30}));
  EXPECT_TRUE(zrr_on(false, changes, Date{2021, 7, 1}));
  EXPECT_TRUE(zrr_on(false, changes, Date{2023, 12, 31}));
  EXPECT_FALSE(zrr_on(true, changes, Date{2024, 1, 1}));
  EXPECT_FALSE(zrr_on(true, changes, Date{2030, 1, 1}));
}

}  // namespace
}  // namespace tc::domain
