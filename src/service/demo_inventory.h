// The demo network's administrative side: the equipment the council lent each open centre, and an occupancy
// agreement for each teleworker whose application is active (ended ones ended), so that the FNADT statement of the
// demo has occupied posts to justify. Used by load_demo only.
#pragma once

#include <vector>

#include "domain/centre.h"
#include "store/store.h"

namespace tc::service {

void add_demo_equipment(store::Transaction& tx, const std::vector<domain::Centre>& centres);
void add_demo_agreements(store::Transaction& tx, const std::vector<domain::Centre>& centres);

}  // namespace tc::service
