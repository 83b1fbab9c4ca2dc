// "Mes données personnelles" (/compte/donnees): what the platform holds about the signed-in person, in words; the
// whole of it as a JSON file (/api/v1/me/export, with the session cookie); and the erasure of the account
// (/compte/donnees/effacement), which asks for the password and for a box ticked to say it is understood to be
// final. The JSON equivalents are in api/privacy.cpp; what erasure removes and keeps is service::Privacy's.
//
// Every page here is the person's own and never stored (Cache-Control: no-store); the erasure form carries the
// session's anti-CSRF token. Once erased, the session cookie is cleared and the page says what happened.
#include <string>

#include "geo/commune_index.h"
#include "service/errors.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/account_forms.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

constexpr std::string_view kPagePath = "/compte/donnees";

// "/connexion?next=/compte/donnees" (and "&lang=en").
std::string sign_in_href(Lang lang) { return with_lang(with_query_value("/connexion", "next", kPagePath), lang); }

std::string date_text(const std::string& iso, Lang lang) {
  const auto t = domain::parse_timestamp(iso);
  return t ? format_date(t->utc_date(), lang) : iso;
}

// A commune of the profile in words: its name when it is in the reference list, else the code as stored.
std::string commune_name(const geo::CommuneIndex& index, const std::string& insee) {
  if (insee.empty()) return {};
  const domain::Commune* c = index.by_insee(insee);
  return c == nullptr ? insee : c->name;
}

// A value of the profile, or "Non renseigné" when the person gave none.
json given_or_not(Lang lang, std::string value) {
  return value.empty() ? json(std::string(tr(lang, "mydata.not_given"))) : json(std::move(value));
}

// What the page shows of the export: the account, the profile in words, and counts of the rest.
json held_json(App& app, Lang lang, const service::PersonExport& e) {
  json roles = json::array();
  for (const std::string& r : e.account.roles) roles.push_back(std::string(tr(lang, "role." + r)));

  const domain::Profile& p = e.profile;
  json needs = json::array();
  if (p.needs.step_free) needs.push_back(std::string(tr(lang, "needs.step_free")));
  if (p.needs.printing) needs.push_back(std::string(tr(lang, "needs.printing")));
  if (p.needs.fax) needs.push_back(std::string(tr(lang, "needs.fax")));
  if (p.needs.videoconference) needs.push_back(std::string(tr(lang, "needs.videoconference")));
  const std::string rqth_key = !p.rqth ? "profile.rqth_unsaid" : *p.rqth ? "profile.rqth_yes" : "profile.rqth_no";

  std::string home, workplace;
  {
    const auto snapshot = app.directory.snapshot();
    home = commune_name(snapshot->communes, p.home_commune_insee);
    workplace = commune_name(snapshot->communes, p.workplace_commune_insee);
  }

  json consents = json::array();
  for (const auto& [version, at] : e.consents)
    consents.push_back(
        format_message(lang, "mydata.consent_item", {{"version", version}, {"date", date_text(at, lang)}}));

  return {
      {"email", e.account.email},
      {"created", date_text(e.account.created_at, lang)},
      {"roles", std::move(roles)},
      {"display_name", p.display_name},
      {"home_commune", given_or_not(lang, home)},
      {"workplace_commune", given_or_not(lang, workplace)},
      {"category", std::string(lang == Lang::En ? domain::label_en(p.category) : domain::label_fr(p.category))},
      {"employer", given_or_not(lang, p.employer)},
      {"has_needs", !needs.empty()},
      {"needs", std::move(needs)},
      {"rqth", std::string(tr(lang, rqth_key))},
      {"applications", format_count(lang, "mydata.applications", static_cast<long>(e.applications.size()))},
      {"has_consents", !consents.empty()},
      {"consents", std::move(consents)},
      {"tokens", format_count(lang, "mydata.tokens", static_cast<long>(e.api_tokens.size()))},
  };
}

// ---- the page ----

