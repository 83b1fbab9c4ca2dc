// Applications through the API: apply, list by role, decide, withdraw, waiting list, and who may see what.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

using Session = Signed;

Session sign_in(const ServerProcess& s, const std::string& email, const std::string& password) {
  return sign_in_api(s, email, password);
}

long centre_id_in(const ServerProcess& s, const std::string& insee) {
  auto j = json::parse(s.get("/api/v1/centres?near=" + insee + "&within_km=5").body);
  return j["centres"][0]["id"];
}

// A fresh teleworker account through the CLI (its password from the environment).
Session new_teleworker(const ServerProcess& s, const std::string& email) {
  setenv("TELECENTRES_PASSWORD", "une-phrase-de-passe-solide", 1);
  auto r = run_program({"user", "add", "--email", email, "--role", "teleworker", "--db", s.db_path()});
  unsetenv("TELECENTRES_PASSWORD");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return sign_in(s, email, "une-phrase-de-passe-solide");
}

json apply(const ServerProcess& s, const Session& who, long centre, int expected = 201) {
  auto r = s.request("POST", "/api/v1/applications",
                     json{{"centre_id", centre},
                          {"days_per_week", 2},
                          {"start_date", "2030-01-07"},
                          {"motivation", "Je travaille pour une entreprise lyonnaise."}}
                         .dump(),
                     who.write());
  EXPECT_EQ(r.status, expected) << r.body;
  return json::parse(r.body);
}

class ApplicationsApi : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>();
    murat_ = centre_id_in(*server_, "15138");
    saint_flour_ = centre_id_in(*server_, "15187");
    teleworker_ = sign_in(*server_, "teleworker@demo.telecentres.example", "demo-teletravail-cantal");
    host_murat_ = sign_in(*server_, "accueil.murat@demo.telecentres.example", "demo-accueil-murat");
    host_sf_ = sign_in(*server_, "accueil.saint-flour@demo.telecentres.example", "demo-accueil-saint-flour");
    admin_ = sign_in(*server_, "admin@demo.telecentres.example", "demo-conseil-cantal");
  }
  std::unique_ptr<ServerProcess> server_;
  long murat_ = 0, saint_flour_ = 0;
  Session teleworker_, host_murat_, host_sf_, admin_;
};

TEST_F(ApplicationsApi, ApplyReturns201WithTheSubmittedApplication) {
  auto a = apply(*server_, teleworker_, murat_);
  EXPECT_EQ(a["state"], "submitted");
  EXPECT_EQ(a["centre_id"], murat_);
  EXPECT_EQ(a["rank"], 1);
  EXPECT_EQ(a["centre_name"], "Télécentre de Murat");
  auto second = apply(*server_, teleworker_, saint_flour_);
  EXPECT_EQ(second["rank"], 2);
  apply(*server_, teleworker_, murat_, 409);  // one open application per centre
}

TEST_F(ApplicationsApi, BadInputIsA400NamingTheField) {
  const std::pair<json, const char*> cases[] = {
      {json{{"days_per_week", 2}, {"start_date", "2030-01-07"}, {"motivation", "x"}}, "centre_id"},
      {json{{"centre_id", murat_}, {"days_per_week", 9}, {"start_date", "2030-01-07"}, {"motivation", "x"}},
       "days_per_week"},
      {json{{"centre_id", murat_}, {"days_per_week", 2}, {"start_date", "07/01/2030"}, {"motivation", "x"}},
       "start_date"},
      {json{{"centre_id", murat_}, {"days_per_week", 2}, {"start_date", "2030-01-07"}, {"motivation", "   "}},
       "motivation"},
  };
  for (const auto& [body, field] : cases) {
    auto r = server_->request("POST", "/api/v1/applications", body.dump(), teleworker_.write());
    EXPECT_EQ(r.status, 400) << body.dump();
    EXPECT_EQ(json::parse(r.body)["field"], field) << body.dump();
  }
  auto unknown_centre = server_->request(
      "POST", "/api/v1/applications",
      json{{"centre_id", 9999}, {"days_per_week", 2}, {"start_date", "2030-01-07"}, {"motivation", "x"}}.dump(),
      teleworker_.write());
  EXPECT_EQ(unknown_centre.status, 404);
}

