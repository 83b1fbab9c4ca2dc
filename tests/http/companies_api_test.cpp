// The prospection API on a real server with the demo network: the animator adds a company with its contact and
// target centre, moves it forward (skipping a stage is fine), cannot move it back, loses another with a reason;
// overdue next actions are flagged; the history is dated; teleworkers and hosts may not see the pipeline. A relocated
// employee's account is linked to its company once, counts in the pipeline and the indicators, and shows in the
// person's data export.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

TEST(CompaniesApi, ThePipelineMovesForwardWithItsHistory) {
  ServerProcess server;
  const Signed animator = sign_in_api(server, "animation@demo.telecentres.example", "demo-animation-reseau");
  const Signed host = sign_in_api(server, "accueil.murat@demo.telecentres.example", "demo-accueil-murat");
  const long murat = centre_near(server, "15138");
  // The demo's pipeline already holds companies: what follows is measured against it.
  const json before = json::parse(server.get("/api/v1/companies", animator.read()).body);
  json body = {{"name", "Mutuelle Nationale Exemple"},
               {"siren", "123456782"},
               {"sector", "Assurance"},
               {"head_office", "15014"},
               {"employees", 4200},
               {"partner", "Réseau national des télécentres"},
               {"potential_jobs", 25},
               {"target_centres", {murat}},
               {"next_action", "Appeler la DRH"},
               {"next_action_on", "2020-01-15"},
               {"contacts", {{{"name", "Hélène Fictive"}, {"role", "DRH"}, {"email", "helene@example.fr"}}}}};
  auto r = server.request("POST", "/api/v1/companies", body.dump(), animator.write());
  ASSERT_EQ(r.status, 201) << r.body;
  const json created = json::parse(r.body);
  EXPECT_EQ(created["stage"], "identified");
  EXPECT_EQ(created["overdue"], true);  // its next action's date has passed
  EXPECT_EQ(created["history"].size(), 1u);
  const std::string href = created["href"];

  r = server.request("POST", href + "/stage",
                     json{{"stage", "meeting"},
                          {"note", "Rendez-vous au siège"},
                          {"next_action", "Envoyer l'offre"},
                          {"next_action_on", "2099-02-01"}}
                         .dump(),
                     animator.write());
  ASSERT_EQ(r.status, 200) << r.body;
  json moved = json::parse(r.body);
  EXPECT_EQ(moved["stage"], "meeting");
  EXPECT_EQ(moved["overdue"], false);
  ASSERT_EQ(moved["history"].size(), 2u);
  EXPECT_EQ(moved["history"][1]["from"], "identified");
  EXPECT_EQ(moved["history"][1]["note"], "Rendez-vous au siège");
  r = server.request("POST", href + "/stage", json{{"stage", "contacted"}}.dump(), animator.write());
  EXPECT_EQ(r.status, 422) << r.body;
  r = server.request("POST", href + "/stage", json{{"stage", "jobs_relocated"}}.dump(), animator.write());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body)["field"], "jobs_relocated");
  r = server.request("POST", href + "/stage", json{{"stage", "jobs_relocated"}, {"jobs_relocated", 12}}.dump(),
                     animator.write());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["jobs_relocated"], 12);

  r = server.request("POST", "/api/v1/companies", json{{"name", "Banque Imaginaire"}}.dump(), animator.write());
  ASSERT_EQ(r.status, 201);
  const std::string other = json::parse(r.body)["href"];
  r = server.request("POST", other + "/stage", json{{"stage", "lost"}}.dump(), animator.write());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body)["field"], "lost_reason");
  r = server.request("POST", other + "/stage", json{{"stage", "lost"}, {"lost_reason", "Pas de projet"}}.dump(),
                     animator.write());
  ASSERT_EQ(r.status, 200);

  r = server.get("/api/v1/companies", animator.read());
  ASSERT_EQ(r.status, 200);
  const json pipeline = json::parse(r.body);
  EXPECT_EQ(pipeline["companies"].size(), before["companies"].size() + 2);
  EXPECT_EQ(pipeline["per_stage"]["jobs_relocated"], before["per_stage"]["jobs_relocated"].get<int>() + 1);
  EXPECT_EQ(pipeline["per_stage"]["lost"], before["per_stage"]["lost"].get<int>() + 1);
  EXPECT_EQ(pipeline["per_stage"]["identified"], before["per_stage"]["identified"]);
  EXPECT_EQ(pipeline["jobs_relocated"], before["jobs_relocated"].get<int>() + 12);
  EXPECT_EQ(server.get("/api/v1/companies", host.read()).status, 403);
  EXPECT_EQ(server.get("/api/v1/companies/999999", animator.read()).status, 404);
  for (const auto& [field, value] : std::vector<std::pair<std::string, json>>{
           {"siren", "123456789"}, {"name", ""}, {"head_office", "99999"}, {"target_centres", json::array({999999})}}) {
    json bad = body;
    bad[field] = value;
    r = server.request("POST", "/api/v1/companies", bad.dump(), animator.write());
    EXPECT_EQ(r.status, 400) << field << " " << r.body;
    EXPECT_EQ(json::parse(r.body)["field"], field) << r.body;
  }
}

