// The application pages (candidatures): a teleworker's "Mes candidatures" (/candidatures), the form to apply
// (/candidatures/nouvelle, posted to /candidatures), one application (/candidatures/{id}) with its history, the
// applicant's withdrawal and the reviewer's decision; and, for the centres' hosts, the council's admins and the
// network's animators, the review list with its filters (/candidatures too). The JSON equivalents are in
// api/applications.cpp; who may see and do what is the service's (service/applications.h): an application one
// may not see is "not found", here as there.
//
// Plain forms that work without JavaScript, as on the account pages: a refused submission shows the page again
// with what was typed, a summary of its errors (role="alert") and each message beside its field; a successful
// one answers 303 to the application's page, which confirms it (role="status"). Every form that changes state
// carries the session's anti-CSRF token. Nothing here is ever stored by a cache (render_private_page).
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "service/errors.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/account_forms.h"
#include "web/pages/applications_forms.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using domain::ApplicationState;
using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

// ---- small helpers ----

// The sign-in form, coming back to `next` (a path of this site, with its query) once signed in.
std::string sign_in_href(std::string_view next, Lang lang) {
  return with_lang(with_query_value("/connexion", "next", next), lang);
}

std::optional<domain::ApplicationId> parse_id(const RequestContext& req) {
  const auto it = req.path_params.find("id");
  if (it == req.path_params.end()) return std::nullopt;
  const std::string& text = it->second;
  domain::ApplicationId id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::string application_path(domain::ApplicationId id) { return "/candidatures/" + std::to_string(id); }

std::string text_of(const ServiceError& e, Lang lang) {
  return lang == Lang::En && !e.message_en.empty() ? e.message_en : e.message_fr;
}

Response not_found_page(App& app, const RequestContext& req) {
  return error_page(app, req, 404, "Cette candidature n'existe pas, ou vous n'y avez pas accès.",
                    "This application does not exist, or you do not have access to it.");
}

Response csrf_page(App& app, const RequestContext& req) {
  return error_page(app, req, 403, "Formulaire expiré : rechargez la page et recommencez.",
                    "This form has expired: reload the page and try again.");
}

// A timestamp ("2026-01-12T09:00:00Z") as a date in words, and as the ISO date of a <time> element.
std::string date_text(const std::string& at_utc, Lang lang) {
  const auto t = domain::parse_timestamp(at_utc);
  return t ? format_date(t->utc_date(), lang) : at_utc;
}
std::string iso_date(const std::string& at_utc) {
  const auto t = domain::parse_timestamp(at_utc);
  return t ? t->utc_date().iso() : std::string();
}

// Who reviews applications from these pages: the hosts of some centre, the admins, and the animators (who see
// every application but decide on none).
bool is_reviewer(const domain::Actor& a) {
  return a.is_admin() || a.has(domain::Role::Animator) || (a.has(domain::Role::Host) && !a.host_centres.empty());
}
bool network_wide(const domain::Actor& a) { return a.is_admin() || a.has(domain::Role::Animator); }

// ---- the list: "Mes candidatures", or the review list ----

// The person's own applications, with the date of their last change (which needs each one's history).
json mine_json(App& app, const domain::Actor& actor, const std::vector<service::ApplicationView>& views, Lang lang) {
  json items = json::array();
  for (const service::ApplicationView& v : views) {
    const domain::Application& a = v.row.application;
    if (a.person_id != actor.id) continue;
    std::string changed = a.submitted_at_utc;
    if (const auto full = app.applications.get(actor, a.id); full && !full->row.application.history.empty())
      changed = full->row.application.history.back().at_utc;
    items.push_back({{"centre", v.centre_name},
                     {"rank", a.rank},
                     {"days", format_count(lang, "apps.days", a.days_per_week)},
                     {"start", format_date(a.start_date, lang)},
                     {"state", state_label(a.state, lang)},
                     {"changed", date_text(changed, lang)},
                     {"href", with_lang(application_path(a.id), lang)},
                     {"open_which", format_message(lang, "apps.open_which_mine", {{"centre", v.centre_name}})}});
  }
  return {{"has_items", !items.empty()}, {"items", std::move(items)}};
}

// The centres a reviewer may filter on, by name: every centre for the network's staff, else those they host.
std::vector<std::pair<domain::CentreId, std::string>> reviewable_centres(App& app, const domain::Actor& actor) {
  std::vector<std::pair<domain::CentreId, std::string>> out;
  const auto snapshot = app.directory.snapshot();
  for (const domain::Centre& c : snapshot->centres)
    if (network_wide(actor) || actor.hosts(c.id)) out.emplace_back(c.id, c.name);
  return out;
}

Response show_review_list(App& app, const RequestContext& req, const service::Caller& caller) {
  const Lang lang = req.lang;
  const domain::Actor& actor = caller.actor;
  const auto centres = reviewable_centres(app, actor);
  std::vector<domain::CentreId> ids;
  ids.reserve(centres.size());
  for (const auto& [id, name] : centres) ids.push_back(id);

  const ReviewFilter filter = review_filter_of(req);
  FormErrors errors(lang);
  const service::ApplicationQuery query = check_filter(filter, ids, errors);

  json results = false;
  if (errors.empty()) {
    json items = json::array();
    for (const service::ApplicationView& v : app.applications.list(actor, query)) {
      const auto& row = v.row;
      const std::string name = v.show_applicant ? row.applicant_name : std::string("—");
      items.push_back(
          {{"name", name},
           {"category", row.applicant_category ? category_label(*row.applicant_category, lang)
                                               : std::string(tr(lang, "apps.detail.no_category"))},
           {"centre", v.centre_name},
           {"submitted", date_text(row.application.submitted_at_utc, lang)},
           {"state", state_label(row.application.state, lang)},
           {"href", with_lang(application_path(row.application.id), lang)},
           {"open_which", format_message(lang, "apps.open_which", {{"name", name}, {"centre", v.centre_name}})}});
    }
    const long n = static_cast<long>(items.size());
    results = {
        {"heading", format_count(lang, "apps.review.count", n)}, {"has_items", n > 0}, {"items", std::move(items)}};
  }

  json data = {
      {"current", {{"applications", true}}},
      {"error_summary", errors.summary()},
      {"expired", false},
      {"scope", std::string(tr(lang, network_wide(actor) ? "apps.review.scope_network" : "apps.review.scope_host"))},
      {"filter", filter_form_json(lang, filter, centres, errors)},
      {"filtered", filter.any()},
      {"reset_href", with_lang("/candidatures", lang)},
      {"results", std::move(results)},
      {"has_mine", false},
  };
  if (actor.has(domain::Role::Teleworker)) {
    service::ApplicationQuery own;
    data["has_mine"] = true;
    data["mine"] = mine_json(app, actor, app.applications.list(actor, own), lang);
    data["apply_href"] = with_lang("/candidatures/nouvelle", lang);
  }
  return render_private_page(app, req, &caller, "review_list", data,
                             form_title(lang, std::string(tr(lang, "apps.review.title")), !errors.empty()),
                             errors.empty() ? 200 : 400);
}

Response get_list(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  if (!caller) return see_other(sign_in_href(req.target, req.lang));
  if (is_reviewer(caller->actor)) return show_review_list(app, req, *caller);
  const Lang lang = req.lang;
  const bool may_apply = caller->actor.has(domain::Role::Teleworker);
  json data = {
      {"current", {{"applications", true}}},
      {"apply_href", may_apply ? json(with_lang("/candidatures/nouvelle", lang)) : json(false)},
      {"mine", mine_json(app, caller->actor, app.applications.list(caller->actor, {}), lang)},
  };
  return render_private_page(app, req, &*caller, "applications_list", data, tr(lang, "apps.mine.title"));
}

// ---- applying ----

// The centres one may apply to: all but the closed ones, by name.
std::vector<domain::Centre> open_centres(App& app) {
  std::vector<domain::Centre> out;
  const auto snapshot = app.directory.snapshot();
  for (const domain::Centre& c : snapshot->centres)
    if (c.status != domain::CentreStatus::Closed) out.push_back(c);
  return out;
}

// The communication plan's actions of the last two years, newest first, that an applicant may say they heard of
// the network through.
std::vector<std::pair<std::int64_t, std::string>> heard_via_choices(App& app) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const auto& a : app.communication.recent()) out.emplace_back(a.id, a.title);
  return out;
}

