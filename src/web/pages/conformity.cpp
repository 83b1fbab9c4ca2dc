// Premises conformity (conformité des locaux), for the council's admins and a centre's hosts:
//
//   GET /admin/centres/{id}/conformite   the checklist of one centre: every criterion, "Rempli" or "Non rempli"
//                                        in words beside a shape, what was found, the ruleset it was judged
//                                        under (admins may pick another: a GET form, ?bareme=NAME), and the
//                                        centre's status history with any override reason
//   GET /admin/conformite                the network at a glance (admins): each centre, conforming or not, and
//                                        what it lacks
//
// Judging is the service's (NetworkAdmin::conformity); a centre the caller does not manage is not found.
#include <algorithm>
#include <string>
#include <vector>

#include "service/errors.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/account_forms.h"
#include "web/pages/bookings_request.h"
#include "web/pages/centre_admin_pages.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

// A tick and a cross, the shapes beside the words "Rempli" and "Non rempli": decorative, the words say it.
std::string criterion_icon_svg(bool passed) {
  const std::string shape =
      passed ? "<path d=\"M3.5 10.5l4 4 9-9\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"3\"/>"
             : "<path d=\"M4.5 4.5l11 11m0-11l-11 11\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"3\"/>";
  return std::string("<svg class=\"icon icon--") + (passed ? "passed" : "failed") +
         "\" viewBox=\"0 0 20 20\" width=\"18\" height=\"18\" aria-hidden=\"true\" focusable=\"false\">" + shape +
         "</svg>";
}

// The ruleset names an admin may judge under, and whether `wanted` is one of them.
std::vector<std::string> ruleset_names(App& app, const domain::Actor& actor) {
  std::vector<std::string> names;
  if (!actor.is_admin()) return names;
  for (const domain::GrantRuleset& r : app.admin.rulesets(actor)) names.push_back(r.name);
  return names;
}

// The GET form choosing the ruleset: false when there is nothing to choose from (hosts).
json ruleset_form_json(Lang lang, const std::vector<std::string>& names, const std::string& used,
                       const std::string& action, const FormErrors& errors) {
  if (names.empty()) return false;
  json options = json::array();
  for (const std::string& n : names) options.push_back({{"value", n}, {"label", n}, {"selected", n == used}});
  const std::string error = errors.message("bareme");
  return {{"action", action},
          {"field",
           {{"id", "bareme"},
            {"label", std::string(tr(lang, "centre_admin.conformity.ruleset_label"))},
            {"hint", std::string(tr(lang, "centre_admin.conformity.ruleset_hint"))},
            {"options", std::move(options)},
            {"error", error.empty() ? json(false) : json(error)},
            {"describedby", described_by("bareme", true, errors)},
            {"required", false}}}};
}

// ?bareme=NAME as asked: empty for the network's ruleset. Hosts judge under the network's only.
std::string asked_ruleset(const RequestContext& req, const domain::Actor& actor) {
  if (!actor.is_admin()) return {};
  return req.param("bareme").value_or("");
}

bool known_ruleset(const std::vector<std::string>& names, const std::string& wanted) {
  return wanted.empty() || std::find(names.begin(), names.end(), wanted) != names.end();
}

void refuse_ruleset(FormErrors& errors, const std::string& wanted) {
  errors.add("bareme", format_message(Lang::Fr, "centre_admin.conformity.unknown_ruleset", {{"name", wanted}}),
             format_message(Lang::En, "centre_admin.conformity.unknown_ruleset", {{"name", wanted}}));
}

Response get_centre_conformity(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = admit_manager(app, req, caller, false, req.target)) return std::move(*early);
  const auto id = path_id(req, "id");
  if (!id) return managed_centre_not_found_page(app, req);
  const Lang lang = req.lang;
  const domain::Actor& actor = caller->actor;

  FormErrors errors(lang);
  std::string wanted = asked_ruleset(req, actor);
  std::vector<std::string> names;
  service::ConformityView view;
  try {
    names = ruleset_names(app, actor);
    if (!known_ruleset(names, wanted)) {
      refuse_ruleset(errors, wanted);
      wanted.clear();
    }
    try {
      view = app.admin.conformity(actor, *id, wanted);
    } catch (const ServiceError& e) {
      if (e.kind != Kind::Invalid) throw;
      errors.add("bareme", e.message_fr, e.message_en);  // a ruleset the service does not know: the network's
      view = app.admin.conformity(actor, *id);
    }
  } catch (const ServiceError& e) {
    return centre_refusal_page(app, req, e);
  }
  const domain::Centre& c = view.centre;
  json criteria = json::array();
  for (const domain::Criterion& k : view.result.criteria) criteria.push_back(criterion_json(k, lang));
  const std::string heading = format_message(lang, "centre_admin.conformity.heading", {{"name", c.name}});
  const std::string self = centre_conformity_path(c.id);
  const bool conforming = view.result.conforming();
  const json data = {
      {"current", json::object()},
      {"admin_nav", admin_nav_json(actor, lang, self)},
      {"error_summary", errors.summary()},
      {"expired", false},
      {"heading", heading},
      {"list_href", with_lang(kCentresAdminPath, lang)},
      {"edit_href", with_lang(centre_edit_path(c.id), lang)},
      {"self_href", with_lang(self, lang)},
      {"centre_href", centre_href(c.id, lang)},
      {"name", c.name},
      {"status", status_json(c.status, lang)},
      {"ruleset", view.result.ruleset},
      {"ruleset_form", ruleset_form_json(lang, names, view.result.ruleset, self, errors)},
      {"conforming", conforming},
      {"summary", conformity_summary(view.result, lang)},
      {"caption",
       format_message(lang, "centre_admin.conformity.caption", {{"name", c.name}, {"ruleset", view.result.ruleset}})},
      {"criteria", std::move(criteria)},
      {"history", history_json(c, lang)},
  };
  return render_private_page(app, req, &*caller, "conformity", data, form_title(lang, heading, !errors.empty()),
                             errors.empty() ? 200 : 400);
}

