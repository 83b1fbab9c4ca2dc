// The demo network of the seed: the Cantal's 8 telecentres (4 in service, 2 opening, 2 planned). Addresses,
// hours and equipment are plausible inventions; no real person appears.
#pragma once

#include <cstddef>
#include <vector>

#include "domain/centre.h"
#include "store/store.h"

namespace tc::service {

// The demo centres, not yet stored (ids 0). Their communes must be in the reference data.
std::vector<domain::Centre> demo_centres();

// Loads the reference communes and the demo centres into a database without centres; returns how many centres
// were added (0 when the database already had centres: a demo never overwrites real data).
std::size_t load_demo(store::Store& store);

}  // namespace tc::service
