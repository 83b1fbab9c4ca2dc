#include "domain/grant.h"

#include <gtest/gtest.h>

namespace tc::domain {
namespace {

constexpr Date kFrom{2007, 1, 1};
constexpr Date kTo{2007, 12, 31};

GrantCentreInput centre(CentreId id, bool zrr, CentreStatus status, int posts, int occupied) {
  GrantCentreInput c;
  c.id = id;
  c.name = "Télécentre " + std::to_string(id);
  c.commune = "Commune " + std::to_string(id);
  c.status = status;
  c.zrr = zrr;
  c.posts = posts;
  c.occupied_posts = occupied;
  return c;
}

TEST(GrantRulesetTest, Diact2006Amounts) {
  const GrantRuleset r = diact_2006();
  EXPECT_EQ(r.name, "DIACT-2006");
  EXPECT_EQ(r.centre_zrr_cents, 1'200'000);
  EXPECT_EQ(r.centre_other_cents, 800'000);
  EXPECT_EQ(r.post_zrr_cents, 200'000);
  EXPECT_EQ(r.post_other_cents, 150'000);
  EXPECT_EQ(r.envelope_cents, 10'000'000);
  EXPECT_TRUE(r.occupancy.agreements_count);
  EXPECT_EQ(r.occupancy.booked_share_percent, 25);
  EXPECT_DOUBLE_EQ(r.min_broadband_mbps, 2);
  EXPECT_EQ(r.valid_from, (Date{2006, 1, 1}));
  EXPECT_FALSE(r.valid_to.has_value());
  EXPECT_TRUE(validate(r).empty());
}

TEST(GrantRulesetTest, Validity) {
  GrantRuleset r = diact_2006();
  EXPECT_FALSE(r.valid_on(Date{2005, 12, 31}));
  EXPECT_TRUE(r.valid_on(Date{2006, 1, 1}));
  EXPECT_TRUE(r.valid_on(Date{2040, 1, 1}));  // still in force
  r.valid_to = Date{2010, 12, 31};
  EXPECT_TRUE(r.valid_on(Date{2010, 12, 31}));  // inclusive
  EXPECT_FALSE(r.valid_on(Date{2011, 1, 1}));
}

TEST(GrantRulesetTest, ValidationNamesTheField) {
  const auto only_field = [](const GrantRuleset& r) {
    const auto errors = validate(r);
    return errors.size() == 1 ? errors[0].field : "(" + std::to_string(errors.size()) + " errors)";
  };
  GrantRuleset r = diact_2006();
  r.name.clear();
  EXPECT_EQ(only_field(r), "name");
  r.name = std::string(61, 'x');
  EXPECT_EQ(only_field(r), "name");
  r.name = std::string(60, 'x');
  EXPECT_TRUE(validate(r).empty());

  r = diact_2006();
  r.valid_to = Date{2005, 12, 31};
  EXPECT_EQ(only_field(r), "valid_to");
  r.valid_to = r.valid_from;  // a one-day ruleset
  EXPECT_TRUE(validate(r).empty());

  r = diact_2006();
  r.post_other_cents = -1;
  EXPECT_EQ(only_field(r), "post_other_cents");
  r = diact_2006();
  r.envelope_cents = -100;
  EXPECT_EQ(only_field(r), "envelope_cents");
  r = diact_2006();
  r.centre_zrr_cents = 0;  // zero is allowed: a call may pay nothing for centres
  EXPECT_TRUE(validate(r).empty());

  r = diact_2006();
  r.occupancy.booked_share_percent = 101;
  EXPECT_EQ(only_field(r), "booked_share_percent");
  r.occupancy.booked_share_percent = -1;
  EXPECT_EQ(only_field(r), "booked_share_percent");
  r.occupancy.booked_share_percent = 100;
  EXPECT_TRUE(validate(r).empty());

  r = diact_2006();
  r.min_broadband_mbps = -2;
  EXPECT_EQ(only_field(r), "min_broadband_mbps");
}

TEST(GrantLineTest, ZrrAndOtherAmounts) {
  const GrantRuleset r = diact_2006();
  const auto in_zrr = grant_line(r, centre(1, true, CentreStatus::InService, 4, 3), 3);
  EXPECT_EQ(in_zrr.centre_id, 1);
  EXPECT_EQ(in_zrr.name, "Télécentre 1");
  EXPECT_EQ(in_zrr.commune, "Commune 1");
  EXPECT_TRUE(in_zrr.zrr);
  EXPECT_EQ(in_zrr.base_cents, 1'200'000);
  EXPECT_EQ(in_zrr.per_post_cents, 200'000);
  EXPECT_EQ(in_zrr.occupied_posts, 3);
  EXPECT_EQ(in_zrr.total_cents, 1'800'000);  // 12,000 + 3 × 2,000

  const auto outside = grant_line(r, centre(2, false, CentreStatus::InService, 2, 2), 2);
  EXPECT_FALSE(outside.zrr);
  EXPECT_EQ(outside.base_cents, 800'000);
  EXPECT_EQ(outside.per_post_cents, 150'000);
  EXPECT_EQ(outside.total_cents, 1'100'000);  // 8,000 + 2 × 1,500

  EXPECT_EQ(grant_line(r, centre(3, false, CentreStatus::Opening, 4, 0), 0).total_cents, 800'000);  // base alone
}

TEST(GrantStatementTest, FourZrrCentresAndOneOutsideMake83000Euros) {
  // 4 × 12,000 + 12 × 2,000 + 8,000 + 2 × 1,500 = 48,000 + 24,000 + 8,000 + 3,000 = €83,000.
  const std::vector<GrantCentreInput> centres{
      centre(1, true, CentreStatus::InService, 4, 3),  centre(2, true, CentreStatus::InService, 3, 3),
      centre(3, true, CentreStatus::Opening, 4, 3),    centre(4, true, CentreStatus::InService, 3, 3),
      centre(5, false, CentreStatus::InService, 2, 2),
  };
  const auto s = compute_statement(diact_2006(), kFrom, kTo, centres);
  EXPECT_EQ(s.ruleset, "DIACT-2006");
  ASSERT_EQ(s.centres.size(), 5u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(s.centres[i].total_cents, 1'800'000) << i;
  EXPECT_EQ(s.centres[4].total_cents, 1'100'000);
  EXPECT_EQ(s.total_cents, 8'300'000);
  EXPECT_EQ(format_euros(s.total_cents), "83\u202F000,00\u00A0€");
  EXPECT_EQ(s.envelope_cents, 10'000'000);
  EXPECT_EQ(s.payable_cents, 8'300'000);
  EXPECT_EQ(s.shortfall_cents, 0);
  EXPECT_EQ(s.remaining_cents, 1'700'000);
  EXPECT_TRUE(s.forecast_centres.empty());
  EXPECT_EQ(s.forecast_cents, 0);
  EXPECT_EQ(s.forecast_network_cents, 8'300'000);
  EXPECT_EQ(s.forecast_payable_cents, 8'300'000);
  EXPECT_EQ(s.forecast_shortfall_cents, 0);
  EXPECT_TRUE(s.warnings.empty());
}

TEST(GrantStatementTest, OverTheEnvelopeIsCappedAndTheShortfallShown) {
  // 6 ZRR centres with 4 occupied posts each: 6 × (12,000 + 4 × 2,000) = €120,000 for an envelope of €100,000.
  std::vector<GrantCentreInput> centres;
  for (CentreId id = 1; id <= 6; ++id) centres.push_back(centre(id, true, CentreStatus::InService, 4, 4));
  const auto s = compute_statement(diact_2006(), kFrom, kTo, centres);
  EXPECT_EQ(s.total_cents, 12'000'000);
  EXPECT_EQ(s.payable_cents, 10'000'000);
  EXPECT_EQ(s.shortfall_cents, 2'000'000);
  EXPECT_EQ(s.remaining_cents, 0);
  EXPECT_EQ(format_euros(s.shortfall_cents), "20\u202F000,00\u00A0€");
  EXPECT_EQ(s.total_cents, s.payable_cents + s.shortfall_cents);
}

TEST(GrantStatementTest, ExactlyTheEnvelope) {
  // 5 ZRR centres × (12,000 + 4 × 2,000) = €100,000.
  std::vector<GrantCentreInput> centres;
  for (CentreId id = 1; id <= 5; ++id) centres.push_back(centre(id, true, CentreStatus::InService, 4, 4));
  const auto s = compute_statement(diact_2006(), kFrom, kTo, centres);
  EXPECT_EQ(s.total_cents, 10'000'000);
  EXPECT_EQ(s.payable_cents, 10'000'000);
  EXPECT_EQ(s.shortfall_cents, 0);
  EXPECT_EQ(s.remaining_cents, 0);
}

TEST(GrantStatementTest, EligibilityByStatusOnTheLastDay) {
  const std::vector<GrantCentreInput> centres{
      centre(1, true, CentreStatus::InService, 2, 1),  // 14,000
      centre(2, false, CentreStatus::Opening, 2, 0),   // 8,000
      centre(3, true, CentreStatus::Closed, 4, 4),     // excluded, even with occupied posts
      centre(4, true, CentreStatus::Planned, 4, 1),    // forecast only, as if its 4 posts were occupied: 20,000
      centre(5, false, CentreStatus::Planned, 3, 0),   // forecast: 8,000 + 3 × 1,500 = 12,500
  };
  const auto s = compute_statement(diact_2006(), kFrom, kTo, centres);
  ASSERT_EQ(s.centres.size(), 2u);
  EXPECT_EQ(s.centres[0].centre_id, 1);
  EXPECT_EQ(s.centres[0].status, CentreStatus::InService);
  EXPECT_EQ(s.centres[1].centre_id, 2);
  EXPECT_EQ(s.centres[1].status, CentreStatus::Opening);
  EXPECT_EQ(s.total_cents, 2'200'000);
  EXPECT_EQ(s.payable_cents, 2'200'000);
  EXPECT_EQ(s.remaining_cents, 7'800'000);

  ASSERT_EQ(s.forecast_centres.size(), 2u);
  EXPECT_EQ(s.forecast_centres[0].centre_id, 4);
  EXPECT_EQ(s.forecast_centres[0].occupied_posts, 4);  // every planned post, not the 1 reported
  EXPECT_EQ(s.forecast_centres[0].total_cents, 2'000'000);
  EXPECT_EQ(s.forecast_centres[1].total_cents, 1'250'000);
  EXPECT_EQ(s.forecast_cents, 3'250'000);
  EXPECT_EQ(s.forecast_network_cents, 5'450'000);
  EXPECT_EQ(s.forecast_payable_cents, 5'450'000);
  EXPECT_EQ(s.forecast_shortfall_cents, 0);
  // The forecast never changes what is payable now.
  EXPECT_EQ(s.payable_cents, 2'200'000);
}

TEST(GrantStatementTest, ForecastBeyondTheEnvelope) {
  // In service: 4 ZRR centres × (12,000 + 3 × 2,000) = 72,000. Planned: 2 ZRR centres × 4 posts = 40,000.
  std::vector<GrantCentreInput> centres;
  for (CentreId id = 1; id <= 4; ++id) centres.push_back(centre(id, true, CentreStatus::InService, 4, 3));
  centres.push_back(centre(5, true, CentreStatus::Planned, 4, 0));
  centres.push_back(centre(6, true, CentreStatus::Planned, 4, 0));
  const auto s = compute_statement(diact_2006(), kFrom, kTo, centres);
  EXPECT_EQ(s.total_cents, 7'200'000);
  EXPECT_EQ(s.payable_cents, 7'200'000);
  EXPECT_EQ(s.shortfall_cents, 0);
  EXPECT_EQ(s.forecast_cents, 4'000'000);
  EXPECT_EQ(s.forecast_network_cents, 11'200'000);
  EXPECT_EQ(s.forecast_payable_cents, 10'000'000);
  EXPECT_EQ(s.forecast_shortfall_cents, 1'200'000);
}

TEST(GrantStatementTest, EmptyNetwork) {
  const auto s = compute_statement(diact_2006(), kFrom, kTo, {});
  EXPECT_TRUE(s.centres.empty());
  EXPECT_EQ(s.total_cents, 0);
  EXPECT_EQ(s.payable_cents, 0);
  EXPECT_EQ(s.shortfall_cents, 0);
  EXPECT_EQ(s.remaining_cents, 10'000'000);
}

TEST(GrantStatementTest, DatesThatCount) {
  const auto s = compute_statement(diact_2006(), kFrom, kTo, {});
  EXPECT_EQ(s.from, kFrom);
  EXPECT_EQ(s.to, kTo);
  EXPECT_EQ(s.zrr_date, kFrom);   // ZRR classification: the period's first day
  EXPECT_EQ(s.status_date, kTo);  // eligibility: the period's last day
}

// The service classifies each centre with zrr_on(…, statement.zrr_date): a commune reclassified during the period
// keeps its classification of the first day for the whole statement.
TEST(GrantStatementTest, ZrrChangeDuringThePeriodFirstDayCounts) {
  const Date from{2025, 1, 1};
  const Date to{2025, 12, 31};
  const auto statement_for = [&](bool reference, const std::vector<ZrrChange>& changes) {
    auto c = centre(1, false, CentreStatus::InService, 2, 2);
    c.zrr = zrr_on(reference, changes, from);
    return compute_statement(diact_2006(), from, to, {c});
  };

  // Enters the ZRR on 1 July: not in it on 1 January, so the lower amounts for the whole year.
  const std::vector<ZrrChange> enters{{"15138", Date{2025, 7, 1}, true, ""}};
  auto s = statement_for(false, enters);
  ASSERT_EQ(s.centres.size(), 1u);
  EXPECT_FALSE(s.centres[0].zrr);
  EXPECT_EQ(s.total_cents, 1'100'000);     // 8,000 + 2 × 1,500
  EXPECT_TRUE(zrr_on(false, enters, to));  // although it is in the ZRR by the last day

  // Leaves the ZRR on 1 July: in it on 1 January, so the ZRR amounts for the whole year.
  const std::vector<ZrrChange> leaves{{"15138", Date{2025, 7, 1}, false, ""}};
  s = statement_for(true, leaves);
  EXPECT_TRUE(s.centres[0].zrr);
  EXPECT_EQ(s.total_cents, 1'600'000);  // 12,000 + 2 × 2,000
  EXPECT_FALSE(zrr_on(true, leaves, to));

  // Enters on the first day itself: it counts.
  s = statement_for(false, {{"15138", from, true, ""}});
  EXPECT_TRUE(s.centres[0].zrr);
  EXPECT_EQ(s.total_cents, 1'600'000);

  // Leaves the day after the first day: still in it on the first day.
  s = statement_for(true, {{"15138", from.plus_days(1), false, ""}});
  EXPECT_TRUE(s.centres[0].zrr);
  EXPECT_EQ(s.total_cents, 1'600'000);
}

TEST(GrantStatementTest, OccupancyFeedsTheStatement) {
  // One ZRR centre in service over March 2025: post 11 under an agreement, post 12 booked 10 of its 42 open
  // half-days (23.8 %: not enough), post 21 booked 11 (26.2 %: enough).
  const OccupancyRule rule = diact_2006().occupancy;
  CentreOccupancy occ;
  occ.posts = {{11, "Bureau 1", "Poste 1", 42, 0, AgreementId{5}, 42, judge(rule, true, 42, 0)},
               {12, "Bureau 1", "Poste 2", 42, 10, std::nullopt, 0, judge(rule, false, 42, 10)},
               {21, "Bureau 2", "Poste 3", 42, 11, std::nullopt, 0, judge(rule, false, 42, 11)}};
  EXPECT_EQ(occ.posts[0].by, OccupiedBy::Agreement);
  EXPECT_EQ(occ.posts[1].by, OccupiedBy::None);
  EXPECT_EQ(occ.posts[2].by, OccupiedBy::Bookings);
  auto c = centre(1, true, CentreStatus::InService, 3, occ.occupied());
  const auto s = compute_statement(diact_2006(), Date{2025, 3, 1}, Date{2025, 3, 31}, {c});
  EXPECT_EQ(s.centres[0].occupied_posts, 2);
  EXPECT_EQ(s.total_cents, 1'600'000);
}

TEST(GrantStatementTest, WarnsWhenThePeriodIsOutsideTheRuleset) {
  GrantRuleset r = diact_2006();
  EXPECT_TRUE(compute_statement(r, Date{2006, 1, 1}, Date{2006, 12, 31}, {}).warnings.empty());

  auto s = compute_statement(r, Date{2005, 7, 1}, Date{2006, 6, 30}, {});  // starts before it
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_EQ(s.warnings[0].field, "ruleset");
  EXPECT_EQ(s.warnings[0].message_fr,
            "La période de référence sort de la validité du barème DIACT-2006 (à partir du 2006-01-01).");

  r.valid_to = Date{2010, 12, 31};
  EXPECT_TRUE(compute_statement(r, Date{2010, 1, 1}, Date{2010, 12, 31}, {}).warnings.empty());
  s = compute_statement(r, Date{2010, 7, 1}, Date{2011, 6, 30}, {});  // ends after it
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_EQ(s.warnings[0].message_fr,
            "La période de référence sort de la validité du barème DIACT-2006 (à partir du 2006-01-01, jusqu'au "
            "2010-12-31).");
  EXPECT_EQ(s.warnings[0].message_en, "The reference period is outside the validity of ruleset DIACT-2006.");
  EXPECT_EQ(compute_statement(r, Date{2012, 1, 1}, Date{2012, 12, 31}, {}).warnings.size(), 1u);  // wholly after

  // The amounts are still computed: the warning informs, it does not block.
  s = compute_statement(r, Date{2012, 1, 1}, Date{2012, 12, 31}, {centre(1, true, CentreStatus::InService, 1, 1)});
  EXPECT_EQ(s.total_cents, 1'400'000);
}

}  // namespace
}  // namespace tc::domain
