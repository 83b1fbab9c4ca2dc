// GET /api/v1/indicators on a real server with the demo network: the contract's fields, the seed's 8 centres by
// status, 30 as the target, the grant for admins only, hosts limited to their centre, bad dates refused.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

TEST(IndicatorsApi, ContractFieldsAndWhoSeesWhat) {
  ServerProcess server;
  const Signed admin = sign_in_api(server, "admin@demo.telecentres.example", "demo-conseil-cantal");
  const Signed animator = sign_in_api(server, "animation@demo.telecentres.example", "demo-animation-reseau");
  const Signed host = sign_in_api(server, "accueil.murat@demo.telecentres.example", "demo-accueil-murat");
  const Signed teleworker = sign_in_api(server, "teleworker@demo.telecentres.example", "demo-teletravail-cantal");
  auto r = server.get("/api/v1/indicators?from=2026-01-01&to=2026-12-31", admin.read());
  ASSERT_EQ(r.status, 200) << r.body;
  const json all = json::parse(r.body);
  const json& s = all["centres_by_status"];
  EXPECT_EQ(s["planned"].get<int>() + s["opening"].get<int>() + s["in_service"].get<int>() + s["closed"].get<int>(), 8);
  ASSERT_EQ(all["applications_per_centre"].size(), 8u);
  for (const auto& a : all["applications_per_centre"]) {
    EXPECT_EQ(a["target"], 30);
    EXPECT_TRUE(a.contains("centre_id") && a.contains("name") && a.contains("applications"));
  }
  EXPECT_FALSE(all["occupancy"].empty());
  EXPECT_EQ(all["occupancy"][0]["month"], "2026-01");
  EXPECT_TRUE(all["km_avoided"].is_number());
  EXPECT_TRUE(all["co2_avoided_kg"].is_number());
  ASSERT_TRUE(all["grant"].is_object());
  EXPECT_EQ(all["grant"]["envelope_cents"], 10'000'000);

  r = server.get("/api/v1/indicators?from=2026-01-01&to=2026-12-31", animator.read());
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(json::parse(r.body)["grant"].is_null());
  r = server.get("/api/v1/indicators?from=2026-01-01&to=2026-12-31", host.read());
  ASSERT_EQ(r.status, 200);
  const json mine = json::parse(r.body);
  ASSERT_EQ(mine["applications_per_centre"].size(), 1u);
  EXPECT_NE(mine["applications_per_centre"][0]["name"].get<std::string>().find("Murat"), std::string::npos);
  EXPECT_TRUE(mine["grant"].is_null());
  EXPECT_EQ(server.get("/api/v1/indicators", teleworker.read()).status, 403);
  EXPECT_EQ(server.get("/api/v1/indicators").status, 401);
  r = server.get("/api/v1/indicators?from=2026-13-01", admin.read());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["field"], "from");
  EXPECT_EQ(server.get("/api/v1/indicators?from=2026-12-01&to=2026-01-01", admin.read()).status, 400);
  EXPECT_EQ(server.get("/api/v1/indicators?centre=abc", admin.read()).status, 400);
  EXPECT_EQ(server.get("/api/v1/indicators?centre=999999", admin.read()).status, 404);
}

}  // namespace
}  // namespace tc::test
