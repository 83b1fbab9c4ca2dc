// `telecentres demo --scale national`, small, written by another process into the database a running server
// serves: the server shows the new centres, the printed accounts sign in, and a second run is refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
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
