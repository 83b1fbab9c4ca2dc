#include "store/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <utility>

#include "store/sql/migrations.h"
#include "store/sql/rows_transaction.h"

namespace tc::store::sqlite {

using sql::Migration;
using sql::migrations;

class SqliteTransaction final : public sql::RowsTransaction {
 public:
  // A part of a shared write transaction (write_together): the caller holds the writer and has opened a
  // savepoint; commit() only marks the part as kept.
  struct Nested {};
  SqliteTransaction(SqliteStore& store, Nested /*unused*/)
      : store_(store), access_(Access::Write), conn_(store.writer_.get()), nested_(true) {
    use(conn_);
  }

  SqliteTransaction(SqliteStore& store, Access access) : store_(store), access_(access) {
    if (access == Access::Write) {
      lock_ = std::unique_lock(store.writer_mutex_);
      conn_ = store.writer_.get();
      conn_->exec("BEGIN IMMEDIATE");
    } else {
      conn_ = store.acquire_reader();
      try {
        conn_->exec("BEGIN");
      } catch (...) {
        store.release_reader(conn_);
        throw;
      }
    }
    use(conn_);
  }
  ~SqliteTransaction() override {
    if (nested_) return;  // the shared transaction's runner rolls the savepoint back or releases it
    if (open_) {
      try {
        conn_->exec("ROLLBACK");
      } catch (...) {  // nothing more can be done: the connection rolls back when the statement ends
      }
    }
    if (access_ == Access::Read) store_.release_reader(conn_);
  }

  void commit() override {
    if (!open_) return;
    if (directory_changed_) conn_->prepare("UPDATE meta SET value = value + 1 WHERE key = 'revision'").run();
    if (nested_) {
      open_ = false;
      kept_ = true;
      return;
    }
    conn_->exec("COMMIT");
    open_ = false;
    if (access_ != Access::Write) return;
    const std::uint64_t seq = store_.committed_.fetch_add(1, std::memory_order_acq_rel) + 1;
    if (directory_changed_) store_.local_commits_.fetch_add(1, std::memory_order_release);
    // The next writer may start while this one waits for the disk: that is what lets one sync cover many.
    lock_.unlock();
    store_.wait_durable(seq);
  }

 private:
  SqliteStore& store_;
  Access access_;
  Connection* conn_ = nullptr;
  std::unique_lock<std::mutex> lock_;
  bool open_ = true;
  bool nested_ = false;

 public:
  bool kept_ = false;  // nested: commit() was called
};

SqliteStore::SqliteStore(std::string path, const OpenOptions& options) : path_(std::move(path)), options_(options) {
  writer_ = std::make_unique<Connection>(path_, options_, false);
  migrate();
  const int n = std::max(1, options_.readers);
  for (int i = 0; i < n; ++i) {
    readers_.push_back(std::make_unique<Connection>(path_, options_, false));
    readers_.back()->exec("PRAGMA query_only = 1");
    free_readers_.push_back(readers_.back().get());
  }
  // Group commit: the writer commits into the WAL without syncing, and each commit then waits in wait_durable()
  // for an fdatasync of the WAL begun after it; one sync serves every commit made before it started.
  writer_->exec("PRAGMA synchronous = NORMAL");
  revision_reader_ = std::make_unique<Connection>(path_, options_, false);
  revision_reader_->exec("PRAGMA query_only = 1");
}

void SqliteStore::migrate() {
  writer_->exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)");
  int current = schema_version();
  const int latest = latest_schema_version();
  if (current > latest)
    throw StoreError(StoreError::Kind::Schema, "la base « " + path_ + " » est au schéma " + std::to_string(current) +
                                                   ", plus récent que celui de ce programme (" +
                                                   std::to_string(latest) + ") : mettez telecentres à jour");
  for (const Migration& m : migrations()) {
    if (m.version <= current) continue;
    writer_->exec("BEGIN IMMEDIATE");
    try {
      writer_->exec(m.sql);
      writer_->prepare("INSERT INTO schema_version (version, applied_at) VALUES (?1, datetime('now'))")
          .bind(1, m.version)
          .run();
      writer_->exec("COMMIT");
    } catch (const StoreError& e) {
      writer_->exec("ROLLBACK");
      throw StoreError(StoreError::Kind::Schema,
                       "échec de la migration " + std::to_string(m.version) + " : " + e.what());
    }
    current = m.version;
  }
}

int SqliteStore::schema_version() {
  std::lock_guard lock(writer_mutex_);
  Statement s = writer_->prepare("SELECT coalesce(max(version), 0) FROM schema_version");
  s.step();
  return s.integer(0);
}

