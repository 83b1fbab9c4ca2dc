// The SQLite backend: one writer connection (writes are serialised anyway, and one connection lets SQLite
// keep its page cache warm) and a pool of reader connections that read in parallel under WAL.
#pragma once

#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sql/rows.h"
#include "store/sql/write_batcher.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"

namespace tc::store::sqlite {

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, const OpenOptions& options);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  std::unique_ptr<Transaction> begin(Access access) override;
  void write_together(const std::function<void(Transaction&)>& work) override;
  std::int64_t revision() override;
  std::uint64_t local_commits() const override { return local_commits_.load(std::memory_order_acquire); }
  int schema_version() override;
  std::string backend() const override { return "sqlite"; }

 private:
  friend class SqliteTransaction;
  void migrate();
  Connection* acquire_reader();
  void release_reader(Connection* c);

  std::string path_;
  OpenOptions options_;
  std::unique_ptr<Connection> writer_;
  std::mutex writer_mutex_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::vector<Connection*> free_readers_;
  std::mutex readers_mutex_;
  std::condition_variable reader_freed_;
  // revision() has a connection of its own: it is asked from I/O threads, which must not wait for a reader
  // that a long read transaction holds.
  std::unique_ptr<Connection> revision_reader_;
  std::mutex revision_mutex_;
  std::atomic<std::uint64_t> local_commits_{0};

  // Group commit (see wait_durable): write commits counted, and how many of them are known to be on disk.
  void wait_durable(std::uint64_t seq);
  void sync_wal();
  std::atomic<std::uint64_t> committed_{0};
  std::mutex sync_mutex_;
  std::condition_variable synced_cv_;
  std::uint64_t synced_ = 0;
  bool syncing_ = false;
  int wal_fd_ = -1;

  // write_together: parts run in shared transactions (run_batch), then wait for the disk.
  std::uint64_t run_batch(const std::vector<sql::WriteBatcher::Part*>& batch);
  sql::WriteBatcher batcher_;
};

}  // namespace tc::store::sqlite
