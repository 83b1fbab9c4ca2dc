// The booking pages' handlers, by file, for the route table in bookings.cpp:
//
//   bookings_week.cpp    a centre's week grid (/centres/{id}/reservations): book a half-day or a day, join a
//                        waiting list
//   bookings_series.cpp  the weekly series form (on the grid) and its result, date by date
//   bookings_mine.cpp    "Mes réservations" (/reservations): cancel, check in, leave a waiting list, the calendar
//                        address
//   bookings_day.cpp     the host's day at a centre (/accueil/{centre_id}): who is expected, check-in, cancel
//
// Plain forms that work without JavaScript, as on the other pages: each POST carries the session's anti-CSRF token
// and answers 303 to a page that says what happened (?fait=… for a success, ?refus=… for the service's refusal,
// in words from bookings_words.h); input the page can tell is wrong shows the page again with the error summary.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/centre.h"
#include "service/accounts.h"
#include "web/pages/account_forms.h"
#include "web/request.h"
#include "web/response.h"

namespace tc::web {

struct App;

// ---- the week grid (bookings_week.cpp) ----

// The weekly series form as typed: "1-morning", "3-afternoon"… (ISO weekday, half-day), the dates, all or nothing.
struct SeriesForm {
  std::vector<std::string> slots;
  std::string from;
  std::string to;
  bool all_or_nothing = false;
};

// What the grid shows besides the week: the series form as typed and the problems of a submission.
struct WeekExtras {
  explicit WeekExtras(Lang lang) : errors(lang) {}
  SeriesForm series;
  FormErrors errors;
  std::string jump;  // the "semaine" field as typed
};

// The grid of the week holding `day`, for `caller` (nullopt: anonymous).
Response show_week(App& app, const RequestContext& req, const std::optional<service::Caller>& caller,
                   const domain::Centre& c, domain::Date day, const WeekExtras& extras, unsigned status);

Response get_week(App& app, const RequestContext& req);
Response post_book(App& app, const RequestContext& req);
Response post_join_waiting_list(App& app, const RequestContext& req);

// ---- the weekly series (bookings_series.cpp) ----

// {"weekdays": [{"name", "slots": [{"id", "value", "label", "checked"}]}], "from", "to", "all_or_nothing",
// "error", "describedby", "action"} for the grid's series form.
nlohmann::json series_form_json(Lang lang, const domain::Centre& c, const SeriesForm& f, const FormErrors& errors);

Response post_series(App& app, const RequestContext& req);
Response get_series_result(App& app, const RequestContext& req);

// ---- my bookings (bookings_mine.cpp) ----

Response get_mine(App& app, const RequestContext& req);
Response post_cancel(App& app, const RequestContext& req);
Response post_check_in(App& app, const RequestContext& req);
Response post_leave_waiting_list(App& app, const RequestContext& req);
Response post_renew_calendar(App& app, const RequestContext& req);

// ---- the host's day (bookings_day.cpp) ----

Response get_day(App& app, const RequestContext& req);
Response post_day_check_in(App& app, const RequestContext& req);
Response post_day_cancel(App& app, const RequestContext& req);

}  // namespace tc::web
