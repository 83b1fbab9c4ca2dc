// The route table and the dispatcher between the server and the handlers.
#include <spdlog/spdlog.h>

#include <memory>

#include "service/errors.h"
#include "store/store.h"
#include "web/app.h"
#include "web/metrics.h"
#include "web/pages/page_context.h"
#include "web/worker_pool.h"

namespace tc::web {

namespace {

bool wants_json(const RequestContext& req) {
  return req.path.starts_with("/api/") || req.path == "/healthz" || req.path == "/metrics";
}

Response not_found(App& app, const RequestContext& req) {
  if (wants_json(req)) return problem(req, 404, "Cette adresse n'existe pas.", "This address does not exist.");
  return error_page(app, req, 404, "Cette page n'existe pas.", "This page does not exist.");
}

Response run_handler(App& app, const Route& route, const RequestContext& req) {
  try {
    return route.handler(req);
  } catch (const std::exception& e) {
    return service_error_to_problem(req, e);
  } catch (...) {
    (void)app;
    return problem(req, 500, "Erreur interne.", "Internal error.");
  }
}

}  // namespace

unsigned http_status(service::ServiceError::Kind kind) {
  using K = service::ServiceError::Kind;
  switch (kind) {
    case K::NotFound: return 404;
    case K::Invalid: return 400;
    case K::Conflict: return 409;
    case K::Forbidden: return 403;
    case K::Unauthenticated: return 401;
    case K::TooManyRequests: return 429;
    case K::Unprocessable: return 422;
    case K::Unavailable: return 503;
  }
  return 400;
}

Response service_error_to_problem(const RequestContext& req, const std::exception& e) {
  if (const auto* se = dynamic_cast<const service::ServiceError*>(&e)) {
    Response r = problem(req, http_status(se->kind), se->message_fr, se->message_en, se->field, se->reason);
    if (se->retry_after_s > 0) r.header("Retry-After", std::to_string(se->retry_after_s));
    return r;
  }
  if (const auto* st = dynamic_cast<const store::StoreError*>(&e)) {
    if (st->kind == store::StoreError::Kind::Busy) {
      Response r = problem(req, 503, "La base de données est occupée ; réessayez.", "The database is busy; retry.");
      r.header("Retry-After", "1");
      return r;
    }
  }
  spdlog::error("internal error on {}: {}", req.target, e.what());
  return problem(req, 500, "Erreur interne : l'incident est journalisé.", "Internal error: the incident is logged.");
}

void add_operations_routes(Router& r, App& app) {
  r.add({Method::Get, "/healthz",
         [](const RequestContext&) {
           Response res = json_response({{"status", "ok"}});
           res.header("Cache-Control", "no-store");
           return res;
         },
         Exec::Inline, "Liveness check"});
  r.add({Method::Get, "/metrics",
         [&app](const RequestContext&) {
           Response res;
           res.content_type = "text/plain; version=0.0.4; charset=utf-8";
           res.body = app.metrics.prometheus_text();
           res.header("Cache-Control", "no-store");
           return res;
         },
         Exec::Inline, "Prometheus metrics"});
}

Router make_router(App& app) {
  Router r;
  add_operations_routes(r, app);
  add_commune_api_routes(r, app);
  add_centre_api_routes(r, app);
  add_session_api_routes(r, app);
  add_application_api_routes(r, app);
  add_privacy_api_routes(r, app);
  add_booking_api_routes(r, app);
  add_admin_api_routes(r, app);
  add_equipment_api_routes(r, app);
  add_grant_api_routes(r, app);
  add_siting_api_routes(r, app);
  add_event_api_routes(r, app);
  add_indicator_api_routes(r, app);
  add_indicator_export_routes(r, app);
  add_company_api_routes(r, app);
  add_communication_api_routes(r, app);
  add_home_page_routes(r, app);
  add_centre_page_routes(r, app);
  add_accessibility_page_routes(r, app);
  add_account_page_routes(r, app);
  add_application_page_routes(r, app);
  add_recovery_page_routes(r, app);
  add_data_rights_page_routes(r, app);
  add_audit_page_routes(r, app);
  add_booking_page_routes(r, app);
  add_centre_admin_page_routes(r, app);
  add_grant_page_routes(r, app);
  add_siting_page_routes(r, app);
  add_event_page_routes(r, app);
  add_communication_page_routes(r, app);
  add_prospection_page_routes(r, app);
  add_evaluation_page_routes(r, app);
  add_static_routes(r, app);
  return r;
}

std::function<void(RequestContext&&, std::function<void(Response, std::string)>)> make_dispatcher(const Router& router,
                                                                                                  WorkerPool& pool,
                                                                                                  App& app) {
  return [&router, &pool, &app](RequestContext&& request, std::function<void(Response, std::string)> respond) {
    request.lang = negotiate_language(request.param("lang").value_or(""), request.header("accept-language"));
    auto match = router.match(request.method, request.path);
    if (!match.route) {
      if (!match.allowed.empty()) {
        std::string allow;
        for (Method m : match.allowed) {
          allow += (allow.empty() ? "" : ", ") + std::string(method_name(m));
          if (m == Method::Get) allow += ", HEAD";
        }
        Response r =
            problem(request, 405, "Méthode non autorisée sur cette adresse.", "Method not allowed on this address.");
        r.header("Allow", allow);
        return respond(std::move(r), "-");
      }
      return respond(not_found(app, request), "-");
    }
    request.path_params = std::move(match.params);
    request.route = match.route->pattern;
    const Route* route = match.route;
    if (route->exec == Exec::Inline) {
      Response r = run_handler(app, *route, request);
      return respond(std::move(r), route->pattern);
    }
    if (route->fast_path) {
      std::optional<Response> quick;
      try {
        quick = route->fast_path(request);
      } catch (const std::exception&) {
        quick.reset();  // the pool path will meet the same problem and report it properly
      }
      if (quick) return respond(std::move(*quick), route->pattern);
    }
    auto shared = std::make_shared<RequestContext>(std::move(request));
    auto shared_respond = std::make_shared<std::function<void(Response, std::string)>>(std::move(respond));
    const bool queued = pool.try_submit([&app, route, shared, shared_respond] {
      (*shared_respond)(run_handler(app, *route, *shared), route->pattern);
    });
    if (!queued) {
      Response r = problem(*shared, 503, "Le serveur est surchargé ; réessayez dans un instant.",
                           "The server is overloaded; retry in a moment.");
      r.header("Retry-After", "1");
      (*shared_respond)(std::move(r), route->pattern);
    }
  };
}

}  // namespace tc::web
