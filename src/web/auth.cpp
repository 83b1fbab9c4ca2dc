#include "web/auth.h"

#include "service/secrets.h"
#include "web/app.h"

namespace tc::web {

std::string cookie_value(const RequestContext& req, std::string_view name) {
  std::string_view header = req.header("cookie");
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return {};
}

std::optional<service::Caller> identify(App& app, const RequestContext& req) {
  const std::string_view authorization = req.header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() > kBearer.size() && authorization.substr(0, kBearer.size()) == kBearer)
    return app.accounts.from_api_token(authorization.substr(kBearer.size()));
  if (!authorization.empty()) return std::nullopt;  // a malformed Authorization is not silently anonymous-as-cookie
  const std::string token = cookie_value(req, kSessionCookie);
  if (token.empty()) return std::nullopt;
  return app.accounts.from_session(token);
}

bool csrf_ok(const service::Caller& caller, const RequestContext& req, std::string_view form_token) {
  if (!caller.by_session) return true;
  const std::string_view sent = form_token.empty() ? req.header("x-csrf-token") : form_token;
  return !sent.empty() && service::constant_time_equal(sent, caller.csrf_token);
}

bool secure_cookies(const App& app, const RequestContext& req) { return app.secure_cookies || req.https; }

std::string session_cookie(const std::string& token, long max_age_s, bool secure) {
  std::string c = std::string(kSessionCookie) + "=" + token + "; Path=/; Max-Age=" + std::to_string(max_age_s) +
                  "; HttpOnly; SameSite=Lax";
  if (secure) c += "; Secure";
  return c;
}

std::string cleared_session_cookie(bool secure) {
  std::string c = std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
  if (secure) c += "; Secure";
  return c;
}

Response unauthenticated(const RequestContext& req) {
  Response r = problem(req, 401, "Connectez-vous pour accéder à cette ressource.", "Sign in to access this resource.");
  r.header("WWW-Authenticate", "Bearer realm=\"telecentres\"");
  return r;
}

Response csrf_refused(const RequestContext& req) {
  return problem(req, 403, "Jeton anti-CSRF absent ou invalide : rechargez la page et recommencez.",
                 "Missing or invalid CSRF token: reload the page and try again.", "csrf");
}

std::variant<service::Caller, Response> caller_for(App& app, const RequestContext& req, bool writes) {
  auto caller = identify(app, req);
  if (!caller) return unauthenticated(req);
  if (writes && !csrf_ok(*caller, req)) return csrf_refused(req);
  return *caller;
}

}  // namespace tc::web
