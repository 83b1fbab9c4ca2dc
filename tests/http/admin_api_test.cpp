// The network administration's JSON API on a real server over loopback: creating and editing centres (and who may),
// status changes guarded by premises conformity, equipment and its exports, occupancy agreements, ZRR
// reclassifications, and the grant statement's contract (field names and cents).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>

#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

class AdminApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    admin_ = sign_in_api(*server_, "admin@demo.telecentres.example", "demo-conseil-cantal");
    host_ = sign_in_api(*server_, "accueil.murat@demo.telecentres.example", "demo-accueil-murat");
    teleworker_ = sign_in_api(*server_, "teleworker@demo.telecentres.example", "demo-teletravail-cantal");
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static HttpResponse send(const Signed& who, const std::string& method, const std::string& path,
                           const json& body = nullptr) {
    return server_->request(method, path, body.is_null() ? "" : body.dump(), who.write());
  }
  static json new_centre(const std::string& name) {
    return {{"name", name},
            {"host_authority", "Commune de Riom-ès-Montagnes"},
            {"commune_insee", "15162"},
            {"address", "Place du Marché"},
            {"offices", {{{"name", "Bureau 1"}, {"posts", {{{"label", "Poste 1"}}, {{"label", "Poste 2"}}}}}}},
            {"services", {{"reception", "none"}, {"copier", true}, {"fax", true}, {"broadband", {{"down_mbps", 20}}}}},
            {"accessibility", {{"step_free", true}, {"register_url", "https://example.fr/registre"}}},
            {"opening_hours", {{{"weekday", 1}, {"slot", "morning"}, {"opens", "09:00"}, {"closes", "12:00"}}}}};
  }
  static ServerProcess* server_;
  static Signed admin_, host_, teleworker_;
};
ServerProcess* AdminApi::server_ = nullptr;
Signed AdminApi::admin_, AdminApi::host_, AdminApi::teleworker_;

TEST_F(AdminApi, AnAdminCreatesACentreThatTheDirectoryShowsAtOnce) {
  const auto r = send(admin_, "POST", "/api/v1/centres", new_centre("Télécentre de Riom"));
  ASSERT_EQ(r.status, 201) << r.body;
  const json c = json::parse(r.body);
  EXPECT_EQ(r.header("location"), "/api/v1/centres/" + std::to_string(c["id"].get<long>()));
  EXPECT_EQ(c["status"], "planned");
  EXPECT_EQ(c["posts"], 2);
  EXPECT_EQ(c["offices"][0]["posts"][1]["label"], "Poste 2");
  EXPECT_GT(c["offices"][0]["posts"][0]["id"].get<long>(), 0);
  const json near = json::parse(server_->get("/api/v1/centres?near=15162&within_km=1").body);
  ASSERT_FALSE(near["centres"].empty());
  EXPECT_EQ(near["centres"][0]["name"], "Télécentre de Riom");
  // The audit log has it.
  const json audit = json::parse(server_->get("/api/v1/audit", admin_.read()).body);
  EXPECT_EQ(audit["entries"][0]["action"], "centre.create") << audit.dump();
}

TEST_F(AdminApi, BadCentresAreRefusedWithTheFieldAndNothingIsCreated) {
  const auto before = json::parse(server_->get("/api/v1/centres").body)["centres"].size();
  json five = new_centre("Trop grand");
  five["offices"] = json::array();
  for (int i = 0; i < 5; ++i)
    five["offices"].push_back({{"name", "B" + std::to_string(i)}, {"posts", {{{"label", "P"}}}}});
  auto r = send(admin_, "POST", "/api/v1/centres", five);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("1 à 4 bureaux"), std::string::npos) << r.body;
  json typo = new_centre("Coquille");
  typo["adress"] = "x";
  r = send(admin_, "POST", "/api/v1/centres", typo);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["field"], "adress");
  json bad_hour = new_centre("Heure");
  bad_hour["opening_hours"][0]["opens"] = "9h";
  r = send(admin_, "POST", "/api/v1/centres", bad_hour);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["field"], "opening_hours[0].opens");
  json unknown_commune = new_centre("Ailleurs");
  unknown_commune["commune_insee"] = "99999";
  EXPECT_EQ(send(admin_, "POST", "/api/v1/centres", unknown_commune).status, 400);
  EXPECT_EQ(json::parse(server_->get("/api/v1/centres").body)["centres"].size(), before);
  // Others may not create; without the CSRF token neither may the admin.
  EXPECT_EQ(send(teleworker_, "POST", "/api/v1/centres", new_centre("X")).status, 403);
  EXPECT_EQ(send(host_, "POST", "/api/v1/centres", new_centre("X")).status, 403);
  EXPECT_EQ(server_->request("POST", "/api/v1/centres", new_centre("X").dump(), {{"Content-Type", "application/json"}})
                .status,
            401);
  EXPECT_EQ(server_
                ->request("POST", "/api/v1/centres", new_centre("X").dump(),
                          {{"Cookie", admin_.cookie}, {"Content-Type", "application/json"}})
                .status,
            403);
}

