// The network's events for everyone:
//
//   /evenements                            the coming events (public ones for anonymous visitors, all for signed-in
//                                          people), with their places left, and the iCalendar feed's address;
//                                          the advice slots are one line there, linking to /conseil (advice.cpp)
//   /evenements/{id}                       an event: when, where, for whom, places; a registration form (name and
//                                          e-mail without an account, one button with one); its .ics
//   /evenements/{id}/inscription           the registration (POST, 303 back with what happened)
//   /evenements/{id}/inscrits              its registrations, and attendance to mark (organiser, animator, admins)
//   /evenements/desinscription/{token}     the e-mail's cancellation link: a confirmation form (a GET never cancels,
//                                          so that a mail scanner following links changes nothing), then done
//
// Anonymous forms carry the tc_csrf double-submit token; signed-in ones the session's.
#include <optional>
#include <string>

#include "calendar/time_zone.h"
#include "service/errors.h"
#include "service/events.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/admin_pages.h"
#include "web/pages/bookings_request.h"
#include "web/pages/events_pages.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

constexpr std::string_view kPath = "/evenements";

std::string event_path(domain::EventId id) { return std::string(kPath) + "/" + std::to_string(id); }

domain::Date paris_today() {
  static const auto paris = calendar::find_zone("Europe/Paris");
  return paris->local_date(booking_now());
}

std::string type_words(domain::EventType t, Lang lang) {
  return std::string(lang == Lang::En ? domain::label_en(t) : domain::label_fr(t));
}

std::string audiences_words(const domain::Event& e, Lang lang) {
  std::string out;
  for (const auto a : e.audiences) {
    if (!out.empty()) out += ", ";
    out += lang == Lang::En ? domain::label_en(a) : domain::label_fr(a);
  }
  return out;
}

std::string place_words(const service::EventView& v) {
  std::string out = v.centre_name;
  for (const std::string* part : {&v.event.address, &v.commune_name})
    if (!part->empty()) out += (out.empty() ? "" : ", ") + *part;
  return out;
}

std::string places_words(const service::EventView& v, Lang lang) {
  if (v.event.capacity <= 0) return std::string(tr(lang, "events.places.open"));
  if (v.places_left() == 0 && !domain::keeps_waiting_list(v.event)) return std::string(tr(lang, "events.places.taken"));
  if (v.places_left() == 0) return format_count(lang, "events.places.full", v.waiting);
  return format_count(lang, "events.places.left", v.places_left(), {{"capacity", std::to_string(v.event.capacity)}});
}

json event_json(const service::EventView& v, Lang lang) {
  const auto& e = v.event;
  return {{"title", e.title},
          {"href", with_lang(event_path(e.id), lang)},
          {"type", type_words(e.type, lang)},
          {"when", format_message(lang, "events.when",
                                  {{"date", format_date(e.date, lang)},
                                   {"starts", format_time(e.start_minute, lang)},
                                   {"ends", format_time(e.end_minute, lang)}})},
          {"place", place_words(v)},
          {"audiences", audiences_words(e, lang)},
          {"places", places_words(v, lang)},
          {"cancelled", e.cancelled},
          {"description", e.description}};
}

Response list_page(App& app, const RequestContext& req) {
  const Lang lang = req.lang;
  const auto caller = identify(app, req);
  const domain::Date today = paris_today();
  const domain::Actor* actor = caller ? &caller->actor : nullptr;
  json items = json::array();
  // Advice slots are many one-person appointments: /conseil lists them, here they are one line.
  for (const auto& v : app.events.list(actor, today, domain::Date{9999, 12, 31}))
    if (v.event.type != domain::EventType::Advice) items.push_back(event_json(v, lang));
  const auto free_slots = app.events.free_advice_slots(actor, today, today.plus_days(56));
  const bool may_create = caller && (caller->actor.is_admin() || caller->actor.has(domain::Role::Animator));
  const json data = {{"current", {{"events", true}}},
                     {"has_events", !items.empty()},
                     {"events", std::move(items)},
                     {"advice_href", with_lang("/conseil", lang)},
                     {"advice_count", format_count(lang, "events.advice_slots", static_cast<long>(free_slots.size()))},
                     {"create_href", may_create ? json(with_lang(std::string(kPath) + "/nouveau", lang)) : json(false)},
                     {"feed", app.public_url + "/api/v1/events.ics"}};
  return render_private_page(app, req, caller ? &*caller : nullptr, "events", data,
                             std::string(tr(lang, "events.title")));
}

struct RegistrationForm {
  std::string name, email;
};

