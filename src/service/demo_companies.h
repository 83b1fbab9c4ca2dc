// Invented national companies in the demo's prospection pipeline, one or more at each stage, so that the pipeline,
// its funnel and its reminders show something. Used by load_demo, before the people's links to their employer.
#pragma once

#include <vector>

#include "domain/centre.h"
#include "domain/person.h"
#include "store/store.h"

namespace tc::service {

// Six companies followed by the animator since early 2026, with their dated history: identified, contacted,
// meeting, proposal, jobs relocated, lost. Next actions come after `today`, so that a demo loaded for tests sends
// no reminder; with `one_overdue` (the showcase), the contacted company's is six days late.
void add_demo_companies(store::Transaction& tx, const std::vector<domain::Centre>& centres, domain::PersonId animator,
                        domain::Date today, bool one_overdue);

}  // namespace tc::service
