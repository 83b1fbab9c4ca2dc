// The prospection pipeline as a browser without JavaScript uses it: the animator adds a company through the form
// (wrong input refused beside its field), finds it in the "Identifiée" column, moves it on with the card's button,
// records a meeting with its next action on the company's page, sees an overdue action said in words, and cannot
// lose a company without a reason. Teleworkers and hosts are refused; a form without its token changes nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

const std::string kAnimator = "animation@demo.telecentres.example";
const std::string kAnimatorPassword = "demo-animation-reseau";

json company(ServerProcess& server, long id) {
  const auto r =
      server.get("/api/v1/companies/" + std::to_string(id), sign_in_api(server, kAdmin, kAdminPassword).read());
  EXPECT_EQ(r.status, 200) << r.body;
  return json::parse(r.body);
}

TEST(ProspectionPages, AddMoveAndFollowACompany) {
  ServerProcess server;
  Browser animator(server);
  ASSERT_EQ(animator.sign_in(kAnimator, kAnimatorPassword).status, 303);
  auto page = animator.get("/admin/prospection");
  ASSERT_EQ(page.status, 200);
  for (const char* column :
       {"Identifiée", "Contactée", "Rendez-vous", "Proposition", "Accord signé", "Emplois relocalisés", "Perdue"})
    EXPECT_TRUE(contains(page.body, std::string("\">") + column + " <span class=\"pipeline__count\">")) << column;

  page = animator.get("/admin/prospection/nouvelle");
  ASSERT_EQ(page.status, 200);
  const std::string csrf = csrf_field(page.body);
  // No name, a SIREN whose key is wrong: each refused beside its field, what was typed kept.
  auto r = animator.post("/admin/prospection/nouvelle", {{"csrf", csrf}, {"name", ""}, {"sector", "Assurance"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "id=\"name-error\""));
  EXPECT_TRUE(contains(r.body, "value=\"Assurance\""));
  r = animator.post("/admin/prospection/nouvelle",
                    {{"csrf", csrf}, {"name", "Mutuelle Horizon"}, {"siren", "123456789"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "id=\"siren-error\""));
  r = animator.post("/admin/prospection/nouvelle", {{"csrf", csrf},
                                                    {"name", "Mutuelle Horizon"},
                                                    {"siren", "732829320"},
                                                    {"sector", "Assurance"},
                                                    {"potential_jobs", "12"},
                                                    {"partner", "Réseau national des télécentres"},
                                                    {"contact_name", "Claire Martin"},
                                                    {"contact_role", "DRH"},
                                                    {"contact_email", "claire.martin@horizon.example"},
                                                    {"next_action", "Premier appel"},
                                                    {"next_action_on", "2020-03-02"},
                                                    {"target", "1"}});
  ASSERT_EQ(r.status, 303) << r.body;
  const std::string location = r.header("location");
  ASSERT_EQ(location.rfind("/admin/prospection/", 0), 0u) << location;
  const long id = std::stol(location.substr(std::string("/admin/prospection/").size()));
  EXPECT_EQ(location, "/admin/prospection/" + std::to_string(id) + "?fait=cree");
  page = animator.get(location);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "L&apos;entreprise est ajoutée à la prospection."));
  EXPECT_TRUE(contains(page.body, "Claire Martin, DRH"));
  EXPECT_TRUE(contains(page.body, "mailto:claire.martin@horizon.example"));

  // On the board: in the first column, its action overdue in words, and a button to move it on.
  page = animator.get("/admin/prospection");
  const std::string main = main_of(page.body);
  const auto card = main.find("Mutuelle Horizon");
  ASSERT_NE(card, std::string::npos);
  EXPECT_LT(main.find("id=\"stage-identified\""), card);
  EXPECT_GT(main.find("id=\"stage-contacted\""), card);
  EXPECT_TRUE(contains(main, "En retard de "));
  EXPECT_TRUE(contains(main, "Une action prévue est en retard.") || contains(main, "actions prévues sont en retard"));
  EXPECT_TRUE(contains(main, "Passer à «\u00a0Contactée\u00a0»"));
  r = animator.post("/admin/prospection/" + std::to_string(id) + "/etape",
                    {{"csrf", csrf_field(page.body)}, {"to", "contacted"}, {"from", "board"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/admin/prospection?fait=etape");
  EXPECT_EQ(company(server, id)["stage"], "contacted");

  // On its page: a meeting with the next action, then lost without a reason is refused.
  const std::string href = "/admin/prospection/" + std::to_string(id);
  page = animator.get(href);
  r = animator.post(href + "/etape", {{"csrf", csrf_field(page.body)},
                                      {"to", "meeting"},
                                      {"note", "Rendez-vous au siège"},
                                      {"next_action", "Envoyer la proposition"},
                                      {"next_action_on", "2099-01-15"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), href + "?fait=etape");
  const json after = company(server, id);
  EXPECT_EQ(after["stage"], "meeting");
  EXPECT_EQ(after["next_action"], "Envoyer la proposition");
  EXPECT_EQ(after["next_action_on"], "2099-01-15");
  EXPECT_EQ(after["overdue"], false);
  page = animator.get(href);
  EXPECT_TRUE(contains(page.body, "Rendez-vous au siège"));
  EXPECT_TRUE(contains(page.body, "de «\u00a0Contactée\u00a0» à «\u00a0Rendez-vous\u00a0»"));
  r = animator.post(href + "/etape", {{"csrf", csrf_field(page.body)}, {"to", "lost"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body, "id=\"lost_reason-error\""));
  EXPECT_EQ(company(server, id)["stage"], "meeting");

  // Without the form's token: nothing moves.
  r = animator.post(href + "/etape", {{"csrf", "faux"}, {"to", "proposal"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(company(server, id)["stage"], "meeting");
}

TEST(ProspectionPages, LinkAndUnlinkARelocatedEmployeesAccount) {
  ServerProcess server;
  const Signed api = sign_in_api(server, kAdmin, kAdminPassword);
  const auto created =
      server.request("POST", "/api/v1/companies", R"({"name": "Informatique du Centre"})", api.write());
  ASSERT_EQ(created.status, 201) << created.body;
  const long id = json::parse(created.body)["id"].get<long>();
  const std::string href = "/admin/prospection/" + std::to_string(id);
  Browser animator(server);
  ASSERT_EQ(animator.sign_in(kAnimator, kAnimatorPassword).status, 303);
  auto page = animator.get(href);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Aucun compte relié pour l&apos;instant."));
  // An address without an account: refused beside the field, what was typed kept.
  auto r =
      animator.post(href + "/salaries", {{"csrf", csrf_field(page.body)}, {"employee_email", "personne@example.fr"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "id=\"employee_email-error\""));
  EXPECT_TRUE(contains(r.body, "value=\"personne@example.fr\""));
  r = animator.post(href + "/salaries", {{"csrf", csrf_field(page.body)}, {"employee_email", kTeleworker}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), href + "?fait=relie#employees");
  json c = company(server, id);
  ASSERT_EQ(c["linked_employees"].size(), 1u) << c.dump();
  EXPECT_EQ(c["employees_linked"], 1);
  const long person = c["linked_employees"][0]["person_id"].get<long>();
  page = animator.get(href + "?fait=relie");
  EXPECT_TRUE(contains(page.body, "Le compte du salarié est relié à l&apos;entreprise."));
  EXPECT_TRUE(contains(page.body, href + "/salaries/" + std::to_string(person) + "/retrait"));
  // Without the form's token the link stays; with it, it goes.
  r = animator.post(href + "/salaries/" + std::to_string(person) + "/retrait", {{"csrf", "faux"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(company(server, id)["linked_employees"].size(), 1u);
  r = animator.post(href + "/salaries/" + std::to_string(person) + "/retrait", {{"csrf", csrf_field(page.body)}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(company(server, id)["linked_employees"].size(), 0u);
}

TEST(ProspectionPages, OnlyTheAnimatorAndTheCouncil) {
  ServerProcess server;
  Browser anonymous(server);
  auto r = anonymous.get("/admin/prospection");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location").rfind("/connexion", 0), 0u);
  for (const auto& [email, password] :
       {std::pair{kTeleworker, kTeleworkerPassword}, {kMuratHost, kMuratHostPassword}}) {
    Browser b(server);
    ASSERT_EQ(b.sign_in(email, password).status, 303);
    EXPECT_EQ(b.get("/admin/prospection").status, 403) << email;
    EXPECT_EQ(b.get("/admin/prospection/nouvelle").status, 403) << email;
    EXPECT_FALSE(contains(b.get("/compte").body, "href=\"/admin/prospection\"")) << email;
  }
  Browser admin(server);
  ASSERT_EQ(admin.sign_in(kAdmin, kAdminPassword).status, 303);
  EXPECT_EQ(admin.get("/admin/prospection").status, 200);
  EXPECT_TRUE(contains(admin.get("/compte").body, "href=\"/admin/prospection\""));
  EXPECT_EQ(admin.get("/admin/prospection/999999").status, 404);
  EXPECT_EQ(admin.get("/admin/prospection/abc").status, 404);
}

}  // namespace
}  // namespace tc::test
