#include "data_commands.h"

#include <chrono>
#include <cstdio>
#include <iostream>

#include "progress_bar.h"
#include "store/copy.h"

namespace tc::app {

store::CopyProgress copy_progress_bar() { return progress_bar(); }

namespace {

std::string hex(std::uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

int run_copy(const std::string& from, const std::string& to) {
  const auto start = std::chrono::steady_clock::now();
  const store::CopyReport r = store::copy_database(from, to, copy_progress_bar());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::int64_t rows = 0;
  bool same = r.source.size() == r.destination.size();
  std::cout << "table\tlignes source\tlignes copiées\tsomme source\tsomme copiée\n";
  for (std::size_t i = 0; i < r.source.size(); ++i) {
    const auto& s = r.source[i];
    const bool there = i < r.destination.size() && r.destination[i].table == s.table;
    const store::TableFingerprint d = there ? r.destination[i] : store::TableFingerprint{s.table, -1, 0};
    std::cout << s.table << "\t" << s.rows << "\t" << d.rows << "\t" << hex(s.checksum) << "\t" << hex(d.checksum)
              << (s == d ? "" : "\tDIFFÉRENT") << "\n";
    rows += s.rows;
    same = same && s == d;
  }
  std::fprintf(stderr, "telecentres: %lld lignes copiées en %.1f s : %s\n", static_cast<long long>(rows), seconds,
               same ? "copie identique, table par table" : "LA COPIE DIFFÈRE DE LA SOURCE");
  return same ? 0 : 1;
}

int run_backup(const std::string& db, const std::string& file) {
  const auto start = std::chrono::steady_clock::now();
  store::backup_database(db, file);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "telecentres: sauvegarde de %s écrite dans %s en %.1f s\n", db.c_str(), file.c_str(), seconds);
  return 0;
}

}  // namespace tc::app
