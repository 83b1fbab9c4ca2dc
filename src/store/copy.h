// Moving a whole deployment between databases (SQLite file ↔ PostgreSQL URL), and the per-table fingerprints that
// prove a copy is faithful: row count and an order-independent checksum of the rows' values.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tc::store {

struct TableFingerprint {
  std::string table;
  std::int64_t rows = 0;
  std::uint64_t checksum = 0;  // sum of a 64-bit hash of each row's values: the same whatever the row order
  bool operator==(const TableFingerprint&) const = default;
};

// fraction done (rows copied / rows to copy) and the table being copied
using CopyProgress = std::function<void(double fraction, std::string_view table)>;

struct CopyReport {
  std::vector<TableFingerprint> source;       // by table name
  std::vector<TableFingerprint> destination;  // read back after the copy
  bool identical() const { return source == destination; }
};

// Copies every table of `from` into `to` (both migrated to this program's schema first), in one transaction on
// each side: the source is read from one snapshot, and the destination gets all of it or nothing. Refuses
// (StoreError{Conflict}) a destination that already holds people or centres; rows the migrations put in an empty
// database (the revision counter, the DIACT-2006 grant ruleset) are replaced by the source's.
CopyReport copy_database(const std::string& from, const std::string& to, const CopyProgress& progress = {});

// The fingerprints of every table of a database (schema_version left out: each database has its own history).
std::vector<TableFingerprint> fingerprint(const std::string& location);

// Writes a consistent copy of an SQLite database to `file` while servers keep using it (SQLite's online backup, from
// one read snapshot), through a temporary file renamed into place once it is on disk: `file` is never a partial
// backup. PostgreSQL databases are saved with pg_dump (StoreError{Invalid} says so).
void backup_database(const std::string& location, const std::string& file);

}  // namespace tc::store
