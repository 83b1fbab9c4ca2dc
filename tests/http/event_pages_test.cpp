// The events' pages as a browser without JavaScript uses them: an anonymous visitor finds a public event in the
// list, registers with a name and an e-mail (the form's token from its cookie), sees it confirmed; the next visitor
// waits; the organiser's page lists both and marks attendance; the cancellation link asks before it cancels, and a
// GET alone changes nothing; wrong input is refused beside its field. Against the real program with the demo.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

long publish(ServerProcess& server, int capacity) {
  const Signed animator = sign_in_api(server, "animation@demo.telecentres.example", "demo-animation-reseau");
  const json body = {{"type", "information_meeting"},
                     {"title", "Le télétravail près de chez soi"},
                     {"date", "2099-06-15"},
                     {"starts", "18:00"},
                     {"ends", "20:00"},
                     {"commune", "15138"},
                     {"address", "Salle des fêtes"},
                     {"capacity", capacity},
                     {"audiences", {"public"}}};
  const auto r = server.request("POST", "/api/v1/events", body.dump(), animator.write());
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? json::parse(r.body)["id"].get<long>() : 0;
}

TEST(EventPages, AnonymousRegistrationWaitingListAndAttendance) {
  ServerProcess server;
  const long id = publish(server, 1);
  const std::string href = "/evenements/" + std::to_string(id);
  Browser anne(server);
  auto page = anne.get("/evenements");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "href=\"" + href + "\""));
  EXPECT_TRUE(contains(page.body, "Une place libre sur 1"));
  page = anne.get(href);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "/api/v1/events/" + std::to_string(id) + "/event.ics"));
  // Wrong e-mail: refused beside its field, what was typed kept.
  auto r = anne.post(href + "/inscription", {{"csrf", csrf_field(page.body)}, {"name", "Anne"}, {"email", "anne"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "id=\"email-error\""));
  EXPECT_TRUE(contains(r.body, "value=\"Anne\""));
  r = anne.post(href + "/inscription",
                {{"csrf", csrf_field(page.body)}, {"name", "Anne"}, {"email", "anne@example.fr"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), href + "?fait=inscrit");
  EXPECT_TRUE(contains(anne.get(href + "?fait=inscrit").body, "Votre inscription est confirmée"));
  Browser bruno(server);
  page = bruno.get(href);
  EXPECT_TRUE(contains(page.body, "Complet"));
  r = bruno.post(href + "/inscription",
                 {{"csrf", csrf_field(page.body)}, {"name", "Bruno"}, {"email", "bruno@example.fr"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), href + "?fait=attente");
  // Without the form's token: refused.
  Browser mallory(server);
  r = mallory.post(href + "/inscription", {{"csrf", "faux"}, {"name", "M"}, {"email", "m@example.fr"}});
  EXPECT_EQ(r.status, 403);

  Browser animator(server);
  ASSERT_EQ(animator.sign_in("animation@demo.telecentres.example", "demo-animation-reseau").status, 303);
  page = animator.get(href + "/inscrits");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "anne@example.fr"));
  EXPECT_TRUE(contains(page.body, "Liste d&apos;attente"));
  const auto registrations =
      json::parse(server
                      .get("/api/v1/events/" + std::to_string(id) + "/registrations",
                           sign_in_api(server, "animation@demo.telecentres.example", "demo-animation-reseau").read())
                      .body)["registrations"];
  const long anne_id = registrations[0]["id"];
  r = animator.post("/evenements/presence/" + std::to_string(anne_id),
                    {{"csrf", csrf_field(page.body)}, {"event", std::to_string(id)}, {"came", "yes"}});
  ASSERT_EQ(r.status, 303);
  page = animator.get(href + "/inscrits");
  EXPECT_TRUE(contains(page.body, "Une personne est venue."));
  Browser teleworker(server);
  ASSERT_EQ(teleworker.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  EXPECT_EQ(teleworker.get(href + "/inscrits").status, 403);
}

TEST(EventPages, TheCancellationLinkAsksBeforeItCancels) {
  ServerProcess server;
  Browser visitor(server);
  auto page = visitor.get("/evenements/desinscription/jeton-inconnu");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Annuler mon inscription"));
  auto r = visitor.post("/evenements/desinscription/jeton-inconnu", {{"csrf", csrf_field(page.body)}});
  EXPECT_EQ(r.status, 404);
  r = visitor.post("/evenements/desinscription/jeton-inconnu", {{"csrf", "faux"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(visitor.get("/evenements/abc").status, 404);
  EXPECT_EQ(visitor.get("/evenements/999").status, 404);
}

}  // namespace
}  // namespace tc::test
