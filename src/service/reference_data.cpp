#include "service/reference_data.h"

#include <string>

#include "geo/communes_csv.h"
#include "resources.h"

namespace tc::service {

std::vector<domain::Commune> bundled_communes() {
  auto csv = resources::find("data/communes-15-cantal-2025.csv");
  if (!csv) return {};
  return geo::read_communes_csv(*csv);
}

std::string_view bundled_contours() { return resources::find("data/communes-15-cantal-2025.geojson").value_or(""); }

std::size_t import_communes(store::Store& store, const std::vector<domain::Commune>& communes) {
  auto tx = store.begin(store::Access::Write);
  for (const auto& c : communes) tx->communes().upsert(c);
  tx->commit();
  return communes.size();
}

void ensure_reference_data(store::Store& store) {
  {
    auto tx = store.begin(store::Access::Read);
    if (tx->communes().count() > 0) return;
  }
  import_communes(store, bundled_communes());
}

}  // namespace tc::service
