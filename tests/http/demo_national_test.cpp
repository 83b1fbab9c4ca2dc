// `telecentres demo --scale national`, small, written by another process into the database a running server
// serves: the server shows the new centres, the printed accounts sign in, and a second run is refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <set>
#include <string>

#include "server_process.h"

namespace tc::test {
namespace {

using json = nlohmann::json;

TEST(NationalDemoCommand, FillsTheServedDatabaseThenRefusesASecondRun) {
  ServerProcess server({}, /*demo=*/false);
  const std::vector<std::string> args = {"demo",
                                         "--scale",
                                         "national",
                                         "--db",
                                         server.db_path(),
                                         "--centres",
                                         "12",
                                         "--teleworkers",
                                         "80",
                                         "--days",
                                         "21",
                                         "--seed",
                                         "3",
                                         "--communes",
                                         std::string(TC_SOURCE_DIR) + "/data/communes-france-2025.csv"};
  const auto run = run_program(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("télécentres           12 (dont"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("[4/4] réservations"), std::string::npos) << run.err;  // the progress bar
  EXPECT_NE(run.err.find("100 %"), std::string::npos);

  // The server sees the centres written by the other process (the directory follows the database's revision).
  json centres;
  for (int attempt = 0; attempt < 50; ++attempt) {
    centres = json::parse(server.get("/api/v1/centres").body)["centres"];
    if (centres.size() == 12) break;
    usleep(100 * 1000);
  }
  ASSERT_EQ(centres.size(), 12U);
  for (const auto& c : centres) EXPECT_EQ(c["name"].get<std::string>().rfind("Télécentre ", 0), 0U) << c;

  // The teleworker account printed on stderr signs in and has bookings.
  const auto at = run.err.find("teleworker\t");
  ASSERT_NE(at, std::string::npos) << run.err;
  const auto email_from = at + 11, email_to = run.err.find('\t', email_from);
  const std::string email = run.err.substr(email_from, email_to - email_from);
  EXPECT_NE(email.find("@demo-national.telecentres.example"), std::string::npos) << email;
  const Signed me = sign_in_api(server, email, "demo-national-teletravail");
  ASSERT_NE(me.id, 0);
  // From a month ago: the demo's three weeks of past bookings and three weeks ahead.
  const std::chrono::year_month_day month_ago(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) -
                                              std::chrono::days(30));
  char from[32];
  std::snprintf(from, sizeof from, "%04d-%02u-%02u", static_cast<int>(month_ago.year()),
                static_cast<unsigned>(month_ago.month()), static_cast<unsigned>(month_ago.day()));
  const auto mine = server.get("/api/v1/me/bookings?from=" + std::string(from), me.read());
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_FALSE(json::parse(mine.body)["bookings"].empty()) << mine.body;
  const Signed admin = sign_in_api(server, "admin@demo-national.telecentres.example", "demo-national-conseil");
  EXPECT_NE(admin.id, 0);

  const auto again = run_program(args);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("déjà des télécentres"), std::string::npos) << again.err;

  // The national options mean nothing for the Cantal's demo.
  const auto mixed = run_program({"demo", "--db", server.db_path(), "--centres", "5"});
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.err.find("--scale national"), std::string::npos) << mixed.err;
}

}  // namespace
}  // namespace tc::test

namespace tc::test {
namespace {

int count_of(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// A national network's front page lists its centres fifty at a time, with links between the pages that keep the
// search; every centre appears on exactly one page.
TEST(NationalDirectoryPages, TheFrontPageListsCentresFiftyAPage) {
  ServerProcess server({}, /*demo=*/false);
  const auto run = run_program({"demo", "--scale", "national", "--db", server.db_path(), "--centres", "120",
                                "--teleworkers", "40", "--days", "2", "--seed", "5", "--communes",
                                std::string(TC_SOURCE_DIR) + "/data/communes-france-2025.csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  HttpResponse first;
  for (int attempt = 0; attempt < 50; ++attempt) {  // the server follows the database's revision
    first = server.get("/");
    if (count_of(first.body, "<li class=\"card\">") == 50) break;
    usleep(100 * 1000);
  }
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(count_of(first.body, "<li class=\"card\">"), 50);
  EXPECT_NE(first.body.find("Télécentres 1 à 50 sur 120"), std::string::npos);
  EXPECT_NE(first.body.find("<span aria-current=\"page\">Page 1 sur 3</span>"), std::string::npos);
  EXPECT_NE(first.body.find("href=\"/?page=2\" rel=\"next\""), std::string::npos);
  EXPECT_EQ(first.body.find("rel=\"prev\""), std::string::npos);

  std::set<std::string> names;
  int listed = 0;
  for (int page = 1; page <= 3; ++page) {
    const auto r = server.get("/?page=" + std::to_string(page));
    ASSERT_EQ(r.status, 200) << page;
    for (auto at = r.body.find("<h3 class=\"card__title\"><a href=\""); at != std::string::npos;
         at = r.body.find("<h3 class=\"card__title\"><a href=\"", at + 1)) {
      const auto from = at + 33;
      names.insert(r.body.substr(from, r.body.find('"', from) - from));
      ++listed;
    }
    if (page == 3) {
      EXPECT_NE(r.body.find("Télécentres 101 à 120 sur 120"), std::string::npos);
      EXPECT_NE(r.body.find("<ol class=\"cards\" start=\"101\">"), std::string::npos);
      EXPECT_NE(r.body.find("href=\"/?page=2\" rel=\"prev\""), std::string::npos);
      EXPECT_EQ(r.body.find("rel=\"next\""), std::string::npos);
      EXPECT_NE(r.body.find("<title>"), std::string::npos);
      EXPECT_NE(r.body.find(", page 3"), std::string::npos);
    }
  }
  EXPECT_EQ(listed, 120);
  EXPECT_EQ(names.size(), 120u);  // each centre once

  // The language and the search stay in the page links; bad and missing pages are refused in words.
  const auto en = server.get("/?lang=en&page=2");
  EXPECT_NE(en.body.find("Telecentres 51 to 100 of 120"), std::string::npos);
  EXPECT_NE(en.body.find("href=\"/?lang=en&amp;page=3\" rel=\"next\""), std::string::npos) << en.body.substr(0, 200);
  EXPECT_NE(en.body.find("href=\"/?lang=en\" rel=\"prev\""), std::string::npos);
  EXPECT_EQ(server.get("/?page=4").status, 404);
  const auto bad = server.get("/?page=deux");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Le numéro de page doit être un nombre entier"), std::string::npos);
}

}  // namespace
}  // namespace tc::test
