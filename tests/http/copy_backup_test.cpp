// Moving and saving a deployment with the real program: `copy` between SQLite and PostgreSQL keeps every row
// (checked by the databases' own clients, not by the program's checksums alone), `backup` takes a consistent copy
// of a database a server is writing to, and both restores — an SQLite backup put in place, a pg_dump restored
// with pg_restore — give back the same data.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <thread>
#include <vector>

#include "server_process.h"
#include "support/pg_test.h"

namespace tc::test {
namespace {

namespace fs = std::filesystem;

std::string temp_file(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / "tc-copy-tests";
  fs::create_directories(dir);
  return (dir / (std::to_string(getpid()) + "-" + name)).string();
}

void remove_db(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

std::string shell(const std::string& cmd) {
  std::string out;
  if (FILE* p = popen((cmd + " 2>&1").c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  return out;
}

// Every row of an SQLite file as sqlite3 itself writes it (.dump), sorted, without the migration journal, whose
// dates belong to each database.
std::string sorted_dump(const std::string& db) {
  std::istringstream in(shell("sqlite3 '" + db + "' .dump"));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (line.find("schema_version") == std::string::npos) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// The demo network (centres, accounts, applications, events, companies…) in a new SQLite file.
std::string demo_database(const std::string& name) {
  std::string db = temp_file(name);
  remove_db(db);
  auto r = run_program({"demo", "--db", db});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return db;
}

bool pg_available() { return !pg_base_url().empty(); }
bool pg_registration() {
  const char* b = std::getenv("TELECENTRES_TEST_BACKEND");
  return b && std::string(b) == "postgresql";
}

TEST(Copy, SqliteToPostgresqlAndBackKeepsEveryRow) {
  if (!pg_available() || pg_registration()) GTEST_SKIP() << "needs TELECENTRES_TEST_PG; runs once, in the plain run";
  const std::string original = demo_database("original.db");
  const std::string pg = fresh_pg_schema("copy_round_trip");
  const std::string back = temp_file("back.db");
  remove_db(back);

  auto to_pg = run_program({"copy", "--from", original, "--to", pg});
  ASSERT_EQ(to_pg.exit_code, 0) << to_pg.err << to_pg.out;
  EXPECT_NE(to_pg.err.find("copie identique"), std::string::npos) << to_pg.err;
  // Row counts as PostgreSQL's own client sees them.
  EXPECT_EQ(query_db(pg, "SELECT count(*) FROM centres"), query_db(original, "SELECT count(*) FROM centres"));
  EXPECT_EQ(query_db(pg, "SELECT count(*) FROM applications"), query_db(original, "SELECT count(*) FROM applications"));
  EXPECT_NE(query_db(pg, "SELECT count(*) FROM applications"), "0\n");

  auto to_sqlite = run_program({"copy", "--from", pg, "--to", back});
  ASSERT_EQ(to_sqlite.exit_code, 0) << to_sqlite.err << to_sqlite.out;
  // The round trip gives back the very same rows, as sqlite3 writes them.
  const std::string a = sorted_dump(original);
  EXPECT_GT(std::count(a.begin(), a.end(), '\n'), 1000);
  EXPECT_EQ(a, sorted_dump(back));

  // The copied PostgreSQL database is usable: new rows get ids after the copied ones.
  setenv("TELECENTRES_PASSWORD", "un-mot-de-passe-assez-long-42", 1);
  auto add = run_program({"user", "add", "--email", "nouvelle@example.fr", "--role", "teleworker", "--db", pg});
  unsetenv("TELECENTRES_PASSWORD");
  EXPECT_EQ(add.exit_code, 0) << add.err;
  EXPECT_EQ(query_db(pg,
                     "SELECT count(*) FROM people WHERE id > (SELECT max(id) FROM people WHERE email <> "
                     "'nouvelle@example.fr')"),
            "1\n");
  drop_pg_schema(pg);
  remove_db(original);
  remove_db(back);
}

TEST(Copy, TablesLargerThanAPageComeBackRowForRow) {
  if (!pg_available() || pg_registration()) GTEST_SKIP() << "needs TELECENTRES_TEST_PG; runs once, in the plain run";
  // A small national network: 34,000 communes and tens of thousands of bookings, more than one page of the
  // PostgreSQL reader (20,000 rows).
  const std::string original = temp_file("national.db");
  remove_db(original);
  auto made =
      run_program({"demo", "--scale", "national", "--centres", "40", "--teleworkers", "800", "--days", "120",
                   "--communes", std::string(TC_SOURCE_DIR) + "/data/communes-france-2025.csv", "--db", original});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  ASSERT_GT(std::stoi(query_db(original, "SELECT count(*) FROM bookings")), 20000);
  const std::string pg = fresh_pg_schema("copy_pages");
  ASSERT_EQ(run_program({"copy", "--from", original, "--to", pg}).exit_code, 0);
  EXPECT_EQ(query_db(pg, "SELECT count(*) FROM bookings"), query_db(original, "SELECT count(*) FROM bookings"));
  const std::string back = temp_file("national-back.db");
  remove_db(back);
  auto r = run_program({"copy", "--from", pg, "--to", back});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(sorted_dump(back), sorted_dump(original));
  drop_pg_schema(pg);
  remove_db(original);
  remove_db(back);
}

TEST(Copy, RefusesADestinationThatHoldsADeploymentAndChangesNothing) {
  if (pg_registration()) GTEST_SKIP() << "runs once, in the plain run";
  const std::string a = demo_database("a.db");
  const std::string b = demo_database("b.db");
  const std::string before = sorted_dump(b);
  auto r = run_program({"copy", "--from", a, "--to", b});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("contient déjà"), std::string::npos) << r.err;
  EXPECT_EQ(sorted_dump(b), before);
  auto same = run_program({"copy", "--from", a, "--to", a});
  EXPECT_NE(same.exit_code, 0);
  auto missing = run_program({"copy", "--from", temp_file("absent.db"), "--to", temp_file("c.db")});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("n'existe pas"), std::string::npos) << missing.err;
  remove_db(a);
  remove_db(b);
}

TEST(Backup, AConsistentCopyIsTakenWhileTheServerWritesAndRestores) {
  if (pg_registration()) GTEST_SKIP() << "SQLite's online backup: runs in the plain run";
  ServerProcess server;
  // A writer: sign-ins, each writing a session, for as long as the backup runs.
  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0};
  std::thread writer([&] {
    while (!stop) {
      auto r = server.request("POST", "/api/v1/session",
                              R"({"email":"teleworker@demo.telecentres.example","password":"demo-teletravail-cantal"})",
                              {{"Content-Type", "application/json"}});
      if (r.status == 200) ++acknowledged;
    }
  });
  while (acknowledged < 3) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const int before = acknowledged;
  const std::string file = temp_file("backup.db");
  remove_db(file);
  auto r = run_program({"backup", file, "--db", server.db_path()});
  stop = true;
  writer.join();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(file + ".partial"));
  // One self-contained file (no WAL beside it), intact, holding what was acknowledged before it began.
  EXPECT_EQ(query_db(file, "PRAGMA journal_mode"), "delete\n");
  EXPECT_EQ(query_db(file, "PRAGMA integrity_check"), "ok\n");
  EXPECT_EQ(query_db(file, "SELECT count(*) FROM centres"), "8\n");
  EXPECT_GE(std::stoi(query_db(file, "SELECT count(*) FROM sessions")), before);

  // Restoring is putting the file in place: the program opens it and a server serves it.
  const std::string restored = temp_file("restored.db");
  remove_db(restored);
  fs::copy_file(file, restored);
  auto listed = run_program({"settings", "list", "--db", restored});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(sorted_dump(restored), sorted_dump(file));

  // Bad requests are one clear line.
  auto pg = run_program({"backup", file, "--db", "postgresql://127.0.0.1:1/x"});
  EXPECT_NE(pg.exit_code, 0);
  EXPECT_NE(pg.err.find("pg_dump"), std::string::npos) << pg.err;
  auto nowhere = run_program({"backup", "/nonexistent-dir/b.db", "--db", server.db_path()});
  EXPECT_NE(nowhere.exit_code, 0);
  EXPECT_NE(nowhere.err.find("n'existe pas"), std::string::npos) << nowhere.err;
  remove_db(file);
  remove_db(restored);
}

TEST(Backup, APostgresqlDumpIsRestoredWithPgRestore) {
  if (!pg_available() || pg_registration()) GTEST_SKIP() << "needs TELECENTRES_TEST_PG; runs once, in the plain run";
  const std::string original = demo_database("pg-original.db");
  const std::string pg = fresh_pg_schema("dump_restore");
  ASSERT_EQ(run_program({"copy", "--from", original, "--to", pg}).exit_code, 0);
  const std::string schema = pg_schema_of(pg);
  const std::string dump = temp_file("pg.dump");
  // As docs/operations.md says: pg_dump in its custom format, then pg_restore into an empty place.
  const std::string dumped = shell("pg_dump --format=custom --schema=" + schema + " --file='" + dump + "' '" +
                                   pg_base_url() + "' && echo DUMPED");
  ASSERT_NE(dumped.find("DUMPED"), std::string::npos) << dumped;
  pg_admin(pg_base_url(), "DROP SCHEMA " + schema + " CASCADE");
  const std::string restored =
      shell("pg_restore --no-owner --dbname='" + pg_base_url() + "' '" + dump + "' && echo RESTORED");
  ASSERT_NE(restored.find("RESTORED"), std::string::npos) << restored;
  // The restored database holds the same rows: copied back to SQLite, sqlite3 sees the original's.
  const std::string back = temp_file("pg-back.db");
  remove_db(back);
  auto r = run_program({"copy", "--from", pg, "--to", back});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(sorted_dump(back), sorted_dump(original));
  drop_pg_schema(pg);
  fs::remove(dump);
  remove_db(original);
  remove_db(back);
}

}  // namespace
}  // namespace tc::test
