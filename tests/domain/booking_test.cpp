#include "domain/booking.h"

#include <gtest/gtest.h>

using namespace tc::domain;

namespace {

// A zone with a fixed offset from UTC: the domain's rules do not depend on DST (tests/calendar covers real zones).
class FixedZone final : public TimeZone {
 public:
  explicit FixedZone(int offset_minutes) : offset_(offset_minutes) {}
  std::string name() const override { return "fixed"; }
  Timestamp instant(Date d, int minute) const override {
    return Timestamp{d.days_since_epoch() * 86400 + std::int64_t{minute - offset_} * 60};
  }
  Date local_date(Timestamp t) const override {
    const std::int64_t local = t.unix_seconds + std::int64_t{offset_} * 60;
    return Date::from_days(static_cast<long>(local >= 0 ? local / 86400 : (local - 86399) / 86400));
  }

 private:
  int offset_;
};

Centre open_centre() {
  Centre c;
  c.id = 7;
  c.status = CentreStatus::InService;
  c.offices = {{1, "Bureau 1", {{11, "Poste 1"}, {12, "Poste 2"}}}, {2, "Bureau 2", {{21, "Poste 3"}}}};
  for (int wd = 1; wd <= 5; ++wd) {
    c.hours.push_back({wd, Slot::Morning, 8 * 60 + 30, 12 * 60});
    c.hours.push_back({wd, Slot::Afternoon, 13 * 60 + 30, 18 * 60});
  }
  return c;
}

Timestamp at(const TimeZone& z, Date d, int hour, int minute = 0) { return z.instant(d, hour * 60 + minute); }

}  // namespace

TEST(BookingSlots, ParsesSlotsAndDays) {
  EXPECT_EQ(parse_slot("morning"), Slot::Morning);
  EXPECT_FALSE(parse_slot("day"));
  ASSERT_TRUE(parse_slot_choice("day"));
  EXPECT_EQ(parse_slot_choice("day")->size(), 2U);
  EXPECT_EQ(parse_slot_choice("afternoon")->front(), Slot::Afternoon);
  EXPECT_FALSE(parse_slot_choice("evening"));
  EXPECT_FALSE(parse_slot_choice("Morning"));
}

TEST(BookingSlots, StatusesRoundTripAndOnlyLiveOnesHoldAPost) {
  for (auto s : {BookingStatus::Booked, BookingStatus::CheckedIn, BookingStatus::Cancelled, BookingStatus::NoShow})
    EXPECT_EQ(parse_booking_status(to_string(s)), s);
  EXPECT_TRUE(holds_post(BookingStatus::Booked));
  EXPECT_TRUE(holds_post(BookingStatus::CheckedIn));
  EXPECT_FALSE(holds_post(BookingStatus::Cancelled));
  EXPECT_FALSE(holds_post(BookingStatus::NoShow));
}

TEST(SlotOpening, HoursClosuresHolidaysAndStatus) {
  Centre c = open_centre();
  EXPECT_TRUE(slot_opening(c, {2026, 12, 1}, Slot::Morning).open());                       // a Tuesday
  EXPECT_EQ(slot_opening(c, {2026, 12, 5}, Slot::Morning).closed, ClosedReason::NoHours);  // Saturday
  auto holiday = slot_opening(c, {2026, 5, 14}, Slot::Afternoon);                          // Ascension, a Thursday
  EXPECT_EQ(holiday.closed, ClosedReason::PublicHoliday);
  EXPECT_EQ(holiday.detail, "Ascension");
  c.open_on_public_holidays = true;
  EXPECT_TRUE(slot_opening(c, {2026, 5, 14}, Slot::Afternoon).open());
  c.closures.push_back({{2026, 12, 21}, {2027, 1, 4}, "Congés de fin d'année"});
  EXPECT_EQ(slot_opening(c, {2026, 12, 21}, Slot::Morning).closed, ClosedReason::Closure);
  EXPECT_EQ(slot_opening(c, {2027, 1, 1}, Slot::Morning).detail, "Congés de fin d'année");
  EXPECT_TRUE(slot_opening(c, {2027, 1, 4}, Slot::Morning).open());  // closures are half-open
  EXPECT_TRUE(slot_opening(c, {2026, 12, 18}, Slot::Afternoon).open());
  c.status = CentreStatus::Opening;
  EXPECT_EQ(slot_opening(c, {2026, 12, 1}, Slot::Morning).closed, ClosedReason::NotInService);
}

TEST(BookingTiming, StartedNoticeHorizon) {
  const Centre c = open_centre();
  const FixedZone z(60);
  BookingRules rules;
  rules.horizon_days = 30;
  rules.min_notice_minutes = 120;
  const Date tue{2026, 12, 1};
  // 06:00 local, morning opens 08:30: 150 minutes ahead, more than the notice.
  EXPECT_FALSE(check_timing(c, rules, z, tue, Slot::Morning, at(z, tue, 6)));
  EXPECT_EQ(check_timing(c, rules, z, tue, Slot::Morning, at(z, tue, 7)), Refusal::TooLate);
  EXPECT_EQ(check_timing(c, rules, z, tue, Slot::Morning, at(z, tue, 8, 30)), Refusal::Started);
  EXPECT_EQ(check_timing(c, rules, z, tue, Slot::Morning, at(z, tue, 15)), Refusal::Started);
  EXPECT_FALSE(check_timing(c, rules, z, tue, Slot::Afternoon, at(z, tue, 9)));
  EXPECT_EQ(check_timing(c, rules, z, {2026, 12, 5}, Slot::Morning, at(z, tue, 6)), Refusal::Closed);
  EXPECT_FALSE(check_timing(c, rules, z, tue.plus_days(30), Slot::Morning, at(z, tue, 6)));
  EXPECT_EQ(check_timing(c, rules, z, tue.plus_days(35), Slot::Morning, at(z, tue, 6)), Refusal::TooFar);
}

