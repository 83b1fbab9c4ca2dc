// The PostgreSQL backend: a pool of connections shared by read and write transactions (sized to the worker pool),
// and one more for revision(). Write transactions take a transaction-scoped advisory lock, so writes are serialised
// across every server sharing the database, as on SQLite: the service layer's "check, then write" rules (a post's
// slot, a weekly quota, an event's last place) hold with several servers. Reads run in parallel on snapshots, and
// write_together() shares one transaction and one commit between the parts queued meanwhile (group commit).
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.h"
#include "store/sql/write_batcher.h"
#include "store/store.h"

namespace tc::store::postgres {

class PgStore final : public Store {
 public:
  PgStore(std::string url, const OpenOptions& options);
  ~PgStore() override;
  PgStore(const PgStore&) = delete;
  PgStore& operator=(const PgStore&) = delete;

  std::unique_ptr<Transaction> begin(Access access) override;
  void write_together(const std::function<void(Transaction&)>& work) override;
  std::int64_t revision() override;
  std::uint64_t local_commits() const override { return local_commits_.load(std::memory_order_acquire); }
  int schema_version() override;
  std::string backend() const override { return "postgresql"; }

  // For transactions: a connection of the pool (a new one replaces a broken one), and its return.
  std::unique_ptr<PgConnection> acquire();
  void release(std::unique_ptr<PgConnection> c);
  void count_directory_commit() { local_commits_.fetch_add(1, std::memory_order_release); }

 private:
  void migrate();
  std::uint64_t run_batch(const std::vector<sql::WriteBatcher::Part*>& batch);

  std::string url_;
  OpenOptions options_;
  std::mutex pool_mutex_;
  std::condition_variable pool_freed_;
  std::vector<std::unique_ptr<PgConnection>> free_;
  int open_count_ = 0;  // connections made and not yet discarded
  int pool_size_ = 1;
  std::unique_ptr<PgConnection> revision_conn_;
  std::mutex revision_mutex_;
  std::atomic<std::uint64_t> local_commits_{0};
  sql::WriteBatcher batcher_;
};

// The advisory lock keys: one for writers, one for migrations (servers starting together migrate once).
constexpr std::int64_t kWriteLock = 0x7465'6c65'0001;
constexpr std::int64_t kMigrationLock = 0x7465'6c65'0002;

}  // namespace tc::store::postgres
