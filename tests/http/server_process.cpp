#include "server_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "support/pg_test.h"

namespace tc::test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {
std::string temp_db() {
  static std::atomic<int> n{0};
  // TELECENTRES_TEST_BACKEND=postgresql runs the same tests against the test PostgreSQL server (a schema each).
  if (const char* b = std::getenv("TELECENTRES_TEST_BACKEND"); b && std::string(b) == "postgresql") {
    if (pg_base_url().empty())
      throw std::runtime_error(
          "TELECENTRES_TEST_PG is not set: run scripts/test.sh, or start a server with "
          "scripts/pg.sh start DIR and export its URL");
    return fresh_pg_schema("http");
  }
  auto dir = std::filesystem::temp_directory_path() / "tc-http-tests";
  std::filesystem::create_directories(dir);
  return (dir / ("db-" + std::to_string(getpid()) + "-" + std::to_string(n++) + ".db")).string();
}

pid_t spawn(const std::vector<std::string>& args, int& out_fd, int& err_fd) {
  int out[2], err[2];
  if (pipe(out) != 0 || pipe(err) != 0) throw std::runtime_error("pipe");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(err[1], 2);
    close(out[0]);
    close(err[0]);
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  out_fd = out[0];
  err_fd = err[0];
  return pid;
}

std::string read_all(int fd) {
  std::string s;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<std::size_t>(n));
  return s;
}

void remove_db(const std::string& db) {
  if (is_pg_url(db)) {
    drop_pg_schema(db);
    return;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
}
}  // namespace

struct ServerProcess::Captured {
  std::mutex mutex;
  std::string text;
};

TestDatabase::TestDatabase() : location_(temp_db()) {}

TestDatabase::~TestDatabase() { remove_db(location_); }

ServerProcess::ServerProcess(std::vector<std::string> extra_args, bool demo)
    : db_(temp_db()), stdout_(std::make_shared<Captured>()) {
  start(std::move(extra_args), demo);
}

ServerProcess::ServerProcess(Borrowed, std::string location, std::vector<std::string> extra_args, bool demo)
    : db_(std::move(location)), owns_db_(false), stdout_(std::make_shared<Captured>()) {
  start(std::move(extra_args), demo);
}

std::unique_ptr<ServerProcess> ServerProcess::on_database(const std::string& location,
                                                          std::vector<std::string> extra_args, bool demo) {
  return std::unique_ptr<ServerProcess>(new ServerProcess(Borrowed{}, location, std::move(extra_args), demo));
}

void ServerProcess::start(std::vector<std::string> extra_args, bool demo) {
  std::vector<std::string> args = {TC_BINARY, "serve", "--db", db_, "--listen", "127.0.0.1:0"};
  const auto keep_log = std::find(extra_args.begin(), extra_args.end(), "--access-log");
  if (keep_log == extra_args.end())
    args.emplace_back("--no-access-log");
  else
    extra_args.erase(keep_log);
  if (demo) args.emplace_back("--demo");
  for (auto& a : extra_args) args.push_back(std::move(a));
  int out_fd = -1;
  pid_ = spawn(args, out_fd, stderr_fd_);
  std::thread([out_fd, captured = stdout_] {
    char b[4096];
    ssize_t n;
    while ((n = read(out_fd, b, sizeof b)) > 0) {
      std::lock_guard lock(captured->mutex);
      captured->text.append(b, static_cast<std::size_t>(n));
    }
    close(out_fd);
  }).detach();
  // Wait for "à l'écoute sur http://127.0.0.1:PORT/" on stderr.
  std::string seen;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{stderr_fd_, POLLIN, 0};
    if (poll(&p, 1, 200) > 0) {
      char buf[512];
      ssize_t n = read(stderr_fd_, buf, sizeof buf);
      if (n <= 0) break;
      seen.append(buf, static_cast<std::size_t>(n));
      const auto at = seen.find("http://127.0.0.1:");
      if (at != std::string::npos) {
        // Digits, then "/": anything else means the line is not whole yet (or another line cut into it).
        auto end = at + 17;
        while (end < seen.size() && std::isdigit(static_cast<unsigned char>(seen[end]))) ++end;
        if (end < seen.size() && seen[end] != '/') throw std::runtime_error("unreadable listening line: " + seen);
        if (end < seen.size() && end > at + 17) {
          port_ = static_cast<unsigned short>(std::stoi(seen.substr(at + 17, end - at - 17)));
          // Keep draining stderr so the child never blocks on a full pipe.
          std::thread([fd = stderr_fd_] {
            char b[4096];
            while (read(fd, b, sizeof b) > 0) {
            }
          }).detach();
          return;
        }
      }
    }
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  throw std::runtime_error("the server did not start; it said: " + seen);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && terminate_and_wait(10000) == -1) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (owns_db_) remove_db(db_);
}

