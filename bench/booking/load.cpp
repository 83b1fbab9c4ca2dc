// bench_booking_load: drives POST /api/v1/bookings of a running server with N keep-alive HTTP/1.1 connections, one
// thread each, as the seeded network's admin booking for its people, and times every request (all of them, not a
// sample: see bench/signin/README.md on wrk).
//   uncontended (default): every request books a distinct unit (post and half-day: see bench_network.h), for a
//                          warm-up then a measured duration; any answer but 201 is an error.
//   --contended:           --units units, taken one after the other; for each, every connection waits for the
//                          others (a barrier) then sends --per-client requests for it, each for a different person.
//                          Exactly one request per unit should get 201, the others 409.
// Reads the posts and people from the server's database file (--db), and checks in it afterwards that no unit has
// two live bookings and that the live bookings are as many as the 201 answers (warm-up included). With --units-file,
// the units come from a file instead, in its order (bench/scale: the national demo, on SQLite or PostgreSQL), and --db
// is optional (without it nothing is checked: verified=unchecked). Prints one line: RESULT load key=value ...
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <latch>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "bench_network.h"

namespace {

using namespace tc;
namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;

struct Target {
  std::string host;
  std::string port;
};

Target parse_url(const std::string& url) {
  constexpr std::string_view scheme = "http://";
  if (url.rfind(scheme, 0) != 0) throw std::runtime_error("--url must start with http://: " + url);
  std::string rest = url.substr(scheme.size());
  if (auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos) return {rest, "80"};
  return {rest.substr(0, colon), rest.substr(colon + 1)};
}

struct Answer {
  int status = 0;     // 0: no answer (see error)
  std::string error;  // connect, send, timeout, closed, recv, parse
  std::string body;
};

// One keep-alive connection, blocking POSIX sockets (so that SO_RCVTIMEO bounds every wait) and Beast's parser.
// Reconnects on the next request after any error or a "Connection: close".
class HttpConnection {
 public:
  HttpConnection(const Target& target, std::string authorization, double timeout_s)
      : target_(target), authorization_(std::move(authorization)), timeout_s_(timeout_s) {}
  ~HttpConnection() { close(); }
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  bool connect(std::string& error) {
    if (fd_ >= 0) return true;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(target_.host.c_str(), target_.port.c_str(), &hints, &found) != 0 || !found) {
      error = "connect";
      return false;
    }
    for (addrinfo* a = found; a; a = a->ai_next) {
      const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
      if (fd < 0) continue;
      if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
        fd_ = fd;
        break;
      }
      ::close(fd);
    }
    ::freeaddrinfo(found);
    if (fd_ < 0) {
      error = "connect";
      return false;
    }
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout_s_);
    tv.tv_usec = static_cast<suseconds_t>((timeout_s_ - std::floor(timeout_s_)) * 1e6);
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    buffer_.clear();
    return true;
  }

  Answer request(std::string_view method, std::string_view path, std::string_view body) {
    Answer a;
    if (!connect(a.error)) return a;
    std::string req;
    req.reserve(256 + body.size());
    req.append(method).append(" ").append(path).append(" HTTP/1.1\r\nHost: ").append(target_.host);
    req.append(":").append(target_.port).append("\r\nAuthorization: ").append(authorization_);
    req.append("\r\nAccept: application/json\r\n");
    if (!body.empty()) {
      req.append("Content-Type: application/json\r\nContent-Length: ").append(std::to_string(body.size()));
      req.append("\r\n");
    }
    req.append("\r\n").append(body);
    for (std::size_t sent = 0; sent < req.size();) {
      const ssize_t n = ::send(fd_, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) {
        a.error = (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) ? "timeout" : "send";
        close();
        return a;
      }
      sent += static_cast<std::size_t>(n);
    }

    http::response_parser<http::string_body> parser;
    parser.body_limit(std::uint64_t{16} << 20);
    std::size_t start = 0;  // first byte of buffer_ not yet given to the parser
    for (;;) {
      if (start < buffer_.size()) {
        boost::beast::error_code ec;
        const std::size_t used = parser.put(boost::asio::buffer(buffer_.data() + start, buffer_.size() - start), ec);
        start += used;
        if (!ec && parser.is_done()) break;
        if (ec && ec != http::error::need_more) {
          a.error = "parse";
          close();
          return a;
        }
        if (!ec && used > 0) continue;  // the parser wants the rest of what it already has
      }
      buffer_.erase(0, start);
      start = 0;
      char chunk[16384];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) {
        a.error = n == 0 ? "closed" : ((errno == EAGAIN || errno == EWOULDBLOCK) ? "timeout" : "recv");
        close();
        return a;
      }
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
    buffer_.erase(0, start);
    auto& res = parser.get();
    a.status = static_cast<int>(res.result_int());
    a.body = std::move(res.body());
    if (!res.keep_alive()) close();
    return a;
  }

 private:
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buffer_.clear();
  }

  Target target_;
  std::string authorization_;
  double timeout_s_;
  int fd_ = -1;
  std::string buffer_;
};

