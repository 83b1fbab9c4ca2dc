// The siting study beyond the dense matrix: communes of data/communes-france-2025.csv imported into a fresh SQLite
// store, studied through the neighbour-list solvers (siting/large.h). The answer must be consistent — p sites, the
// fixed ones kept, every commune's nearest site among the chosen, the objective what the communes' minutes say — and,
// on a small instance forced onto that path, as good as the dense path's proven optimum allows.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "../support/time_scale.h"
#include "service/errors.h"
#include "service/reference_data.h"
#include "service/siting.h"
#include "siting/large.h"

namespace tc::service {
namespace {

// The first `count` communes of the national file (departments 01, 02, 03…), as the store takes them.
std::vector<domain::Commune> national_communes(std::size_t count) {
  std::ifstream in(std::string(TC_SOURCE_DIR) + "/data/communes-france-2025.csv", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  std::vector<std::string> names;
  const auto points = siting::read_communes_csv(text.str(), &names);
  std::vector<domain::Commune> out;
  for (std::size_t k = 0; k < points.size() && out.size() < count; ++k) {
    domain::Commune c;
    c.insee = points[k].id;
    c.name = names[k];
    c.population = static_cast<int>(points[k].weight);
    c.centre = {points[k].lat, points[k].lon};
    out.push_back(std::move(c));
  }
  return out;
}

class SitingLargeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("tc-siting-large-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + s);
    store_ = store::open_store(path_);
  }
  void TearDown() override {
    store_.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + s);
  }
  void import(std::size_t count) {
    communes_ = national_communes(count);
    ASSERT_EQ(communes_.size(), count);
    import_communes(*store_, communes_);
  }
  std::string invalid_message(const SitingRequest& r) {
    try {
      SitingStudy(*store_).check(r);
    } catch (const ServiceError& e) {
      EXPECT_EQ(e.kind, ServiceError::Kind::Invalid);
      return e.message_fr;
    }
    return "accepted";
  }
  // Checks what every answer must satisfy; returns Σ demand × minutes to the nearest chosen site.
  static double check_consistent(const SitingRequest& r, const SitingResult& res) {
    EXPECT_EQ(res.sites.size(), static_cast<std::size_t>(r.params.p));
    std::set<std::string> chosen;
    for (const auto& s : res.sites) chosen.insert(s.insee);
    EXPECT_EQ(chosen.size(), res.sites.size());
    for (const auto& f : r.fixed) {
      EXPECT_TRUE(chosen.contains(f)) << f;
    }
    for (const auto& s : res.sites) {
      EXPECT_EQ(s.fixed, std::find(r.fixed.begin(), r.fixed.end(), s.insee) != r.fixed.end()) << s.insee;
    }
    EXPECT_EQ(res.communes.size(), static_cast<std::size_t>(res.clients));
    double person_minutes = 0;
    double covered = 0;
    for (const auto& c : res.communes) {
      EXPECT_TRUE(chosen.contains(c.nearest)) << c.insee;
      EXPECT_GE(c.minutes, 0);
      person_minutes += c.demand * c.minutes;
      if (c.covered) covered += c.demand;
    }
    double served = 0;
    for (const auto& s : res.sites) served += s.served;
    if (r.params.model == siting::Model::PMedian) {
      EXPECT_NEAR(served, res.total_demand, 1e-6 * res.total_demand);
      EXPECT_NEAR(res.solution.objective, person_minutes, 1e-6 * person_minutes);
    } else {
      EXPECT_NEAR(res.solution.objective, covered, 1e-6 * res.total_demand);
      EXPECT_NEAR(served, covered, 1e-6 * res.total_demand);
    }
    return person_minutes;
  }
  std::string path_;
  std::unique_ptr<store::Store> store_;
  std::vector<domain::Commune> communes_;
};

TEST_F(SitingLargeTest, ThousandsOfCommunesGoThroughTheNeighbourListsForThePMedian) {
  import(3200);
  SitingRequest r;
  r.params.model = siting::Model::PMedian;
  r.params.p = 25;
  r.params.time_limit_s = 1.5 * test::kTimeScale;  // under ASan, 1.5 s left no time for the bound
  r.fixed = {"01053", "02691"};                    // Bourg-en-Bresse, Saint-Quentin
  const auto res = SitingStudy(*store_).run(r);
  EXPECT_EQ(res.solution.solver.rfind("large", 0), 0u) << res.solution.solver;  // not the dense path
  EXPECT_EQ(res.candidates, 3200);
  EXPECT_GT(res.clients, 3000);
  check_consistent(r, res);
  EXPECT_LE(res.solution.bound, res.solution.objective + 1e-6);
  EXPECT_GT(res.solution.bound, 0);  // a Lagrangian bound; how tight depends on the 1.5 s the machine gives it
  EXPECT_TRUE(res.curve.empty());    // no curve for a national-scale p-median without a radius
}

TEST_F(SitingLargeTest, ThousandsOfCommunesGoThroughTheNeighbourListsForTheMclp) {
  import(3200);
  SitingRequest r;
  r.params.model = siting::Model::Mclp;
  r.params.p = 20;
  r.params.within = 15;
  r.params.time_limit_s = 1.5;
  r.fixed = {"01053"};
  r.curve_max = 8;
  const auto res = SitingStudy(*store_).run(r);
  EXPECT_EQ(res.solution.solver.rfind("large", 0), 0u) << res.solution.solver;
  check_consistent(r, res);
  EXPECT_GE(res.solution.bound, res.solution.objective - 1e-6);
  EXPECT_LT(res.solution.objective, res.total_demand);
  // The greedy curve: from the one fixed centre to 8, never decreasing.
  ASSERT_EQ(res.curve.size(), 8u);
  EXPECT_EQ(res.curve.front().p, 1);
  for (std::size_t k = 1; k < res.curve.size(); ++k) {
    EXPECT_EQ(res.curve[k].p, res.curve[k - 1].p + 1);
    EXPECT_GE(res.curve[k].value, res.curve[k - 1].value);
  }
}

TEST_F(SitingLargeTest, TheDenseOnlyModelsAreRefusedBeyondTheMatrixLimit) {
  import(3200);  // 10.24 million pairs
  SitingRequest r;
  r.params.model = siting::Model::Lscp;
  r.params.within = 20;
  EXPECT_NE(invalid_message(r).find("LSCP"), std::string::npos);
  r.params.model = siting::Model::PMedian;
  r.params.p = 10;
  r.matrix_csv = "from_insee,to_insee,minutes\n01001,01001,0\n";
  EXPECT_NE(invalid_message(r).find("matrice"), std::string::npos);
  r.matrix_csv.clear();
  EXPECT_EQ(invalid_message(r), "accepted");
}

TEST_F(SitingLargeTest, ASmallStudyForcedOntoTheNeighbourListsAgreesWithTheDenseOptimum) {
  import(120);
  for (const auto model : {siting::Model::PMedian, siting::Model::Mclp}) {
    SitingRequest r;
    r.params.model = model;
    r.params.p = 6;
    r.params.within = model == siting::Model::Mclp ? 12 : 0;
    r.params.time_limit_s = 20;
    r.fixed = {"01053"};
    r.method = siting::Method::Exact;
    const auto dense = SitingStudy(*store_).run(r);
    ASSERT_TRUE(dense.solution.optimal);
    r.method = siting::Method::Auto;
    const auto large = SitingStudy(*store_, 0).run(r);  // every study beyond 0 pairs: the neighbour lists
    EXPECT_EQ(large.solution.solver.rfind("large", 0), 0u) << large.solution.solver;
    check_consistent(r, large);
    const double opt = dense.solution.objective;
    if (model == siting::Model::PMedian) {
      EXPECT_GE(large.solution.objective, opt - 1e-6 * opt);
      EXPECT_LE(large.solution.objective, opt * 1.01);
      EXPECT_LE(large.solution.bound, opt + 1e-6 * opt);
    } else {
      EXPECT_LE(large.solution.objective, opt + 1e-6 * opt);
      EXPECT_GE(large.solution.objective, opt * 0.99);
      EXPECT_GE(large.solution.bound, opt - 1e-6 * opt);
      ASSERT_EQ(large.curve.size(), 6u);
      EXPECT_NEAR(large.curve.front().value, dense.curve.front().value, 1e-6 * opt);  // the fixed centre alone
    }
  }
}

}  // namespace
}  // namespace tc::service
