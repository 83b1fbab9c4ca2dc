// `serve --trusted-proxy`: behind nginx, the client is the address nginx forwards in X-Forwarded-For — in the
// access log and for the sign-in throttle, which counts failures per client address. Without the option (or
// from a peer that is not a trusted proxy) the header is ignored, so a client cannot pick its own address.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

// The access log's "remote" of each request to `target`, in order; waits for `count` of them to be written.
std::vector<std::string> remotes_of(const ServerProcess& server, const std::string& target, std::size_t count) {
  std::vector<std::string> found;
  for (int attempt = 0; attempt < 100; ++attempt) {
    found.clear();
    std::istringstream lines(server.standard_output());
    std::string line;
    while (std::getline(lines, line)) {
      const json j = json::parse(line, nullptr, false);
      if (!j.is_discarded() && j.value("target", "") == target) found.push_back(j.value("remote", ""));
    }
    if (found.size() >= count) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return found;
}

HttpResponse sign_in_from(const ServerProcess& server, const std::string& forwarded_for, const std::string& email,
                          const std::string& password) {
  return server.request("POST", "/api/v1/session", json{{"email", email}, {"password", password}}.dump(),
                        {{"Content-Type", "application/json"}, {"X-Forwarded-For", forwarded_for}});
}

// Failed sign-ins from `forwarded_for`, each on another unknown e-mail (so that only the address key counts),
// until the server answers 429; returns the last status.
int fail_until_throttled(const ServerProcess& server, const std::string& forwarded_for, int rounds = 8) {
  int last = 0;
  for (int i = 0; i < rounds && last != 429; ++i)
    last = sign_in_from(server, forwarded_for, "inconnu" + std::to_string(i) + "@example.org", "pas-le-bon").status;
  return last;
}

long failures_of(const ServerProcess& server, const std::string& key) {
  const std::string out = query_db(server.db_path(), "SELECT failures FROM sign_in_throttle WHERE key = '" + key + "'");
  return out.empty() || out[0] < '0' || out[0] > '9' ? 0 : std::stol(out);
}

constexpr const char* kTeleworker = "teleworker@demo.telecentres.example";
constexpr const char* kTeleworkerPassword = "demo-teletravail-cantal";

TEST(TrustedProxy, WithoutTheOptionXForwardedForIsIgnored) {
  ServerProcess server({"--access-log"});
  EXPECT_EQ(server.get("/healthz", {{"X-Forwarded-For", "203.0.113.9"}}).status, 200);
  const auto remotes = remotes_of(server, "/healthz", 1);
  ASSERT_EQ(remotes.size(), 1u);
  EXPECT_EQ(remotes[0], "127.0.0.1");
  // A client forging a new address at each attempt is still throttled by its real one.
  int last = 0;
  for (int i = 0; i < 8 && last != 429; ++i)
    last = sign_in_from(server, "198.51.100." + std::to_string(i + 1), "inconnu" + std::to_string(i) + "@example.org",
                        "pas-le-bon")
               .status;
  EXPECT_EQ(last, 429);
  EXPECT_GE(failures_of(server, "addr:127.0.0.1"), 5);
  EXPECT_EQ(failures_of(server, "addr:198.51.100.1"), 0);
}

TEST(TrustedProxy, BehindATrustedProxyTheLogShowsTheForwardedClient) {
  ServerProcess server({"--access-log", "--trusted-proxy", "127.0.0.1"});
  EXPECT_EQ(server.get("/healthz", {{"X-Forwarded-For", "203.0.113.9"}}).status, 200);
  // What nginx sends when the client wrote its own header: the forged part is left of nginx's entry.
  EXPECT_EQ(server.get("/healthz", {{"X-Forwarded-For", "192.0.2.66, 203.0.113.10"}}).status, 200);
  EXPECT_EQ(server.get("/healthz").status, 200);  // no header: the proxy itself
  const auto remotes = remotes_of(server, "/healthz", 3);
  ASSERT_EQ(remotes.size(), 3u);
  EXPECT_EQ(remotes[0], "203.0.113.9");
  EXPECT_EQ(remotes[1], "203.0.113.10");
  EXPECT_EQ(remotes[2], "127.0.0.1");
}

TEST(TrustedProxy, SignInThrottleAppliesPerForwardedAddress) {
  ServerProcess server({"--trusted-proxy", "10.9.9.9,127.0.0.1"});
  EXPECT_EQ(fail_until_throttled(server, "203.0.113.9"), 429);
  // Another client behind the same proxy still signs in at once.
  const auto other = sign_in_from(server, "198.51.100.7", kTeleworker, kTeleworkerPassword);
  EXPECT_EQ(other.status, 200) << other.body;
  EXPECT_GE(failures_of(server, "addr:203.0.113.9"), 5);
  EXPECT_EQ(failures_of(server, "addr:127.0.0.1"), 0);
  EXPECT_EQ(failures_of(server, "addr:198.51.100.7"), 0);
}

TEST(TrustedProxy, TheEnvironmentVariableNamesTrustedProxiesToo) {
  setenv("TELECENTRES_TRUSTED_PROXIES", "::1,127.0.0.1", 1);
  ServerProcess server({"--access-log"});
  unsetenv("TELECENTRES_TRUSTED_PROXIES");
  EXPECT_EQ(server.get("/healthz", {{"X-Forwarded-For", "2001:db8::5"}}).status, 200);
  const auto remotes = remotes_of(server, "/healthz", 1);
  ASSERT_EQ(remotes.size(), 1u);
  EXPECT_EQ(remotes[0], "2001:db8::5");
}

TEST(TrustedProxy, AnAddressThatIsNotOneIsRefusedAtStart) {
  const auto r = run_program({"serve", "--db", "/nonexistent/telecentres.db", "--listen", "127.0.0.1:0",
                              "--trusted-proxy", "127.0.0.1", "--trusted-proxy", "nginx.local"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--trusted-proxy"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("« nginx.local »"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tc::test
