#include "service/directory.h"

#include <algorithm>

#include "geo/distance.h"
#include "service/errors.h"

namespace tc::service {

namespace {
std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

std::optional<std::int64_t> Directory::fresh_revision(std::chrono::milliseconds max_age) const {
  const std::int64_t at = checked_at_ns_.load(std::memory_order_acquire);
  const std::int64_t rev = checked_revision_.load(std::memory_order_acquire);
  if (rev < 0 || store_.local_commits() != checked_local_commits_.load(std::memory_order_acquire)) return std::nullopt;
  if (now_ns() - at > std::chrono::duration_cast<std::chrono::nanoseconds>(max_age).count()) return std::nullopt;
  return rev;
}

std::shared_ptr<const DirectorySnapshot> Directory::snapshot() {
  const std::uint64_t local = store_.local_commits();
  const std::int64_t rev = store_.revision();
  {
    std::lock_guard lock(mutex_);
    if (current_ && current_->revision == rev) {
      mark_checked(local, rev);
      return current_;
    }
  }
  auto fresh = std::make_shared<DirectorySnapshot>();
  {
    auto tx = store_.begin(store::Access::Read);
    fresh->communes = geo::CommuneIndex(tx->communes().all());
    fresh->centres = tx->centres().all();
  }
  // By name as a French reader sorts it: accents, case, spaces and apostrophes ignored ("d'Ydes" after
  // "de Chaudes-Aigues"), not by bytes.
  auto sort_key = [](const std::string& name) {
    std::string k = geo::normalise_place_name(name);
    std::erase(k, ' ');
    return k;
  };
  std::stable_sort(fresh->centres.begin(), fresh->centres.end(),
                   [&](const auto& a, const auto& b) { return sort_key(a.name) < sort_key(b.name); });
  fresh->revision = rev;
  std::lock_guard lock(mutex_);
  if (!current_ || current_->revision <= rev) current_ = fresh;
  if (current_->revision == rev) mark_checked(local, rev);
  return current_;
}

std::shared_ptr<const DirectorySnapshot> Directory::current() {
  if (auto rev = fresh_revision()) {
    std::lock_guard lock(mutex_);
    if (current_ && current_->revision == *rev) return current_;
  }
  return snapshot();
}

std::optional<std::int64_t> Directory::recheck_revision() {
  const std::uint64_t local = store_.local_commits();
  const std::int64_t rev = store_.revision();
  std::lock_guard lock(mutex_);
  if (!current_ || current_->revision != rev) return std::nullopt;
  mark_checked(local, rev);
  return rev;
}

void Directory::mark_checked(std::uint64_t local_commits, std::int64_t revision) {
  // Invalidate first, so a concurrent fresh_revision() never pairs a new time with an old revision.
  checked_revision_.store(-1, std::memory_order_release);
  checked_local_commits_.store(local_commits, std::memory_order_release);
  checked_at_ns_.store(now_ns(), std::memory_order_release);
  checked_revision_.store(revision, std::memory_order_release);
}

std::vector<domain::Commune> Directory::search_communes(std::string_view q, std::size_t limit) {
  auto snap = snapshot();
  std::vector<domain::Commune> out;
  for (const domain::Commune* c : snap->communes.search(q, limit)) out.push_back(*c);
  return out;
}

const domain::Commune* resolve_origin(const geo::CommuneIndex& index, std::string_view code) {
  if (const domain::Commune* c = index.by_insee(code)) return c;
  const domain::Commune* best = nullptr;
  for (const domain::Commune* c : index.by_postcode(code))
    if (!best || c->population > best->population) best = c;
  return best;
}

DirectoryResult Directory::find_centres(const CentreQuery& q) {
  if (q.within_km && !(*q.within_km > 0 && *q.within_km <= 1000))
    throw ServiceError(ServiceError::Kind::Invalid, "La distance doit être comprise entre 0 et 1 000 km.",
                       "The distance must be between 0 and 1,000 km.", "within_km");
  DirectoryResult r;
  r.snapshot = snapshot();
  const auto& index = r.snapshot->communes;
  if (!q.near.empty()) {
    r.origin = resolve_origin(index, q.near);
    if (!r.origin)
      throw ServiceError(ServiceError::Kind::NotFound, "Aucune commune ne correspond à « " + q.near + " ».",
                         "No commune matches \"" + q.near + "\".", "near");
  }
  for (const domain::Centre& c : r.snapshot->centres) {
    if (!q.statuses.empty() && std::find(q.statuses.begin(), q.statuses.end(), c.status) == q.statuses.end()) continue;
    if (q.accessible_only && !c.accessibility.accessible()) continue;
    if (!std::all_of(q.services.begin(), q.services.end(), [&](domain::Service s) { return c.services.has(s); }))
      continue;
    CentreHit hit{&c, index.by_insee(c.commune_insee), false, std::nullopt};
    hit.zrr = hit.commune ? c.zrr(*hit.commune) : (c.zrr_override && c.zrr_override->zrr);
    if (r.origin) {
      hit.distance_km = geo::haversine_km(r.origin->centre, c.location);
      if (q.within_km && *hit.distance_km > *q.within_km) continue;
    }
    r.hits.push_back(hit);
  }
  if (r.origin)
    std::stable_sort(r.hits.begin(), r.hits.end(),
                     [](const CentreHit& a, const CentreHit& b) { return *a.distance_km < *b.distance_km; });
  return r;
}

std::optional<DirectoryResult> Directory::centre(domain::CentreId id) {
  DirectoryResult r;
  r.snapshot = snapshot();
  for (const domain::Centre& c : r.snapshot->centres) {
    if (c.id != id) continue;
    CentreHit hit{&c, r.snapshot->communes.by_insee(c.commune_insee), false, std::nullopt};
    hit.zrr = hit.commune ? c.zrr(*hit.commune) : (c.zrr_override && c.zrr_override->zrr);
    r.hits.push_back(hit);
    return r;
  }
  return std::nullopt;
}

}  // namespace tc::service
