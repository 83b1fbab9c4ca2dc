// The GeoJSON contours reader (geo::DepartementMap) and the map drawn from what it accepted. Its documented
// error is std::runtime_error with a readable message (nlohmann's parse errors are not runtime_errors: a
// malformed document must come out as the reader's own error, not as a JSON library exception).
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "geo/svg_map.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const tc::geo::DepartementMap map(std::string_view(reinterpret_cast<const char*>(data), size));
    tc::geo::MapOptions options;
    options.title = "Carte";
    (void)map.render({{{45.0, 2.5}, "A", "in_service", "/centres/1"}}, options);
  } catch (const std::runtime_error&) {
  }
  return 0;
}