Response show_apply(App& app, const RequestContext& req, const service::Caller& caller, const ApplyForm& form,
                    const FormErrors& errors, unsigned status) {
  const Lang lang = req.lang;
  json data = {
      {"current", {{"applications", true}}},
      {"csrf", caller.csrf_token},
      {"error_summary", errors.summary()},
      {"expired", false},
      {"list_href", with_lang("/candidatures", lang)},
      {"self_href", with_lang("/candidatures/nouvelle", lang)},
      {"form", apply_form_json(lang, form, open_centres(app), errors, heard_via_choices(app))},
  };
  return render_private_page(app, req, &caller, "apply", data,
                             form_title(lang, std::string(tr(lang, "apps.apply.title")), !errors.empty()), status);
}

Response get_apply(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  if (!caller) return see_other(sign_in_href(req.target, req.lang));
  try {
    service::Applications::ensure_may_apply(caller->actor);
  } catch (const ServiceError& e) {
    return error_page(app, req, 403, e.message_fr, e.message_en);
  }
  ApplyForm form;
  form.centre_id = req.param("centre").value_or("");
  return show_apply(app, req, *caller, form, FormErrors(req.lang), 200);
}

Response post_apply(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  if (!caller) return see_other(sign_in_href("/candidatures/nouvelle", req.lang));
  if (application_form_too_large(req.body)) return form_too_large(app, req);
  const FormData form(req.body);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return csrf_page(app, req);
  try {
    service::Applications::ensure_may_apply(caller->actor);
  } catch (const ServiceError& e) {
    return error_page(app, req, 403, e.message_fr, e.message_en);
  }
  const ApplyForm typed = apply_form_of(form);
  FormErrors errors(req.lang);
  const service::NewApplication in = check_apply(typed, errors);
  if (!errors.empty()) return show_apply(app, req, *caller, typed, errors, 400);

  domain::ApplicationId id = 0;
  try {
    id = app.applications.apply(caller->actor, in).row.application.id;
  } catch (const ServiceError& e) {
    if (e.kind != Kind::Invalid && e.kind != Kind::Conflict && e.kind != Kind::NotFound) throw;
    errors.add(apply_field(e.field), e.message_fr, e.message_en);
    return show_apply(app, req, *caller, typed, errors, http_status(e.kind));
  }
  return see_other(with_lang(application_path(id) + "?fait=depot", req.lang));
}

