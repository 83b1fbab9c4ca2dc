// Security headers on every kind of answer, and the cookies' flags. Whatever produced a response — a page, the
// JSON API, a problem body, a static file, an export, a redirect, an error the server wrote before any route was
// found (404, 405, 413, 431, 400), /metrics, /healthz — it carries a Content-Security-Policy that allows no inline
// script and no framing, X-Content-Type-Options: nosniff and a Referrer-Policy. The pages themselves hold nothing
// that policy would block (no inline script, event handler attribute or style attribute). The session cookie is
// HttpOnly, SameSite, Path=/, and Secure when the site is served over TLS: with --secure-cookies, or when a
// trusted proxy says the client came over https.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "page_client.h"
#include "server_process.h"
#include "shared_server.h"

namespace tc::test {
namespace {

using nlohmann::json;

// A raw HTTP answer ("HTTP/1.1 431 …\r\nName: value\r\n…\r\n\r\nbody") as an HttpResponse.
HttpResponse parse_raw(const std::string& raw) {
  HttpResponse r;
  const auto end = raw.find("\r\n\r\n");
  std::istringstream head(raw.substr(0, end));
  std::string line;
  std::getline(head, line);
  if (line.size() > 12) r.status = std::stoi(line.substr(9, 3));
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
  }
  if (end != std::string::npos) r.body = raw.substr(end + 4);
  return r;
}

// The directives of a Content-Security-Policy, by name.
std::map<std::string, std::string> directives(const std::string& csp) {
  std::map<std::string, std::string> out;
  std::istringstream parts(csp);
  std::string part;
  while (std::getline(parts, part, ';')) {
    const auto start = part.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    part = part.substr(start);
    const auto space = part.find(' ');
    out[part.substr(0, space)] = space == std::string::npos ? "" : part.substr(space + 1);
  }
  return out;
}

void expect_security_headers(const HttpResponse& r, const std::string& what) {
  SCOPED_TRACE(what + " → " + std::to_string(r.status));
  EXPECT_NE(r.status, 0);
  const std::string csp = r.header("content-security-policy");
  ASSERT_FALSE(csp.empty());
  const auto d = directives(csp);
  // Scripts: from our own origin only (there are none today), never inline nor eval'd.
  const std::string script = d.contains("script-src") ? d.at("script-src")
                             : d.count("default-src") ? d.at("default-src")
                                                      : "";
  EXPECT_EQ(script, "'self'") << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
  EXPECT_EQ(d.count("frame-ancestors") ? d.at("frame-ancestors") : "", "'none'") << csp;
  EXPECT_EQ(d.count("base-uri") ? d.at("base-uri") : "", "'none'") << csp;
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  const std::string referrer = r.header("referrer-policy");
  EXPECT_TRUE(referrer == "same-origin" || referrer == "no-referrer" || referrer == "strict-origin-when-cross-origin")
      << referrer;
}

// An HTML page holds nothing the policy would block: no inline script, no event handler attribute, no style
// attribute or element (SVG included).
void expect_no_inline_code(const std::string& html, const std::string& what) {
  static const std::regex inline_script(R"(<script(?![^>]*\bsrc=)[^>]*>)", std::regex::icase);
  static const std::regex handler(R"(<[^>]*\son[a-z]+\s*=)", std::regex::icase);
  static const std::regex style_attribute(R"(<[^>]*\sstyle\s*=)", std::regex::icase);
  EXPECT_FALSE(std::regex_search(html, inline_script)) << what;
  EXPECT_FALSE(std::regex_search(html, handler)) << what;
  EXPECT_FALSE(std::regex_search(html, style_attribute)) << what;
  EXPECT_EQ(html.find("<style"), std::string::npos) << what;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << what;
}

// The attributes of a Set-Cookie value, lower-cased, without the name=value pair.
std::vector<std::string> cookie_attributes(const std::string& set_cookie) {
  std::vector<std::string> out;
  std::istringstream parts(set_cookie);
  std::string part;
  std::getline(parts, part, ';');  // name=value
  while (std::getline(parts, part, ';')) {
    const auto start = part.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    std::string a = part.substr(start);
    for (auto& c : a) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.push_back(a);
  }
  return out;
}

bool has(const std::vector<std::string>& attributes, const std::string& a) {
  return std::find(attributes.begin(), attributes.end(), a) != attributes.end();
}

void expect_cookie_flags(const std::string& set_cookie, const std::string& name, bool secure) {
  SCOPED_TRACE(set_cookie);
  ASSERT_EQ(set_cookie.rfind(name + "=", 0), 0u);
  const auto a = cookie_attributes(set_cookie);
  EXPECT_TRUE(has(a, "httponly"));
  EXPECT_TRUE(has(a, "path=/"));
  EXPECT_TRUE(has(a, "samesite=lax") || has(a, "samesite=strict"));
  EXPECT_EQ(has(a, "secure"), secure);
}

std::string sign_in_body() { return json{{"email", kTeleworker}, {"password", kTeleworkerPassword}}.dump(); }

class SecurityHeaders : public SharedServer<SecurityHeaders> {};

TEST_F(SecurityHeaders, EveryKindOfAnswerCarriesThemAnonymousAndSignedIn) {
  ServerProcess& s = *server_;
  const Signed admin = sign_in_api(s, kAdmin, kAdminPassword);
  const Signed teleworker = sign_in_api(s, kTeleworker, kTeleworkerPassword);
  const std::string murat = std::to_string(centre_near(s, "15138"));

  struct Probe {
    std::string method, target;
    std::map<std::string, std::string> headers;
    std::string body;
  };
  // Anonymous answers of every kind, then the same kinds signed in.
  std::vector<Probe> probes = {
      {"GET", "/", {}, ""},                                    // page (pool)
      {"GET", "/centres/" + murat, {}, ""},                    // page with the map
      {"GET", "/accessibilite", {}, ""},                       // inline page
      {"GET", "/connexion", {}, ""},                           // form, sets the form-token cookie
      {"GET", "/evenements", {}, ""},                          // list page
      {"GET", "/conseil", {}, ""},                             //
      {"GET", "/centres/" + murat + "/reservations", {}, ""},  // booking grid
      {"GET", "/compte", {}, ""},                              // redirect to the sign-in form (303)
      {"GET", "/page-qui-n-existe-pas", {}, ""},               // 404 page
      {"GET", "/centres/999999", {}, ""},                      // 404 page from a handler
      {"GET", "/api/v1/centres", {}, ""},                      // JSON (fast path)
      {"GET", "/api/v1/centres?near=15187&within_km=30", {}, ""},
      {"GET", "/api/v1/centres/" + murat, {}, ""},                                       // JSON
      {"GET", "/api/v1/communes?q=murat", {}, ""},                                       //
      {"GET", "/api/v1/events.ics", {}, ""},                                             // iCalendar
      {"GET", "/api/v1/me", {}, ""},                                                     // 401 problem
      {"GET", "/api/v1/centres/999999", {}, ""},                                         // 404 problem
      {"GET", "/api/v1/nulle-part", {}, ""},                                             // 404 problem, no route
      {"DELETE", "/healthz", {}, ""},                                                    // 405 problem
      {"POST", "/api/v1/session", {{"Content-Type", "application/json"}}, "{not json"},  // 400 problem
      {"POST", "/api/v1/bookings", {{"Content-Type", "application/json"}}, "{}"},        // 401 problem
      {"POST", "/connexion", {}, "email=x"},                                             // 403 page: no form token
      {"GET", "/static/style.css", {}, ""},                                              // static file
      {"GET", "/static/absent.css", {}, ""},                                             // static 404
      {"GET", "/healthz", {}, ""},
      {"GET", "/metrics", {}, ""},
      {"HEAD", "/", {}, ""},
      {"OPTIONS", "/api/v1/centres", {}, ""},
      // Signed in (session cookie): pages, JSON, exports, problems, redirects.
      {"GET", "/compte", {{"Cookie", teleworker.cookie}}, ""},
      {"GET", "/reservations", {{"Cookie", teleworker.cookie}}, ""},
      {"GET", "/candidatures", {{"Cookie", teleworker.cookie}}, ""},
      {"GET", "/api/v1/me", teleworker.read(), ""},
      {"GET", "/api/v1/me/bookings", teleworker.read(), ""},
      {"GET", "/api/v1/me/export", teleworker.read(), ""},
      {"GET", "/admin/centres", {{"Cookie", admin.cookie}}, ""},
      {"GET", "/admin/centres/" + murat, {{"Cookie", admin.cookie}}, ""},
      {"GET", "/admin/evaluation", {{"Cookie", admin.cookie}}, ""},
      {"GET", "/admin/prospection", {{"Cookie", admin.cookie}}, ""},
      {"GET", "/admin/communication", {{"Cookie", admin.cookie}}, ""},
      {"GET", "/admin/subvention?bareme=DIACT-2006&du=2026-01-01&au=2026-12-31", {{"Cookie", admin.cookie}}, ""},
      {"GET", "/admin/journal", {{"Cookie", teleworker.cookie}}, ""},  // 403 page
      {"GET", "/api/v1/equipment.csv", admin.read(), ""},              // CSV export
      {"GET", "/api/v1/equipment.xlsx", admin.read(), ""},             // workbook export
      {"GET", "/api/v1/indicators.csv", admin.read(), ""},
      {"GET", "/api/v1/audit", teleworker.read(), ""},                            // 403 problem
      {"POST", "/api/v1/bookings", {{"Cookie", teleworker.cookie}}, "{}"},        // 403 problem: no CSRF token
      {"POST", "/api/v1/bookings", teleworker.write(), "{}"},                     // 400 problem past the gate
      {"POST", "/reservations/calendrier", {{"Cookie", teleworker.cookie}}, ""},  // 403 page: no CSRF token
  };
  int pages = 0;
  for (const auto& p : probes) {
    const HttpResponse r = s.request(p.method, p.target, p.body, p.headers);
    expect_security_headers(r, p.method + " " + p.target);
    if (r.header("content-type").rfind("text/html", 0) == 0) {
      expect_no_inline_code(r.body, p.method + " " + p.target);
      ++pages;
    }
  }
  EXPECT_GE(pages, 15);  // the HTML checks did run

  // 304 from an ETag.
  const HttpResponse first = s.get("/api/v1/centres/" + murat);
  ASSERT_FALSE(first.header("etag").empty());
  const HttpResponse not_modified = s.get("/api/v1/centres/" + murat, {{"If-None-Match", first.header("etag")}});
  EXPECT_EQ(not_modified.status, 304);
  expect_security_headers(not_modified, "304");
}

TEST_F(SecurityHeaders, ErrorsWrittenBeforeAnyRouteCarryThemToo) {
  const std::vector<std::pair<std::string, std::string>> raw = {
      {"431", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'x') + "\r\n\r\n"},
      {"413", "POST /api/v1/centres HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n" + std::string(100, 'a')},
      {"400", "THIS IS NOT HTTP\r\n\r\n"},
  };
  for (const auto& [status, bytes] : raw) {
    const HttpResponse r = parse_raw(server_->raw(bytes));
    EXPECT_EQ(std::to_string(r.status), status);
    expect_security_headers(r, "raw " + status);
  }
}

