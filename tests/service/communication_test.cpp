// The communication plan over the demo network: only the animator and admins see or change it; a new action is
// validated (title, cost, centre), stored and audited; the year view counts the applications that cite an action,
// including those made through Applications::apply; the demo year is not empty.
#include "service/communication.h"

#include <gtest/gtest.h>

#include "demo_store.h"
#include "service/applications.h"
#include "service/errors.h"

namespace tc::service {
namespace {

class CommunicationTest : public DemoStoreTest {
 protected:
  void SetUp() override {
    DemoStoreTest::SetUp();
    auto tx = store_->begin(store::Access::Write);
    animator_.id = person(*tx, "animation@example.fr", "animator");
    animator_.roles = {domain::Role::Animator};
    teleworker_.id = person(*tx, "claire@example.fr", "teleworker");
    teleworker_.roles = {domain::Role::Teleworker};
    tx->commit();
    comm_ = std::make_unique<Communication>(*store_, [this] { return now_; });
  }

  static domain::CommAction stand() {
    domain::CommAction a;
    a.title = "Stand à la foire de Saint-Flour";
    a.axis = domain::Axis::Attract;
    a.channel = domain::Channel::Fair;
    a.date = {2026, 11, 10};
    a.cost = 120000;
    a.reach = 300;
    a.contacts = 12;
    return a;
  }

  template <typename F>
  static void expect_refused(F&& f, ServiceError::Kind kind, const std::string& field = {}) {
    try {
      f();
      ADD_FAILURE() << "expected a ServiceError";
    } catch (const ServiceError& e) {
      EXPECT_EQ(e.kind, kind) << e.what();
      if (!field.empty()) {
        EXPECT_EQ(e.field, field);
      }
    }
  }

  domain::Timestamp now_{1'795'000'000};  // 2026-11-18
  domain::Actor animator_, teleworker_;
  std::unique_ptr<Communication> comm_;
};

TEST_F(CommunicationTest, OnlyTheAnimatorAndAdminsSeeThePlan) {
  expect_refused([&] { comm_->create(teleworker_, stand()); }, ServiceError::Kind::Forbidden);
  expect_refused([&] { comm_->year(teleworker_, 2026); }, ServiceError::Kind::Forbidden);
  domain::Actor host;
  host.id = 99;
  host.roles = {domain::Role::Host};
  expect_refused([&] { comm_->summary(host, 2026); }, ServiceError::Kind::Forbidden);
  domain::Actor admin;
  admin.roles = {domain::Role::Admin};
  EXPECT_GT(comm_->year(admin, 2026).actions.size(), 0u);
}

TEST_F(CommunicationTest, AnActionIsValidatedStoredAndAudited) {
  auto bad = stand();
  bad.title = "";
  expect_refused([&] { comm_->create(animator_, bad); }, ServiceError::Kind::Invalid, "title");
  bad = stand();
  bad.cost = -5;
  expect_refused([&] { comm_->create(animator_, bad); }, ServiceError::Kind::Invalid, "cost");
  bad = stand();
  bad.centre = 9999;
  expect_refused([&] { comm_->create(animator_, bad); }, ServiceError::Kind::Invalid, "centre");
  expect_refused([&] { comm_->year(animator_, 1999); }, ServiceError::Kind::Invalid, "year");

  const auto before = comm_->summary(animator_, 2026);
  const auto created = comm_->create(animator_, stand());
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.created_at, "2026-11-18T11:06:40Z");
  const auto after = comm_->summary(animator_, 2026);
  EXPECT_EQ(after.total.actions, before.total.actions + 1);
  EXPECT_EQ(after.total.cost, before.total.cost + 120000);
  EXPECT_EQ(after.per_channel.at(domain::Channel::Fair).actions,
            before.per_channel.at(domain::Channel::Fair).actions + 1);
  EXPECT_EQ(after.per_axis.at(domain::Axis::Attract).reach, before.per_axis.at(domain::Axis::Attract).reach + 300);

  auto changed = created;
  changed.title = "Stand à la foire de la Saint-Martin";
  changed.contacts = 20;
  comm_->update(animator_, changed);
  EXPECT_EQ(comm_->get(animator_, created.id).title, "Stand à la foire de la Saint-Martin");
  EXPECT_EQ(comm_->get(animator_, created.id).created_at, created.created_at);
  changed.id = 424242;
  expect_refused([&] { comm_->update(animator_, changed); }, ServiceError::Kind::NotFound);

  auto tx = store_->begin(store::Access::Read);
  const auto audit = tx->audit().latest(5, 0);
  ASSERT_GE(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "communication.update");
  EXPECT_EQ(audit[1].action, "communication.create");
  EXPECT_EQ(audit[1].subject, "comm_action:" + std::to_string(created.id));
}

TEST_F(CommunicationTest, ApplicationsCitingAnActionAreCounted) {
  const auto created = comm_->create(animator_, stand());
  EXPECT_EQ(comm_->year(animator_, 2026).citing.count(created.id), 0u);
  const auto recent = comm_->recent();
  ASSERT_FALSE(recent.empty());
  EXPECT_EQ(recent.front().id, created.id);  // newest first
  for (const auto& a : recent) EXPECT_GE(a.date, (domain::Date{2024, 11, 18}));

  Applications apps(*store_, [this] { return now_; });
  domain::CentreId centre = 0;
  {
    auto tx = store_->begin(store::Access::Read);
    for (const auto& c : tx->centres().all())
      if (c.status == domain::CentreStatus::InService) centre = c.id;
  }
  NewApplication in;
  in.centre_id = centre;
  in.days_per_week = 2;
  in.start_date = "2026-12-07";
  in.motivation = "Moins de route.";
  in.heard_via_action = created.id;
  const auto view = apps.apply(teleworker_, in);
  EXPECT_EQ(view.row.application.heard_via_action, created.id);
  const auto year = comm_->year(animator_, 2026);
  EXPECT_EQ(year.citing.at(created.id), 1);
  EXPECT_GE(year.summary.per_channel.at(domain::Channel::Fair).applications, 1);
  EXPECT_GE(year.summary.total.applications, 1);

  in.heard_via_action = 987654;
  domain::Actor other;
  other.id = animator_.id;
  other.roles = {domain::Role::Teleworker};
  expect_refused([&] { apps.apply(other, in); }, ServiceError::Kind::Invalid, "heard_via_action");
}

TEST_F(CommunicationTest, TheDemoYearHasActionsAndCitations) {
  const auto year = comm_->year(animator_, 2026);
  EXPECT_EQ(year.actions.size(), 7u);
  EXPECT_EQ(year.summary.per_axis.at(domain::Axis::Inform).actions, 3);
  EXPECT_EQ(year.summary.per_axis.at(domain::Axis::Attract).actions, 4);
  EXPECT_GT(year.summary.total.applications, 0);
  EXPECT_EQ(year.summary.total.cost, 15000 + 0 + 85000 + 240000 + 450000 + 60000 + 180000);
}

}  // namespace
}  // namespace tc::service
