// Background siting studies over the demo network in a real SQLite store: queued after a check (so a wrong p is
// refused at once), run by the runner to a stored result, cancelled while queued or running, put back in the
// queue when the server stops, and failed when their runner died (stale heartbeat).
#include "service/siting_jobs.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "demo_store.h"
#include "service/errors.h"

namespace tc::service {
namespace {

using domain::StudyStatus;

class SitingJobsTest : public DemoStoreTest {
 protected:
  void SetUp() override {
    DemoStoreTest::SetUp();
    auto tx = store_->begin(store::Access::Write);
    store::PersonRecord p;
    p.email = "animation@example.fr";
    p.created_at = "2026-11-26T08:00:00Z";
    p.roles = {"animator"};
    animator_.id = tx->people().insert(p);
    animator_.roles = {domain::Role::Animator};
    tx->commit();
    study_ = std::make_unique<SitingStudy>(*store_);
    jobs_ = std::make_unique<SitingJobs>(*store_, *study_, [this] { return now_; });
  }
  void TearDown() override {
    jobs_.reset();
    DemoStoreTest::TearDown();
  }

  static SitingRequest pmedian(int p, siting::Method method = siting::Method::Heuristic) {
    SitingRequest r;
    r.params.model = siting::Model::PMedian;
    r.params.p = p;
    r.params.time_limit_s = 60;
    r.method = method;
    return r;
  }

  domain::StudyRecord record(domain::StudyId id) { return jobs_->get(animator_, id); }

