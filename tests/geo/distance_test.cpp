// Distances decide which centres a search "within 30 km" returns; these pin them to known values.
#include "geo/distance.h"

#include <gtest/gtest.h>

#include <numbers>

namespace tc::geo {
namespace {

constexpr domain::LatLon kAurillac{44.92447, 2.44162};
constexpr domain::LatLon kSaintFlour{45.02861, 3.08295};

TEST(DistanceTest, AurillacToSaintFlourIsAboutFiftyTwoKilometres) {
  EXPECT_NEAR(haversine_km(kAurillac, kSaintFlour), 51.76, 0.05);
}

TEST(DistanceTest, IsSymmetric) {
  EXPECT_DOUBLE_EQ(haversine_km(kAurillac, kSaintFlour), haversine_km(kSaintFlour, kAurillac));
}

TEST(DistanceTest, SamePointIsZero) { EXPECT_DOUBLE_EQ(haversine_km(kAurillac, kAurillac), 0.0); }

TEST(DistanceTest, OneDegreeOfLatitudeIsAboutOneHundredAndElevenKilometres) {
  EXPECT_NEAR(haversine_km({45, 3}, {46, 3}), kEarthRadiusKm * std::numbers::pi / 180, 1e-9);
}

TEST(DistanceTest, NeighbouringPointsStayAccurate) {
  // 0.001° of latitude: about 111 m, where the law of cosines would lose its digits.
  EXPECT_NEAR(haversine_km({45, 3}, {45.001, 3}), 0.11119, 0.00001);
}

TEST(DistanceTest, AntipodesAreHalfACircumferenceApart) {
  EXPECT_NEAR(haversine_km({45, 3}, {-45, -177}), std::numbers::pi * kEarthRadiusKm, 1e-6);
}

}  // namespace
}  // namespace tc::geo
