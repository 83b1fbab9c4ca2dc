#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <string>

namespace tc::store::sqlite {

void throw_sqlite(sqlite3* db, int rc, std::string_view what) {
  const std::string msg = std::string(what) + " : " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  const int primary = rc & 0xff;
  if (primary == SQLITE_CONSTRAINT) throw StoreError(StoreError::Kind::Conflict, msg);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) throw StoreError(StoreError::Kind::Busy, msg);
  if (primary == SQLITE_NOTADB || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM || primary == SQLITE_READONLY)
    throw StoreError(StoreError::Kind::Open, msg);
  throw StoreError(StoreError::Kind::Internal, msg);
}

SqliteCursor::~SqliteCursor() { sqlite3_finalize(stmt_); }

void SqliteCursor::reset() noexcept {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void SqliteCursor::bind_int64(int index, std::int64_t v) {
  if (int rc = sqlite3_bind_int64(stmt_, index, v); rc != SQLITE_OK) throw_sqlite(db_, rc, "liaison");
}

void SqliteCursor::bind_real(int index, double v) {
  if (int rc = sqlite3_bind_double(stmt_, index, v); rc != SQLITE_OK) throw_sqlite(db_, rc, "liaison");
}

void SqliteCursor::bind_text(int index, std::string_view v) {
  if (int rc = sqlite3_bind_text64(stmt_, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8); rc != SQLITE_OK)
    throw_sqlite(db_, rc, "liaison");
}

void SqliteCursor::bind_null(int index) {
  if (int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) throw_sqlite(db_, rc, "liaison");
}

bool SqliteCursor::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_sqlite(db_, rc, "requête");
}

std::int64_t SqliteCursor::changes() const { return sqlite3_changes64(db_); }
std::int64_t SqliteCursor::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
double SqliteCursor::real(int col) const { return sqlite3_column_double(stmt_, col); }
bool SqliteCursor::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::string SqliteCursor::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}

Connection::Connection(const std::string& path, const OpenOptions& options, bool read_only) {
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI | (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
  if (!read_only && options.create) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg =
        "impossible d'ouvrir la base « " + path + " » : " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(StoreError::Kind::Open, msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  try {
    // Reading the schema is what reveals "file is not a database".
    exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
    if (!read_only) exec("PRAGMA journal_mode = WAL;");
    Statement s = prepare("SELECT count(*) FROM sqlite_master");
    s.step();
  } catch (const StoreError& e) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(StoreError::Kind::Open, "la base « " + path + " » est inutilisable : " + e.what());
  }
}

Connection::~Connection() {
  cache_.clear();  // statements are finalised before their connection closes
  sqlite3_close(db_);
}

Statement Connection::prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc =
        sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) throw_sqlite(db_, rc, "préparation");
    it = cache_.emplace(std::string(sql), std::make_unique<SqliteCursor>(db_, stmt)).first;
  }
  return Statement(*it->second);
}

void Connection::exec(std::string_view sql) {
  const std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    const int primary = rc & 0xff;
    StoreError::Kind kind = primary == SQLITE_BUSY     ? StoreError::Kind::Busy
                            : primary == SQLITE_NOTADB ? StoreError::Kind::Open
                                                       : StoreError::Kind::Internal;
    throw StoreError(kind, msg);
  }
}

}  // namespace tc::store::sqlite
