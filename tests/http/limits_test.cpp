// Hostile and broken clients: the server answers with the right status, drops the slow, and stops cleanly.
#include <gtest/gtest.h>

#include <poll.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <atomic>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "server_process.h"
#include "support/pg_test.h"

namespace tc::test {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

TEST(HttpLimits, OversizedHeaderIs431) {
  ServerProcess server;
  const std::string big(9000, 'x');
  const std::string reply = server.raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.1 431", 0), 0u) << reply.substr(0, 200);
}

TEST(HttpLimits, OversizedBodyIs413) {
  ServerProcess server;
  const std::string reply = server.raw("POST /api/v1/centres HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n" +
                                       std::string(1000, 'a'));
  EXPECT_EQ(reply.rfind("HTTP/1.1 413", 0), 0u) << reply.substr(0, 200);
}

TEST(HttpLimits, GarbageIs400) {
  ServerProcess server;
  const std::string reply = server.raw("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << reply.substr(0, 200);
}

TEST(HttpLimits, ClientSendingOneByteASecondIsDropped) {
  ServerProcess server({"--request-timeout", "2"});
  net::io_context ioc;
  tcp::socket s(ioc);
  s.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), server.port()));
  const std::string request = "GET /api/v1/centres HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaa\r\n\r\n";
  const auto start = std::chrono::steady_clock::now();
  bool closed = false;
  std::string got;
  for (char c : request) {
    boost::system::error_code ec;
    net::write(s, net::buffer(&c, 1), ec);
    if (ec) {
      closed = true;
      break;
    }
    pollfd p{s.native_handle(), POLLIN, 0};
    if (poll(&p, 1, 1000) > 0) {
      char buf[512];
      ssize_t n = recv(s.native_handle(), buf, sizeof buf, 0);
      if (n <= 0) {
        closed = true;
        break;
      }
      got.append(buf, static_cast<std::size_t>(n));
    }
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(closed) << "the slow client was served: " << got;
  EXPECT_EQ(got.find("200 OK"), std::string::npos);
  EXPECT_LT(elapsed, std::chrono::seconds(10));
  // Other clients are still served.
  EXPECT_EQ(server.get("/healthz").status, 200);
}

TEST(HttpLimits, SigtermStopsCleanlyAndKeepsTheDatabase) {
  auto server = std::make_unique<ServerProcess>();
  ASSERT_EQ(server->get("/api/v1/centres").status, 200);
  EXPECT_EQ(server->terminate_and_wait(), 0);
  if (!is_pg_url(server->db_path())) {
    EXPECT_TRUE(std::filesystem::exists(server->db_path()));
  }
  EXPECT_EQ(query_db(server->db_path(), "SELECT count(*) FROM centres"), "8\n");
  // The database reopens with its centres.
  auto again = run_program({"demo", "--db", server->db_path()});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("déjà"), std::string::npos) << again.out;
}

