// Who is asking, for pages and API alike: a personal API token ("Authorization: Bearer …") or the session cookie.
// A request authenticated by cookie that changes state must also prove it comes from our own page or script:
// the session's CSRF token, echoed in the X-CSRF-Token header (API) or the `csrf` form field (pages).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "service/accounts.h"
#include "web/request.h"
#include "web/response.h"

namespace tc::web {

struct App;

inline constexpr std::string_view kSessionCookie = "tc_session";

// The value of a cookie of the request, or empty.
std::string cookie_value(const RequestContext& req, std::string_view name);

// The caller, or nullopt for an anonymous request (or bad/expired credentials).
std::optional<service::Caller> identify(App& app, const RequestContext& req);

// True when the request may change state for this caller: API tokens always; sessions with the right CSRF token.
bool csrf_ok(const service::Caller& caller, const RequestContext& req, std::string_view form_token = {});

// Whether cookies set in answer to this request are marked Secure: `serve --secure-cookies`, or the request
// reached a trusted proxy over https (X-Forwarded-Proto).
bool secure_cookies(const App& app, const RequestContext& req);

// Set-Cookie values for the session cookie.
std::string session_cookie(const std::string& token, long max_age_s, bool secure);
std::string cleared_session_cookie(bool secure);

// 401 problem asking to sign in (with WWW-Authenticate), and 403 for a CSRF failure.
Response unauthenticated(const RequestContext& req);
Response csrf_refused(const RequestContext& req);

// For API handlers: the caller, or the response refusing the request (401 anonymous, 403 CSRF for writes).
std::variant<service::Caller, Response> caller_for(App& app, const RequestContext& req, bool writes);

}  // namespace tc::web