// What one client saw; merged after the run.
struct Tally {
  std::vector<std::int64_t> latency_ns;  // every answered or failed request
  std::map<int, long> statuses;
  std::map<std::string, long> reasons;  // the "reason" of refusals (409, 422)
  std::map<std::string, long> errors;   // requests without an answer, by kind
  std::vector<std::string> samples;     // a few unexpected answers, for the report

  void record(const Answer& a, std::int64_t ns, bool expected) {
    latency_ns.push_back(ns);
    if (a.status == 0) {
      ++errors[a.error];
      return;
    }
    ++statuses[a.status];
    if (a.status != 201) {
      constexpr std::string_view key = "\"reason\":\"";
      if (auto at = a.body.find(key); at != std::string::npos) {
        const auto from = at + key.size();
        ++reasons[a.body.substr(from, a.body.find('"', from) - from)];
      }
    }
    if (!expected && samples.size() < 3) samples.push_back(std::to_string(a.status) + " " + a.body.substr(0, 300));
  }
  void merge(Tally& other) {
    latency_ns.insert(latency_ns.end(), other.latency_ns.begin(), other.latency_ns.end());
    for (auto& [k, v] : other.statuses) statuses[k] += v;
    for (auto& [k, v] : other.reasons) reasons[k] += v;
    for (auto& [k, v] : other.errors) errors[k] += v;
    for (auto& s : other.samples)
      if (samples.size() < 5) samples.push_back(std::move(s));
  }
  long count(int status) const {
    auto it = statuses.find(status);
    return it == statuses.end() ? 0 : it->second;
  }
  long error_count() const {
    long n = 0;
    for (const auto& [k, v] : errors) n += v;
    return n;
  }
};

// CPU seconds (user + system) used so far by this process (pid 0) or another one (from /proc; -1 if unreadable).
double cpu_seconds(int pid) {
  if (pid == 0) {
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    auto s = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6; };
    return s(ru.ru_utime) + s(ru.ru_stime);
  }
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(in, line);
  const auto comm_end = line.rfind(')');  // the command name may hold spaces and parentheses
  if (comm_end == std::string::npos) return -1;
  std::istringstream fields(line.substr(comm_end + 1));
  std::string skipped;
  for (int field = 3; field < 14; ++field) fields >> skipped;  // state … cmajflt
  long utime = 0, stime = 0;
  if (!(fields >> utime >> stime)) return -1;
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// CPU seconds the whole machine spent not idle so far, all CPUs together (from /proc/stat; -1 if unreadable).
double machine_busy_seconds() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  if (!(in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal) || cpu != "cpu") return -1;
  return static_cast<double>(user + nice + system + irq + softirq + steal) /
         static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// CPU used over a phase by the load, by the server, and by the whole machine (what is left is other work's).
