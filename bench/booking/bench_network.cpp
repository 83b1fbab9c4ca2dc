#include "bench_network.h"

#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "domain/holidays.h"

namespace tc::bench {

std::string person_email(std::int64_t post_id) {
  return "bench-post-" + std::to_string(post_id) + "@bench.telecentres.example";
}

std::vector<BookablePost> read_bench_posts(const std::string& db_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + db_path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 5000);
  const char* sql =
      "SELECT o.centre_id, p.id, pe.id FROM posts p JOIN offices o ON o.id = p.office_id "
      "JOIN people pe ON pe.email = 'bench-post-' || p.id || '@bench.telecentres.example' "
      "ORDER BY o.centre_id, p.id";
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
    const std::string msg = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error("cannot read the posts of " + db_path + ": " + msg);
  }
  std::map<std::int64_t, std::vector<BookablePost>> by_centre;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
    by_centre[sqlite3_column_int64(stmt, 0)].push_back(
        {sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1), sqlite3_column_int64(stmt, 2)});
  const std::string msg = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  if (!msg.empty()) throw std::runtime_error("cannot read the posts of " + db_path + ": " + msg);

  std::vector<BookablePost> out;
  for (std::size_t rank = 0;; ++rank) {
    const std::size_t before = out.size();
    for (const auto& [centre, posts] : by_centre)
      if (rank < posts.size()) out.push_back(posts[rank]);
    if (out.size() == before) break;
  }
  if (out.empty()) throw std::runtime_error(db_path + " has no post seeded by bench_booking_seed");
  return out;
}

std::vector<HalfDay> weekday_half_days(domain::Date from, domain::Date to) {
  std::vector<HalfDay> out;
  for (domain::Date d = from; !(to < d); d = d.plus_days(1)) {
    if (d.iso_weekday() > 5 || domain::french_public_holiday(d)) continue;
    out.push_back({d, "morning"});
    out.push_back({d, "afternoon"});
  }
  return out;
}

std::vector<Unit> read_units_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the units file " + path);
  std::vector<Unit> out;
  std::string line;
  for (long number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    Unit u;
    std::string date, rest;
    fields >> u.post.centre_id >> u.post.post_id >> u.post.person_id >> date >> u.half_day.slot;
    const auto d = domain::parse_date(date);
    if (!fields || (fields >> rest) || !d || (u.half_day.slot != "morning" && u.half_day.slot != "afternoon"))
      throw std::runtime_error(path + ":" + std::to_string(number) +
                               ": expected \"centre_id post_id person_id YYYY-MM-DD morning|afternoon\"");
    u.half_day.date = *d;
    out.push_back(std::move(u));
  }
  if (out.empty()) throw std::runtime_error(path + " lists no unit");
  return out;
}

domain::Date utc_today() {
  const auto days =
      std::chrono::duration_cast<std::chrono::days>(std::chrono::system_clock::now().time_since_epoch()).count();
  return domain::Date::from_days(static_cast<long>(days));
}

}  // namespace tc::bench
