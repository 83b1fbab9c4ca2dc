// Crash safety (issue 9): the server is killed with SIGKILL at random moments, several times, in the middle of a
// booking load through the real API, and restarted each time on the same database. Afterwards:
//   - every booking answered 201 is in the database, by id and by post, date and half-day (and cancelled only if
//     its cancellation was answered 200);
//   - no post is held twice for a half-day;
//   - the database passes its own checks: SQLite's integrity_check and foreign_key_check, and on both backends
//     every foreign key of the booking tables resolves;
//   - a weekly series (all or nothing, as the client asks) is either entirely there or entirely absent, and one
//     answered 201 is entirely there; a series' cancellation leaves it entirely live or entirely cancelled.
// The last kill comes after the load, so the checks read the database exactly as a crash left it (SQLite's WAL
// not checkpointed). Kill moments and the clients' choices come from a seeded generator; the seed is printed and
// TELECENTRES_CRASH_SEED=N replays it (the kills then fall at the same delays, not at the same statements).
// Registered on both backends like every HTTP test; each test takes a few seconds to some twenty.
#include <gtest/gtest.h>
#include <signal.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "server_process.h"
#include "support/iso_dates.h"

namespace tc::test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kAdmin = "admin@demo.telecentres.example";
constexpr const char* kAdminPassword = "demo-conseil-cantal";
constexpr const char* kTeleworker = "teleworker@demo.telecentres.example";
constexpr const char* kTeleworkerPassword = "demo-teletravail-cantal";
constexpr const char* kLive = "status IN ('booked', 'checked_in')";
constexpr int kKills = 5;

