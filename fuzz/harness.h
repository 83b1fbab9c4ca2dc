// What the fuzz targets that drive real handlers share: the program's wiring (as `telecentres serve` builds it)
// over an in-memory SQLite store holding the demo network, the route table, and the demo admin signed in (an API
// token for /api routes, a session cookie and its CSRF token for form routes). No server: handlers are called
// directly, as the dispatcher's worker would call them.
#pragma once

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "resources.h"
#include "service/accounts.h"
#include "service/demo_network.h"
#include "service/errors.h"
#include "service/reference_data.h"
#include "store/store.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/metrics.h"
#include "web/response_cache.h"
#include "web/templates.h"
#include "web/wiring.h"

namespace tc::fuzz {

inline const std::string kAdmin = "admin@demo.telecentres.example";
inline const std::string kAdminPassword = "demo-conseil-cantal";

// The program's wiring, as `telecentres serve` builds it (plain http: no Secure cookies).
struct Wiring : web::Wiring {
  explicit Wiring(store::Store& db) : web::Wiring(db, false) {}
};

// Routes that would end the fuzzing session itself (sign-out, erasing or demoting the admin, revoking its token),
// and the one that runs a solver for up to 30 s (its body decoding is fuzzed directly, see json_body_fuzz.cpp).
inline bool excluded(const web::Route& r) {
  static const std::vector<std::string_view> kExcluded = {"/api/v1/session",
                                                          "/api/v1/me/erase",
                                                          "/api/v1/people/{id}/erase",
                                                          "/api/v1/people/{id}/roles",
                                                          "/api/v1/siting",
                                                          "/deconnexion",
                                                          "/deconnexion-partout",
                                                          "/compte/donnees/effacement",
                                                          "/compte/jetons/{id}/revoquer"};
  for (auto p : kExcluded)
    if (r.pattern == p) return true;
  return false;
}

class Harness {
 public:
  Harness() {
    spdlog::set_level(spdlog::level::off);  // 5xx are reported by the targets themselves
    db_ = store::open_store(":memory:");
    service::load_demo(*db_);
    wiring_ = std::make_unique<Wiring>(*db_);
    router_ = web::make_router(wiring_->app);
    const auto session = wiring_->accounts.sign_in(kAdmin, kAdminPassword, "127.0.0.1");
    session_ = session.token;
    csrf_ = session.csrf_token;
    api_token_ = wiring_->accounts.create_api_token(session.actor.id, "fuzz");
  }

  // The write routes (not GET) whose pattern starts with `prefix` ("/api/" or "/" for pages but not /api).
  std::vector<const web::Route*> write_routes(bool api) const {
    std::vector<const web::Route*> out;
    for (const auto& r : router_.routes()) {
      if (r.method == web::Method::Get || r.method == web::Method::Head || excluded(r)) continue;
      if (r.pattern.starts_with("/api/") == api) out.push_back(&r);
    }
    return out;
  }

  // A request for `route` as the signed-in admin, path parameters all set to `id`.
  web::RequestContext request(const web::Route& route, std::string id, std::string body,
                              std::string_view content_type) const {
    web::RequestContext req;
    req.method = route.method;
    req.route = route.pattern;
    req.target = req.path = route.pattern;  // only for messages
    std::size_t open = 0;
    while ((open = route.pattern.find('{', open)) != std::string::npos) {
      const auto close = route.pattern.find('}', open);
      req.path_params[route.pattern.substr(open + 1, close - open - 1)] = id;
      open = close;
    }
    req.headers["content-type"] = std::string(content_type);
    if (route.pattern.starts_with("/api/")) {
      req.headers["authorization"] = "Bearer " + api_token_;
    } else {
      req.headers["cookie"] = std::string(web::kSessionCookie) + "=" + session_;
    }
    req.remote = "127.0.0.1";
    req.body = std::move(body);
    return req;
  }

  const std::string& csrf() const { return csrf_; }
  const web::Router& router() const { return router_; }

 private:
  std::unique_ptr<store::Store> db_;
  std::unique_ptr<Wiring> wiring_;
  web::Router router_;
  std::string session_, csrf_, api_token_;
};

// Calls the handler as the dispatcher would, but lets only the documented refusal through: a ServiceError (the
// dispatcher's 4xx). Anything else escaping, or a 500 answer, is a bug: abort so that libFuzzer keeps the input.
inline void call_handler(const web::Route& route, const web::RequestContext& req) {
  web::Response r;
  try {
    r = route.handler(req);
  } catch (const service::ServiceError&) {
    return;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s %s: unexpected exception: %s\n", std::string(web::method_name(route.method)).c_str(),
                 route.pattern.c_str(), e.what());
    std::abort();
  }
  if (r.status >= 500 && r.status != 503) {
    std::fprintf(stderr, "%s %s: answered %u: %s\n", std::string(web::method_name(route.method)).c_str(),
                 route.pattern.c_str(), r.status, r.body.substr(0, 500).c_str());
    std::abort();
  }
}

}  // namespace tc::fuzz