Response event_page(App& app, const RequestContext& req, domain::EventId id, const RegistrationForm& form,
                    const FormErrors& errors, unsigned status) {
  const Lang lang = req.lang;
  const auto caller = identify(app, req);
  service::EventView v;
  try {
    v = app.events.get(caller ? &caller->actor : nullptr, id);
  } catch (const ServiceError& e) {
    if (e.kind == Kind::NotFound) return error_page(app, req, 404, e.message_fr, e.message_en);
    throw;
  }
  const bool taken = v.places_left() == 0 && !domain::keeps_waiting_list(v.event);
  const bool open = !v.event.cancelled && !(v.event.date < paris_today()) && !taken;
  const bool anonymous_may = !caller && v.event.is_public();
  const FormToken token = caller ? FormToken{caller->csrf_token, ""} : form_token(req, secure_cookies(app, req));
  const bool organises = caller && (caller->actor.is_admin() || caller->actor.has(domain::Role::Animator) ||
                                    caller->actor.id == v.event.organiser);
  json form_fields = false;
  if (open && anonymous_may)
    form_fields = {{"name", field_json(lang,
                                       FieldSpec{.id = "name",
                                                 .label_key = "events.form.name",
                                                 .hint_key = "",
                                                 .type = "text",
                                                 .autocomplete = "name",
                                                 .required = true},
                                       form.name, errors)},
                   {"email", field_json(lang,
                                        FieldSpec{.id = "email",
                                                  .label_key = "events.form.email",
                                                  .hint_key = "events.form.email_hint",
                                                  .type = "email",
                                                  .autocomplete = "email",
                                                  .required = true},
                                        form.email, errors)}};
  json data = {{"current", {{"events", true}}},
               {"event", event_json(v, lang)},
               {"error_summary", errors.summary()},
               {"expired", false},
               {"notice", done_notice(req, "events.done", {"inscrit", "attente", "publie", "modifie"})},
               {"open", open},
               {"closed_reason", open ? json(false)
                                      : json(std::string(tr(lang, v.event.cancelled ? "events.cancelled"
                                                                  : taken           ? "events.taken"
                                                                                    : "events.past")))},
               {"signed_in", caller.has_value()},
               {"anonymous_form", form_fields},
               {"needs_account", open && !caller && !v.event.is_public()},
               {"sign_in_href", sign_in_then(event_path(id), lang)},
               {"action", with_lang(event_path(id) + "/inscription", lang)},
               {"csrf", token.value},
               {"ics", "/api/v1/events/" + std::to_string(id) + "/event.ics"},
               {"registrations_href", organises ? json(with_lang(event_path(id) + "/inscrits", lang)) : json(false)},
               {"edit_href", organises ? json(with_lang(event_path(id) + "/modifier", lang)) : json(false)},
               {"back_href", with_lang(std::string(kPath), lang)}};
  Response r = render_private_page(
      app, req, caller ? &*caller : nullptr, "event", data,
      form_title_for_key(lang, "events.event_title", !errors.empty()) + " " + v.event.title, status);
  if (!token.set_cookie.empty()) r.header("Set-Cookie", token.set_cookie);
  return r;
}

std::optional<domain::EventId> id_of(const RequestContext& req) {
  const std::string& id = req.path_params.at("id");
  if (id.empty() || id.size() > 15 || !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoll(id);
}

Response get_event(App& app, const RequestContext& req) {
  const auto id = id_of(req);
  if (!id) return error_page(app, req, 404, tr(Lang::Fr, "events.not_found"), tr(Lang::En, "events.not_found"));
  return event_page(app, req, *id, {}, FormErrors(req.lang), 200);
}

Response post_registration(App& app, const RequestContext& req) {
  const auto id = id_of(req);
  if (!id) return error_page(app, req, 404, tr(Lang::Fr, "events.not_found"), tr(Lang::En, "events.not_found"));
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  const auto caller = identify(app, req);
  if (caller ? !csrf_ok(*caller, req, form.raw("csrf")) : !form_token_ok(req, form)) return expired_form_page(app, req);
  const RegistrationForm f{form.text("name"), form.text("email")};
  FormErrors errors(req.lang);
  try {
    const auto outcome =
        app.events.register_for(caller ? &caller->actor : nullptr, *id, {f.name, f.email}, app.public_url);
    const bool waiting = outcome.registration.status == domain::RegistrationStatus::Waiting;
    return see_other(with_lang(event_path(*id) + "?fait=" + (waiting ? "attente" : "inscrit"), req.lang));
  } catch (const ServiceError& e) {
    if (e.kind == Kind::NotFound) return error_page(app, req, 404, e.message_fr, e.message_en);
    errors.add(e.field == "name" || e.field == "email" ? e.field : std::string("name"), e.message_fr, e.message_en);
    return event_page(app, req, *id, f, errors, form_status(e.kind));
  }
}

Response registrations_page(App& app, const RequestContext& req) {
  const auto id = id_of(req);
  if (!id) return error_page(app, req, 404, tr(Lang::Fr, "events.not_found"), tr(Lang::En, "events.not_found"));
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  const Lang lang = req.lang;
  try {
    const auto v = app.events.get(&caller->actor, *id);
    json rows = json::array();
    int came = 0;
    for (const auto& r : app.events.registrations(caller->actor, *id)) {
      if (r.attended.value_or(false)) ++came;
      rows.push_back(
          {{"name", r.name},
           {"email", r.email},
           {"status", std::string(tr(lang, "events.status." + std::string(to_string(r.status))))},
           {"confirmed", r.status == domain::RegistrationStatus::Confirmed},
           {"attended", r.attended ? json(std::string(tr(lang, *r.attended ? "events.came" : "events.absent")))
                                   : json(std::string(tr(lang, "events.not_marked")))},
           {"action", with_lang("/evenements/presence/" + std::to_string(r.id), lang)}});
    }
    const json data = {{"current", {{"events", true}}},
                       {"event", event_json(v, lang)},
                       {"csrf", caller->csrf_token},
                       {"event_id", *id},
                       {"notice", done_notice(req, "events.done", {"presence"})},
                       {"has_rows", !rows.empty()},
                       {"rows", std::move(rows)},
                       {"came", format_count(lang, "events.came_count", came)},
                       {"back_href", with_lang(event_path(*id), lang)}};
    return render_private_page(app, req, &*caller, "event_registrations", data,
                               format_message(lang, "events.registrations.title", {{"title", v.event.title}}));
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }
}

Response post_attendance(App& app, const RequestContext& req) {
  const auto id = id_of(req);
  if (!id) return error_page(app, req, 404, tr(Lang::Fr, "events.not_found"), tr(Lang::En, "events.not_found"));
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller, kPath)) return std::move(*early);
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  try {
    app.events.mark_attendance(caller->actor, *id, form.text("came") == "yes");
    const std::string back = form.text("event");
    const bool digits = !back.empty() && back.size() < 16 &&
                        std::all_of(back.begin(), back.end(), [](char c) { return c >= '0' && c <= '9'; });
    return see_other(
        with_lang(digits ? std::string(kPath) + "/" + back + "/inscrits?fait=presence" : std::string(kPath), req.lang));
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    return error_page(app, req, form_status(e.kind), e.message_fr, e.message_en);
  }
}