Response get_network_conformity(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = admit_manager(app, req, caller, true, req.target)) return std::move(*early);
  const Lang lang = req.lang;
  const domain::Actor& actor = caller->actor;
  FormErrors errors(lang);
  std::string wanted = req.param("bareme").value_or("");
  std::vector<std::string> names;
  std::vector<service::ConformityView> views;
  try {
    names = ruleset_names(app, actor);
    if (!known_ruleset(names, wanted)) {
      refuse_ruleset(errors, wanted);
      wanted.clear();
    }
    try {
      views = app.admin.network_conformity(actor, wanted);
    } catch (const ServiceError& e) {
      if (e.kind != Kind::Invalid) throw;
      errors.add("bareme", e.message_fr, e.message_en);
      views = app.admin.network_conformity(actor);
    }
  } catch (const ServiceError& e) {
    return centre_refusal_page(app, req, e);
  }
  const std::string used =
      views.empty() ? (wanted.empty() ? app.admin.conformity_ruleset() : wanted) : views.front().result.ruleset;
  json rows = json::array();
  int conforming = 0;
  for (const service::ConformityView& v : views) {
    json failed = json::array();
    for (const domain::Criterion* k : v.result.failed()) failed.push_back(criterion_label(k->code, lang));
    if (v.result.conforming()) ++conforming;
    rows.push_back({{"name", v.centre.name},
                    {"href", with_lang(centre_conformity_path(v.centre.id), lang)},
                    {"status", status_json(v.centre.status, lang)},
                    {"conforming", v.result.conforming()},
                    {"icon", criterion_icon_svg(v.result.conforming())},
                    {"summary", conformity_summary(v.result, lang)},
                    {"has_failed", !failed.empty()},
                    {"failed", std::move(failed)}});
  }
  const std::string title(tr(lang, "centre_admin.network.title"));
  const json data = {
      {"current", json::object()},
      {"admin_nav", admin_nav_json(actor, lang, kNetworkConformityPath)},
      {"error_summary", errors.summary()},
      {"expired", false},
      {"list_href", with_lang(kCentresAdminPath, lang)},
      {"self_href", with_lang(kNetworkConformityPath, lang)},
      {"ruleset", used},
      {"ruleset_form", ruleset_form_json(lang, names, used, std::string(kNetworkConformityPath), errors)},
      {"counts", format_message(lang, "centre_admin.network.counts",
                                {{"conforming", std::to_string(conforming)},
                                 {"total", std::to_string(static_cast<long>(views.size()))}})},
      {"caption", format_message(lang, "centre_admin.network.caption", {{"ruleset", used}})},
      {"has_rows", !rows.empty()},
      {"rows", std::move(rows)},
  };
  return render_private_page(app, req, &*caller, "conformity_network", data, form_title(lang, title, !errors.empty()),
                             errors.empty() ? 200 : 400);
}

}  // namespace

// ---- shared words ----

std::string criterion_label(const std::string& code, Lang lang) {
  const auto& all = messages(lang);
  const auto found = all.find("centre_admin.criterion." + code);
  return found == all.end() ? code : found->second;
}

std::string criterion_message(const domain::Criterion& c, Lang lang) {
  return lang == Lang::En && !c.message_en.empty() ? c.message_en : c.message_fr;
}

json criterion_json(const domain::Criterion& c, Lang lang) {
  return {
      {"code", c.code},
      {"label", criterion_label(c.code, lang)},
      {"passed", c.passed},
      {"result", std::string(tr(lang, c.passed ? "centre_admin.criterion_passed" : "centre_admin.criterion_failed"))},
      {"icon", criterion_icon_svg(c.passed)},
      {"message", criterion_message(c, lang)}};
}

std::string conformity_summary(const domain::ConformityResult& r, Lang lang) {
  const auto failed = static_cast<long>(r.failed().size());
  if (failed == 0) return std::string(tr(lang, "centre_admin.conforming"));
  return format_count(lang, "centre_admin.failed_count", failed);
}

json history_json(const domain::Centre& c, Lang lang) {
  json out = json::array();
  for (const domain::StatusChange& s : c.history)
    out.push_back({{"date", format_date(s.on, lang)},
                   {"iso", s.on.iso()},
                   {"status", status_label(s.status, lang)},
                   {"reason", s.override_reason.empty() ? json(false) : json(s.override_reason)}});
  return out;
}

void add_conformity_page_routes(Router& r, App& app) {
  r.add({Method::Get, "/admin/centres/{id}/conformite",
         [&app](const RequestContext& req) { return get_centre_conformity(app, req); }, Exec::Pool,
         "A centre's premises conformity, criterion by criterion, and its status history (HTML; ?bareme=NAME)"});
  r.add({Method::Get, std::string(kNetworkConformityPath),
         [&app](const RequestContext& req) { return get_network_conformity(app, req); }, Exec::Pool,
         "The network's premises conformity, centre by centre (HTML, admins; ?bareme=NAME)"});
}

}  // namespace tc::web
