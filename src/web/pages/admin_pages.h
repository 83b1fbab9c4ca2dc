// The council's administration pages for equipment, occupancy agreements and the FNADT grant, by file:
//
//   grant.cpp       the grant's statement (/admin/subvention), printable, and its rulesets
//                   (/admin/subvention/baremes); registers the other two files' routes too
//   equipment.cpp   the network's inventory (/admin/equipement) and a centre's (/admin/centres/{id}/equipement)
//   agreements.cpp  a centre's occupancy agreements (/admin/centres/{id}/conventions)
//
// Plain forms that work without JavaScript, as on the other pages: each POST carries the session's anti-CSRF
// token and answers 303 to the page the form is on with ?fait=… (what was done, said in words there); input the
// page can tell is wrong, or that the service refuses, shows the page again with the error summary, each message
// beside its field and what was typed (400, 409 or 422). Who may do what is service::NetworkAdmin's to decide;
// the pages ask it before reading a form, so that a refusal never depends on what was typed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/date.h"
#include "service/accounts.h"
#include "service/errors.h"
#include "web/i18n.h"
#include "web/pages/account_forms.h"
#include "web/request.h"
#include "web/response.h"
#include "web/router.h"

namespace tc::web {

struct App;

void add_equipment_page_routes(Router& r, App& app);  // equipment.cpp
void add_agreement_page_routes(Router& r, App& app);  // agreements.cpp

// ---- what the three files share (grant.cpp) ----

// The signed-in caller, or the response that ends the request: a 303 to the sign-in form coming back to
// `come_back` (the request's own target when empty).
std::optional<Response> signed_in(App& app, const RequestContext& req, std::optional<service::Caller>& caller,
                                  std::string_view come_back = {});
// The page for a refusal of the service that is not about the form's content: 404 (NotFound), 403 (Forbidden);
// nullopt for the other kinds, which the caller handles.
std::optional<Response> refusal_page(App& app, const RequestContext& req, const service::ServiceError& e);
// 403: a page of the council's team only.
Response admins_only_page(App& app, const RequestContext& req);

// The HTTP status of a refused form: 409 for a conflict, 422 for a rule, else 400.
unsigned form_status(service::ServiceError::Kind kind);

// The civil date in Paris today (the council's day).
domain::Date council_today();

// "1er janvier 2027", or `none` (a message key) when there is no date.
std::string date_words(const std::optional<domain::Date>& d, Lang lang, std::string_view none_key);

// {"value", "label", "selected"} for the _app_select partial's options.
nlohmann::json option_json(std::string value, std::string label, bool selected);
// A <select> as the _app_select partial draws it (its id is also its name).
nlohmann::json select_field_json(Lang lang, std::string_view id, std::string_view label_key, std::string_view hint_key,
                                 nlohmann::json options, bool required, const FormErrors& errors);
// A <textarea> as the _app_textarea partial draws it.
nlohmann::json textarea_field_json(Lang lang, std::string_view id, std::string_view label_key,
                                   std::string_view hint_key, std::string value, int rows, const FormErrors& errors);

// The success message of ?fait=<code> for the page whose messages are under `key_prefix` ("equipment.done"):
// the words of one of `known` codes, else false.
nlohmann::json done_notice(const RequestContext& req, std::string_view key_prefix,
                           std::initializer_list<std::string_view> known);

}  // namespace tc::web
