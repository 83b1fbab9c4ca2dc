// The network's communication plan, for its animator and the council:
//
//   /admin/communication?annee=2026        the year's actions (date, title, axis, channel, cost, reach, contacts,
//                                          applications citing them), totals per axis and per channel, links to the
//                                          previous and next years, and the form to add an action (POST here)
//   /admin/communication/{id}              one action's form, to correct it (POST here), 303 back to its year
//
// Plain forms without JavaScript, as the other administration pages: the session's anti-CSRF token, an error
// summary with each message beside its field and what was typed, 303 with ?fait=… after a success. Who may see
// and change the plan is service::Communication's to decide, asked before any form is read.
#include <string>
#include <vector>

#include "domain/communication.h"
#include "domain/money.h"
#include "service/communication.h"
#include "service/errors.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/admin_pages.h"
#include "web/pages/bookings_request.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

constexpr std::string_view kPath = "/admin/communication";

std::string year_path(int year) { return std::string(kPath) + "?annee=" + std::to_string(year); }
std::string action_path(domain::CommActionId id) { return std::string(kPath) + "/" + std::to_string(id); }

std::string axis_words(domain::Axis a, Lang lang) { return std::string(lang == Lang::En ? label_en(a) : label_fr(a)); }
std::string channel_words(domain::Channel c, Lang lang) {
  return std::string(lang == Lang::En ? label_en(c) : label_fr(c));
}
std::string count_words(long n, Lang lang) { return format_number(static_cast<double>(n), 0, lang); }

// The form as typed.
struct ActionForm {
  std::string title, axis, channel, date, cost, reach, contacts, centre, description;
};

ActionForm form_of(const domain::CommAction& a) {
  return {a.title,
          std::string(to_string(a.axis)),
          std::string(to_string(a.channel)),
          a.date.iso(),
          a.cost == 0 ? std::string() : domain::plain_euros(a.cost),
          std::to_string(a.reach),
          std::to_string(a.contacts),
          a.centre ? std::to_string(*a.centre) : std::string(),
          a.description};
}

ActionForm form_of(const FormData& f) {
  return {f.text("title"), f.text("axis"),     f.text("channel"), f.text("date"),      f.text("cost"),
          f.text("reach"), f.text("contacts"), f.text("centre"),  f.raw("description")};
}

void add_error(FormErrors& errors, std::string_view field, std::string_view key) {
  errors.add(field, tr(Lang::Fr, key), tr(Lang::En, key));
}

std::optional<int> count_of(const std::string& text) {
  if (text.empty()) return 0;
  const auto n = positive_number(text);
  if (text == "0") return 0;
  if (!n || *n > 100'000'000) return std::nullopt;
  return static_cast<int>(*n);
}

// What the page can tell without the store; the service checks the rest (the title's length, the centre).
domain::CommAction check(const ActionForm& f, FormErrors& errors) {
  domain::CommAction a;
  a.title = f.title;
  if (f.title.empty()) add_error(errors, "title", "comm.error.title");
  if (const auto axis = domain::parse_axis(f.axis)) {
    a.axis = *axis;
  } else {
    add_error(errors, "axis", "comm.error.axis");
  }
  if (const auto channel = domain::parse_channel(f.channel)) {
    a.channel = *channel;
  } else {
    add_error(errors, "channel", "comm.error.channel");
  }
  if (const auto date = domain::parse_date(f.date)) {
    a.date = *date;
  } else {
    add_error(errors, "date", "comm.error.date");
  }
  if (!f.cost.empty()) {
    if (const auto cost = domain::parse_euros(f.cost)) {
      a.cost = *cost;
    } else {
      add_error(errors, "cost", "comm.error.cost");
    }
  }
  if (const auto n = count_of(f.reach)) {
    a.reach = *n;
  } else {
    add_error(errors, "reach", "comm.error.count");
  }
  if (const auto n = count_of(f.contacts)) {
    a.contacts = *n;
  } else {
    add_error(errors, "contacts", "comm.error.count");
  }
  if (!f.centre.empty()) {
    if (const auto id = positive_number(f.centre)) {
      a.centre = *id;
    } else {
      add_error(errors, "centre", "comm.error.centre");
    }
  }
  a.description = f.description;
  return a;
}

