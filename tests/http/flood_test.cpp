// Floods: many idle connections and slowloris clients (headers sent a byte at a time) do not keep a normal client
// from being answered in bounded time, and are dropped by the server's own deadlines; a burst of concurrent
// requests beyond capacity gets 503 with Retry-After for the excess (the worker queue full, or the connection
// cap reached), never a crash, and the server's resident memory stays bounded afterwards. Every loop here is
// bounded in count and time, and talks to 127.0.0.1 only.
#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server_process.h"
#include "support/sanitizer_memory.h"

namespace tc::test {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// The server's resident memory in KiB (VmRSS of /proc/PID/status), or -1.
long resident_kib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

bool alive(int pid) { return kill(pid, 0) == 0; }

// True when the peer closed the socket (or reset it) within `timeout`.
bool closed_within(tcp::socket& s, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    pollfd p{s.native_handle(), POLLIN, 0};
    if (poll(&p, 1, 50) > 0) {
      char buf[512];
      const ssize_t n = recv(s.native_handle(), buf, sizeof buf, MSG_DONTWAIT);
      if (n <= 0) return true;
    }
  }
  return false;
}

TEST(HttpFlood, IdleConnectionsAndSlowlorisDoNotStarveANormalClient) {
  measure_program_memory_not_the_quarantine();
  ServerProcess server({"--request-timeout", "2", "--idle-timeout", "4"});
  const long rss_start = resident_kib(server.pid());
  net::io_context ioc;
  const tcp::endpoint ep(net::ip::make_address("127.0.0.1"), server.port());
  // 300 connections that never send a byte.
  std::vector<std::unique_ptr<tcp::socket>> idle;
  for (int i = 0; i < 300; ++i) {
    auto s = std::make_unique<tcp::socket>(ioc);
    s->connect(ep);
    idle.push_back(std::move(s));
  }
  // 40 slowloris clients: a request line, then header bytes one at a time, never the blank line.
  std::vector<std::unique_ptr<tcp::socket>> slow;
  for (int i = 0; i < 40; ++i) {
    auto s = std::make_unique<tcp::socket>(ioc);
    s->connect(ep);
    boost::system::error_code ec;
    net::write(*s, net::buffer(std::string("GET /api/v1/centres HTTP/1.1\r\nHost: x\r\nX-Slow: ")), ec);
    slow.push_back(std::move(s));
  }
  std::atomic<bool> stop{false};
  std::atomic<int> slow_bytes{0};
  std::thread dripper([&] {
    // At most 60 rounds of 100 ms: one byte to each slow client per round.
    for (int round = 0; round < 60 && !stop; ++round) {
      for (auto& s : slow) {
        boost::system::error_code ec;
        const char c = 'a';
        if (net::write(*s, net::buffer(&c, 1), ec) == 1) ++slow_bytes;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });

  // Meanwhile a normal client is answered, each request well within a second.
  std::chrono::milliseconds worst{0};
  for (int i = 0; i < 30; ++i) {
    const auto t0 = Clock::now();
    const auto r = server.get(i % 2 ? "/healthz" : "/api/v1/centres?near=15187&within_km=" + std::to_string(10 + i));
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0);
    worst = std::max(worst, took);
    EXPECT_EQ(r.status, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_LT(worst, std::chrono::milliseconds(1000)) << "slowest normal request";
  EXPECT_GT(slow_bytes.load(), 40);  // the slow clients were dripping meanwhile

  // The server's deadlines drop them: slowloris within --request-timeout (2 s) of its first byte, idle ones within
  // --idle-timeout (4 s).
  int slow_dropped = 0;
  for (auto& s : slow) slow_dropped += closed_within(*s, std::chrono::milliseconds(4000)) ? 1 : 0;
  stop = true;
  dripper.join();
  EXPECT_EQ(slow_dropped, static_cast<int>(slow.size()));
  int idle_dropped = 0;
  for (auto& s : idle) idle_dropped += closed_within(*s, std::chrono::milliseconds(6000)) ? 1 : 0;
  EXPECT_EQ(idle_dropped, static_cast<int>(idle.size()));

  EXPECT_TRUE(alive(server.pid()));
  EXPECT_EQ(server.get("/healthz").status, 200);
  const long rss_end = resident_kib(server.pid());
  std::printf("slowest normal request %lld ms; slowloris dropped %d/%zu, idle dropped %d/%zu; VmRSS %ld → %ld KiB\n",
              static_cast<long long>(worst.count()), slow_dropped, slow.size(), idle_dropped, idle.size(), rss_start,
              rss_end);
  EXPECT_GT(rss_start, 0);
  EXPECT_LT(rss_end, rss_start + 64L * 1024) << "VmRSS " << rss_start << " → " << rss_end << " KiB";
}

struct BurstCount {
  int ok = 0, overloaded = 0, other = 0;
  bool retry_after_everywhere = true;
};

// `clients` simultaneous requests for distinct directory pages (each goes to the worker pool), one connection
// each; counts the answers.
BurstCount burst(const ServerProcess& server, int clients, int round) {
  std::vector<std::string> replies(static_cast<std::size_t>(clients));
  std::vector<std::thread> threads;
  threads.reserve(replies.size());
  for (int i = 0; i < clients; ++i)
    threads.emplace_back([&, i] {
      replies[static_cast<std::size_t>(i)] =
          server.raw("GET /?q=" + std::to_string(15001 + i) + "&within_km=" + std::to_string(5 + round * 7 + i % 40) +
                         " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                     15000);
    });
  for (auto& t : threads) t.join();
  BurstCount c;
  for (const auto& r : replies) {
    if (r.rfind("HTTP/1.1 200", 0) == 0) {
      ++c.ok;
    } else if (r.rfind("HTTP/1.1 503", 0) == 0) {
      ++c.overloaded;
      if (r.find("Retry-After: 1\r\n") == std::string::npos) c.retry_after_everywhere = false;
    } else {
      ++c.other;
    }
  }
  return c;
}

TEST(HttpFlood, BurstBeyondCapacityGets503WithRetryAfterAndMemoryStaysBounded) {
  // Capacity: 48 connections, 2 workers and a queue of 4.
  measure_program_memory_not_the_quarantine();
  ServerProcess server({"--max-connections", "48", "--workers", "2", "--queue", "4"});
  const long rss_start = resident_kib(server.pid());
  std::vector<long> rss_after;
  for (int round = 0; round < 3; ++round) {
    const BurstCount c = burst(server, 240, round);
    SCOPED_TRACE("round " + std::to_string(round));
    EXPECT_GT(c.ok, 0);
    EXPECT_GT(c.overloaded, 0);
    EXPECT_EQ(c.other, 0) << "answers that were neither 200 nor 503";
    EXPECT_TRUE(c.retry_after_everywhere);
    EXPECT_EQ(c.ok + c.overloaded, 240);
    ASSERT_TRUE(alive(server.pid()));
    EXPECT_EQ(server.get("/healthz").status, 200);  // it recovers at once
    rss_after.push_back(resident_kib(server.pid()));
    std::printf("burst %d: %d × 200, %d × 503, VmRSS %ld KiB (start %ld KiB)\n", round, c.ok, c.overloaded,
                rss_after.back(), rss_start);
  }
  // Bounded: well under what unbounded queues would take, and no growth from one burst to the next beyond noise.
  EXPECT_LT(rss_after.back(), rss_start + 96L * 1024) << "VmRSS " << rss_start << " → " << rss_after.back() << " KiB";
  EXPECT_LT(rss_after[2], rss_after[1] + 16L * 1024) << rss_after[1] << " → " << rss_after[2] << " KiB";
  EXPECT_LT(rss_after.back(), 400L * 1024);
}

TEST(HttpFlood, OverCapacityRefusalCarriesTheSecurityHeadersAndAProblemBody) {
  ServerProcess server({"--max-connections", "1"});
  net::io_context ioc;
  tcp::socket held(ioc);
  held.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), server.port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::string reply = server.raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 3000);
  EXPECT_EQ(reply.rfind("HTTP/1.1 503", 0), 0u) << reply;
  for (const char* h : {"Retry-After: 1\r\n", "X-Content-Type-Options: nosniff\r\n",
                        "Referrer-Policy: ", "Content-Security-Policy: ", "frame-ancestors 'none'",
                        "Connection: close\r\n", "Content-Type: application/problem+json\r\n", "\"status\":503"})
    EXPECT_NE(reply.find(h), std::string::npos) << h << " missing in " << reply;
  const auto body = reply.substr(reply.find("\r\n\r\n") + 4);
  const auto length = reply.find("Content-Length: ");
  ASSERT_NE(length, std::string::npos);
  EXPECT_EQ(std::stoul(reply.substr(length + 16)), body.size());

  // The refusal never reached the router: /metrics counts it on its own, once the held connection lets us in.
  held.close();
  // Until the server has seen that close, our reads are refused too, and counted as such.
  std::string metrics;
  int refused = 1;
  for (int i = 0; i < 50 && metrics.empty(); ++i) {
    const auto r = server.get("/metrics");
    if (r.status == 200) {
      metrics = r.body;
    } else {
      refused += r.status == 503 ? 1 : 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  const std::string line = "\ntelecentres_connections_refused_total " + std::to_string(refused) + "\n";
  EXPECT_NE(metrics.find(line), std::string::npos) << line << metrics;
}

}  // namespace
}  // namespace tc::test
