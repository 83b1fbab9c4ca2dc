// The siting study over the Cantal's communes in a real SQLite store (the demo network): the network's existing
// centres stay open, the exact and heuristic answers agree, and unusable inputs are refused with what is wrong.
#include "service/siting.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "service/demo_network.h"
#include "service/errors.h"

namespace tc::service {
namespace {

class SitingStudyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("tc-siting-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + s);
    store_ = store::open_store(path_);
    load_demo(*store_);
  }
  void TearDown() override {
    store_.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + s);
  }
  std::string invalid_message(const SitingRequest& r) {
    try {
      SitingStudy(*store_).run(r);
    } catch (const ServiceError& e) {
      EXPECT_EQ(e.kind, ServiceError::Kind::Invalid);
      return e.message_fr;
    }
    return "accepted";
  }
  std::string path_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(SitingStudyTest, ThePMedianKeepsTheSixOpenCentresAndExactAndHeuristicAgree) {
  SitingRequest r;
  r.params.model = siting::Model::PMedian;
  r.params.p = 8;
  r.params.time_limit_s = 60;
  r.method = siting::Method::Exact;
  const auto exact = SitingStudy(*store_).run(r);
  r.method = siting::Method::Heuristic;
  const auto heuristic = SitingStudy(*store_).run(r);
  ASSERT_EQ(exact.sites.size(), 8u);
  int fixed = 0;
  for (const auto& s : exact.sites) fixed += s.fixed ? 1 : 0;
  EXPECT_EQ(fixed, 6);  // the demo's 4 in service and 2 opening
  EXPECT_EQ(exact.clients, 250);
  EXPECT_TRUE(exact.solution.optimal);
  EXPECT_LE(exact.solution.objective, heuristic.solution.objective + 1e-6);
  EXPECT_LE(heuristic.solution.objective, exact.solution.objective * 1.01);
  EXPECT_LE(heuristic.solution.bound, exact.solution.objective + 1e-6);
  // The curve goes from the 6 open centres to 8, each extra centre lowering the total travel.
  ASSERT_EQ(exact.curve.size(), 3u);
  EXPECT_EQ(exact.curve.front().p, 6);
  EXPECT_GT(exact.curve[0].value, exact.curve[1].value);
  EXPECT_GE(exact.curve[1].value, exact.curve[2].value);
  double served = 0;
  for (const auto& s : exact.sites) served += s.served;
  EXPECT_NEAR(served, exact.total_demand, 1e-6);
}

TEST_F(SitingStudyTest, CoveringWithinTwentyMinutesNeedsMoreCentresThanWithinForty) {
  SitingRequest r;
  r.params.model = siting::Model::Lscp;
  r.params.within = 20;
  const auto near = SitingStudy(*store_).run(r);
  r.params.within = 40;
  const auto far = SitingStudy(*store_).run(r);
  EXPECT_GT(near.solution.objective, far.solution.objective);
  EXPECT_GE(far.solution.objective, 6);  // the existing centres count
  EXPECT_EQ(near.sites.size(), static_cast<std::size_t>(near.solution.objective));
}

TEST_F(SitingStudyTest, DemandFromAFileAndObservedFromApplicantsAndBookers) {
  SitingRequest r;
  r.params.model = siting::Model::PMedian;
  r.params.p = 7;
  r.demand = DemandSource::File;
  r.demand_csv = "insee,weight\n15014,100\n15187,50\n";
  const auto res = SitingStudy(*store_).run(r);
  EXPECT_EQ(res.clients, 2);
  EXPECT_DOUBLE_EQ(res.total_demand, 150);
  r.demand = DemandSource::Observed;
  const auto observed = SitingStudy(*store_).run(r);
  EXPECT_GT(observed.total_demand, 100);  // about thirty applicants per centre in service
  EXPECT_NE(observed.demand_source.find("observed"), std::string::npos);

  // Someone passing through who booked without applying counts too, at their home commune.
  const auto before = std::find_if(observed.communes.begin(), observed.communes.end(),
                                   [](const ServedCommune& c) { return c.insee == "15108"; });
  const double before_weight = before == observed.communes.end() ? 0 : before->demand;
  {
    auto tx = store_->begin(store::Access::Write);
    store::PersonRecord p;
    p.email = "de.passage@example.fr";
    p.created_at = "2026-11-26T08:00:00Z";
    p.roles = {"teleworker"};
    const auto id = tx->people().insert(p);
    domain::Profile profile = tx->people().profile(id);
    profile.home_commune_insee = "15108";
    tx->people().set_profile(id, profile);
    const auto centre = tx->centres().all().front();
    domain::Booking b;
    b.centre_id = centre.id;
    b.post_id = centre.offices.front().posts.front().id;
    b.person_id = id;
    b.date = domain::Date{2026, 12, 1};
    b.created_at = "2026-11-26T08:00:00Z";
    b.created_by = id;
    tx->bookings().insert(b);
    tx->commit();
  }
  const auto with_booker = SitingStudy(*store_).run(r);
  EXPECT_DOUBLE_EQ(with_booker.total_demand, observed.total_demand + 1);
  const auto after = std::find_if(with_booker.communes.begin(), with_booker.communes.end(),
                                  [](const ServedCommune& c) { return c.insee == "15108"; });
  ASSERT_NE(after, with_booker.communes.end());
  EXPECT_DOUBLE_EQ(after->demand, before_weight + 1);
  EXPECT_NE(with_booker.demand_source.find("bookers"), std::string::npos);
}

TEST_F(SitingStudyTest, UnusableInputsAreRefusedSayingWhatIsWrong) {
  SitingRequest r;
  r.params.model = siting::Model::PMedian;
  r.params.p = 7;
  r.demand = DemandSource::File;
  r.demand_csv = "15014,100\n99999,3\n";
  EXPECT_NE(invalid_message(r).find("99999"), std::string::npos);
  r.demand_csv = "15014,abc\n";
  EXPECT_NE(invalid_message(r).find("Ligne 1"), std::string::npos);
  // A matrix without the pair Aurillac → Saint-Flour names it.
  r.demand_csv = "15014,100\n";
  r.candidates_csv = "15014\n15187\n";
  r.fix_existing_centres = false;
  r.params.p = 1;
  r.matrix_csv = "15014,15014,0\n";
  EXPECT_NE(invalid_message(r).find("15014→15187"), std::string::npos);
  // A covering model without a radius, and p below the open centres.
  SitingRequest c;
  c.params.model = siting::Model::Mclp;
  c.params.p = 8;
  EXPECT_NE(invalid_message(c).find("--within-min"), std::string::npos);
  SitingRequest few;
  few.params.model = siting::Model::PMedian;
  few.params.p = 3;
  EXPECT_NE(invalid_message(few).find("déjà ouverts"), std::string::npos);
}

}  // namespace
}  // namespace tc::service
