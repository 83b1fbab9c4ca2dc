// Two `telecentres serve` processes on one PostgreSQL database behind nginx (issue 8, "Several servers"):
// concurrent bookings that land on both still make one holder per post and half-day, and a server killed with
// SIGKILL in the middle of a booking load loses no booking that was acknowledged with a 201.
//
// They need PostgreSQL and run once, in the `pg.` registration of ctest (TELECENTRES_TEST_BACKEND=postgresql,
// the server of TELECENTRES_TEST_PG, which scripts/test.sh starts); the plain registration skips them, saying why.
// Several servers on one SQLite file would share its one writer lock: the deployment this checks is PostgreSQL's.
#include <gtest/gtest.h>
#include <signal.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "nginx_process.h"
#include "server_process.h"
#include "support/iso_dates.h"
#include "support/pg_test.h"

namespace tc::test {
namespace {

using nlohmann::json;

constexpr const char* kAdmin = "admin@demo.telecentres.example";
constexpr const char* kAdminPassword = "demo-conseil-cantal";

class ScaleOut : public ::testing::Test {
 protected:
  void SetUp() override {
    if (pg_base_url().empty())
      GTEST_SKIP() << "needs PostgreSQL: TELECENTRES_TEST_PG is empty (scripts/test.sh sets it; or export the URL "
                      "that scripts/pg.sh start DIR prints)";
    const char* backend = std::getenv("TELECENTRES_TEST_BACKEND");
    if (!backend || std::string(backend) != "postgresql")
      GTEST_SKIP() << "runs once, in the pg. registration (TELECENTRES_TEST_BACKEND=postgresql)";
    if (!NginxProcess::available()) GTEST_SKIP() << "needs Debian's nginx at " << NginxProcess::kBinary;
    // Both servers on one fresh schema: the first loads the demo, the second finds it there.
    db_ = std::make_unique<TestDatabase>();
    first_ = ServerProcess::on_database(db_->location(), {"--access-log", "--workers", "8"}, true);
    second_ = ServerProcess::on_database(db_->location(), {"--access-log", "--workers", "8"}, false);
    nginx_ = std::make_unique<NginxProcess>(std::vector<unsigned short>{first_->port(), second_->port()});
  }
  void TearDown() override {
    nginx_.reset();
    second_.reset();
    first_.reset();
    db_.reset();  // once, after both servers stopped
  }

  // Through nginx, as a browser or an API client would.
  HttpResponse request(const std::string& method, const std::string& target, const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {}) const {
    return http_request(nginx_->port(), method, target, body, headers);
  }
  Signed sign_in(const std::string& email, const std::string& password) const {
    const auto r = request("POST", "/api/v1/session", json{{"email", email}, {"password", password}}.dump(),
                           {{"Content-Type", "application/json"}});
    if (r.status != 200) {
      ADD_FAILURE() << "sign-in as " << email << " refused: " << r.status << " " << r.body;
      return {};
    }
    const std::string set = r.header("set-cookie");
    const json j = json::parse(r.body);
    return {set.substr(0, set.find(';')), j["csrf_token"], j["person"]["id"]};
  }
  // Distinct people of the demo (its applicants), to book for as an admin.
  std::vector<long> applicants(const Signed& admin) const {
    std::vector<long> people;
    const auto r = request("GET", "/api/v1/applications", {}, admin.read());
    EXPECT_EQ(r.status, 200) << r.body;
    const json all = json::parse(r.body);
    for (const auto& a : all["applications"])
      if (std::find(people.begin(), people.end(), a["person_id"].get<long>()) == people.end())
        people.push_back(a["person_id"]);
    return people;
  }
  std::string query(const std::string& sql) const { return query_db(db_->location(), sql); }
  // Live bookings held twice for one post and half-day: must be none.
  std::string duplicates() const {
    return query(
        "SELECT post_id, date, slot, count(*) FROM bookings WHERE status IN ('booked', 'checked_in') "
        "GROUP BY post_id, date, slot HAVING count(*) > 1");
  }
  // How many booking POSTs a server answered with `status`, from its access log.
  static int answered(const ServerProcess& server, int status) {
    int n = 0;
    std::istringstream lines(server.standard_output());
    std::string line;
    while (std::getline(lines, line)) {
      const json j = json::parse(line, nullptr, false);
      if (!j.is_discarded() && j.value("method", "") == "POST" && j.value("route", "") == "/api/v1/bookings" &&
          j.value("status", 0) == status)
        ++n;
    }
    return n;
  }

