// Great-circle distances between points on the WGS84 ellipsoid, approximated by a sphere of the mean radius:
// good to 0.5 % at the scale of a département, which is all a "centres within 30 km" question needs.
#pragma once

#include "domain/commune.h"

namespace tc::geo {

inline constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius

double haversine_km(domain::LatLon a, domain::LatLon b);

}  // namespace tc::geo
