// Signing in and out, sessions, CSRF, API tokens and throttling, through the real program.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>

#include "server_process.h"
#include "shared_server.h"

namespace tc::test {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kJson = {{"Content-Type", "application/json"}};

std::string session_cookie_of(const HttpResponse& r) {
  const std::string set = r.header("set-cookie");
  const auto end = set.find(';');
  return set.substr(0, end);  // "tc_session=…"
}

HttpResponse sign_in(const ServerProcess& s, const std::string& email, const std::string& password) {
  return s.request("POST", "/api/v1/session", json{{"email", email}, {"password", password}}.dump(), kJson);
}

class AccountsApi : public SharedServer<AccountsApi> {};

TEST_F(AccountsApi, SignInSetsAHardenedCookieAndReturnsTheCsrfToken) {
  auto r = sign_in(*server_, "teleworker@demo.telecentres.example", "demo-teletravail-cantal");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie = r.header("set-cookie");
  EXPECT_EQ(cookie.rfind("tc_session=", 0), 0u);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // not over plain HTTP unless configured
  auto body = json::parse(r.body);
  EXPECT_GE(body["csrf_token"].get<std::string>().size(), 40u);
  EXPECT_EQ(body["person"]["roles"], json::array({"teleworker"}));
}

TEST_F(AccountsApi, MeAnswersForTheSessionAndRefusesStrangers) {
  auto r = sign_in(*server_, "admin@demo.telecentres.example", "demo-conseil-cantal");
  ASSERT_EQ(r.status, 200);
  auto me = server_->get("/api/v1/me", {{"Cookie", session_cookie_of(r)}});
  ASSERT_EQ(me.status, 200);
  auto j = json::parse(me.body);
  EXPECT_EQ(j["email"], "admin@demo.telecentres.example");
  EXPECT_EQ(j["roles"], json::array({"admin"}));
  EXPECT_EQ(server_->get("/api/v1/me").status, 401);
  EXPECT_EQ(server_->get("/api/v1/me", {{"Cookie", "tc_session=forged"}}).status, 401);
  EXPECT_EQ(server_->get("/api/v1/me", {{"Authorization", "Bearer forged"}}).status, 401);
}

TEST_F(AccountsApi, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
  auto wrong_pw = sign_in(*server_, "animation@demo.telecentres.example", "not-the-password");
  auto no_account = sign_in(*server_, "nobody@demo.telecentres.example", "not-the-password");
  EXPECT_EQ(wrong_pw.status, 401);
  EXPECT_EQ(no_account.status, 401);
  EXPECT_EQ(json::parse(wrong_pw.body)["detail"], json::parse(no_account.body)["detail"]);
}

TEST_F(AccountsApi, HostSeesItsCentre) {
  auto r = sign_in(*server_, "accueil.murat@demo.telecentres.example", "demo-accueil-murat");
  ASSERT_EQ(r.status, 200);
  auto j = json::parse(r.body)["person"];
  EXPECT_EQ(j["roles"], json::array({"host"}));
  ASSERT_EQ(j["host_centres"].size(), 1u);
  auto centre = json::parse(server_->get("/api/v1/centres/" + std::to_string(j["host_centres"][0].get<long>())).body);
  EXPECT_EQ(centre["name"], "Télécentre de Murat");
}

TEST_F(AccountsApi, SignOutNeedsTheCsrfTokenThenEndsTheSession) {
  auto r = sign_in(*server_, "teleworker@demo.telecentres.example", "demo-teletravail-cantal");
  ASSERT_EQ(r.status, 200);
  const std::string cookie = session_cookie_of(r);
  const std::string csrf = json::parse(r.body)["csrf_token"];
  EXPECT_EQ(server_->request("DELETE", "/api/v1/session", "", {{"Cookie", cookie}}).status, 403);
  EXPECT_EQ(server_->request("DELETE", "/api/v1/session", "", {{"Cookie", cookie}, {"X-CSRF-Token", "nope"}}).status,
            403);
  EXPECT_EQ(server_->get("/api/v1/me", {{"Cookie", cookie}}).status, 200);  // still signed in
  auto out = server_->request("DELETE", "/api/v1/session", "", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(server_->get("/api/v1/me", {{"Cookie", cookie}}).status, 401);
}

TEST_F(AccountsApi, MalformedSignInIsA400NamingTheField) {
  auto not_json = server_->request("POST", "/api/v1/session", "{nope", kJson);
  EXPECT_EQ(not_json.status, 400);
  auto no_password = server_->request("POST", "/api/v1/session", R"({"email":"a@b.fr"})", kJson);
  EXPECT_EQ(no_password.status, 400);
  EXPECT_EQ(json::parse(no_password.body)["field"], "password");
  auto wrong_type = server_->request("POST", "/api/v1/session", R"({"email":"a@b.fr","password":"x"})",
                                     {{"Content-Type", "text/plain"}});
  EXPECT_EQ(wrong_type.status, 415);
}

TEST(AccountsThrottle, RepeatedFailuresAreDelayedWithRetryAfter) {
  ServerProcess server;
  int last = 0;
  for (int i = 0; i < 7 && last != 429; ++i)
    last = sign_in(server, "teleworker@demo.telecentres.example", "wrong-password-" + std::to_string(i)).status;
  EXPECT_EQ(last, 429);
  auto r = sign_in(server, "teleworker@demo.telecentres.example", "demo-teletravail-cantal");
  EXPECT_EQ(r.status, 429);  // even the right password waits: the delay protects the account
  EXPECT_FALSE(r.header("retry-after").empty());
  // Another account from another address is not affected... but this address is throttled too.
  auto other = sign_in(server, "admin@demo.telecentres.example", "demo-conseil-cantal");
  EXPECT_EQ(other.status, 429);
}

TEST(AccountsCli, UserAddAndTokenCreateGiveAWorkingBearerToken) {
  ServerProcess server;
  const std::string& db = server.db_path();
  setenv("TELECENTRES_PASSWORD", "une-phrase-de-passe-solide", 1);
  auto add =
      run_program({"user", "add", "--email", "Nouvelle.Animatrice@Example.fr", "--role", "animator", "--db", db});
  unsetenv("TELECENTRES_PASSWORD");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_GT(std::stol(add.out), 0);
  auto token = run_program({"token", "create", "--email", "nouvelle.animatrice@example.fr", "--db", db});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  std::string t = token.out;
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  auto me = server.get("/api/v1/me", {{"Authorization", "Bearer " + t}});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json::parse(me.body)["roles"], json::array({"animator"}));
  // And the password works for signing in.
  EXPECT_EQ(sign_in(server, "nouvelle.animatrice@example.fr", "une-phrase-de-passe-solide").status, 200);
}

TEST(AccountsCli, UserAddRefusesWeakPasswordsDuplicatesAndHostsWithoutCentre) {
  ServerProcess server;
  const std::string& db = server.db_path();
  setenv("TELECENTRES_PASSWORD", "azertyuiop", 1);
  auto weak = run_program({"user", "add", "--email", "x@example.fr", "--role", "admin", "--db", db});
  EXPECT_NE(weak.exit_code, 0);
  setenv("TELECENTRES_PASSWORD", "une-phrase-de-passe-solide", 1);
  auto dup = run_program({"user", "add", "--email", "admin@demo.telecentres.example", "--role", "admin", "--db", db});
  EXPECT_NE(dup.exit_code, 0);
  EXPECT_NE(dup.err.find("existe déjà"), std::string::npos) << dup.err;
  auto host = run_program({"user", "add", "--email", "h@example.fr", "--role", "host", "--db", db});
  EXPECT_NE(host.exit_code, 0);
  auto bad_role = run_program({"user", "add", "--email", "r@example.fr", "--role", "king", "--db", db});
  EXPECT_NE(bad_role.exit_code, 0);
  unsetenv("TELECENTRES_PASSWORD");
  auto unknown = run_program({"token", "create", "--email", "ghost@example.fr", "--db", db});
  EXPECT_NE(unknown.exit_code, 0);
}

}  // namespace
}  // namespace tc::test