Response cancel_page(App& app, const RequestContext& req, bool done) {
  const Lang lang = req.lang;
  const FormToken token = form_token(req, secure_cookies(app, req));
  const json data = {{"current", json::object()},
                     {"done", done},
                     {"csrf", token.value},
                     {"action", with_lang(std::string(kPath) + "/desinscription/" + req.path_params.at("token"), lang)},
                     {"events_href", with_lang(std::string(kPath), lang)}};
  Response r =
      render_private_page(app, req, nullptr, "event_cancel", data, std::string(tr(lang, "events.cancel.title")));
  if (!token.set_cookie.empty()) r.header("Set-Cookie", token.set_cookie);
  return r;
}

Response post_cancel(App& app, const RequestContext& req) {
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!form_token_ok(req, form)) return expired_form_page(app, req);
  try {
    app.events.cancel_registration(req.path_params.at("token"));
  } catch (const ServiceError& e) {
    if (e.kind == Kind::NotFound) return error_page(app, req, 404, e.message_fr, e.message_en);
    throw;
  }
  return cancel_page(app, req, true);
}

}  // namespace

void add_event_page_routes(Router& r, App& app) {
  add_event_form_page_routes(r, app);  // first: /evenements/nouveau is no event's id
  r.add({Method::Get, std::string(kPath), [&app](const RequestContext& req) { return list_page(app, req); }, Exec::Pool,
         "The coming events (HTML)"});
  r.add({Method::Get, std::string(kPath) + "/{id}", [&app](const RequestContext& req) { return get_event(app, req); },
         Exec::Pool, "An event and its registration form (HTML)"});
  r.add({Method::Post, std::string(kPath) + "/{id}/inscription",
         [&app](const RequestContext& req) { return post_registration(app, req); }, Exec::Pool,
         "Register to an event (form), 303 back"});
  r.add({Method::Get, std::string(kPath) + "/{id}/inscrits",
         [&app](const RequestContext& req) { return registrations_page(app, req); }, Exec::Pool,
         "An event's registrations and attendance (HTML, organiser, animator, admins)"});
  r.add({Method::Post, std::string(kPath) + "/presence/{id}",
         [&app](const RequestContext& req) { return post_attendance(app, req); }, Exec::Pool,
         "Mark a registration's attendance (form, organiser, animator, admins)"});
  r.add({Method::Get, std::string(kPath) + "/desinscription/{token}",
         [&app](const RequestContext& req) { return cancel_page(app, req, false); }, Exec::Pool,
         "The e-mail's cancellation link: a confirmation form (HTML)"});
  r.add({Method::Post, std::string(kPath) + "/desinscription/{token}",
         [&app](const RequestContext& req) { return post_cancel(app, req); }, Exec::Pool,
         "Cancel a registration (form)"});
  add_advice_page_routes(r, app);
}

}  // namespace tc::web
