// The communication plan's pages as a browser without JavaScript uses them: the animator sees the demo year with
// its totals, moves to the previous and next years by links, adds an action through the form (wrong input refused
// beside its field, what was typed kept), finds it in the year with its cost in the French way and the totals
// grown, and corrects it on its own page; the application form offers the recent actions; a teleworker and a host
// are refused. Against the real program with the demo.
#include <gtest/gtest.h>

#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

const std::string kAnimator = "animation@demo.telecentres.example";
const std::string kAnimatorPassword = "demo-animation-reseau";

// The text of the first <tfoot> row after `caption_text`: the totals of that table.
std::string table_after(const std::string& html, const std::string& caption_text) {
  const auto at = html.find(caption_text);
  if (at == std::string::npos) return {};
  const auto end = html.find("</table>", at);
  return html.substr(at, end - at);
}

TEST(CommunicationPages, TheAnimatorAddsAnActionAndSeesItCounted) {
  ServerProcess server;
  Browser b(server);
  ASSERT_EQ(b.sign_in(kAnimator, kAnimatorPassword).status, 303);
  auto page = b.get("/admin/communication?annee=2026");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body, "<h1>Plan de communication 2026</h1>"));
  EXPECT_TRUE(contains(page.body, "aria-current=\"page\">Communication</a>"));
  EXPECT_TRUE(contains(page.body, "href=\"/admin/communication?annee=2025\" rel=\"prev\">Année précédente (2025)"));
  EXPECT_TRUE(contains(page.body, "href=\"/admin/communication?annee=2027\" rel=\"next\">Année suivante (2027)"));
  EXPECT_TRUE(contains(page.body, "<caption id=\"comm-actions-caption\">Actions de communication en 2026</caption>"));
  EXPECT_TRUE(contains(page.body, "Totaux par axe en 2026"));
  EXPECT_TRUE(contains(page.body, "Totaux par canal en 2026"));
  EXPECT_TRUE(contains(page.body, "7 actions cette année."));
  EXPECT_TRUE(contains(page.body, "Stand au salon « Vivre et travailler à la campagne »") ||
              contains(page.body, "Stand au salon «\u00a0Vivre et travailler à la campagne\u00a0»"));
  EXPECT_TRUE(contains(page.body, "2\u202f400,00\u00a0€"));  // the fair's cost
  // The demo actions of 2026 cost 150 + 0 + 850 + 2 400 + 4 500 + 600 + 1 800 = 10 300 € in all.
  EXPECT_TRUE(contains(table_after(page.body, "Totaux par axe en 2026"), "10\u202f300,00\u00a0€"));

  // Wrong input: refused beside its field, what was typed kept.
  auto r = b.post("/admin/communication?annee=2026", {{"csrf", csrf_field(page.body)},
                                                      {"title", "Affiches au marché"},
                                                      {"axis", "inform"},
                                                      {"channel", ""},
                                                      {"date", "2026-11-05"},
                                                      {"cost", "douze"},
                                                      {"reach", "300"},
                                                      {"contacts", "4"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "id=\"channel-error\""));
  EXPECT_TRUE(contains(r.body, "id=\"cost-error\""));
  EXPECT_TRUE(contains(r.body, "error-summary"));
  EXPECT_TRUE(contains(r.body, "<title>Erreur"));
  EXPECT_EQ(input_value(r.body, "title"), "Affiches au marché");

  r = b.post("/admin/communication?annee=2026", {{"csrf", csrf_field(page.body)},
                                                 {"title", "Affiches au marché"},
                                                 {"axis", "inform"},
                                                 {"channel", "poster"},
                                                 {"date", "2026-11-05"},
                                                 {"cost", "1 200"},
                                                 {"reach", "300"},
                                                 {"contacts", "4"},
                                                 {"centre", ""},
                                                 {"description", "Au marché du samedi"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/admin/communication?annee=2026&fait=ajout");
  page = b.get(r.header("location"));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "L&apos;action est ajoutée au plan."));
  EXPECT_TRUE(contains(page.body, "8 actions cette année."));
  EXPECT_TRUE(contains(page.body, "Affiches au marché</a>"));
  EXPECT_TRUE(contains(page.body, "1\u202f200,00\u00a0€"));
  EXPECT_TRUE(contains(table_after(page.body, "Totaux par axe en 2026"), "11\u202f500,00\u00a0€"));
  const std::string channels = table_after(page.body, "Totaux par canal en 2026");
  const auto poster = channels.find("Affichage</th>");
  ASSERT_NE(poster, std::string::npos);
  EXPECT_TRUE(contains(channels.substr(poster, 200), "<td class=\"num\">2</td>"));  // two poster actions

  // Its own page corrects it.
  const auto link = page.body.find("\">Affiches au marché</a>");
  ASSERT_NE(link, std::string::npos);
  const auto start = page.body.rfind("href=\"", link) + 6;
  const std::string href = page.body.substr(start, link - start);
  auto edit = b.get(href);
  ASSERT_EQ(edit.status, 200) << href;
  EXPECT_EQ(input_value(edit.body, "cost"), "1200.00");
  r = b.post(href, {{"csrf", csrf_field(edit.body)},
                    {"title", "Affiches au marché d'Aurillac"},
                    {"axis", "inform"},
                    {"channel", "poster"},
                    {"date", "2026-11-05"},
                    {"cost", "1200"},
                    {"reach", "350"},
                    {"contacts", "4"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/admin/communication?annee=2026&fait=modif");
  EXPECT_TRUE(contains(b.get(r.header("location")).body, "Affiches au marché d&apos;Aurillac"));

  // Another year: none yet, and the form is there.
  page = b.get("/admin/communication?annee=2030");
  EXPECT_TRUE(contains(page.body, "Aucune action n&apos;est enregistrée pour cette année."));
  EXPECT_TRUE(contains(page.body, "name=\"title\""));
  EXPECT_EQ(b.get("/admin/communication?annee=30").status, 400);
}

TEST(CommunicationPages, OnlyTheAnimatorAndTheCouncil) {
  ServerProcess server;
  Browser anonymous(server);
  auto r = anonymous.get("/admin/communication");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location").rfind("/connexion", 0), 0u);
  Browser teleworker(server);
  ASSERT_EQ(teleworker.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  EXPECT_EQ(teleworker.get("/admin/communication").status, 403);
  EXPECT_FALSE(contains(teleworker.get("/compte").body, "/admin/communication"));  // no nav entry
  Browser host(server);
  ASSERT_EQ(host.sign_in(kMuratHost, kMuratHostPassword).status, 303);
  EXPECT_EQ(host.get("/admin/communication/1").status, 403);
  Browser admin(server);
  ASSERT_EQ(admin.sign_in(kAdmin, kAdminPassword).status, 303);
  const auto page = admin.get("/admin/communication?annee=2025");
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Réunion de lancement du réseau"));
  EXPECT_EQ(admin.get("/admin/communication/987654").status, 404);
}

TEST(CommunicationPages, TheApplicationFormOffersRecentActions) {
  ServerProcess server;
  Browser b(server);
  ASSERT_EQ(b.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  const auto form = b.get("/candidatures/nouvelle");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "<select id=\"heard_via_action\" name=\"heard_via_action\""));
  EXPECT_TRUE(contains(form.body, "Autre / je ne sais pas"));
  EXPECT_TRUE(contains(form.body, "Campagne sur les réseaux sociaux"));
}

}  // namespace
}  // namespace tc::test
