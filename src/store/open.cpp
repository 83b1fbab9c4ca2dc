#include <atomic>
#include <filesystem>

#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace tc::store {

std::unique_ptr<Store> open_store(const std::string& location, const OpenOptions& options) {
  if (location.empty()) throw StoreError(StoreError::Kind::Open, "aucun chemin de base de données donné");
  if (location.starts_with("postgresql://") || location.starts_with("postgres://"))
    return std::make_unique<postgres::PgStore>(location, options);
  // ":memory:" is a private in-memory database shared by this store's connections (tools, tests).
  if (location == ":memory:") {
    static std::atomic<int> counter{0};
    return std::make_unique<sqlite::SqliteStore>(
        "file:telecentres-mem-" + std::to_string(counter++) + "?mode=memory&cache=shared", options);
  }
  namespace fs = std::filesystem;
  const fs::path p(location);
  std::error_code ec;
  if (fs::is_directory(p, ec))
    throw StoreError(StoreError::Kind::Open, "« " + location + " » est un dossier, pas un fichier de base");
  const fs::path parent = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, ec))
    throw StoreError(StoreError::Kind::Open, "le dossier « " + parent.string() + " » n'existe pas");
  if (!options.create && !fs::exists(p, ec))
    throw StoreError(StoreError::Kind::Open, "la base « " + location + " » n'existe pas");
  return std::make_unique<sqlite::SqliteStore>(location, options);
}

}  // namespace tc::store
