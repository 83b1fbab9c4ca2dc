// Individual advice slots over HTTP, against the real program with the demo: the animator offers a morning through
// the API (201, one event per slot) and through the form of /conseil/creneaux (wrong input refused beside its field,
// in French, what was typed kept; no form token, no offer); /conseil lists the free slots by day and place; a
// teleworker books one with one button, after which it is no longer offered, and whoever tries it next is told it
// is taken; the general list of events shows the slots as one line, and the public feed leaves them out.
#include <gtest/gtest.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

const std::string kAnimator = "animation@demo.telecentres.example";
const std::string kAnimatorPassword = "demo-animation-reseau";

// The UTC date `days` from now, "YYYY-MM-DD" (a week ahead is the same day in Paris).
std::string date_in(int days) {
  const std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

json free_slots(const ServerProcess& server, const std::string& day) {
  const auto r = server.get("/api/v1/advice-slots?from=" + day + "&to=" + day);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? json::parse(r.body)["slots"] : json::array();
}

TEST(AdviceApi, TheAnimatorOffersSlotsAndEachIsBookedOnce) {
  ServerProcess server;
  const Signed animator = sign_in_api(server, kAnimator, kAnimatorPassword);
  const Signed teleworker = sign_in_api(server, kTeleworker, kTeleworkerPassword);
  const json offer = {{"date", "2099-03-02"},
                      {"starts", "09:00"},
                      {"ends", "10:30"},
                      {"minutes", 30},
                      {"commune", "15138"},
                      {"address", "Mairie, salle du conseil"},
                      {"title", "Conseil par l'API"},
                      {"description", "Projet de télétravail"}};
  auto r = server.request("POST", "/api/v1/advice-slots", offer.dump(), teleworker.write());
  EXPECT_EQ(r.status, 403) << r.body;
  json bad = offer;
  bad["minutes"] = 10;
  r = server.request("POST", "/api/v1/advice-slots", bad.dump(), animator.write());
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(json::parse(r.body)["field"], "minutes");
  bad = offer;
  bad["date"] = "2020-03-02";
  r = server.request("POST", "/api/v1/advice-slots", bad.dump(), animator.write());
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(json::parse(r.body)["field"], "date");
  EXPECT_TRUE(free_slots(server, "2099-03-02").empty());  // refused offers created nothing

  r = server.request("POST", "/api/v1/advice-slots", offer.dump(), animator.write());
  ASSERT_EQ(r.status, 201) << r.body;
  const json events = json::parse(r.body)["events"];
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0]["type"], "advice");
  EXPECT_EQ(events[0]["capacity"], 1);
  EXPECT_EQ(events[0]["starts"], "09:00");
  EXPECT_EQ(events[2]["ends"], "10:30");
  EXPECT_EQ(events[0]["public"], true);
  EXPECT_EQ(events[0]["commune"]["name"], "Murat");
  const long first = events[0]["id"];
  ASSERT_EQ(free_slots(server, "2099-03-02").size(), 3u);

  const std::string registrations = "/api/v1/events/" + std::to_string(first) + "/registrations";
  r = server.request("POST", registrations, json{{"name", "Anne"}, {"email", "anne@example.fr"}}.dump(),
                     {{"Content-Type", "application/json"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["status"], "confirmed");
  r = server.request("POST", registrations, json{{"name", "Bruno"}, {"email", "bruno@example.fr"}}.dump(),
                     {{"Content-Type", "application/json"}});
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(json::parse(r.body)["reason"], "taken");
  const json left = free_slots(server, "2099-03-02");
  ASSERT_EQ(left.size(), 2u);
  EXPECT_NE(left[0]["id"], first);
  // The general feed leaves the slots out; the slot's own .ics is there for whoever booked it.
  EXPECT_EQ(server.get("/api/v1/events.ics?from=2099-03-01").body.find("Conseil par l"), std::string::npos);
  EXPECT_NE(server.get("/api/v1/events/" + std::to_string(first) + "/event.ics").body.find("Conseil par l"),
            std::string::npos);
  EXPECT_EQ(server.get("/api/v1/advice-slots?from=2099-03-02&to=2099-03-01").status, 400);
}

TEST(AdvicePages, OfferedThroughTheFormBookedWithOneButtonAndThenGone) {
  ServerProcess server;
  const std::string day = date_in(7);
  Browser animator(server);
  ASSERT_EQ(animator.sign_in(kAnimator, kAnimatorPassword).status, 303);
  auto page = animator.get("/conseil/creneaux");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "id=\"minutes\""));
  const std::string csrf = csrf_field(page.body);
  // No place: refused beside its field, in French, what was typed kept.
  auto r = animator.post("/conseil/creneaux", {{"csrf", csrf},
                                               {"centre_id", ""},
                                               {"commune", ""},
                                               {"date", day},
                                               {"starts", "10:00"},
                                               {"ends", "11:00"},
                                               {"minutes", "30"},
                                               {"title", "Conseil création"},
                                               {"public", "yes"}});
  ASSERT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "Le formulaire contient une erreur"));
  EXPECT_TRUE(contains(r.body, "id=\"commune-error\""));
  EXPECT_TRUE(contains(r.body, "Choisissez un télécentre, ou la commune du lieu."));
  EXPECT_TRUE(contains(r.body, "value=\"Conseil création\""));
  // Too short a slot: the service's rule, beside the length.
  r = animator.post(
      "/conseil/creneaux",
      {{"csrf", csrf}, {"commune", "15138"}, {"date", day}, {"starts", "10:00"}, {"ends", "11:00"}, {"minutes", "10"}});
  ASSERT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "id=\"minutes-error\""));
  EXPECT_TRUE(contains(r.body, "Un créneau dure de 15 à 180 minutes."));
  // Without the form's token: refused, nothing created.
  r = animator.post("/conseil/creneaux", {{"csrf", "faux"},
                                          {"commune", "15138"},
                                          {"date", day},
                                          {"starts", "10:00"},
                                          {"ends", "11:00"},
                                          {"minutes", "30"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(free_slots(server, day).empty());
  r = animator.post("/conseil/creneaux", {{"csrf", csrf},
                                          {"commune", "15138"},
                                          {"address", "Salle des fêtes"},
                                          {"date", day},
                                          {"starts", "10:00"},
                                          {"ends", "11:00"},
                                          {"minutes", "30"},
                                          {"public", "yes"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/conseil/creneaux?fait=offert&nombre=2");
  EXPECT_TRUE(contains(animator.get(r.header("location")).body, "2 créneaux sont proposés."));
  const json slots = free_slots(server, day);
  ASSERT_EQ(slots.size(), 2u);
  const std::string first = std::to_string(slots[0]["id"].get<long>());

  // An anonymous visitor sees both, each with a link to its page (name and e-mail there).
  Browser visitor(server);
  page = visitor.get("/conseil");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "10 h – 10 h 30"));
  EXPECT_TRUE(contains(page.body, "10 h 30 – 11 h"));
  EXPECT_TRUE(contains(page.body, "Salle des fêtes, Murat"));
  EXPECT_TRUE(contains(page.body, "href=\"/evenements/" + first + "\""));
  EXPECT_FALSE(contains(page.body, "/conseil/" + first + "/reservation"));
  // The events' list: one line for the slots, no card for each.
  page = visitor.get("/evenements");
  EXPECT_TRUE(contains(page.body, "2 créneaux de conseil individuel disponibles"));
  EXPECT_FALSE(contains(page.body, "href=\"/evenements/" + first + "\""));
  EXPECT_FALSE(contains(page.body, "Créer un événement"));

  // The teleworker books the first with one button.
  Browser teleworker(server);
  ASSERT_EQ(teleworker.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  page = teleworker.get("/conseil");
  ASSERT_TRUE(contains(page.body, "action=\"/conseil/" + first + "/reservation\""));
  r = teleworker.post("/conseil/" + first + "/reservation", {{"csrf", "faux"}});
  EXPECT_EQ(r.status, 403);
  r = teleworker.post("/conseil/" + first + "/reservation", {{"csrf", csrf_field(page.body)}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/evenements/" + first + "?fait=inscrit");
  EXPECT_TRUE(contains(teleworker.get(r.header("location")).body, "Votre inscription est confirmée"));
  page = teleworker.get("/conseil");
  EXPECT_FALSE(contains(page.body, "/conseil/" + first + "/reservation"));
  EXPECT_TRUE(contains(page.body, "Un créneau libre"));
  EXPECT_EQ(free_slots(server, day).size(), 1u);
  // Whoever tries the taken slot next is sent back to the list, told why.
  Browser admin(server);
  ASSERT_EQ(admin.sign_in(kAdmin, kAdminPassword).status, 303);
  page = admin.get("/conseil");
  r = admin.post("/conseil/" + first + "/reservation", {{"csrf", csrf_field(page.body)}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/conseil?refus=pris");
  EXPECT_TRUE(contains(admin.get("/conseil?refus=pris").body, "vient d&apos;être réservé"));
  // The slot's page says it is taken and offers no form.
  page = visitor.get("/evenements/" + first);
  EXPECT_TRUE(contains(page.body, "Ce créneau est déjà réservé."));
  EXPECT_FALSE(contains(page.body, "/evenements/" + first + "/inscription"));
  EXPECT_TRUE(contains(visitor.get("/evenements").body, "un créneau de conseil individuel disponible"));
  // In English.
  EXPECT_TRUE(contains(visitor.get("/conseil?lang=en").body, "Individual advice appointments"));
}

TEST(AdvicePages, OnlyTheAnimatorAndTheCouncilOfferSlots) {
  ServerProcess server;
  Browser anonymous(server);
  auto r = anonymous.get("/conseil/creneaux");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location").rfind("/connexion", 0), 0u);
  Browser teleworker(server);
  ASSERT_EQ(teleworker.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  EXPECT_EQ(teleworker.get("/conseil/creneaux").status, 403);
  EXPECT_FALSE(contains(teleworker.get("/conseil").body, "/conseil/creneaux"));
  Browser admin(server);
  ASSERT_EQ(admin.sign_in(kAdmin, kAdminPassword).status, 303);
  EXPECT_EQ(admin.get("/conseil/creneaux").status, 200);
  EXPECT_TRUE(contains(admin.get("/conseil").body, "href=\"/conseil/creneaux\""));
}

}  // namespace
}  // namespace tc::test
