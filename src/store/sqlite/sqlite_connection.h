// A thin RAII layer over one sqlite3 connection: prepared statements are compiled once per connection and
// reused (reset, never re-prepared), and every failure becomes a StoreError with SQLite's message.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tc::store::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();  // resets and clears bindings so the cached statement is ready for the next use

  Statement& bind(int index, std::int64_t v);
  Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
  Statement& bind(int index, bool v) { return bind(index, static_cast<std::int64_t>(v ? 1 : 0)); }
  Statement& bind(int index, double v);
  Statement& bind(int index, std::string_view v);
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& v) {
    return v ? bind(index, *v) : bind_null(index);
  }

  // Advances; true while a row is available.
  bool step();
  // Runs to completion (for statements without result rows).
  void run();

  std::int64_t int64(int col) const;
  int integer(int col) const { return static_cast<int>(int64(col)); }
  double real(int col) const;
  std::string text(int col) const;
  bool is_null(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  // Opens the file with WAL, foreign keys, busy timeout and synchronous=FULL (a commit is on disk).
  Connection(const std::string& path, const OpenOptions& options, bool read_only);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // A cached prepared statement for `sql`, ready to bind; valid until the returned Statement is destroyed.
  Statement prepare(std::string_view sql);
  void exec(std::string_view sql);  // one or more statements, no parameters (migrations, BEGIN/COMMIT)
  std::int64_t last_insert_id() const;
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view what);

}  // namespace tc::store::sqlite
