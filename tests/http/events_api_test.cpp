// The events API on a real server: the animator publishes a public two-hour meeting with one place; an anonymous
// visitor takes the place by name and e-mail, the next one waits; everyone lists it and downloads its .ics; the
// organiser reads the registrations and marks attendance; a private event is hidden from anonymous visitors;
// teleworkers may not publish; bad input names its field.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kJson = {{"Content-Type", "application/json"}};

TEST(EventsApi, PublishRegisterWaitListAndAttend) {
  ServerProcess server;
  const Signed animator = sign_in_api(server, "animation@demo.telecentres.example", "demo-animation-reseau");
  const Signed teleworker = sign_in_api(server, "teleworker@demo.telecentres.example", "demo-teletravail-cantal");
  json body = {{"type", "information_meeting"},
               {"title", "Le télétravail près de chez soi"},
               {"date", "2099-06-15"},
               {"starts", "18:00"},
               {"ends", "20:00"},
               {"commune", "15138"},
               {"address", "Salle des fêtes"},
               {"capacity", 1},
               {"audiences", {"public", "teleworkers"}}};
  auto r = server.request("POST", "/api/v1/events", body.dump(), animator.write());
  ASSERT_EQ(r.status, 201) << r.body;
  const json event = json::parse(r.body);
  EXPECT_EQ(event["commune"]["name"], "Murat");
  EXPECT_EQ(event["places_left"], 1);
  EXPECT_EQ(event["public"], true);
  const std::string href = event["href"];
  EXPECT_EQ(r.header("location"), href);

  r = server.request("POST", href + "/registrations", json{{"name", "Anne"}, {"email", "anne@example.fr"}}.dump(),
                     kJson);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["status"], "confirmed");
  const long anne = json::parse(r.body)["id"];
  r = server.request("POST", href + "/registrations", json{{"name", "Bruno"}, {"email", "bruno@example.fr"}}.dump(),
                     kJson);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["status"], "waiting");
  r = server.request("POST", href + "/registrations", json{{"name", "Anne"}, {"email", "anne@example.fr"}}.dump(),
                     kJson);
  EXPECT_EQ(r.status, 409);
  r = server.request("POST", href + "/registrations", json{{"name", "Chloé"}, {"email", "pas-une-adresse"}}.dump(),
                     kJson);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["field"], "email");
  // The teleworker registers with the account: waiting too.
  r = server.request("POST", href + "/registrations", "{}", teleworker.write());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["email"], "teleworker@demo.telecentres.example");

  r = server.get("/api/v1/events?from=2099-01-01&to=2099-12-31");
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(json::parse(r.body)["events"].size(), 1u);
  EXPECT_EQ(json::parse(r.body)["events"][0]["waiting"], 2);
  r = server.get("/api/v1/events.ics?from=2099-01-01");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/calendar; charset=utf-8");
  EXPECT_NE(r.body.find("DTSTART;TZID=Europe/Paris:20990615T180000"), std::string::npos) << r.body;
  EXPECT_EQ(server.get(href + "/event.ics").status, 200);

  r = server.get(href + "/registrations", animator.read());
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["registrations"].size(), 3u);
  EXPECT_EQ(server.get(href + "/registrations", teleworker.read()).status, 403);
  EXPECT_EQ(server.get(href + "/registrations").status, 401);
  r = server.request("POST", "/api/v1/registrations/" + std::to_string(anne) + "/attendance",
                     json{{"attended", true}}.dump(), animator.write());
  EXPECT_EQ(r.status, 200) << r.body;
  r = server.request("POST", "/api/v1/registrations/cancel", json{{"token", "inconnu"}}.dump(), kJson);
  EXPECT_EQ(r.status, 404);
}

TEST(EventsApi, PrivateEventsAndRefusals) {
  ServerProcess server;
  const Signed animator = sign_in_api(server, "animation@demo.telecentres.example", "demo-animation-reseau");
  const Signed teleworker = sign_in_api(server, "teleworker@demo.telecentres.example", "demo-teletravail-cantal");
  json body = {{"type", "training"},   {"title", "Atelier entreprises"},
               {"date", "2099-03-02"}, {"starts", "09:00"},
               {"ends", "12:00"},      {"commune", "15187"},
               {"capacity", 12},       {"audiences", {"companies"}}};
  EXPECT_EQ(server.request("POST", "/api/v1/events", body.dump(), teleworker.write()).status, 403);
  auto r = server.request("POST", "/api/v1/events", body.dump(), animator.write());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string href = json::parse(r.body)["href"];
  EXPECT_EQ(server.get(href).status, 404);
  EXPECT_EQ(server.get(href, teleworker.read()).status, 200);
  EXPECT_TRUE(json::parse(server.get("/api/v1/events?from=2099-01-01").body)["events"].empty());
  r = server.request("POST", href + "/registrations", json{{"name", "Anne"}, {"email", "anne@example.fr"}}.dump(),
                     kJson);
  EXPECT_EQ(r.status, 404);
  for (const auto& [field, value] : std::vector<std::pair<std::string, json>>{
           {"type", "party"}, {"starts", "9h"}, {"date", "2099-02-30"}, {"audiences", json::array({"aliens"})}}) {
    json bad = body;
    bad[field] = value;
    r = server.request("POST", "/api/v1/events", bad.dump(), animator.write());
    EXPECT_EQ(r.status, 400) << field;
    EXPECT_EQ(json::parse(r.body)["field"], field) << r.body;
  }
  EXPECT_EQ(server.get("/api/v1/events?from=demain").status, 400);
}

}  // namespace
}  // namespace tc::test
