// The siting studies part of the store contract: a study is queued, claimed once (by one runner of many),
// reports progress with a heartbeat, reads back a cancel request, and ends done, failed or cancelled; a runner
// that died leaves a stale heartbeat that fail_stale() turns into a failure. Through the Store interface only.
#include <string>

#include "store_fixture.h"

namespace tc::store {
namespace {

using domain::StudyRecord;
using domain::StudyStatus;

class StudyContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    auto tx = store_->begin(Access::Write);
    PersonRecord p;
    p.email = "conseil@example.fr";
    p.created_at = "2026-11-26T08:00:00Z";
    p.roles = {"admin"};
    person_ = tx->people().insert(p);
    tx->commit();
  }

  domain::StudyId queue(const std::string& title) {
    StudyRecord s;
    s.created_by = person_;
    s.title = title;
    s.created_at = "2026-11-26T09:00:00Z";
    s.request_json = R"({"model":"pmedian","p":3})";
    auto tx = store_->begin(Access::Write);
    const auto id = tx->studies().insert(s);
    tx->commit();
    return id;
  }

  StudyRecord read(domain::StudyId id) {
    auto tx = store_->begin(Access::Read);
    auto s = tx->studies().find(id);
    EXPECT_TRUE(s.has_value());
    return s.value_or(StudyRecord{});
  }

  domain::PersonId person_ = 0;
};

TEST_P(StudyContract, QueuedStudyReadsBackWhole) {
  const auto id = queue("Cantal, 3 centres");
  const StudyRecord s = read(id);
  EXPECT_EQ(s.id, id);
  EXPECT_EQ(s.created_by, person_);
  EXPECT_EQ(s.title, "Cantal, 3 centres");
  EXPECT_EQ(s.status, StudyStatus::Queued);
  EXPECT_EQ(s.request_json, R"({"model":"pmedian","p":3})");
  EXPECT_EQ(s.progress, 0);
  EXPECT_FALSE(s.cancel_requested);
  EXPECT_TRUE(s.result_json.empty());
  auto tx = store_->begin(Access::Read);
  EXPECT_FALSE(tx->studies().find(id + 100).has_value());
}

TEST_P(StudyContract, ClaimsOldestFirstAndEachOnce) {
  const auto first = queue("a");
  const auto second = queue("b");
  auto tx = store_->begin(Access::Write);
  auto a = tx->studies().claim_next("2026-11-26T09:01:00Z");
  auto b = tx->studies().claim_next("2026-11-26T09:01:00Z");
  auto none = tx->studies().claim_next("2026-11-26T09:01:00Z");
  tx->commit();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->id, first);
  EXPECT_EQ(b->id, second);
  EXPECT_EQ(a->status, StudyStatus::Running);
  EXPECT_EQ(a->started_at, "2026-11-26T09:01:00Z");
  EXPECT_EQ(a->request_json, R"({"model":"pmedian","p":3})");
  EXPECT_FALSE(none.has_value());
}

TEST_P(StudyContract, ProgressReadsBackTheCancelFlag) {
  const auto id = queue("a");
  {
    auto tx = store_->begin(Access::Write);
    ASSERT_TRUE(tx->studies().claim_next("2026-11-26T09:01:00Z"));
    EXPECT_FALSE(tx->studies().progress(id, 0.25, "construction gloutonne", "2026-11-26T09:01:05Z"));
    tx->commit();
  }
  StudyRecord s = read(id);
  EXPECT_DOUBLE_EQ(s.progress, 0.25);
  EXPECT_EQ(s.stage, "construction gloutonne");
  EXPECT_EQ(s.heartbeat_at, "2026-11-26T09:01:05Z");
  {
    auto tx = store_->begin(Access::Write);
    EXPECT_TRUE(tx->studies().request_cancel(id, "2026-11-26T09:01:06Z"));
    EXPECT_TRUE(tx->studies().progress(id, 1.5, "échanges", "2026-11-26T09:01:07Z"));  // clamped to 1
    tx->commit();
  }
  s = read(id);
  EXPECT_EQ(s.status, StudyStatus::Running);  // the runner ends it
  EXPECT_TRUE(s.cancel_requested);
  EXPECT_DOUBLE_EQ(s.progress, 1.0);
}

TEST_P(StudyContract, QueuedStudyIsCancelledAtOnceAndFinishedOnesStay) {
  const auto queued = queue("a");
  const auto done = queue("b");
  auto tx = store_->begin(Access::Write);
  EXPECT_TRUE(tx->studies().request_cancel(queued, "2026-11-26T09:02:00Z"));
  auto running = tx->studies().claim_next("2026-11-26T09:02:00Z");
  ASSERT_TRUE(running);
  EXPECT_EQ(running->id, done);  // the cancelled one is never claimed
  StudyRecord end = *running;
  end.status = StudyStatus::Done;
  end.finished_at = "2026-11-26T09:03:00Z";
  end.progress = 1;
  end.result_json = R"({"objective":42})";
  tx->studies().finish(end);
  EXPECT_FALSE(tx->studies().request_cancel(done, "2026-11-26T09:04:00Z"));
  EXPECT_FALSE(tx->studies().request_cancel(queued, "2026-11-26T09:04:00Z"));
  EXPECT_FALSE(tx->studies().request_cancel(done + 100, "2026-11-26T09:04:00Z"));
  tx->commit();
  EXPECT_EQ(read(queued).status, StudyStatus::Cancelled);
  EXPECT_FALSE(read(queued).error_fr.empty());
  const StudyRecord d = read(done);
  EXPECT_EQ(d.status, StudyStatus::Done);
  EXPECT_EQ(d.result_json, R"({"objective":42})");
  EXPECT_EQ(d.finished_at, "2026-11-26T09:03:00Z");
  EXPECT_FALSE(d.cancel_requested);
}

TEST_P(StudyContract, StaleRunsFailAndFreshOnesStay) {
  const auto stale = queue("a");
  const auto fresh = queue("b");
  auto tx = store_->begin(Access::Write);
  ASSERT_TRUE(tx->studies().claim_next("2026-11-26T09:00:00Z"));
  ASSERT_TRUE(tx->studies().claim_next("2026-11-26T09:00:00Z"));
  tx->studies().progress(fresh, 0.5, "échanges", "2026-11-26T09:10:00Z");
  EXPECT_EQ(tx->studies().fail_stale("2026-11-26T09:05:00Z", "2026-11-26T09:10:01Z", "Interrompue.", "Interrupted."),
            1);
  tx->commit();
  EXPECT_EQ(read(stale).status, StudyStatus::Failed);
  EXPECT_EQ(read(stale).error_en, "Interrupted.");
  EXPECT_EQ(read(fresh).status, StudyStatus::Running);
}

TEST_P(StudyContract, RecentListsNewestFirstWithoutTheirJson) {
  queue("a");
  queue("b");
  const auto last = queue("c");
  auto tx = store_->begin(Access::Read);
  const auto list = tx->studies().recent(2);
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0].id, last);
  EXPECT_EQ(list[0].title, "c");
  EXPECT_EQ(list[1].title, "b");
  EXPECT_TRUE(list[0].request_json.empty());
}

TEST_P(StudyContract, FinishingAnUnknownStudyIsNotFound) {
  StudyRecord s;
  s.id = 999;
  s.status = StudyStatus::Failed;
  auto tx = store_->begin(Access::Write);
  EXPECT_THROW(tx->studies().finish(s), StoreError);
}

INSTANTIATE_TEST_SUITE_P(Backends, StudyContract, ::testing::ValuesIn(backends()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace tc::store
