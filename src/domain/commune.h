// A commune of the official geographic code (INSEE COG): the reference data every place in the platform
// points to. Plain value, no behaviour beyond what the field defines.
#pragma once

#include <string>
#include <vector>

namespace tc::domain {

struct LatLon {
  double lat = 0;
  double lon = 0;
};

struct Commune {
  std::string insee;                   // 5 characters, e.g. "15187"; Corsica uses 2A/2B
  std::string name;                    // official spelling, e.g. "Saint-Flour"
  int population = 0;                  // municipal population
  std::vector<std::string> postcodes;  // a commune may have several, and a postcode several communes
  LatLon centre;                       // centroid of the contour (WGS84)
  bool zrr = false;                    // rural revitalisation zone (ZRR, now FRR): the FNADT grant pays more there
};

}  // namespace tc::domain
