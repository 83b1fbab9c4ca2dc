// Haversine rather than the spherical law of cosines: it stays accurate for the short distances (a few hundred
// metres between neighbouring centres) where acos loses its digits.
#include "geo/distance.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace tc::geo {

namespace {

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

}  // namespace

double haversine_km(domain::LatLon a, domain::LatLon b) {
  const double lat_a = radians(a.lat);
  const double lat_b = radians(b.lat);
  const double half_dlat = std::sin((lat_b - lat_a) / 2);
  const double half_dlon = std::sin(radians(b.lon - a.lon) / 2);
  const double h = half_dlat * half_dlat + std::cos(lat_a) * std::cos(lat_b) * half_dlon * half_dlon;
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::clamp(h, 0.0, 1.0)));
}

}  // namespace tc::geo