TEST_F(AdminApi, OfficesArePatchedByIdAndAPostListedTwiceIsRefused) {
  const auto created = send(admin_, "POST", "/api/v1/centres", new_centre("Télécentre des bureaux"));
  ASSERT_EQ(created.status, 201) << created.body;
  const json c = json::parse(created.body);
  const std::string path = "/api/v1/centres/" + c["id"].dump();
  json offices = c["offices"];
  offices[0]["posts"].push_back(offices[0]["posts"][0]);  // the same post id twice
  auto r = send(admin_, "PATCH", path, {{"offices", offices}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(json::parse(r.body)["field"], "offices");
  // Renaming the first post, dropping the second and adding a new office keeps the first post's id.
  offices = c["offices"];
  offices[0]["posts"][0]["label"] = "Poste fenêtre";
  offices[0]["posts"].erase(1);
  offices.push_back({{"name", "Bureau 2"}, {"posts", {{{"label", "Poste A"}}}}});
  r = send(admin_, "PATCH", path, {{"offices", offices}});
  ASSERT_EQ(r.status, 200) << r.body;
  const json after = json::parse(r.body);
  EXPECT_EQ(after["offices"][0]["posts"].size(), 1u);
  EXPECT_EQ(after["offices"][0]["posts"][0]["id"], c["offices"][0]["posts"][0]["id"]);
  EXPECT_EQ(after["offices"][0]["posts"][0]["label"], "Poste fenêtre");
  EXPECT_EQ(after["offices"][1]["name"], "Bureau 2");
  EXPECT_EQ(after["posts"], 2);
}

TEST_F(AdminApi, HostsEditHoursClosuresAndServicesOfTheirCentreOnly) {
  const long murat = centre_near(*server_, "15138");
  const long flour = centre_near(*server_, "15187");
  const json hours = {{"opening_hours",
                       {{{"weekday", 2}, {"slot", "morning"}, {"opens", "08:30"}, {"closes", "12:30"}},
                        {{"weekday", 2}, {"slot", "afternoon"}, {"opens", "13:30"}, {"closes", "18:00"}}}},
                      {"closures", {{{"from", "2027-08-01"}, {"to", "2027-08-16"}, {"reason", "Congés"}}}},
                      {"services", {{"printer", true}}}};
  auto r = send(host_, "PATCH", "/api/v1/centres/" + std::to_string(murat), hours);
  ASSERT_EQ(r.status, 200) << r.body;
  const json c = json::parse(r.body);
  EXPECT_EQ(c["opening_hours"].size(), 2u);
  EXPECT_EQ(c["closures"][0]["reason"], "Congés");
  EXPECT_EQ(c["services"]["printer"], true);
  EXPECT_EQ(c["services"]["fax"],
            json::parse(server_->get("/api/v1/centres/" + std::to_string(murat)).body)["services"]["fax"]);
  EXPECT_EQ(send(host_, "PATCH", "/api/v1/centres/" + std::to_string(murat), {{"name", "Autre"}}).status, 403);
  EXPECT_EQ(send(host_, "PATCH", "/api/v1/centres/" + std::to_string(flour), hours).status, 404);
  EXPECT_EQ(send(teleworker_, "PATCH", "/api/v1/centres/" + std::to_string(murat), hours).status, 404);
  // The admin renames it; the public record follows.
  r = send(admin_, "PATCH", "/api/v1/centres/" + std::to_string(murat), {{"description", "Rénové en 2027."}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(server_->get("/api/v1/centres/" + std::to_string(murat)).body)["description"],
            "Rénové en 2027.");
}

TEST_F(AdminApi, ANonConformingCentreNeedsARecordedOverrideToGoIntoService) {
  const auto created = send(admin_, "POST", "/api/v1/centres", new_centre("Sans accueil"));
  ASSERT_EQ(created.status, 201);
  const std::string base = "/api/v1/centres/" + std::to_string(json::parse(created.body)["id"].get<long>());
  const json conformity = json::parse(server_->get(base + "/conformity", admin_.read()).body);
  EXPECT_EQ(conformity["ruleset"], "DIACT-2006");
  EXPECT_FALSE(conformity["conforming"]);
  bool reception_failed = false;
  for (const auto& c : conformity["criteria"])
    if (c["code"] == "reception") {
      reception_failed = !c["passed"].get<bool>();
      EXPECT_EQ(c["message_fr"], "Aucun accueil : ni secrétariat ni animateur.");
    }
  EXPECT_TRUE(reception_failed);
  EXPECT_EQ(conformity["criteria"].size(), 7u);
  ASSERT_EQ(send(admin_, "POST", base + "/status", {{"status", "opening"}, {"on", "2026-12-01"}}).status, 200);
  auto r = send(admin_, "POST", base + "/status", {{"status", "in_service"}, {"on", "2027-01-04"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body)["reason"], "not_conforming");
  r = send(admin_, "POST", base + "/status",
           {{"status", "in_service"}, {"on", "2027-01-04"}, {"override_reason", "Accueil par la mairie, 2 rue Haute"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const json c = json::parse(r.body);
  EXPECT_EQ(c["status"], "in_service");
  EXPECT_EQ(c["status_history"].back()["override_reason"], "Accueil par la mairie, 2 rue Haute");
  EXPECT_EQ(send(admin_, "POST", base + "/status", {{"status", "planned"}}).status, 422);
  EXPECT_EQ(send(host_, "POST", base + "/status", {{"status", "closed"}}).status, 403);
}

TEST_F(AdminApi, EquipmentIsRecordedChangedAndExported) {
  const long murat = centre_near(*server_, "15138");
  const std::string list = "/api/v1/centres/" + std::to_string(murat) + "/equipment";
  auto r = send(admin_, "POST", list,
                {{"category", "computer"},
                 {"description", "Portable de prêt; « 14 pouces »"},
                 {"serial_number", "SN-ESSAI-1"},
                 {"delivered_on", "2027-01-15"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const long id = json::parse(r.body)["id"];
  EXPECT_EQ(json::parse(r.body)["state"], "in_use");
  r = send(admin_, "PATCH", "/api/v1/equipment/" + std::to_string(id), {{"state", "broken"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["state"], "broken");
  EXPECT_EQ(send(admin_, "PATCH", "/api/v1/equipment/" + std::to_string(id), {{"state", "lost"}}).status, 400);
  EXPECT_EQ(send(admin_, "POST", list, {{"category", "computer"}, {"description", ""}}).status, 400);
  // The host sees it, cannot change it, and sees nothing of Saint-Flour.
  const json seen = json::parse(server_->get(list, host_.read()).body);
  bool found = false;
  for (const auto& i : seen["items"]) found = found || i["serial_number"] == "SN-ESSAI-1";
  EXPECT_TRUE(found);
  EXPECT_GE(seen["summary"]["by_category"]["computer"]["by_state"]["broken"].get<int>(), 1);
  EXPECT_EQ(send(host_, "PATCH", "/api/v1/equipment/" + std::to_string(id), {{"state", "in_use"}}).status, 403);
  EXPECT_EQ(
      server_->get("/api/v1/centres/" + std::to_string(centre_near(*server_, "15187")) + "/equipment", host_.read())
          .status,
      404);
  EXPECT_EQ(server_->get("/api/v1/equipment.csv", host_.read()).status, 403);
  const auto csv = server_->get("/api/v1/equipment.csv", admin_.read());
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("\"Portable de prêt; « 14 pouces »\""), std::string::npos);
  const auto xlsx = server_->get("/api/v1/equipment.xlsx", admin_.read());
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");  // a zip container
  EXPECT_NE(xlsx.header("content-disposition").find(".xlsx"), std::string::npos);
}

TEST_F(AdminApi, AgreementsAreRecordedAndEndedAndCountInTheGrant) {
  // A new centre of the admin's, so that no demo agreement covers its posts; the Murat host does not manage it.
  const auto created = send(admin_, "POST", "/api/v1/centres", new_centre("Télécentre des conventions"));
  ASSERT_EQ(created.status, 201) << created.body;
  const json centre = json::parse(created.body);
  const long centre_id = centre["id"];
  ASSERT_EQ(
      send(admin_, "POST", "/api/v1/centres/" + std::to_string(centre_id) + "/status", {{"status", "opening"}}).status,
      200);
  const long post = centre["offices"].back()["posts"].back()["id"];
  const std::string base = "/api/v1/centres/" + std::to_string(centre_id) + "/agreements";
  auto r = send(admin_, "POST", base, {{"post_id", post}, {"person_id", teleworker_.id}, {"from", "2030-01-01"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const json a = json::parse(r.body);
  EXPECT_EQ(a["person_name"], "Camille Teyssèdre");
  EXPECT_EQ(a["to"], nullptr);
  EXPECT_EQ(
      send(admin_, "POST", base, {{"post_id", post}, {"person_id", teleworker_.id}, {"from", "2030-06-01"}}).status,
      409);
  EXPECT_EQ(
      send(admin_, "POST", base, {{"post_id", 999999}, {"person_id", teleworker_.id}, {"from", "2031-01-01"}}).status,
      422);
  EXPECT_EQ(
      send(host_, "POST", base, {{"post_id", post}, {"person_id", teleworker_.id}, {"from", "2031-01-01"}}).status,
      404);  // the Murat host does not manage Saint-Flour
  // Over 2030, the post counts by its agreement.
  const json g =
      json::parse(server_->get("/api/v1/grant?ruleset=DIACT-2006&from=2030-01-01&to=2030-12-31", admin_.read()).body);
  bool counted = false;
  for (const auto& o : g["occupancy"])
    for (const auto& p : o["posts"])
      if (p["post_id"] == post) counted = p["rule"] == "agreement" && p["agreement_id"] == a["id"];
  EXPECT_TRUE(counted) << g.dump();
  r = send(admin_, "POST", "/api/v1/agreements/" + a["id"].dump() + "/end",
           {{"on", "2030-03-31"}, {"reason", "Départ"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["ended_on"], "2030-03-31");
  EXPECT_EQ(send(admin_, "POST", "/api/v1/agreements/" + a["id"].dump() + "/end", {{"on", "2030-04-30"}}).status, 409);
}

TEST_F(AdminApi, TheGrantStatementHasTheContractsFieldsInCents) {
  EXPECT_EQ(server_->get("/api/v1/grant?from=2026-01-01&to=2026-12-31", host_.read()).status, 403);
  EXPECT_EQ(server_->get("/api/v1/grant?from=2026-01-01&to=2026-12-31", teleworker_.read()).status, 403);
  EXPECT_EQ(server_->get("/api/v1/grant?from=2026-01-01&to=2026-12-31").status, 401);
  EXPECT_EQ(server_->get("/api/v1/grant?ruleset=DIACT-2006&from=2026-13-01&to=2026-12-31", admin_.read()).status, 400);
  EXPECT_EQ(server_->get("/api/v1/grant?ruleset=NOPE&from=2026-01-01&to=2026-12-31", admin_.read()).status, 404);
  const auto r = server_->get("/api/v1/grant?ruleset=DIACT-2006&from=2026-01-01&to=2026-12-31", admin_.read());
  ASSERT_EQ(r.status, 200) << r.body;
  const json g = json::parse(r.body);
  for (const char* k :
       {"ruleset", "envelope_cents", "total_cents", "payable_cents", "shortfall_cents", "centres", "forecast"})
    EXPECT_TRUE(g.contains(k)) << k;
  EXPECT_EQ(g["ruleset"], "DIACT-2006");
  EXPECT_EQ(g["envelope_cents"], 10'000'000);
  long long sum = 0;
  for (const auto& c : g["centres"]) {
    for (const char* k : {"centre_id", "name", "zrr", "base_cents", "occupied_posts", "per_post_cents", "total_cents"})
      EXPECT_TRUE(c.contains(k)) << k;
    EXPECT_EQ(c["base_cents"], c["zrr"].get<bool>() ? 1'200'000 : 800'000);
    EXPECT_EQ(c["per_post_cents"], c["zrr"].get<bool>() ? 200'000 : 150'000);
    EXPECT_EQ(
        c["total_cents"].get<long long>(),
        c["base_cents"].get<long long>() + c["occupied_posts"].get<long long>() * c["per_post_cents"].get<long long>());
    EXPECT_NE(c["name"], "Télécentre d'Aurillac");  // planned: forecast only
    sum += c["total_cents"].get<long long>();
  }
  EXPECT_EQ(g["total_cents"].get<long long>(), sum);
  EXPECT_EQ(g["payable_cents"].get<long long>(), std::min<long long>(sum, 10'000'000));
  EXPECT_EQ(g["shortfall_cents"].get<long long>(), sum - g["payable_cents"].get<long long>());
  // The demo's 4 in service and 2 opening are there (other tests may add centres); its 2 planned ones are the forecast.
  int demo_lines = 0;
  for (const auto& c : g["centres"]) {
    EXPECT_TRUE(c["status"] == "opening" || c["status"] == "in_service") << c.dump();
    demo_lines +=
        c["name"].get<std::string>().rfind("Télécentre d", 0) == 0 && c["name"] != "Télécentre des conventions";
  }
  EXPECT_GE(demo_lines, 6);
  std::set<std::string> forecast;
  for (const auto& c : g["forecast"]["centres"]) forecast.insert(c["name"].get<std::string>());
  EXPECT_TRUE(forecast.contains("Télécentre d'Aurillac"));
  EXPECT_TRUE(forecast.contains("Télécentre de Mauriac"));
  // The same statement as files.
  const auto csv = server_->get("/api/v1/grant.csv?ruleset=DIACT-2006&from=2026-01-01&to=2026-12-31", admin_.read());
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("centre_id;name;commune;status;zrr;base_eur;occupied_posts;per_post_eur;total_eur"),
            std::string::npos);
  const auto xlsx = server_->get("/api/v1/grant.xlsx?ruleset=DIACT-2006&from=2026-01-01&to=2026-12-31", admin_.read());
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

TEST_F(AdminApi, RulesetsAndZrrChangesAreAdminsData) {
  json r30 = {{"name", "THD-2027"},
              {"valid_from", "2027-01-01"},
              {"centre_zrr_cents", 1'500'000},
              {"centre_other_cents", 1'000'000},
              {"post_zrr_cents", 250'000},
              {"post_other_cents", 200'000},
              {"envelope_cents", 20'000'000},
              {"min_broadband_mbps", 30}};
  auto r = send(admin_, "POST", "/api/v1/grant/rulesets", r30);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(send(admin_, "POST", "/api/v1/grant/rulesets", r30).status, 409);
  r30["name"] = "NEG";
  r30["post_zrr_cents"] = -1;
  EXPECT_EQ(send(admin_, "POST", "/api/v1/grant/rulesets", r30).status, 400);
  EXPECT_EQ(send(host_, "POST", "/api/v1/grant/rulesets", r30).status, 403);
  const json list = json::parse(server_->get("/api/v1/grant/rulesets", admin_.read()).body);
  ASSERT_EQ(list["rulesets"].size(), 2u);
  EXPECT_EQ(list["rulesets"][0]["name"], "DIACT-2006");
  // Under the 30 Mbit/s ruleset, Murat's broadband no longer passes if it is under 30.
  const long murat = centre_near(*server_, "15138");
  const json centre = json::parse(server_->get("/api/v1/centres/" + std::to_string(murat)).body);
  const double down = centre["services"]["broadband"]["down_mbps"];
  const json c30 = json::parse(
      server_->get("/api/v1/centres/" + std::to_string(murat) + "/conformity?ruleset=THD-2027", admin_.read()).body);
  for (const auto& c : c30["criteria"])
    if (c["code"] == "broadband") {
      EXPECT_EQ(c["passed"].get<bool>(), down >= 30) << c.dump();
    }
  // A ZRR reclassification, once per commune and date.
  r = send(admin_, "POST", "/api/v1/communes/15138/zrr-changes",
           {{"from", "2028-01-01"}, {"zrr", false}, {"note", "Décret"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(send(admin_, "POST", "/api/v1/communes/15138/zrr-changes", {{"from", "2028-01-01"}, {"zrr", true}}).status,
            409);
  EXPECT_EQ(send(admin_, "POST", "/api/v1/communes/99999/zrr-changes", {{"from", "2028-01-01"}, {"zrr", true}}).status,
            404);
  const json changes = json::parse(server_->get("/api/v1/communes/15138/zrr-changes", admin_.read()).body);
  ASSERT_EQ(changes["changes"].size(), 1u);
  EXPECT_EQ(changes["changes"][0]["zrr"], false);
  // From 2028, Murat counts outside the ZRR.
  const json g =
      json::parse(server_->get("/api/v1/grant?ruleset=DIACT-2006&from=2028-01-01&to=2028-12-31", admin_.read()).body);
  for (const auto& c : g["centres"])
    if (c["centre_id"] == murat) {
      EXPECT_EQ(c["zrr"], false);
    }
}

}  // namespace
}  // namespace tc::test

namespace tc::test {
namespace {

// `telecentres grant`: the same statement for scripts, as JSON, text and a workbook.
TEST(GrantCommand, PrintsTheStatementAndWritesAWorkbook) {
  const std::string db = ::testing::TempDir() + "tc-grant-cli-" + std::to_string(::getpid()) + ".db";
  const std::string xlsx = db + ".xlsx";
  ASSERT_EQ(run_program({"demo", "--db", db}).exit_code, 0);
  auto r = run_program({"grant", "--db", db, "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json g = json::parse(r.out);
  long long sum = 0;
  for (const auto& c : g["centres"]) sum += c["total_cents"].get<long long>();
  EXPECT_EQ(g["total_cents"].get<long long>(), sum);
  EXPECT_EQ(g["payable_cents"].get<long long>(), std::min<long long>(sum, g["envelope_cents"].get<long long>()));
  EXPECT_EQ(g["ruleset"], "DIACT-2006");
  r = run_program({"grant", "--db", db, "--from", "2026-01-01", "--to", "2026-12-31"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("payable"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\u202F000,00\u00A0€"), std::string::npos) << r.out;
  r = run_program({"grant", "--db", db, "--from", "2026-01-01", "--to", "2026-12-31", "--format", "xlsx"});
  EXPECT_NE(r.exit_code, 0);  // a workbook needs --output
  r = run_program(
      {"grant", "--db", db, "--from", "2026-01-01", "--to", "2026-12-31", "--format", "xlsx", "--output", xlsx});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(xlsx, std::ios::binary);
  std::string head(2, '\0');
  in.read(head.data(), 2);
  EXPECT_EQ(head, "PK");
  r = run_program({"grant", "--db", db, "--ruleset", "NOPE", "--from", "2026-01-01", "--to", "2026-12-31"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("Barème inconnu"), std::string::npos) << r.err;
  for (const std::string& f : {db, db + "-wal", db + "-shm", xlsx}) std::remove(f.c_str());
}

}  // namespace
}  // namespace tc::test

namespace tc::test {
namespace {

// `telecentres siting`: an OR-Library instance solved to its published optimum, and readable refusals.
TEST(SitingCommand, SolvesAnOrLibraryInstanceToItsPublishedOptimum) {
  std::ifstream opt(std::string(TC_SOURCE_DIR) + "/data/orlib-pmed/pmedopt.txt");
  std::string name;
  long long value = 0;
  long long pmed1 = -1;
  std::string header;
  std::getline(opt, header);
  while (opt >> name >> value)
    if (name == "pmed1") pmed1 = value;
  ASSERT_GT(pmed1, 0);
  const auto r =
      run_program({"siting", "--orlib", std::string(TC_SOURCE_DIR) + "/data/orlib-pmed/pmed1.txt", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_TRUE(j["objective"].is_number_integer()) << r.out;
  EXPECT_EQ(j["objective"].get<long long>(), pmed1);
  EXPECT_EQ(j["sites"].size(), 5u);
  EXPECT_NE(r.err.find("100 %"), std::string::npos);  // the progress bar went to stderr
  const auto bad =
      run_program({"siting", "--model", "mclp", "--p", "3", "--db", ::testing::TempDir() + "tc-siting-cli.db"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("--within-min"), std::string::npos) << bad.err;
  std::remove((::testing::TempDir() + "tc-siting-cli.db").c_str());
}

}  // namespace
}  // namespace tc::test
