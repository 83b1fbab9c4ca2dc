// The evaluation pages against the real program and the demo: the council sees every section with its chart and
// its table, the grant among them; the animator the same without the grant; a host their own centre only; a wrong
// period is refused beside its field; the yearly report is one calendar year; teleworkers are refused.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(EvaluationPages, TheCouncilSeesEverySectionWithChartsAndTables) {
  ServerProcess server;
  Browser admin(server);
  ASSERT_EQ(admin.sign_in(kAdmin, kAdminPassword).status, 303);
  const auto page = admin.get("/admin/evaluation?du=2026-01-01&au=2026-12-31");
  ASSERT_EQ(page.status, 200);
  const std::string main = main_of(page.body);
  EXPECT_TRUE(contains(main, "du 1er janvier au 31 décembre 2026"));
  // Four charts (applications, occupancy, funnel, commute), each an image with a title and a description.
  EXPECT_EQ(count(main, "role=\"img\""), 4u);
  EXPECT_TRUE(contains(main, "<title id=\"chart-applications-title\">Candidatures par télécentre</title>"));
  EXPECT_TRUE(contains(main, "Objectif\u00a0: 30"));
  // Every chart's data is a table too; the grant is there for the council.
  for (const char* heading : {"Statuts", "Candidatures", "Catégories", "Publics", "Occupation", "Subvention FNADT",
                              "Événements", "Prospection", "Trajets évités"})
    EXPECT_TRUE(contains(main, std::string(">") + heading + "</h2>")) << heading;
  EXPECT_GE(count(main, "<caption id="), 9u);
  EXPECT_TRUE(contains(main, "7 % des salariés"));
  EXPECT_TRUE(contains(main, "/api/v1/indicators.xlsx?from=2026-01-01&amp;to=2026-12-31"));
  EXPECT_TRUE(contains(main, "/api/v1/indicators.csv?from=2026-01-01&amp;to=2026-12-31"));
  // The same figures as the API: the network's applications in the headline.
  const auto api = json::parse(
      server.get("/api/v1/indicators?from=2026-01-01&to=2026-12-31", sign_in_api(server, kAdmin, kAdminPassword).read())
          .body);
  int applications = 0;
  for (const auto& a : api["applications_per_centre"]) applications += a["applications"].get<int>();
  EXPECT_TRUE(contains(main, "<dt>Candidatures</dt><dd>" + std::to_string(applications) + "</dd>")) << applications;
  const int in_service = api["centres_by_status"]["in_service"].get<int>();
  EXPECT_TRUE(
      contains(main, "<th scope=\"row\">En service</th><td class=\"num\">" + std::to_string(in_service) + "</td>"));
}

TEST(EvaluationPages, WrongPeriodsAreRefusedBesideTheirField) {
  ServerProcess server;
  Browser admin(server);
  ASSERT_EQ(admin.sign_in(kAdmin, kAdminPassword).status, 303);
  auto r = admin.get("/admin/evaluation?du=2026-13-45");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "id=\"du-error\""));
  r = admin.get("/admin/evaluation?du=2026-06-01&au=2026-01-01");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "id=\"au-error\""));
  EXPECT_FALSE(contains(r.body, "role=\"img\""));
  r = admin.get("/admin/evaluation/rapport?annee=20x6");
  EXPECT_EQ(r.status, 400);
}