TEST(BookingTiming, HorizonCountsFromTheCentresLocalDate) {
  const Centre c = open_centre();
  BookingRules rules;
  rules.horizon_days = 1;
  // 23:30 UTC on Monday 30 Nov is already Tuesday 1 Dec at UTC+4 (La Réunion): Wednesday is within one day.
  const Timestamp now{Date{2026, 11, 30}.days_since_epoch() * 86400 + std::int64_t{23} * 3600 + 1800};
  EXPECT_FALSE(check_timing(c, rules, FixedZone(240), {2026, 12, 2}, Slot::Morning, now));
  EXPECT_EQ(check_timing(c, rules, FixedZone(0), {2026, 12, 2}, Slot::Morning, now), Refusal::TooFar);
}

TEST(BookingRules, OverridesApplyFieldByField) {
  BookingRules network;
  BookingRulesOverride centre;
  EXPECT_TRUE(centre.empty());
  centre.max_half_days_per_week = 4;
  const BookingRules r = apply(network, centre);
  EXPECT_EQ(r.max_half_days_per_week, 4);
  EXPECT_EQ(r.horizon_days, network.horizon_days);
  EXPECT_TRUE(validate(r).empty());
  BookingRules bad;
  bad.max_half_days_per_week = 0;
  bad.no_show_morning_minute = 24 * 60;
  EXPECT_EQ(validate(bad).size(), 2U);
}

TEST(BookingCancel, HolderUntilStartStaffUntilEnd) {
  const Centre c = open_centre();
  const FixedZone z(60);
  Booking b;
  b.date = {2026, 12, 1};
  b.slot = Slot::Morning;
  EXPECT_TRUE(may_cancel(c, z, b, at(z, b.date, 8, 29), false));
  EXPECT_FALSE(may_cancel(c, z, b, at(z, b.date, 8, 30), false));
  EXPECT_TRUE(may_cancel(c, z, b, at(z, b.date, 11, 59), true));
  EXPECT_FALSE(may_cancel(c, z, b, at(z, b.date, 12), true));
  b.status = BookingStatus::Cancelled;
  EXPECT_FALSE(may_cancel(c, z, b, at(z, b.date, 7), false));
}

TEST(BookingCheckIn, WindowAndNoShowDeadline) {
  const Centre c = open_centre();
  const FixedZone z(60);
  Booking b;
  b.date = {2026, 12, 1};
  b.slot = Slot::Afternoon;
  EXPECT_FALSE(may_check_in(c, z, b, at(z, b.date, 12, 59)));
  EXPECT_TRUE(may_check_in(c, z, b, at(z, b.date, 13)));
  EXPECT_TRUE(may_check_in(c, z, b, at(z, b.date, 17, 59)));
  EXPECT_FALSE(may_check_in(c, z, b, at(z, b.date, 18)));
  const BookingRules rules;
  EXPECT_EQ(no_show_deadline(rules, z, b.date, Slot::Afternoon), at(z, b.date, 14, 30));
  EXPECT_EQ(no_show_deadline(rules, z, b.date, Slot::Morning), at(z, b.date, 10));
}

TEST(BookingSeries, WeeklyPatternOccurrencesInOrder) {
  WeeklyPattern p;
  p.entries = {{4, Slot::Afternoon}, {2, Slot::Morning}, {2, Slot::Afternoon}};
  p.from = {2026, 12, 1};  // Tuesday
  p.to = {2026, 12, 10};   // Thursday of the next week
  const auto occ = occurrences(p);
  ASSERT_EQ(occ.size(), 6U);
  EXPECT_EQ(occ[0], std::make_pair(Date{2026, 12, 1}, Slot::Morning));
  EXPECT_EQ(occ[1], std::make_pair(Date{2026, 12, 1}, Slot::Afternoon));
  EXPECT_EQ(occ[2], std::make_pair(Date{2026, 12, 3}, Slot::Afternoon));
  EXPECT_EQ(occ[5], std::make_pair(Date{2026, 12, 10}, Slot::Afternoon));
  p.to = {2026, 11, 30};
  EXPECT_FALSE(validate(p).empty());
  EXPECT_TRUE(occurrences(p).empty());
  p.to = p.from.plus_days(kMaxSeriesDays);
  EXPECT_FALSE(validate(p).empty());
}

TEST(BookingPosts, FirstFreePostInOfficeOrder) {
  const Centre c = open_centre();
  EXPECT_EQ(first_free_post(c, {}), 11);
  EXPECT_EQ(first_free_post(c, {11}), 12);
  EXPECT_EQ(first_free_post(c, {12, 11}), 21);
  EXPECT_FALSE(first_free_post(c, {11, 12, 21}));
  EXPECT_TRUE(has_post(c, 21));
  EXPECT_FALSE(has_post(c, 99));
  EXPECT_EQ(week_start({2026, 12, 3}), (Date{2026, 11, 30}));
  EXPECT_EQ(week_start({2026, 11, 30}), (Date{2026, 11, 30}));
  EXPECT_EQ(week_start({2026, 12, 6}), (Date{2026, 11, 30}));
}