std::string form_field(const std::string& service_field) {
  for (std::string_view known : {"title", "axis", "channel", "date", "cost", "reach", "contacts", "centre"})
    if (service_field == known) return service_field;
  return service_field == "description" ? "description" : "title";
}

json form_json(App& app, Lang lang, const ActionForm& f, const FormErrors& errors) {
  auto text = [&](std::string_view id, std::string_view label, std::string_view hint, std::string_view type,
                  bool required, const std::string& value) {
    return field_json(
        lang,
        FieldSpec{
            .id = id, .label_key = label, .hint_key = hint, .type = type, .autocomplete = "off", .required = required},
        value, errors);
  };
  json axes = json::array();
  axes.push_back(option_json("", std::string(tr(lang, "comm.field.choose")), f.axis.empty()));
  for (const auto a : domain::kAllAxes)
    axes.push_back(option_json(std::string(to_string(a)), axis_words(a, lang), f.axis == to_string(a)));
  json channels = json::array();
  channels.push_back(option_json("", std::string(tr(lang, "comm.field.choose")), f.channel.empty()));
  for (const auto c : domain::kAllChannels)
    channels.push_back(option_json(std::string(to_string(c)), channel_words(c, lang), f.channel == to_string(c)));
  json centres = json::array();
  centres.push_back(option_json("", std::string(tr(lang, "comm.field.no_centre")), f.centre.empty()));
  for (const auto& c : app.directory.snapshot()->centres) {
    const std::string id = std::to_string(c.id);
    centres.push_back(option_json(id, c.name, id == f.centre));
  }
  return {
      {"title", text("title", "comm.field.title", "", "text", true, f.title)},
      {"axis", select_field_json(lang, "axis", "comm.field.axis", "", std::move(axes), true, errors)},
      {"channel", select_field_json(lang, "channel", "comm.field.channel", "", std::move(channels), true, errors)},
      {"date", text("date", "comm.field.date", "comm.field.date_hint", "date", true, f.date)},
      {"centre", select_field_json(lang, "centre", "comm.field.centre", "", std::move(centres), false, errors)},
      {"description", textarea_field_json(lang, "description", "comm.field.description", "", f.description, 4, errors)},
      {"cost", text("cost", "comm.field.cost", "comm.field.cost_hint", "text", false, f.cost)},
      {"reach", text("reach", "comm.field.reach", "comm.field.reach_hint", "number", false, f.reach)},
      {"contacts", text("contacts", "comm.field.contacts", "comm.field.contacts_hint", "number", false, f.contacts)},
  };
}

json totals_json(const domain::CommTotals& t, std::string label, Lang lang) {
  return {{"label", std::move(label)},
          {"actions", count_words(t.actions, lang)},
          {"cost", domain::format_euros(t.cost)},
          {"reach", count_words(t.reach, lang)},
          {"contacts", count_words(t.contacts, lang)},
          {"applications", count_words(t.applications, lang)}};
}

