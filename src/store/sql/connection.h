// What the row code needs of a database connection, whatever the backend: prepared statements compiled once per
// connection and reused, numbered parameters (?1, ?2, …), rows read column by column, and every failure turned
// into a StoreError. The SQL the row code writes is the portable subset SQLite and PostgreSQL share; what differs
// (placeholders, types in migrations, transaction commands) is the backend's business.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.h"

namespace tc::store::sql {

// A backend's prepared statement, owned and cached by its connection.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void bind_int64(int index, std::int64_t v) = 0;
  virtual void bind_real(int index, double v) = 0;
  virtual void bind_text(int index, std::string_view v) = 0;
  virtual void bind_null(int index) = 0;
  virtual bool step() = 0;                        // runs the statement on first call; true while a row is available
  virtual std::int64_t changes() const = 0;       // rows inserted, updated or deleted, once run to completion
  virtual std::int64_t int64(int col) const = 0;  // NULL reads as 0
  virtual double real(int col) const = 0;
  virtual std::string text(int col) const = 0;  // NULL reads as ""
  virtual bool is_null(int col) const = 0;
  virtual void reset() noexcept = 0;  // clears bindings and results: ready for the next use
};

// A use of a cached statement: bind, step, read; it resets the statement when it goes.
class Statement {
 public:
  explicit Statement(Cursor& c) : c_(&c) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { c_->reset(); }

  Statement& bind(int index, std::int64_t v) {
    c_->bind_int64(index, v);
    return *this;
  }
  Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
  Statement& bind(int index, bool v) { return bind(index, static_cast<std::int64_t>(v ? 1 : 0)); }
  Statement& bind(int index, double v) {
    c_->bind_real(index, v);
    return *this;
  }
  Statement& bind(int index, std::string_view v) {
    c_->bind_text(index, v);
    return *this;
  }
  Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
  Statement& bind_null(int index) {
    c_->bind_null(index);
    return *this;
  }
  template <typename T>
  Statement& bind(int index, const std::optional<T>& v) {
    return v ? bind(index, *v) : bind_null(index);
  }

  bool step() { return c_->step(); }
  // Runs to completion; returns how many rows it inserted, updated or deleted.
  std::int64_t run() {
    while (c_->step()) {
    }
    return c_->changes();
  }
  // For "INSERT … RETURNING id": the new row's id.
  std::int64_t returning_id() {
    if (!c_->step()) throw StoreError(StoreError::Kind::Internal, "aucune ligne insérée");
    const std::int64_t id = c_->int64(0);
    while (c_->step()) {
    }
    return id;
  }

  std::int64_t int64(int col) const { return c_->int64(col); }
  int integer(int col) const { return static_cast<int>(c_->int64(col)); }
  double real(int col) const { return c_->real(col); }
  std::string text(int col) const { return c_->text(col); }
  bool is_null(int col) const { return c_->is_null(col); }

 private:
  Cursor* c_;
};

enum class Dialect { Sqlite, Postgres };

class Connection {
 public:
  virtual ~Connection() = default;
  // A cached prepared statement for `sql`, ready to bind; valid until the returned Statement is destroyed.
  virtual Statement prepare(std::string_view sql) = 0;
  // One or more statements without parameters (migrations, transaction control).
  virtual void exec(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;
};

// instr(haystack, needle) in SQLite is strpos in PostgreSQL: the one function the row code needs that differs.
inline std::string_view position_function(const Connection& c) {
  return c.dialect() == Dialect::Postgres ? "strpos" : "instr";
}

}  // namespace tc::store::sql