std::string query_db(const std::string& db, const std::string& sql) {
  if (is_pg_url(db)) {
    try {
      return pg_admin(db, sql);
    } catch (const std::exception& e) {
      return e.what();
    }
  }
  std::string out;
  if (FILE* p = popen(("sqlite3 '" + db + "' \"" + sql + "\"").c_str(), "r")) {
    char buf[4096];
    while (fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
  } else {
    out = "cannot run sqlite3";
  }
  return out;
}

std::string ServerProcess::standard_output() const {
  std::lock_guard lock(stdout_->mutex);
  return stdout_->text;
}

int ServerProcess::terminate_and_wait(int timeout_ms) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

HttpResponse ServerProcess::get(const std::string& target, const std::map<std::string, std::string>& headers) const {
  return request("GET", target, {}, headers);
}

HttpResponse ServerProcess::request(const std::string& method, const std::string& target, const std::string& body,
                                    const std::map<std::string, std::string>& headers) const {
  return http_request(port_, method, target, body, headers);
}

HttpResponse http_request(unsigned short port, const std::string& method, const std::string& target,
                          const std::string& body, const std::map<std::string, std::string>& headers) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(20));
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(std::uint64_t{64} * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);
  http::read(stream, buffer, parser);
  auto& res = parser.get();
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  out.body = res.body();
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return out;
}

std::string ServerProcess::raw(const std::string& bytes, int timeout_ms) const {
  net::io_context ioc;
  tcp::socket s(ioc);
  s.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
  beast::error_code ec;
  net::write(s, net::buffer(bytes), ec);
  std::string got;
  const int fd = s.native_handle();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buf[4096];
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
  }
  return got;
}

Signed sign_in_api(const ServerProcess& server, const std::string& email, const std::string& password) {
  const std::string body = R"({"email":")" + email + R"(","password":")" + password + R"("})";
  auto r = server.request("POST", "/api/v1/session", body, {{"Content-Type", "application/json"}});
  if (r.status != 200) {
    ADD_FAILURE() << "sign-in as " << email << " refused: " << r.status << " " << r.body;
    return {};
  }
  const std::string set = r.header("set-cookie");
  auto j = nlohmann::json::parse(r.body);
  return {set.substr(0, set.find(';')), j["csrf_token"], j["person"]["id"]};
}

CommandResult run_program(const std::vector<std::string>& args) {
  std::vector<std::string> full = {TC_BINARY};
  full.insert(full.end(), args.begin(), args.end());
  int out_fd = -1, err_fd = -1;
  pid_t pid = spawn(full, out_fd, err_fd);
  CommandResult r;
  std::thread t([&] { r.err = read_all(err_fd); });
  r.out = read_all(out_fd);
  t.join();
  close(out_fd);
  close(err_fd);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

long centre_near(ServerProcess& s, const std::string& insee) {
  const auto j = nlohmann::json::parse(s.get("/api/v1/centres?near=" + insee + "&within_km=3").body);
  return j["centres"][0]["id"].get<long>();
}

std::string open_date(ServerProcess& s, long centre, int min_days_ahead, int free_posts) {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  auto iso = [](std::chrono::sys_days d) {
    const std::chrono::year_month_day ymd(d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return std::string(buf);
  };
  const auto from = now + std::chrono::days(min_days_ahead);
  const auto r = s.get("/api/v1/centres/" + std::to_string(centre) + "/availability?from=" + iso(from) +
                       "&to=" + iso(from + std::chrono::days(60)));
  const auto j = nlohmann::json::parse(r.body);
  std::map<std::string, int> good;  // date -> half-days open with enough free posts
  for (const auto& d : j["days"])
    if (d["open"].get<bool>() && d["posts_free"].get<int>() >= free_posts) ++good[d["date"].get<std::string>()];
  for (const auto& [date, n] : good)
    if (n == 2) return date;
  return "";
}

}  // namespace tc::test
