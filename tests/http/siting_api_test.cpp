// POST /api/v1/siting on a real server: the council and the animator run the study over the demo network; the
// open centres stay open; bad parameters are 400s that name the field; others may not run it.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

TEST(SitingApi, TheAnimatorRunsAPMedianKeepingTheOpenCentres) {
  ServerProcess server;
  const Signed animator = sign_in_api(server, "animation@demo.telecentres.example", "demo-animation-reseau");
  const Signed teleworker = sign_in_api(server, "teleworker@demo.telecentres.example", "demo-teletravail-cantal");
  const json body = {{"model", "pmedian"}, {"p", 7}, {"method", "exact"}, {"time_limit_s", 20}};
  auto r = server.request("POST", "/api/v1/siting", body.dump(), animator.write());
  ASSERT_EQ(r.status, 200) << r.body;
  const json res = json::parse(r.body);
  EXPECT_EQ(res["model"], "pmedian");
  EXPECT_EQ(res["sites"].size(), 7u);
  int fixed = 0;
  for (const auto& s : res["sites"]) fixed += s["fixed"].get<bool>() ? 1 : 0;
  EXPECT_EQ(fixed, 6);
  EXPECT_TRUE(res["optimal"].get<bool>());
  EXPECT_LE(res["bound"].get<double>(), res["objective"].get<double>() + 1e-6);
  EXPECT_EQ(res["demand"]["communes"], 250);
  ASSERT_FALSE(res["curve"].empty());
  EXPECT_EQ(res["curve"].back()["p"], 7);
  // An LSCP needs a radius; a wrong model is named; an unknown candidate is refused.
  r = server.request("POST", "/api/v1/siting", json{{"model", "lscp"}}.dump(), animator.write());
  EXPECT_EQ(r.status, 400);
  r = server.request("POST", "/api/v1/siting", json{{"model", "hub"}}.dump(), animator.write());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["field"], "model");
  r = server.request("POST", "/api/v1/siting",
                     json{{"model", "lscp"}, {"within_min", 30}, {"candidates", {"99999"}}}.dump(), animator.write());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("99999"), std::string::npos) << r.body;
  // Teleworkers may not.
  EXPECT_EQ(server.request("POST", "/api/v1/siting", body.dump(), teleworker.write()).status, 403);
}

// A background study: 202 with its address, progress until done, the result with every commune, the CSV files;
// a done study cannot be cancelled; a wrong p is refused before anything is queued; teleworkers may not look.
TEST(SitingApi, ABackgroundStudyRunsToItsResultAndExportsCsv) {
  ServerProcess server;
  const Signed admin = sign_in_api(server, "admin@demo.telecentres.example", "demo-conseil-cantal");
  const Signed teleworker = sign_in_api(server, "teleworker@demo.telecentres.example", "demo-teletravail-cantal");
  const json body = {{"model", "mclp"}, {"p", 8}, {"within_min", 20}, {"title", "Huit centres à 20 minutes"}};
  auto r = server.request("POST", "/api/v1/siting/studies", body.dump(), admin.write());
  ASSERT_EQ(r.status, 202) << r.body;
  const json queued = json::parse(r.body);
  const std::string href = queued["href"].get<std::string>();
  EXPECT_EQ(r.header("location"), href);
  EXPECT_EQ(queued["title"], "Huit centres à 20 minutes");
  json study;
  for (int i = 0; i < 600; ++i) {  // the runner polls every half second; the study takes about one
    r = server.get(href, admin.read());
    ASSERT_EQ(r.status, 200) << r.body;
    study = json::parse(r.body);
    const std::string status = study["status"].get<std::string>();
    if (status != "queued" && status != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(study["status"], "done") << study.dump();
  EXPECT_EQ(study["progress"], 1.0);
  EXPECT_EQ(study["request"]["model"], "mclp");
  EXPECT_EQ(study["request"]["within_min"], 20);
  const json& result = study["result"];
  EXPECT_EQ(result["sites"].size(), 8u);
  EXPECT_EQ(result["communes"].size(), 250u);
  EXPECT_NEAR(result["demand"]["covered"].get<double>(), result["objective"].get<double>(), 1e-6);

  r = server.get(href + "/sites.csv", admin.read());
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.body.rfind("\xEF\xBB\xBFinsee;commune;statut;demande_desservie;gain_marginal\r\n", 0), 0u) << r.body;
  EXPECT_EQ(std::count(r.body.begin(), r.body.end(), '\n'), 9);  // header + 8 sites
  r = server.get(href + "/communes.csv", admin.read());
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(std::count(r.body.begin(), r.body.end(), '\n'), 251);
  EXPECT_NE(r.body.find("15187;Saint-Flour;"), std::string::npos);

  r = server.request("POST", href + "/cancel", "{}", admin.write());
  EXPECT_EQ(r.status, 409) << r.body;
  r = server.get("/api/v1/siting/studies", admin.read());
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["items"][0]["href"], href);

  r = server.request("POST", "/api/v1/siting/studies", json{{"model", "pmedian"}, {"p", 400}}.dump(), admin.write());
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(json::parse(r.body)["field"], "p");
  EXPECT_EQ(json::parse(server.get("/api/v1/siting/studies", admin.read()).body)["items"].size(), 1u);
  EXPECT_EQ(server.get(href, teleworker.read()).status, 403);
  EXPECT_EQ(server.get("/api/v1/siting/studies/999999", admin.read()).status, 404);
}

// A queued or running study is cancelled; its CSV is a 409 (no result).
TEST(SitingApi, AStudyIsCancelled) {
  ServerProcess server;
  const Signed animator = sign_in_api(server, "animation@demo.telecentres.example", "demo-animation-reseau");
  const json body = {{"model", "pmedian"}, {"p", 12}, {"method", "exact"}, {"time_limit_s", 120}};
  auto r = server.request("POST", "/api/v1/siting/studies", body.dump(), animator.write());
  ASSERT_EQ(r.status, 202) << r.body;
  const std::string href = json::parse(r.body)["href"].get<std::string>();
  r = server.request("POST", href + "/cancel", "{}", animator.write());
  ASSERT_EQ(r.status, 202) << r.body;
  json study;
  for (int i = 0; i < 600; ++i) {
    study = json::parse(server.get(href, animator.read()).body);
    if (study["status"] != "queued" && study["status"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(study["status"], "cancelled") << study.dump();
  EXPECT_TRUE(study["result"].is_null());
  EXPECT_EQ(server.get(href + "/sites.csv", animator.read()).status, 409);
}

}  // namespace
}  // namespace tc::test
