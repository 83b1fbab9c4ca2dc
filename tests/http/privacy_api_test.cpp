// Personal data rights and account recovery through the real program: export, erasure, audit, password reset.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <regex>
#include <thread>

#include "../service/smtp_sink.h"
#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

using Who = Signed;

// Signs in, or checks that signing in is refused with `expected`.
Who sign_in(const ServerProcess& s, const std::string& email, const std::string& password, int expected = 200) {
  if (expected == 200) return sign_in_api(s, email, password);
  auto r = s.request("POST", "/api/v1/session", json{{"email", email}, {"password", password}}.dump(),
                     {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, expected) << email << ": " << r.body;
  return {};
}

const std::string kTeleworker = "teleworker@demo.telecentres.example";
const std::string kPassword = "demo-teletravail-cantal";

TEST(PrivacyApi, ExportGivesEverythingAboutMeAndNothingSecret) {
  ServerProcess server;
  Who me = sign_in(server, kTeleworker, kPassword);
  auto r = server.get("/api/v1/me/export", me.read());
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.header("content-disposition").find("attachment"), std::string::npos);
  auto j = json::parse(r.body);
  EXPECT_EQ(j["account"]["email"], kTeleworker);
  EXPECT_EQ(j["profile"]["display_name"], "Camille Teyssèdre");
  EXPECT_EQ(r.body.find("argon2"), std::string::npos);  // no password hash
  EXPECT_EQ(server.get("/api/v1/me/export").status, 401);
}

TEST(PrivacyApi, ErasureNeedsThePasswordThenAnonymisesAndEndsTheSession) {
  ServerProcess server;
  Who me = sign_in(server, kTeleworker, kPassword);
  EXPECT_EQ(server.request("POST", "/api/v1/me/erase", json{{"password", "wrong"}}.dump(), me.write()).status, 403);
  EXPECT_EQ(server
                .request("POST", "/api/v1/me/erase", json{{"password", kPassword}}.dump(),
                         {{"Cookie", me.cookie}, {"Content-Type", "application/json"}})
                .status,
            403);  // no CSRF token
  auto r = server.request("POST", "/api/v1/me/erase", json{{"password", kPassword}}.dump(), me.write());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(server.get("/api/v1/me", me.read()).status, 401);
  sign_in(server, kTeleworker, kPassword, 401);
  // The admin sees the erasure in the audit log, without the erased e-mail.
  Who admin = sign_in(server, "admin@demo.telecentres.example", "demo-conseil-cantal");
  auto log = server.get("/api/v1/audit", admin.read());
  ASSERT_EQ(log.status, 200);
  EXPECT_NE(log.body.find("person.erase"), std::string::npos);
  EXPECT_EQ(log.body.find(kTeleworker), std::string::npos);
}

TEST(PrivacyApi, OnlyAdminsReadTheAuditLogOrEraseOthers) {
  ServerProcess server;
  Who me = sign_in(server, kTeleworker, kPassword);
  Who host = sign_in(server, "accueil.murat@demo.telecentres.example", "demo-accueil-murat");
  EXPECT_EQ(server.get("/api/v1/audit", me.read()).status, 403);
  EXPECT_EQ(server.get("/api/v1/audit", host.read()).status, 403);
  auto me_json = json::parse(server.get("/api/v1/me", me.read()).body);
  const std::string path = "/api/v1/people/" + std::to_string(me_json["id"].get<long>()) + "/erase";
  EXPECT_EQ(server.request("POST", path, "", host.write()).status, 404);
  Who admin = sign_in(server, "admin@demo.telecentres.example", "demo-conseil-cantal");
  EXPECT_EQ(server.request("POST", path, "", admin.write()).status, 200);
  EXPECT_EQ(server.get("/api/v1/me", me.read()).status, 401);
}

TEST(RolesApi, AnAdminChangesRolesAndItIsAudited) {
  ServerProcess server;
  Who admin = sign_in(server, "admin@demo.telecentres.example", "demo-conseil-cantal");
  Who me = sign_in(server, kTeleworker, kPassword);
  const long my_id = json::parse(server.get("/api/v1/me", me.read()).body)["id"];
  const std::string path = "/api/v1/people/" + std::to_string(my_id) + "/roles";
  const json centres = json::parse(server.get("/api/v1/centres?near=15001&within_km=3").body);
  const long allanche = centres["centres"][0]["id"];
  // Host without a centre: refused; with one: done.
  EXPECT_EQ(server.request("PUT", path, json{{"roles", {"host"}}}.dump(), admin.write()).status, 400);
  auto r = server.request("PUT", path, json{{"roles", {"teleworker", "host"}}, {"host_centres", {allanche}}}.dump(),
                          admin.write());
  ASSERT_EQ(r.status, 200) << r.body;
  const json now = json::parse(server.get("/api/v1/me", me.read()).body);
  EXPECT_EQ(now["roles"], json::array({"host", "teleworker"}));
  EXPECT_EQ(now["host_centres"], json::array({allanche}));
  // The new host now reviews Allanche's applications.
  const json apps = json::parse(server.get("/api/v1/applications", me.read()).body);
  EXPECT_FALSE(apps["applications"].empty());
  // Nobody but an admin; and an admin cannot demote themself.
  EXPECT_EQ(server.request("PUT", path, json{{"roles", {"admin"}}}.dump(), me.write()).status, 403);
  const long admin_id = json::parse(server.get("/api/v1/me", admin.read()).body)["id"];
  EXPECT_EQ(server
                .request("PUT", "/api/v1/people/" + std::to_string(admin_id) + "/roles",
                         json{{"roles", {"teleworker"}}}.dump(), admin.write())
                .status,
            409);
  EXPECT_NE(server.get("/api/v1/audit", admin.read()).body.find("role.change"), std::string::npos);
}

