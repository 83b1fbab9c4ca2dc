// One PostgreSQL connection (libpqxx) behind the row code's Connection. Statements are prepared on the server once
// per connection, their ?N placeholders rewritten as $N; values travel as text and PostgreSQL infers their types
// from the statement. Transactions are driven by plain BEGIN/COMMIT through a long-lived pqxx::nontransaction.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/pqxx>

#include "store/sql/connection.h"

namespace tc::store::postgres {

class PgConnection;

class PgCursor final : public sql::Cursor {
 public:
  PgCursor(PgConnection& conn, std::string name, int params, bool writes)
      : conn_(conn), name_(std::move(name)), params_(static_cast<std::size_t>(params)), writes_(writes) {}

  void bind_int64(int index, std::int64_t v) override;
  void bind_real(int index, double v) override;
  void bind_text(int index, std::string_view v) override;
  void bind_null(int index) override;
  bool step() override;
  std::int64_t changes() const override { return changes_; }
  std::int64_t int64(int col) const override;
  double real(int col) const override;
  std::string text(int col) const override;
  bool is_null(int col) const override;
  void reset() noexcept override;

 private:
  std::optional<std::string>& slot(int index);
  const pqxx::field field(int col) const;

  PgConnection& conn_;
  std::string name_;
  std::vector<std::optional<std::string>> params_;
  bool writes_;  // INSERT, UPDATE or DELETE: run inside a savepoint (see PgConnection::run)
  bool executed_ = false;
  pqxx::result result_;
  pqxx::result::size_type row_ = 0;
  std::int64_t changes_ = 0;
};

class PgConnection final : public sql::Connection {
 public:
  explicit PgConnection(const std::string& url);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection() override;

  sql::Statement prepare(std::string_view sql) override;
  void exec(std::string_view sql) override;
  sql::Dialect dialect() const override { return sql::Dialect::Postgres; }

  // Inside a write transaction every write runs in a savepoint: PostgreSQL aborts the whole transaction on a failed
  // statement, where SQLite (and the callers that catch a Conflict and go on) only lose that statement.
  void set_in_write(bool on) { in_write_ = on; }
  bool broken() const { return broken_; }
  // Runs a prepared statement (for PgCursor); throws StoreError.
  pqxx::result run(const std::string& name, const std::vector<std::optional<std::string>>& params, bool writes);

 private:
  [[noreturn]] void fail(const std::exception& e, std::string_view what);

  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::nontransaction> work_;
  std::map<std::string, std::unique_ptr<PgCursor>, std::less<>> cache_;
  bool in_write_ = false;
  bool broken_ = false;
};

// "?1 … ?2 … ?" → "$1 … $2 … $3", leaving quoted text alone; `count` gets the highest parameter number.
std::string numbered_parameters(std::string_view sql, int& count);

}  // namespace tc::store::postgres
