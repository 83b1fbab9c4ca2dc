// The schema's migrations: the embedded files src/store/migrations/NNNN_name.sql, written in the SQL SQLite and
// PostgreSQL share; for PostgreSQL a few type names are translated (see for_postgres).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tc::store::sql {

struct Migration {
  int version;
  std::string_view sql;
};

std::vector<Migration> migrations();  // in version order

// SQLite's names for the types the migrations use, in PostgreSQL's words: INTEGER is 64-bit in SQLite (BIGINT),
// REAL is a double (DOUBLE PRECISION, not PostgreSQL's 4-byte REAL), and "INTEGER PRIMARY KEY" is SQLite's
// self-numbering row id (an identity column).
std::string for_postgres(std::string_view sql);

}  // namespace tc::store::sql
