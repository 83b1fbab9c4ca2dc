// The events part of the store contract: an event reads back whole (audiences, optional centre), public events are
// picked out, registrations keep their order and status, one live registration per e-mail and event, tokens find
// them. Through the Store interface only.
#include <string>

#include "store_fixture.h"

namespace tc::store {
namespace {

using domain::Audience;
using domain::Event;
using domain::Registration;
using domain::RegistrationStatus;

class EventContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    auto tx = store_->begin(Access::Write);
    tx->communes().upsert(commune("15138", "Murat"));
    PersonRecord p;
    p.email = "animation@example.fr";
    p.created_at = "2026-11-26T08:00:00Z";
    p.roles = {"animator"};
    organiser_ = tx->people().insert(p);
    tx->commit();
  }

  Event event(const std::string& title, domain::Date date, std::vector<Audience> audiences) const {
    Event e;
    e.type = domain::EventType::Training;
    e.title = title;
    e.description = "Atelier";
    e.date = date;
    e.start_minute = 9 * 60;
    e.end_minute = 12 * 60;
    e.commune_insee = "15138";
    e.address = "Place de l'Hôtel de ville";
    e.capacity = 2;
    e.audiences = std::move(audiences);
    e.organiser = organiser_;
    e.created_at = "2026-11-26T09:00:00Z";
    return e;
  }

  static Registration registration(domain::EventId event, const std::string& email, RegistrationStatus status) {
    Registration r;
    r.event_id = event;
    r.name = "Camille";
    r.email = email;
    r.status = status;
    r.token = "jeton-" + email;
    r.created_at = "2026-11-26T10:00:00Z";
    return r;
  }

  domain::PersonId organiser_ = 0;
};

TEST_P(EventContract, EventsReadBackAndPublicOnesArePickedOut) {
  auto tx = store_->begin(Access::Write);
  const auto a = tx->events().insert(event("Formation", domain::Date{2026, 12, 3}, {Audience::Teleworkers}));
  const auto b = tx->events().insert(
      event("Projection", domain::Date{2026, 12, 1}, {Audience::Public, Audience::ElectedOfficials}));
  tx->events().insert(event("Plus tard", domain::Date{2027, 3, 1}, {Audience::Public}));
  tx->commit();
  auto rx = store_->begin(Access::Read);
  const auto found = rx->events().find(b);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->title, "Projection");
  EXPECT_EQ(found->audiences, (std::vector<Audience>{Audience::Public, Audience::ElectedOfficials}));
  EXPECT_FALSE(found->centre_id.has_value());
  EXPECT_EQ(found->address, "Place de l'Hôtel de ville");
  const auto december = rx->events().between(domain::Date{2026, 12, 1}, domain::Date{2026, 12, 31}, false);
  ASSERT_EQ(december.size(), 2u);
  EXPECT_EQ(december[0].id, b);  // by date
  EXPECT_EQ(december[1].id, a);
  const auto open = rx->events().between(domain::Date{2026, 1, 1}, domain::Date{2027, 12, 31}, true);
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].id, b);
}

TEST_P(EventContract, RegistrationsKeepOrderStatusAndOneLivePerEmail) {
  auto tx = store_->begin(Access::Write);
  const auto ev = tx->events().insert(event("Formation", domain::Date{2026, 12, 3}, {Audience::Public}));
  const auto first = tx->events().insert_registration(registration(ev, "a@example.fr", RegistrationStatus::Confirmed));
  tx->events().insert_registration(registration(ev, "b@example.fr", RegistrationStatus::Waiting));
  EXPECT_THROW(tx->events().insert_registration(registration(ev, "a@example.fr", RegistrationStatus::Waiting)),
               StoreError);
  EXPECT_EQ(tx->events().confirmed_count(ev), 1);
  auto r = *tx->events().find_registration(first);
  r.status = RegistrationStatus::Cancelled;
  r.attended = false;
  tx->events().update_registration(r);
  // Cancelled, the e-mail may register again (with a new link).
  Registration again = registration(ev, "a@example.fr", RegistrationStatus::Waiting);
  again.token = "jeton-nouveau";
  tx->events().insert_registration(again);
  tx->commit();
  auto rx = store_->begin(Access::Read);
  const auto all = rx->events().registrations_of(ev);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].status, RegistrationStatus::Cancelled);
  EXPECT_EQ(all[0].attended, std::optional<bool>(false));
  EXPECT_EQ(all[1].email, "b@example.fr");
  EXPECT_EQ(rx->events().confirmed_count(ev), 0);
  const auto by_token = rx->events().registration_by_token("jeton-b@example.fr");
  ASSERT_TRUE(by_token);
  EXPECT_EQ(by_token->status, RegistrationStatus::Waiting);
  EXPECT_FALSE(rx->events().registration_by_token("jeton-inconnu").has_value());
}

TEST_P(EventContract, UpdatingAnUnknownEventIsNotFound) {
  Event e = event("x", domain::Date{2026, 12, 3}, {Audience::Public});
  e.id = 999;
  auto tx = store_->begin(Access::Write);
  EXPECT_THROW(tx->events().update(e), StoreError);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventContract, ::testing::ValuesIn(backends()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace tc::store
