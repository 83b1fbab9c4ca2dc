// The public directory: find a telecentre near a commune, with its services, accessibility and distance.
// Reads go through an immutable snapshot of communes and centres, rebuilt only when the store's revision moves,
// so a search costs one revision check and arithmetic on a few thousand values at most.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/centre.h"
#include "geo/commune_index.h"
#include "store/store.h"

namespace tc::service {

struct DirectorySnapshot {
  std::int64_t revision = -1;
  geo::CommuneIndex communes{{}};
  std::vector<domain::Centre> centres;  // by name
};

struct CentreQuery {
  std::string near;                            // INSEE code or postcode; empty = no origin
  std::optional<double> within_km;             // only with near
  std::vector<domain::CentreStatus> statuses;  // empty = all
  std::vector<domain::Service> services;       // all of them required
  bool accessible_only = false;
};

struct CentreHit {
  const domain::Centre* centre = nullptr;
  const domain::Commune* commune = nullptr;  // the centre's commune (never null for stored centres)
  bool zrr = false;
  std::optional<double> distance_km;  // from the query's origin
};

struct DirectoryResult {
  std::shared_ptr<const DirectorySnapshot> snapshot;  // keeps the pointers below alive
  const domain::Commune* origin = nullptr;
  std::vector<CentreHit> hits;  // by distance (then name), or by name without an origin
};

class Directory {
 public:
  explicit Directory(store::Store& store) : store_(store) {}

  // The current snapshot, rebuilt when the store changed since the last call.
  std::shared_ptr<const DirectorySnapshot> snapshot();
  // The snapshot without asking the store when its revision check is fresh (see fresh_revision()); otherwise
  // snapshot(). For hot paths (bookings) that read centres on every request.
  std::shared_ptr<const DirectorySnapshot> current();

  // The snapshot's revision without touching the store, when it is known to be current: nothing was
  // committed through this process's store since, and the database was checked less than `max_age` ago
  // (writes by other processes show up within that delay). nullopt otherwise: call snapshot().
  std::optional<std::int64_t> fresh_revision(std::chrono::milliseconds max_age = std::chrono::milliseconds(500)) const;

  // Checks the store's revision now (one small read, never a rebuild): the snapshot's revision when it is still
  // current, nullopt when the directory changed and the snapshot must be rebuilt by snapshot(). Cheap enough for
  // an I/O thread when fresh_revision() is stale, so that a late keeper never sends cached reads to the pool.
  std::optional<std::int64_t> recheck_revision();

  std::vector<domain::Commune> search_communes(std::string_view q, std::size_t limit = 20);
  // Throws ServiceError{NotFound} for an unknown commune, {Invalid} for a bad distance.
  DirectoryResult find_centres(const CentreQuery& query);
  // The centre and its commune; nullopt when unknown.
  std::optional<DirectoryResult> centre(domain::CentreId id);

 private:
  store::Store& store_;
  std::mutex mutex_;
  std::shared_ptr<const DirectorySnapshot> current_;
  // What the last revision check saw, for fresh_revision(): packed so that readers need no lock.
  std::atomic<std::int64_t> checked_revision_{-1};
  std::atomic<std::uint64_t> checked_local_commits_{0};
  std::atomic<std::int64_t> checked_at_ns_{0};

  void mark_checked(std::uint64_t local_commits, std::int64_t revision);
};

// The commune a code designates: the INSEE code itself, else the most populous commune with that postcode.
const domain::Commune* resolve_origin(const geo::CommuneIndex& index, std::string_view code);

}  // namespace tc::service