// ---- one application ----

// What the application's page shows besides the application itself: the forms as typed, their problems, a
// confirmation of what was just done, or a refusal from the service.
struct DetailPage {
  explicit DetailPage(Lang lang) : errors(lang) {}
  DecisionForm decision;
  std::string withdraw_message;
  FormErrors errors;
  std::string notice;
  std::string alert;
};

json history_json(const domain::Application& a, Lang lang) {
  json items = json::array();
  items.push_back({{"date", date_text(a.submitted_at_utc, lang)},
                   {"iso", iso_date(a.submitted_at_utc)},
                   {"submitted", true},
                   {"from", false},
                   {"to", false},
                   {"message", false}});
  for (const domain::Transition& t : a.history)
    items.push_back({{"date", date_text(t.at_utc, lang)},
                     {"iso", iso_date(t.at_utc)},
                     {"submitted", false},
                     {"from", state_label(t.from, lang)},
                     {"to", state_label(t.to, lang)},
                     {"message", t.message.empty() ? json(false) : json(t.message)}});
  return items;
}

json applicant_json(const service::ApplicationView& v, Lang lang) {
  const auto& row = v.row;
  json rqth = false;
  if (v.show_rqth)
    rqth = std::string(tr(lang, row.applicant_rqth ? "apps.detail.rqth_yes" : "apps.detail.rqth_unsaid"));
  return {{"name", row.applicant_name},
          {"email", row.applicant_email},
          {"category", row.applicant_category ? category_label(*row.applicant_category, lang)
                                              : std::string(tr(lang, "apps.detail.no_category"))},
          {"rqth", std::move(rqth)}};
}

