// Starts the real `telecentres` program on a free loopback port, as a child process, and talks HTTP to it.
// Tests assert on what a client receives — nothing is mocked.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tc::test {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// A test database of its own: a fresh PostgreSQL schema when TELECENTRES_TEST_BACKEND=postgresql (on the server
// of TELECENTRES_TEST_PG), else an SQLite file in the temporary directory; removed on destruction. For several
// servers on one database (ServerProcess::on_database): it must outlive them.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  const std::string& location() const { return location_; }  // an SQLite path or a PostgreSQL URL

 private:
  std::string location_;
};

class ServerProcess {
 public:
  // Runs `telecentres serve --db <temp file> --listen 127.0.0.1:0 --no-access-log --demo <extra...>` and waits
  // until it listens. Pass "--access-log" in extra_args to keep the access log (then read standard_output()).
  explicit ServerProcess(std::vector<std::string> extra_args = {}, bool demo = true);
  // The same on a database that the caller owns (a TestDatabase's location), which several servers may share;
  // the server leaves it in place when it stops.
  static std::unique_ptr<ServerProcess> on_database(const std::string& location,
                                                    std::vector<std::string> extra_args = {}, bool demo = true);
  ~ServerProcess();  // SIGTERM, then SIGKILL if it lingers; removes the database it made
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  int pid() const { return pid_; }
  const std::string& db_path() const { return db_; }
  // Sends SIGTERM and waits; returns the exit status (or -1 on timeout).
  int terminate_and_wait(int timeout_ms = 15000);

  HttpResponse get(const std::string& target, const std::map<std::string, std::string>& headers = {}) const;
  HttpResponse request(const std::string& method, const std::string& target, const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {}) const;
  // What the program wrote on its standard output so far (the access log, when enabled).
  std::string standard_output() const;

  // Sends raw bytes and reads until the server closes (or timeout); returns what came back.
  std::string raw(const std::string& bytes, int timeout_ms = 5000) const;

 private:
  struct Borrowed {};  // the database belongs to the caller
  ServerProcess(Borrowed, std::string location, std::vector<std::string> extra_args, bool demo);
  void start(std::vector<std::string> extra_args, bool demo);
  std::string db_;
  bool owns_db_ = true;
  int pid_ = -1;
  unsigned short port_ = 0;
  int stderr_fd_ = -1;
  struct Captured;
  std::shared_ptr<Captured> stdout_;  // filled by a thread that drains the pipe
};

// One HTTP/1.1 request to 127.0.0.1:port on a connection of its own (what ServerProcess::request does).
HttpResponse http_request(unsigned short port, const std::string& method, const std::string& target,
                          const std::string& body = {}, const std::map<std::string, std::string>& headers = {});

// A signed-in API client: its session cookie and CSRF token, ready to put in request headers.
struct Signed {
  std::string cookie;  // "tc_session=…"
  std::string csrf;
  long id = 0;
  std::map<std::string, std::string> read() const { return {{"Cookie", cookie}}; }
  std::map<std::string, std::string> write() const {
    return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}, {"Content-Type", "application/json"}};
  }
};
// Signs in through POST /api/v1/session; fails the current test (and returns an empty Signed) if refused.
Signed sign_in_api(const ServerProcess& server, const std::string& email, const std::string& password);

// Runs SQL on a test database (an SQLite file or a PostgreSQL URL) with the database's own client (sqlite3, psql)
// and returns its output: one line per row, columns separated by "|".
std::string query_db(const std::string& db, const std::string& sql);

// Runs the program with arguments; captures exit code and output.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CommandResult run_program(const std::vector<std::string>& args);

// The id of the centre nearest the commune `insee` (the demo has one per town).
long centre_near(ServerProcess& s, const std::string& insee);

// The first date at least `min_days_ahead` days from today (UTC) on which the centre opens both half-days and
// has at least `free_posts` free posts each time, from its availability API; "" when none within 60 days.
std::string open_date(ServerProcess& s, long centre, int min_days_ahead = 2, int free_posts = 1);

}  // namespace tc::test