struct CpuMeter {
  int server_pid = 0;
  double client0 = 0, server0 = -1, machine0 = -1;
  void start() {
    client0 = cpu_seconds(0);
    server0 = server_pid > 0 ? cpu_seconds(server_pid) : -1;
    machine0 = machine_busy_seconds();
  }
  void stop(double& client, double& server, double& machine) const {
    const double server1 = server_pid > 0 ? cpu_seconds(server_pid) : -1;
    const double machine1 = machine_busy_seconds();
    client = cpu_seconds(0) - client0;
    server = server0 >= 0 && server1 >= 0 ? server1 - server0 : -1;
    machine = machine0 >= 0 && machine1 >= 0 ? machine1 - machine0 : -1;
  }
};

struct Phase {
  Tally tally;
  double seconds = 0;
  double client_cpu_s = 0;
  double server_cpu_s = -1;  // unknown without --server-pid
  double machine_cpu_s = -1;
};

template <typename Map>
std::string join(const Map& m) {
  std::string out;
  for (const auto& [k, v] : m) {
    std::ostringstream item;
    item << k << ":" << v;
    out += (out.empty() ? "" : ",") + item.str();
  }
  return out.empty() ? "-" : out;
}

double percentile_ms(const std::vector<std::int64_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  // Nearest rank: the smallest value with at least p of all values at or below it.
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return static_cast<double>(sorted[rank - 1]) / 1e6;
}

std::string booking_body(const bench::BookablePost& post, const bench::HalfDay& h, std::int64_t person) {
  char buf[256];
  std::snprintf(buf, sizeof buf, R"({"centre_id":%lld,"post_id":%lld,"date":"%s","slot":"%s","person_id":%lld})",
                static_cast<long long>(post.centre_id), static_cast<long long>(post.post_id), h.date.iso().c_str(),
                h.slot.c_str(), static_cast<long long>(person));
  return buf;
}

// The half-days open at the given centres according to the server, among those the seed opens.
std::vector<bench::HalfDay> open_half_days(const Target& target, const std::string& authorization, double timeout_s,
                                           const std::vector<std::int64_t>& centres, domain::Date from,
                                           domain::Date to) {
  std::vector<bench::HalfDay> local = bench::weekday_half_days(from, to);
  HttpConnection conn(target, authorization, timeout_s);
  std::set<std::pair<std::string, std::string>> closed;
  std::set<std::pair<std::string, std::string>> seen;
  for (std::int64_t centre : centres) {
    for (domain::Date a = from; !(to < a); a = a.plus_days(62)) {  // the API answers at most 62 days at once
      const domain::Date b = std::min(to, a.plus_days(61));
      const std::string path =
          "/api/v1/centres/" + std::to_string(centre) + "/availability?from=" + a.iso() + "&to=" + b.iso();
      const Answer ans = conn.request("GET", path, "");
      if (ans.status != 200)
        throw std::runtime_error("GET " + path + " answered " +
                                 (ans.status ? std::to_string(ans.status) + " " + ans.body : ans.error));
      const nlohmann::json answer = nlohmann::json::parse(ans.body);
      for (const auto& d : answer.at("days")) {
        std::pair key{d.at("date").get<std::string>(), d.at("slot").get<std::string>()};
        seen.insert(key);
        if (!d.at("open").get<bool>()) closed.insert(key);
      }
    }
  }
  std::vector<bench::HalfDay> out;
  for (auto& h : local) {
    const std::pair key{h.date.iso(), h.slot};
    if (seen.count(key) && !closed.count(key)) out.push_back(std::move(h));
  }
  if (out.size() != local.size())
    std::cerr << "bench_booking_load: the server keeps " << local.size() - out.size() << " of the " << local.size()
              << " weekday half-days closed; they are left out\n";
  return out;
}

struct Verification {
  long live = 0;
  long doubled = 0;  // units with more than one live booking
};

Verification verify(const std::string& db_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + db_path + " to verify");
  }
  sqlite3_busy_timeout(db, 10000);
  auto count = [&](const char* sql) {
    sqlite3_stmt* s = nullptr;
    long n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
      n = static_cast<long>(sqlite3_column_int64(s, 0));
    sqlite3_finalize(s);
    if (n < 0) throw std::runtime_error(std::string("verification query failed: ") + sqlite3_errmsg(db));
    return n;
  };
  Verification v;
  v.live = count("SELECT count(*) FROM bookings WHERE status IN ('booked', 'checked_in')");
  v.doubled = count(
      "SELECT count(*) FROM (SELECT 1 FROM bookings WHERE status IN ('booked', 'checked_in') "
      "GROUP BY post_id, date, slot HAVING count(*) > 1)");
  sqlite3_close(db);
  return v;
}

