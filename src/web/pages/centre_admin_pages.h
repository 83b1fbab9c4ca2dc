// What the pages that administer centres share (pages/centre_admin.cpp: the list, creating and editing a centre,
// its status; pages/conformity.cpp: a centre's premises conformity and the network's): who is let in, the
// administration's sub-navigation, the addresses, and the words for conformity and a centre's history.
//
// Who may do what is the service's (service/network.h); the pages only decide what to offer: admins everything,
// a centre's hosts its services, hours and closures and its conformity. Anyone else signed in gets 403; an
// anonymous visitor is sent to the sign-in form; a centre the caller does not manage is "not found".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/centre.h"
#include "domain/conformity.h"
#include "service/accounts.h"
#include "service/errors.h"
#include "web/i18n.h"
#include "web/request.h"
#include "web/response.h"
#include "web/router.h"

namespace tc::web {

struct App;

// Admins, and the hosts of at least one centre: those the "Administration" link is for.
bool manages_centres(const domain::Actor& a);

// The caller of an administration page, or the response that ends the request: a sign-in redirect (coming back
// to `come_back`) for an anonymous visitor, 403 for someone who manages no centre (or is not an admin, with
// `admins_only`).
std::optional<Response> admit_manager(App& app, const RequestContext& req, std::optional<service::Caller>& caller,
                                      bool admins_only, std::string_view come_back);

// ---- addresses (without the language) ----

inline constexpr std::string_view kCentresAdminPath = "/admin/centres";
inline constexpr std::string_view kNetworkConformityPath = "/admin/conformite";
std::string centre_edit_path(domain::CentreId id);
std::string centre_conformity_path(domain::CentreId id);

// ---- pages that end a request ----

Response admin_forbidden_page(App& app, const RequestContext& req);
Response managed_centre_not_found_page(App& app, const RequestContext& req);
// The page for a refusal of the service that no form field is to blame for (NotFound → 404, Forbidden → 403);
// rethrows anything else.
Response centre_refusal_page(App& app, const RequestContext& req, const service::ServiceError& e);

// ---- shared pieces of the pages ----

// The administration's links for admins ({"items": [{"href", "label", "current"}]}), false for hosts. `current`
// is the path of the page showing it.
nlohmann::json admin_nav_json(const domain::Actor& actor, Lang lang, std::string_view current);
// The name of a criterion ("Accueil", "Haut débit"…), by its stable code.
std::string criterion_label(const std::string& code, Lang lang);
// What was found, in the page's language.
std::string criterion_message(const domain::Criterion& c, Lang lang);
// {"code", "label", "passed", "result", "icon", "message"}: the result in words beside a shape.
nlohmann::json criterion_json(const domain::Criterion& c, Lang lang);
// "Conforme" / "3 critères non remplis".
std::string conformity_summary(const domain::ConformityResult& r, Lang lang);
// The centre's status changes, oldest first: [{"date", "iso", "status", "reason"}].
nlohmann::json history_json(const domain::Centre& c, Lang lang);

// The conformity pages' routes (pages/conformity.cpp), registered by add_centre_admin_page_routes.
void add_conformity_page_routes(Router& r, App& app);

}  // namespace tc::web
