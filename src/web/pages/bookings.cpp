// The booking pages' routes (the handlers are in bookings_week.cpp, bookings_series.cpp, bookings_mine.cpp and
// bookings_day.cpp; see bookings_pages.h). The JSON equivalents are in api/bookings.cpp; the rules and who may do
// what are the service's (service/bookings.h).
#include "web/app.h"
#include "web/pages/bookings_pages.h"
#include "web/pages/bookings_request.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

// A form's address reached by GET (typed, reloaded, or the language switch of a page a refused POST answered)
// leads to the page the form is on.
Response to_week(const RequestContext& req) {
  const auto id = path_id(req, "id");
  return see_other(with_lang(id ? "/centres/" + std::to_string(*id) + "/reservations" : std::string("/"), req.lang));
}
Response to_mine(const RequestContext& req) { return see_other(with_lang(std::string(kMinePath), req.lang)); }
Response to_day(const RequestContext& req) {
  const auto id = path_id(req, "centre_id");
  return see_other(with_lang(id ? "/accueil/" + std::to_string(*id) : std::string(kMinePath), req.lang));
}

}  // namespace

void add_booking_page_routes(Router& r, App& app) {
  r.add({Method::Get, "/centres/{id}/reservations", [&app](const RequestContext& req) { return get_week(app, req); },
         Exec::Pool, "A centre's week: free posts per half-day, and the forms to book (HTML; ?semaine=YYYY-MM-DD)"});
  r.add({Method::Post, "/centres/{id}/reservations", [&app](const RequestContext& req) { return post_book(app, req); },
         Exec::Pool, "Book a half-day or a day from the week grid (form), 303 to my bookings"});
  r.add({Method::Post, "/centres/{id}/liste-attente",
         [&app](const RequestContext& req) { return post_join_waiting_list(app, req); }, Exec::Pool,
         "Join the waiting list of a full half-day (form), 303 to my bookings"});
  r.add({Method::Post, "/centres/{id}/reservations/serie",
         [&app](const RequestContext& req) { return post_series(app, req); }, Exec::Pool,
         "Book a weekly series (form), 303 to its result"});
  r.add({Method::Get, "/centres/{id}/reservations/serie",
         [&app](const RequestContext& req) { return get_series_result(app, req); }, Exec::Pool,
         "A weekly series' result, date by date (HTML)"});
  r.add({Method::Get, "/reservations", [&app](const RequestContext& req) { return get_mine(app, req); }, Exec::Pool,
         "My bookings, waiting lists and calendar address (HTML)"});
  r.add({Method::Post, "/reservations/{id}/annulation",
         [&app](const RequestContext& req) { return post_cancel(app, req); }, Exec::Pool,
         "Cancel one's booking (form), 303 to my bookings"});
  r.add({Method::Post, "/reservations/{id}/arrivee",
         [&app](const RequestContext& req) { return post_check_in(app, req); }, Exec::Pool,
         "Check in with the day's code (form), 303 to my bookings"});
  r.add({Method::Post, "/reservations/attentes/{id}/retrait",
         [&app](const RequestContext& req) { return post_leave_waiting_list(app, req); }, Exec::Pool,
         "Leave a waiting list (form), 303 to my bookings"});
  r.add({Method::Post, "/reservations/calendrier",
         [&app](const RequestContext& req) { return post_renew_calendar(app, req); }, Exec::Pool,
         "Replace one's calendar address (form), 303 to my bookings"});
  r.add({Method::Get, "/accueil/{centre_id}", [&app](const RequestContext& req) { return get_day(app, req); },
         Exec::Pool, "A centre's day for its hosts: code, free posts, who is expected (HTML; ?date=YYYY-MM-DD)"});
  r.add({Method::Post, "/accueil/{centre_id}/arrivee/{booking_id}",
         [&app](const RequestContext& req) { return post_day_check_in(app, req); }, Exec::Pool,
         "A host records an arrival (form), 303 to the day"});
  r.add({Method::Post, "/accueil/{centre_id}/annulation/{booking_id}",
         [&app](const RequestContext& req) { return post_day_cancel(app, req); }, Exec::Pool,
         "A host cancels a booking with a reason (form), 303 to the day"});

  r.add({Method::Get, "/centres/{id}/liste-attente", [](const RequestContext& req) { return to_week(req); },
         Exec::Inline, "Redirect to the centre's week"});
  for (const char* path : {"/reservations/{id}/annulation", "/reservations/{id}/arrivee",
                           "/reservations/attentes/{id}/retrait", "/reservations/calendrier"})
    r.add({Method::Get, path, [](const RequestContext& req) { return to_mine(req); }, Exec::Inline,
           "Redirect to my bookings"});
  for (const char* path : {"/accueil/{centre_id}/arrivee/{booking_id}", "/accueil/{centre_id}/annulation/{booking_id}"})
    r.add({Method::Get, path, [](const RequestContext& req) { return to_day(req); }, Exec::Inline,
           "Redirect to the centre's day"});
}

}  // namespace tc::web