TEST_F(SecurityHeaders, TemplatesHoldNoInlineScriptHandlerNorStyle) {
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(TC_SOURCE_DIR) + "/src/web/templates")) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    expect_no_inline_code(text.str(), entry.path().filename().string());
    ++seen;
  }
  EXPECT_GT(seen, 20);
}

TEST_F(SecurityHeaders, SessionCookieIsHttpOnlySameSiteAndNotSecureOverPlainHttp) {
  const HttpResponse api =
      server_->request("POST", "/api/v1/session", sign_in_body(), {{"Content-Type", "application/json"}});
  ASSERT_EQ(api.status, 200) << api.body;
  expect_cookie_flags(api.header("set-cookie"), "tc_session", false);
  // The page's sign-in: the anonymous form token, then the session.
  Browser browser(*server_);
  const HttpResponse form = browser.get("/connexion");
  expect_cookie_flags(form.header("set-cookie"), "tc_csrf", false);
  EXPECT_NE(form.header("set-cookie").find("SameSite=Strict"), std::string::npos);
  const HttpResponse signed_in = browser.sign_in(kTeleworker, kTeleworkerPassword);
  ASSERT_EQ(signed_in.status, 303);
  expect_cookie_flags(signed_in.header("set-cookie"), "tc_session", false);
  // Signing out clears it with the same flags.
  const HttpResponse account = browser.get("/compte");
  const HttpResponse out = browser.post("/deconnexion", {{"csrf", csrf_field(account.body)}});
  ASSERT_EQ(out.status, 303);
  expect_cookie_flags(out.header("set-cookie"), "tc_session", false);
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos);
}

