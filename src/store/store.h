// The one door to persistent data. Use cases open a Transaction, work through its repositories (one per
// aggregate), and commit; a transaction dropped without commit() rolls back, so an exception never leaves a
// partial write. Implementations: SQLite (store/sqlite), PostgreSQL later — both pass tests/store's contract.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/centre.h"
#include "domain/commune.h"

namespace tc::store {

// Errors carry a readable French message; `kind` lets callers map them (NotFound → 404, Conflict → 409, …).
struct StoreError : std::runtime_error {
  enum class Kind { Open, Schema, NotFound, Conflict, Invalid, Busy, Internal };
  StoreError(Kind k, const std::string& message) : std::runtime_error(message), kind(k) {}
  Kind kind;
};

class CommuneRepository {
 public:
  virtual ~CommuneRepository() = default;
  virtual std::vector<domain::Commune> all() = 0;  // by INSEE code
  virtual std::optional<domain::Commune> find(std::string_view insee) = 0;
  virtual void upsert(const domain::Commune& c) = 0;
  virtual std::int64_t count() = 0;
};

class CentreRepository {
 public:
  virtual ~CentreRepository() = default;
  // Whole centres (offices, posts, hours, closures, history), by name.
  virtual std::vector<domain::Centre> all() = 0;
  virtual std::optional<domain::Centre> find(domain::CentreId id) = 0;
  // Stores a new centre; fills in the ids of the centre, its offices and posts. The commune must exist.
  virtual domain::CentreId insert(domain::Centre& c) = 0;
  // Records a status change already validated by the domain (domain::change_status).
  virtual void record_status(domain::CentreId id, const domain::StatusChange& change) = 0;
  virtual std::int64_t count() = 0;
};

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual CommuneRepository& communes() = 0;
  virtual CentreRepository& centres() = 0;
  // Makes every write of this transaction durable. Calling it on a read transaction just ends it.
  virtual void commit() = 0;
};

enum class Access { Read, Write };

class Store {
 public:
  virtual ~Store() = default;
  // Read transactions see one consistent snapshot and may run in parallel; write transactions are serialised.
  virtual std::unique_ptr<Transaction> begin(Access access) = 0;
  // A number that changes whenever a write transaction commits, in any process sharing the database: lets
  // readers keep derived data (the directory's snapshot) until something changed.
  virtual std::int64_t revision() = 0;
  // Write transactions committed through this Store object: an atomic read, no I/O. Lets a reader that
  // checked revision() recently skip the check when nothing was written here since.
  virtual std::uint64_t local_commits() const = 0;
  virtual int schema_version() = 0;
  virtual std::string backend() const = 0;  // "sqlite", "postgresql"
};

struct OpenOptions {
  int readers = 4;             // size of the pool of read connections
  int busy_timeout_ms = 5000;  // how long to wait for a lock held by another process
  bool create = true;          // create the database file when missing
};

// Opens (and migrates to the newest schema) the database at `location`: an SQLite file path for now.
// Throws StoreError{Open|Schema} with a one-line message on a bad path, a file that is not a database, or a
// schema newer than this program knows.
std::unique_ptr<Store> open_store(const std::string& location, const OpenOptions& options = {});

// The highest schema version this program's migrations reach.
int latest_schema_version();

}  // namespace tc::store