TEST(HttpLimits, InFlightRequestIsAnsweredDuringShutdown) {
  ServerProcess server;
  // Keep-alive connection with a request sent just before SIGTERM: it must still be answered.
  std::string reply;
  std::thread client(
      [&] { reply = server.raw("GET /api/v1/centres HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  client.join();
  EXPECT_EQ(reply.rfind("HTTP/1.1 200", 0), 0u);
  EXPECT_EQ(server.terminate_and_wait(), 0);
}

// SIGTERM while requests wait in the worker pool's queue: the queued tasks still run and answer through the I/O
// context, which must outlive them (it used to be destroyed first: a crash at every busy shutdown).
TEST(HttpLimits, SigtermWithRequestsQueuedExitsCleanly) {
  ServerProcess server({"--workers", "1", "--queue", "256"});
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0}, garbled{0};
  std::vector<std::thread> clients;
  clients.reserve(12);
  for (int i = 0; i < 12; ++i)
    clients.emplace_back([&, i] {
      for (int n = 0; !stop; ++n) {
        // Pages and searches that each take the worker a little while: the queue fills.
        std::string reply;
        try {
          reply = server.raw("GET /?q=" + std::to_string(15000 + (i * 37 + n) % 300) +
                                 "&within_km=60 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                             3000);
        } catch (const std::exception&) {  // refused: the server has stopped listening
        }
        if (reply.rfind("HTTP/1.1 ", 0) == 0) {
          ++answered;
        } else if (!reply.empty()) {
          ++garbled;
        } else if (!stop) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));  // refused once the server stops
        }
      }
    });
  // Signal once tasks are seen waiting.
  bool queued = false;
  for (int i = 0; i < 250 && !queued; ++i) {
    const std::string m = server.get("/metrics").body;
    const std::string gauge = "\ntelecentres_worker_queue_depth ";
    const auto at = m.find(gauge);
    queued = at != std::string::npos && std::stoi(m.substr(at + gauge.size())) >= 2;
    if (!queued) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(queued) << "the queue never filled: nothing was tested";
  const int before = answered.load();
  EXPECT_EQ(server.terminate_and_wait(), 0);
  stop = true;
  for (auto& t : clients) t.join();
  // The requests waiting at the signal were answered (they were dropped, and the server then hung for its whole
  // grace period on a condition variable it was destroying).
  EXPECT_GT(answered.load(), before);
  EXPECT_EQ(garbled.load(), 0);
}

TEST(HttpCache, WritesByAnotherProcessShowUpInTheDirectory) {
  ServerProcess server;
  auto before = server.get("/api/v1/communes?q=Clermont-Ferrand");
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(before.body.find("63113"), std::string::npos);
  const std::string csv =
      (std::filesystem::temp_directory_path() / ("tc-import-" + std::to_string(server.pid()) + ".csv")).string();
  {
    std::ofstream g(csv);
    g << "insee,name,population,postcodes,lat,lon\n63113,Clermont-Ferrand,147284,63000 63100,45.7772,3.0870\n";
  }
  auto import = run_program({"communes", "import", csv, "--db", server.db_path()});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  std::filesystem::remove(csv);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // past the directory's freshness window
  auto after = server.get("/api/v1/communes?q=Clermont-Ferrand");
  EXPECT_NE(after.body.find("63113"), std::string::npos) << after.body;
  // And the centres list, served from cache before, is rebuilt for the new revision with the new commune known.
  auto near = server.get("/api/v1/centres?near=63113&within_km=150");
  EXPECT_EQ(near.status, 200) << near.body;
}

TEST(Cli, WrongDatabasePathIsOneClearLineAndNonZeroExit) {
  auto r = run_program({"migrate", "--db", "/nonexistent-dir/x.db"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("/nonexistent-dir"), std::string::npos);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(Cli, DatabaseThatIsADirectoryIsRefused) {
  auto r = run_program({"serve", "--db", "/tmp", "--listen", "127.0.0.1:0"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("dossier"), std::string::npos) << r.err;
}

TEST(Cli, BadListenAddressIsRefused) {
  auto r = run_program({"serve", "--db", "/tmp/tc-cli-listen.db", "--listen", "nowhere"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--listen"), std::string::npos) << r.err;
  std::filesystem::remove("/tmp/tc-cli-listen.db");
}

TEST(Cli, VersionAndHelpWork) {
  auto v = run_program({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.out.find("telecentres"), std::string::npos);
  for (std::vector<std::string> args : {std::vector<std::string>{"--help"},
                                        {"serve", "--help"},
                                        {"migrate", "--help"},
                                        {"demo", "--help"},
                                        {"communes", "import", "--help"}}) {
    auto h = run_program(args);
    EXPECT_EQ(h.exit_code, 0) << args[0];
    EXPECT_NE(h.out.find("--"), std::string::npos);
  }
}

TEST(Cli, CommunesImportReadsACsvAndRejectsABadOne) {
  const std::string db = "/tmp/tc-cli-import.db", good = "/tmp/tc-cli-good.csv", bad = "/tmp/tc-cli-bad.csv";
  {
    std::ofstream g(good);
    g << "insee,name,population,postcodes,lat,lon\n63113,Clermont-Ferrand,147284,63000 63100,45.7772,3.0870\n";
    std::ofstream b(bad);
    b << "insee,name,population,postcodes,lat,lon\n63113,Clermont-Ferrand,lots,63000,45.7,3.08\n";
  }
  auto ok = run_program({"communes", "import", good, "--db", db});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("1 communes"), std::string::npos) << ok.out;
  auto ko = run_program({"communes", "import", bad, "--db", db});
  EXPECT_NE(ko.exit_code, 0);
  EXPECT_NE(ko.err.find("ligne 2"), std::string::npos) << ko.err;  // names the line
  for (const auto& f : {db, db + "-wal", db + "-shm", good, bad}) std::filesystem::remove(f);
}

}  // namespace
}  // namespace tc::test

namespace tc::test {
namespace {

TEST(HttpOverload, FullWorkerQueueAnswers503WithRetryAfter) {
  // One worker and a queue of one: a burst of distinct page requests cannot all wait.
  ServerProcess server({"--workers", "1", "--queue", "1"});
  constexpr int kClients = 120;
  std::vector<std::string> replies(kClients);
  std::vector<std::thread> clients;
  clients.reserve(kClients);
  for (int i = 0; i < kClients; ++i)
    clients.emplace_back([&, i] {
      replies[i] = server.raw("GET /?q=" + std::to_string(15001 + i) + "&within_km=" + std::to_string(20 + i) +
                                  " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                              10000);
    });
  for (auto& c : clients) c.join();
  int ok = 0, overloaded = 0;
  for (const auto& r : replies) {
    if (r.rfind("HTTP/1.1 503", 0) == 0) {
      ++overloaded;
      EXPECT_NE(r.find("Retry-After: 1"), std::string::npos);
      EXPECT_NE(r.find("application/problem+json"), std::string::npos);
    } else if (r.rfind("HTTP/1.1 200", 0) == 0) {
      ++ok;
    }
  }
  EXPECT_GT(overloaded, 0);
  EXPECT_GT(ok, 0);
  EXPECT_EQ(ok + overloaded, kClients);
  EXPECT_EQ(server.get("/healthz").status, 200);  // and it recovers
}

TEST(HttpLimits, ConnectionsBeyondTheMaximumAreRefusedWith503) {
  ServerProcess server({"--max-connections", "2"});
  net::io_context ioc;
  tcp::socket a(ioc), b(ioc), c(ioc);
  const tcp::endpoint ep(net::ip::make_address("127.0.0.1"), server.port());
  a.connect(ep);
  b.connect(ep);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  c.connect(ep);
  const std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  boost::system::error_code ec;
  net::write(c, net::buffer(req), ec);
  pollfd p{c.native_handle(), POLLIN, 0};
  ASSERT_GT(poll(&p, 1, 3000), 0);
  // Answered 503 with Retry-After at once, then closed.
  char buf[1024];
  std::string refused;
  for (ssize_t got = 0; (got = recv(c.native_handle(), buf, sizeof buf, 0)) > 0;)
    refused.append(buf, static_cast<std::size_t>(got));
  EXPECT_EQ(refused.rfind("HTTP/1.1 503", 0), 0u) << refused;
  EXPECT_NE(refused.find("Retry-After: 1\r\n"), std::string::npos) << refused;
  EXPECT_NE(refused.find("Connection: close\r\n"), std::string::npos) << refused;
  EXPECT_NE(refused.find("application/problem+json"), std::string::npos) << refused;
  // The admitted connections are served.
  net::write(a, net::buffer(req), ec);
  ASSERT_FALSE(ec);
  pollfd pa{a.native_handle(), POLLIN, 0};
  ASSERT_GT(poll(&pa, 1, 3000), 0);
  const ssize_t n = recv(a.native_handle(), buf, sizeof buf, 0);
  ASSERT_GT(n, 12);
  EXPECT_EQ(std::string(buf, 12), "HTTP/1.1 200");
}

TEST(HttpLog, EachRequestWritesOneJsonAccessLine) {
  ServerProcess server({"--access-log"});
  server.get("/api/v1/centres/424242");
  server.get("/healthz");
  std::string log;
  for (int i = 0; i < 50 && std::count(log.begin(), log.end(), '\n') < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    log = server.standard_output();
  }
  std::istringstream lines(log);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);  // throws, failing the test, if not JSON
    EXPECT_TRUE(j.contains("status"));
    EXPECT_TRUE(j.contains("ms"));
    if (n == 0) {
      EXPECT_EQ(j["status"], 404);
      EXPECT_EQ(j["route"], "/api/v1/centres/{id}");
      EXPECT_EQ(j["target"], "/api/v1/centres/424242");
    }
    ++n;
  }
  EXPECT_EQ(n, 2);
}

}  // namespace
}  // namespace tc::test

namespace tc::test {
namespace {

TEST(Cli, BadOptionValueIsOneLineAndNonZeroExit) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"serve", "--workers", "abc"}, {"frobnicate"}, {}}) {
    auto r = run_program(args);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("telecentres: ", 0), 0u) << r.err;
  }
}

}  // namespace
}  // namespace tc::test
