// The animator's form for an event, without JavaScript:
//
//   /evenements/nouveau            publish an event (GET the form, POST: 303 to the new event's page)
//   /evenements/{id}/modifier      change it (its organiser, animators, admins; POST: 303 back to the event)
//
// Every field of an event: its type, title and description, the day and its start and end (centre-local), the
// place (a centre, or any commune of the Cantal and an address), the number of places, and who it is for — the
// "general public" audience makes it public (registration by name and e-mail, without an account). Input the page
// can tell is wrong, and what the service refuses, come back with the error summary and what was typed. Who may do
// this is the service's rule; the page asks before reading the form, so a refusal never depends on what was typed.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <string>

#include "geo/commune_index.h"
#include "service/errors.h"
#include "service/events.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/admin_pages.h"
#include "web/pages/bookings_request.h"
#include "web/pages/events_pages.h"
#include "web/pages/page_context.h"

namespace tc::web {

using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

std::optional<int> parse_clock_time(std::string_view text) {
  std::string s;
  for (char c : text)
    if (c != ' ') s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t i = 0;
  auto digits = [&](std::size_t most) {
    std::string d;
    while (i < s.size() && d.size() < most && std::isdigit(static_cast<unsigned char>(s[i]))) d += s[i++];
    return d;
  };
  const std::string h = digits(2);
  if (h.empty()) return std::nullopt;
  std::string m;
  if (i < s.size() && (s[i] == ':' || s[i] == 'h')) {
    ++i;
    m = digits(2);
    if (!m.empty() && m.size() != 2) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  const int hours = std::stoi(h), minutes = m.empty() ? 0 : std::stoi(m);
  if (hours > 24 || minutes > 59 || (hours == 24 && minutes > 0)) return std::nullopt;
  return hours * 60 + minutes;
}

std::optional<domain::Date> parse_form_date(std::string_view text) {
  if (auto d = domain::parse_date(text)) return d;
  // "10/12/2026"
  if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    const std::string iso =
        std::string(text.substr(6, 4)) + "-" + std::string(text.substr(3, 2)) + "-" + std::string(text.substr(0, 2));
    return domain::parse_date(iso);
  }
  return std::nullopt;
}

std::string clock_value(int minute) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", minute / 60, minute % 60);
  return buffer;
}

json place_fields_json(App& app, Lang lang, const std::string& centre_id, const std::string& commune,
                       const std::string& address, const FormErrors& errors) {
  const auto snapshot = app.directory.snapshot();
  json centres = json::array();
  centres.push_back(option_json("", std::string(tr(lang, "event_form.centre_elsewhere")), centre_id.empty()));
  for (const auto& c : snapshot->centres)
    centres.push_back(option_json(std::to_string(c.id), c.name, std::to_string(c.id) == centre_id));
  std::vector<std::pair<std::string, const domain::Commune*>> keyed;
  for (const domain::Commune& c : snapshot->communes.all())
    keyed.emplace_back(geo::normalise_place_name(c.name) + " " + c.insee, &c);
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  json communes = json::array();
  communes.push_back(option_json("", std::string(tr(lang, "event_form.commune_choose")), commune.empty()));
  for (const auto& [key, c] : keyed)
    communes.push_back(option_json(c->insee, c->name + " (" + c->insee + ")", c->insee == commune));
  return {{"centre", select_field_json(lang, "centre_id", "event_form.centre", "event_form.centre_hint",
                                       std::move(centres), false, errors)},
          {"commune", select_field_json(lang, "commune", "event_form.commune", "event_form.commune_hint",
                                        std::move(communes), false, errors)},
          {"address",
           field_json(lang, field_spec("address", "event_form.address", "event_form.address_hint", "text", false),
                      address, errors)}};
}