std::uint64_t crash_seed() {
  if (const char* s = std::getenv("TELECENTRES_CRASH_SEED"); s && *s) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

// The half-days a stored series pattern ("2:morning 4:afternoon") names between two dates, inclusive.
int occurrences(const std::string& pattern, const std::string& from, const std::string& to) {
  std::vector<int> weekdays;
  std::istringstream in(pattern);
  std::string entry;
  while (in >> entry) weekdays.push_back(std::stoi(entry.substr(0, entry.find(':'))));
  int n = 0;
  for (std::string d = from; d <= to; d = plus_days(d, 1))
    n += static_cast<int>(std::count(weekdays.begin(), weekdays.end(), iso_weekday(d)));
  return n;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(line);
  return out;
}

std::string id_list(const std::vector<long>& ids) {
  std::string s;
  for (long id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
  return s.empty() ? "0" : s;
}

class CrashSafety : public ::testing::Test {
 protected:
  void SetUp() override {
    seed_ = crash_seed();
    std::cout << "[ crash ] seed " << seed_ << " (replay with TELECENTRES_CRASH_SEED=" << seed_ << ")\n";
    db_ = std::make_unique<TestDatabase>();
    server_ = ServerProcess::on_database(db_->location(), {"--workers", "8"}, true);
    port_ = server_->port();
    admin_ = sign_in_api(*server_, kAdmin, kAdminPassword);
  }
  void TearDown() override {
    server_.reset();
    db_.reset();
  }

  // Through whichever server is up; status 0 when none answered (killed, or not yet restarted).
  HttpResponse send(const std::string& method, const std::string& target, const std::string& body,
                    const std::map<std::string, std::string>& headers) const {
    try {
      return http_request(port_.load(), method, target, body, headers);
    } catch (const std::exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      return {};
    }
  }

  // SIGKILL to the server, reaped. Never kill(-1): the pid is -1 once reaped.
  void crash() {
    if (server_->pid() <= 0) return;
    ::kill(server_->pid(), SIGKILL);
    server_->terminate_and_wait(5000);
  }
  // A crash, then a new server on the same database (no demo: it is there). Throws if it does not start.
  void kill_and_restart() {
    crash();
    server_ = ServerProcess::on_database(db_->location(), {"--workers", "8"}, false);
    port_ = server_->port();
    ++restarts_;
  }

  // Kills and restarts the server kKills times while `load` runs on client threads, at random delays once the
  // server is up; the load stops after the last restart plus a moment of traffic. False (and a failure) when a
  // server did not start again on the database a crash left.
  bool run_with_kills(const std::function<void(std::size_t client, const std::atomic<bool>& stop)>& load,
                      std::size_t clients) {
    std::mt19937_64 rng(seed_);
    std::uniform_int_distribution<int> delay_ms(150, 1200);
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    threads.reserve(clients);
    for (std::size_t c = 0; c < clients; ++c) threads.emplace_back([&, c] { load(c, stop); });
    std::string failed;
    try {
      for (int k = 0; k < kKills; ++k) {
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
        kill_and_restart();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    } catch (const std::exception& e) {
      failed = e.what();
    }
    stop = true;
    for (auto& t : threads) t.join();
    // One more crash with nothing in flight, so that the checks read the files a crash leaves.
    crash();
    if (!failed.empty()) ADD_FAILURE() << "after crash " << restarts_.load() + 1 << ": " << failed;
    return failed.empty();
  }

  std::string query(const std::string& sql) const { return query_db(db_->location(), sql); }
  bool sqlite() const { return db_->location().find("postgresql://") != 0; }

  // The database's own checks, and the invariants of the booking tables on both backends.
  void expect_sound_database() const {
    if (sqlite()) {
      EXPECT_EQ(query("PRAGMA integrity_check"), "ok\n");
      EXPECT_EQ(query("PRAGMA foreign_key_check"), "");
    }
    EXPECT_EQ(query(std::string("SELECT post_id, date, slot, count(*) FROM bookings WHERE ") + kLive +
                    " GROUP BY post_id, date, slot HAVING count(*) > 1"),
              "")
        << "a post held twice for a half-day";
    // Every reference of the booking tables resolves (PostgreSQL enforces them; this says so on both).
    const char* dangling[] = {
        "SELECT b.id FROM bookings b LEFT JOIN centres c ON c.id = b.centre_id WHERE c.id IS NULL",
        "SELECT b.id FROM bookings b LEFT JOIN posts p ON p.id = b.post_id WHERE p.id IS NULL",
        "SELECT b.id FROM bookings b LEFT JOIN people p ON p.id = b.person_id WHERE p.id IS NULL",
        "SELECT b.id FROM bookings b LEFT JOIN people p ON p.id = b.created_by WHERE p.id IS NULL",
        "SELECT b.id FROM bookings b LEFT JOIN people p ON p.id = b.cancelled_by "
        "WHERE b.cancelled_by IS NOT NULL AND p.id IS NULL",
        "SELECT b.id FROM bookings b LEFT JOIN booking_series s ON s.id = b.series_id "
        "WHERE b.series_id IS NOT NULL AND s.id IS NULL",
        "SELECT s.id FROM booking_series s LEFT JOIN centres c ON c.id = s.centre_id WHERE c.id IS NULL",
        "SELECT s.id FROM booking_series s LEFT JOIN people p ON p.id = s.person_id WHERE p.id IS NULL",
        "SELECT w.id FROM booking_waits w LEFT JOIN bookings b ON b.id = w.booking_id "
        "WHERE w.booking_id IS NOT NULL AND b.id IS NULL",
        "SELECT p.id FROM posts p LEFT JOIN offices o ON o.id = p.office_id WHERE o.id IS NULL",
    };
    for (const char* sql : dangling) EXPECT_EQ(query(sql), "") << sql;
  }

  // The demo's applicants (distinct people), to book for as the admin.
  std::vector<long> applicants() const {
    std::vector<long> people;
    const auto r = server_->get("/api/v1/applications", admin_.read());
    EXPECT_EQ(r.status, 200) << r.body;
    const json all = json::parse(r.body);
    for (const auto& a : all["applications"])
      if (std::find(people.begin(), people.end(), a["person_id"].get<long>()) == people.end())
        people.push_back(a["person_id"]);
    return people;
  }
  // The demo's centres, nearest Murat first.
  std::vector<long> centres() const {
    const json j = json::parse(server_->get("/api/v1/centres?near=15138&within_km=300").body);
    std::vector<long> ids;
    for (const auto& c : j["centres"]) ids.push_back(c["id"]);
    return ids;
  }
  // The open half-days of a centre from `first` over `days` days.
  std::vector<std::pair<std::string, std::string>> open_units(long centre, const std::string& first, int days) const {
    std::vector<std::pair<std::string, std::string>> units;
    const json all = json::parse(server_
                                     ->get("/api/v1/centres/" + std::to_string(centre) + "/availability?from=" + first +
                                           "&to=" + plus_days(first, days - 1))
                                     .body)["days"];
    for (const auto& d : all)
      if (d["open"].get<bool>()) units.emplace_back(d["date"], d["slot"]);
    return units;
  }

  std::uint64_t seed_ = 0;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::atomic<unsigned short> port_{0};
  Signed admin_;
  std::atomic<int> restarts_{0};  // read by the clients
};

// A booking as the server acknowledged it.
struct Acked {
  long id = 0;
  long post = 0;
  std::string date, slot;
  std::string row() const { return std::to_string(id) + "|" + std::to_string(post) + "|" + date + "|" + slot; }
};

TEST_F(CrashSafety, AcknowledgedBookingsSurviveRepeatedKills) {
  const std::vector<long> all_centres = centres();
  ASSERT_GE(all_centres.size(), 2u);
  const std::vector<long> people = applicants();
  constexpr std::size_t kClients = 6;
  ASSERT_GE(people.size(), kClients);
  // The demo teleworker books for herself on her own session (after applying at Murat and being accepted); the
  // other clients are the admin booking for applicants. Clients alternate between two centres.
  const long murat = all_centres[0];
  const Signed me = sign_in_api(*server_, kTeleworker, kTeleworkerPassword);
  const std::string first = open_date(*server_, murat, 2);
  ASSERT_FALSE(first.empty());
  {
    auto r = server_->request("POST", "/api/v1/applications",
                              json{{"centre_id", murat},
                                   {"days_per_week", 5},
                                   {"start_date", first},
                                   {"motivation", "Essai de résistance aux pannes."}}
                                  .dump(),
                              me.write());
    ASSERT_EQ(r.status, 201) << r.body;
    r = server_->request("POST",
                         "/api/v1/applications/" + std::to_string(json::parse(r.body)["id"].get<long>()) + "/decision",
                         json{{"decision", "accepted"}}.dump(), admin_.write());
    ASSERT_EQ(r.status, 200) << r.body;
  }
  std::map<long, std::vector<std::pair<std::string, std::string>>> units;
  for (std::size_t c = 0; c < 2; ++c) {
    units[all_centres[c]] = open_units(all_centres[c], first, 60);  // the API answers 62 days at most
    ASSERT_GE(units[all_centres[c]].size(), 40u);
  }

  std::mutex mutex;
  std::vector<Acked> acked;       // answered 201
  std::set<long> cancel_acked;    // their cancellation answered 200
  std::set<long> cancel_unknown;  // a cancellation sent, no answer
  std::atomic<int> refused{0}, unanswered{0}, after_restart{0};
  std::vector<std::string> unexpected;
  const auto deadline = Clock::now() + std::chrono::seconds(40);  // a bound, whatever happens
  auto load = [&](std::size_t client, const std::atomic<bool>& stop) {
    std::mt19937_64 rng(seed_ + 1 + client);
    const long centre = client == 0 ? murat : all_centres[client % 2];
    const auto& mine = units[centre];
    const Signed& who = client == 0 ? me : admin_;
    std::vector<Acked> held;  // this client's live bookings, to cancel some
    for (std::size_t i = 0; !stop && Clock::now() < deadline; ++i) {
      if (!held.empty() && rng() % 3 == 0) {
        // Cancel one of them: its unit can be booked again on the next pass.
        const std::size_t k = rng() % held.size();
        const Acked b = held[k];
        held.erase(held.begin() + static_cast<std::ptrdiff_t>(k));
        const auto r = send("DELETE", "/api/v1/bookings/" + std::to_string(b.id) + "?reason=essai", "", who.write());
        std::lock_guard lock(mutex);
        if (r.status == 200)
          cancel_acked.insert(b.id);
        else if (r.status == 0)
          cancel_unknown.insert(b.id);
        else
          unexpected.push_back("DELETE " + std::to_string(r.status) + " " + r.body);
        continue;
      }
      const auto& [date, slot] = mine[i % mine.size()];
      json body = {{"centre_id", centre}, {"date", date}, {"slot", slot}};
      if (client != 0) body["person_id"] = people[client];
      const int generation = restarts_;
      const auto r = send("POST", "/api/v1/bookings", body.dump(), who.write());
      if (r.status == 201) {
        const json j = json::parse(r.body);
        std::lock_guard lock(mutex);
        for (const auto& b : j["bookings"]) {
          Acked a{b["id"].get<long>(), b["post_id"].get<long>(), b["date"], b["slot"]};
          acked.push_back(a);
          held.push_back(a);
        }
        if (generation > 0) ++after_restart;
      } else if (r.status == 409 || (r.status == 422 && r.body.find("\"over_quota\"") != std::string::npos)) {
        ++refused;  // the half-day is full, this person holds it or her week is full: an answer, not a loss
      } else if (r.status == 0) {
        ++unanswered;  // in flight when the server died, or sent while it was down: never acknowledged
      } else {
        std::lock_guard lock(mutex);
        unexpected.push_back("POST " + std::to_string(r.status) + " " + r.body);
      }
    }
  };
  ASSERT_TRUE(run_with_kills(load, kClients));

  std::cout << "[ crash ] " << restarts_.load() << " kills and restarts; bookings acknowledged " << acked.size() << " ("
            << after_restart.load() << " after a restart), refused " << refused.load() << ", unanswered "
            << unanswered.load() << "; cancellations acknowledged " << cancel_acked.size() << ", unanswered "
            << cancel_unknown.size() << "\n";
  EXPECT_EQ(restarts_.load(), kKills);
  for (const auto& u : unexpected) ADD_FAILURE() << "unexpected answer: " << u;
  ASSERT_GE(acked.size(), 20u) << "too little load to prove anything";
  EXPECT_GT(after_restart.load(), 0) << "no booking acknowledged by a restarted server";

  // Every acknowledged booking is there with its post, date and half-day; live unless its cancellation was sent.
  std::vector<long> ids;
  std::set<std::string> expected_rows;
  for (const auto& a : acked) {
    ids.push_back(a.id);
    expected_rows.insert(a.row());
  }
  EXPECT_EQ(std::set<long>(ids.begin(), ids.end()).size(), ids.size()) << "one id acknowledged twice";
  const auto found = lines_of(query("SELECT id, post_id, date, slot FROM bookings WHERE id IN (" + id_list(ids) + ")"));
  const std::set<std::string> found_rows(found.begin(), found.end());
  for (const auto& row : expected_rows)
    if (!found_rows.count(row)) ADD_FAILURE() << "acknowledged booking missing or changed: " << row;
  EXPECT_EQ(found_rows.size(), expected_rows.size());
  for (const auto& line : lines_of(query("SELECT id, status FROM bookings WHERE id IN (" + id_list(ids) + ")"))) {
    const long id = std::stol(line.substr(0, line.find('|')));
    const std::string status = line.substr(line.find('|') + 1);
    if (cancel_acked.count(id)) {
      EXPECT_EQ(status, "cancelled") << "booking " << id << ": its cancellation was acknowledged";
    } else if (!cancel_unknown.count(id)) {
      EXPECT_EQ(status, "booked") << "booking " << id << " was never cancelled";
    }
  }
  expect_sound_database();

  // The database as the crash left it serves again, and the session made before the kills still holds.
  server_ = ServerProcess::on_database(db_->location(), {"--workers", "8"}, false);
  const auto r = server_->get("/api/v1/bookings/" + std::to_string(acked.back().id), admin_.read());
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(CrashSafety, SeriesAreAllOrNothingAcrossKills) {
  const std::vector<long> all_centres = centres();
  ASSERT_GE(all_centres.size(), 4u);
  const std::vector<long> people = applicants();
  constexpr std::size_t kClients = 4;
  ASSERT_GE(people.size(), kClients);
  // Series start on a Monday, a week ahead or more; three 3-week windows stay within the 90-day booking horizon.
  std::string monday;
  {
    const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const std::chrono::year_month_day ymd(now + std::chrono::days(7));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    monday = buf;
    while (iso_weekday(monday) != 1) monday = plus_days(monday, 1);
  }

  struct Series {
    long id = 0;
    std::vector<long> bookings;
    bool cancel_sent = false, cancel_acked = false;
  };
  std::mutex mutex;
  std::vector<Series> acked;
  std::atomic<int> refused{0}, unanswered{0}, after_restart{0};
  std::vector<std::string> unexpected;
  const auto deadline = Clock::now() + std::chrono::seconds(40);
  auto load = [&](std::size_t client, const std::atomic<bool>& stop) {
    std::mt19937_64 rng(seed_ + 100 + client);
    const long centre = all_centres[client];  // one centre each: series of one client never meet another's
    for (std::size_t i = 0; !stop && Clock::now() < deadline; ++i) {
      const std::string from = plus_days(monday, 21 * static_cast<int>(rng() % 3));
      const int a = 1 + static_cast<int>(rng() % 5), b = 1 + static_cast<int>(rng() % 5);
      const json body = {
          {"centre_id", centre},
          {"person_id", people[client]},
          {"from", from},
          {"to", plus_days(from, 20)},
          {"all_or_nothing", true},
          {"pattern", json::array({{{"weekday", a}, {"slot", "morning"}}, {{"weekday", b}, {"slot", "afternoon"}}})}};
      const int generation = restarts_;
      auto r = send("POST", "/api/v1/bookings/series", body.dump(), admin_.write());
      if (r.status == 409) {
        ++refused;  // a half-day of it is taken (by this person's live series, or a holiday): nothing booked
        continue;
      }
      if (r.status == 0) {
        ++unanswered;
        continue;
      }
      if (r.status != 201) {
        std::lock_guard lock(mutex);
        unexpected.push_back("POST series " + std::to_string(r.status) + " " + r.body);
        continue;
      }
      if (generation > 0) ++after_restart;
      const json j = json::parse(r.body);
      Series s{j["series_id"].get<long>(), {}, false, false};
      for (const auto& o : j["results"]) {
        if (o["result"] != "booked") {
          std::lock_guard lock(mutex);
          unexpected.push_back("a series answered 201 with a half-day not booked: " + o.dump());
        } else {
          s.bookings.push_back(o["booking"]["id"].get<long>());
        }
      }
      // Cancel most of them, so that the person's half-days free up for the next ones.
      if (rng() % 4 != 0) {
        s.cancel_sent = true;
        r = send("DELETE", "/api/v1/bookings/series/" + std::to_string(s.id) + "?reason=essai", "", admin_.write());
        if (r.status == 200) {
          s.cancel_acked = true;
        } else if (r.status != 0) {
          std::lock_guard lock(mutex);
          unexpected.push_back("DELETE series " + std::to_string(r.status) + " " + r.body);
        }
      }
      std::lock_guard lock(mutex);
      acked.push_back(std::move(s));
    }
  };
  ASSERT_TRUE(run_with_kills(load, kClients));

  std::cout << "[ crash ] " << restarts_.load() << " kills and restarts; series acknowledged " << acked.size() << " ("
            << after_restart.load() << " after a restart), refused " << refused.load() << ", unanswered "
            << unanswered.load() << "\n";
  EXPECT_EQ(restarts_.load(), kKills);
  for (const auto& u : unexpected) ADD_FAILURE() << "unexpected answer: " << u;
  ASSERT_GE(acked.size(), 5u) << "too little load to prove anything";
  EXPECT_GT(after_restart.load(), 0) << "no series acknowledged by a restarted server";

  // Every series in the database, acknowledged or not: all its half-days are there (all or nothing), and they
  // are all live or all cancelled.
  std::map<long, std::string> in_db;  // id -> "total|live|pattern|from|to"
  for (const auto& line :
       lines_of(query(std::string("SELECT s.id, (SELECT count(*) FROM bookings b WHERE b.series_id = s.id), "
                                  "(SELECT count(*) FROM bookings b WHERE b.series_id = s.id AND b.") +
                      kLive + "), s.pattern, s.from_date, s.to_date FROM booking_series s"))) {
    std::vector<std::string> f;
    std::istringstream in(line);
    std::string part;
    while (std::getline(in, part, '|')) f.push_back(part);
    ASSERT_EQ(f.size(), 6u) << line;
    const long id = std::stol(f[0]);
    const int total = std::stoi(f[1]), live = std::stoi(f[2]);
    in_db[id] = line;
    EXPECT_EQ(total, occurrences(f[3], f[4], f[5])) << "series not whole: " << line;
    EXPECT_TRUE(live == 0 || live == total) << "series partly cancelled: " << line;
  }
  // Every acknowledged series is there with the bookings it was answered with, cancelled when that was.
  for (const auto& s : acked) {
    ASSERT_TRUE(in_db.count(s.id)) << "acknowledged series " << s.id << " missing";
    EXPECT_EQ(query("SELECT count(*) FROM bookings WHERE series_id = " + std::to_string(s.id) + " AND id IN (" +
                    id_list(s.bookings) + ")"),
              std::to_string(s.bookings.size()) + "\n")
        << "series " << s.id;
    const std::string live =
        query("SELECT count(*) FROM bookings WHERE series_id = " + std::to_string(s.id) + " AND " + kLive);
    if (s.cancel_acked) {
      EXPECT_EQ(live, "0\n") << "series " << s.id << ": its cancellation was acknowledged";
    } else if (!s.cancel_sent) {
      EXPECT_EQ(live, std::to_string(s.bookings.size()) + "\n") << "series " << s.id << " was never cancelled";
    }
  }
  expect_sound_database();
}

}  // namespace
}  // namespace tc::test
