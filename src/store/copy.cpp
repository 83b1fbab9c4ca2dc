#include "store/copy.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"

namespace tc::store {

namespace {

using sql::Dialect;
using sql::Statement;

enum class ColumnType { Integer, Real, Text };

struct Column {
  std::string name;
  ColumnType type = ColumnType::Text;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::set<std::string> references;  // tables its foreign keys point to
  bool identity_id = false;          // PostgreSQL: an identity "id" whose sequence must follow the copied ids
};

bool is_pg(const std::string& location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::unique_ptr<sql::Connection> raw_connection(const std::string& location) {
  if (is_pg(location)) return std::make_unique<postgres::PgConnection>(location);
  OpenOptions o;
  o.create = false;
  return std::make_unique<sqlite::Connection>(location, o, false);
}

std::string quoted(std::string_view identifier) { return "\"" + std::string(identifier) + "\""; }

ColumnType type_of(std::string declared) {
  std::transform(declared.begin(), declared.end(), declared.begin(), [](unsigned char c) { return std::toupper(c); });
  if (declared.find("INT") != std::string::npos) return ColumnType::Integer;
  if (declared.find("REAL") != std::string::npos || declared.find("DOUB") != std::string::npos ||
      declared.find("FLOA") != std::string::npos)
    return ColumnType::Real;
  return ColumnType::Text;
}

// The tables of the database, parents before the tables that refer to them.
std::vector<Table> tables_of(sql::Connection& c) {
  const bool pg = c.dialect() == Dialect::Postgres;
  std::vector<Table> tables;
  {
    Statement s = c.prepare(pg ? "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                 "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
                               : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                 "ORDER BY name");
    while (s.step())
      if (s.text(0) != "schema_version") tables.push_back({s.text(0), {}, {}, false});
  }
  for (Table& t : tables) {
    {
      Statement s = c.prepare(pg ? "SELECT column_name, data_type, is_identity FROM information_schema.columns WHERE "
                                   "table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position"
                                 : "SELECT name, type, 'NO' FROM pragma_table_info(?1) ORDER BY cid");
      s.bind(1, t.name);
      while (s.step()) {
        t.columns.push_back({s.text(0), type_of(s.text(1))});
        if (s.text(0) == "id" && s.text(2) == "YES") t.identity_id = true;
      }
    }
    Statement s = c.prepare(pg ? "SELECT DISTINCT confrelid::regclass::text FROM pg_constraint WHERE contype = 'f' "
                                 "AND conrelid = CAST(?1 AS regclass)"
                               : "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)");
    s.bind(1, pg ? quoted(t.name) : t.name);
    while (s.step()) {
      std::string ref = s.text(0);
      if (ref.size() > 1 && ref.front() == '"') ref = ref.substr(1, ref.size() - 2);
      if (ref != t.name) t.references.insert(ref);
    }
  }
  // Kahn's order, by name among the ready ones: deterministic.
  std::vector<Table> ordered;
  std::set<std::string> placed;
  while (ordered.size() < tables.size()) {
    bool progressed = false;
    for (const Table& t : tables) {
      if (placed.contains(t.name)) continue;
      const bool ready = std::all_of(t.references.begin(), t.references.end(), [&](const std::string& r) {
        return placed.contains(r) ||
               std::none_of(tables.begin(), tables.end(), [&](const Table& x) { return x.name == r; });
      });
      if (!ready) continue;
      ordered.push_back(t);
      placed.insert(t.name);
      progressed = true;
    }
    if (!progressed) throw StoreError(StoreError::Kind::Schema, "références circulaires entre tables");
  }
  return ordered;
}

// One value as read from either backend, in the column's type.
struct Cell {
  bool null = true;
  std::int64_t integer = 0;
  double real = 0;
  std::string text;
};

void read_cell(const Statement& s, int col, ColumnType type, Cell& out) {
  out.null = s.is_null(col);
  if (out.null) return;
  switch (type) {
    case ColumnType::Integer: out.integer = s.int64(col); break;
    case ColumnType::Real: out.real = s.real(col); break;
    case ColumnType::Text: out.text = s.text(col); break;
  }
}

void bind_cell(Statement& s, int index, ColumnType type, const Cell& c) {
  if (c.null) {
    s.bind_null(index);
    return;
  }
  switch (type) {
    case ColumnType::Integer: s.bind(index, c.integer); break;
    case ColumnType::Real: s.bind(index, c.real); break;
    case ColumnType::Text: s.bind(index, std::string_view(c.text)); break;
  }
}

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = 1469598103934665603ULL) {
  for (unsigned char b : bytes) {
    h ^= b;
    h *= 1099511628211ULL;
  }
  return h;
}

std::uint64_t row_hash(const Table& t, const std::vector<Cell>& row) {
  std::uint64_t h = fnv1a(t.name);
  for (std::size_t i = 0; i < row.size(); ++i) {
    const Cell& c = row[i];
    std::string v;
    if (c.null) {
      v = "\x01N";
    } else if (t.columns[i].type == ColumnType::Integer) {
      v = std::to_string(c.integer);
    } else if (t.columns[i].type == ColumnType::Real) {
      v = fmt::format("{}", c.real);
    } else {
      v = c.text;
    }
    h = fnv1a(v + '\x1f', h);
  }
  return h;
}

// Calls `each` for every row of the table. SQLite streams; PostgreSQL would load a whole result, so it is read in
// pages along the physical row order (ctid), which a read snapshot keeps stable. (The text copy of ctid needs its
// own name: "ORDER BY ctid" would otherwise sort by that text column.)
template <typename F>
void for_each_row(sql::Connection& c, const Table& t, F&& each) {
  std::string columns;
  for (const Column& col : t.columns) columns += (columns.empty() ? "" : ", ") + quoted(col.name);
  std::vector<Cell> row(t.columns.size());
  if (c.dialect() == Dialect::Sqlite) {
    Statement s = c.prepare("SELECT " + columns + " FROM " + quoted(t.name));
    while (s.step()) {
      for (std::size_t i = 0; i < row.size(); ++i) read_cell(s, static_cast<int>(i), t.columns[i].type, row[i]);
      each(row);
    }
    return;
  }
  constexpr int kPage = 20000;
  std::string after = "(0,0)";
  for (;;) {
    Statement s = c.prepare("SELECT ctid::text AS tc_page_key, " + columns + " FROM " + quoted(t.name) +
                            " WHERE ctid > CAST(?1 AS tid) ORDER BY ctid LIMIT " + std::to_string(kPage));
    s.bind(1, after);
    int n = 0;
    while (s.step()) {
      after = s.text(0);
      for (std::size_t i = 0; i < row.size(); ++i) read_cell(s, static_cast<int>(i + 1), t.columns[i].type, row[i]);
      each(row);
      ++n;
    }
    if (n < kPage) return;
  }
}

std::int64_t count_rows(sql::Connection& c, const std::string& table) {
  Statement s = c.prepare("SELECT count(*) FROM " + quoted(table));
  s.step();
  return s.int64(0);
}

std::vector<TableFingerprint> fingerprints(sql::Connection& c, const std::vector<Table>& tables) {
  std::vector<TableFingerprint> out;
  for (const Table& t : tables) {
    TableFingerprint f{t.name, 0, 0};
    for_each_row(c, t, [&](const std::vector<Cell>& row) {
      ++f.rows;
      f.checksum += row_hash(t, row);
    });
    out.push_back(f);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.table < b.table; });
  return out;
}

void begin_read(sql::Connection& c) {
  c.exec(c.dialect() == Dialect::Postgres ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
}

void begin_write(sql::Connection& c) {
  c.exec(c.dialect() == Dialect::Postgres
             ? "BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(postgres::kWriteLock) + ")"
             : std::string("BEGIN IMMEDIATE"));
}

// Inserts rows in statements of up to `batch` rows each: one round trip per batch on PostgreSQL.
class BatchInserter {
 public:
  BatchInserter(sql::Connection& c, const Table& t) : c_(c), t_(t) {
    const std::size_t per_row = std::max<std::size_t>(1, t.columns.size());
    batch_ = std::clamp<std::size_t>(30000 / per_row, 1, 200);
  }
  void add(const std::vector<Cell>& row) {
    rows_.push_back(row);
    if (rows_.size() == batch_) flush();
  }
  void flush() {
    if (rows_.empty()) return;
    Statement s = c_.prepare(sql_for(rows_.size()));
    int index = 1;
    for (const auto& row : rows_)
      for (std::size_t i = 0; i < row.size(); ++i) bind_cell(s, index++, t_.columns[i].type, row[i]);
    s.run();
    rows_.clear();
  }

