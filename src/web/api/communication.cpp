// The network's communication plan over the API (the network's animator and the council):
//
//   POST /api/v1/communication/actions             an action {title, axis, channel, date, cost_cents, description,
//                                                  reach, contacts, centre}: 201
//   GET  /api/v1/communication/actions?year=YYYY   the year's actions by date (default: this year), each with the
//                                                  number of applications citing it
//   GET  /api/v1/communication/actions/{id}        one action
//   PUT  /api/v1/communication/actions/{id}        replaces an action (same body as POST)
//   GET  /api/v1/communication/summary?year=YYYY   the year's totals per axis, per channel and overall
#include <charconv>

#include "service/communication.h"
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

int count_of(const json& body, const char* name) {
  const auto v = optional_integer(body, name).value_or(0);
  if (v < 0 || v > 100'000'000)
    invalid(std::string("« ") + name + " » est un nombre positif.", std::string(name) + " is a positive number.", name);
  return static_cast<int>(v);
}

domain::CommAction action_from(const json& body) {
  domain::CommAction a;
  a.title = required_string(body, "title");
  const auto axis = domain::parse_axis(required_string(body, "axis"));
  if (!axis) invalid("« axis » : inform ou attract.", "\"axis\" is inform or attract.", "axis");
  a.axis = *axis;
  const auto channel = domain::parse_channel(required_string(body, "channel"));
  if (!channel)
    invalid("« channel » : meeting, press, poster, fair, film, colloquium, contest, web ou social_media.",
            "\"channel\" is meeting, press, poster, fair, film, colloquium, contest, web or social_media.", "channel");
  a.channel = *channel;
  const auto date = domain::parse_date(required_string(body, "date"));
  if (!date) invalid("« date » est une date AAAA-MM-JJ.", "\"date\" is a date YYYY-MM-DD.", "date");
  a.date = *date;
  const auto cost = optional_integer(body, "cost_cents").value_or(0);
  if (cost < 0 || cost > 10'000'000'000L)
    invalid("« cost_cents » est un montant positif en centimes.", "\"cost_cents\" is a positive amount in cents.",
            "cost_cents");
  a.cost = cost;
  a.description = optional_string(body, "description").value_or("");
  a.reach = count_of(body, "reach");
  a.contacts = count_of(body, "contacts");
  if (const auto centre = optional_integer(body, "centre")) {
    if (*centre <= 0) invalid("« centre » est un numéro de télécentre.", "\"centre\" is a centre's id.", "centre");
    a.centre = *centre;
  }
  return a;
}

json action_json(const domain::CommAction& a, std::optional<int> citing) {
  json out = {{"id", a.id},
              {"title", a.title},
              {"axis", std::string(to_string(a.axis))},
              {"channel", std::string(to_string(a.channel))},
              {"date", a.date.iso()},
              {"cost_cents", a.cost},
              {"description", a.description},
              {"reach", a.reach},
              {"contacts", a.contacts},
              {"centre", a.centre ? json(*a.centre) : json(nullptr)},
              {"created_at", a.created_at},
              {"href", "/api/v1/communication/actions/" + std::to_string(a.id)}};
  if (citing) out["applications"] = *citing;
  return out;
}

json totals_json(const domain::CommTotals& t) {
  return {{"actions", t.actions},
          {"cost_cents", t.cost},
          {"reach", t.reach},
          {"contacts", t.contacts},
          {"applications", t.applications}};
}

// ?year=YYYY, or this year in Paris.
int year_of(App& app, const RequestContext& req) {
  const auto text = req.param("year");
  if (!text || text->empty()) return app.communication.today().year;
  int year = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, year);
  if (ec != std::errc() || ptr != end || text->size() != 4)
    invalid("« year » est une année AAAA.", "\"year\" is a year YYYY.", "year");
  return year;
}

Response create(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  if (!actor.is_admin() && !actor.has(domain::Role::Animator))
    return problem(req, 403, "Le plan de communication est réservé à l'animation du réseau et au conseil.",
                   "The communication plan is for the network's animator and the council.");
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const auto created = app.communication.create(actor, action_from(std::get<json>(parsed)));
  Response out = json_response(action_json(created, std::nullopt), 201);
  out.header("Location", "/api/v1/communication/actions/" + std::to_string(created.id));
  return out;
}

Response update(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  const domain::CommActionId id = path_id(req);
  app.communication.get(actor, id);  // who may, and whether it exists, before reading the body
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  domain::CommAction a = action_from(std::get<json>(parsed));
  a.id = id;
  return json_response(action_json(app.communication.update(actor, a), std::nullopt));
}

Response list(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto y = app.communication.year(std::get<service::Caller>(who).actor, year_of(app, req));
  json items = json::array();
  for (const auto& a : y.actions) {
    const auto it = y.citing.find(a.id);
    items.push_back(action_json(a, it == y.citing.end() ? 0 : it->second));
  }
  Response out = json_response({{"year", y.year}, {"actions", items}, {"total", totals_json(y.summary.total)}});
  out.header("Cache-Control", "no-store");
  return out;
}

Response one(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto a = app.communication.get(std::get<service::Caller>(who).actor, path_id(req));
  const auto y = app.communication.year(std::get<service::Caller>(who).actor, a.date.year);
  const auto it = y.citing.find(a.id);
  Response out = json_response(action_json(a, it == y.citing.end() ? 0 : it->second));
  out.header("Cache-Control", "no-store");
  return out;
}

Response summary(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto s = app.communication.summary(std::get<service::Caller>(who).actor, year_of(app, req));
  json axes = json::object();
  for (const auto& [axis, t] : s.per_axis) axes[std::string(to_string(axis))] = totals_json(t);
  json channels = json::object();
  for (const auto& [channel, t] : s.per_channel) channels[std::string(to_string(channel))] = totals_json(t);
  Response out =
      json_response({{"year", s.year}, {"per_axis", axes}, {"per_channel", channels}, {"total", totals_json(s.total)}});
  out.header("Cache-Control", "no-store");
  return out;
}

}  // namespace

void add_communication_api_routes(Router& r, App& app) {
  r.add({Method::Post, "/api/v1/communication/actions", [&app](const RequestContext& req) { return create(app, req); },
         Exec::Pool, "Add an action to the communication plan (animator, admins)"});
  r.add({Method::Get, "/api/v1/communication/actions", [&app](const RequestContext& req) { return list(app, req); },
         Exec::Pool, "A year of the communication plan (animator, admins)"});
  r.add({Method::Get, "/api/v1/communication/actions/{id}", [&app](const RequestContext& req) { return one(app, req); },
         Exec::Pool, "One action of the communication plan (animator, admins)"});
  r.add({Method::Put, "/api/v1/communication/actions/{id}",
         [&app](const RequestContext& req) { return update(app, req); }, Exec::Pool,
         "Replace an action of the communication plan (animator, admins)"});
  r.add({Method::Get, "/api/v1/communication/summary", [&app](const RequestContext& req) { return summary(app, req); },
         Exec::Pool, "A year's totals of the communication plan per axis and channel (animator, admins)"});
}

}  // namespace tc::web
