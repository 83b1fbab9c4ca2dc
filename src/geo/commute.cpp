#include "geo/commute.h"

#include <algorithm>

#include "geo/distance.h"

namespace tc::geo {

double round_trip_km_avoided(domain::LatLon home, domain::LatLon workplace, domain::LatLon centre, double circuity) {
  const double saved = 2 * circuity * (haversine_km(home, workplace) - haversine_km(home, centre));
  return std::max(0.0, saved);
}

}  // namespace tc::geo
