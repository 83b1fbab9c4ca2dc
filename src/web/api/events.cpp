// The network's events over the API:
//
//   POST /api/v1/events                            publish an event (animator, admins): 201
//   GET  /api/v1/events?from=&to=                  public events for everyone, every event for a signed-in person
//   GET  /api/v1/events/{id}                       one event, with its places left
//   POST /api/v1/events/{id}/registrations         register: signed in, or anonymously with name and e-mail to a
//                                                  public event: 201 confirmed or waiting
//   GET  /api/v1/events/{id}/registrations         the registrations (organiser, animator, admins)
//   POST /api/v1/registrations/{id}/attendance     {attended}: the organiser marks who came
//   POST /api/v1/registrations/cancel              {token}: what the e-mail's cancellation link does
//   GET  /api/v1/events.ics                        the public events as an iCalendar feed
//   GET  /api/v1/events/{id}/event.ics             one event as an .ics file
//   POST /api/v1/advice-slots                      offer individual advice slots in bulk (animator, admins): 201
//                                                  with the created events, one per slot
//   GET  /api/v1/advice-slots?from=&to=            the advice slots still free (public ones for everyone); booked
//                                                  through /api/v1/events/{id}/registrations like any event
#include <cctype>
#include <cstdio>
#include <ctime>

#include "calendar/time_zone.h"
#include "service/events.h"
#include "web/api/json_body.h"
#include "web/app.h"
#include "web/auth.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;

[[noreturn]] void invalid(const std::string& fr, const std::string& en, const char* field) {
  throw ServiceError(ServiceError::Kind::Invalid, fr, en, field);
}

int minute_of(const std::string& hhmm, const char* field) {
  if (hhmm.size() != 5 || hhmm[2] != ':' || !std::isdigit(static_cast<unsigned char>(hhmm[0])) ||
      !std::isdigit(static_cast<unsigned char>(hhmm[1])) || !std::isdigit(static_cast<unsigned char>(hhmm[3])) ||
      !std::isdigit(static_cast<unsigned char>(hhmm[4])))
    invalid(std::string("« ") + field + " » est une heure HH:MM.", std::string(field) + " is a time HH:MM.", field);
  const int h = std::stoi(hhmm.substr(0, 2)), m = std::stoi(hhmm.substr(3, 2));
  if (h > 24 || m > 59 || (h == 24 && m > 0))
    invalid(std::string("« ") + field + " » est une heure HH:MM.", std::string(field) + " is a time HH:MM.", field);
  return h * 60 + m;
}

std::string hhmm(int minute) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", minute / 60, minute % 60);
  return buffer;
}

domain::Date date_param(const std::optional<std::string>& text, domain::Date fallback, const char* field) {
  if (!text) return fallback;
  const auto d = domain::parse_date(*text);
  if (!d)
    invalid(std::string("« ") + field + " » est une date AAAA-MM-JJ.", std::string(field) + " is a date YYYY-MM-DD.",
            field);
  return *d;
}

domain::Date today() {
  static const auto paris = calendar::find_zone("Europe/Paris");
  return paris->local_date(domain::Timestamp{std::time(nullptr)});
}

json event_json(const service::EventView& v) {
  const auto& e = v.event;
  json audiences = json::array();
  for (const auto a : e.audiences) audiences.push_back(std::string(to_string(a)));
  return {{"id", e.id},
          {"type", std::string(to_string(e.type))},
          {"title", e.title},
          {"description", e.description},
          {"date", e.date.iso()},
          {"starts", hhmm(e.start_minute)},
          {"ends", hhmm(e.end_minute)},
          {"time_zone", e.zone},
          {"centre_id", e.centre_id ? json(*e.centre_id) : json(nullptr)},
          {"centre_name", v.centre_name.empty() ? json(nullptr) : json(v.centre_name)},
          {"commune", {{"insee", e.commune_insee}, {"name", v.commune_name}}},
          {"address", e.address},
          {"capacity", e.capacity},
          {"confirmed", v.confirmed},
          {"waiting", v.waiting},
          {"places_left", v.places_left() < 0 ? json(nullptr) : json(v.places_left())},
          {"audiences", audiences},
          {"public", e.is_public()},
          {"cancelled", e.cancelled},
          {"organiser", e.organiser},
          {"href", "/api/v1/events/" + std::to_string(e.id)}};
}

json registration_json(const domain::Registration& r, bool with_contact) {
  json out = {{"id", r.id},
              {"event_id", r.event_id},
              {"status", std::string(to_string(r.status))},
              {"created_at", r.created_at},
              {"attended", r.attended ? json(*r.attended) : json(nullptr)}};
  if (with_contact) {
    out["name"] = r.name;
    out["email"] = r.email;
    out["person_id"] = r.person_id ? json(*r.person_id) : json(nullptr);
  }
  return out;
}

