// The demo network of the seed: the Cantal's 8 telecentres (4 in service, 2 opening, 2 planned). Addresses,
// hours and equipment are plausible inventions; no real person appears.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "domain/centre.h"
#include "store/store.h"

namespace tc::service {

// The demo centres, not yet stored (ids 0). Their communes must be in the reference data.
std::vector<domain::Centre> demo_centres();

// The demo's accounts, with their passwords: for trying the platform, never for production. Hosts are attached
// to the in-service centre named in `centre`.
struct DemoAccount {
  std::string role;
  std::string email;
  std::string password;
  std::string display_name;
  std::string centre;  // INSEE code of the hosted centre's commune, for hosts
};
const std::vector<DemoAccount>& demo_accounts();

// Loads the reference communes and the demo centres into a database without centres; returns how many centres
// were added (0 when the database already had centres: a demo never overwrites real data). `with_activity` adds
// bookings around today (and the demo teleworker's place at Saint-Flour) and free advice slots over the next
// three weeks: for showing the platform, not for tests, which start from a network without bookings.
std::size_t load_demo(store::Store& store, bool with_activity = false);

}  // namespace tc::service
