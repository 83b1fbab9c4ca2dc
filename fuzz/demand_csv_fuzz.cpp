// The siting study's demand file (insee,weight) and candidate list readers. Only siting::SitingError may come
// out; accepted weights are finite and not negative.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "siting/demand.h"
#include "siting/errors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    for (const auto& [insee, weight] : tc::siting::read_demand_csv(text)) {
      if (!std::isfinite(weight) || weight < 0) {
        std::fprintf(stderr, "demand_csv_fuzz: accepted weight %g for %s\n", weight, insee.c_str());
        std::abort();
      }
    }
  } catch (const tc::siting::SitingError&) {
  }
  try {
    (void)tc::siting::read_candidates(text);
  } catch (const tc::siting::SitingError&) {
  }
  return 0;
}