struct Options {
  std::string url;
  std::string token_file;
  std::string db;
  std::string units_file;
  int connections = 64;
  double duration = 10;
  double warmup = 2;
  long count = 0;
  double timeout = 10;
  bool contended = false;
  int units = 50;
  int per_client = 3;
  int server_pid = 0;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Books posts through the HTTP API of a running telecentres server, and times every request"};
  Options o;
  cli.add_option("--url", o.url, "The server, e.g. http://127.0.0.1:8080")->required();
  cli.add_option("--token-file", o.token_file, "File holding an admin's API token")->required();
  cli.add_option("--db", o.db, "The server's database: its posts and people, and the verification afterwards");
  cli.add_option("--units-file", o.units_file,
                 "File of the units to book, in order, one per line: centre_id post_id person_id YYYY-MM-DD "
                 "morning|afternoon (instead of the seeded network's; --db is then only for the verification)");
  cli.add_option("--connections", o.connections, "Connections, one thread each")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  cli.add_option("--duration", o.duration, "Seconds of measured load (uncontended)")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  cli.add_option("--warmup", o.warmup, "Seconds of unmeasured load before (uncontended; 0: none)")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  cli.add_option("--count", o.count, "Measured requests instead of a duration (uncontended)");
  cli.add_option("--timeout", o.timeout, "Seconds to wait for an answer before counting a timeout")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  cli.add_flag("--contended", o.contended, "All connections race for a few units");
  cli.add_option("--units", o.units, "Units raced for (--contended)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cli.add_option("--per-client", o.per_client, "Requests per connection for each unit (--contended)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cli.add_option("--server-pid", o.server_pid, "The server's process id: its CPU time is reported (from /proc)");
  CLI11_PARSE(cli, argc, argv);
  if (o.db.empty() && o.units_file.empty()) {
    std::cerr << "bench_booking_load: give --db (the seeded network) or --units-file\n";
    return 2;
  }

  try {
    const Target target = parse_url(o.url);
    std::string token;
    {
      std::ifstream in(o.token_file);
      std::getline(in, token);
      while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
      if (token.empty()) throw std::runtime_error("no token in " + o.token_file);
    }
    const std::string authorization = "Bearer " + token;

    // The units: the k-th is posts[k % posts.size()] on half_days[k / posts.size()] (the seeded network), or
    // listed[k] (--units-file).
    std::vector<bench::BookablePost> posts;
    std::vector<bench::HalfDay> half_days;
    std::vector<bench::Unit> listed;
    if (!o.units_file.empty()) {
      listed = bench::read_units_file(o.units_file);
      std::cerr << "bench_booking_load: " << listed.size() << " units listed in " << o.units_file << ", from "
                << listed.front().half_day.date.iso() << "\n";
    } else {
      posts = bench::read_bench_posts(o.db);
      const domain::Date first = bench::utc_today().plus_days(2);
      half_days = open_half_days(target, authorization, o.timeout, {posts.front().centre_id, posts.back().centre_id},
                                 first, first.plus_days(78));
      if (half_days.empty()) throw std::runtime_error("no open half-day in the next weeks");
      std::cerr << "bench_booking_load: " << posts.size() << " posts, " << half_days.size() << " open half-days from "
                << half_days.front().date.iso() << " to " << half_days.back().date.iso() << "\n";
    }
    const std::size_t capacity = listed.empty() ? posts.size() * half_days.size() : listed.size();
    auto post_at = [&](std::size_t k) -> const bench::BookablePost& {
      return listed.empty() ? posts[k % posts.size()] : listed[k % listed.size()].post;
    };
    auto half_day_at = [&](std::size_t k) -> const bench::HalfDay& {
      return listed.empty() ? half_days[k / posts.size()] : listed[k].half_day;
    };

    std::atomic<std::size_t> next_unit{0};
    std::atomic<bool> exhausted{false};
    const std::string path = "/api/v1/bookings";

    // Uncontended: each client books the next unit until the deadline (or the count).
    auto uncontended = [&](double seconds, long count) {
      Phase phase;
      std::vector<Tally> tallies(static_cast<std::size_t>(o.connections));
      // Every client connects, then waits for `go`; the clock starts once all are connected. `deadline` is set
      // before `go` opens and read after.
      std::latch connected(o.connections), go(1);
      Clock::time_point deadline = Clock::time_point::max();
      const std::size_t end = count > 0 ? next_unit.load() + static_cast<std::size_t>(count) : capacity;
      std::vector<std::thread> clients;
      clients.reserve(static_cast<std::size_t>(o.connections));
      for (int i = 0; i < o.connections; ++i) {
        clients.emplace_back([&, i] {
          Tally& t = tallies[static_cast<std::size_t>(i)];
          t.latency_ns.reserve(1 << 16);
          HttpConnection conn(target, authorization, o.timeout);
          std::string ignored;
          conn.connect(ignored);
          connected.count_down();
          go.wait();
          const Clock::time_point until = deadline;
          for (;;) {
            if (Clock::now() >= until) break;
            const std::size_t k = next_unit.fetch_add(1);
            if (k >= capacity) exhausted = true;
            if (k >= end || k >= capacity) break;
            const auto& post = post_at(k);
            const std::string body = booking_body(post, half_day_at(k), post.person_id);
            const auto t0 = Clock::now();
            const Answer a = conn.request("POST", path, body);
            t.record(a, std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count(),
                     a.status == 201);
            if (a.error == "connect") std::this_thread::sleep_for(std::chrono::milliseconds(10));  // no busy loop
          }
        });
      }
      connected.wait();
      CpuMeter cpu{o.server_pid};
      cpu.start();
      const Clock::time_point t0 = Clock::now();
      if (count <= 0)
        deadline = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
      go.count_down();
      for (auto& c : clients) c.join();
      phase.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
      cpu.stop(phase.client_cpu_s, phase.server_cpu_s, phase.machine_cpu_s);
      for (auto& t : tallies) phase.tally.merge(t);
      return phase;
    };

    // Contended: unit after unit, every client waits for all the others, then sends its requests for that unit.
    auto contended = [&]() {
      Phase phase;
      // The first units (the seeded network's: its first posts on the first half-day), at most one per post.
      const std::size_t post_count = listed.empty() ? posts.size() : listed.size();
      std::vector<std::size_t> units(std::min(static_cast<std::size_t>(o.units), post_count));
      for (std::size_t u = 0; u < units.size(); ++u) units[u] = u;
      std::vector<Tally> tallies(static_cast<std::size_t>(o.connections));
      std::barrier<> sync(o.connections + 1);
      std::atomic<std::size_t> next_person{units.size()};
      std::vector<std::thread> clients;
      clients.reserve(static_cast<std::size_t>(o.connections));
      for (int i = 0; i < o.connections; ++i) {
        clients.emplace_back([&, i] {
          Tally& t = tallies[static_cast<std::size_t>(i)];
          HttpConnection conn(target, authorization, o.timeout);
          std::string ignored;
          conn.connect(ignored);
          sync.arrive_and_wait();
          for (const auto& unit : units) {
            sync.arrive_and_wait();
            for (int r = 0; r < o.per_client; ++r) {
              // A different person for every request, as long as there are people: a refusal then can only be
              // the post being taken.
              const auto person = post_at(next_person.fetch_add(1) % post_count).person_id;
              const std::string body = booking_body(post_at(unit), half_day_at(unit), person);
              const auto t0 = Clock::now();
              const Answer a = conn.request("POST", path, body);
              t.record(a, std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count(),
                       a.status == 201 || a.status == 409);
            }
          }
        });
      }
      sync.arrive_and_wait();
      CpuMeter cpu{o.server_pid};
      cpu.start();
      const auto t0 = Clock::now();
      for (std::size_t u = 0; u < units.size(); ++u) sync.arrive_and_wait();
      for (auto& c : clients) c.join();
      phase.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
      cpu.stop(phase.client_cpu_s, phase.server_cpu_s, phase.machine_cpu_s);
      for (auto& t : tallies) phase.tally.merge(t);
      return std::pair{phase, units.size()};
    };

    Phase measured;
    long warmup_booked = 0;
    std::size_t contended_units = 0;
    if (o.contended) {
      std::cerr << "bench_booking_load: contended: " << o.connections << " connections race for " << o.units
                << " units, " << o.per_client << " request(s) each per unit\n";
      auto [phase, n] = contended();
      measured = std::move(phase);
      contended_units = n;
    } else {
      if (o.warmup > 0) {
        std::cerr << "bench_booking_load: warm-up, " << o.connections << " connections, " << o.warmup << " s\n";
        Phase w = uncontended(o.warmup, 0);
        warmup_booked = w.tally.count(201);
        if (w.tally.count(201) != static_cast<long>(w.tally.latency_ns.size()))
          std::cerr << "bench_booking_load: warm-up answers: " << join(w.tally.statuses)
                    << ", errors: " << join(w.tally.errors) << "\n";
      }
      std::cerr << "bench_booking_load: measuring, " << o.connections << " connections, "
                << (o.count > 0 ? std::to_string(o.count) + " requests" : std::to_string(o.duration) + " s") << "\n";
      measured = uncontended(o.duration, o.count);
    }
    if (exhausted) std::cerr << "bench_booking_load: every unit of the network was booked: the run stopped early\n";

    Tally& t = measured.tally;
    std::sort(t.latency_ns.begin(), t.latency_ns.end());
    const long answers = static_cast<long>(t.latency_ns.size());
    const long booked = t.count(201);
    double mean_ms = 0;
    for (auto ns : t.latency_ns) mean_ms += static_cast<double>(ns) / 1e6;
    if (answers) mean_ms /= static_cast<double>(answers);
    const long unexpected = answers - booked - (o.contended ? t.count(409) : 0);
    for (const auto& s : t.samples) std::cerr << "bench_booking_load: unexpected answer: " << s << "\n";

    const Verification v = o.db.empty() ? Verification{-1, -1} : verify(o.db);
    const bool verified = v.doubled == 0 && v.live == booked + warmup_booked &&
                          (!o.contended || booked == static_cast<long>(contended_units));
    const char* verdict = o.db.empty() ? "unchecked" : verified ? "yes" : "no";
    std::printf(
        "RESULT load mode=%s connections=%d seconds=%.3f requests=%ld rps=%.1f booked=%ld booked_per_s=%.1f "
        "p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f mean_ms=%.3f statuses=%s reasons=%s errors=%ld "
        "error_kinds=%s unexpected=%ld warmup_booked=%ld units=%zu live=%ld doubled=%ld verified=%s client_cpu_s=%.3f "
        "server_cpu_s=%.3f machine_cpu_s=%.3f\n",
        o.contended ? "contended" : "uncontended", o.connections, measured.seconds, answers,
        measured.seconds > 0 ? static_cast<double>(answers) / measured.seconds : 0, booked,
        measured.seconds > 0 ? static_cast<double>(booked) / measured.seconds : 0, percentile_ms(t.latency_ns, 0.50),
        percentile_ms(t.latency_ns, 0.90), percentile_ms(t.latency_ns, 0.99),
        t.latency_ns.empty() ? 0 : static_cast<double>(t.latency_ns.back()) / 1e6, mean_ms, join(t.statuses).c_str(),
        join(t.reasons).c_str(), t.error_count(), join(t.errors).c_str(), unexpected, warmup_booked, contended_units,
        v.live, v.doubled, verdict, measured.client_cpu_s, measured.server_cpu_s, measured.machine_cpu_s);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_booking_load: " << e.what() << "\n";
    return 1;
  }
}
