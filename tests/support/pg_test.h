// A private PostgreSQL for tests: scripts/test.sh starts one and exports its URL as TELECENTRES_TEST_PG. Each test
// gets a schema of its own in that database (cheaper than a database each), reached through a URL whose
// search_path names it. psql does the administration, so tests need no database library of their own.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace tc::test {

inline std::string pg_base_url() {
  const char* url = std::getenv("TELECENTRES_TEST_PG");
  return url ? url : "";
}

// Runs SQL through psql on the test server; returns its standard output, throws when psql fails.
inline std::string pg_admin(const std::string& url, const std::string& sql) {
  const std::string cmd = "psql -X -q -A -t -v ON_ERROR_STOP=1 '" + url + "' -c \"" + sql + "\" 2>&1";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("psql introuvable");
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (pclose(p) != 0) throw std::runtime_error("psql a échoué : " + out);
  return out;
}

// A URL of the test server whose tables live in the schema `schema` (a plain identifier).
inline std::string pg_url_with_schema(const std::string& schema) {
  const std::string base = pg_base_url();
  return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-c%20search_path%3D" + schema;
}

// Creates a fresh, empty schema named after `hint` and returns the URL that uses it.
inline std::string fresh_pg_schema(const std::string& hint) {
  static std::atomic<int> counter{0};
  std::string schema = "t" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_";
  for (char c : hint) {
    if (schema.size() >= 60) break;
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    const bool upper = c >= 'A' && c <= 'Z';
    schema += ok ? c : upper ? static_cast<char>(c - 'A' + 'a') : '_';
  }
  pg_admin(pg_base_url(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
  return pg_url_with_schema(schema);
}

// The schema a URL made by fresh_pg_schema uses; "" for anything else.
inline std::string pg_schema_of(const std::string& url) {
  const std::string key = "search_path%3D";
  const auto at = url.find(key);
  return at == std::string::npos ? std::string() : url.substr(at + key.size());
}

inline void drop_pg_schema(const std::string& url) {
  const std::string schema = pg_schema_of(url);
  if (schema.empty()) return;
  try {
    pg_admin(pg_base_url(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  } catch (const std::exception&) {  // left for the server's removal at the end of the run
  }
}

inline bool is_pg_url(const std::string& location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

}  // namespace tc::test
