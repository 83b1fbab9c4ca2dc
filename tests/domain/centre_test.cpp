#include "domain/centre.h"

#include <gtest/gtest.h>

namespace tc::domain {
namespace {

Centre valid_centre() {
  Centre c;
  c.name = "Télécentre de test";
  c.commune_insee = "15187";
  c.offices = {{0, "Bureau 1", {{0, "Poste 1"}, {0, "Poste 2"}}}};
  c.status = CentreStatus::Planned;
  c.history = {{CentreStatus::Planned, {2026, 1, 1}, {}}};
  return c;
}

TEST(CentreStatusTest, OnlyForwardTransitionsAreAllowed) {
  EXPECT_TRUE(can_transition(CentreStatus::Planned, CentreStatus::Opening));
  EXPECT_TRUE(can_transition(CentreStatus::Opening, CentreStatus::InService));
  EXPECT_TRUE(can_transition(CentreStatus::InService, CentreStatus::Closed));
  EXPECT_FALSE(can_transition(CentreStatus::Planned, CentreStatus::Closed));     // only the three forward steps
  EXPECT_FALSE(can_transition(CentreStatus::Planned, CentreStatus::InService));  // no skipping the opening
  EXPECT_FALSE(can_transition(CentreStatus::InService, CentreStatus::Opening));
  EXPECT_FALSE(can_transition(CentreStatus::Closed, CentreStatus::Planned));
  EXPECT_FALSE(can_transition(CentreStatus::Opening, CentreStatus::Opening));
}

TEST(CentreStatusTest, ChangeIsDatedAndRecorded) {
  Centre c = valid_centre();
  ASSERT_TRUE(change_status(c, CentreStatus::Opening, {2026, 3, 1}));
  ASSERT_TRUE(change_status(c, CentreStatus::InService, {2026, 6, 1}));
  EXPECT_EQ(c.status, CentreStatus::InService);
  ASSERT_EQ(c.history.size(), 3u);
  EXPECT_EQ(c.history.back().on, (Date{2026, 6, 1}));
}

TEST(CentreStatusTest, ForbiddenOrBackdatedChangeChangesNothing) {
  Centre c = valid_centre();
  EXPECT_FALSE(change_status(c, CentreStatus::InService, {2026, 3, 1}));
  ASSERT_TRUE(change_status(c, CentreStatus::Opening, {2026, 3, 1}));
  EXPECT_FALSE(change_status(c, CentreStatus::InService, {2026, 2, 1}));  // before the last change
  EXPECT_EQ(c.status, CentreStatus::Opening);
  EXPECT_EQ(c.history.size(), 2u);
}

TEST(CentreStatusTest, NamesRoundTrip) {
  for (auto s : {CentreStatus::Planned, CentreStatus::Opening, CentreStatus::InService, CentreStatus::Closed})
    EXPECT_EQ(parse_centre_status(to_string(s)), s);
  EXPECT_FALSE(parse_centre_status("open"));
  for (auto s : kAllServices) EXPECT_EQ(parse_service(to_string(s)), s);
  EXPECT_FALSE(parse_service("teleportation"));
}

TEST(CentreValidationTest, ValidCentreHasNoProblem) { EXPECT_TRUE(validate(valid_centre()).empty()); }

TEST(CentreValidationTest, OfficesMustBeOneToFour) {
  Centre c = valid_centre();
  c.offices.clear();
  EXPECT_FALSE(validate(c).empty());
  c.offices.assign(5, {0, "Bureau", {{0, "Poste"}}});
  auto problems = validate(c);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("1 à 4 bureaux"), std::string::npos);
  c.offices.resize(4);
  EXPECT_TRUE(validate(c).empty());
}

TEST(CentreValidationTest, ZrrOverrideNeedsAReason) {
  Centre c = valid_centre();
  c.zrr_override = ZrrOverride{false, ""};
  EXPECT_FALSE(validate(c).empty());
  c.zrr_override->reason = "Hors ZRR en 2006";
  EXPECT_TRUE(validate(c).empty());
}

TEST(CentreValidationTest, HoursMustCloseAfterOpening) {
  Centre c = valid_centre();
  c.hours = {{1, Slot::Morning, 12 * 60, 8 * 60}};
  EXPECT_FALSE(validate(c).empty());
  c.hours = {{8, Slot::Morning, 8 * 60, 12 * 60}};
  EXPECT_FALSE(validate(c).empty());
}

TEST(CentreZrrTest, CommuneDecidesUnlessOverridden) {
  Centre c = valid_centre();
  Commune commune;
  commune.zrr = true;
  EXPECT_TRUE(c.zrr(commune));
  c.zrr_override = ZrrOverride{false, "raison"};
  EXPECT_FALSE(c.zrr(commune));
}

TEST(CentreServicesTest, HasReflectsEachService) {
  Services s;
  EXPECT_FALSE(s.has(Service::Reception));
  EXPECT_FALSE(s.has(Service::Broadband));
  s.reception = Reception::Animator;
  s.broadband_down_mbps = 8;
  s.fax = true;
  EXPECT_TRUE(s.has(Service::Reception));
  EXPECT_TRUE(s.has(Service::Broadband));
  EXPECT_TRUE(s.has(Service::Fax));
  EXPECT_FALSE(s.has(Service::Copier));
}

TEST(AccessibilityTest, AccessibleMeansStepFreeWithAdaptedToilets) {
  Accessibility a;
  a.step_free = true;
  EXPECT_FALSE(a.accessible());
  a.adapted_toilets = true;
  EXPECT_TRUE(a.accessible());
}

}  // namespace
}  // namespace tc::domain