 private:
  std::string sql_for(std::size_t n) const {
    std::string columns;
    for (const Column& col : t_.columns) columns += (columns.empty() ? "" : ", ") + quoted(col.name);
    std::string values;
    int index = 1;
    for (std::size_t r = 0; r < n; ++r) {
      values += r ? ", (" : "(";
      for (std::size_t i = 0; i < t_.columns.size(); ++i) values += (i ? ", ?" : "?") + std::to_string(index++);
      values += ")";
    }
    return "INSERT INTO " + quoted(t_.name) + " (" + columns + ") VALUES " + values;
  }

  sql::Connection& c_;
  const Table& t_;
  std::size_t batch_ = 1;
  std::vector<std::vector<Cell>> rows_;
};

}  // namespace

std::vector<TableFingerprint> fingerprint(const std::string& location) {
  open_store(location);  // migrates, and says clearly what is wrong with the location
  auto c = raw_connection(location);
  begin_read(*c);
  auto out = fingerprints(*c, tables_of(*c));
  c->exec("COMMIT");
  return out;
}

CopyReport copy_database(const std::string& from, const std::string& to, const CopyProgress& progress) {
  if (from == to) throw StoreError(StoreError::Kind::Invalid, "la source et la destination sont la même base");
  {
    auto source_store = open_store(from, OpenOptions{.readers = 1, .busy_timeout_ms = 5000, .create = false});
    auto destination_store = open_store(to, OpenOptions{.readers = 1, .busy_timeout_ms = 5000, .create = true});
    if (source_store->schema_version() != destination_store->schema_version())
      throw StoreError(StoreError::Kind::Schema, "les deux bases n'ont pas le même schéma");
  }
  auto src = raw_connection(from);
  auto dst = raw_connection(to);
  begin_read(*src);
  const std::vector<Table> tables = tables_of(*src);
  CopyReport report;
  report.source = fingerprints(*src, tables);
  std::int64_t total = 0;
  for (const auto& f : report.source) total += f.rows;

  begin_write(*dst);
  try {
    // Which tables have an identity id is the destination's business (PostgreSQL's sequences).
    std::set<std::string> identity;
    for (const Table& t : tables_of(*dst))
      if (t.identity_id) identity.insert(t.name);
    if (count_rows(*dst, "people") > 0 || count_rows(*dst, "centres") > 0)
      throw StoreError(
          StoreError::Kind::Conflict,
          "la base de destination contient déjà des comptes ou des télécentres : choisissez une base vide");
    for (auto t = tables.rbegin(); t != tables.rend(); ++t) dst->prepare("DELETE FROM " + quoted(t->name)).run();
    std::int64_t done = 0;
    for (const Table& t : tables) {
      BatchInserter insert(*dst, t);
      for_each_row(*src, t, [&](const std::vector<Cell>& row) {
        insert.add(row);
        if (progress && ++done % 5000 == 0)
          progress(total ? static_cast<double>(done) / static_cast<double>(total) : 1, t.name);
      });
      insert.flush();
      if (identity.contains(t.name))
        dst->exec("SELECT setval(pg_get_serial_sequence('" + quoted(t.name) +
                  "', 'id'), coalesce(max(id), 0) + 1, "
                  "false) FROM " +
                  quoted(t.name));
    }
    dst->exec("COMMIT");
  } catch (...) {
    try {
      dst->exec("ROLLBACK");
    } catch (...) {  // the first error is the one to report
    }
    throw;
  }
  src->exec("COMMIT");
  if (progress) progress(1.0, "");
  begin_read(*dst);
  report.destination = fingerprints(*dst, tables_of(*dst));
  dst->exec("COMMIT");
  return report;
}

}  // namespace tc::store
