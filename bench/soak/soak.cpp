// bench_soak: a realistic mix of requests against a running telecentres server, for a long time, at a fixed rate
// (or as fast as it goes, to find the ceiling first), over N keep-alive connections, one thread each. Every request
// is timed (no sampling); answers are counted per kind of request and status, per period (a minute by default),
// with the server's resident memory (VmRSS) read every second.
//
// The mix (weights in thousandths, --mix): directory searches around a Cantal commune, a centre's availability
// over a month, bookings of an open half-day at a centre for one of the network's people (as the admin, by API
// token), cancellations of bookings this run made (oldest first; a booking instead when there is none), and
// sign-ins of the demo teleworker (a full Argon2id check each). Expected answers: 200, and 201 or 409 for bookings
// (the half-day is full, or the person already holds it: intended refusals, counted apart).
// Writes a JSON report (--report) that bench/soak/run.sh turns into a table.
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace {

namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct Answer {
  int status = 0;     // 0: no answer (see error)
  std::string error;  // connect, send, timeout, closed, recv, parse
  std::string body;
};

// One keep-alive HTTP/1.1 connection on blocking sockets (SO_RCVTIMEO bounds every wait); reconnects on the next
// request after an error or "Connection: close". The same as bench_booking_load's, with per-request headers.
class Connection {
 public:
  Connection(std::string host, std::string port, double timeout_s)
      : host_(std::move(host)), port_(std::move(port)), timeout_s_(timeout_s) {}
  ~Connection() { close(); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Answer request(std::string_view method, std::string_view path, std::string_view headers, std::string_view body) {
    Answer a;
    if (!connect(a.error)) return a;
    std::string req;
    req.reserve(256 + body.size());
    req.append(method).append(" ").append(path).append(" HTTP/1.1\r\nHost: ").append(host_).append(":");
    req.append(port_).append("\r\nAccept: application/json\r\n").append(headers);
    if (!body.empty())
      req.append("Content-Type: application/json\r\nContent-Length: ")
          .append(std::to_string(body.size()))
          .append("\r\n");
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
    std::size_t start = 0;
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
        if (!ec && used > 0) continue;
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
  bool connect(std::string& error) {
    if (fd_ >= 0) return true;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host_.c_str(), port_.c_str(), &hints, &found) != 0 || !found) {
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
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buffer_.clear();
  }

  std::string host_, port_;
  double timeout_s_;
  int fd_ = -1;
  std::string buffer_;
};

enum Op { Directory, Availability, Booking, Cancel, SignIn, kOps };
constexpr const char* kOpNames[kOps] = {"directory", "availability", "booking", "cancel", "signin"};

// What one period saw (per thread, merged at the end).
struct Period {
  std::vector<std::int64_t> latency_ns;
  std::map<std::string, std::map<std::string, long>> answers;  // op -> status (or error kind) -> count
  std::vector<std::string> samples;                            // a few unexpected answers
};

struct Unit {
  std::int64_t centre = 0;
  std::string date, slot;
};

std::string iso(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd(d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

long rss_kb(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// The median VmRSS of a period: Argon2id's 64 MiB per sign-in come and go within a second, a sample may catch them.
long rss_median(std::vector<long> v) {
  if (v.empty()) return -1;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

double percentile_ms(std::vector<std::int64_t>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
  rank = std::clamp<std::size_t>(rank, 1, v.size());
  return static_cast<double>(v[rank - 1]) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Sends a realistic mix of requests to a running telecentres server and reports per period"};
  std::string url, token_file, report, email = "teleworker@demo.telecentres.example";
  std::string password = "demo-teletravail-cantal",
              mix = "directory=450,availability=300,booking=120,cancel=120,signin=2";
  int connections = 16, server_pid = 0;
  double duration = 60, rate = 0, period = 60, timeout = 10;
  std::uint64_t seed = 1;
  cli.add_option("--url", url, "The server, e.g. http://127.0.0.1:8080")->required();
  cli.add_option("--token-file", token_file, "File holding an admin's API token (bookings and cancellations)")
      ->required();
  cli.add_option("--report", report, "Where to write the JSON report")->required();
  cli.add_option("--connections", connections, "Connections, one thread each")->check(CLI::Range(1, 1024));
  cli.add_option("--duration", duration, "Seconds of load")->check(CLI::Range(1.0, 86400.0));
  cli.add_option("--rate", rate, "Requests per second in all (0: as fast as the server answers)");
  cli.add_option("--period", period, "Seconds per reported period")->check(CLI::Range(1.0, 3600.0));
  cli.add_option("--timeout", timeout, "Seconds to wait for an answer");
  cli.add_option("--server-pid", server_pid, "The server's process, for its VmRSS");
  cli.add_option("--seed", seed, "Seed of the clients' choices");
  cli.add_option("--mix", mix, "Weights, op=weight,... (directory, availability, booking, cancel, signin)")
      ->capture_default_str();
  cli.add_option("--signin-email", email);
  cli.add_option("--signin-password", password);
  CLI11_PARSE(cli, argc, argv);

  constexpr std::string_view scheme = "http://";
  if (url.rfind(scheme, 0) != 0) {
    std::cerr << "bench_soak: --url must start with http://\n";
    return 2;
  }
  std::string hostport = url.substr(scheme.size());
  if (auto slash = hostport.find('/'); slash != std::string::npos) hostport.resize(slash);
  const std::string host = hostport.substr(0, hostport.rfind(':')), port = hostport.substr(hostport.rfind(':') + 1);
  std::string token;
  std::ifstream(token_file) >> token;
  const std::string admin = "Authorization: Bearer " + token + "\r\n";

  std::vector<int> weights(kOps, 0);
  {
    std::istringstream in(mix);
    std::string item;
    while (std::getline(in, item, ',')) {
      const auto eq = item.find('=');
      const auto name = item.substr(0, eq);
      const auto at = std::find_if(std::begin(kOpNames), std::end(kOpNames), [&](const char* n) { return name == n; });
      if (eq == std::string::npos || at == std::end(kOpNames)) {
        std::cerr << "bench_soak: --mix: unknown item '" << item << "'\n";
        return 2;
      }
      weights[static_cast<std::size_t>(at - std::begin(kOpNames))] = std::stoi(item.substr(eq + 1));
    }
  }

  // The network as the server shows it: centres, people (the applicants), open half-days over two months.
  Connection setup(host, port, timeout);
  const auto get = [&](const std::string& path) {
    const Answer a = setup.request("GET", path, admin, "");
    if (a.status != 200) throw std::runtime_error("GET " + path + ": " + std::to_string(a.status) + a.error);
    return json::parse(a.body);
  };
  std::vector<std::int64_t> centres, people;
  const json directory = get("/api/v1/centres?near=15138&within_km=300");  // named: a loop over a temporary's
  for (const auto& c : directory["centres"]) centres.push_back(c["id"]);   // member would dangle
  const json applications = get("/api/v1/applications");
  for (const auto& a : applications["applications"])
    if (std::find(people.begin(), people.end(), a["person_id"].get<std::int64_t>()) == people.end())
      people.push_back(a["person_id"]);
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::vector<Unit> units;
  for (auto c : centres) {
    const json days =
        get("/api/v1/centres/" + std::to_string(c) + "/availability?from=" + iso(today + std::chrono::days(2)) +
            "&to=" + iso(today + std::chrono::days(61)));
    for (const auto& d : days["days"])
      if (d["open"].get<bool>()) units.push_back({c, d["date"], d["slot"]});
  }
  if (centres.empty() || people.empty() || units.empty()) {
    std::cerr << "bench_soak: the server shows no centre, person or open half-day\n";
    return 2;
  }
  const std::vector<std::string> communes = {"15014", "15138", "15187", "15120", "15162", "15045", "15100",
                                             "15108", "15133", "15153", "15174", "15219", "15260", "15265"};
  const int radii[] = {10, 20, 30, 60, 100};
  std::cerr << "bench_soak: " << centres.size() << " centres, " << people.size() << " people, " << units.size()
            << " open half-days; " << connections << " connections, "
            << (rate > 0 ? std::to_string(static_cast<long>(rate)) + " req/s" : std::string("as fast as answered"))
            << ", " << duration << " s\n";

  const std::size_t periods = static_cast<std::size_t>(std::ceil(duration / period));
  std::vector<std::vector<Period>> seen(static_cast<std::size_t>(connections), std::vector<Period>(periods));
  // Latencies by kind of request over the whole run, per thread: [thread][op].
  std::vector<std::vector<std::vector<std::int64_t>>> by_op(static_cast<std::size_t>(connections),
                                                            std::vector<std::vector<std::int64_t>>(kOps));
  std::vector<std::vector<long>> rss(periods);  // VmRSS samples (kB), five a second
  const long rss_before = server_pid > 0 ? rss_kb(server_pid) : -1;
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(duration));
  std::atomic<bool> done{false};
  std::thread sampler([&] {
    while (!done) {
      const auto at = static_cast<std::size_t>(std::chrono::duration<double>(Clock::now() - start).count() / period);
      if (server_pid > 0 && at < periods) rss[at].push_back(rss_kb(server_pid));
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });

  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(connections));
  const int total_weight = std::max(1, std::accumulate(weights.begin(), weights.end(), 0));
  for (int t = 0; t < connections; ++t)
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(seed * 1000003 + static_cast<std::uint64_t>(t));
      Connection conn(host, port, timeout);
      std::deque<std::int64_t> mine;  // bookings made by this thread, oldest first
      const auto interval =
          rate > 0 ? std::chrono::duration<double>(connections / rate) : std::chrono::duration<double>(0);
      auto next =
          start + std::chrono::duration_cast<Clock::duration>(interval * (static_cast<double>(t) / connections));
      while (true) {
        if (rate > 0) {
          std::this_thread::sleep_until(next);
          next += std::chrono::duration_cast<Clock::duration>(interval);
        }
        const auto sent = Clock::now();
        if (sent >= end) break;
        int pick = static_cast<int>(rng() % static_cast<std::uint64_t>(total_weight));
        int op = 0;
        while (pick >= weights[static_cast<std::size_t>(op)]) pick -= weights[static_cast<std::size_t>(op++)];
        if (op == Cancel && mine.empty()) op = Booking;
        Answer a;
        std::string expected = "200";
        switch (op) {
          case Directory:
            a = conn.request("GET",
                             "/api/v1/centres?near=" + communes[rng() % communes.size()] +
                                 "&within_km=" + std::to_string(radii[rng() % std::size(radii)]),
                             "", "");
            break;
          case Availability: {
            const auto from = today + std::chrono::days(static_cast<int>(rng() % 14));
            a = conn.request("GET",
                             "/api/v1/centres/" + std::to_string(centres[rng() % centres.size()]) +
                                 "/availability?from=" + iso(from) + "&to=" + iso(from + std::chrono::days(30)),
                             "", "");
            break;
          }
          case Booking: {
            const Unit& u = units[rng() % units.size()];
            const json body = {{"centre_id", u.centre},
                               {"date", u.date},
                               {"slot", u.slot},
                               {"person_id", people[rng() % people.size()]}};
            a = conn.request("POST", "/api/v1/bookings", admin, body.dump());
            expected = "201";
            if (a.status == 201) {
              const json made = json::parse(a.body);
              for (const auto& b : made["bookings"]) mine.push_back(b["id"]);
            }
            break;
          }
          case Cancel:
            a = conn.request("DELETE", "/api/v1/bookings/" + std::to_string(mine.front()) + "?reason=soak", admin, "");
            mine.pop_front();
            break;
          default:
            a = conn.request("POST", "/api/v1/session", "", json{{"email", email}, {"password", password}}.dump());
            break;
        }
        const auto now = Clock::now();
        const auto at = static_cast<std::size_t>(std::chrono::duration<double>(sent - start).count() / period);
        Period& p = seen[static_cast<std::size_t>(t)][std::min(at, periods - 1)];
        const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now - sent).count();
        p.latency_ns.push_back(ns);
        by_op[static_cast<std::size_t>(t)][static_cast<std::size_t>(op)].push_back(ns);
        const std::string status = a.status ? std::to_string(a.status) : "error:" + a.error;
        ++p.answers[kOpNames[op]][status];
        if (status != expected && !(op == Booking && a.status == 409) && p.samples.size() < 3)
          p.samples.push_back(std::string(kOpNames[op]) + " " + status + " " + a.body.substr(0, 300));
      }
    });
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  done = true;
  sampler.join();

  json out = {{"connections", connections},
              {"rate", rate},
              {"seconds", seconds},
              {"duration", duration},
              {"period", period},
              {"mix", mix},
              {"rss_before_kb", rss_before},
              {"rss_end_kb", server_pid > 0 ? rss_kb(server_pid) : -1}};
  json list = json::array(), samples = json::array();
  std::map<std::string, std::map<std::string, long>> all_answers;  // op -> status -> count, whole run
  std::vector<std::int64_t> all;
  for (std::size_t i = 0; i < periods; ++i) {
    Period merged;
    for (auto& per_thread : seen) {
      Period& p = per_thread[i];
      merged.latency_ns.insert(merged.latency_ns.end(), p.latency_ns.begin(), p.latency_ns.end());
      for (const auto& [op, statuses] : p.answers)
        for (const auto& [status, n] : statuses) {
          merged.answers[op][status] += n;
          all_answers[op][status] += n;
        }
      for (auto& s : p.samples)
        if (samples.size() < 10) samples.push_back(s);
    }
    all.insert(all.end(), merged.latency_ns.begin(), merged.latency_ns.end());
    const double span = std::min(period, duration - static_cast<double>(i) * period);
    list.push_back({{"index", i},
                    {"requests", merged.latency_ns.size()},
                    {"rps", span > 0 ? static_cast<double>(merged.latency_ns.size()) / span : 0},
                    {"p50_ms", percentile_ms(merged.latency_ns, 0.50)},
                    {"p99_ms", percentile_ms(merged.latency_ns, 0.99)},
                    {"rss_kb", rss_median(rss[i])},
                    {"rss_max_kb", rss[i].empty() ? -1 : *std::max_element(rss[i].begin(), rss[i].end())},
                    {"answers", merged.answers}});
  }
  out["requests"] = all.size();
  out["rps"] = static_cast<double>(all.size()) / duration;  // requests sent within the asked duration
  out["p50_ms"] = percentile_ms(all, 0.50);
  out["p99_ms"] = percentile_ms(all, 0.99);
  out["periods"] = list;
  out["answers"] = all_answers;
  json latency = json::object();
  for (int op = 0; op < kOps; ++op) {
    std::vector<std::int64_t> v;
    for (auto& per_thread : by_op)
      v.insert(v.end(), per_thread[static_cast<std::size_t>(op)].begin(),
               per_thread[static_cast<std::size_t>(op)].end());
    latency[kOpNames[op]] = {{"p50_ms", percentile_ms(v, 0.5)}, {"p99_ms", percentile_ms(v, 0.99)}};
  }
  out["latency"] = latency;
  out["samples"] = samples;
  std::ofstream(report) << out.dump(1) << "\n";
  std::cout << "RESULT soak requests=" << all.size() << " rps=" << out["rps"].get<double>()
            << " p50_ms=" << out["p50_ms"].get<double>() << " p99_ms=" << out["p99_ms"].get<double>() << "\n";
  return 0;
}
