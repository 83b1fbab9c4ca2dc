// The communes reference list: bundled in the program (the Cantal), importable from a file (any territory).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "domain/commune.h"
#include "store/store.h"

namespace tc::service {

// The Cantal's 250 communes (COG 2025) compiled into the program.
std::vector<domain::Commune> bundled_communes();
// The Cantal's commune contours (GeoJSON) compiled into the program, for maps.
std::string_view bundled_contours();

// Inserts or updates every commune in one transaction; returns how many. All or nothing.
std::size_t import_communes(store::Store& store, const std::vector<domain::Commune>& communes);

// Loads the bundled communes into an empty database, so that a fresh install answers searches at once.
void ensure_reference_data(store::Store& store);

}  // namespace tc::service
