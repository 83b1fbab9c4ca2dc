// The travel-time matrix reader (from_insee,to_insee,minutes) and the instance built from it over the communes it
// names. Only siting::SitingError may come out; an instance built has finite, non-negative costs.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "siting/demand.h"
#include "siting/errors.h"
#include "siting/travel.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tc::siting;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto od = read_matrix_csv(text);
    std::set<std::string> froms, tos;
    for (const auto& [from, to, minutes] : od) {
      froms.insert(from);
      tos.insert(to);
    }
    if (froms.size() > 64 || tos.size() > 64) return 0;  // the instance is clients × sites: keep it small
    std::vector<Point> clients, sites;
    for (const auto& f : froms) clients.push_back({f, 45, 2.5, 1});
    for (const auto& t : tos) sites.push_back({t, 45, 2.5, 0});
    const Instance instance = matrix_instance(clients, sites, od);
    for (int i = 0; i < instance.clients; ++i)
      for (int j = 0; j < instance.sites; ++j)
        if (!std::isfinite(instance.at(i, j)) || instance.at(i, j) < 0) {
          std::fprintf(stderr, "travel_matrix_fuzz: cost %g\n", instance.at(i, j));
          std::abort();
        }
  } catch (const SitingError&) {
  }
  return 0;
}
