// The prospection part of the store contract: a company reads back whole (contacts, target centres, next action)
// with its dated history; updates keep the history; unknown ones are not found. Through the Store interface only.
#include <string>

#include "store_fixture.h"

namespace tc::store {
namespace {

class CompanyContract : public StoreContract {};

TEST_P(CompanyContract, ACompanyReadsBackWithItsHistory) {
  auto tx = store_->begin(Access::Write);
  domain::Company c;
  c.name = "Mutuelle Nationale Exemple";
  c.siren = "123456782";
  c.contacts = {{"Hélène Fictive", "DRH", "helene@example.fr", "04 71 00 00 00"}};
  c.target_centres = {3, 5};
  c.potential_jobs = 25;
  c.next_action = "Appeler";
  c.next_action_on = domain::Date{2026, 12, 1};
  c.created_at = "2026-11-26T10:00:00Z";
  c.id = tx->companies().insert(c);
  tx->companies().add_stage_change(
      c.id, {domain::Stage::Identified, domain::Stage::Contacted, domain::Date{2026, 11, 26}, "Premier appel", 0});
  c.stage = domain::Stage::Contacted;
  c.next_action_on.reset();
  tx->companies().update(c);
  tx->commit();
  auto rx = store_->begin(Access::Read);
  const auto found = rx->companies().find(c.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, c.name);
  EXPECT_EQ(found->stage, domain::Stage::Contacted);
  ASSERT_EQ(found->contacts.size(), 1u);
  EXPECT_EQ(found->contacts[0].phone, "04 71 00 00 00");
  EXPECT_EQ(found->target_centres, (std::vector<domain::CentreId>{3, 5}));
  EXPECT_FALSE(found->next_action_on.has_value());
  ASSERT_EQ(found->history.size(), 1u);
  EXPECT_EQ(found->history[0].note, "Premier appel");
  EXPECT_EQ(found->history[0].on, (domain::Date{2026, 11, 26}));
  EXPECT_EQ(rx->companies().all().size(), 1u);
  EXPECT_FALSE(rx->companies().find(c.id + 1).has_value());
}

TEST_P(CompanyContract, UpdatingAnUnknownCompanyIsNotFound) {
  domain::Company c;
  c.id = 42;
  c.name = "x";
  auto tx = store_->begin(Access::Write);
  EXPECT_THROW(tx->companies().update(c), StoreError);
}

INSTANTIATE_TEST_SUITE_P(Backends, CompanyContract, ::testing::ValuesIn(backends()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace tc::store
