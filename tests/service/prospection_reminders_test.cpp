// The prospection's overdue reminders over the demo network in a real SQLite store: one e-mail per person who last
// moved an overdue company, listing each with its delay and link; none for an action still to come, a lost
// company, or someone who no longer prospects; once a day whatever the number of calls.
#include <gtest/gtest.h>

#include "demo_store.h"
#include "service/prospection.h"

namespace tc::service {
namespace {

class ProspectionReminders : public DemoStoreTest {
 protected:
  void SetUp() override {
    DemoStoreTest::SetUp();
    auto tx = store_->begin(store::Access::Write);
    claire_.id = person(*tx, "claire@example.fr", "animator");
    claire_.roles = {domain::Role::Animator};
    paul_.id = person(*tx, "paul@example.fr", "admin");
    paul_.roles = {domain::Role::Admin};
    tx->commit();
    prospection_ = std::make_unique<Prospection>(*store_, [this] { return now_; });
  }
  void TearDown() override {
    prospection_.reset();
    DemoStoreTest::TearDown();
  }
  domain::Company add(const domain::Actor& by, const std::string& name, std::optional<domain::Date> next_on) {
    domain::Company c;
    c.name = name;
    c.next_action = "Relancer " + name;
    c.next_action_on = next_on;
    return prospection_->create(by, c);
  }

  domain::Timestamp now_{1'795'000'000};  // 2026-11-18 (Paris)
  std::unique_ptr<Prospection> prospection_;
  domain::Actor claire_, paul_;
};

TEST_F(ProspectionReminders, OneMailPerFollowerListingTheirOverdueCompanies) {
  const auto a = add(claire_, "Assurances Alpha", domain::Date{2026, 11, 13});  // 5 days late
  add(claire_, "Banque Beta", domain::Date{2026, 11, 17});                      // 1 day late
  add(claire_, "Conseil Gamma", domain::Date{2026, 11, 18});                    // today: not late
  add(claire_, "Sans date", std::nullopt);
  const auto lost = add(claire_, "Delta perdue", domain::Date{2026, 10, 1});
  StageMove to_lost;
  to_lost.to = domain::Stage::Lost;
  to_lost.lost_reason = "Pas d'intérêt";
  prospection_->move(claire_, lost.id, to_lost);
  // Paul moved Alpha last: Alpha is his to follow now.
  StageMove called;
  called.to = domain::Stage::Contacted;
  called.note = "Appel";
  prospection_->move(paul_, a.id, called);

  EXPECT_EQ(prospection_->send_overdue_reminders("https://telecentres.example"), 2);
  const auto to_claire = mail_to("claire@example.fr");
  ASSERT_EQ(to_claire.size(), 1u);
  EXPECT_EQ(to_claire[0].subject, "Prospection : une action en retard");
  EXPECT_NE(
      to_claire[0].body.find("Banque Beta : Relancer Banque Beta, prévue le 17 novembre 2026 (en retard de 1 jour)"),
      std::string::npos)
      << to_claire[0].body;
  EXPECT_EQ(to_claire[0].body.find("Gamma"), std::string::npos);
  EXPECT_EQ(to_claire[0].body.find("Delta"), std::string::npos);
  EXPECT_EQ(to_claire[0].body.find("Assurances Alpha"), std::string::npos);
  const auto to_paul = mail_to("paul@example.fr");
  ASSERT_EQ(to_paul.size(), 1u);
  EXPECT_NE(to_paul[0].body.find("Assurances Alpha : Relancer Assurances Alpha, prévue le 13 novembre 2026 (en retard "
                                 "de 5 jours)\n  https://telecentres.example/admin/prospection/" +
                                 std::to_string(a.id)),
            std::string::npos)
      << to_paul[0].body;

  // Once a day, even with several servers calling.
  EXPECT_EQ(prospection_->send_overdue_reminders("https://telecentres.example"), 0);
  EXPECT_EQ(mail_to("claire@example.fr").size(), 1u);
  now_ = domain::Timestamp{now_.unix_seconds + 86400};
  EXPECT_EQ(prospection_->send_overdue_reminders("https://telecentres.example"), 2);
  const auto again = mail_to("claire@example.fr");
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[1].subject, "Prospection : 2 actions en retard");  // Gamma is late now too
}

TEST_F(ProspectionReminders, NobodyWhoNoLongerProspects) {
  add(claire_, "Assurances Alpha", domain::Date{2026, 11, 1});
  {
    auto tx = store_->begin(store::Access::Write);
    tx->people().set_roles(claire_.id, {"teleworker"}, {});
    tx->commit();
  }
  EXPECT_EQ(prospection_->send_overdue_reminders("https://telecentres.example"), 0);
  EXPECT_TRUE(mail_to("claire@example.fr").empty());
}

}  // namespace
}  // namespace tc::service
