// Prospection of national companies: SIREN keys, what makes a company valid, the pipeline's moves (forward only,
// lost with a reason, relocated with a number of jobs, nothing after the end) and overdue next actions.
#include "domain/company.h"

#include <gtest/gtest.h>

namespace tc::domain {
namespace {

Company company() {
  Company c;
  c.name = "Assurances du Centre";
  c.siren = "123456782";
  c.potential_jobs = 40;
  return c;
}

TEST(Company, SirenKeys) {
  EXPECT_TRUE(valid_siren("123456782"));
  EXPECT_TRUE(valid_siren("987654324"));
  EXPECT_FALSE(valid_siren("123456783"));
  EXPECT_FALSE(valid_siren("12345678"));
  EXPECT_FALSE(valid_siren("12345678A"));
  for (const Stage s : kAllStages) EXPECT_EQ(parse_stage(to_string(s)), s);
  EXPECT_EQ(to_string(Stage::AgreementSigned), "agreement_signed");
}

TEST(Company, Validation) {
  EXPECT_TRUE(validate(company()).empty());
  Company c = company();
  c.name = " ";
  EXPECT_EQ(validate(c).at(0).field, "name");
  c = company();
  c.siren = "123456789";
  EXPECT_EQ(validate(c).at(0).field, "siren");
  c = company();
  c.contacts = {{"Hélène Martin", "DRH", "pas-une-adresse", ""}};
  EXPECT_EQ(validate(c).at(0).field, "contacts");
}

TEST(Company, ThePipelineMovesForwardOrIsLost) {
  Company c = company();
  EXPECT_TRUE(check_move(c, Stage::Contacted, "", 0).empty());
  EXPECT_TRUE(check_move(c, Stage::Proposal, "", 0).empty());  // skipping stages is fine
  c.stage = Stage::Meeting;
  EXPECT_EQ(check_move(c, Stage::Contacted, "", 0).at(0).field, "stage");
  EXPECT_EQ(check_move(c, Stage::Meeting, "", 0).at(0).field, "stage");
  EXPECT_EQ(check_move(c, Stage::Lost, "", 0).at(0).field, "lost_reason");
  EXPECT_TRUE(check_move(c, Stage::Lost, "Plan de relocalisation abandonné", 0).empty());
  EXPECT_EQ(check_move(c, Stage::JobsRelocated, "", 0).at(0).field, "jobs_relocated");
  EXPECT_TRUE(check_move(c, Stage::JobsRelocated, "", 12).empty());
  c.stage = Stage::Lost;
  EXPECT_EQ(check_move(c, Stage::Contacted, "", 0).at(0).field, "stage");
}

TEST(Company, OverdueNextActions) {
  Company c = company();
  EXPECT_FALSE(c.overdue(Date{2026, 11, 26}));
  c.next_action_on = Date{2026, 11, 20};
  EXPECT_TRUE(c.overdue(Date{2026, 11, 26}));
  EXPECT_FALSE(c.overdue(Date{2026, 11, 20}));
  c.stage = Stage::Lost;
  EXPECT_FALSE(c.overdue(Date{2026, 11, 26}));
}

}  // namespace
}  // namespace tc::domain