TEST(SecurityCookies, SecureWhenATrustedProxySaysHttps) {
  ServerProcess behind({"--trusted-proxy", "127.0.0.1"});
  const std::map<std::string, std::string> https = {
      {"Content-Type", "application/json"}, {"X-Forwarded-For", "203.0.113.9"}, {"X-Forwarded-Proto", "https"}};
  const HttpResponse api = behind.request("POST", "/api/v1/session", sign_in_body(), https);
  ASSERT_EQ(api.status, 200) << api.body;
  expect_cookie_flags(api.header("set-cookie"), "tc_session", true);
  const std::string cookie = api.header("set-cookie").substr(0, api.header("set-cookie").find(';'));
  const HttpResponse out = behind.request("DELETE", "/api/v1/session", "",
                                          {{"Cookie", cookie},
                                           {"X-CSRF-Token", json::parse(api.body)["csrf_token"].get<std::string>()},
                                           {"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(out.status, 204) << out.body;
  expect_cookie_flags(out.header("set-cookie"), "tc_session", true);
  // The anonymous forms' token cookie too.
  const HttpResponse form = behind.get("/connexion", {{"X-Forwarded-Proto", "https"}});
  expect_cookie_flags(form.header("set-cookie"), "tc_csrf", true);
  // A chain of proxies: the nearest one's word counts.
  const HttpResponse chain =
      behind.request("POST", "/api/v1/session", sign_in_body(),
                     {{"Content-Type", "application/json"}, {"X-Forwarded-Proto", "http, https"}});
  ASSERT_EQ(chain.status, 200) << chain.body;
  expect_cookie_flags(chain.header("set-cookie"), "tc_session", true);
  // Plain http through the same proxy: not Secure (the browser would drop it).
  const HttpResponse plain = behind.request("POST", "/api/v1/session", sign_in_body(),
                                            {{"Content-Type", "application/json"}, {"X-Forwarded-Proto", "http"}});
  ASSERT_EQ(plain.status, 200) << plain.body;
  expect_cookie_flags(plain.header("set-cookie"), "tc_session", false);
}

TEST(SecurityCookies, ForwardedProtoFromAnUntrustedPeerIsIgnoredAndSecureCookiesForcesIt) {
  ServerProcess direct;
  const HttpResponse claimed = direct.request("POST", "/api/v1/session", sign_in_body(),
                                              {{"Content-Type", "application/json"}, {"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(claimed.status, 200) << claimed.body;
  expect_cookie_flags(claimed.header("set-cookie"), "tc_session", false);

  ServerProcess tls({"--secure-cookies"});
  const HttpResponse api =
      tls.request("POST", "/api/v1/session", sign_in_body(), {{"Content-Type", "application/json"}});
  ASSERT_EQ(api.status, 200) << api.body;
  expect_cookie_flags(api.header("set-cookie"), "tc_session", true);
  Browser browser(tls);
  expect_cookie_flags(browser.get("/connexion").header("set-cookie"), "tc_csrf", true);
  const HttpResponse signed_in = browser.sign_in(kTeleworker, kTeleworkerPassword);
  ASSERT_EQ(signed_in.status, 303);
  expect_cookie_flags(signed_in.header("set-cookie"), "tc_session", true);
}

}  // namespace
}  // namespace tc::test
