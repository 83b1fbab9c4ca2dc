// Desk booking over JSON: availability of a centre, booking (half-day, day, weekly series), cancelling, and the
// caller's bookings. Rules and permissions are the service's; this file maps JSON and statuses.
#include <charconv>

#include "service/bookings.h"
#include "web/api/json_body.h"
#include "web/app.h"
#include "web/auth.h"

namespace tc::web {

namespace {

using nlohmann::json;

std::optional<std::int64_t> positive_id(const std::string& raw) {
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc{} || p != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return id;
}

json booking_json(const domain::Booking& b) {
  json j = {{"id", b.id},           {"centre_id", b.centre_id},          {"post_id", b.post_id},
            {"date", b.date.iso()}, {"slot", domain::to_string(b.slot)}, {"status", domain::to_string(b.status)}};
  if (b.series_id) j["series_id"] = *b.series_id;
  if (!b.cancel_reason.empty()) j["cancel_reason"] = b.cancel_reason;
  return j;
}

json view_json(const service::BookingView& v) {
  json j = booking_json(v.booking);
  j["centre_name"] = v.centre_name;
  j["post_label"] = v.post_label;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", v.start_minute / 60, v.start_minute % 60);
  j["starts"] = buf;
  std::snprintf(buf, sizeof buf, "%02d:%02d", v.end_minute / 60, v.end_minute % 60);
  j["ends"] = buf;
  j["time_zone"] = v.time_zone;
  if (!v.person_name.empty()) j["person_name"] = v.person_name;
  return j;
}

Response availability(App& app, const RequestContext& req) {
  auto id = positive_id(req.path_params.at("id"));
  if (!id)
    return problem(req, 400, "L'identifiant de télécentre n'est pas un entier positif.",
                   "The centre id is not a positive integer.", "id");
  auto from = req.param("from");
  auto to = req.param("to");
  if (!from || !to)
    return problem(req, 400, "Les paramètres « from » et « to » (AAAA-MM-JJ) sont obligatoires.",
                   "The \"from\" and \"to\" parameters (YYYY-MM-DD) are required.", from ? "to" : "from");
  json days = json::array();
  for (const auto& a : app.bookings.availability(*id, *from, *to)) {
    json d = {{"date", a.date.iso()},
              {"slot", domain::to_string(a.slot)},
              {"open", a.opening.open()},
              {"posts_free", a.posts_free},
              {"posts_total", a.posts_total}};
    if (a.opening.closed) {
      d["closed_reason"] = domain::to_string(*a.opening.closed);
      if (!a.opening.detail.empty()) d["closed_detail"] = a.opening.detail;
    }
    days.push_back(std::move(d));
  }
  Response r = json_response({{"centre_id", *id}, {"days", days}});
  r.header("Cache-Control", "no-store");
  return r;
}

// The optional "person_id" of a body: hosts and admins book for someone else.
std::variant<std::optional<domain::PersonId>, Response> person_field(const RequestContext& req, const json& body) {
  if (!body.contains("person_id") || body["person_id"].is_null()) return std::optional<domain::PersonId>{};
  auto p = integer_field(body, "person_id");
  if (!p || *p <= 0)
    return problem(req, 400, "« person_id » doit être un entier positif.", "\"person_id\" must be a positive integer.",
                   "person_id");
  return std::optional<domain::PersonId>{*p};
}

std::variant<std::optional<domain::PostId>, Response> post_field(const RequestContext& req, const json& body) {
  if (!body.contains("post_id") || body["post_id"].is_null()) return std::optional<domain::PostId>{};
  auto p = integer_field(body, "post_id");
  if (!p || *p <= 0)
    return problem(req, 400, "« post_id » doit être un entier positif.", "\"post_id\" must be a positive integer.",
                   "post_id");
  return std::optional<domain::PostId>{*p};
}

Response create(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  service::BookingRequest in;
  auto centre = integer_field(body, "centre_id");
  if (!centre || *centre <= 0)
    return problem(req, 400, "Le champ « centre_id » (entier) est obligatoire.", "\"centre_id\" (integer) is required.",
                   "centre_id");
  in.centre_id = *centre;
  auto date = string_field(body, "date");
  if (!date)
    return problem(req, 400, "Le champ « date » (AAAA-MM-JJ) est obligatoire.", "\"date\" (YYYY-MM-DD) is required.",
                   "date");
  in.date = *date;
  auto slot = string_field(body, "slot");
  if (!slot)
    return problem(req, 400, "Le champ « slot » (morning, afternoon ou day) est obligatoire.",
                   "\"slot\" (morning, afternoon or day) is required.", "slot");
  in.slot = *slot;
  auto post = post_field(req, body);
  if (auto* bad = std::get_if<Response>(&post)) return std::move(*bad);
  in.post_id = std::get<std::optional<domain::PostId>>(post);
  auto person = person_field(req, body);
  if (auto* bad = std::get_if<Response>(&person)) return std::move(*bad);
  in.for_person = std::get<std::optional<domain::PersonId>>(person);
  json items = json::array();
  for (const auto& b : app.bookings.book(std::get<service::Caller>(who).actor, in)) items.push_back(booking_json(b));
  Response r = json_response({{"bookings", items}}, 201);
  r.header("Location", "/api/v1/bookings/" + std::to_string(items.front()["id"].get<std::int64_t>()));
  return r;
}

Response create_series(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  service::SeriesRequest in;
  auto centre = integer_field(body, "centre_id");
  if (!centre || *centre <= 0)
    return problem(req, 400, "Le champ « centre_id » (entier) est obligatoire.", "\"centre_id\" (integer) is required.",
                   "centre_id");
  in.centre_id = *centre;
  auto from = string_field(body, "from");
  auto to = string_field(body, "to");
  if (!from || !to)
    return problem(req, 400, "Les champs « from » et « to » (AAAA-MM-JJ) sont obligatoires.",
                   "\"from\" and \"to\" (YYYY-MM-DD) are required.", from ? "to" : "from");
  in.from = *from;
  in.to = *to;
  const auto pattern = body.find("pattern");
  if (pattern == body.end() || !pattern->is_array() || pattern->empty() || pattern->size() > 14)
    return problem(req, 400,
                   "Le champ « pattern » est une liste de {\"weekday\": 1…7, \"slot\": morning|afternoon|day}.",
                   "\"pattern\" is a list of {\"weekday\": 1…7, \"slot\": morning|afternoon|day}.", "pattern");
  for (const json& e : *pattern) {
    if (!e.is_object() || !e.contains("weekday") || !e["weekday"].is_number_integer() || !e.contains("slot") ||
        !e["slot"].is_string())
      return problem(req, 400, "Chaque élément de « pattern » a un « weekday » entier et un « slot ».",
                     "Each item of \"pattern\" has an integer \"weekday\" and a \"slot\".", "pattern");
    in.pattern.emplace_back(static_cast<int>(std::clamp<std::int64_t>(e["weekday"].get<std::int64_t>(), -1, 99)),
                            e["slot"].get<std::string>());
  }
  if (body.contains("all_or_nothing")) {
    if (!body["all_or_nothing"].is_boolean())
      return problem(req, 400, "« all_or_nothing » vaut true ou false.", "\"all_or_nothing\" is true or false.",
                     "all_or_nothing");
    in.all_or_nothing = body["all_or_nothing"].get<bool>();
  }
  auto post = post_field(req, body);
  if (auto* bad = std::get_if<Response>(&post)) return std::move(*bad);
  in.post_id = std::get<std::optional<domain::PostId>>(post);
  auto person = person_field(req, body);
  if (auto* bad = std::get_if<Response>(&person)) return std::move(*bad);
  in.for_person = std::get<std::optional<domain::PersonId>>(person);

  const auto result = app.bookings.book_series(std::get<service::Caller>(who).actor, in);
  json results = json::array();
  for (const auto& o : result.outcomes) {
    json j = {{"date", o.date.iso()}, {"slot", domain::to_string(o.slot)}, {"result", o.result}};
    if (o.booking) j["booking"] = booking_json(*o.booking);
    results.push_back(std::move(j));
  }
  if (!result.committed) {
    // Nothing was booked: a 409 problem that still lists, date by date, why.
    Response r = problem(req, 409,
                         in.all_or_nothing ? "Série refusée : au moins un créneau n'est pas disponible, rien n'a été "
                                             "réservé."
                                           : "Aucun créneau de la série n'est disponible.",
                         in.all_or_nothing ? "Series refused: at least one slot is unavailable; nothing was booked."
                                           : "No slot of the series is available.",
                         {}, "series_unavailable");
    json problem_body = json::parse(r.body);
    problem_body["results"] = results;
    r.body = problem_body.dump();
    return r;
  }
  Response r = json_response({{"series_id", *result.series_id}, {"results", results}}, 201);
  return r;
}

Response remove(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto id = positive_id(req.path_params.at("id"));
  if (!id)
    return problem(req, 400, "L'identifiant de réservation n'est pas un entier positif.",
                   "The booking id is not a positive integer.", "id");
  std::string reason = req.param("reason").value_or("");
  if (!req.body.empty()) {
    auto parsed = json_body(req);
    if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
    if (auto r = string_field(std::get<json>(parsed), "reason")) reason = *r;
  }
  const auto b = app.bookings.cancel(std::get<service::Caller>(who).actor, *id, reason);
  return json_response({{"booking", booking_json(b)}});
}

Response cancel_series(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto id = positive_id(req.path_params.at("id"));
  if (!id)
    return problem(req, 400, "L'identifiant de série n'est pas un entier positif.",
                   "The series id is not a positive integer.", "id");
  std::string reason = req.param("reason").value_or("");
  const int n = app.bookings.cancel_series(std::get<service::Caller>(who).actor, *id, reason);
  return json_response({{"series_id", *id}, {"cancelled", n}});
}

Response cancel_range(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  auto from = string_field(body, "from");
  auto to = string_field(body, "to");
  if (!from || !to)
    return problem(req, 400, "Les champs « from » et « to » (AAAA-MM-JJ) sont obligatoires.",
                   "\"from\" and \"to\" (YYYY-MM-DD) are required.", from ? "to" : "from");
  auto person = person_field(req, body);
  if (auto* bad = std::get_if<Response>(&person)) return std::move(*bad);
  const int n =
      app.bookings.cancel_range(std::get<service::Caller>(who).actor, std::get<std::optional<domain::PersonId>>(person),
                                *from, *to, string_field(body, "reason").value_or(""));
  return json_response({{"cancelled", n}});
}

Response one(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto id = positive_id(req.path_params.at("id"));
  if (!id)
    return problem(req, 400, "L'identifiant de réservation n'est pas un entier positif.",
                   "The booking id is not a positive integer.", "id");
  auto v = app.bookings.get(std::get<service::Caller>(who).actor, *id);
  if (!v) return problem(req, 404, "Cette réservation n'existe pas.", "This booking does not exist.");
  Response r = json_response(view_json(*v));
  r.header("Cache-Control", "no-store");
  return r;
}

Response mine(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  std::optional<domain::Date> from;
  if (auto f = req.param("from")) {
    from = domain::parse_date(*f);
    if (!from)
      return problem(req, 400, "« from » doit être une date AAAA-MM-JJ.", "\"from\" must be a YYYY-MM-DD date.",
                     "from");
  }
  json items = json::array();
  for (const auto& v : app.bookings.mine(actor, from)) items.push_back(view_json(v));
  Response r =
      json_response({{"bookings", items},
                     {"ical_url", app.public_url + "/calendrier/" + app.bookings.personal_feed_token(actor) + ".ics"}});
  r.header("Cache-Control", "no-store");
  return r;
}

Response check_in(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto id = positive_id(req.path_params.at("id"));
  if (!id)
    return problem(req, 400, "L'identifiant de réservation n'est pas un entier positif.",
                   "The booking id is not a positive integer.", "id");
  std::string code;
  if (!req.body.empty()) {
    auto parsed = json_body(req);
    if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
    code = string_field(std::get<json>(parsed), "code").value_or("");
  }
  const auto b = app.bookings.check_in(std::get<service::Caller>(who).actor, *id, code);
  return json_response({{"booking", booking_json(b)}});
}

Response day(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto id = positive_id(req.path_params.at("id"));
  if (!id)
    return problem(req, 400, "L'identifiant de télécentre n'est pas un entier positif.",
                   "The centre id is not a positive integer.", "id");
  auto date = req.param("date");
  if (!date)
    return problem(req, 400, "Le paramètre « date » (AAAA-MM-JJ) est obligatoire.",
                   "The \"date\" parameter (YYYY-MM-DD) is required.", "date");
  const auto v = app.bookings.day(std::get<service::Caller>(who).actor, *id, *date);
  json slots = json::array();
  for (const auto& a : v.slots)
    slots.push_back({{"slot", domain::to_string(a.slot)},
                     {"open", a.opening.open()},
                     {"posts_free", a.posts_free},
                     {"posts_total", a.posts_total}});
  json bookings = json::array();
  for (const auto& b : v.bookings) bookings.push_back(view_json(b));
  Response r = json_response({{"centre_id", v.centre_id},
                              {"centre_name", v.centre_name},
                              {"date", v.date.iso()},
                              {"slots", slots},
                              {"bookings", bookings},
                              {"checkin_code", v.checkin_code}});
  r.header("Cache-Control", "no-store");
  return r;
}

json wait_json(const service::WaitView& w) {
  json j = {{"id", w.wait.id},           {"centre_id", w.wait.centre_id},          {"centre_name", w.centre_name},
            {"date", w.wait.date.iso()}, {"slot", domain::to_string(w.wait.slot)}, {"status", w.wait.status},
            {"since", w.wait.created_at}};
  if (w.wait.booking_id) j["booking_id"] = *w.wait.booking_id;
  return j;
}

Response join_wait(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  auto centre = integer_field(body, "centre_id");
  auto date = string_field(body, "date");
  auto slot = string_field(body, "slot");
  if (!centre || *centre <= 0)
    return problem(req, 400, "Le champ « centre_id » (entier) est obligatoire.", "\"centre_id\" (integer) is required.",
                   "centre_id");
  if (!date)
    return problem(req, 400, "Le champ « date » (AAAA-MM-JJ) est obligatoire.", "\"date\" (YYYY-MM-DD) is required.",
                   "date");
  if (!slot)
    return problem(req, 400, "Le champ « slot » (morning ou afternoon) est obligatoire.",
                   "\"slot\" (morning or afternoon) is required.", "slot");
  const auto w = app.bookings.join_waiting_list(std::get<service::Caller>(who).actor, *centre, *date, *slot);
  return json_response(wait_json(w), 201);
}

Response leave_wait(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto id = positive_id(req.path_params.at("id"));
  if (!id) return problem(req, 400, "Identifiant invalide.", "Invalid id.", "id");
  app.bookings.leave_waiting_list(std::get<service::Caller>(who).actor, *id);
  Response r;
  r.status = 204;
  return r;
}

Response my_waits(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  json items = json::array();
  for (const auto& w : app.bookings.my_waits(std::get<service::Caller>(who).actor)) items.push_back(wait_json(w));
  Response r = json_response({{"waits", items}});
  r.header("Cache-Control", "no-store");
  return r;
}

Response renew_feed(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const std::string token = app.bookings.renew_personal_feed(std::get<service::Caller>(who).actor);
  return json_response({{"ical_url", app.public_url + "/calendrier/" + token + ".ics"}});
}

Response centre_feed(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto id = positive_id(req.path_params.at("id"));
  if (!id)
    return problem(req, 400, "L'identifiant de télécentre n'est pas un entier positif.",
                   "The centre id is not a positive integer.", "id");
  const std::string token = app.bookings.centre_feed_token(std::get<service::Caller>(who).actor, *id);
  Response r = json_response({{"ical_url", app.public_url + "/calendrier/" + token + ".ics"}});
  r.header("Cache-Control", "no-store");
  return r;
}

// The feed itself: the unguessable token is the credential (calendar applications send no cookies).
Response ical(App& app, const RequestContext& req) {
  std::string token = req.path_params.at("token");
  constexpr std::string_view kSuffix = ".ics";
  if (token.size() > kSuffix.size() && token.compare(token.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0)
    token.resize(token.size() - kSuffix.size());
  auto text = app.bookings.feed(token);
  if (!text)
    return problem(req, 404, "Ce calendrier n'existe pas ou a été renouvelé.",
                   "This calendar does not exist or was renewed.");
  Response r;
  r.content_type = "text/calendar; charset=utf-8";
  r.body = std::move(*text);
  r.header("Cache-Control", "no-store");
  r.header("Content-Disposition", "inline; filename=\"reservations.ics\"");
  return r;
}

}  // namespace

void add_booking_api_routes(Router& r, App& app) {
  r.add({Method::Post, "/api/v1/bookings/{id}/check-in",
         [&app](const RequestContext& req) { return check_in(app, req); }, Exec::Pool,
         "Check in (the host, or the holder with the day's code)"});
  r.add({Method::Get, "/api/v1/centres/{id}/day", [&app](const RequestContext& req) { return day(app, req); },
         Exec::Pool, "A centre's day for its hosts"});
  r.add({Method::Get, "/api/v1/centres/{id}/calendar",
         [&app](const RequestContext& req) { return centre_feed(app, req); }, Exec::Pool,
         "A centre's calendar feed address, for its hosts"});
  r.add({Method::Post, "/api/v1/waiting-list", [&app](const RequestContext& req) { return join_wait(app, req); },
         Exec::Pool, "Queue for a full half-day"});
  r.add({Method::Delete, "/api/v1/waiting-list/{id}",
         [&app](const RequestContext& req) { return leave_wait(app, req); }, Exec::Pool, "Leave a waiting list"});
  r.add({Method::Get, "/api/v1/me/waiting-list", [&app](const RequestContext& req) { return my_waits(app, req); },
         Exec::Pool, "The caller's waiting lists"});
  r.add({Method::Post, "/api/v1/me/calendar/renew", [&app](const RequestContext& req) { return renew_feed(app, req); },
         Exec::Pool, "Replace the caller's calendar address"});
  r.add({Method::Get, "/calendrier/{token}", [&app](const RequestContext& req) { return ical(app, req); }, Exec::Pool,
         "iCalendar feed (personal or a centre's)"});
  r.add({Method::Get, "/api/v1/centres/{id}/availability",
         [&app](const RequestContext& req) { return availability(app, req); }, Exec::Pool,
         "Free posts per date and half-day"});
  r.add({Method::Post, "/api/v1/bookings", [&app](const RequestContext& req) { return create(app, req); }, Exec::Pool,
         "Book a post for a half-day or a day"});
  r.add({Method::Post, "/api/v1/bookings/series", [&app](const RequestContext& req) { return create_series(app, req); },
         Exec::Pool, "Book a weekly pattern between two dates"});
  r.add({Method::Post, "/api/v1/bookings/cancellations",
         [&app](const RequestContext& req) { return cancel_range(app, req); }, Exec::Pool,
         "Cancel bookings between two dates"});
  r.add({Method::Delete, "/api/v1/bookings/series/{id}",
         [&app](const RequestContext& req) { return cancel_series(app, req); }, Exec::Pool,
         "Cancel the rest of a series"});
  r.add({Method::Get, "/api/v1/bookings/{id}", [&app](const RequestContext& req) { return one(app, req); }, Exec::Pool,
         "One booking"});
  r.add({Method::Delete, "/api/v1/bookings/{id}", [&app](const RequestContext& req) { return remove(app, req); },
         Exec::Pool, "Cancel a booking"});
  r.add({Method::Get, "/api/v1/me/bookings", [&app](const RequestContext& req) { return mine(app, req); }, Exec::Pool,
         "The caller's bookings and calendar feed"});
}

}  // namespace tc::web
