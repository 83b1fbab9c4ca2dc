// Cross-site request forgery, on every route that changes state. The list comes from the program itself
// (`telecentres routes`), so a route added tomorrow is tested here without anyone remembering to: each POST,
// PUT, PATCH and DELETE must refuse a request that carries a valid session cookie but no CSRF token, a wrong one,
// or another session's, with 403 — the problem body (field "csrf") on the API, a French page on the site — and
// must refuse a request without credentials. A personal API token (Authorization: Bearer) is no ambient
// credential — a browser never adds it on its own — so it needs no CSRF token. The few API routes open to anyone
// by design use no credential at all; for them, what a cross-site page can send without a CORS preflight (a
// "simple" content type) is refused.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

struct RouteLine {
  std::string method, pattern;
};

std::vector<RouteLine> state_changing_routes() {
  const auto listed = run_program({"routes"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  std::vector<RouteLine> out;
  std::istringstream lines(listed.out);
  std::string line;
  while (std::getline(lines, line)) {
    const auto space = line.find(' '), tab = line.find('\t');
    RouteLine r{line.substr(0, space), line.substr(space + 1, tab - space - 1)};
    if (r.method == "POST" || r.method == "PUT" || r.method == "PATCH" || r.method == "DELETE") out.push_back(r);
  }
  return out;
}

// API routes that use no credential at all, by design: signing in, asking for and confirming a password reset,
// cancelling an event registration with the e-mailed token. A session cookie changes nothing there.
const std::set<std::string> kOpenApiRoutes = {
    "POST /api/v1/session",
    "POST /api/v1/password-reset",
    "POST /api/v1/password-reset/confirm",
    "POST /api/v1/registrations/cancel",
};

// Anonymous visitors may use these without an account (each with the anonymous form token of its page, or an
// e-mailed token): an anonymous request without a form token is refused as a forged form.
const std::set<std::string> kAnonymousForms = {
    "POST /connexion",
    "POST /inscription",
    "POST /mot-de-passe-oublie",
    "POST /mot-de-passe/nouveau",
    "POST /evenements/{id}/inscription",
    "POST /evenements/desinscription/{token}",
    "POST /api/v1/events/{id}/registrations",
};

// Signing out without being signed in ends nothing: harmless, so allowed.
const std::set<std::string> kHarmlessForAnonymous = {"POST /deconnexion"};

bool is_api(const std::string& pattern) { return pattern.rfind("/api/", 0) == 0; }

bool csrf_refusal(const HttpResponse& r, bool api) {
  if (r.status != 403) return false;
  if (api) {
    if (r.header("content-type") != "application/problem+json") return false;
    const json body = json::parse(r.body, nullptr, false);
    return !body.is_discarded() && body.value("field", "") == "csrf";
  }
  return r.header("content-type").rfind("text/html", 0) == 0 && r.header("content-language") == "fr" &&
         contains(r.body, "Formulaire expiré");
}

// Refused at the gate: not signed in (401, or the sign-in form), forbidden, or not found.
bool refused(const HttpResponse& r) {
  return r.status == 401 || r.status == 403 || r.status == 404 ||
         (r.status == 303 && r.header("location").rfind("/connexion", 0) == 0);
}

class CsrfGate : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    admin_ = sign_in_api(*server_, kAdmin, kAdminPassword);
    teleworker_ = sign_in_api(*server_, kTeleworker, kTeleworkerPassword);
    murat_ = std::to_string(centre_near(*server_, "15138"));
    // A real public event, so that its registration routes reach their CSRF check.
    const json events = json::parse(server_->get("/api/v1/events").body)["events"];
    event_ = std::to_string(events.empty() ? 1L : events[0].value("id", 1L));
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  // The pattern with every {capture} replaced by an existing (or at least well-formed) value.
  static std::string concrete(const std::string& pattern) {
    std::string path = pattern;
    if (pattern.rfind("/evenements/{id}", 0) == 0 || pattern.rfind("/api/v1/events/{id}", 0) == 0)
      path.replace(path.find("{id}"), 4, event_);
    static const std::regex capture(R"(\{([a-z_]+)\})");
    std::smatch m;
    while (std::regex_search(path, m, capture)) {
      const std::string name = m[1];
      std::string value = "1";
      if (name == "token") value = "abcdefghijklmnopqrstuvwxyz";
      if (name == "insee") value = "15138";
      if (name == "centre_id") value = murat_;
      path.replace(static_cast<std::size_t>(m.position(0)), static_cast<std::size_t>(m.length(0)), value);
    }
    return path;
  }

  // The request a forged page would send: the caller's session cookie, and `token` (empty: none) where the real
  // page or script would put its CSRF token.
  static HttpResponse forged(const RouteLine& route, const Signed* caller, const std::string& token) {
    std::map<std::string, std::string> headers;
    std::string body;
    if (caller) headers["Cookie"] = caller->cookie;
    if (is_api(route.pattern)) {
      headers["Content-Type"] = "application/json";
      if (!token.empty()) headers["X-CSRF-Token"] = token;
      body = "{}";
    } else {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      // A password-reset token, so that the new-password form does not stop at "incomplete link" first.
      body = (token.empty() ? "" : "csrf=" + token + "&") + "jeton=abcdefghijklmnopqrstuvwxyz&label=x";
    }
    return server_->request(route.method, concrete(route.pattern), body, headers);
  }

  static ServerProcess* server_;
  static Signed admin_, teleworker_;
  static std::string murat_, event_;
};
ServerProcess* CsrfGate::server_ = nullptr;
Signed CsrfGate::admin_, CsrfGate::teleworker_;
std::string CsrfGate::murat_, CsrfGate::event_;

TEST_F(CsrfGate, EveryStateChangingRouteRefusesASessionWithoutItsToken) {
  const auto routes = state_changing_routes();
  ASSERT_GT(routes.size(), 60u);  // the program's whole table was read
  const std::string wrong(43, 'A');
  int checked = 0;
  for (const auto& route : routes) {
    const std::string name = route.method + " " + route.pattern;
    if (kOpenApiRoutes.contains(name)) continue;
    SCOPED_TRACE(name + " (" + concrete(route.pattern) + ")");
    const bool api = is_api(route.pattern);
    // The admin may use nearly everything, the teleworker what is a person's own (applying, their bookings):
    // at least one of them reaches the CSRF check, and neither gets past it.
    bool csrf_seen = false;
    for (const Signed* caller : {&admin_, &teleworker_}) {
      const Signed& other = caller == &admin_ ? teleworker_ : admin_;
      for (const std::string& token : {std::string(), wrong, other.csrf}) {
        const HttpResponse r = forged(route, caller, token);
        EXPECT_TRUE(refused(r)) << (caller == &admin_ ? "admin" : "teleworker") << ", token «" << token.substr(0, 8)
                                << "» → " << r.status << " " << r.body.substr(0, 300);
        csrf_seen = csrf_seen || csrf_refusal(r, api);
      }
    }
    EXPECT_TRUE(csrf_seen) << "no caller got the CSRF refusal";
    ++checked;
  }
  EXPECT_GT(checked, 60);
  // The sessions were not ended nor changed by any of this.
  EXPECT_EQ(server_->get("/api/v1/me", admin_.read()).status, 200);
  EXPECT_EQ(server_->get("/api/v1/me", teleworker_.read()).status, 200);
}

TEST_F(CsrfGate, EveryStateChangingRouteRefusesRequestsWithoutCredentials) {
  int checked = 0;
  for (const auto& route : state_changing_routes()) {
    const std::string name = route.method + " " + route.pattern;
    const bool api = is_api(route.pattern);
    // Open by design: the API ones are checked against cross-site content types below; signing out is harmless.
    if (kOpenApiRoutes.contains(name) || kHarmlessForAnonymous.contains(name) ||
        (api && kAnonymousForms.contains(name)))
      continue;
    SCOPED_TRACE(name + " (" + concrete(route.pattern) + ")");
    const HttpResponse r = forged(route, nullptr, "");
    EXPECT_TRUE(refused(r)) << r.status << " " << r.body.substr(0, 300);
    if (kAnonymousForms.contains(name)) {
      // No account needed, but the page's own form token is.
      EXPECT_TRUE(csrf_refusal(r, false)) << r.status << " " << r.body.substr(0, 300);
    } else if (api) {
      EXPECT_EQ(r.status, 401) << r.body.substr(0, 300);
      EXPECT_EQ(r.header("content-type"), "application/problem+json");
    }
    ++checked;
  }
  EXPECT_GT(checked, 60);
}

TEST_F(CsrfGate, AnonymousFormsNeedTheirOwnCookieAndFieldToMatch) {
  for (const std::string& target : {std::string("/connexion"), std::string("/inscription"),
                                    std::string("/mot-de-passe-oublie"), "/evenements/" + event_ + "/inscription"}) {
    SCOPED_TRACE(target);
    // A forged page can send a field but cannot set our cookie: a field without the cookie, or one that does not
    // match it, is refused.
    const HttpResponse no_cookie =
        server_->request("POST", target, "csrf=" + std::string(43, 'B') + "&email=x%40example.fr&name=X",
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_TRUE(csrf_refusal(no_cookie, false)) << no_cookie.status << " " << no_cookie.body.substr(0, 300);
    const HttpResponse mismatch = server_->request(
        "POST", target, "csrf=" + std::string(43, 'B') + "&email=x%40example.fr&name=X",
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", "tc_csrf=" + std::string(43, 'C')}});
    EXPECT_TRUE(csrf_refusal(mismatch, false)) << mismatch.status << " " << mismatch.body.substr(0, 300);
  }
}

TEST_F(CsrfGate, OpenApiRoutesRefuseWhatACrossSitePageCanSendWithoutAPreflight) {
  // Forms and no-cors fetches may only send text/plain, application/x-www-form-urlencoded or multipart/form-data
  // (with any parameters): none of them passes for JSON.
  const std::vector<std::string> simple_types = {"text/plain", "text/plain; x=application/json",
                                                 "application/x-www-form-urlencoded",
                                                 "multipart/form-data; boundary=application/json"};
  const std::string body = json{{"email", kTeleworker}, {"password", kTeleworkerPassword}, {"token", "x"}}.dump();
  std::vector<RouteLine> open;
  for (const auto& route : state_changing_routes())
    if (kOpenApiRoutes.contains(route.method + " " + route.pattern) ||
        route.pattern == "/api/v1/events/{id}/registrations")
      open.push_back(route);
  ASSERT_EQ(open.size(), kOpenApiRoutes.size() + 1);
  for (const auto& route : open)
    for (const auto& type : simple_types) {
      const auto r = server_->request(route.method, concrete(route.pattern), body, {{"Content-Type", type}});
      EXPECT_EQ(r.status, 415) << route.pattern << " as " << type << " → " << r.body.substr(0, 200);
    }
  // JSON with parameters, as libraries send it, is JSON.
  const auto signed_in =
      server_->request("POST", "/api/v1/session", body, {{"Content-Type", "Application/JSON; charset=utf-8"}});
  EXPECT_EQ(signed_in.status, 200) << signed_in.body;
}

TEST_F(CsrfGate, BearerTokensNeedNoCsrfTokenButSessionsDo) {
  Browser browser(*server_);
  ASSERT_EQ(browser.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  const std::string csrf = csrf_field(browser.get("/compte").body);
  const HttpResponse created = browser.post("/compte/jetons", {{"csrf", csrf}, {"label", "Essai CSRF"}});
  ASSERT_EQ(created.status, 200) << created.body;
  const std::string token = input_value(created.body, "new-token");
  ASSERT_FALSE(token.empty());
  const std::map<std::string, std::string> bearer = {{"Authorization", "Bearer " + token},
                                                     {"Content-Type", "application/json"}};
  // A write with the bearer token and no CSRF token passes the gate (judged on its content: a Sunday is closed).
  const std::string sunday = R"({"centre_id":1,"date":"2030-12-01","slot":"morning"})";
  const auto by_token = server_->request("POST", "/api/v1/bookings", sunday, bearer);
  EXPECT_NE(by_token.status, 401) << by_token.body;
  EXPECT_NE(by_token.status, 403) << by_token.body;
  const auto renew = server_->request("POST", "/api/v1/me/calendar/renew", "", bearer);
  EXPECT_EQ(renew.status / 100, 2) << renew.body;
  // The same writes with the session cookie and no CSRF token are refused.
  const std::map<std::string, std::string> cookie = {{"Cookie", "tc_session=" + browser.cookie("tc_session")},
                                                     {"Content-Type", "application/json"}};
  EXPECT_TRUE(csrf_refusal(server_->request("POST", "/api/v1/bookings", sunday, cookie), true));
  EXPECT_TRUE(csrf_refusal(server_->request("POST", "/api/v1/me/calendar/renew", "", cookie), true));
  // A malformed Authorization header is not taken for the cookie beside it.
  auto both = cookie;
  both["Authorization"] = "Basic eDp5";
  EXPECT_EQ(server_->request("POST", "/api/v1/me/calendar/renew", "", both).status, 401);
}

}  // namespace
}  // namespace tc::test