Response create(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  if (!actor.is_admin() && !actor.has(domain::Role::Animator))
    return problem(req, 403, "Les événements sont publiés par l'animation du réseau et le conseil.",
                   "Events are published by the network's animator and the council.");
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  domain::Event e;
  const std::string type = required_string(body, "type");
  const auto t = domain::parse_event_type(type);
  if (!t)
    invalid(
        "« type » : information_meeting, training, advice, fair, colloquium, press_conference, film_screening ou "
        "contest.",
        "\"type\" is one of information_meeting, training, advice, fair, colloquium, press_conference, "
        "film_screening, contest.",
        "type");
  e.type = *t;
  e.title = required_string(body, "title");
  e.description = optional_string(body, "description").value_or("");
  const auto date = domain::parse_date(required_string(body, "date"));
  if (!date) invalid("« date » est une date AAAA-MM-JJ.", "\"date\" is a date YYYY-MM-DD.", "date");
  e.date = *date;
  e.start_minute = minute_of(required_string(body, "starts"), "starts");
  e.end_minute = minute_of(required_string(body, "ends"), "ends");
  if (const auto centre = optional_integer(body, "centre_id")) e.centre_id = *centre;
  e.commune_insee = optional_string(body, "commune").value_or("");
  e.address = optional_string(body, "address").value_or("");
  e.capacity = static_cast<int>(std::clamp<std::int64_t>(optional_integer(body, "capacity").value_or(0), -1, 100000));
  if (body.contains("audiences")) {
    if (!body["audiences"].is_array()) invalid("« audiences » est une liste.", "\"audiences\" is a list.", "audiences");
    for (const auto& a : body["audiences"]) {
      const auto parsed_a = a.is_string() ? domain::parse_audience(a.get<std::string>()) : std::nullopt;
      if (!parsed_a)
        invalid("Public inconnu : teleworkers, job_seekers, companies, elected_officials ou public.",
                "Unknown audience: teleworkers, job_seekers, companies, elected_officials or public.", "audiences");
      e.audiences.push_back(*parsed_a);
    }
  }
  const auto v = app.events.create(actor, e);
  Response out = json_response(event_json(v), 201);
  out.header("Location", "/api/v1/events/" + std::to_string(v.event.id));
  return out;
}

Response list(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  const domain::Date from = date_param(req.param("from"), today(), "from");
  const domain::Date to = date_param(req.param("to"), from.plus_days(366), "to");
  if (to < from) invalid("« to » vient après « from ».", "\"to\" comes after \"from\".", "to");
  json items = json::array();
  for (const auto& v : app.events.list(caller ? &caller->actor : nullptr, from, to)) items.push_back(event_json(v));
  Response out = json_response({{"events", std::move(items)}});
  out.header("Cache-Control", "no-store");
  return out;
}

Response one(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  Response out = json_response(event_json(app.events.get(caller ? &caller->actor : nullptr, path_id(req))));
  out.header("Cache-Control", "no-store");
  return out;
}

Response register_for(App& app, const RequestContext& req) {
  // Anonymous people register to public events; a session must prove its request comes from our pages.
  const auto caller = identify(app, req);
  if (caller && !csrf_ok(*caller, req)) return csrf_refused(req);
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  service::RegistrationRequest r;
  if (!caller) {
    r.name = required_string(body, "name");
    r.email = required_string(body, "email");
  }
  const auto outcome = app.events.register_for(caller ? &caller->actor : nullptr, path_id(req), r, app.public_url);
  Response out = json_response(registration_json(outcome.registration, true), 201);
  out.header("Cache-Control", "no-store");
  return out;
}

Response registrations(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  json items = json::array();
  for (const auto& r : app.events.registrations(std::get<service::Caller>(who).actor, path_id(req)))
    items.push_back(registration_json(r, true));
  Response out = json_response({{"registrations", std::move(items)}});
  out.header("Cache-Control", "no-store");
  return out;
}

Response attendance(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const auto attended = optional_bool(std::get<json>(parsed), "attended");
  if (!attended) invalid("« attended » vaut true ou false.", "\"attended\" is true or false.", "attended");
  app.events.mark_attendance(std::get<service::Caller>(who).actor, path_id(req), *attended);
  Response out = json_response({{"id", path_id(req)}, {"attended", *attended}});
  return out;
}

Response cancel(App& app, const RequestContext& req) {
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const auto r = app.events.cancel_registration(required_string(std::get<json>(parsed), "token"));
  return json_response(registration_json(r, false));
}