std::int64_t SqliteStore::revision() {
  std::lock_guard lock(revision_mutex_);
  Statement s = revision_reader_->prepare("SELECT value FROM meta WHERE key = 'revision'");
  return s.step() ? s.int64(0) : 0;
}

SqliteStore::~SqliteStore() {
  if (wal_fd_ >= 0) ::close(wal_fd_);
}

void SqliteStore::wait_durable(std::uint64_t seq) {
  std::unique_lock lock(sync_mutex_);
  while (synced_ < seq) {
    if (syncing_) {
      synced_cv_.wait(lock);
      continue;
    }
    syncing_ = true;
    // Every commit counted so far has written its WAL frames (to the page cache) before this sync starts.
    const std::uint64_t target = committed_.load(std::memory_order_acquire);
    lock.unlock();
    std::string error;
    try {
      sync_wal();
    } catch (const std::exception& e) {
      error = e.what();
    }
    lock.lock();
    syncing_ = false;
    if (error.empty()) synced_ = std::max(synced_, target);
    synced_cv_.notify_all();
    if (!error.empty()) throw StoreError(StoreError::Kind::Internal, "écriture sur disque impossible : " + error);
  }
}

void SqliteStore::sync_wal() {
  // An in-memory database (open_store(":memory:")) has no WAL file: nothing to sync. Without this every commit
  // failed ("écriture sur disque impossible"), found by the fuzz targets that load the demo into one.
  if (path_.find("mode=memory") != std::string::npos) return;
  if (wal_fd_ < 0) {
    wal_fd_ = ::open((path_ + "-wal").c_str(), O_RDONLY | O_CLOEXEC);
    if (wal_fd_ < 0) throw std::runtime_error(path_ + "-wal : " + std::strerror(errno));
    // The WAL file's own directory entry must be on disk too, once.
    std::string dir = path_.substr(0, path_.find_last_of('/') == std::string::npos ? 0 : path_.find_last_of('/'));
    if (dir.empty()) dir = ".";
    if (int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
      ::fsync(dfd);
      ::close(dfd);
    }
  }
  if (::fdatasync(wal_fd_) != 0) throw std::runtime_error(path_ + "-wal : " + std::strerror(errno));
}

void SqliteStore::write_together(const std::function<void(Transaction&)>& work) {
  batcher_.submit(
      work, [this](const std::vector<sql::WriteBatcher::Part*>& batch) { return run_batch(batch); },
      [this](std::uint64_t seq) { wait_durable(seq); });
}

std::uint64_t SqliteStore::run_batch(const std::vector<sql::WriteBatcher::Part*>& batch) {
  std::uint64_t seq = 0;
  try {
    std::unique_lock writer(writer_mutex_);
    writer_->exec("BEGIN IMMEDIATE");
    bool directory_changed = false;
    try {
      for (sql::WriteBatcher::Part* p : batch) {
        writer_->exec("SAVEPOINT part");
        try {
          SqliteTransaction tx(*this, SqliteTransaction::Nested{});
          (*p->work)(tx);
          if (tx.kept_) {
            writer_->exec("RELEASE part");
            directory_changed = directory_changed || tx.directory_changed();
            continue;
          }
        } catch (...) {
          p->error = std::current_exception();
        }
        writer_->exec("ROLLBACK TO part");
        writer_->exec("RELEASE part");
      }
      writer_->exec("COMMIT");
    } catch (...) {
      writer_->exec("ROLLBACK");
      throw;
    }
    seq = committed_.fetch_add(1, std::memory_order_acq_rel) + 1;
    if (directory_changed) local_commits_.fetch_add(1, std::memory_order_release);
  } catch (...) {
    // The shared transaction failed as a whole: every part learns it (unless it had failed on its own).
    for (sql::WriteBatcher::Part* p : batch)
      if (!p->error) p->error = std::current_exception();
    return 0;
  }
  return seq;
}

std::unique_ptr<Transaction> SqliteStore::begin(Access access) {
  return std::make_unique<SqliteTransaction>(*this, access);
}

Connection* SqliteStore::acquire_reader() {
  std::unique_lock lock(readers_mutex_);
  reader_freed_.wait(lock, [&] { return !free_readers_.empty(); });
  Connection* c = free_readers_.back();
  free_readers_.pop_back();
  return c;
}

void SqliteStore::release_reader(Connection* c) {
  {
    std::lock_guard lock(readers_mutex_);
    free_readers_.push_back(c);
  }
  reader_freed_.notify_one();
}

}  // namespace tc::store::sqlite
