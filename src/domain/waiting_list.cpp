#include "domain/waiting_list.h"

#include <algorithm>
#include <functional>
#include <tuple>

namespace tc::domain {

namespace {
bool has_priority(const WaitingEntry& e, const WaitingPolicy& policy) {
  if (policy.rqth_priority && e.rqth) return true;
  const auto& cats = policy.priority_categories;
  return std::find(cats.begin(), cats.end(), e.category) != cats.end();
}

// A strict total order on distinct ids: priority first (false sorts before true), then the earlier arrival,
// then the smaller id.
auto precedes(const WaitingPolicy& policy) {
  return [&policy](const WaitingEntry& a, const WaitingEntry& b) {
    return std::make_tuple(!has_priority(a, policy), std::cref(a.since_utc), a.id) <
           std::make_tuple(!has_priority(b, policy), std::cref(b.since_utc), b.id);
  };
}
}  // namespace

std::vector<WaitingEntry> order(std::vector<WaitingEntry> entries, const WaitingPolicy& policy) {
  std::sort(entries.begin(), entries.end(), precedes(policy));
  return entries;
}

std::optional<ApplicationId> next_offer(const std::vector<WaitingEntry>& entries, const WaitingPolicy& policy) {
  if (entries.empty()) return std::nullopt;
  return std::min_element(entries.begin(), entries.end(), precedes(policy))->id;
}

}  // namespace tc::domain
