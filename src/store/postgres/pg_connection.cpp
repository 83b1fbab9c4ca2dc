#include "store/postgres/pg_connection.h"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

namespace tc::store::postgres {

namespace {

bool starts_with_word(std::string_view sql, std::string_view word) {
  std::size_t i = 0;
  while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
  if (sql.size() - i < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k)
    if (std::toupper(static_cast<unsigned char>(sql[i + k])) != word[k]) return false;
  return true;
}

StoreError::Kind kind_of(const std::string& state) {
  if (state.starts_with("23")) return StoreError::Kind::Conflict;  // integrity constraints, as SQLite's CONSTRAINT
  if (state == "40001" || state == "40P01" || state == "55P03" || state == "57014") return StoreError::Kind::Busy;
  if (state.starts_with("22")) return StoreError::Kind::Invalid;  // data exceptions (a value of the wrong type)
  if (state.starts_with("08") || state.starts_with("57P")) return StoreError::Kind::Busy;  // connection lost
  return StoreError::Kind::Internal;
}

}  // namespace

std::string numbered_parameters(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 8);
  count = 0;
  int next_bare = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char ch = sql[i];
    if (quote) {
      out += ch;
      if (ch == quote) quote = 0;  // a doubled quote closes and reopens: same result
      continue;
    }
    if (ch == '\'' || ch == '"') {
      quote = ch;
      out += ch;
      continue;
    }
    if (ch != '?') {
      out += ch;
      continue;
    }
    std::size_t j = i + 1;
    while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
    int n = 0;
    if (j > i + 1) {
      std::from_chars(sql.data() + i + 1, sql.data() + j, n);
    } else {
      n = ++next_bare;
    }
    count = std::max(count, n);
    out += '$';
    out += std::to_string(n);
    i = j - 1;
  }
  return out;
}

// ---- cursor ----

std::optional<std::string>& PgCursor::slot(int index) {
  if (index < 1 || static_cast<std::size_t>(index) > params_.size())
    throw StoreError(StoreError::Kind::Internal, "paramètre " + std::to_string(index) + " hors de la requête");
  return params_[static_cast<std::size_t>(index - 1)];
}

void PgCursor::bind_int64(int index, std::int64_t v) { slot(index) = std::to_string(v); }
void PgCursor::bind_real(int index, double v) { slot(index) = fmt::format("{}", v); }
void PgCursor::bind_text(int index, std::string_view v) { slot(index) = std::string(v); }
void PgCursor::bind_null(int index) { slot(index).reset(); }

bool PgCursor::step() {
  if (!executed_) {
    result_ = conn_.run(name_, params_, writes_);
    executed_ = true;
    changes_ = static_cast<std::int64_t>(result_.affected_rows());
    row_ = 0;
    return !result_.empty();
  }
  if (row_ < result_.size()) ++row_;
  return row_ < result_.size();
}

const pqxx::field PgCursor::field(int col) const {
  return result_[static_cast<pqxx::result::size_type>(row_)][static_cast<pqxx::row::size_type>(col)];
}

std::int64_t PgCursor::int64(int col) const {
  const pqxx::field f = field(col);
  if (f.is_null()) return 0;
  const char* s = f.c_str();
  const std::size_t n = f.size();
  if (n == 1 && (s[0] == 't' || s[0] == 'f')) return s[0] == 't' ? 1 : 0;  // a boolean expression
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s, s + n, v);
  if (ec == std::errc{} && end == s + n) return v;
  return static_cast<std::int64_t>(std::strtod(s, nullptr));  // numeric (sum, avg): SQLite would give an integer
}

double PgCursor::real(int col) const {
  const pqxx::field f = field(col);
  return f.is_null() ? 0.0 : std::strtod(f.c_str(), nullptr);
}

std::string PgCursor::text(int col) const {
  const pqxx::field f = field(col);
  return f.is_null() ? std::string() : std::string(f.c_str(), f.size());
}

bool PgCursor::is_null(int col) const { return field(col).is_null(); }

void PgCursor::reset() noexcept {
  executed_ = false;
  result_.clear();
  row_ = 0;
  changes_ = 0;
  for (auto& p : params_) p.reset();
}

// ---- connection ----

PgConnection::PgConnection(const std::string& url) {
  try {
    conn_ = std::make_unique<pqxx::connection>(url);
    work_ = std::make_unique<pqxx::nontransaction>(*conn_);
    // Dates and times are stored as ISO 8601 text; the session's settings must not change how text compares.
    work_->exec("SET client_encoding = 'UTF8'; SET standard_conforming_strings = on; SET TIME ZONE 'UTC'");
  } catch (const pqxx::broken_connection& e) {
    throw StoreError(StoreError::Kind::Open, std::string("connexion à PostgreSQL impossible : ") + e.what());
  } catch (const pqxx::sql_error& e) {
    throw StoreError(StoreError::Kind::Open, std::string("PostgreSQL refuse la connexion : ") + e.what());
  }
}

PgConnection::~PgConnection() {
  cache_.clear();
  work_.reset();
  conn_.reset();
}

void PgConnection::fail(const std::exception& e, std::string_view what) {
  std::string message = std::string(what) + " : " + e.what();
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (dynamic_cast<const pqxx::broken_connection*>(&e)) {
    broken_ = true;
    throw StoreError(StoreError::Kind::Busy, "connexion à PostgreSQL perdue : " + message);
  }
  if (const auto* sqle = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const StoreError::Kind kind = kind_of(sqle->sqlstate());
    if (sqle->sqlstate().starts_with("08")) broken_ = true;
    throw StoreError(kind, message);
  }
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e)) broken_ = true;
  throw StoreError(StoreError::Kind::Internal, message);
}

sql::Statement PgConnection::prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    int params = 0;
    const std::string text = numbered_parameters(sql, params);
    std::string name = "tc" + std::to_string(cache_.size() + 1);
    try {
      conn_->prepare(name, text);
    } catch (const std::exception& e) {
      fail(e, "préparation");
    }
    const bool writes =
        starts_with_word(sql, "INSERT") || starts_with_word(sql, "UPDATE") || starts_with_word(sql, "DELETE");
    it = cache_.emplace(std::string(sql), std::make_unique<PgCursor>(*this, std::move(name), params, writes)).first;
  }
  return sql::Statement(*it->second);
}

void PgConnection::exec(std::string_view sql) {
  try {
    work_->exec(std::string(sql));
  } catch (const std::exception& e) {
    fail(e, "requête");
  }
}

pqxx::result PgConnection::run(const std::string& name, const std::vector<std::optional<std::string>>& params,
                               bool writes) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  const bool guarded = writes && in_write_;
  try {
    if (guarded) work_->exec("SAVEPOINT tc_statement");
    pqxx::result r = work_->exec_prepared(name, pqxx::prepare::make_dynamic_params(values));
    if (guarded) work_->exec("RELEASE SAVEPOINT tc_statement");
    return r;
  } catch (const std::exception& e) {
    if (guarded && !broken_) {
      try {
        work_->exec("ROLLBACK TO SAVEPOINT tc_statement; RELEASE SAVEPOINT tc_statement");
      } catch (const std::exception&) {  // the error below says what went wrong first
      }
    }
    fail(e, "requête");
  }
}

}  // namespace tc::store::postgres
