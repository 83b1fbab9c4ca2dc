// POST /api/v1/siting on a real server: the council and the animator run the study over the demo network; the
// open centres stay open; bad parameters are 400s that name the field; others may not run it.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace tc::test