Response offer_advice_slots(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  if (!actor.is_admin() && !actor.has(domain::Role::Animator))
    return problem(req, 403, "Les créneaux de conseil sont proposés par l'animation du réseau.",
                   "Advice slots are offered by the network's animator.");
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  service::AdviceSlotsRequest r;
  const auto date = domain::parse_date(required_string(body, "date"));
  if (!date) invalid("« date » est une date AAAA-MM-JJ.", "\"date\" is a date YYYY-MM-DD.", "date");
  r.date = *date;
  r.from_minute = minute_of(required_string(body, "starts"), "starts");
  r.to_minute = minute_of(required_string(body, "ends"), "ends");
  r.minutes = static_cast<int>(std::clamp<std::int64_t>(optional_integer(body, "minutes").value_or(30), -1, 100000));
  if (const auto centre = optional_integer(body, "centre_id")) r.centre_id = *centre;
  r.commune_insee = optional_string(body, "commune").value_or("");
  r.address = optional_string(body, "address").value_or("");
  r.title = optional_string(body, "title").value_or("");
  r.description = optional_string(body, "description").value_or("");
  r.open_to_public = optional_bool(body, "public").value_or(true);
  json items = json::array();
  for (const auto& v : app.events.offer_advice_slots(actor, r)) items.push_back(event_json(v));
  Response out = json_response({{"events", std::move(items)}}, 201);
  out.header("Cache-Control", "no-store");
  return out;
}

Response free_advice_slots(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  const domain::Date from = date_param(req.param("from"), today(), "from");
  const domain::Date to = date_param(req.param("to"), from.plus_days(92), "to");
  if (to < from) invalid("« to » vient après « from ».", "\"to\" comes after \"from\".", "to");
  json items = json::array();
  for (const auto& v : app.events.free_advice_slots(caller ? &caller->actor : nullptr, from, to))
    items.push_back(event_json(v));
  Response out = json_response({{"slots", std::move(items)}});
  out.header("Cache-Control", "no-store");
  return out;
}

Response ics(std::string body, const std::string& filename) {
  Response r;
  r.content_type = "text/calendar; charset=utf-8";
  r.body = std::move(body);
  r.header("Content-Disposition", "inline; filename=\"" + filename + "\"");
  r.header("Cache-Control", "no-cache");
  return r;
}

}  // namespace

void add_event_api_routes(Router& r, App& app) {
  r.add({Method::Post, "/api/v1/events", [&app](const RequestContext& req) { return create(app, req); }, Exec::Pool,
         "Publish an event (animator, admins)"});
  r.add({Method::Get, "/api/v1/events", [&app](const RequestContext& req) { return list(app, req); }, Exec::Pool,
         "Events: public ones for everyone, all for signed-in people (?from=&to=)"});
  r.add({Method::Get, "/api/v1/events.ics",
         [&app](const RequestContext& req) {
           return ics(app.events.public_ical(date_param(req.param("from"), today().plus_days(-30), "from")),
                      "evenements.ics");
         },
         Exec::Pool, "The public events as an iCalendar feed"});
  r.add({Method::Get, "/api/v1/events/{id}", [&app](const RequestContext& req) { return one(app, req); }, Exec::Pool,
         "One event"});
  r.add({Method::Get, "/api/v1/events/{id}/event.ics",
         [&app](const RequestContext& req) {
           const auto caller = identify(app, req);
           return ics(app.events.event_ical(caller ? &caller->actor : nullptr, path_id(req)),
                      "evenement-" + std::to_string(path_id(req)) + ".ics");
         },
         Exec::Pool, "One event as an .ics file"});
  r.add({Method::Post, "/api/v1/events/{id}/registrations",
         [&app](const RequestContext& req) { return register_for(app, req); }, Exec::Pool,
         "Register to an event: signed in, or by name and e-mail to a public event"});
  r.add({Method::Get, "/api/v1/events/{id}/registrations",
         [&app](const RequestContext& req) { return registrations(app, req); }, Exec::Pool,
         "An event's registrations (organiser, animator, admins)"});
  r.add({Method::Post, "/api/v1/registrations/{id}/attendance",
         [&app](const RequestContext& req) { return attendance(app, req); }, Exec::Pool,
         "Mark whether a registered person came (organiser, animator, admins)"});
  r.add({Method::Post, "/api/v1/advice-slots",
         [&app](const RequestContext& req) { return offer_advice_slots(app, req); }, Exec::Pool,
         "Offer individual advice slots in bulk, one event per slot (animator, admins)"});
  r.add({Method::Get, "/api/v1/advice-slots", [&app](const RequestContext& req) { return free_advice_slots(app, req); },
         Exec::Pool, "The individual advice slots still free (?from=&to=)"});
  r.add({Method::Post, "/api/v1/registrations/cancel", [&app](const RequestContext& req) { return cancel(app, req); },
         Exec::Pool, "Cancel a registration with its e-mailed token"});
}

}  // namespace tc::web