TEST(PasswordReset, TheMailedLinkSetsANewPasswordOnceAndEndsSessions) {
  SmtpSink sink;
  ServerProcess server({"--smtp-url", sink.url(), "--public-url", "https://telecentres.example"});
  Who before = sign_in(server, kTeleworker, kPassword);
  auto unknown = server.request("POST", "/api/v1/password-reset", json{{"email", "ghost@example.fr"}}.dump(),
                                {{"Content-Type", "application/json"}});
  auto known = server.request("POST", "/api/v1/password-reset", json{{"email", kTeleworker}}.dump(),
                              {{"Content-Type", "application/json"}});
  EXPECT_EQ(unknown.status, 202);
  EXPECT_EQ(known.status, 202);
  EXPECT_EQ(json::parse(unknown.body)["detail"], json::parse(known.body)["detail"]);  // reveals nothing
  auto mails = sink.wait_for(1, std::chrono::seconds(15));
  ASSERT_EQ(mails.size(), 1u);
  // The body is quoted-printable: undo soft line breaks and "=3D" before looking for the link.
  std::string body = std::regex_replace(mails[0].data, std::regex("=\r\n"), "");
  body = std::regex_replace(body, std::regex("=3D"), "=");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      body, m, std::regex("https://telecentres\\.example/mot-de-passe/nouveau\\?jeton=([A-Za-z0-9_-]+)")))
      << body;
  const std::string token = m[1];
  auto weak =
      server.request("POST", "/api/v1/password-reset/confirm", json{{"token", token}, {"password", "azerty"}}.dump(),
                     {{"Content-Type", "application/json"}});
  EXPECT_EQ(weak.status, 400);
  auto ok = server.request("POST", "/api/v1/password-reset/confirm",
                           json{{"token", token}, {"password", "un-nouveau-secret-solide"}}.dump(),
                           {{"Content-Type", "application/json"}});
  EXPECT_EQ(ok.status, 204) << ok.body;
  auto again = server.request("POST", "/api/v1/password-reset/confirm",
                              json{{"token", token}, {"password", "encore-un-autre-secret"}}.dump(),
                              {{"Content-Type", "application/json"}});
  EXPECT_EQ(again.status, 400);                                    // single use
  EXPECT_EQ(server.get("/api/v1/me", before.read()).status, 401);  // old sessions ended
  sign_in(server, kTeleworker, "un-nouveau-secret-solide");
}

TEST(PrivacyCli, PurgeRemovesOldDeclinedAndWithdrawnApplications) {
  ServerProcess server;
  Who admin = sign_in(server, "admin@demo.telecentres.example", "demo-conseil-cantal");
  auto count = [&](const char* state) {
    const json j = json::parse(server.get(std::string("/api/v1/applications?state=") + state, admin.read()).body);
    return j["applications"].size();
  };
  const auto declined = count("declined"), withdrawn = count("withdrawn"), active = count("active");
  ASSERT_GT(declined + withdrawn, 0u);
  auto r = run_program({"purge", "--months", "1", "--db", server.db_path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_LT(count("declined") + count("withdrawn"), declined + withdrawn);
  EXPECT_EQ(count("active"), active);  // nothing else touched
}

TEST(PrivacyRetention, ServePurgesOnItsOwnAfterTheRetentionPeriod) {
  // The demo's declined and withdrawn applications span months: with a one-month retention the server removes
  // the older ones by itself, with the default (twelve months) it keeps them.
  auto closed = [](ServerProcess& server) {
    Who admin = sign_in(server, "admin@demo.telecentres.example", "demo-conseil-cantal");
    std::size_t n = 0;
    for (const char* state : {"declined", "withdrawn"})
      n +=
          json::parse(server.get(std::string("/api/v1/applications?state=") + state, admin.read()).body)["applications"]
              .size();
    return n;
  };
  ServerProcess kept;
  const std::size_t before = closed(kept);
  ASSERT_GT(before, 0u);
  ServerProcess purged({"--retention-months", "1"});
  std::size_t after = closed(purged);
  for (int i = 0; i < 50 && after >= before; ++i) {  // the purge runs on a background thread at start
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    after = closed(purged);
  }
  EXPECT_LT(after, before);
}

}  // namespace
}  // namespace tc::test
