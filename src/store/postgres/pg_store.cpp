#include "store/postgres/pg_store.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "store/sql/migrations.h"
#include "store/sql/rows_transaction.h"

namespace tc::store::postgres {

namespace {

std::string utc_now() {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

class PgTransaction final : public sql::RowsTransaction {
 public:
  // A part of a shared write transaction (write_together): the batch's runner owns the connection and the
  // savepoint; commit() only marks the part as kept.
  PgTransaction(PgStore& store, PgConnection& shared) : store_(store), access_(Access::Write), nested_(&shared) {
    use(nested_);
  }

  PgTransaction(PgStore& store, Access access) : store_(store), access_(access), conn_(store.acquire()) {
    try {
      if (access == Access::Write) {
        conn_->exec("BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" + std::to_string(kWriteLock) +
                    ")");
        conn_->set_in_write(true);
      } else {
        conn_->exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      }
    } catch (...) {
      store_.release(std::move(conn_));
      throw;
    }
    use(conn_.get());
  }
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;

  ~PgTransaction() override {
    if (nested_) return;
    if (open_) {
      try {
        conn_->exec("ROLLBACK");
      } catch (...) {  // a broken connection is discarded by release()
      }
    }
    conn_->set_in_write(false);
    store_.release(std::move(conn_));
  }

  void commit() override {
    if (!open_) return;
    if (nested_) {
      open_ = false;  // the runner bumps the revision once for the batch
      return;
    }
    if (directory_changed_) conn_->prepare("UPDATE meta SET value = value + 1 WHERE key = 'revision'").run();
    open_ = false;
    conn_->exec("COMMIT");  // synchronous_commit is on (the default): durable when it returns
    if (access_ == Access::Write && directory_changed_) store_.count_directory_commit();
  }

  bool committed() const { return !open_; }

 private:
  PgStore& store_;
  Access access_;
  std::unique_ptr<PgConnection> conn_;
  PgConnection* nested_ = nullptr;
  bool open_ = true;
};

PgStore::PgStore(std::string url, const OpenOptions& options) : url_(std::move(url)), options_(options) {
  pool_size_ = std::max(2, options_.readers + 1);
  revision_conn_ = std::make_unique<PgConnection>(url_);
  migrate();
}

PgStore::~PgStore() = default;

void PgStore::migrate() {
  PgConnection& c = *revision_conn_;
  c.exec("BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLock) + ")");
  try {
    c.exec("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL, applied_at TEXT NOT NULL)");
    int current = 0;
    {
      sql::Statement s = c.prepare("SELECT coalesce(max(version), 0) FROM schema_version");
      s.step();
      current = s.integer(0);
    }
    const int latest = latest_schema_version();
    if (current > latest)
      throw StoreError(StoreError::Kind::Schema, "la base PostgreSQL est au schéma " + std::to_string(current) +
                                                     ", plus récent que celui de ce programme (" +
                                                     std::to_string(latest) + ") : mettez telecentres à jour");
    for (const sql::Migration& m : sql::migrations()) {
      if (m.version <= current) continue;
      try {
        c.exec(sql::for_postgres(m.sql));
      } catch (const StoreError& e) {
        throw StoreError(StoreError::Kind::Schema,
                         "échec de la migration " + std::to_string(m.version) + " : " + e.what());
      }
      c.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?1, ?2)")
          .bind(1, m.version)
          .bind(2, utc_now())
          .run();
    }
    c.exec("COMMIT");
  } catch (...) {
    try {
      c.exec("ROLLBACK");
    } catch (...) {  // the first error is the one to report
    }
    throw;
  }
}

int PgStore::schema_version() {
  std::lock_guard lock(revision_mutex_);
  sql::Statement s = revision_conn_->prepare("SELECT coalesce(max(version), 0) FROM schema_version");
  s.step();
  return s.integer(0);
}

std::int64_t PgStore::revision() {
  std::lock_guard lock(revision_mutex_);
  if (revision_conn_->broken()) revision_conn_ = std::make_unique<PgConnection>(url_);
  sql::Statement s = revision_conn_->prepare("SELECT value FROM meta WHERE key = 'revision'");
  return s.step() ? s.int64(0) : 0;
}

std::unique_ptr<PgConnection> PgStore::acquire() {
  std::unique_lock lock(pool_mutex_);
  for (;;) {
    if (!free_.empty()) {
      auto c = std::move(free_.back());
      free_.pop_back();
      return c;
    }
    if (open_count_ < pool_size_) {
      ++open_count_;
      lock.unlock();
      try {
        return std::make_unique<PgConnection>(url_);
      } catch (...) {
        lock.lock();
        --open_count_;
        throw;
      }
    }
    pool_freed_.wait(lock);
  }
}

void PgStore::release(std::unique_ptr<PgConnection> c) {
  {
    std::lock_guard lock(pool_mutex_);
    if (c && !c->broken()) {
      free_.push_back(std::move(c));
    } else {
      --open_count_;  // a broken connection is dropped; the next acquire opens a new one
    }
  }
  pool_freed_.notify_one();
}

std::unique_ptr<Transaction> PgStore::begin(Access access) { return std::make_unique<PgTransaction>(*this, access); }

void PgStore::write_together(const std::function<void(Transaction&)>& work) {
  batcher_.submit(work, [this](const std::vector<sql::WriteBatcher::Part*>& batch) { return run_batch(batch); });
}

std::uint64_t PgStore::run_batch(const std::vector<sql::WriteBatcher::Part*>& batch) {
  try {
    std::unique_ptr<PgConnection> c = acquire();
    struct Give {
      PgStore& store;
      std::unique_ptr<PgConnection>& c;
      ~Give() {
        c->set_in_write(false);
        store.release(std::move(c));
      }
    } give{*this, c};
    c->exec("BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" + std::to_string(kWriteLock) + ")");
    c->set_in_write(true);
    bool directory_changed = false;
    try {
      for (sql::WriteBatcher::Part* p : batch) {
        c->exec("SAVEPOINT part");
        try {
          PgTransaction tx(*this, *c);
          (*p->work)(tx);
          if (tx.committed()) {
            c->exec("RELEASE SAVEPOINT part");
            directory_changed = directory_changed || tx.directory_changed();
            continue;
          }
        } catch (...) {
          p->error = std::current_exception();
        }
        c->exec("ROLLBACK TO SAVEPOINT part; RELEASE SAVEPOINT part");
      }
      if (directory_changed) c->prepare("UPDATE meta SET value = value + 1 WHERE key = 'revision'").run();
      c->exec("COMMIT");  // durable when it returns (synchronous_commit on)
    } catch (...) {
      try {
        c->exec("ROLLBACK");
      } catch (...) {  // a broken connection is dropped by release()
      }
      throw;
    }
    if (directory_changed) count_directory_commit();
  } catch (...) {
    // The shared transaction failed as a whole: every part learns it (unless it had failed on its own).
    for (sql::WriteBatcher::Part* p : batch)
      if (!p->error) p->error = std::current_exception();
    return 0;
  }
  return 1;
}

}  // namespace tc::store::postgres