Response show_year(App& app, const RequestContext& req, const service::Caller& caller, const service::CommYear& y,
                   const ActionForm& f, const FormErrors& errors, unsigned status) {
  const Lang lang = req.lang;
  json rows = json::array();
  for (const auto& a : y.actions) {
    const auto it = y.citing.find(a.id);
    rows.push_back({{"date", format_date(a.date, lang)},
                    {"iso", a.date.iso()},
                    {"title", a.title},
                    {"href", with_lang(action_path(a.id), lang)},
                    {"axis", axis_words(a.axis, lang)},
                    {"channel", channel_words(a.channel, lang)},
                    {"cost", domain::format_euros(a.cost)},
                    {"reach", count_words(a.reach, lang)},
                    {"contacts", count_words(a.contacts, lang)},
                    {"applications", count_words(it == y.citing.end() ? 0 : it->second, lang)}});
  }
  json axes = json::array();
  for (const auto& [axis, t] : y.summary.per_axis) axes.push_back(totals_json(t, axis_words(axis, lang), lang));
  json channels = json::array();
  for (const auto& [channel, t] : y.summary.per_channel)
    channels.push_back(totals_json(t, channel_words(channel, lang), lang));
  const std::string year = std::to_string(y.year);
  const std::string heading = format_message(lang, "comm.heading", {{"year", year}});
  const json data = {
      {"current", {{"communication", true}}},
      {"csrf", caller.csrf_token},
      {"notice", done_notice(req, "comm.done", {"ajout", "modif"})},
      {"error_summary", errors.summary()},
      {"expired", false},
      {"heading", heading},
      {"year", year},
      {"previous",
       {{"href", with_lang(year_path(y.year - 1), lang)},
        {"label", format_message(lang, "comm.previous", {{"year", std::to_string(y.year - 1)}})}}},
      {"next",
       {{"href", with_lang(year_path(y.year + 1), lang)},
        {"label", format_message(lang, "comm.next", {{"year", std::to_string(y.year + 1)}})}}},
      {"submit", std::string(tr(lang, "comm.add.submit"))},
      {"count", format_count(lang, "comm.count", static_cast<long>(y.actions.size()))},
      {"has_actions", !y.actions.empty()},
      {"actions", std::move(rows)},
      {"caption", format_message(lang, "comm.caption", {{"year", year}})},
      {"axis_caption", format_message(lang, "comm.axis_caption", {{"year", year}})},
      {"channel_caption", format_message(lang, "comm.channel_caption", {{"year", year}})},
      {"per_axis", std::move(axes)},
      {"per_channel", std::move(channels)},
      {"total", totals_json(y.summary.total, std::string(tr(lang, "comm.total")), lang)},
      {"action", with_lang(year_path(y.year), lang)},
      {"form", form_json(app, lang, f, errors)},
  };
  return render_private_page(app, req, &caller, "communication", data, form_title(lang, heading, !errors.empty()),
                             status);
}

// ?annee=YYYY, or this year; nullopt when it is not a year the plan may hold.
std::optional<int> year_of(const RequestContext& req) {
  const auto text = req.param("annee");
  if (!text || text->empty()) return council_today().year;
  const auto n = positive_number(*text);
  if (!n || text->size() != 4 || *n < 2000 || *n > 2100) return std::nullopt;
  return static_cast<int>(*n);
}

Response bad_year(App& app, const RequestContext& req) {
  return error_page(app, req, 400, tr(Lang::Fr, "comm.error.year"), tr(Lang::En, "comm.error.year"));
}

Response get_year(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  const auto year = year_of(req);
  try {
    if (!year) {
      app.communication.year(caller->actor, council_today().year);  // who may, before saying the year is wrong
      return bad_year(app, req);
    }
    const auto y = app.communication.year(caller->actor, *year);
    ActionForm f;
    f.date = (council_today().year == *year ? council_today() : domain::Date{*year, 1, 1}).iso();
    return show_year(app, req, *caller, y, f, FormErrors(req.lang), 200);
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }
}

Response post_year(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller, kPath)) return std::move(*early);
  const int shown = year_of(req).value_or(council_today().year);
  service::CommYear y;
  try {
    y = app.communication.year(caller->actor, shown);  // who may: the service, before the form
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  const ActionForm typed = form_of(form);
  FormErrors errors(req.lang);
  const domain::CommAction a = check(typed, errors);
  if (!errors.empty()) return show_year(app, req, *caller, y, typed, errors, 400);
  try {
    const auto created = app.communication.create(caller->actor, a);
    return see_other(with_lang(year_path(created.date.year) + "&fait=ajout", req.lang));
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    if (e.kind != Kind::Invalid && e.kind != Kind::Unprocessable && e.kind != Kind::Conflict) throw;
    errors.add(form_field(e.field), e.message_fr, e.message_en);
    return show_year(app, req, *caller, y, typed, errors, form_status(e.kind));
  }
}

