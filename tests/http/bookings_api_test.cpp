// Desk booking over HTTP against the real program: availability, booking, the refusals and their reasons,
// series, cancellation — and never two live bookings of a post for a half-day, under 200 concurrent requests.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdio>
#include <thread>

#include <signal.h>
#include <unistd.h>

#include <mutex>

#include "server_process.h"
#include "support/iso_dates.h"
#include "support/pg_test.h"

namespace tc::test {
namespace {

using nlohmann::json;

constexpr const char* kAdmin = "admin@demo.telecentres.example";
constexpr const char* kAdminPassword = "demo-conseil-cantal";
constexpr const char* kTeleworker = "teleworker@demo.telecentres.example";
constexpr const char* kTeleworkerPassword = "demo-teletravail-cantal";

HttpResponse post(const ServerProcess& s, const Signed& who, const std::string& path, const json& body) {
  return s.request("POST", path, body.dump(), who.write());
}

json free_of(const ServerProcess& s, long centre, const std::string& date) {
  return json::parse(
      s.get("/api/v1/centres/" + std::to_string(centre) + "/availability?from=" + date + "&to=" + date).body)["days"];
}

// The live bookings per post and half-day in the database itself: the invariant, read without the server.
std::string duplicates_in(const std::string& db) {
  return query_db(db,
                  "SELECT post_id, date, slot, count(*) FROM bookings WHERE status IN ('booked', 'checked_in') "
                  "GROUP BY post_id, date, slot HAVING count(*) > 1");
}

long live_count(const std::string& db, long post, const std::string& date, const std::string& slot) {
  const std::string out =
      query_db(db, "SELECT count(*) FROM bookings WHERE post_id = " + std::to_string(post) + " AND date = '" + date +
                       "' AND slot = '" + slot + "' AND status IN ('booked', 'checked_in')");
  return out.empty() || out[0] < '0' || out[0] > '9' ? -1 : std::stol(out);
}

// Distinct people of the demo (its applicants), to book for as an admin.
std::vector<long> applicants(const ServerProcess& s, const Signed& admin) {
  std::vector<long> people;
  const auto r = s.get("/api/v1/applications", admin.read());
  EXPECT_EQ(r.status, 200) << r.body;
  const json all = json::parse(r.body);  // named: a range-for over a temporary's member would dangle
  for (const auto& a : all["applications"])
    if (std::find(people.begin(), people.end(), a["person_id"].get<long>()) == people.end())
      people.push_back(a["person_id"]);
  return people;
}

TEST(BookingsApi, AvailabilityListsBothHalfDaysWithClosedReasons) {
  ServerProcess server;
  const long murat = centre_near(server, "15138");
  // 2030-12-01 is a Sunday, 2030-12-25 Christmas (a Wednesday).
  auto days = free_of(server, murat, "2030-12-01");
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0]["slot"], "morning");
  EXPECT_FALSE(days[0]["open"].get<bool>());
  EXPECT_EQ(days[0]["closed_reason"], "no_hours");
  days = free_of(server, murat, "2030-12-25");
  EXPECT_EQ(days[1]["closed_reason"], "public_holiday");
  EXPECT_EQ(days[1]["closed_detail"], "Noël");
  EXPECT_EQ(days[1]["posts_free"], 0);
  const std::string date = open_date(server, murat);
  ASSERT_FALSE(date.empty());
  days = free_of(server, murat, date);
  EXPECT_TRUE(days[0]["open"].get<bool>());
  EXPECT_EQ(days[0]["posts_free"], days[0]["posts_total"]);

  EXPECT_EQ(server.get("/api/v1/centres/" + std::to_string(murat) + "/availability?from=2030-12-01").status, 400);
  EXPECT_EQ(
      server.get("/api/v1/centres/" + std::to_string(murat) + "/availability?from=2030-12-01&to=2031-03-01").status,
      400);  // more than 62 days
  EXPECT_EQ(server.get("/api/v1/centres/987654/availability?from=2030-12-01&to=2030-12-02").status, 404);
}