  // Waits (bounded) until the study has left the queue.
  void wait_running(domain::StudyId id) {
    for (int i = 0; i < 500 && record(id).status == StudyStatus::Queued; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

  std::unique_ptr<SitingStudy> study_;
  std::unique_ptr<SitingJobs> jobs_;
  domain::Actor animator_;
  domain::Timestamp now_{1'795'000'000};
};

TEST_F(SitingJobsTest, OnlyTheCouncilAndTheAnimatorQueueStudies) {
  domain::Actor teleworker{animator_.id, {domain::Role::Teleworker}, {}};
  try {
    jobs_->submit(teleworker, pmedian(8), "");
    ADD_FAILURE() << "a teleworker queued a study";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.kind, ServiceError::Kind::Forbidden);
  }
  EXPECT_THROW(jobs_->recent(teleworker), ServiceError);
  EXPECT_TRUE(jobs_->recent(animator_).empty());
}

TEST_F(SitingJobsTest, AWrongRequestIsRefusedAtOnceAndNothingIsQueued) {
  for (const SitingRequest& r : {pmedian(251), pmedian(3), pmedian(0)}) {
    try {
      jobs_->submit(animator_, r, "");
      ADD_FAILURE() << "queued p = " << r.params.p;
    } catch (const ServiceError& e) {
      EXPECT_EQ(e.kind, ServiceError::Kind::Invalid);
      EXPECT_EQ(e.field, "p");
    }
  }
  SitingRequest mclp = pmedian(8);
  mclp.params.model = siting::Model::Mclp;  // without a radius
  EXPECT_THROW(jobs_->submit(animator_, mclp, ""), ServiceError);
  SitingRequest unknown = pmedian(8);
  unknown.fixed = {"99999"};
  EXPECT_THROW(jobs_->submit(animator_, unknown, ""), ServiceError);
  EXPECT_TRUE(jobs_->recent(animator_).empty());
  EXPECT_FALSE(jobs_->run_next());
}

TEST_F(SitingJobsTest, TheRunnerStoresTheResultWithEveryCommune) {
  const auto id = jobs_->submit(animator_, pmedian(8), "");
  EXPECT_EQ(record(id).status, StudyStatus::Queued);
  EXPECT_EQ(record(id).title, "p-médiane, 8 centres");
  ASSERT_TRUE(jobs_->run_next());
  EXPECT_FALSE(jobs_->run_next());
  const auto s = record(id);
  ASSERT_EQ(s.status, StudyStatus::Done) << s.error_fr;
  EXPECT_DOUBLE_EQ(s.progress, 1.0);
  const auto result = nlohmann::json::parse(s.result_json);
  EXPECT_EQ(result["sites"].size(), 8U);
  int fixed = 0;
  for (const auto& site : result["sites"]) fixed += site["fixed"].get<bool>() ? 1 : 0;
  EXPECT_EQ(fixed, 6);  // the demo's centres in service and opening
  EXPECT_EQ(result["communes"].size(), 250U);
  // Without a radius every commune is served; its nearest site is one of the chosen.
  EXPECT_DOUBLE_EQ(result["demand"]["covered"].get<double>(), result["demand"]["total"].get<double>());
  std::set<std::string> chosen;
  for (const auto& site : result["sites"]) chosen.insert(site["insee"].get<std::string>());
  for (const auto& c : result["communes"]) {
    EXPECT_TRUE(chosen.contains(c["nearest"].get<std::string>())) << c.dump();
  }
  // The stored request reads back as the one asked.
  const auto request = nlohmann::json::parse(s.request_json);
  EXPECT_EQ(request["model"], "pmedian");
  EXPECT_EQ(request["p"], 8);
  EXPECT_EQ(request["method"], "heuristic");
}

TEST_F(SitingJobsTest, ACoveringStudyMarksTheCommunesBeyondTheRadius) {
  SitingRequest r = pmedian(7);
  r.params.model = siting::Model::Mclp;
  r.params.within = 15;
  const auto id = jobs_->submit(animator_, r, "Couverture en 15 min");
  ASSERT_TRUE(jobs_->run_next());
  const auto s = record(id);
  ASSERT_EQ(s.status, StudyStatus::Done) << s.error_fr;
  EXPECT_EQ(s.title, "Couverture en 15 min");
  const auto result = nlohmann::json::parse(s.result_json);
  int uncovered = 0;
  double covered = 0;
  for (const auto& c : result["communes"]) {
    const bool is_covered = c["covered"].get<bool>();
    EXPECT_EQ(is_covered, c["minutes"].get<double>() <= 15.05) << c.dump();
    uncovered += is_covered ? 0 : 1;
    if (is_covered) covered += c["demand"].get<double>();
  }
  EXPECT_GT(uncovered, 0);  // seven centres cannot bring the whole Cantal within 15 minutes
  EXPECT_NEAR(covered, result["objective"].get<double>(), 1e-6 * covered);
}

TEST_F(SitingJobsTest, AQueuedStudyIsCancelledAndNeverRuns) {
  const auto id = jobs_->submit(animator_, pmedian(8), "");
  jobs_->cancel(animator_, id);
  EXPECT_EQ(record(id).status, StudyStatus::Cancelled);
  EXPECT_FALSE(jobs_->run_next());
  try {
    jobs_->cancel(animator_, id);
    ADD_FAILURE() << "cancelled twice";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.kind, ServiceError::Kind::Conflict);
  }
  try {
    jobs_->cancel(animator_, id + 1);
    ADD_FAILURE() << "cancelled an unknown study";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.kind, ServiceError::Kind::NotFound);
  }
}

TEST_F(SitingJobsTest, ARunningStudyStopsWhenCancelled) {
  // The exact p-median of the Cantal takes CBC seconds: time for the cancel to arrive while it runs.
  const auto id = jobs_->submit(animator_, pmedian(9, siting::Method::Exact), "");
  std::thread runner([this] { jobs_->run_next(std::chrono::milliseconds(10)); });
  wait_running(id);
  jobs_->cancel(animator_, id);
  runner.join();
  const auto s = record(id);
  EXPECT_EQ(s.status, StudyStatus::Cancelled);
  EXPECT_TRUE(s.result_json.empty());
  EXPECT_FALSE(s.finished_at.empty());
}

TEST_F(SitingJobsTest, AStoppingServerPutsItsStudyBackInTheQueue) {
  const auto id = jobs_->submit(animator_, pmedian(9, siting::Method::Exact), "");
  std::thread runner([this] { jobs_->run_next(std::chrono::milliseconds(10)); });
  wait_running(id);
  jobs_->stop();
  runner.join();
  EXPECT_EQ(record(id).status, StudyStatus::Queued);
  // Another server (or this one restarted) takes it again and finishes it.
  SitingJobs restarted(*store_, *study_, [this] { return now_; });
  ASSERT_TRUE(restarted.run_next());
  EXPECT_EQ(record(id).status, StudyStatus::Done);
}

TEST_F(SitingJobsTest, AStudyWhoseRunnerDiedFails) {
  const auto id = jobs_->submit(animator_, pmedian(8), "");
  {
    auto tx = store_->begin(store::Access::Write);
    ASSERT_TRUE(tx->studies().claim_next(now_.iso()));  // a runner took it, then its process was killed
    tx->commit();
  }
  now_.unix_seconds += 30;
  EXPECT_EQ(jobs_->fail_stale(std::chrono::seconds(60)), 0);
  now_.unix_seconds += 60;
  EXPECT_EQ(jobs_->fail_stale(std::chrono::seconds(60)), 1);
  const auto s = record(id);
  EXPECT_EQ(s.status, StudyStatus::Failed);
  EXPECT_NE(s.error_fr.find("Interrompue"), std::string::npos);
}

}  // namespace
}  // namespace tc::service
