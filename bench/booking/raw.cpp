// bench_booking_raw: the ceiling the booking API is compared with. Inserts the rows a booking makes (the server's
// own INSERT, into a copy of the seeded database: same schema, indexes and foreign keys) with the durability the
// server promises, and nothing else: no HTTP, no JSON, no rule checked, no read.
//   per-row:  one transaction per row, one thread. With journal_mode=WAL and synchronous=FULL every COMMIT waits
//             for an fsync of the WAL: the rate a server reaches when each booking waits for its own sync.
//   batched:  --batch rows per transaction, same durability: what one sync can carry when commits are grouped.
// The rows are the seeded network's units (bench_network.h), or those listed in the file given with --units-file.
// Prints one line: RESULT raw key=value ...
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>

#include "bench_network.h"
#include "domain/timestamp.h"

namespace {

using namespace tc;
using Clock = std::chrono::steady_clock;

class Database {
 public:
  explicit Database(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 5000);
    // The server's pragmas (src/store/sqlite/sqlite_connection.cpp), with synchronous = FULL on this connection:
    // in WAL mode, every commit is synced before COMMIT returns.
    exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
    Statement mode = prepare("PRAGMA journal_mode = WAL");
    if (sqlite3_step(mode.get()) != SQLITE_ROW ||
        std::string(reinterpret_cast<const char*>(sqlite3_column_text(mode.get(), 0))) != "wal")
      throw std::runtime_error("cannot switch " + path + " to WAL");
  }
  ~Database() { sqlite3_close(db_); }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  class Statement {
   public:
    Statement(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
    ~Statement() { sqlite3_finalize(s_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    sqlite3_stmt* get() const { return s_; }
    void run() {
      if (int rc = sqlite3_step(s_); rc != SQLITE_DONE)
        throw std::runtime_error(std::string("step: ") + sqlite3_errmsg(db_) + " (" + std::to_string(rc) + ")");
      sqlite3_reset(s_);
    }

   private:
    sqlite3* db_;
    sqlite3_stmt* s_;
  };

  Statement prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db_));
    return Statement(db_, s);
  }
  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      const std::string msg = err ? err : "?";
      sqlite3_free(err);
      throw std::runtime_error(std::string(sql) + ": " + msg);
    }
  }

 private:
  sqlite3* db_ = nullptr;
};

struct Rate {
  long rows = 0;
  double seconds = 0;
  double per_second() const { return seconds > 0 ? static_cast<double>(rows) / seconds : 0; }
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"SQLite's ceiling for the booking benchmark: the bookings' rows inserted with the server's durability"};
  std::string db_path;
  double duration = 3;
  int batch = 100;
  std::int64_t created_by = 0;
  std::string units_file;
  cli.add_option("--db", db_path, "A copy of the seeded database (rows are added to it)")->required();
  cli.add_option("--duration", duration, "Seconds for each of the two modes")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  cli.add_option("--batch", batch, "Rows per transaction in the batched mode")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cli.add_option("--created-by", created_by, "Person id recorded as the author (the server records the admin's)");
  cli.add_option("--units-file", units_file,
                 "File of the units to insert, in order, one per line: centre_id post_id person_id YYYY-MM-DD "
                 "morning|afternoon (instead of the seeded network's)");
  CLI11_PARSE(cli, argc, argv);

  try {
    // The k-th row is posts[k % posts.size()] on half_days[k / posts.size()], or listed[k] (--units-file).
    std::vector<bench::BookablePost> posts;
    std::vector<bench::HalfDay> half_days;
    std::vector<bench::Unit> listed;
    if (!units_file.empty()) {
      listed = bench::read_units_file(units_file);
    } else {
      posts = bench::read_bench_posts(db_path);
      const domain::Date first = bench::utc_today().plus_days(2);
      half_days = bench::weekday_half_days(first, first.plus_days(78));
    }
    const std::size_t capacity = listed.empty() ? posts.size() * half_days.size() : listed.size();
    const std::string now = domain::Timestamp{std::chrono::duration_cast<std::chrono::seconds>(
                                                  std::chrono::system_clock::now().time_since_epoch())
                                                  .count()}
                                .iso();

    Database db(db_path);
    auto begin = db.prepare("BEGIN IMMEDIATE");
    auto commit = db.prepare("COMMIT");
    // The server's statement (src/store/sqlite/booking_rows.cpp), bound the same way.
    auto insert = db.prepare(
        "INSERT INTO bookings (centre_id, post_id, person_id, date, slot, status, series_id, created_at, "
        "created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    std::size_t unit = 0;
    auto insert_next = [&] {
      if (unit >= capacity) throw std::runtime_error("every unit of the network is booked: shorten --duration");
      const bench::BookablePost& p = listed.empty() ? posts[unit % posts.size()] : listed[unit].post;
      const bench::HalfDay& h = listed.empty() ? half_days[unit / posts.size()] : listed[unit].half_day;
      ++unit;
      const std::string date = h.date.iso();
      sqlite3_stmt* s = insert.get();
      sqlite3_bind_int64(s, 1, p.centre_id);
      sqlite3_bind_int64(s, 2, p.post_id);
      sqlite3_bind_int64(s, 3, p.person_id);
      sqlite3_bind_text64(s, 4, date.data(), date.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      sqlite3_bind_text64(s, 5, h.slot.data(), h.slot.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      sqlite3_bind_text64(s, 6, "booked", 6, SQLITE_STATIC, SQLITE_UTF8);
      sqlite3_bind_null(s, 7);
      sqlite3_bind_text64(s, 8, now.data(), now.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      sqlite3_bind_int64(s, 9, created_by > 0 ? created_by : p.person_id);
      insert.run();
    };
    auto run = [&](int rows_per_transaction) {
      Rate r;
      const auto t0 = Clock::now();
      const auto deadline = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(duration));
      while (Clock::now() < deadline) {
        begin.run();
        for (int i = 0; i < rows_per_transaction; ++i) insert_next();
        commit.run();
        r.rows += rows_per_transaction;
      }
      r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
      return r;
    };

    std::cerr << "bench_booking_raw: one transaction per row for " << duration << " s\n";
    const Rate per_row = run(1);
    std::cerr << "bench_booking_raw: " << batch << " rows per transaction for " << duration << " s\n";
    const Rate batched = run(batch);
    std::printf(
        "RESULT raw per_row_rows=%ld per_row_seconds=%.3f per_row_rps=%.1f batched_rows=%ld batched_seconds=%.3f "
        "batched_rps=%.1f batch=%d sqlite=%s\n",
        per_row.rows, per_row.seconds, per_row.per_second(), batched.rows, batched.seconds, batched.per_second(), batch,
        sqlite3_libversion());
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_booking_raw: " << e.what() << "\n";
    return 1;
  }
}