TEST(EvaluationPages, WhoSeesWhat) {
  ServerProcess server;
  const long murat = centre_near(server, "15138");
  const long saint_flour = centre_near(server, "15187");

  Browser animator(server);
  ASSERT_EQ(animator.sign_in("animation@demo.telecentres.example", "demo-animation-reseau").status, 303);
  auto page = animator.get("/admin/evaluation");
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(contains(main_of(page.body), ">Subvention FNADT</h2>"));
  EXPECT_TRUE(contains(main_of(page.body), ">Prospection</h2>"));

  Browser host(server);
  ASSERT_EQ(host.sign_in(kMuratHost, kMuratHostPassword).status, 303);
  page = host.get("/admin/evaluation");
  ASSERT_EQ(page.status, 200);
  std::string main = main_of(page.body);
  EXPECT_FALSE(contains(main, ">Subvention FNADT</h2>"));
  EXPECT_FALSE(contains(main, ">Prospection</h2>"));
  EXPECT_TRUE(contains(main, "<option value=\"" + std::to_string(murat) + "\""));
  EXPECT_FALSE(contains(main, "<option value=\"" + std::to_string(saint_flour) + "\""));
  EXPECT_FALSE(contains(main, "<th scope=\"row\">Saint-Flour"));
  EXPECT_TRUE(contains(page.body, "href=\"/admin/evaluation\""));  // in the host's menu
  EXPECT_EQ(host.get("/admin/evaluation?centre=" + std::to_string(saint_flour)).status, 403);
  EXPECT_EQ(host.get("/admin/evaluation?centre=" + std::to_string(murat)).status, 200);

  Browser teleworker(server);
  ASSERT_EQ(teleworker.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  EXPECT_EQ(teleworker.get("/admin/evaluation").status, 403);
  EXPECT_EQ(teleworker.get("/admin/evaluation/rapport").status, 403);
  EXPECT_FALSE(contains(teleworker.get("/compte").body, "href=\"/admin/evaluation\""));
  Browser anonymous(server);
  EXPECT_EQ(anonymous.get("/admin/evaluation").status, 303);
}

TEST(EvaluationPages, TheYearlyReportIsOneCalendarYearReadyToPrint) {
  ServerProcess server;
  Browser admin(server);
  ASSERT_EQ(admin.sign_in(kAdmin, kAdminPassword).status, 303);
  const auto page = admin.get("/admin/evaluation/rapport?annee=2025");
  ASSERT_EQ(page.status, 200);
  const std::string main = main_of(page.body);
  EXPECT_TRUE(contains(main, "Rapport d&apos;évaluation 2025 du réseau des télécentres"));
  EXPECT_TRUE(contains(main, "du 1er janvier au 31 décembre 2025"));
  EXPECT_TRUE(contains(main, "evaluation-report"));
  EXPECT_FALSE(contains(main, "<form"));  // nothing to fill in on paper
  EXPECT_TRUE(contains(main, "rapport?annee=2024"));
  EXPECT_TRUE(contains(main, "rapport?annee=2026"));
  EXPECT_EQ(count(main, "role=\"img\""), 4u);
}

TEST(EvaluationPages, TheCouncilStatesTodaysFigureBesideThe2005One) {
  ServerProcess server;
  Browser admin(server);
  ASSERT_EQ(admin.sign_in(kAdmin, kAdminPassword).status, 303);
  auto page = admin.get("/admin/evaluation");
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(contains(main_of(page.body), "des salariés télétravaillent"));
  auto r = admin.post("/admin/evaluation/contexte",
                      {{"csrf", csrf_field(page.body)}, {"percent", "cent"}, {"year", "2024"}, {"source", "Étude"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "id=\"percent-error\""));
  EXPECT_TRUE(contains(r.body, "value=\"cent\""));
  r = admin.post("/admin/evaluation/contexte", {{"csrf", csrf_field(page.body)},
                                                {"percent", "22,5"},
                                                {"year", "2024"},
                                                {"source", "Enquête nationale sur le travail à distance"}});
  ASSERT_EQ(r.status, 303) << r.body;
  page = admin.get("/admin/evaluation?fait=contexte");
  EXPECT_TRUE(contains(page.body, "Le chiffre d&apos;aujourd&apos;hui est enregistré."));
  EXPECT_TRUE(contains(main_of(page.body), "En 2024, 22,5"));
  EXPECT_TRUE(contains(main_of(page.body), "Enquête nationale sur le travail à distance"));
  // The yearly report states it too; the animator reads it but may not change it.
  EXPECT_TRUE(contains(admin.get("/admin/evaluation/rapport?annee=2026").body, "En 2024, 22,5"));
  Browser animator(server);
  ASSERT_EQ(animator.sign_in("animation@demo.telecentres.example", "demo-animation-reseau").status, 303);
  page = animator.get("/admin/evaluation");
  EXPECT_TRUE(contains(main_of(page.body), "En 2024, 22,5"));
  EXPECT_FALSE(contains(main_of(page.body), "/admin/evaluation/contexte"));
  r = animator.post("/admin/evaluation/contexte",
                    {{"csrf", csrf_field(page.body)}, {"percent", "99"}, {"year", "2024"}, {"source", "x"}});
  EXPECT_EQ(r.status, 403);
}

}  // namespace
}  // namespace tc::test
