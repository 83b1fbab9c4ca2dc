// The siting study's pages as a browser without JavaScript uses them: the admin fills the form, is sent to the
// study's page, which follows the run (reloading itself, with a way to stop that) and then shows the figures, the
// map shaded by demand with the uncovered communes hatched and the proposed centres as diamonds, the coverage
// curve with its table, and CSV links. Wrong numbers and a p too large are refused in words beside their field
// with nothing queued; a study is cancelled through its form; teleworkers and hosts are refused; forms without
// their anti-CSRF token are refused. Against the real program with the demo network.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>

#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

const std::string kAnimator = "animation@demo.telecentres.example";
const std::string kAnimatorPassword = "demo-animation-reseau";

Fields study_fields(const std::string& csrf, const std::string& model, const std::string& p,
                    const std::string& minutes) {
  return {{"csrf", csrf},
          {"titre", ""},
          {"modele", model},
          {"p", p},
          {"minutes", minutes},
          {"demande", "modelled"},
          {"part_actifs", "0,41"},
          {"part_teletravail", "0,35"},
          {"part_eloignes", "0,2"},
          {"detour", "1,3"},
          {"vitesse", "60"},
          {"candidates", ""},
          {"fixes", ""},
          {"methode", "heuristic"},
          {"duree", "30"}};
}

// Follows the study's page until it stops reloading itself (bounded), and returns that page.
HttpResponse wait_for_end(Browser& b, const std::string& href) {
  HttpResponse r;
  for (int i = 0; i < 300; ++i) {
    r = b.get(href);
    if (!contains(r.body, "http-equiv=\"refresh\"")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return r;
}

TEST(SitingPages, TheAdminRunsACoveringStudyAndReadsTheMapTheCurveAndTheSites) {
  ServerProcess server;
  Browser admin(server);
  ASSERT_EQ(admin.sign_in(kAdmin, kAdminPassword).status, 303);
  auto page = admin.get("/admin/implantation");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Aucune étude pour l&apos;instant."));
  EXPECT_TRUE(contains(page.body, "aria-current=\"page\">Implantation</a>")) << page.body.substr(0, 3000);
  auto r = admin.post("/admin/implantation", study_fields(csrf_field(page.body), "mclp", "8", "20"));
  ASSERT_EQ(r.status, 303) << r.body;
  const std::string href = r.header("location");
  ASSERT_TRUE(std::regex_match(href, std::regex("/admin/implantation/[0-9]+"))) << href;

  page = wait_for_end(admin, href);
  ASSERT_EQ(page.status, 200);
  const std::string main = main_of(page.body);
  EXPECT_TRUE(contains(main, "Couverture maximale, 8 centres en 20 min")) << main;
  EXPECT_TRUE(contains(main, "Terminée"));
  EXPECT_TRUE(contains(main, "Demande couverte à moins de 20 minutes"));
  // The map: 250 communes, shaded in five classes, hatching over the uncovered ones, 2 proposed diamonds beside the
  // 6 existing centres, and a title per commune.
  EXPECT_EQ(std::regex_search(main, std::regex("class=\"commune commune--d[1-5]")), true);
  EXPECT_TRUE(contains(main, "commune--uncovered"));
  EXPECT_TRUE(contains(main, "class=\"commune-hatch\""));
  std::ptrdiff_t proposed = 0, existing = 0;
  for (std::size_t at = main.find("marker marker--proposed"); at != std::string::npos;
       at = main.find("marker marker--proposed", at + 1))
    ++proposed;
  for (std::size_t at = main.find("marker marker--in_service"); at != std::string::npos;
       at = main.find("marker marker--in_service", at + 1))
    ++existing;
  EXPECT_EQ(proposed, 2);
  EXPECT_EQ(existing, 6);
  EXPECT_TRUE(std::regex_search(
      main, std::regex("<title>Saint-Flour[^<]*demande [0-9]+,[0-9][^<]*min de Saint-Flour</title>")));
  // The curve, drawn and tabulated; the sites' table; the exports.
  EXPECT_TRUE(contains(main, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\""));
  EXPECT_TRUE(contains(main, "Demande couverte selon le nombre de centres"));
  EXPECT_TRUE(contains(main, "Les valeurs de la courbe de couverture"));
  EXPECT_TRUE(contains(main, "proposé"));
  const std::string csv_href = href.substr(href.rfind('/') + 1);
  EXPECT_TRUE(contains(main, "/api/v1/siting/studies/" + csv_href + "/sites.csv"));
  EXPECT_EQ(admin.get("/api/v1/siting/studies/" + csv_href + "/sites.csv").status, 200);
  // English.
  page = admin.get(href + "?lang=en");
  EXPECT_TRUE(contains(page.body, "Demand covered within 20 minutes"));
  // The list shows it.
  page = admin.get("/admin/implantation");
  EXPECT_TRUE(contains(page.body, "href=\"" + href + "\""));
}

TEST(SitingPages, WrongInputIsRefusedBesideItsFieldWithNothingQueued) {
  ServerProcess server;
  Browser animator(server);
  ASSERT_EQ(animator.sign_in(kAnimator, kAnimatorPassword).status, 303);
  auto page = animator.get("/admin/implantation");
  ASSERT_EQ(page.status, 200);
  const std::string csrf = csrf_field(page.body);
  auto r = animator.post("/admin/implantation", study_fields(csrf, "pmedian", "huit", ""));
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "id=\"p-error\"")) << main_of(r.body);
  EXPECT_TRUE(contains(r.body, "value=\"huit\""));
  r = animator.post("/admin/implantation", study_fields(csrf, "pmedian", "400", ""));
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "dépasse celui des communes candidates")) << main_of(r.body);
  Fields fields = study_fields(csrf, "pmedian", "8", "");
  fields[11].second = "15014 99999";  // candidates
  r = animator.post("/admin/implantation", fields);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "99999"));
  EXPECT_TRUE(contains(r.body, "id=\"candidates-error\""));
  // Demand from a pasted file: needed when chosen, and its unknown communes are named.
  fields = study_fields(csrf, "pmedian", "8", "");
  fields[5].second = "file";
  r = animator.post("/admin/implantation", fields);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "id=\"demande_csv-error\""));
  fields.push_back({"demande_csv", "15014,120\n98765,4\n"});
  r = animator.post("/admin/implantation", fields);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "98765"));
  EXPECT_TRUE(contains(animator.get("/admin/implantation").body, "Aucune étude pour l&apos;instant."));
  // Without the form's token: refused, nothing queued.
  r = animator.post("/admin/implantation", study_fields("faux", "pmedian", "8", ""));
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(contains(animator.get("/admin/implantation").body, "Aucune étude pour l&apos;instant."));
}

