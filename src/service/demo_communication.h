// The demo network's communication plan: a handful of invented actions of 2025 and 2026 (meetings, press, posters,
// a fair, a film, social media, a colloquium), so that the plan's year view is not empty; demo applicants who heard
// of the network at a meeting or in the press cite the latest such action before they applied. Used by load_demo.
#pragma once

#include <optional>
#include <vector>

#include "domain/centre.h"
#include "domain/communication.h"
#include "store/store.h"

namespace tc::service {

// Stores the demo actions (the meeting at the Murat centre when there is one) and returns them with their ids.
std::vector<domain::CommAction> add_demo_communication(store::Transaction& tx,
                                                       const std::vector<domain::Centre>& centres);

// The latest of `actions` on `channel` dated on or before `submitted`, if any.
std::optional<domain::CommActionId> demo_action_cited(const std::vector<domain::CommAction>& actions,
                                                      domain::Channel channel, domain::Date submitted);

}  // namespace tc::service
