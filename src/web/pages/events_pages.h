// The events' pages beyond the list and the registration (events.cpp), by file:
//
//   event_form.cpp   the animator's form to publish an event (/evenements/nouveau) and to change one
//                    (/evenements/{id}/modifier)
//   advice.cpp       individual advice appointments: the free slots to book (/conseil) and the animator's form
//                    that offers a day's slots in one go (/conseil/creneaux)
//
// events.cpp registers both files' routes: the form's before /evenements/{id}, which would take "nouveau" for an id.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/centre.h"
#include "domain/date.h"
#include "web/i18n.h"
#include "web/pages/account_forms.h"
#include "web/router.h"

namespace tc::web {

struct App;

void add_event_form_page_routes(Router& r, App& app);  // event_form.cpp
void add_advice_page_routes(Router& r, App& app);      // advice.cpp

// ---- what the two forms share (event_form.cpp) ----

// A time of day as people type it or a time input sends it: "09:30", "9:30", "9 h 30", "9h", "14 h"; minutes since
// midnight (24:00 is 1440), or nullopt.
std::optional<int> parse_clock_time(std::string_view text);
// A day as a date input sends it ("2026-12-10") or as people write it ("10/12/2026").
std::optional<domain::Date> parse_form_date(std::string_view text);
// "09:30": the value a time input shows.
std::string clock_value(int minute);

// The place of an event, as the forms ask it: a centre (select "centre_id"), or a commune (select "commune") and an
// address. {"centre": select, "commune": select, "address": field}.
nlohmann::json place_fields_json(App& app, Lang lang, const std::string& centre_id, const std::string& commune,
                                 const std::string& address, const FormErrors& errors);
// The centre chosen in the form: nullopt for "elsewhere"; sets an error on centre_id for a value that is no centre
// id, and on commune when neither is given.
std::optional<domain::CentreId> read_place(const std::string& centre_id, const std::string& commune,
                                           FormErrors& errors);

// A text-like input's description for field_json, without autocomplete.
FieldSpec field_spec(std::string_view id, std::string_view label_key, std::string_view hint_key,
                     std::string_view type = "text", bool required = false);

// The service's field for a refused form, as the form's field id (unknown fields go to `fallback`).
std::string form_field_of(std::string_view service_field, std::string_view fallback);

}  // namespace tc::web
