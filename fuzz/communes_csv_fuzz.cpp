// The communes reference file reader (geo::read_communes_csv). Only geo::CsvError may come out; what it accepts
// is checked against the format's rules (INSEE code, coordinates on the globe, population not negative).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "geo/communes_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto communes = tc::geo::read_communes_csv(std::string_view(reinterpret_cast<const char*>(data), size));
    for (const auto& c : communes) {
      if (c.name.empty() || c.population < 0 || !(std::abs(c.centre.lat) <= 90) || !(std::abs(c.centre.lon) <= 180)) {
        std::fprintf(stderr, "communes_csv_fuzz: accepted a commune out of the rules: %s\n", c.insee.c_str());
        std::abort();
      }
    }
  } catch (const tc::geo::CsvError&) {
  }
  return 0;
}
