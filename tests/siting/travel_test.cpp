// The travel model: great-circle km × circuity ÷ speed, checked against an independent haversine, and the
// imported origin–destination matrix, whose gaps must be named so the user can fix the file.
#include "siting/travel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <numbers>
#include <string>
#include <tuple>
#include <vector>

#include "siting/errors.h"

namespace tc::siting {
namespace {

const Point kAurillac{"15014", 44.9281, 2.4416, 0};
const Point kSaintFlour{"15187", 45.0340, 3.0930, 0};

// Written out again here rather than calling the code under test.
double reference_km(double lat1, double lon1, double lat2, double lon2) {
  const double d = std::numbers::pi / 180;
  const double a = std::pow(std::sin((lat2 - lat1) * d / 2), 2) +
                   std::cos(lat1 * d) * std::cos(lat2 * d) * std::pow(std::sin((lon2 - lon1) * d / 2), 2);
  return 2 * 6371.0088 * std::atan2(std::sqrt(a), std::sqrt(1 - a));
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const SitingError& e) {
    return e.what();
  }
  return "(no SitingError)";
}

TEST(Travel, AurillacToSaintFlourGreatCircle) {
  const double km = great_circle_km(kAurillac.lat, kAurillac.lon, kSaintFlour.lat, kSaintFlour.lon);
  EXPECT_GT(km, 52.0);
  EXPECT_LT(km, 53.0);
  EXPECT_NEAR(km, reference_km(kAurillac.lat, kAurillac.lon, kSaintFlour.lat, kSaintFlour.lon), 1e-9);
  EXPECT_DOUBLE_EQ(great_circle_km(45, 3, 45, 3), 0.0);
}

TEST(Travel, MinutesUseCircuityAndSpeed) {
  const double km = reference_km(kAurillac.lat, kAurillac.lon, kSaintFlour.lat, kSaintFlour.lon);
  // Defaults: 1.3 × km at 60 km/h = 1.3 × km minutes (≈ 68.3).
  EXPECT_NEAR(travel_minutes(kAurillac, kSaintFlour), km * 1.3, 0.01);
  EXPECT_NEAR(travel_minutes(kAurillac, kSaintFlour, 1.0, 80.0), km / 80.0 * 60.0, 0.01);
  EXPECT_NEAR(travel_minutes(kSaintFlour, kAurillac), travel_minutes(kAurillac, kSaintFlour), 1e-9);
}

TEST(Travel, InstanceLayoutIsClientsBySites) {
  const Point mauriac{"15120", 45.2186, 2.3336, 0};
  std::vector<Point> clients{kAurillac, kSaintFlour, mauriac};
  clients[0].weight = 10;
  clients[1].weight = 5;
  clients[2].weight = 0;
  const std::vector<Point> sites{kSaintFlour, kAurillac};
  const Instance inst = travel_instance(clients, sites, 1.5, 50);
  ASSERT_EQ(inst.clients, 3);
  ASSERT_EQ(inst.sites, 2);
  ASSERT_EQ(inst.cost.size(), 6u);
  EXPECT_EQ(inst.weight, (std::vector<double>{10, 5, 0}));
  EXPECT_EQ(inst.client_ids, (std::vector<std::string>{"15014", "15187", "15120"}));
  EXPECT_EQ(inst.site_ids, (std::vector<std::string>{"15187", "15014"}));
  EXPECT_TRUE(inst.fixed.empty());
  EXPECT_DOUBLE_EQ(inst.at(0, 1), 0.0);
  EXPECT_DOUBLE_EQ(inst.at(1, 0), 0.0);
  EXPECT_NEAR(inst.at(0, 0), travel_minutes(kAurillac, kSaintFlour, 1.5, 50), 1e-9);
  EXPECT_NEAR(inst.at(2, 1), travel_minutes(mauriac, kAurillac, 1.5, 50), 1e-9);
}

TEST(Travel, RejectsBadInput) {
  EXPECT_THROW(travel_instance({kAurillac}, {kSaintFlour}, 1.3, 0), SitingError);
  EXPECT_THROW(travel_instance({kAurillac}, {kSaintFlour}, 0, 60), SitingError);
  EXPECT_THROW(travel_instance({kAurillac}, {kSaintFlour}, std::nan(""), 60), SitingError);
  EXPECT_THROW(travel_instance({Point{"x", 91, 0, 1}}, {kSaintFlour}), SitingError);
  EXPECT_THROW(travel_instance({Point{"x", 45, 3, -1}}, {kSaintFlour}), SitingError);
  EXPECT_THROW(travel_instance({kAurillac, kAurillac}, {kSaintFlour}), SitingError);
  EXPECT_THROW(travel_instance({kAurillac}, {kSaintFlour, kSaintFlour}), SitingError);
}

TEST(Matrix, CompleteMatrixBuildsAndIgnoresOutsidePairs) {
  std::vector<Point> clients{kAurillac, kSaintFlour};
  clients[0].weight = 3;
  clients[1].weight = 4;
  const std::vector<Point> sites{kSaintFlour};
  const Instance inst = matrix_instance(clients, sites,
                                        {{"15014", "15187", 55.5},
                                         {"15187", "15187", 0},
                                         {"15999", "15187", 7},
                                         {"15014", "15999", 9},
                                         {"15014", "15187", 55.5}});
  ASSERT_EQ(inst.clients, 2);
  ASSERT_EQ(inst.sites, 1);
  EXPECT_DOUBLE_EQ(inst.at(0, 0), 55.5);
  EXPECT_DOUBLE_EQ(inst.at(1, 0), 0.0);
  EXPECT_EQ(inst.weight, (std::vector<double>{3, 4}));
}

TEST(Matrix, MissingPairsAreNamedWithTheirCount) {
  const std::vector<Point> clients{kAurillac, kSaintFlour};
  const std::vector<Point> sites{kSaintFlour, kAurillac};
  const std::string msg = message_of([&] {
    matrix_instance(clients, sites, {{"15014", "15014", 0}, {"15187", "15187", 0}});
  });
  EXPECT_NE(msg.find("15014→15187"), std::string::npos) << msg;
  EXPECT_NE(msg.find("15187→15014"), std::string::npos) << msg;
  EXPECT_NE(msg.find("2 paires manquantes"), std::string::npos) << msg;
}

TEST(Matrix, ManyMissingPairsNameTenAndCountAll) {
  std::vector<Point> clients;
  std::vector<Point> sites;
  for (int k = 0; k < 5; ++k) {
    clients.push_back(Point{"c" + std::to_string(k), 45, 3, 1});
    sites.push_back(Point{"s" + std::to_string(k), 45, 3, 0});
  }
  const std::string msg = message_of([&] { matrix_instance(clients, sites, {{"c0", "s0", 1}}); });
  EXPECT_NE(msg.find("24 paires manquantes"), std::string::npos) << msg;
  EXPECT_NE(msg.find("c0→s1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("c2→s0"), std::string::npos) << msg;  // the 10th missing pair
  EXPECT_EQ(msg.find("c2→s1"), std::string::npos) << msg;  // the 11th is only counted
  std::size_t arrows = 0;
  for (std::size_t at = msg.find("→"); at != std::string::npos; at = msg.find("→", at + 1)) ++arrows;
  EXPECT_EQ(arrows, 10u);
}

TEST(Matrix, RejectsInvalidAndConflictingTimes) {
  const std::vector<Point> clients{kAurillac};
  const std::vector<Point> sites{kSaintFlour};
  EXPECT_THROW(matrix_instance(clients, sites, {{"15014", "15187", -1}}), SitingError);
  EXPECT_THROW(matrix_instance(clients, sites, {{"15014", "15187", std::nan("")}}), SitingError);
  const std::string msg = message_of([&] {
    matrix_instance(clients, sites, {{"15014", "15187", 50}, {"15014", "15187", 60}});
  });
  EXPECT_NE(msg.find("15014→15187"), std::string::npos) << msg;
}

}  // namespace
}  // namespace tc::siting