TEST(CompaniesApi, ARelocatedEmployeesAccountIsLinkedToItsCompany) {
  ServerProcess server;
  const Signed animator = sign_in_api(server, "animation@demo.telecentres.example", "demo-animation-reseau");
  const Signed host = sign_in_api(server, "accueil.murat@demo.telecentres.example", "demo-accueil-murat");
  const Signed teleworker = sign_in_api(server, "teleworker@demo.telecentres.example", "demo-teletravail-cantal");
  // What the demo's pipeline already holds.
  const json pipeline_before = json::parse(server.get("/api/v1/companies", animator.read()).body);
  const json prospection_before = json::parse(server.get("/api/v1/indicators", animator.read()).body)["prospection"];
  auto r = server.request("POST", "/api/v1/companies", json{{"name", "Mutuelle Nationale Exemple"}}.dump(),
                          animator.write());
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string href = json::parse(r.body)["href"];
  EXPECT_EQ(json::parse(r.body)["employees_linked"], 0);
  r = server.request("POST", href + "/stage", json{{"stage", "jobs_relocated"}, {"jobs_relocated", 3}}.dump(),
                     animator.write());
  ASSERT_EQ(r.status, 200) << r.body;

  const json who = {{"email", "Teleworker@demo.telecentres.example"}};
  r = server.request("POST", href + "/employees", who.dump(), animator.write());
  ASSERT_EQ(r.status, 201) << r.body;
  const json linked = json::parse(r.body);
  EXPECT_EQ(linked["employees_linked"], 1);
  ASSERT_EQ(linked["linked_employees"].size(), 1u);
  EXPECT_EQ(linked["linked_employees"][0]["name"], "Camille Teyssèdre");
  const long person = linked["linked_employees"][0]["person_id"];
  EXPECT_EQ(linked["linked_employees"][0]["linked_on"].get<std::string>().size(), 10u);
  EXPECT_EQ(server.request("POST", href + "/employees", who.dump(), animator.write()).status, 409);
  r = server.request("POST", href + "/employees", json{{"email", "personne@example.fr"}}.dump(), animator.write());
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(json::parse(r.body)["field"], "email");
  EXPECT_EQ(server.request("POST", href + "/employees", "{}", animator.write()).status, 400);
  EXPECT_EQ(server.request("POST", "/api/v1/companies/999999/employees", who.dump(), animator.write()).status, 404);
  EXPECT_EQ(server.request("POST", href + "/employees", who.dump(), host.write()).status, 403);

  // The pipeline and the indicators count the linked account beside the declared jobs.
  const json pipeline = json::parse(server.get("/api/v1/companies", animator.read()).body);
  EXPECT_EQ(pipeline["employees_linked"].get<int>() - pipeline_before["employees_linked"].get<int>(), 1);
  r = server.get("/api/v1/indicators", animator.read());
  ASSERT_EQ(r.status, 200) << r.body;
  const json indicators = json::parse(r.body);
  const json& prospection = indicators["prospection"];
  EXPECT_EQ(prospection["employees_linked"].get<int>() - prospection_before["employees_linked"].get<int>(), 1);
  EXPECT_EQ(prospection["jobs_relocated"].get<int>() - prospection_before["jobs_relocated"].get<int>(), 3);
  EXPECT_EQ(prospection["per_stage"]["jobs_relocated"].get<int>() -
                prospection_before["per_stage"]["jobs_relocated"].get<int>(),
            1);
  EXPECT_TRUE(indicators["job_seekers_became_independent"].is_number_integer());
  EXPECT_TRUE(indicators["active_teleworkers_by_category"].is_array());

  // The person finds the link and their category's history in their data.
  r = server.get("/api/v1/me/export", teleworker.read());
  ASSERT_EQ(r.status, 200);
  const json mine = json::parse(r.body);
  EXPECT_EQ(mine["profile"]["category"], "relocated_employee");
  EXPECT_EQ(mine["company"]["name"], "Mutuelle Nationale Exemple");
  ASSERT_FALSE(mine["category_history"].empty());
  EXPECT_EQ(mine["category_history"].back()["to"], "relocated_employee");

  const std::string link = href + "/employees/" + std::to_string(person);
  EXPECT_EQ(server.request("DELETE", link, "", host.write()).status, 403);
  EXPECT_EQ(server.request("DELETE", link, "", animator.write()).status, 204);
  EXPECT_EQ(server.request("DELETE", link, "", animator.write()).status, 404);
  EXPECT_EQ(json::parse(server.get(href, animator.read()).body)["linked_employees"].size(), 0u);
  EXPECT_TRUE(json::parse(server.get("/api/v1/me/export", teleworker.read()).body)["company"].is_null());
}

}  // namespace
}  // namespace tc::test