std::optional<domain::CentreId> read_place(const std::string& centre_id, const std::string& commune,
                                           FormErrors& errors) {
  if (!centre_id.empty()) {
    if (centre_id.size() > 15 || !std::all_of(centre_id.begin(), centre_id.end(),
                                              [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      errors.add("centre_id", "Choisissez un télécentre de la liste.", "Choose a centre from the list.");
      return std::nullopt;
    }
    return std::stoll(centre_id);
  }
  if (commune.empty())
    errors.add("commune", "Choisissez un télécentre, ou la commune du lieu.",
               "Choose a centre, or the place's commune.");
  return std::nullopt;
}

FieldSpec field_spec(std::string_view id, std::string_view label_key, std::string_view hint_key, std::string_view type,
                     bool required) {
  FieldSpec s;
  s.id = id;
  s.label_key = label_key;
  s.hint_key = hint_key;
  s.type = type;
  s.required = required;
  return s;
}

std::string form_field_of(std::string_view service_field, std::string_view fallback) {
  static constexpr std::string_view kKnown[] = {"type",    "title",     "description", "date",    "starts",
                                                "ends",    "centre_id", "commune",     "address", "capacity",
                                                "minutes", "audiences", "name",        "email"};
  for (std::string_view k : kKnown)
    if (k == service_field) return std::string(k);
  return std::string(fallback);
}

namespace {

constexpr std::string_view kNewPath = "/evenements/nouveau";

std::string event_path(domain::EventId id) { return "/evenements/" + std::to_string(id); }

bool organises(const domain::Actor& a) { return a.is_admin() || a.has(domain::Role::Animator); }

// What the form holds, as typed.
struct EventForm {
  std::string type = "information_meeting";
  std::string title, description, date, starts, ends, centre_id, commune, address, capacity = "0";
  std::vector<std::string> audiences;
};

EventForm form_of(const domain::Event& e) {
  EventForm f;
  f.type = std::string(to_string(e.type));
  f.title = e.title;
  f.description = e.description;
  f.date = e.date.iso();
  f.starts = clock_value(e.start_minute);
  f.ends = clock_value(e.end_minute);
  f.centre_id = e.centre_id ? std::to_string(*e.centre_id) : "";
  f.commune = e.centre_id ? "" : e.commune_insee;
  f.address = e.address;
  f.capacity = std::to_string(e.capacity);
  for (const auto a : e.audiences) f.audiences.emplace_back(to_string(a));
  return f;
}

EventForm read_form(const FormData& form) {
  EventForm f;
  f.type = form.text("type");
  f.title = form.text("title");
  f.description = form.text("description");
  f.date = form.text("date");
  f.starts = form.text("starts");
  f.ends = form.text("ends");
  f.centre_id = form.text("centre_id");
  f.commune = form.text("commune");
  f.address = form.text("address");
  f.capacity = form.text("capacity");
  f.audiences = form.all("audiences");
  return f;
}

// The event the form describes, with what the page can tell is wrong in `errors` (the rest is the service's).
domain::Event check(const EventForm& f, FormErrors& errors) {
  domain::Event e;
  if (const auto t = domain::parse_event_type(f.type)) {
    e.type = *t;
  } else {
    errors.add("type", "Choisissez le type de l'événement.", "Choose the event's type.");
  }
  e.title = f.title;
  if (e.title.empty()) errors.add("title", "Donnez un titre à l'événement.", "Give the event a title.");
  e.description = f.description;
  if (const auto d = parse_form_date(f.date)) {
    e.date = *d;
  } else {
    errors.add("date", "Indiquez le jour sous la forme 10/12/2026 ou 2026-12-10.",
               "Give the day as 2026-12-10 or 10/12/2026.");
  }
  const auto starts = parse_clock_time(f.starts), ends = parse_clock_time(f.ends);
  if (!starts)
    errors.add("starts", "Indiquez l'heure de début, par exemple 18:00.", "Give the start time, e.g. 18:00.");
  if (!ends) errors.add("ends", "Indiquez l'heure de fin, par exemple 20:00.", "Give the end time, e.g. 20:00.");
  if (starts && ends && *ends <= *starts)
    errors.add("ends", "L'heure de fin vient après celle du début, le même jour.",
               "The end time comes after the start time, on the same day.");
  e.start_minute = starts.value_or(0);
  e.end_minute = ends.value_or(0);
  e.centre_id = read_place(f.centre_id, f.commune, errors);
  e.commune_insee = e.centre_id ? "" : f.commune;
  e.address = f.address;
  const bool digits = !f.capacity.empty() && f.capacity.size() <= 6 &&
                      std::all_of(f.capacity.begin(), f.capacity.end(),
                                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  if (digits) {
    e.capacity = std::stoi(f.capacity);
  } else {
    errors.add("capacity", "Indiquez le nombre de places en chiffres (0 : entrée libre, sans inscription).",
               "Give the number of places in digits (0: open, no registration).");
  }
  for (const auto& a : f.audiences)
    if (const auto parsed = domain::parse_audience(a))
      if (std::find(e.audiences.begin(), e.audiences.end(), *parsed) == e.audiences.end())
        e.audiences.push_back(*parsed);
  if (e.audiences.empty()) errors.add("audiences", "Choisissez au moins un public.", "Choose at least one audience.");
  return e;
}

Response show_form(App& app, const RequestContext& req, const service::Caller& caller,
                   std::optional<domain::EventId> id, const EventForm& f, const FormErrors& errors, unsigned status) {
  const Lang lang = req.lang;
  json types = json::array();
  for (const auto t : domain::kAllEventTypes)
    types.push_back(option_json(std::string(to_string(t)),
                                std::string(lang == Lang::En ? domain::label_en(t) : domain::label_fr(t)),
                                to_string(t) == f.type));
  json audiences = json::array();
  for (const auto a : domain::kAllAudiences) {
    const std::string value(to_string(a));
    audiences.push_back({{"id", "audience-" + value},
                         {"name", "audiences"},
                         {"value", value},
                         {"label", std::string(lang == Lang::En ? domain::label_en(a) : domain::label_fr(a))},
                         {"checked", std::find(f.audiences.begin(), f.audiences.end(), value) != f.audiences.end()}});
  }
  const std::string audiences_error = errors.message("audiences");
  const std::string self = id ? event_path(*id) + "/modifier" : std::string(kNewPath);
  const std::string title_key = id ? "event_form.edit_title" : "event_form.new_title";
  const json data = {
      {"current", {{"events", true}}},
      {"heading", std::string(tr(lang, title_key))},
      {"csrf", caller.csrf_token},
      {"error_summary", errors.summary()},
      {"expired", false},
      {"action", with_lang(self, lang)},
      {"back_href", with_lang(id ? event_path(*id) : std::string("/evenements"), lang)},
      {"submit", std::string(tr(lang, id ? "event_form.save" : "event_form.publish"))},
      {"type_field", select_field_json(lang, "type", "event_form.type", "", std::move(types), true, errors)},
      {"title_field", field_json(lang, field_spec("title", "event_form.title", "", "text", true), f.title, errors)},
      {"description_field", textarea_field_json(lang, "description", "event_form.description",
                                                "event_form.description_hint", f.description, 5, errors)},
      {"date_field",
       field_json(lang, field_spec("date", "event_form.date", "event_form.date_hint", "date", true), f.date, errors)},
      {"starts_field", field_json(lang, field_spec("starts", "event_form.starts", "event_form.time_hint", "time", true),
                                  f.starts, errors)},
      {"ends_field",
       field_json(lang, field_spec("ends", "event_form.ends", "event_form.time_hint", "time", true), f.ends, errors)},
      {"place", place_fields_json(app, lang, f.centre_id, f.commune, f.address, errors)},
      {"capacity_field",
       field_json(lang, field_spec("capacity", "event_form.capacity", "event_form.capacity_hint", "number", true),
                  f.capacity, errors)},
      {"audiences", std::move(audiences)},
      {"audiences_error", audiences_error.empty() ? json(false) : json(audiences_error)},
  };
  return render_private_page(app, req, &caller, "event_form", data,
                             form_title_for_key(lang, title_key, !errors.empty()), status);
}

std::optional<domain::EventId> id_of(const RequestContext& req) {
  const std::string& id = req.path_params.at("id");
  if (id.empty() || id.size() > 15 || !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoll(id);
}

Response may_not_page(App& app, const RequestContext& req) {
  return error_page(app, req, 403, tr(Lang::Fr, "event_form.forbidden"), tr(Lang::En, "event_form.forbidden"));
}

Response get_new(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  if (!organises(caller->actor)) return may_not_page(app, req);
  EventForm f;
  f.audiences = {"public"};
  return show_form(app, req, *caller, std::nullopt, f, FormErrors(req.lang), 200);
}

// The event as it stands for the edit form, or the page that refuses (unknown event, or not the caller's to change).
std::variant<service::EventView, Response> editable(App& app, const RequestContext& req, const service::Caller& caller,
                                                    domain::EventId id) {
  try {
    auto v = app.events.get(&caller.actor, id);
    if (!organises(caller.actor) && v.event.organiser != caller.actor.id) return may_not_page(app, req);
    return v;
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }
}

Response get_edit(App& app, const RequestContext& req) {
  const auto id = id_of(req);
  if (!id) return error_page(app, req, 404, tr(Lang::Fr, "events.not_found"), tr(Lang::En, "events.not_found"));
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  auto found = editable(app, req, *caller, *id);
  if (auto* page = std::get_if<Response>(&found)) return std::move(*page);
  return show_form(app, req, *caller, id, form_of(std::get<service::EventView>(found).event), FormErrors(req.lang),
                   200);
}

// POST of either form: `id` empty to publish, else to change that event.
Response post_form(App& app, const RequestContext& req, std::optional<domain::EventId> id) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller, id ? event_path(*id) + "/modifier" : std::string(kNewPath)))
    return std::move(*early);
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  if (id) {
    auto found = editable(app, req, *caller, *id);
    if (auto* page = std::get_if<Response>(&found)) return std::move(*page);
  } else if (!organises(caller->actor)) {
    return may_not_page(app, req);
  }
  const EventForm f = read_form(form);
  FormErrors errors(req.lang);
  domain::Event e = check(f, errors);
  if (!errors.empty()) return show_form(app, req, *caller, id, f, errors, 400);
  try {
    domain::EventId done = 0;
    if (id) {
      e.id = *id;
      done = app.events.update(caller->actor, e).event.id;
    } else {
      done = app.events.create(caller->actor, e).event.id;
    }
    return see_other(with_lang(event_path(done) + "?fait=" + (id ? "modifie" : "publie"), req.lang));
  } catch (const ServiceError& err) {
    if (auto page = refusal_page(app, req, err)) return std::move(*page);
    errors.add(form_field_of(err.field, "title"), err.message_fr, err.message_en);
    return show_form(app, req, *caller, id, f, errors, form_status(err.kind));
  }
}

Response post_edit(App& app, const RequestContext& req) {
  const auto id = id_of(req);
  if (!id) return error_page(app, req, 404, tr(Lang::Fr, "events.not_found"), tr(Lang::En, "events.not_found"));
  return post_form(app, req, id);
}

}  // namespace

void add_event_form_page_routes(Router& r, App& app) {
  r.add({Method::Get, std::string(kNewPath), [&app](const RequestContext& req) { return get_new(app, req); },
         Exec::Pool, "The form to publish an event (HTML, animator, admins)"});
  r.add({Method::Post, std::string(kNewPath),
         [&app](const RequestContext& req) { return post_form(app, req, std::nullopt); }, Exec::Pool,
         "Publish an event (form), 303 to its page"});
  r.add({Method::Get, "/evenements/{id}/modifier", [&app](const RequestContext& req) { return get_edit(app, req); },
         Exec::Pool, "The form to change an event (HTML, organiser, animator, admins)"});
  r.add({Method::Post, "/evenements/{id}/modifier", [&app](const RequestContext& req) { return post_edit(app, req); },
         Exec::Pool, "Change an event (form), 303 to its page"});
}

}  // namespace tc::web
