// The commute formula: round trips, the circuity factor, never negative.
#include "geo/commute.h"

#include <gtest/gtest.h>

#include "geo/distance.h"

namespace tc::geo {
namespace {

const domain::LatLon kMurat{45.1103, 2.8686};
const domain::LatLon kAurillac{44.9281, 2.4416};
const domain::LatLon kClermont{45.7797, 3.0863};

TEST(Commute, SavesTheRoundTripToWorkMinusTheRoundTripToTheCentre) {
  // Home in Murat, working in Clermont-Ferrand, teleworking at Murat's centre: the whole round trip is saved.
  const double direct = haversine_km(kMurat, kClermont);
  EXPECT_NEAR(round_trip_km_avoided(kMurat, kClermont, kMurat), 2 * 1.3 * direct, 1e-9);
  EXPECT_NEAR(direct, 76, 3);  // as the crow flies
  // Home in Murat, centre in Aurillac: the trip to Aurillac is paid back.
  const double via = 2 * 1.3 * (direct - haversine_km(kMurat, kAurillac));
  EXPECT_NEAR(round_trip_km_avoided(kMurat, kClermont, kAurillac), via, 1e-9);
  EXPECT_NEAR(round_trip_km_avoided(kMurat, kClermont, kMurat, 1.0), 2 * direct, 1e-9);
}

TEST(Commute, NeverNegative) {
  // Working in Murat, teleworking in Aurillac: farther than work, nothing saved (not a cost).
  EXPECT_EQ(round_trip_km_avoided(kMurat, kMurat, kAurillac), 0.0);
  EXPECT_EQ(round_trip_km_avoided(kMurat, kAurillac, kClermont), 0.0);
}

}  // namespace
}  // namespace tc::geo
