// The communication plan's part of the store contract: an action reads back whole, updates replace it, a year's
// actions come by date, and the applications citing an action are counted — and freed when the action goes.
// Through the Store interface only.
#include <string>

#include "store_fixture.h"

namespace tc::store {
namespace {

class CommunicationContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    auto tx = store_->begin(Access::Write);
    tx->communes().upsert(commune("15187", "Saint-Flour"));
    domain::Centre c;
    c.name = "Télécentre de Saint-Flour";
    c.host_authority = "Communauté de communes";
    c.commune_insee = "15187";
    c.address = "1 place de la Halle";
    c.location = {45.03, 3.09};
    c.history = {{domain::CentreStatus::InService, {2026, 1, 5}, {}}};
    centre_ = tx->centres().insert(c);
    PersonRecord p;
    p.email = "lea@example.fr";
    p.created_at = "2026-01-02T08:00:00Z";
    p.roles = {"teleworker"};
    person_ = tx->people().insert(p);
    tx->commit();
  }

  static domain::CommAction action(std::string title, domain::Date on, domain::Channel channel) {
    domain::CommAction a;
    a.title = std::move(title);
    a.axis = domain::Axis::Inform;
    a.channel = channel;
    a.date = on;
    a.cost = 120050;
    a.description = "Article dans La Montagne";
    a.reach = 4000;
    a.contacts = 7;
    a.created_at = "2026-01-10T09:00:00Z";
    return a;
  }

  domain::ApplicationId apply(std::optional<domain::CommActionId> via) {
    domain::Application a;
    a.person_id = person_;
    a.centre_id = centre_;
    a.start_date = {2026, 6, 1};
    a.submitted_at_utc = "2026-05-02T10:00:00Z";
    a.heard_via_action = via;
    auto tx = store_->begin(Access::Write);
    const auto id = tx->applications().insert(a, "");
    tx->commit();
    return id;
  }

  domain::CentreId centre_ = 0;
  std::int64_t person_ = 0;
};

TEST_P(CommunicationContract, AnActionReadsBackWholeAndUpdates) {
  auto tx = store_->begin(Access::Write);
  auto a = action("Article de presse", {2026, 3, 12}, domain::Channel::Press);
  a.centre = centre_;
  a.id = tx->communication().insert(a);
  a.title = "Article de presse (La Montagne)";
  a.axis = domain::Axis::Attract;
  a.channel = domain::Channel::SocialMedia;
  a.reach = 4500;
  a.centre.reset();
  tx->communication().update(a);
  tx->commit();
  auto rx = store_->begin(Access::Read);
  const auto found = rx->communication().find(a.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->title, "Article de presse (La Montagne)");
  EXPECT_EQ(found->axis, domain::Axis::Attract);
  EXPECT_EQ(found->channel, domain::Channel::SocialMedia);
  EXPECT_EQ(found->date, (domain::Date{2026, 3, 12}));
  EXPECT_EQ(found->cost, 120050);
  EXPECT_EQ(found->description, "Article dans La Montagne");
  EXPECT_EQ(found->reach, 4500);
  EXPECT_EQ(found->contacts, 7);
  EXPECT_FALSE(found->centre.has_value());
  EXPECT_EQ(found->created_at, "2026-01-10T09:00:00Z");
  EXPECT_FALSE(rx->communication().find(a.id + 1).has_value());
}

TEST_P(CommunicationContract, UpdatingAnUnknownActionIsNotFound) {
  auto a = action("x", {2026, 1, 1}, domain::Channel::Web);
  a.id = 42;
  auto tx = store_->begin(Access::Write);
  try {
    tx->communication().update(a);
    ADD_FAILURE() << "expected NotFound";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind, StoreError::Kind::NotFound);
  }
}

TEST_P(CommunicationContract, AYearsActionsByDateAndTheApplicationsCitingThem) {
  domain::CommActionId press = 0, fair = 0, old = 0;
  {
    auto tx = store_->begin(Access::Write);
    fair = tx->communication().insert(action("Salon", {2026, 10, 20}, domain::Channel::Fair));
    press = tx->communication().insert(action("Presse", {2026, 1, 1}, domain::Channel::Press));
    old = tx->communication().insert(action("Affiches", {2025, 12, 31}, domain::Channel::Poster));
    tx->communication().insert(action("Site", {2027, 1, 1}, domain::Channel::Web));
    tx->commit();
  }
  const auto first = apply(press);
  apply(press);
  apply(old);
  apply(std::nullopt);
  {
    auto rx = store_->begin(Access::Read);
    const auto year = rx->communication().between({2026, 1, 1}, {2026, 12, 31});
    ASSERT_EQ(year.size(), 2u);
    EXPECT_EQ(year[0].id, press);
    EXPECT_EQ(year[1].id, fair);
    const auto counts = rx->communication().citing({2026, 1, 1}, {2026, 12, 31});
    EXPECT_EQ(counts, (std::map<domain::CommActionId, int>{{press, 2}}));
    EXPECT_EQ(rx->communication().citing({2025, 1, 1}, {2025, 12, 31}),
              (std::map<domain::CommActionId, int>{{old, 1}}));
    const auto row = rx->applications().find(first);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->application.heard_via_action, press);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, CommunicationContract, ::testing::ValuesIn(backends()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace tc::store
