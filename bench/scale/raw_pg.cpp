// bench_scale_raw_pg: PostgreSQL's ceiling for the booking benchmark, as bench_booking_raw is SQLite's. Inserts the
// rows a booking makes (the server's own INSERT … RETURNING id, into the database the server uses: same schema,
// indexes and foreign keys) with the durability the server promises, and nothing else: no HTTP, no JSON, no rule
// checked, no read, no advisory lock.
//   per-row:  one transaction per row, one connection. With synchronous_commit = on (and fsync on) every COMMIT
//             waits for the WAL to be flushed: the rate when each booking waits for its own flush.
//   batched:  --batch rows per transaction, same durability: what one flush can carry when commits are grouped.
// The rows are those listed in the file given with --units-file (bench_network.h: read_units_file), in order.
// Prints one line: RESULT raw key=value ...
#include <chrono>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>
#include <pqxx/pqxx>

#include "bench_network.h"
#include "domain/timestamp.h"

namespace {

using namespace tc;
using Clock = std::chrono::steady_clock;

struct Rate {
  long rows = 0;
  double seconds = 0;
  double per_second() const { return seconds > 0 ? static_cast<double>(rows) / seconds : 0; }
};

std::string show(pqxx::connection& conn, const std::string& setting) {
  pqxx::nontransaction n(conn);
  return n.exec("SHOW " + setting)[0][0].as<std::string>();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{
      "PostgreSQL's ceiling for the booking benchmark: the bookings' rows inserted with the server's "
      "durability"};
  std::string url;
  std::string units_file;
  double duration = 3;
  int batch = 100;
  std::int64_t created_by = 0;
  cli.add_option("--url", url, "The database, postgresql://… (rows are added to it)")->required();
  cli.add_option("--units-file", units_file,
                 "File of the units to insert, in order, one per line: centre_id post_id person_id YYYY-MM-DD "
                 "morning|afternoon")
      ->required();
  cli.add_option("--duration", duration, "Seconds for each of the two modes")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  cli.add_option("--batch", batch, "Rows per transaction in the batched mode")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cli.add_option("--created-by", created_by, "Person id recorded as the author (the server records the admin's)");
  CLI11_PARSE(cli, argc, argv);

  try {
    const auto units = bench::read_units_file(units_file);
    const std::string now = domain::Timestamp{std::chrono::duration_cast<std::chrono::seconds>(
                                                  std::chrono::system_clock::now().time_since_epoch())
                                                  .count()}
                                .iso();

    pqxx::connection conn(url);
    {
      pqxx::nontransaction n(conn);
      n.exec("SET synchronous_commit = on");
    }
    const std::string sync = show(conn, "synchronous_commit");
    const std::string fsync = show(conn, "fsync");
    if (sync != "on" || fsync != "on")
      throw std::runtime_error("the server is not durable: synchronous_commit = " + sync + ", fsync = " + fsync);
    std::string version = show(conn, "server_version");
    if (auto space = version.find(' '); space != std::string::npos) version.resize(space);
    // The server's statement (src/store/sql/booking_rows.cpp), with PostgreSQL's $N parameters.
    conn.prepare("insert",
                 "INSERT INTO bookings (centre_id, post_id, person_id, date, slot, status, series_id, created_at, "
                 "created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id");

    std::size_t unit = 0;
    auto insert_next = [&](pqxx::work& w) {
      if (unit >= units.size()) throw std::runtime_error("every unit listed is inserted: shorten --duration");
      const bench::Unit& u = units[unit++];
      const std::string date = u.half_day.date.iso();
      const std::int64_t by = created_by > 0 ? created_by : u.post.person_id;
      const char* no_series = nullptr;
      w.exec_prepared("insert", u.post.centre_id, u.post.post_id, u.post.person_id, date, u.half_day.slot, "booked",
                      no_series, now, by);
    };
    auto run = [&](int rows_per_transaction) {
      Rate r;
      const auto t0 = Clock::now();
      const auto deadline = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(duration));
      while (Clock::now() < deadline) {
        pqxx::work w(conn);
        for (int i = 0; i < rows_per_transaction; ++i) insert_next(w);
        w.commit();
        r.rows += rows_per_transaction;
      }
      r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
      return r;
    };

    std::cerr << "bench_scale_raw_pg: one transaction per row for " << duration << " s\n";
    const Rate per_row = run(1);
    std::cerr << "bench_scale_raw_pg: " << batch << " rows per transaction for " << duration << " s\n";
    const Rate batched = run(batch);
    std::printf(
        "RESULT raw per_row_rows=%ld per_row_seconds=%.3f per_row_rps=%.1f batched_rows=%ld batched_seconds=%.3f "
        "batched_rps=%.1f batch=%d postgresql=%s synchronous_commit=%s\n",
        per_row.rows, per_row.seconds, per_row.per_second(), batched.rows, batched.seconds, batched.per_second(), batch,
        version.c_str(), sync.c_str());
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_scale_raw_pg: " << e.what() << "\n";
    return 1;
  }
}
