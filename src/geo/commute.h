// The commute a telecentre saves: a teleworker who works a half-day at a centre instead of driving to the usual
// workplace avoids the round trip home → workplace and makes the round trip home → centre instead. Road distances
// come from the siting study's travel model (great circle × a circuity factor), so that both speak of the same km.
#pragma once

#include "domain/commune.h"

namespace tc::geo {

inline constexpr double kDefaultCircuity = 1.3;
inline constexpr double kCarKgCo2PerKm = 0.218;  // ADEME Base Carbone, average car, kgCO2e per km

// Road km of a round trip home → workplace minus that of home → centre, never negative (a centre farther than the
// workplace saves nothing, it does not cost).
double round_trip_km_avoided(domain::LatLon home, domain::LatLon workplace, domain::LatLon centre,
                             double circuity = kDefaultCircuity);

}  // namespace tc::geo
