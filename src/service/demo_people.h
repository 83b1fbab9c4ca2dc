// The demo people's lives after they applied: two invented job seekers who set up as independents this year (what
// the evaluation counts), and, when the demo has a company whose jobs were relocated, one invented relocated
// employee's account linked to it. Used by load_demo, after the applications.
#pragma once

#include "store/store.h"

namespace tc::service {

// Moves two demo applicants from job_seeker to independent (in their category history) in 2026, and links a
// relocated demo applicant to the first company at stage jobs_relocated, if any. Returns how many people changed.
int add_demo_category_changes(store::Transaction& tx);

}  // namespace tc::service