TEST_F(ApplicationsApi, WritesNeedCredentialsAndTheCsrfToken) {
  const std::string body =
      json{{"centre_id", murat_}, {"days_per_week", 2}, {"start_date", "2030-01-07"}, {"motivation", "x"}}.dump();
  EXPECT_EQ(server_->request("POST", "/api/v1/applications", body, {{"Content-Type", "application/json"}}).status, 401);
  EXPECT_EQ(server_
                ->request("POST", "/api/v1/applications", body,
                          {{"Cookie", teleworker_.cookie}, {"Content-Type", "application/json"}})
                .status,
            403);
}

TEST_F(ApplicationsApi, HostsSeeTheirCentreOnlyAndAnotherCentresApplicationIs404) {
  auto a = apply(*server_, teleworker_, murat_);
  const std::string path = "/api/v1/applications/" + std::to_string(a["id"].get<long>());
  auto mine = server_->get(path, host_murat_.read());
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(json::parse(mine.body)["applicant"]["email"], "teleworker@demo.telecentres.example");
  EXPECT_FALSE(json::parse(mine.body)["applicant"].contains("rqth"));  // sensitive: the person and admins only
  EXPECT_EQ(server_->get(path, host_sf_.read()).status, 404);          // not the data, not even "forbidden"
  auto ids_in = [&](const Session& who, long centre) {
    std::set<long> ids;
    const json list = json::parse(server_->get("/api/v1/applications", who.read()).body);
    for (const auto& x : list["applications"]) {
      EXPECT_EQ(x["centre_id"], centre);  // a host's list holds their centre's applications only
      ids.insert(x["id"].get<long>());
    }
    return ids;
  };
  EXPECT_EQ(ids_in(host_sf_, saint_flour_).count(a["id"].get<long>()), 0u);
  EXPECT_EQ(ids_in(host_murat_, murat_).count(a["id"].get<long>()), 1u);
  EXPECT_TRUE(json::parse(server_->get(path, admin_.read()).body)["applicant"].contains("rqth"));
}

TEST_F(ApplicationsApi, AnotherTeleworkerCannotSeeOrWithdraw) {
  auto a = apply(*server_, teleworker_, murat_);
  const std::string id = std::to_string(a["id"].get<long>());
  Session other = new_teleworker(*server_, "autre@example.fr");
  EXPECT_EQ(server_->get("/api/v1/applications/" + id, other.read()).status, 404);
  EXPECT_EQ(server_->request("POST", "/api/v1/applications/" + id + "/withdraw", "", other.write()).status, 404);
  EXPECT_TRUE(json::parse(server_->get("/api/v1/applications", other.read()).body)["applications"].empty());
}

TEST_F(ApplicationsApi, HostDecidesAndTheHistoryRecordsWhoWhenAndWhy) {
  auto a = apply(*server_, teleworker_, murat_);
  const std::string id = std::to_string(a["id"].get<long>());
  auto refused = server_->request("POST", "/api/v1/applications/" + id + "/decision",
                                  json{{"decision", "accepted"}}.dump(), host_sf_.write());
  EXPECT_EQ(refused.status, 404);
  auto self = server_->request("POST", "/api/v1/applications/" + id + "/decision",
                               json{{"decision", "accepted"}}.dump(), teleworker_.write());
  EXPECT_EQ(self.status, 403);
  auto r =
      server_->request("POST", "/api/v1/applications/" + id + "/decision",
                       json{{"decision", "accepted"}, {"message", "Bienvenue à Murat !"}}.dump(), host_murat_.write());
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["state"], "accepted");
  ASSERT_EQ(j["history"].size(), 1u);
  EXPECT_EQ(j["history"][0]["by"], host_murat_.id);
  EXPECT_EQ(j["history"][0]["message"], "Bienvenue à Murat !");
  // The applicant sees it.
  auto seen = json::parse(server_->get("/api/v1/applications/" + id, teleworker_.read()).body);
  EXPECT_EQ(seen["state"], "accepted");
  // Deciding again the same way is a conflict, not a crash.
  auto again = server_->request("POST", "/api/v1/applications/" + id + "/decision",
                                json{{"decision", "accepted"}}.dump(), host_murat_.write());
  EXPECT_EQ(again.status, 409);
  auto bad = server_->request("POST", "/api/v1/applications/" + id + "/decision", json{{"decision", "maybe"}}.dump(),
                              host_murat_.write());
  EXPECT_EQ(bad.status, 400);
}