TEST(SitingPages, AStudyIsCancelledThroughItsPage) {
  ServerProcess server;
  Browser animator(server);
  ASSERT_EQ(animator.sign_in(kAnimator, kAnimatorPassword).status, 303);
  auto page = animator.get("/admin/implantation");
  Fields fields = study_fields(csrf_field(page.body), "pmedian", "12", "");
  fields[13].second = "exact";
  fields[14].second = "300";
  auto r = animator.post("/admin/implantation", fields);
  ASSERT_EQ(r.status, 303);
  const std::string href = r.header("location");
  page = animator.get(href);
  if (contains(page.body, "Annuler l&apos;étude")) {
    EXPECT_TRUE(contains(page.body, "Arrêter la mise à jour automatique"));
    EXPECT_TRUE(contains(page.body, "<progress"));
    EXPECT_FALSE(contains(animator.get(href + "?suivre=0").body, "http-equiv=\"refresh\""));
    r = animator.post(href + "/annuler", {{"csrf", csrf_field(page.body)}});
    ASSERT_EQ(r.status, 303);
    page = wait_for_end(animator, href);
    EXPECT_TRUE(contains(page.body, "Annulée")) << main_of(page.body);
  } else {
    ADD_FAILURE() << "the exact study of 12 centres ended before its page was read: " << main_of(page.body);
  }
}

TEST(SitingPages, OnlyTheCouncilAndTheAnimatorSeeStudies) {
  ServerProcess server;
  Browser teleworker(server);
  ASSERT_EQ(teleworker.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  EXPECT_EQ(teleworker.get("/admin/implantation").status, 403);
  EXPECT_FALSE(contains(teleworker.get("/compte").body, "/admin/implantation"));
  Browser host(server);
  ASSERT_EQ(host.sign_in(kMuratHost, kMuratHostPassword).status, 303);
  EXPECT_EQ(host.get("/admin/implantation/1").status, 403);
  Browser anonymous(server);
  EXPECT_EQ(anonymous.get("/admin/implantation").status, 303);
  Browser admin(server);
  ASSERT_EQ(admin.sign_in(kAdmin, kAdminPassword).status, 303);
  EXPECT_EQ(admin.get("/admin/implantation/999").status, 404);
  EXPECT_EQ(admin.get("/admin/implantation/abc").status, 404);
}

}  // namespace
}  // namespace tc::test
