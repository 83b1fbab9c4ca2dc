#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "store/copy.h"
#include "store/sqlite/sqlite_connection.h"

namespace tc::store {

namespace {

void sync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw StoreError(StoreError::Kind::Internal, path + " : " + std::strerror(errno));
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw StoreError(StoreError::Kind::Internal, path + " : " + std::strerror(errno));
}

}  // namespace

void backup_database(const std::string& location, const std::string& file) {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://"))
    throw StoreError(
        StoreError::Kind::Invalid,
        "une base PostgreSQL se sauvegarde avec pg_dump (voir docs/operations.md), pas avec cette commande");
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(location, ec)) throw StoreError(StoreError::Kind::Open, "la base « " + location + " » n'existe pas");
  if (fs::equivalent(location, file, ec))
    throw StoreError(StoreError::Kind::Invalid, "la sauvegarde ne peut pas remplacer la base elle-même");
  const fs::path target(file);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec))
    throw StoreError(StoreError::Kind::Open, "le dossier « " + dir.string() + " » n'existe pas");

  OpenOptions o;
  o.create = false;
  sqlite::Connection source(location, o, true);
  const std::string temp = file + ".partial";
  fs::remove(temp, ec);
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(temp.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close(dest);
    throw StoreError(StoreError::Kind::Open, "impossible d'écrire « " + temp + " »");
  }
  // One step copies every page from one read snapshot: writers go on meanwhile (WAL), and the copy is consistent.
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", source.handle(), "main");
  if (!b) {
    const std::string msg = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    throw StoreError(StoreError::Kind::Internal, "sauvegarde impossible : " + msg);
  }
  for (;;) {
    rc = sqlite3_backup_step(b, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      sqlite3_sleep(50);
      continue;
    }
    break;
  }
  sqlite3_backup_finish(b);
  if (rc == SQLITE_DONE) rc = sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  const std::string msg = sqlite3_errmsg(dest);
  sqlite3_close(dest);
  if (rc != SQLITE_DONE && rc != SQLITE_OK) {
    fs::remove(temp, ec);
    throw StoreError(StoreError::Kind::Internal, "sauvegarde interrompue : " + msg);
  }
  sync_path(temp, O_RDONLY);
  fs::rename(temp, target);
  sync_path(dir.string(), O_RDONLY | O_DIRECTORY);
}

}  // namespace tc::store