  std::unique_ptr<TestDatabase> db_;  // shared by both servers
  std::unique_ptr<ServerProcess> first_, second_;
  std::unique_ptr<NginxProcess> nginx_;
};

TEST_F(ScaleOut, ConcurrentBookingsOnTwoServersMakeOneHolderPerPostAndSlot) {
  const Signed admin = sign_in(kAdmin, kAdminPassword);  // a session made by one server, used on both
  const long murat = centre_near(*first_, "15138");
  const std::string date = open_date(*first_, murat);
  ASSERT_FALSE(date.empty());
  const json centre = json::parse(request("GET", "/api/v1/centres/" + std::to_string(murat)).body);
  std::vector<long> posts;
  for (const auto& o : centre["offices"])
    for (const auto& p : o["posts"]) posts.push_back(p["id"]);
  ASSERT_GE(posts.size(), 2u);
  const std::vector<long> people = applicants(admin);
  ASSERT_GT(people.size(), posts.size() * 2);

  // 200 clients at once for one post's morning, round robin over both servers: one 201, 199 conflicts.
  constexpr int kRequests = 200;
  std::atomic<int> created{0}, conflicts{0}, other{0}, ready{0};
  std::vector<std::thread> threads;
  threads.reserve(kRequests);
  for (int i = 0; i < kRequests; ++i)
    threads.emplace_back([&, i] {
      const json body = {{"centre_id", murat},
                         {"post_id", posts[0]},
                         {"date", date},
                         {"slot", "morning"},
                         {"person_id", people[static_cast<std::size_t>(i) % people.size()]}};
      ++ready;
      while (ready.load() < kRequests) std::this_thread::yield();
      const auto r = request("POST", "/api/v1/bookings", body.dump(), admin.write());
      if (r.status == 201)
        ++created;
      else if (r.status == 409)
        ++conflicts;
      else
        ++other;
    });
  for (auto& t : threads) t.join();
  threads.clear();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(conflicts.load(), kRequests - 1);
  EXPECT_EQ(other.load(), 0);

  // The centre's last posts: three times as many people as posts want the afternoon, any post: each post goes
  // to exactly one of them.
  const std::size_t contenders = posts.size() * 3 <= people.size() ? posts.size() * 3 : people.size();
  created = 0;
  conflicts = 0;
  other = 0;
  ready = 0;
  for (std::size_t i = 0; i < contenders; ++i)
    threads.emplace_back([&, i] {
      const json body = {{"centre_id", murat}, {"date", date}, {"slot", "afternoon"}, {"person_id", people[i]}};
      ++ready;
      while (static_cast<std::size_t>(ready.load()) < contenders) std::this_thread::yield();
      const auto r = request("POST", "/api/v1/bookings", body.dump(), admin.write());
      if (r.status == 201)
        ++created;
      else if (r.status == 409)
        ++conflicts;
      else
        ++other;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), static_cast<int>(posts.size()));
  EXPECT_EQ(conflicts.load(), static_cast<int>(contenders - posts.size()));
  EXPECT_EQ(other.load(), 0);

  // Both servers took part, and the database holds one booking per post and half-day, whoever decided it.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the access logs' last lines through their pipes
  EXPECT_GT(answered(*first_, 201) + answered(*first_, 409), 0);
  EXPECT_GT(answered(*second_, 201) + answered(*second_, 409), 0);
  EXPECT_EQ(answered(*first_, 201) + answered(*second_, 201), 1 + static_cast<int>(posts.size()));
  EXPECT_EQ(duplicates(), "");
  EXPECT_EQ(query("SELECT count(*) FROM bookings WHERE post_id = " + std::to_string(posts[0]) + " AND date = '" + date +
                  "' AND slot = 'morning' AND status IN ('booked', 'checked_in')"),
            "1\n");
  EXPECT_EQ(query("SELECT count(DISTINCT post_id) FROM bookings WHERE centre_id = " + std::to_string(murat) +
                  " AND date = '" + date + "' AND slot = 'afternoon' AND status IN ('booked', 'checked_in')"),
            std::to_string(posts.size()) + "\n");
}

TEST_F(ScaleOut, KillingOneServerMidLoadLosesNoAcknowledgedBooking) {
  const Signed admin = sign_in(kAdmin, kAdminPassword);
  const long murat = centre_near(*first_, "15138");
  const std::vector<long> people = applicants(admin);
  constexpr std::size_t kClients = 8;
  ASSERT_GE(people.size(), kClients);
  // Every open half-day of Murat's next four weeks; each client books them in turn for its own person.
  std::vector<std::pair<std::string, std::string>> units;
  {
    const std::string first = open_date(*first_, murat, 2);
    ASSERT_FALSE(first.empty());
    const std::string last = plus_days(first, 27);
    const json days = json::parse(
        request("GET", "/api/v1/centres/" + std::to_string(murat) + "/availability?from=" + first + "&to=" + last)
            .body)["days"];
    for (const auto& d : days)
      if (d["open"].get<bool>()) units.emplace_back(d["date"], d["slot"]);
  }
  ASSERT_GE(units.size(), 20u);

  std::mutex mutex;
  std::vector<long> acknowledged;
  std::atomic<bool> killed{false};
  std::atomic<int> after_kill{0}, gateway_errors{0}, refused{0}, other{0};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  std::vector<std::thread> threads;
  threads.reserve(kClients);
  for (std::size_t t = 0; t < kClients; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t i = 0; i < units.size() && std::chrono::steady_clock::now() < deadline; ++i) {
        const json body = {
            {"centre_id", murat}, {"date", units[i].first}, {"slot", units[i].second}, {"person_id", people[t]}};
        const bool sent_after_kill = killed;
        HttpResponse r;
        try {
          r = request("POST", "/api/v1/bookings", body.dump(), admin.write());
        } catch (const std::exception&) {
          ++other;  // nginx itself never drops a client: count it as a failure of the test below
          continue;
        }
        if (r.status == 201) {
          const json j = json::parse(r.body);
          std::lock_guard lock(mutex);
          for (const auto& b : j["bookings"]) acknowledged.push_back(b["id"]);
          if (sent_after_kill) ++after_kill;
        } else if (r.status == 409) {
          ++refused;  // the post or the person's half-day is taken: an answer, not a loss
        } else if (r.status == 502 || r.status == 504) {
          ++gateway_errors;  // in flight on the killed server: never acknowledged
        } else {
          ++other;
        }
      }
    });
  // Kill one server once some bookings were acknowledged, while others are in flight on both.
  for (int i = 0; i < 2000; ++i) {
    {
      std::lock_guard lock(mutex);
      if (acknowledged.size() >= 40) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(second_->pid(), SIGKILL);
  killed = true;
  for (auto& t : threads) t.join();
  const int acknowledged_by_killed = answered(*second_, 201);  // its access log, up to its death

  ASSERT_GE(acknowledged.size(), 40u);
  EXPECT_GT(acknowledged_by_killed, 0) << "the killed server had acknowledged nothing: the test proves nothing";
  EXPECT_GT(after_kill.load(), 0) << "the load ended before the kill, or the surviving server stopped answering";
  EXPECT_EQ(other.load(), 0);
  // Every acknowledged booking is in the database, live, once; none is held twice.
  const std::set<long> unique(acknowledged.begin(), acknowledged.end());
  EXPECT_EQ(unique.size(), acknowledged.size());
  std::string ids;
  for (long id : acknowledged) ids += (ids.empty() ? "" : ",") + std::to_string(id);
  EXPECT_EQ(query("SELECT count(*) FROM bookings WHERE status IN ('booked', 'checked_in') AND id IN (" + ids + ")"),
            std::to_string(acknowledged.size()) + "\n");
  EXPECT_EQ(duplicates(), "");
  // The surviving server keeps answering through nginx, reads and writes.
  for (int i = 0; i < 4; ++i) EXPECT_EQ(request("GET", "/api/v1/centres/" + std::to_string(murat)).status, 200);
  const auto one = request("GET", "/api/v1/bookings/" + std::to_string(acknowledged.back()), {}, admin.read());
  EXPECT_EQ(one.status, 200) << one.body;
  std::cout << "[ scale-out ] acknowledged " << acknowledged.size() << " (" << after_kill.load()
            << " after the kill), refused " << refused.load() << ", gateway errors " << gateway_errors.load() << "\n";
}

}  // namespace
}  // namespace tc::test
