// The prospection API on a real server with the demo network: the animator adds a company with its contact and
// target centre, moves it forward (skipping a stage is fine), cannot move it back, loses another with a reason;
// overdue next actions are flagged; the history is dated; teleworkers and hosts may not see the pipeline.
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
  EXPECT_EQ(pipeline["companies"].size(), 2u);
  EXPECT_EQ(pipeline["per_stage"]["jobs_relocated"], 1);
  EXPECT_EQ(pipeline["per_stage"]["lost"], 1);
  EXPECT_EQ(pipeline["jobs_relocated"], 12);
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

}  // namespace
}  // namespace tc::test