Response show_detail(App& app, const RequestContext& req, const service::Caller& caller,
                     const service::ApplicationView& v, const DetailPage& page, unsigned status) {
  const Lang lang = req.lang;
  const domain::Actor& actor = caller.actor;
  const domain::Application& a = v.row.application;
  const bool own = a.person_id == actor.id;
  const std::string path = application_path(a.id);
  const std::string heading =
      format_message(lang, "apps.detail.heading", {{"id", std::to_string(a.id)}, {"centre", v.centre_name}});

  json decision = false;
  bool no_decision = false;
  if (actor.reviews(a.centre_id)) {
    decision = decision_form_json(lang, page.decision, a.state, page.errors);
    no_decision = decision.is_boolean();
  }
  json withdraw = false;
  if (own && domain::can_transition(a.state, ApplicationState::Withdrawn, domain::Party::Applicant))
    withdraw = withdraw_form_json(lang, page.withdraw_message, page.errors);

  json data = {
      {"current", {{"applications", true}}},
      {"csrf", caller.csrf_token},
      {"error_summary", page.errors.summary()},
      {"expired", false},
      {"notice", page.notice.empty() ? json(false) : json(page.notice)},
      {"alert", page.alert.empty() ? json(false) : json(page.alert)},
      {"heading", heading},
      {"list_href", with_lang("/candidatures", lang)},
      {"self_href", with_lang(path, lang)},
      {"application",
       {{"centre", v.centre_name},
        {"centre_href", centre_href(a.centre_id, lang)},
        {"state", state_label(a.state, lang)},
        {"submitted", date_text(a.submitted_at_utc, lang)},
        {"start", format_date(a.start_date, lang)},
        {"days", format_count(lang, "apps.days", a.days_per_week)},
        {"rank", a.rank},
        {"motivation", a.motivation},
        {"heard_from", v.row.heard_from.empty() ? json(false) : json(v.row.heard_from)}}},
      {"applicant", v.show_applicant && !own ? applicant_json(v, lang) : json(false)},
      {"history", history_json(a, lang)},
      {"decision", std::move(decision)},
      {"no_decision", no_decision},
      {"decision_action", with_lang(path + "/decision", lang)},
      {"withdraw", std::move(withdraw)},
      {"withdraw_action", with_lang(path + "/retrait", lang)},
  };
  return render_private_page(app, req, &caller, "application", data,
                             form_title(lang, heading, !page.errors.empty() || !page.alert.empty()), status);
}

Response get_detail(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  if (!caller) return see_other(sign_in_href(req.target, req.lang));
  const auto id = parse_id(req);
  const auto v = id ? app.applications.get(caller->actor, *id) : std::nullopt;
  if (!v) return not_found_page(app, req);
  DetailPage page(req.lang);
  const std::string done = req.param("fait").value_or("");
  if (done == "depot") page.notice = tr(req.lang, "apps.done.depot");
  if (done == "retrait") page.notice = tr(req.lang, "apps.done.retrait");
  if (done == "decision")
    page.notice =
        format_message(req.lang, "apps.done.decision", {{"state", state_label(v->row.application.state, req.lang)}});
  return show_detail(app, req, *caller, *v, page, 200);
}

// What both forms of the application's page share before their own work: the caller, the form, its token, the
// application. Returns the response that ends the request early, if any.
struct Posted {
  std::optional<service::Caller> caller;
  std::optional<FormData> form;
  std::optional<service::ApplicationView> view;
};
std::optional<Response> receive(App& app, const RequestContext& req, Posted& p) {
  const auto id = parse_id(req);
  p.caller = identify(app, req);
  if (!p.caller) return see_other(sign_in_href(id ? application_path(*id) : "/candidatures", req.lang));
  if (application_form_too_large(req.body)) return form_too_large(app, req);
  p.form.emplace(req.body);
  if (!csrf_ok(*p.caller, req, p.form->raw("csrf"))) return csrf_page(app, req);
  if (id) p.view = app.applications.get(p.caller->actor, *id);
  if (!p.view) return not_found_page(app, req);
  return std::nullopt;
}

