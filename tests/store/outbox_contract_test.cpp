// The outbox's part of the store contract: mail is due from when it is written, a claim takes it from every other
// sender until its lease ends, and a sent mail never comes back.
#include <string>
#include <vector>

#include "store_fixture.h"

namespace tc::store {
namespace {

class OutboxContract : public StoreContract {};

std::vector<std::string> subjects(const std::vector<OutgoingMail>& mails) {
  std::vector<std::string> out;
  out.reserve(mails.size());
  for (const auto& m : mails) out.push_back(m.subject);
  return out;
}

TEST_P(OutboxContract, AClaimedMailIsNotDueForAnotherSenderUntilItsLeaseEnds) {
  {
    auto tx = store_->begin(Access::Write);
    tx->outbox().enqueue("a@example.fr", "un", "corps", "2026-11-26T08:00:00Z");
    tx->outbox().enqueue("b@example.fr", "deux", "corps", "2026-11-26T08:00:00Z");
    tx->outbox().enqueue("c@example.fr", "trois", "corps", "2026-11-26T09:00:00Z");
    tx->commit();
  }
  std::vector<OutgoingMail> first;
  {
    auto tx = store_->begin(Access::Write);
    first = tx->outbox().claim("2026-11-26T08:30:00Z", "2026-11-26T08:40:00Z", 10);
    tx->commit();
  }
  EXPECT_EQ(subjects(first), (std::vector<std::string>{"un", "deux"}));  // "trois" is not due yet
  {
    // A second sender a minute later gets nothing: both are leased.
    auto tx = store_->begin(Access::Write);
    EXPECT_TRUE(tx->outbox().claim("2026-11-26T08:31:00Z", "2026-11-26T08:41:00Z", 10).empty());
    tx->outbox().mark_sent(first[0].id, "2026-11-26T08:31:00Z");
    tx->commit();
  }
  {
    // The first sender died before sending "deux": it is due again once the lease ends; "un" was sent.
    auto tx = store_->begin(Access::Write);
    EXPECT_EQ(subjects(tx->outbox().claim("2026-11-26T09:00:00Z", "2026-11-26T09:10:00Z", 10)),
              (std::vector<std::string>{"deux", "trois"}));
    tx->commit();
  }
  auto rx = store_->begin(Access::Read);
  EXPECT_EQ(rx->outbox().pending(), 2);
  EXPECT_TRUE(rx->outbox().due("2026-11-26T09:05:00Z", 10).empty());
}

TEST_P(OutboxContract, AClaimThatIsRolledBackLeavesTheMailDue) {
  {
    auto tx = store_->begin(Access::Write);
    tx->outbox().enqueue("a@example.fr", "un", "corps", "2026-11-26T08:00:00Z");
    tx->commit();
  }
  {
    auto tx = store_->begin(Access::Write);
    EXPECT_EQ(tx->outbox().claim("2026-11-26T08:30:00Z", "2026-11-26T08:40:00Z", 10).size(), 1U);
  }  // no commit
  auto rx = store_->begin(Access::Read);
  EXPECT_EQ(subjects(rx->outbox().due("2026-11-26T08:30:00Z", 10)), (std::vector<std::string>{"un"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxContract, ::testing::ValuesIn(backends()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace tc::store
