// The OR-Library p-median reader (siting::read_orlib): `n m p` then m edges. Only siting::SitingError may come
// out; an instance read is n × n with finite, non-negative costs and zero on the diagonal.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "siting/errors.h"
#include "siting/orlib.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tc::siting;
  // Floyd–Warshall is n³ by design and a file of S bytes may name up to S / 6 vertices: past 2 KiB one input could
  // take seconds, which says nothing about the parsing.
  if (size > 2048) return 0;
  try {
    int p = -1;
    const Instance instance = read_orlib(std::string_view(reinterpret_cast<const char*>(data), size), &p);
    if (instance.clients != instance.sites) std::abort();
    for (int i = 0; i < instance.clients; ++i) {
      if (instance.at(i, i) != 0) std::abort();
      for (int j = 0; j < instance.sites; ++j)
        if (!std::isfinite(instance.at(i, j)) || instance.at(i, j) < 0) {
          std::fprintf(stderr, "orlib_fuzz: cost %g\n", instance.at(i, j));
          std::abort();
        }
    }
  } catch (const SitingError&) {
  }
  return 0;
}