constexpr FieldSpec kErasePassword{.id = "password",
                                   .label_key = "mydata.erase_password",
                                   .hint_key = "mydata.erase_password_hint",
                                   .type = "password",
                                   .autocomplete = "current-password",
                                   .required = true};

struct ErasureForm {
  bool confirmed = false;
  FormErrors errors;
};

Response show_data(App& app, const RequestContext& req, const service::Caller& caller, const ErasureForm& f,
                   unsigned status) {
  const Lang lang = req.lang;
  const std::string confirm_error = f.errors.message("confirm");
  const json data = {
      {"erased", false},
      {"error_summary", f.errors.summary()},
      {"expired", false},
      {"page",
       {{"csrf", caller.csrf_token},
        {"held", held_json(app, lang, app.privacy.export_person(caller.actor.id))},
        {"password", field_json(lang, kErasePassword, "", f.errors)},
        {"confirm",
         {{"checked", f.confirmed},
          {"error", confirm_error.empty() ? json(false) : json(confirm_error)},
          {"describedby", described_by("confirm", false, f.errors)}}}}},
  };
  return render_private_page(app, req, &caller, "my_data", data,
                             form_title_for_key(lang, "mydata.title", !f.errors.empty()), status);
}

Response get_data(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  if (!caller) return see_other(sign_in_href(req.lang));
  return show_data(app, req, *caller, {false, FormErrors(req.lang)}, 200);
}

// ---- erasure ----

Response post_erasure(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  if (!caller) return see_other(sign_in_href(req.lang));
  const FormData form(req.body);
  if (form.oversized())
    return error_page(app, req, 413, "Un des champs du formulaire est trop long.",
                      "One of the form's fields is too long.");
  if (!csrf_ok(*caller, req, form.raw("csrf")))
    return error_page(app, req, 403, "Formulaire expiré : rechargez la page et recommencez.",
                      "This form has expired: reload the page and try again.");

  ErasureForm f{!form.text("confirm").empty(), FormErrors(req.lang)};
  const std::string password = form.raw("password");
  if (password.empty())
    f.errors.add("password", "Saisissez votre mot de passe pour confirmer l'effacement.",
                 "Enter your password to confirm the erasure.");
  if (!f.confirmed)
    f.errors.add("confirm", "Cochez la case pour confirmer que vous comprenez que l'effacement est définitif.",
                 "Tick the box to confirm that you understand the erasure is final.");
  if (!f.errors.empty()) return show_data(app, req, *caller, f, 400);

  try {
    app.privacy.erase(caller->actor, caller->actor.id, password);
  } catch (const ServiceError& e) {
    if (e.kind != Kind::Forbidden) throw;
    f.errors.add("password", e.message_fr, e.message_en);
    return show_data(app, req, *caller, f, 403);
  }
  // The account is gone, and its sessions with it: the page is shown to someone no longer signed in.
  const json data = {{"erased", true}, {"page", false}, {"error_summary", false}, {"expired", false}};
  Response r = render_private_page(app, req, nullptr, "my_data", data, tr(req.lang, "mydata.erased_title"));
  r.header("Set-Cookie", cleared_session_cookie(secure_cookies(app, req)));
  return r;
}

}  // namespace

void add_data_rights_page_routes(Router& r, App& app) {
  r.add({Method::Get, std::string(kPagePath), [&app](const RequestContext& req) { return get_data(app, req); },
         Exec::Pool, "My personal data: what is held, the JSON download, the erasure form (HTML)"});
  r.add({Method::Post, "/compte/donnees/effacement",
         [&app](const RequestContext& req) { return post_erasure(app, req); }, Exec::Pool,
         "Erase my account after my password and a ticked confirmation (form); signs out"});
  // The form's address typed or reloaded as a GET (or reached by the language switch) leads to the page.
  r.add({Method::Get, "/compte/donnees/effacement",
         [](const RequestContext& req) { return see_other(with_lang(kPagePath, req.lang)); }, Exec::Inline,
         "Redirect to /compte/donnees"});
}

}  // namespace tc::web
