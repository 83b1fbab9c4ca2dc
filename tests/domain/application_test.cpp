#include "domain/application.h"
#include "domain/timestamp.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace tc::domain {
namespace {

using S = ApplicationState;

constexpr PersonId kApplicant = 42;
constexpr PersonId kHost = 7;

Application submitted() {
  Application a;
  a.id = 1;
  a.person_id = kApplicant;
  a.centre_id = 3;
  a.rank = 1;
  a.days_per_week = 2;
  a.start_date = {2026, 9, 1};
  a.motivation = "Je travaille pour une entreprise lyonnaise et j'habite à Riom-ès-Montagnes.";
  a.state = S::Submitted;
  a.submitted_at_utc = "2026-06-01T08:00:00Z";
  return a;
}

// An application brought to `state` along a legal path, one minute per step.
Application in_state(S state) {
  std::vector<std::pair<S, Party>> path;
  switch (state) {
    case S::Submitted: break;
    case S::UnderReview: path = {{S::UnderReview, Party::Reviewer}}; break;
    case S::Accepted: path = {{S::Accepted, Party::Reviewer}}; break;
    case S::Waitlisted: path = {{S::Waitlisted, Party::Reviewer}}; break;
    case S::Declined: path = {{S::Declined, Party::Reviewer}}; break;
    case S::Active: path = {{S::Accepted, Party::Reviewer}, {S::Active, Party::System}}; break;
    case S::Ended:
      path = {{S::Accepted, Party::Reviewer}, {S::Active, Party::System}, {S::Ended, Party::Reviewer}};
      break;
    case S::Withdrawn: path = {{S::Withdrawn, Party::Applicant}}; break;
  }
  Application a = submitted();
  int minute = 0;
  for (const auto& [to, who] : path) {
    const std::string at = "2026-06-02T09:0" + std::to_string(minute++) + ":00Z";
    const auto error = transition(a, to, who, who == Party::Applicant ? kApplicant : kHost, at, "");
    EXPECT_EQ(error, std::nullopt) << to_string(to);
  }
  EXPECT_EQ(a.state, state);
  return a;
}

TEST(ApplicationStateTest, NamesRoundTripAndEveryStateHasBothLabels) {
  for (auto s : kAllApplicationStates) {
    EXPECT_EQ(parse_application_state(to_string(s)), s);
    EXPECT_FALSE(label_fr(s).empty());
    EXPECT_FALSE(label_en(s).empty());
  }
  EXPECT_EQ(to_string(S::UnderReview), "under_review");
  EXPECT_EQ(label_fr(S::Waitlisted), "En liste d'attente");
  EXPECT_FALSE(parse_application_state("pending"));
}

TEST(ApplicationStateTest, EndedDeclinedAndWithdrawnAreClosed) {
  for (auto s : kAllApplicationStates)
    EXPECT_EQ(is_open(s), s != S::Ended && s != S::Declined && s != S::Withdrawn) << to_string(s);
}

TEST(ApplicationTest, ReviewerMayTakeEveryDecisionTheLifeCycleAllows) {
  const std::vector<std::pair<S, S>> allowed = {
      {S::Submitted, S::UnderReview}, {S::Submitted, S::Accepted},   {S::Submitted, S::Waitlisted},
      {S::Submitted, S::Declined},    {S::UnderReview, S::Accepted}, {S::UnderReview, S::Waitlisted},
      {S::UnderReview, S::Declined},  {S::Waitlisted, S::Accepted},  {S::Waitlisted, S::Declined},
      {S::Accepted, S::Active},       {S::Active, S::Ended}};
  for (const auto& [from, to] : allowed)
    EXPECT_TRUE(can_transition(from, to, Party::Reviewer)) << to_string(from) << " → " << to_string(to);
}

TEST(ApplicationTest, EveryOtherEdgeIsForbiddenToEveryone) {
  for (auto from : kAllApplicationStates)
    for (auto to : kAllApplicationStates) {
      const bool withdraw = to == S::Withdrawn && is_open(from);
      const bool reviewed =
          (from == S::Submitted &&
           (to == S::UnderReview || to == S::Accepted || to == S::Waitlisted || to == S::Declined)) ||
          (from == S::UnderReview && (to == S::Accepted || to == S::Waitlisted || to == S::Declined)) ||
          (from == S::Waitlisted && (to == S::Accepted || to == S::Declined)) ||
          (from == S::Accepted && to == S::Active) || (from == S::Active && to == S::Ended);
      if (withdraw || reviewed) continue;
      for (auto who : {Party::Applicant, Party::Reviewer, Party::System})
        EXPECT_FALSE(can_transition(from, to, who)) << to_string(from) << " → " << to_string(to);
    }
}

TEST(ApplicationTest, ApplicantMayWithdrawAnyOpenApplication) {
  for (auto from : {S::Submitted, S::UnderReview, S::Accepted, S::Waitlisted, S::Active}) {
    EXPECT_TRUE(can_transition(from, S::Withdrawn, Party::Applicant)) << to_string(from);
    Application a = in_state(from);
    EXPECT_EQ(
        transition(a, S::Withdrawn, Party::Applicant, kApplicant, "2026-07-01T10:00:00Z", "J'ai trouvé ailleurs."),
        std::nullopt)
        << to_string(from);
    EXPECT_EQ(a.state, S::Withdrawn);
  }
}

TEST(ApplicationTest, ClosedApplicationCannotBeWithdrawn) {
  for (auto from : {S::Ended, S::Declined, S::Withdrawn}) {
    EXPECT_FALSE(can_transition(from, S::Withdrawn, Party::Applicant)) << to_string(from);
    Application a = in_state(from);
    const auto history = a.history.size();
    EXPECT_TRUE(transition(a, S::Withdrawn, Party::Applicant, kApplicant, "2026-07-01T10:00:00Z", ""));
    EXPECT_EQ(a.state, from);
    EXPECT_EQ(a.history.size(), history);
  }
}

TEST(ApplicationTest, ApplicantCannotAcceptTheirOwnApplication) {
  EXPECT_FALSE(can_transition(S::Submitted, S::Accepted, Party::Applicant));
  Application a = submitted();
  const auto error = transition(a, S::Accepted, Party::Applicant, kApplicant, "2026-06-02T09:00:00Z", "");
  ASSERT_TRUE(error);
  EXPECT_FALSE(error->empty());
  EXPECT_EQ(a.state, S::Submitted);
  EXPECT_TRUE(a.history.empty());
}

TEST(ApplicationTest, ApplicantMayOnlyWithdraw) {
  EXPECT_FALSE(can_transition(S::Submitted, S::UnderReview, Party::Applicant));
  EXPECT_FALSE(can_transition(S::Submitted, S::Declined, Party::Applicant));
  EXPECT_FALSE(can_transition(S::Waitlisted, S::Accepted, Party::Applicant));
  EXPECT_FALSE(can_transition(S::Accepted, S::Active, Party::Applicant));
  EXPECT_FALSE(can_transition(S::Active, S::Ended, Party::Applicant));
}

TEST(ApplicationTest, ReviewerCannotWithdrawOnTheApplicantsBehalf) {
  for (auto from : {S::Submitted, S::UnderReview, S::Accepted, S::Waitlisted, S::Active})
    EXPECT_FALSE(can_transition(from, S::Withdrawn, Party::Reviewer)) << to_string(from);
  Application a = submitted();
  EXPECT_TRUE(transition(a, S::Withdrawn, Party::Reviewer, kHost, "2026-06-02T09:00:00Z", ""));
  EXPECT_EQ(a.state, S::Submitted);
}

// The system activates accepted applications and offers freed places (waitlisted → accepted, tested below); nothing
// else.
TEST(ApplicationTest, SystemOnlyActivatesAndOffersFreedPlaces) {
  EXPECT_TRUE(can_transition(S::Accepted, S::Active, Party::System));
  EXPECT_FALSE(can_transition(S::Submitted, S::Active, Party::System));  // not accepted yet
  EXPECT_FALSE(can_transition(S::Waitlisted, S::Active, Party::System));
  for (auto [from, to] : std::vector<std::pair<S, S>>{{S::Submitted, S::UnderReview},
                                                      {S::Submitted, S::Accepted},
                                                      {S::UnderReview, S::Declined},
                                                      {S::Waitlisted, S::Declined},
                                                      {S::Active, S::Ended},
                                                      {S::Active, S::Withdrawn}})
    EXPECT_FALSE(can_transition(from, to, Party::System)) << to_string(from) << " → " << to_string(to);
}

TEST(ApplicationTest, NoStepCanBeSkippedOrUndone) {
  EXPECT_FALSE(can_transition(S::Submitted, S::Ended, Party::Reviewer));
  EXPECT_FALSE(can_transition(S::UnderReview, S::Active, Party::Reviewer));
  EXPECT_FALSE(can_transition(S::Accepted, S::Waitlisted, Party::Reviewer));
  EXPECT_FALSE(can_transition(S::Accepted, S::Declined, Party::Reviewer));
  EXPECT_FALSE(can_transition(S::Declined, S::Accepted, Party::Reviewer));
  EXPECT_FALSE(can_transition(S::Ended, S::Active, Party::Reviewer));
  EXPECT_FALSE(can_transition(S::Withdrawn, S::Submitted, Party::Applicant));
  EXPECT_FALSE(can_transition(S::Waitlisted, S::UnderReview, Party::Reviewer));
  EXPECT_FALSE(can_transition(S::UnderReview, S::UnderReview, Party::Reviewer));
}

TEST(ApplicationTest, TransitionRecordsWhoWhenAndWhy) {
  Application a = submitted();
  ASSERT_EQ(transition(a, S::UnderReview, Party::Reviewer, kHost, "2026-06-02T09:00:00Z", ""), std::nullopt);
  ASSERT_EQ(transition(a, S::Waitlisted, Party::Reviewer, kHost, "2026-06-03T14:30:00Z", "Complet jusqu'en octobre."),
            std::nullopt);
  EXPECT_EQ(a.state, S::Waitlisted);
  ASSERT_EQ(a.history.size(), 2u);
  const Transition& last = a.history.back();
  EXPECT_EQ(last.from, S::UnderReview);
  EXPECT_EQ(last.to, S::Waitlisted);
  EXPECT_EQ(last.by, kHost);
  EXPECT_EQ(last.at_utc, "2026-06-03T14:30:00Z");
  EXPECT_EQ(last.message, "Complet jusqu'en octobre.");
  EXPECT_EQ(a.history.front().from, S::Submitted);
}

TEST(ApplicationTest, RefusedTransitionChangesNothing) {
  Application a = in_state(S::Waitlisted);
  const Application before = a;
  EXPECT_TRUE(transition(a, S::Active, Party::System, kApplicant, "2026-07-01T10:00:00Z", ""));
  EXPECT_TRUE(transition(a, S::Ended, Party::Reviewer, kHost, "2026-07-01T10:00:00Z", ""));
  EXPECT_TRUE(transition(a, S::Accepted, Party::Applicant, kApplicant, "2026-07-01T10:00:00Z", ""));
  EXPECT_EQ(a.state, before.state);
  ASSERT_EQ(a.history.size(), before.history.size());
  EXPECT_EQ(a.history.back().at_utc, before.history.back().at_utc);
}

TEST(ApplicationTest, TransitionNeedsAWellFormedUtcTimestamp) {
  for (const char* bad : {"", "2026-06-02", "2026-06-02 09:00:00", "2026-06-02T09:00:00+02:00",
                          "2026-06-02T09:00:00.123Z", "2026-06-31T09:00:00Z", "2026-06-02T24:00:00Z"}) {
    Application a = submitted();
    EXPECT_TRUE(transition(a, S::UnderReview, Party::Reviewer, kHost, bad, "")) << bad;
    EXPECT_TRUE(a.history.empty());
  }
}

TEST(ApplicationTest, TransitionCannotPrecedeTheLastOne) {
  Application a = submitted();  // submitted at 2026-06-01T08:00:00Z
  EXPECT_TRUE(transition(a, S::UnderReview, Party::Reviewer, kHost, "2026-05-31T23:59:59Z", ""));
  ASSERT_EQ(transition(a, S::UnderReview, Party::Reviewer, kHost, "2026-06-01T08:00:00Z", ""), std::nullopt);
  EXPECT_TRUE(transition(a, S::Accepted, Party::Reviewer, kHost, "2026-06-01T07:00:00Z", ""));
  EXPECT_EQ(a.state, S::UnderReview);
  EXPECT_EQ(transition(a, S::Accepted, Party::Reviewer, kHost, "2026-06-01T08:00:00Z", ""),
            std::nullopt);  // same second
}

TEST(ApplicationTest, TransitionMessageIsBounded) {
  Application a = submitted();
  EXPECT_TRUE(transition(a, S::Declined, Party::Reviewer, kHost, "2026-06-02T09:00:00Z", std::string(2001, 'x')));
  EXPECT_EQ(a.state, S::Submitted);
  EXPECT_EQ(transition(a, S::Declined, Party::Reviewer, kHost, "2026-06-02T09:00:00Z", std::string(2000, 'x')),
            std::nullopt);
}

TEST(ApplicationTest, AcceptedApplicationIsActivatedThenEnded) {
  Application a = in_state(S::Accepted);
  ASSERT_EQ(transition(a, S::Active, Party::System, kApplicant, "2026-09-01T07:00:00Z", "Première réservation."),
            std::nullopt);
  EXPECT_TRUE(is_open(a.state));
  ASSERT_EQ(transition(a, S::Ended, Party::Reviewer, kHost, "2027-06-30T16:00:00Z", ""), std::nullopt);
  EXPECT_FALSE(is_open(a.state));
  EXPECT_EQ(a.history.size(), 3u);
}

TEST(ApplicationTest, ReviewerMayActivateByHand) {
  Application a = in_state(S::Accepted);
  EXPECT_EQ(transition(a, S::Active, Party::Reviewer, kHost, "2026-09-01T07:00:00Z", ""), std::nullopt);
}

TEST(ApplicationTest, WaitlistedApplicationIsAcceptedWhenAPlaceFrees) {
  Application a = in_state(S::Waitlisted);
  EXPECT_EQ(transition(a, S::Accepted, Party::Reviewer, kHost, "2026-10-01T09:00:00Z", "Une place s'est libérée."),
            std::nullopt);
  EXPECT_EQ(a.state, S::Accepted);
}

// Timestamps are tested here, where the transitions' `at_utc` depends on them.
TEST(TimestampTest, ParsesTheOneUtcFormAndPrintsItBack) {
  const auto t = parse_timestamp("2026-06-02T09:05:07Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->iso(), "2026-06-02T09:05:07Z");
  EXPECT_EQ(t->utc_date(), (Date{2026, 6, 2}));
  EXPECT_EQ(parse_timestamp("1970-01-01T00:00:00Z")->unix_seconds, 0);
  EXPECT_EQ(parse_timestamp("2026-01-01T00:00:00Z")->unix_seconds, 1767225600);
  EXPECT_EQ((Timestamp{-1}).iso(), "1969-12-31T23:59:59Z");
  EXPECT_EQ((Timestamp{-1}).utc_date(), (Date{1969, 12, 31}));
  for (std::int64_t s = -200000; s < 200000000; s += 86399 * 3 + 17)
    EXPECT_EQ(parse_timestamp(Timestamp{s}.iso())->unix_seconds, s);
}

TEST(TimestampTest, TextOrderIsChronological) {
  const Timestamp a{1767225600};
  const Timestamp b{1767225600 + 59};
  EXPECT_LT(a, b);
  EXPECT_LT(a.iso(), b.iso());
  EXPECT_LT(Timestamp{-5}.iso(), Timestamp{5}.iso());
}

TEST(TimestampTest, RejectsOtherSpellings) {
  for (const char* bad : {"2026-06-02T09:05:07", "2026-06-02t09:05:07Z", "2026-06-02T09:05:07+00:00",
                          "2026-06-02T09:05Z", "2026-06-02T9:05:07Z", "2026-06-02T09:60:00Z", "2026-06-02T09:05:60Z",
                          "2026-02-30T09:05:07Z", "2026-06-02T09:05:07.5Z", "2026-06-02 09:05:07Z"})
    EXPECT_FALSE(parse_timestamp(bad)) << bad;
}

const Date kToday{2026, 6, 1};

bool has_error_on(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return !e.message_fr.empty() && !e.message_en.empty();
  return false;
}

TEST(ApplicationValidationTest, ValidApplicationHasNoError) { EXPECT_TRUE(validate_new(submitted(), kToday).empty()); }

TEST(ApplicationValidationTest, DaysPerWeekAreOneToFive) {
  Application a = submitted();
  for (int days : {1, 5}) {
    a.days_per_week = days;
    EXPECT_TRUE(validate_new(a, kToday).empty()) << days;
  }
  for (int days : {0, 6, -1}) {
    a.days_per_week = days;
    EXPECT_TRUE(has_error_on(validate_new(a, kToday), "days_per_week")) << days;
  }
}

TEST(ApplicationValidationTest, StartDateMayBeTodayButNotBefore) {
  Application a = submitted();
  a.start_date = kToday;
  EXPECT_TRUE(validate_new(a, kToday).empty());
  a.start_date = kToday.plus_days(-1);
  EXPECT_TRUE(has_error_on(validate_new(a, kToday), "start_date"));
}

TEST(ApplicationValidationTest, MotivationIsRequiredAndBounded) {
  Application a = submitted();
  a.motivation = " \n\t ";
  EXPECT_TRUE(has_error_on(validate_new(a, kToday), "motivation"));
  std::string long_text;
  for (int i = 0; i < 2000; ++i) long_text += "é";  // 2000 characters, 4000 bytes
  a.motivation = long_text;
  EXPECT_TRUE(validate_new(a, kToday).empty());
  a.motivation += "é";
  EXPECT_TRUE(has_error_on(validate_new(a, kToday), "motivation"));
}

TEST(ApplicationValidationTest, RankStartsAtOne) {
  Application a = submitted();
  a.rank = 0;
  EXPECT_TRUE(has_error_on(validate_new(a, kToday), "rank"));
  a.rank = 3;
  EXPECT_TRUE(validate_new(a, kToday).empty());
}

TEST(ApplicationValidationTest, ReportsEveryProblemAtOnce) {
  Application a = submitted();
  a.rank = 0;
  a.days_per_week = 7;
  a.start_date = {2026, 1, 1};
  a.motivation.clear();
  EXPECT_EQ(validate_new(a, kToday).size(), 4u);
}

}  // namespace
}  // namespace tc::domain

namespace tc::domain {
namespace {

TEST(ApplicationSystemTest, SystemOffersAFreedPlaceToTheWaitingList) {
  EXPECT_TRUE(can_transition(ApplicationState::Waitlisted, ApplicationState::Accepted, Party::System));
  EXPECT_FALSE(can_transition(ApplicationState::Submitted, ApplicationState::Accepted, Party::System));
  EXPECT_FALSE(can_transition(ApplicationState::Waitlisted, ApplicationState::Declined, Party::System));
}

}  // namespace
}  // namespace tc::domain
