// The animator's event form, as a browser without JavaScript uses it, against the real program with the demo: only
// the animator and the council see "Créer un événement" and the form; wrong input comes back in French beside each
// field with what was typed; without the form's token nothing is published; a good form publishes (in a commune or
// in a centre, which lends its commune and address) and leads to the event's page; its organiser changes it.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

const std::string kAnimator = "animation@demo.telecentres.example";
const std::string kAnimatorPassword = "demo-animation-reseau";

Fields meeting(const std::string& csrf) {
  return {{"csrf", csrf},
          {"type", "training"},
          {"title", "Atelier : la visioconférence"},
          {"description", "Prendre en main les outils de réunion à distance."},
          {"date", "15/06/2099"},
          {"starts", "14:00"},
          {"ends", "16 h 30"},
          {"centre_id", ""},
          {"commune", "15138"},
          {"address", "Salle des fêtes"},
          {"capacity", "12"},
          {"audiences", "public"},
          {"audiences", "teleworkers"}};
}

Fields with(Fields f, const std::string& name, const std::string& value) {
  for (auto& [k, v] : f)
    if (k == name) v = value;
  return f;
}

TEST(EventFormPages, OnlyTheAnimatorAndTheCouncilGetTheForm) {
  ServerProcess server;
  Browser anonymous(server);
  auto r = anonymous.get("/evenements/nouveau");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location").rfind("/connexion", 0), 0u);
  EXPECT_FALSE(contains(anonymous.get("/evenements").body, "/evenements/nouveau"));
  Browser teleworker(server);
  ASSERT_EQ(teleworker.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  EXPECT_EQ(teleworker.get("/evenements/nouveau").status, 403);
  EXPECT_FALSE(contains(teleworker.get("/evenements").body, "/evenements/nouveau"));
  const auto page = teleworker.get("/evenements");
  r = teleworker.post("/evenements/nouveau", meeting(csrf_field(page.body)));
  EXPECT_EQ(r.status, 403);
  Browser admin(server);
  ASSERT_EQ(admin.sign_in(kAdmin, kAdminPassword).status, 303);
  EXPECT_TRUE(contains(admin.get("/evenements").body, "href=\"/evenements/nouveau\""));
  EXPECT_EQ(admin.get("/evenements/nouveau").status, 200);
  EXPECT_TRUE(contains(admin.get("/evenements/nouveau?lang=en").body, "Create an event"));
}

TEST(EventFormPages, TheAnimatorPublishesThroughTheFormAndChangesTheEvent) {
  ServerProcess server;
  Browser animator(server);
  ASSERT_EQ(animator.sign_in(kAnimator, kAnimatorPassword).status, 303);
  auto page = animator.get("/evenements");
  ASSERT_TRUE(contains(page.body, "Créer un événement"));
  ASSERT_TRUE(contains(page.body, "href=\"/conseil\""));
  page = animator.get("/evenements/nouveau");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "<select id=\"type\" name=\"type\""));
  EXPECT_TRUE(contains(page.body, "<select id=\"centre_id\" name=\"centre_id\""));
  EXPECT_TRUE(contains(page.body, "<option value=\"15138\""));
  EXPECT_TRUE(contains(page.body, "Conseil individuel"));
  const std::string csrf = csrf_field(page.body);

  // Wrong input: every problem in the summary and beside its field, what was typed kept.
  auto wrong = with(with(with(meeting(csrf), "title", ""), "date", "demain"), "ends", "13:00");
  wrong = with(wrong, "commune", "");
  wrong.erase(std::remove_if(wrong.begin(), wrong.end(), [](const auto& f) { return f.first == "audiences"; }),
              wrong.end());
  auto r = animator.post("/evenements/nouveau", wrong);
  ASSERT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "Le formulaire contient 5 erreurs"));
  for (const char* id : {"title", "date", "ends", "commune"})
    EXPECT_TRUE(contains(r.body, std::string("id=\"") + id + "-error\"")) << id;
  EXPECT_TRUE(contains(r.body, "id=\"audiences-error\""));
  EXPECT_TRUE(contains(r.body, "Donnez un titre à l&apos;événement."));
  EXPECT_TRUE(contains(r.body, "L&apos;heure de fin vient après celle du début, le même jour."));
  EXPECT_TRUE(contains(r.body, "Prendre en main les outils de réunion à distance."));
  EXPECT_TRUE(contains(r.body, "value=\"demain\""));
  EXPECT_TRUE(contains(r.body, "<title>Erreur"));
  // The service's rules too: more than 10,000 places.
  r = animator.post("/evenements/nouveau", with(meeting(csrf), "capacity", "20000"));
  ASSERT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "id=\"capacity-error\""));
  // Without the form's token: nothing is published.
  r = animator.post("/evenements/nouveau", meeting("faux"));
  EXPECT_EQ(r.status, 403);
  EXPECT_FALSE(contains(animator.get("/evenements").body, "Atelier : la visioconférence"));

  r = animator.post("/evenements/nouveau", meeting(csrf));
  ASSERT_EQ(r.status, 303) << r.body;
  const std::string location = r.header("location");
  ASSERT_EQ(location.rfind("/evenements/", 0), 0u);
  ASSERT_NE(location.find("?fait=publie"), std::string::npos);
  const std::string href = location.substr(0, location.find('?'));
  page = animator.get(location);
  EXPECT_TRUE(contains(page.body, "L&apos;événement est publié."));
  EXPECT_TRUE(contains(page.body, "Atelier : la visioconférence"));
  EXPECT_TRUE(contains(page.body, "de 14 h à 16 h 30"));
  EXPECT_TRUE(contains(page.body, "Salle des fêtes, Murat"));
  EXPECT_TRUE(contains(page.body, "12 places libres sur 12"));
  EXPECT_TRUE(contains(page.body, "href=\"" + href + "/modifier\""));
  // Public: it is in everyone's list.
  Browser visitor(server);
  EXPECT_TRUE(contains(visitor.get("/evenements").body, "href=\"" + href + "\""));
  EXPECT_FALSE(contains(visitor.get(href).body, "/modifier"));

  // Changed: held in the Saint-Flour centre now, which lends its commune and address.
  page = animator.get(href + "/modifier");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "value=\"Atelier : la visioconférence\""));
  EXPECT_TRUE(contains(page.body, "value=\"2099-06-15\""));
  EXPECT_TRUE(contains(page.body, "value=\"16:30\""));
  const long saint_flour = centre_near(server, "15187");
  auto changed = with(with(meeting(csrf_field(page.body)), "title", "Atelier visioconférence, deuxième séance"),
                      "centre_id", std::to_string(saint_flour));
  changed = with(with(changed, "commune", ""), "address", "");
  r = animator.post(href + "/modifier", changed);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), href + "?fait=modifie");
  page = animator.get(r.header("location"));
  EXPECT_TRUE(contains(page.body, "L&apos;événement est modifié."));
  EXPECT_TRUE(contains(page.body, "Atelier visioconférence, deuxième séance"));
  EXPECT_TRUE(contains(page.body, "Télécentre de Saint-Flour"));
  EXPECT_TRUE(contains(page.body, "place d&apos;Armes"));
  // Nobody else changes it; an unknown event is not found.
  Browser teleworker(server);
  ASSERT_EQ(teleworker.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  EXPECT_EQ(teleworker.get(href + "/modifier").status, 403);
  EXPECT_EQ(animator.get("/evenements/999999/modifier").status, 404);
}

}  // namespace
}  // namespace tc::test
