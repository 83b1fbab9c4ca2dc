// A centre's waiting list: when a place frees, who is offered it. First come, first served, except that the
// network may put some publics first (the seed's goals name job seekers setting up as independents and people
// with disabilities). Pure ordering: which applications are waitlisted, and the policy, come from the caller.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/application.h"
#include "domain/person.h"

namespace tc::domain {

struct WaitingEntry {
  ApplicationId id = 0;
  Category category = Category::DistantEmployee;  // the applicant's, from their profile
  bool rqth = false;  // recognised disability, as declared by the applicant; false when not said
  // When the application became waitlisted, "YYYY-MM-DDTHH:MM:SSZ" (see timestamp.h). That form is fixed-width
  // UTC, so comparing the strings compares the instants; order() relies on it and does not parse them.
  std::string since_utc;
};

struct WaitingPolicy {
  std::vector<Category> priority_categories;  // e.g. {Category::JobSeeker}; empty: no category goes first
  bool rqth_priority = false;                 // people with a recognised disability go first
};

// Priority entries first (an entry has priority when its category is listed or, with rqth_priority, when it
// has rqth), each group in first-come order; ties on since_utc are broken by id ascending, so the order is
// the same every time.
std::vector<WaitingEntry> order(std::vector<WaitingEntry> entries, const WaitingPolicy& policy);

// The application to offer the next free place to: the first of order(), or nullopt for an empty list.
std::optional<ApplicationId> next_offer(const std::vector<WaitingEntry>& entries, const WaitingPolicy& policy);

}  // namespace tc::domain
