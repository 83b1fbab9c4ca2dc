// What handlers share: the use cases and the read-only helpers built once at start-up. Each api/ and pages/
// file registers its own routes with add_*_routes; routes.cpp calls them all.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "geo/svg_map.h"
#include "service/accounts.h"
#include "service/applications.h"
#include "service/bookings.h"
#include "service/communication.h"
#include "service/directory.h"
#include "service/errors.h"
#include "service/events.h"
#include "service/indicators.h"
#include "service/network.h"
#include "service/privacy.h"
#include "service/prospection.h"
#include "service/siting.h"
#include "service/siting_jobs.h"
#include "web/router.h"
#include "web/templates.h"

namespace tc::web {

class Metrics;
class ResponseCache;

struct App {
  service::Directory& directory;
  const Templates& templates;
  const geo::DepartementMap& map;
  Metrics& metrics;
  ResponseCache& cache;  // for read-only JSON endpoints, keyed by the store's revision
  service::Accounts& accounts;
  service::Applications& applications;
  service::Privacy& privacy;
  service::Bookings& bookings;
  service::NetworkAdmin& admin;
  service::SitingStudy& siting;
  service::SitingJobs& studies;                      // background siting studies
  service::Events& events;                           // the network's events and their registrations
  service::Indicators& indicators;                   // the network's evaluation
  service::Prospection& prospection;                 // national companies that may relocate jobs
  service::Communication& communication;             // the network's communication plan
  bool secure_cookies = false;                       // cookies marked Secure: set when served over TLS
  std::string public_url = "http://localhost:8080";  // the site's address, for links in e-mails
};

// The HTTP status of a use case's refusal, for pages and API alike.
unsigned http_status(service::ServiceError::Kind kind);  // routes.cpp
// Turns a ServiceError thrown by a use case into the right response; pages and API differ only in the body.
Response service_error_to_problem(const RequestContext& req, const std::exception& e);

void add_commune_api_routes(Router& r, App& app);         // api/communes.cpp
void add_centre_api_routes(Router& r, App& app);          // api/centres.cpp
void add_session_api_routes(Router& r, App& app);         // api/session.cpp
void add_application_api_routes(Router& r, App& app);     // api/applications.cpp
void add_privacy_api_routes(Router& r, App& app);         // api/privacy.cpp
void add_booking_api_routes(Router& r, App& app);         // api/bookings.cpp
void add_admin_api_routes(Router& r, App& app);           // api/admin_centres.cpp: centres, status, conformity, ZRR
void add_equipment_api_routes(Router& r, App& app);       // api/equipment.cpp
void add_grant_api_routes(Router& r, App& app);           // api/grant.cpp: agreements, rulesets, the statement
void add_siting_api_routes(Router& r, App& app);          // api/siting.cpp
void add_event_api_routes(Router& r, App& app);           // api/events.cpp
void add_indicator_api_routes(Router& r, App& app);       // api/indicators.cpp
void add_indicator_export_routes(Router& r, App& app);    // api/indicator_exports.cpp
void add_company_api_routes(Router& r, App& app);         // api/companies.cpp
void add_communication_api_routes(Router& r, App& app);   // api/communication.cpp
void add_centre_admin_page_routes(Router& r, App& app);   // pages/centre_admin.cpp (+ conformity.cpp)
void add_grant_page_routes(Router& r, App& app);          // pages/grant.cpp (+ equipment.cpp, agreements.cpp)
void add_siting_page_routes(Router& r, App& app);         // pages/siting.cpp
void add_event_page_routes(Router& r, App& app);          // pages/events.cpp
void add_communication_page_routes(Router& r, App& app);  // pages/communication.cpp
void add_prospection_page_routes(Router& r, App& app);    // pages/prospection.cpp
void add_evaluation_page_routes(Router& r, App& app);     // pages/evaluation.cpp
void add_home_page_routes(Router& r, App& app);           // pages/home.cpp
void add_centre_page_routes(Router& r, App& app);         // pages/centre.cpp
void add_accessibility_page_routes(Router& r, App& app);  // pages/accessibility.cpp
void add_account_page_routes(Router& r, App& app);        // pages/account.cpp
void add_application_page_routes(Router& r, App& app);    // pages/applications.cpp
void add_recovery_page_routes(Router& r, App& app);       // pages/recovery.cpp
void add_data_rights_page_routes(Router& r, App& app);    // pages/data_rights.cpp
void add_audit_page_routes(Router& r, App& app);          // pages/audit.cpp
void add_booking_page_routes(Router& r, App& app);        // pages/bookings.cpp
void add_static_routes(Router& r, App& app);              // static_files.cpp
void add_operations_routes(Router& r, App& app);          // routes.cpp: /healthz, /metrics

Router make_router(App& app);  // routes.cpp

class WorkerPool;
// Routes each request: 404/405 itself, Inline routes on the I/O thread, Pool routes on the worker pool (503 with
// Retry-After when its queue is full). A handler's exception becomes a 500 problem, never a crash.
std::function<void(RequestContext&&, std::function<void(Response, std::string)>)> make_dispatcher(const Router& router,
                                                                                                  WorkerPool& pool,
                                                                                                  App& app);

}  // namespace tc::web
