// GET /api/v1/indicators.csv and .xlsx against the real program: the same tables as the evaluation page, for the
// same people under the same rules; the grant only in the council's files; a wrong date is a problem, not a file.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

TEST(IndicatorExports, CsvAndWorkbookForTheCouncil) {
  ServerProcess server;
  const Signed admin = sign_in_api(server, kAdmin, kAdminPassword);
  auto r = server.get("/api/v1/indicators.csv?from=2026-01-01&to=2026-12-31", admin.read());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.header("content-disposition"), "attachment; filename=\"indicateurs-2026-01-01-2026-12-31.csv\"");
  EXPECT_EQ(r.body.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_TRUE(contains(r.body, "Candidatures par télécentre, du 1er janvier au 31 décembre 2026"));
  EXPECT_TRUE(contains(r.body, "Télécentre;Candidatures;Objectif;Part de l'objectif\r\n"));
  EXPECT_TRUE(contains(r.body, "Subvention FNADT acquise"));
  EXPECT_TRUE(contains(r.body, "Trajets domicile-travail évités"));
  // Every centre of the API's answer has its line of applications with the target of 30.
  const auto api = json::parse(server.get("/api/v1/indicators?from=2026-01-01&to=2026-12-31", admin.read()).body);
  ASSERT_FALSE(api["applications_per_centre"].empty());
  for (const auto& a : api["applications_per_centre"])
    EXPECT_TRUE(
        contains(r.body, a["name"].get<std::string>() + ";" + std::to_string(a["applications"].get<int>()) + ";30;"))
        << a.dump();

  r = server.get("/api/v1/indicators.csv?from=2026-01-01&to=2026-12-31&lang=en", admin.read());
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "Applications per telecentre, from 1 January to 31 December 2026"));

  r = server.get("/api/v1/indicators.xlsx?from=2026-01-01&to=2026-12-31", admin.read());
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(r.body.rfind("PK", 0), 0u);  // a zip container
  EXPECT_GT(r.body.size(), 4000u);
}

TEST(IndicatorExports, SameRulesAsTheJson) {
  ServerProcess server;
  const Signed animator = sign_in_api(server, "animation@demo.telecentres.example", "demo-animation-reseau");
  auto r = server.get("/api/v1/indicators.csv", animator.read());
  ASSERT_EQ(r.status, 200);
  EXPECT_FALSE(contains(r.body, "Subvention FNADT"));  // no grant for the animator
  EXPECT_TRUE(contains(r.body, "Prospection des entreprises nationales"));
  const Signed host = sign_in_api(server, kMuratHost, kMuratHostPassword);
  r = server.get("/api/v1/indicators.csv", host.read());
  ASSERT_EQ(r.status, 200);
  EXPECT_FALSE(contains(r.body, "Saint-Flour;"));
  EXPECT_FALSE(contains(r.body, "Prospection des entreprises nationales"));
  const Signed teleworker = sign_in_api(server, kTeleworker, kTeleworkerPassword);
  EXPECT_EQ(server.get("/api/v1/indicators.xlsx", teleworker.read()).status, 403);
  EXPECT_EQ(server.get("/api/v1/indicators.csv").status, 401);
  r = server.get("/api/v1/indicators.csv?from=2026-02-30", animator.read());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
}

}  // namespace
}  // namespace tc::test
