// One sqlite3 connection behind the row code's Connection: prepared statements are compiled once per connection and
// reused (reset, never re-prepared), and every failure becomes a StoreError with SQLite's message.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "store/sql/connection.h"
#include "store/store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tc::store::sqlite {

using sql::Statement;

class SqliteCursor final : public sql::Cursor {
 public:
  SqliteCursor(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  SqliteCursor(const SqliteCursor&) = delete;
  SqliteCursor& operator=(const SqliteCursor&) = delete;
  ~SqliteCursor() override;

  void bind_int64(int index, std::int64_t v) override;
  void bind_real(int index, double v) override;
  void bind_text(int index, std::string_view v) override;
  void bind_null(int index) override;
  bool step() override;
  std::int64_t changes() const override;
  std::int64_t int64(int col) const override;
  double real(int col) const override;
  std::string text(int col) const override;
  bool is_null(int col) const override;
  void reset() noexcept override;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Connection final : public sql::Connection {
 public:
  // Opens the file with WAL, foreign keys, busy timeout and synchronous=FULL (a commit is on disk).
  Connection(const std::string& path, const OpenOptions& options, bool read_only);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() override;

  Statement prepare(std::string_view sql) override;
  void exec(std::string_view sql) override;
  sql::Dialect dialect() const override { return sql::Dialect::Sqlite; }
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, std::unique_ptr<SqliteCursor>, std::less<>> cache_;
};

[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view what);

}  // namespace tc::store::sqlite