// After a refusal by the service: the application as it is now, with the refusal; 404 when it is gone.
Response refused(App& app, const RequestContext& req, const service::Caller& caller, const ServiceError& e,
                 DetailPage& page) {
  const auto now = e.kind == Kind::NotFound ? std::nullopt : app.applications.get(caller.actor, *parse_id(req));
  if (!now) return not_found_page(app, req);
  page.alert = text_of(e, req.lang);
  return show_detail(app, req, caller, *now, page, http_status(e.kind));
}

Response post_decision(App& app, const RequestContext& req) {
  Posted p;
  if (auto early = receive(app, req, p)) return std::move(*early);
  const service::Caller& caller = *p.caller;
  const domain::Application& a = p.view->row.application;
  DetailPage page(req.lang);
  page.decision = {p.form->text("decision"), p.form->text("message")};
  if (!caller.actor.reviews(a.centre_id)) {
    page.alert = req.lang == Lang::En ? "Only the centre's hosts or an admin can decide."
                                      : "Cette décision revient à l'accueil du télécentre ou à un administrateur.";
    return show_detail(app, req, caller, *p.view, page, 403);
  }
  const auto decision = check_decision(page.decision, a.state, page.errors);
  check_message("decision_message", page.decision.message, page.errors);
  if (!decision || !page.errors.empty()) return show_detail(app, req, caller, *p.view, page, 400);
  try {
    app.applications.decide(caller.actor, a.id, *decision, page.decision.message);
  } catch (const ServiceError& e) {
    return refused(app, req, caller, e, page);
  }
  return see_other(with_lang(application_path(a.id) + "?fait=decision", req.lang));
}

Response post_withdraw(App& app, const RequestContext& req) {
  Posted p;
  if (auto early = receive(app, req, p)) return std::move(*early);
  const service::Caller& caller = *p.caller;
  const domain::Application& a = p.view->row.application;
  DetailPage page(req.lang);
  page.withdraw_message = p.form->text("message");
  check_message("withdraw_message", page.withdraw_message, page.errors);
  if (!page.errors.empty()) return show_detail(app, req, caller, *p.view, page, 400);
  try {
    app.applications.withdraw(caller.actor, a.id, page.withdraw_message);
  } catch (const ServiceError& e) {
    return refused(app, req, caller, e, page);
  }
  return see_other(with_lang(application_path(a.id) + "?fait=retrait", req.lang));
}

// A form's address reached by GET (typed, reloaded, or the language switch of the page a POST answered) leads
// to the application's page.
Response to_application(const RequestContext& req) {
  const auto id = parse_id(req);
  return see_other(with_lang(id ? application_path(*id) : std::string("/candidatures"), req.lang));
}

}  // namespace

void add_application_page_routes(Router& r, App& app) {
  r.add({Method::Get, "/candidatures", [&app](const RequestContext& req) { return get_list(app, req); }, Exec::Pool,
         "My applications, or the review list with its filters for hosts, admins and animators (HTML)"});
  r.add({Method::Get, "/candidatures/nouvelle", [&app](const RequestContext& req) { return get_apply(app, req); },
         Exec::Pool, "The form to apply to a centre (HTML; ?centre= preselects one)"});
  r.add({Method::Post, "/candidatures", [&app](const RequestContext& req) { return post_apply(app, req); }, Exec::Pool,
         "Apply from the form, 303 to the new application's page"});
  r.add({Method::Get, "/candidatures/{id}", [&app](const RequestContext& req) { return get_detail(app, req); },
         Exec::Pool, "One application: state, history, and the withdrawal or decision form (HTML)"});
  r.add({Method::Post, "/candidatures/{id}/decision",
         [&app](const RequestContext& req) { return post_decision(app, req); }, Exec::Pool,
         "A reviewer's decision (form), 303 to the application's page"});
  r.add({Method::Post, "/candidatures/{id}/retrait",
         [&app](const RequestContext& req) { return post_withdraw(app, req); }, Exec::Pool,
         "The applicant withdraws (form), 303 to the application's page"});
  for (const char* path : {"/candidatures/{id}/decision", "/candidatures/{id}/retrait"})
    r.add({Method::Get, path, [](const RequestContext& req) { return to_application(req); }, Exec::Inline,
           "Redirect to the application's page"});
}

}  // namespace tc::web