TEST(BookingsApi, AnAcceptedApplicantBooksADayThenSeesAndCancelsIt) {
  ServerProcess server;
  const Signed admin = sign_in_api(server, kAdmin, kAdminPassword);
  const Signed me = sign_in_api(server, kTeleworker, kTeleworkerPassword);
  const long murat = centre_near(server, "15138");
  const std::string date = open_date(server, murat);
  const json request = {{"centre_id", murat}, {"date", date}, {"slot", "day"}};

  // Without an accepted application: refused, with the reason.
  auto r = post(server, me, "/api/v1/bookings", request);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(json::parse(r.body)["reason"], "not_admitted");

  // Apply, be accepted, book: the application becomes active.
  r = post(
      server, me, "/api/v1/applications",
      {{"centre_id", murat}, {"days_per_week", 2}, {"start_date", date}, {"motivation", "Deux jours par semaine."}});
  ASSERT_EQ(r.status, 201) << r.body;
  const long application = json::parse(r.body)["id"];
  r = post(server, admin, "/api/v1/applications/" + std::to_string(application) + "/decision",
           {{"decision", "accepted"}});
  ASSERT_EQ(r.status, 200) << r.body;
  r = post(server, me, "/api/v1/bookings", request);
  ASSERT_EQ(r.status, 201) << r.body;
  const json booked = json::parse(r.body)["bookings"];
  ASSERT_EQ(booked.size(), 2u);
  EXPECT_EQ(booked[0]["slot"], "morning");
  EXPECT_EQ(booked[1]["slot"], "afternoon");
  EXPECT_EQ(booked[0]["post_id"], booked[1]["post_id"]);  // one desk for the day
  EXPECT_EQ(booked[0]["status"], "booked");
  EXPECT_EQ(json::parse(server.get("/api/v1/applications/" + std::to_string(application), me.read()).body)["state"],
            "active");
  auto days = free_of(server, murat, date);
  EXPECT_EQ(days[0]["posts_free"].get<int>(), days[0]["posts_total"].get<int>() - 1);

  // The same half-day again: a conflict.
  r = post(server, me, "/api/v1/bookings", {{"centre_id", murat}, {"date", date}, {"slot", "morning"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(json::parse(r.body)["reason"], "already_booked");

  // My bookings, with the calendar address.
  const json mine = json::parse(server.get("/api/v1/me/bookings", me.read()).body);
  ASSERT_EQ(mine["bookings"].size(), 2u);
  EXPECT_EQ(mine["bookings"][0]["centre_name"], "Télécentre de Murat");
  EXPECT_EQ(mine["bookings"][0]["starts"].get<std::string>().size(), 5u);
  EXPECT_NE(mine["ical_url"].get<std::string>().find("/calendrier/"), std::string::npos);
  EXPECT_EQ(json::parse(server.get("/api/v1/me/bookings", me.read()).body)["ical_url"], mine["ical_url"]);

  // Cancel the afternoon: the post is free again; cancelling twice is a conflict.
  const std::string afternoon = "/api/v1/bookings/" + std::to_string(booked[1]["id"].get<long>());
  r = server.request("DELETE", afternoon, "", me.write());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["booking"]["status"], "cancelled");
  EXPECT_EQ(server.request("DELETE", afternoon, "", me.write()).status, 409);
  days = free_of(server, murat, date);
  EXPECT_EQ(days[1]["posts_free"], days[1]["posts_total"]);
  // Without the CSRF token a session cannot cancel.
  EXPECT_EQ(
      server.request("DELETE", "/api/v1/bookings/" + std::to_string(booked[0]["id"].get<long>()), "", me.read()).status,
      403);
}

TEST(BookingsApi, RefusalsCarryTheirReasonAndBadInputNamesTheField) {
  ServerProcess server;
  const Signed admin = sign_in_api(server, kAdmin, kAdminPassword);
  const long murat = centre_near(server, "15138");
  auto reason = [&](const json& body) {
    const auto r = post(server, admin, "/api/v1/bookings", body);
    const json j = json::parse(r.body);
    return std::to_string(r.status) + " " + j.value("reason", j.value("field", std::string("-")));
  };
  EXPECT_EQ(reason({{"centre_id", murat}, {"date", "2030-12-01"}, {"slot", "morning"}}), "422 closed");
  EXPECT_EQ(reason({{"centre_id", murat}, {"date", "2030-12-03"}, {"slot", "morning"}}), "422 too_far");
  EXPECT_EQ(reason({{"centre_id", murat}, {"date", "2020-12-01"}, {"slot", "morning"}}), "422 started");
  const std::string date = open_date(server, murat);
  EXPECT_EQ(reason({{"centre_id", murat}, {"date", date}, {"slot", "morning"}, {"post_id", 999999}}),
            "422 post_unknown");
  EXPECT_EQ(reason({{"centre_id", murat}, {"date", "2030-02-30"}, {"slot", "morning"}}), "400 date");
  EXPECT_EQ(reason({{"centre_id", murat}, {"date", date}, {"slot", "evening"}}), "400 slot");
  EXPECT_EQ(reason({{"date", date}, {"slot", "morning"}}), "400 centre_id");
  EXPECT_EQ(reason({{"centre_id", murat}, {"date", date}, {"slot", "morning"}, {"post_id", "two"}}), "400 post_id");
  EXPECT_EQ(reason({{"centre_id", 987654}, {"date", date}, {"slot", "morning"}}), "404 centre_id");
  EXPECT_EQ(server.request("POST", "/api/v1/bookings", "{\"centre_id\":", admin.write()).status, 400);
  EXPECT_EQ(server
                .request("POST", "/api/v1/bookings", R"({"centre_id":1,"date":"2030-12-03","slot":"morning"})",
                         {{"Content-Type", "application/json"}})
                .status,
            401);
}

TEST(BookingsApi, TwoHundredConcurrentRequestsForOnePostAndSlotMakeOneBooking) {
  ServerProcess server({"--workers", "8"});
  const Signed admin = sign_in_api(server, kAdmin, kAdminPassword);
  const long murat = centre_near(server, "15138");
  const std::string date = open_date(server, murat);
  const json centre = json::parse(server.get("/api/v1/centres/" + std::to_string(murat)).body);
  const long post_id = centre["offices"][0]["posts"][0]["id"];
  // Different people (the demo's applicants), so that only the post and slot collide.
  const std::vector<long> people = applicants(server, admin);
  ASSERT_GE(people.size(), 20u);

  constexpr int kRequests = 200;
  std::atomic<int> created{0}, conflicts{0}, other{0}, well_formed_conflicts{0};
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  threads.reserve(kRequests);
  for (int i = 0; i < kRequests; ++i)
    threads.emplace_back([&, i] {
      const json body = {{"centre_id", murat},
                         {"post_id", post_id},
                         {"date", date},
                         {"slot", "morning"},
                         {"person_id", people[static_cast<std::size_t>(i) % people.size()]}};
      ++ready;
      while (ready.load() < kRequests) std::this_thread::yield();
      const auto r = server.request("POST", "/api/v1/bookings", body.dump(), admin.write());
      if (r.status == 201) {
        ++created;
      } else if (r.status == 409) {
        ++conflicts;
        const json j = json::parse(r.body, nullptr, false);
        if (!j.is_discarded() && !j.value("reason", "").empty() && !j.value("detail", "").empty())
          ++well_formed_conflicts;
      } else {
        ++other;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(conflicts.load(), kRequests - 1);
  EXPECT_EQ(well_formed_conflicts.load(), kRequests - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(live_count(server.db_path(), post_id, date, "morning"), 1);
}

TEST(BookingsApi, SeriesListEveryDateAndAllOrNothingBooksNothingWhenOneFails) {
  ServerProcess server;
  const Signed admin = sign_in_api(server, kAdmin, kAdminPassword);
  const long murat = centre_near(server, "15138");
  const std::string first = open_date(server, murat, 2);
  // Four weeks of Tuesday and Thursday mornings, for the teleworker, from the first open date.
  const auto me = sign_in_api(server, kTeleworker, kTeleworkerPassword);
  const std::string last = plus_days(first, 27);
  json series = {
      {"centre_id", murat},
      {"from", first},
      {"to", last},
      {"person_id", me.id},
      {"pattern", json::array({{{"weekday", 2}, {"slot", "morning"}}, {{"weekday", 4}, {"slot", "morning"}}})}};
  // Fill every post of the centre on one date of the series, so that it is full then.
  const json centre = json::parse(server.get("/api/v1/centres/" + std::to_string(murat)).body);
  std::string blocked;
  {
    auto r = post(server, admin, "/api/v1/bookings/series", series);
    ASSERT_EQ(r.status, 201) << r.body;
    const json j = json::parse(r.body);
    ASSERT_GE(j["results"].size(), 6u);
    int booked = 0;
    for (const auto& o : j["results"]) {
      if (o["result"] == "booked") {
        ++booked;
        if (blocked.empty()) blocked = o["date"];
      }
    }
    EXPECT_GE(booked, 6);
    // Cancel the series: its future half-days are released.
    r = server.request("DELETE", "/api/v1/bookings/series/" + std::to_string(j["series_id"].get<long>()), "",
                       admin.write());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body)["cancelled"], booked);
  }
  const std::vector<long> people = applicants(server, admin);
  std::size_t posts = 0;
  for (const auto& o : centre["offices"])
    for (const auto& p : o["posts"]) {
      const auto r = post(server, admin, "/api/v1/bookings",
                          {{"centre_id", murat},
                           {"post_id", p["id"]},
                           {"date", blocked},
                           {"slot", "morning"},
                           {"person_id", people.at(posts++)}});
      ASSERT_EQ(r.status, 201) << r.body;
    }
  ASSERT_GT(posts, 0u);
  series["all_or_nothing"] = true;
  auto r = post(server, admin, "/api/v1/bookings/series", series);
  ASSERT_EQ(r.status, 409) << r.body;
  json j = json::parse(r.body);
  EXPECT_EQ(j["reason"], "series_unavailable");
  bool saw_full = false;
  for (const auto& o : j["results"]) {
    EXPECT_NE(o["result"], "booked");
    if (o["date"] == blocked) {
      EXPECT_EQ(o["result"], "full");
      saw_full = true;
    }
  }
  EXPECT_TRUE(saw_full);
  const json mine = json::parse(server.get("/api/v1/me/bookings", me.read()).body);
  for (const auto& b : mine["bookings"]) EXPECT_EQ(b["status"], "cancelled");  // the first series', none live
  series["all_or_nothing"] = false;
  r = post(server, admin, "/api/v1/bookings/series", series);
  ASSERT_EQ(r.status, 201) << r.body;
  j = json::parse(r.body);
  for (const auto& o : j["results"]) {
    if (o["date"] == blocked)
      EXPECT_EQ(o["result"], "full");
    else
      EXPECT_TRUE(o["result"] == "booked" || o["result"] == "closed") << o.dump();  // closed: a public holiday
  }
  EXPECT_EQ(duplicates_in(server.db_path()), "");
}

TEST(BookingsApi, MixedConcurrentSeriesSinglesAndCancellationsKeepOneHolderPerPost) {
  ServerProcess server({"--workers", "8"});
  const Signed admin = sign_in_api(server, kAdmin, kAdminPassword);
  const long murat = centre_near(server, "15138");
  const std::string date = open_date(server, murat);
  const std::vector<long> people = applicants(server, admin);
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  threads.reserve(24);
  for (int t = 0; t < 24; ++t)
    threads.emplace_back([&, t] {
      const long person = people[static_cast<std::size_t>(t) % people.size()];
      for (int i = 0; i < 6; ++i) {
        HttpResponse r;
        if ((t + i) % 3 == 0) {
          r = post(server, admin, "/api/v1/bookings/series",
                   {{"centre_id", murat},
                    {"from", date},
                    {"to", date},
                    {"person_id", person},
                    {"pattern", json::array({{{"weekday", 1}, {"slot", "day"}},
                                             {{"weekday", 2}, {"slot", "day"}},
                                             {{"weekday", 3}, {"slot", "day"}},
                                             {{"weekday", 4}, {"slot", "day"}},
                                             {{"weekday", 5}, {"slot", "day"}}})}});
        } else {
          r = post(
              server, admin, "/api/v1/bookings",
              {{"centre_id", murat}, {"date", date}, {"slot", i % 2 ? "morning" : "afternoon"}, {"person_id", person}});
          if (r.status == 201 && (t % 2 == 0)) {
            const long id = json::parse(r.body)["bookings"][0]["id"];
            r = server.request("DELETE", "/api/v1/bookings/" + std::to_string(id) + "?reason=test", "", admin.write());
          }
        }
        if (r.status != 200 && r.status != 201 && r.status != 409) ++errors;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(duplicates_in(server.db_path()), "");
  // What the availability says matches the database: posts_free + live bookings = posts_total.
  const auto days = free_of(server, murat, date);
  for (const auto& d : days) EXPECT_GE(d["posts_free"].get<int>(), 0);
}

TEST(BookingsApi, DirectoryFreeOnKeepsOnlyCentresWithAFreePost) {
  ServerProcess server;
  const Signed admin = sign_in_api(server, kAdmin, kAdminPassword);
  const long murat = centre_near(server, "15138");
  const std::string date = open_date(server, murat);
  auto ids = [&](const std::string& q) {
    std::vector<long> out;
    const json found = json::parse(server.get("/api/v1/centres?" + q).body);
    for (const auto& c : found["centres"]) out.push_back(c["id"]);
    return out;
  };
  auto with_murat = ids("free_on=" + date + "&slot=morning");
  EXPECT_NE(std::find(with_murat.begin(), with_murat.end(), murat), with_murat.end());
  const json centre = json::parse(server.get("/api/v1/centres/" + std::to_string(murat)).body);
  const std::vector<long> people = applicants(server, admin);
  std::size_t n = 0;
  for (const auto& o : centre["offices"])
    for (const auto& p : o["posts"])
      ASSERT_EQ(post(server, admin, "/api/v1/bookings",
                     {{"centre_id", murat},
                      {"post_id", p["id"]},
                      {"date", date},
                      {"slot", "morning"},
                      {"person_id", people.at(n++)}})
                    .status,
                201);
  auto without = ids("free_on=" + date + "&slot=morning");
  EXPECT_EQ(std::find(without.begin(), without.end(), murat), without.end());
  auto afternoon = ids("free_on=" + date + "&slot=afternoon");
  EXPECT_NE(std::find(afternoon.begin(), afternoon.end(), murat), afternoon.end());
  EXPECT_EQ(server.get("/api/v1/centres?free_on=tomorrow").status, 400);
  EXPECT_EQ(server.get("/api/v1/centres?slot=morning").status, 400);
}

// What Debian's python3-icalendar (an independent reader) finds in a feed: "UID STATUS DTSTART-in-UTC" lines.
std::string read_with_python_icalendar(const std::string& ics) {
  char path[] = "/tmp/tc-feed-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return "cannot write a temporary file";
  FILE* f = fdopen(fd, "w");
  fwrite(ics.data(), 1, ics.size(), f);
  fclose(f);
  const std::string cmd =
      std::string(
          "/usr/bin/python3 -I -c 'import sys, datetime, icalendar\n"
          "cal = icalendar.Calendar.from_ical(open(sys.argv[1], \"rb\").read())\n"
          "for e in cal.walk(\"VEVENT\"):\n"
          "    print(e[\"UID\"], e[\"STATUS\"], "
          "e.decoded(\"DTSTART\").astimezone(datetime.timezone.utc).strftime(\"%Y-%m-%dT%H:%MZ\"))' ") +
      path + " 2>&1";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[512];
    while (fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
  }
  unlink(path);
  return out;
}

TEST(BookingsApi, PersonalCalendarFeedIsReadableByAnIndependentReaderAndRenewable) {
  ServerProcess server;
  const Signed admin = sign_in_api(server, kAdmin, kAdminPassword);
  const Signed me = sign_in_api(server, kTeleworker, kTeleworkerPassword);
  const long murat = centre_near(server, "15138");
  const std::string date = open_date(server, murat);
  auto r = post(server, admin, "/api/v1/bookings",
                {{"centre_id", murat}, {"date", date}, {"slot", "day"}, {"person_id", me.id}});
  ASSERT_EQ(r.status, 201) << r.body;
  const json booked = json::parse(r.body)["bookings"];
  ASSERT_EQ(server.request("DELETE", "/api/v1/bookings/" + std::to_string(booked[1]["id"].get<long>()), "", me.write())
                .status,
            200);
  const std::string url = json::parse(server.get("/api/v1/me/bookings", me.read()).body)["ical_url"];
  const std::string path = url.substr(url.find("/calendrier/"));
  const auto feed = server.get(path);  // no cookie: the address is the credential
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.header("content-type").rfind("text/calendar", 0), 0u);
  EXPECT_NE(feed.body.find("BEGIN:VTIMEZONE"), std::string::npos);
  EXPECT_NE(feed.body.find("TZID:Europe/Paris"), std::string::npos);
  const std::string read = read_with_python_icalendar(feed.body);
  const std::string morning_uid = "booking-" + std::to_string(booked[0]["id"].get<long>()) + "@telecentres";
  const std::string afternoon_uid = "booking-" + std::to_string(booked[1]["id"].get<long>()) + "@telecentres";
  EXPECT_NE(read.find(morning_uid + " CONFIRMED " + date + "T0"), std::string::npos) << read;
  EXPECT_NE(read.find(afternoon_uid + " CANCELLED " + date + "T1"), std::string::npos) << read;

  r = server.request("POST", "/api/v1/me/calendar/renew", "", me.write());
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string renewed = json::parse(r.body)["ical_url"];
  EXPECT_NE(renewed, url);
  EXPECT_EQ(server.get(path).status, 404);
  EXPECT_EQ(server.get(renewed.substr(renewed.find("/calendrier/"))).status, 200);
}

TEST(BookingsApi, HostsGetTheirCentresFeedWithNamesAndTheDay) {
  ServerProcess server;
  const Signed admin = sign_in_api(server, kAdmin, kAdminPassword);
  const Signed host = sign_in_api(server, "accueil.murat@demo.telecentres.example", "demo-accueil-murat");
  const Signed other_host =
      sign_in_api(server, "accueil.saint-flour@demo.telecentres.example", "demo-accueil-saint-flour");
  const Signed me = sign_in_api(server, kTeleworker, kTeleworkerPassword);
  const long murat = centre_near(server, "15138");
  const std::string date = open_date(server, murat);
  auto r = post(server, admin, "/api/v1/bookings",
                {{"centre_id", murat}, {"date", date}, {"slot", "morning"}, {"person_id", me.id}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string calendar = "/api/v1/centres/" + std::to_string(murat) + "/calendar";
  EXPECT_EQ(server.get(calendar, other_host.read()).status, 403);
  EXPECT_EQ(server.get(calendar, me.read()).status, 403);
  r = server.get(calendar, host.read());
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string url = json::parse(r.body)["ical_url"];
  const auto feed = server.get(url.substr(url.find("/calendrier/")));
  ASSERT_EQ(feed.status, 200);
  EXPECT_NE(feed.body.find("Camille Teyss"), std::string::npos) << feed.body;  // the demo teleworker's name
  EXPECT_NE(read_with_python_icalendar(feed.body).find("CONFIRMED " + date), std::string::npos);

  // The day: the booking with the person's name, free posts, and a six-digit code.
  r = server.get("/api/v1/centres/" + std::to_string(murat) + "/day?date=" + date, host.read());
  ASSERT_EQ(r.status, 200) << r.body;
  const json day = json::parse(r.body);
  ASSERT_EQ(day["bookings"].size(), 1u);
  EXPECT_EQ(day["bookings"][0]["person_name"], "Camille Teyssèdre");
  EXPECT_EQ(day["checkin_code"].get<std::string>().size(), 6u);
  EXPECT_EQ(day["slots"][0]["posts_free"].get<int>(), day["slots"][0]["posts_total"].get<int>() - 1);
  EXPECT_EQ(server.get("/api/v1/centres/" + std::to_string(murat) + "/day?date=" + date, other_host.read()).status,
            403);
  // The holder cannot check in days ahead, even with the right code.
  r = post(server, me, "/api/v1/bookings/" + std::to_string(day["bookings"][0]["id"].get<long>()) + "/check-in",
           {{"code", day["checkin_code"]}});
  EXPECT_EQ(r.status, 422) << r.body;
}

TEST(BookingsCli, SettingsChangeTheNetworksDefaultsForARunningServer) {
  ServerProcess server;
  const Signed admin = sign_in_api(server, kAdmin, kAdminPassword);
  auto listed = run_program({"settings", "list", "--db", server.db_path()});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("booking.no_show_morning\t10:00"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("booking.horizon_days\t90"), std::string::npos) << listed.out;
  auto bad = run_program({"settings", "set", "booking.no_show_morning", "25:00", "--db", server.db_path()});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_FALSE(bad.err.empty());
  bad = run_program({"settings", "set", "booking.colour", "blue", "--db", server.db_path()});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("booking.colour"), std::string::npos) << bad.err;
  auto set = run_program({"settings", "set", "booking.no_show_morning", "10:30", "--db", server.db_path()});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_NE(set.out.find("booking.no_show_morning\t10:30"), std::string::npos) << set.out;

  // A one-day horizon: the running server refuses a booking further ahead within a second or so.
  const long murat = centre_near(server, "15138");
  const std::string date = open_date(server, murat, 3);
  ASSERT_EQ(run_program({"settings", "set", "booking.horizon_days", "1", "--db", server.db_path()}).exit_code, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  const auto r = post(server, admin, "/api/v1/bookings", {{"centre_id", murat}, {"date", date}, {"slot", "morning"}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(json::parse(r.body)["reason"], "too_far");
}

TEST(BookingsDemo, DemoActivityFillsTheWeeksAroundToday) {
  ServerProcess server({"--demo-activity"});
  const Signed me = sign_in_api(server, kTeleworker, kTeleworkerPassword);
  const json mine = json::parse(server.get("/api/v1/me/bookings", me.read()).body);
  ASSERT_FALSE(mine["bookings"].empty());
  for (const auto& b : mine["bookings"]) {
    EXPECT_EQ(b["centre_name"], "Télécentre de Saint-Flour");
    EXPECT_EQ(b["slot"], "afternoon");
  }
  const json apps = json::parse(server.get("/api/v1/applications", me.read()).body);
  ASSERT_EQ(apps["applications"].size(), 1u);
  EXPECT_EQ(apps["applications"][0]["state"], "active");
  // Saint-Flour has fewer free posts on some open half-day of the coming days; Murat is left empty.
  const long saint_flour = centre_near(server, "15187");
  const long murat = centre_near(server, "15138");
  auto busy = [&](long centre) {
    const std::string from = open_date(server, centre, 1, 0);
    std::tm tm{};
    strptime(from.c_str(), "%Y-%m-%d", &tm);
    tm.tm_mday += 13;
    timegm(&tm);
    char to[16];
    std::strftime(to, sizeof to, "%Y-%m-%d", &tm);
    const auto r = server.get("/api/v1/centres/" + std::to_string(centre) + "/availability?from=" + from + "&to=" + to);
    EXPECT_EQ(r.status, 200) << r.body;
    const json days = json::parse(r.body);
    int taken = 0;
    for (const auto& d : days["days"])
      if (d["open"].get<bool>()) taken += d["posts_total"].get<int>() - d["posts_free"].get<int>();
    return taken;
  };
  EXPECT_GT(busy(saint_flour), 0);
  EXPECT_EQ(busy(murat), 0);
}

TEST(BookingsApi, EveryAcknowledgedBookingSurvivesKillMinus9) {
  ServerProcess server({"--workers", "8"});
  const Signed admin = sign_in_api(server, kAdmin, kAdminPassword);
  const long murat = centre_near(server, "15138");
  const std::vector<long> people = applicants(server, admin);
  ASSERT_GE(people.size(), 8u);
  // Every open half-day of the next weeks.
  std::vector<std::pair<std::string, std::string>> units;
  {
    const std::string first = open_date(server, murat, 2);
    std::tm tm{};
    strptime(first.c_str(), "%Y-%m-%d", &tm);
    tm.tm_mday += 27;
    timegm(&tm);
    char last[16];
    std::strftime(last, sizeof last, "%Y-%m-%d", &tm);
    const json days = json::parse(
        server.get("/api/v1/centres/" + std::to_string(murat) + "/availability?from=" + first + "&to=" + last)
            .body)["days"];
    for (const auto& d : days)
      if (d["open"].get<bool>()) units.emplace_back(d["date"], d["slot"]);
  }
  ASSERT_FALSE(units.empty());
  std::mutex mutex;
  std::vector<long> acknowledged;
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (std::size_t t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t i = 0; !stop && i < units.size(); ++i) {
        HttpResponse r;
        try {
          r = post(
              server, admin, "/api/v1/bookings",
              {{"centre_id", murat}, {"date", units[i].first}, {"slot", units[i].second}, {"person_id", people[t]}});
        } catch (const std::exception&) {
          return;  // the server died mid-answer: not acknowledged
        }
        if (r.status == 0) return;  // the server is gone
        if (r.status == 201) {
          const json j = json::parse(r.body);
          std::lock_guard lock(mutex);
          for (const auto& b : j["bookings"]) acknowledged.push_back(b["id"]);
        }
      }
    });
  // Kill it in the middle of the load, once some bookings were acknowledged and others are in flight.
  for (int i = 0; i < 500; ++i) {
    {
      std::lock_guard lock(mutex);
      if (acknowledged.size() >= 40) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(server.pid(), SIGKILL);
  stop = true;
  for (auto& t : threads) t.join();
  ASSERT_GE(acknowledged.size(), 40u);
  ASSERT_LT(acknowledged.size(), units.size() * 8 * 2) << "the load ended before the kill";
  // The database as the next start would find it: intact, with every acknowledged booking.
  auto query = [&](const std::string& sql) { return query_db(server.db_path(), sql); };
  if (!is_pg_url(server.db_path())) {
    EXPECT_EQ(query("PRAGMA integrity_check"), "ok\n");
  }
  std::string ids;
  for (long id : acknowledged) ids += (ids.empty() ? "" : ",") + std::to_string(id);
  EXPECT_EQ(query("SELECT count(*) FROM bookings WHERE id IN (" + ids + ")"),
            std::to_string(acknowledged.size()) + "\n");
  EXPECT_EQ(duplicates_in(server.db_path()), "");
}

}  // namespace
}  // namespace tc::test