Response show_action(App& app, const RequestContext& req, const service::Caller& caller, const domain::CommAction& a,
                     const ActionForm& f, const FormErrors& errors, unsigned status) {
  const Lang lang = req.lang;
  const std::string heading = format_message(lang, "comm.edit.heading", {{"title", a.title}});
  const json data = {
      {"current", {{"communication", true}}},
      {"csrf", caller.csrf_token},
      {"error_summary", errors.summary()},
      {"expired", false},
      {"heading", heading},
      {"year_href", with_lang(year_path(a.date.year), lang)},
      {"year_label", format_message(lang, "comm.heading", {{"year", std::to_string(a.date.year)}})},
      {"self_href", with_lang(action_path(a.id), lang)},
      {"submit", std::string(tr(lang, "comm.edit.submit"))},
      {"created", format_message(lang, "comm.edit.created", {{"date", a.created_at.substr(0, 10)}})},
      {"action", with_lang(action_path(a.id), lang)},
      {"form", form_json(app, lang, f, errors)},
  };
  return render_private_page(app, req, &caller, "communication_action", data,
                             form_title(lang, heading, !errors.empty()), status);
}

Response get_action(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  const auto id = path_id(req, "id");
  try {
    if (!id) {
      app.communication.year(caller->actor, council_today().year);  // who may, before "not found"
      return error_page(app, req, 404, tr(Lang::Fr, "comm.not_found"), tr(Lang::En, "comm.not_found"));
    }
    const auto a = app.communication.get(caller->actor, *id);
    return show_action(app, req, *caller, a, form_of(a), FormErrors(req.lang), 200);
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }
}

Response post_action(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller, kPath)) return std::move(*early);
  const auto id = path_id(req, "id");
  domain::CommAction old;
  try {
    if (!id) {
      app.communication.year(caller->actor, council_today().year);
      return error_page(app, req, 404, tr(Lang::Fr, "comm.not_found"), tr(Lang::En, "comm.not_found"));
    }
    old = app.communication.get(caller->actor, *id);
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  const ActionForm typed = form_of(form);
  FormErrors errors(req.lang);
  domain::CommAction a = check(typed, errors);
  if (!errors.empty()) return show_action(app, req, *caller, old, typed, errors, 400);
  a.id = old.id;
  try {
    const auto saved = app.communication.update(caller->actor, a);
    return see_other(with_lang(year_path(saved.date.year) + "&fait=modif", req.lang));
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    if (e.kind != Kind::Invalid && e.kind != Kind::Unprocessable && e.kind != Kind::Conflict) throw;
    errors.add(form_field(e.field), e.message_fr, e.message_en);
    return show_action(app, req, *caller, old, typed, errors, form_status(e.kind));
  }
}

}  // namespace

void add_communication_page_routes(Router& r, App& app) {
  r.add({Method::Get, std::string(kPath), [&app](const RequestContext& req) { return get_year(app, req); }, Exec::Pool,
         "A year of the communication plan, its totals and the form to add an action (HTML; animator, admins)"});
  r.add({Method::Post, std::string(kPath), [&app](const RequestContext& req) { return post_year(app, req); },
         Exec::Pool, "Add an action to the communication plan (form; animator, admins), 303 to its year"});
  r.add({Method::Get, std::string(kPath) + "/{id}", [&app](const RequestContext& req) { return get_action(app, req); },
         Exec::Pool, "One action of the communication plan and its form (HTML; animator, admins)"});
  r.add({Method::Post, std::string(kPath) + "/{id}",
         [&app](const RequestContext& req) { return post_action(app, req); }, Exec::Pool,
         "Correct an action of the communication plan (form; animator, admins), 303 to its year"});
}

}  // namespace tc::web
