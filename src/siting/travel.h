// The travel model of the siting study: how long a resident of a commune takes to reach a candidate site.
// Either great-circle distance × a circuity factor (roads are not straight) ÷ an average speed, or an imported
// origin–destination matrix of minutes (e.g. from a routing engine). Both build an Instance in minutes.
#pragma once

#include <string>
#include <tuple>
#include <vector>

#include "siting/instance.h"

namespace tc::siting {

// Own constant (src/siting stays independent of src/geo): IUGG mean Earth radius.
inline constexpr double kMeanEarthRadiusKm = 6371.0088;
inline constexpr double kDefaultCircuity = 1.3;
inline constexpr double kDefaultSpeedKmh = 60;

struct Point {
  std::string id;     // INSEE code for a commune
  double lat = 0;     // degrees
  double lon = 0;     // degrees
  double weight = 0;  // demand (clients); ignored for sites
};

// Haversine distance in km on the mean-radius sphere.
double great_circle_km(double lat1, double lon1, double lat2, double lon2);

// Minutes from a to b: great_circle_km × circuity ÷ speed_kmh × 60.
double travel_minutes(const Point& a, const Point& b, double circuity = kDefaultCircuity,
                      double speed_kmh = kDefaultSpeedKmh);

// Clients × sites instance whose cost is travel_minutes. Throws SitingError on bad input (coordinates off the
// globe, negative or non-finite weight, circuity or speed not > 0, duplicate ids).
Instance travel_instance(const std::vector<Point>& clients, const std::vector<Point>& sites,
                         double circuity = kDefaultCircuity, double speed_kmh = kDefaultSpeedKmh);

// Clients × sites instance from (client id, site id, minutes) triples. Pairs outside the clients and sites are
// ignored (a matrix may cover a wider area); a missing pair is an error that names up to 10 of them
// ("15014→15187") and gives the total count, as do negative or non-finite minutes and one pair given twice
// with different values.
Instance matrix_instance(const std::vector<Point>& clients, const std::vector<Point>& sites,
                         const std::vector<std::tuple<std::string, std::string, double>>& od_minutes);

}  // namespace tc::siting