TEST_F(ApplicationsApi, WithdrawingAnAcceptedPlaceOffersItToTheWaitingList) {
  // Montmurat has a single post.
  const long montmurat = centre_id_in(*server_, "15133");
  Session first = new_teleworker(*server_, "premiere@example.fr");
  Session second = new_teleworker(*server_, "seconde@example.fr");
  auto a1 = apply(*server_, first, montmurat);
  auto a2 = apply(*server_, second, montmurat);
  const std::string id1 = std::to_string(a1["id"].get<long>()), id2 = std::to_string(a2["id"].get<long>());
  ASSERT_EQ(server_
                ->request("POST", "/api/v1/applications/" + id1 + "/decision", json{{"decision", "accepted"}}.dump(),
                          admin_.write())
                .status,
            200);
  ASSERT_EQ(server_
                ->request("POST", "/api/v1/applications/" + id2 + "/decision", json{{"decision", "waitlisted"}}.dump(),
                          admin_.write())
                .status,
            200);
  auto w = server_->request("POST", "/api/v1/applications/" + id1 + "/withdraw",
                            json{{"message", "Je déménage"}}.dump(), first.write());
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_EQ(json::parse(w.body)["state"], "withdrawn");
  auto offered = json::parse(server_->get("/api/v1/applications/" + id2, second.read()).body);
  EXPECT_EQ(offered["state"], "accepted");
  EXPECT_EQ(offered["history"].back()["from"], "waitlisted");
}

TEST_F(ApplicationsApi, ListFiltersByStateAndRejectsBadFilters) {
  auto count = [&](const std::string& query) {
    auto j = json::parse(server_->get("/api/v1/applications?" + query, admin_.read()).body);
    return j["applications"].size();
  };
  const auto submitted = count("state=submitted"), accepted = count("state=accepted");
  apply(*server_, teleworker_, murat_);
  EXPECT_EQ(count("state=submitted"), submitted + 1);
  EXPECT_EQ(count("state=accepted"), accepted);
  const json waiting = json::parse(
      server_->get("/api/v1/applications?state=waitlisted&centre_id=" + std::to_string(murat_), admin_.read()).body);
  EXPECT_FALSE(waiting["applications"].empty());
  for (const auto& x : waiting["applications"]) {
    EXPECT_EQ(x["state"], "waitlisted");
    EXPECT_EQ(x["centre_id"], murat_);
  }
  EXPECT_EQ(server_->get("/api/v1/applications?state=happy", admin_.read()).status, 400);
  EXPECT_EQ(server_->get("/api/v1/applications?from=yesterday", admin_.read()).status, 400);
  EXPECT_EQ(server_->get("/api/v1/applications").status, 401);
}

TEST_F(ApplicationsApi, HtmlInTheMotivationComesBackAsData) {
  auto r = server_->request("POST", "/api/v1/applications",
                            json{{"centre_id", murat_},
                                 {"days_per_week", 1},
                                 {"start_date", "2030-01-07"},
                                 {"motivation", "<script>alert('x')</script>"}}
                                .dump(),
                            teleworker_.write());
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(json::parse(r.body)["motivation"], "<script>alert('x')</script>");
  EXPECT_EQ(r.header("content-type"), "application/json");
}

}  // namespace
}  // namespace tc::test

#include "../service/smtp_sink.h"

namespace tc::test {
namespace {

TEST(ApplicationMail, TheApplicantIsToldOfTheDecisionByEmail) {
  SmtpSink sink;
  ServerProcess server({"--smtp-url", sink.url()});
  const long murat = centre_id_in(server, "15138");
  Session teleworker = sign_in(server, "teleworker@demo.telecentres.example", "demo-teletravail-cantal");
  Session host = sign_in(server, "accueil.murat@demo.telecentres.example", "demo-accueil-murat");
  auto a = apply(server, teleworker, murat);
  auto r = server.request("POST", "/api/v1/applications/" + std::to_string(a["id"].get<long>()) + "/decision",
                          json{{"decision", "accepted"}, {"message", "Bienvenue !"}}.dump(), host.write());
  ASSERT_EQ(r.status, 200);
  auto mails = sink.wait_for(1, std::chrono::seconds(15));
  ASSERT_EQ(mails.size(), 1u);
  ASSERT_EQ(mails[0].rcpt_to.size(), 1u);
  EXPECT_EQ(mails[0].rcpt_to[0], "teleworker@demo.telecentres.example");
  EXPECT_NE(mails[0].data.find("Subject:"), std::string::npos);
}

}  // namespace
}  // namespace tc::test
