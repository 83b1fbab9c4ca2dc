// The account pages: signing in (/connexion) and up (/inscription), signing out (/deconnexion, and
// /deconnexion-partout for every session), "Mon compte" (/compte: who you are, your profile, your personal API
// tokens) and the privacy notice (/confidentialite). The JSON equivalents are in api/session.cpp.
//
// Plain forms that work without JavaScript. A refused submission shows the form again with what was typed —
// never a password — under a summary of its errors (role="alert") whose links lead to the fields; each field
// carries its message (aria-describedby) and aria-invalid. Every form that changes state carries an anti-CSRF
// token: the session's for signed-in people, the tc_csrf double-submit cookie for the anonymous forms. Pages
// seen by a signed-in person, and forms carrying a token, are never stored (Cache-Control: no-store).
#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "domain/password_policy.h"
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

constexpr std::size_t kTokenLabelMaxCodePoints = 50;
constexpr std::size_t kTokenLabelMaxBytes = 100;  // what Accounts::create_api_token keeps
constexpr std::size_t kCommuneTextMaxBytes = 100;
constexpr std::size_t kCommuneChoicesShown = 8;

// ---- small helpers ----

bool has_lang_param(std::string_view target) {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return false;
  const std::string_view qs = target.substr(q + 1);
  return qs.starts_with("lang=") || qs.find("&lang=") != std::string_view::npos;
}

// Where signing in leads: `next` when it is a path of this site, else the account page; in the page's language.
std::string after_sign_in(std::string_view next, Lang lang) {
  if (!is_local_path(next)) return with_lang("/compte", lang);
  return has_lang_param(next) ? std::string(next) : with_lang(next, lang);
}

// "/connexion?next=/compte" (and "&lang=en").
std::string sign_in_href(std::string_view next, Lang lang) {
  return with_lang(next.empty() ? std::string("/connexion") : with_query_value("/connexion", "next", next), lang);
}

Response csrf_page(App& app, const RequestContext& req) {
  return error_page(app, req, 403, "Formulaire expiré : rechargez la page et recommencez.",
                    "This form has expired: reload the page and try again.");
}

// The answer to a successful sign-in: the session cookie, and a redirect to `location`. A session the browser
// held before is ended: one fresh session per sign-in, never one chosen by someone else (no fixation).
Response signed_in(App& app, const RequestContext& req, const service::NewSession& session, std::string location) {
  if (const std::string previous = cookie_value(req, kSessionCookie); !previous.empty())
    app.accounts.sign_out(previous);
  Response r = see_other(std::move(location));
  r.header("Set-Cookie", session_cookie(session.token, app.accounts.session_lifetime_s(), secure_cookies(app, req)));
  return r;
}

// ---- sign in ----

constexpr FieldSpec kSignInEmail{.id = "email",
                                 .label_key = "account.email",
                                 .hint_key = "",
                                 .type = "email",
                                 .autocomplete = "email",
                                 .required = true};
constexpr FieldSpec kSignInPassword{.id = "password",
                                    .label_key = "account.password",
                                    .hint_key = "",
                                    .type = "password",
                                    .autocomplete = "current-password",
                                    .required = true};

struct SignInPage {
  std::string email;
  std::string next;  // a local path, or empty
  FormErrors errors;
  bool expired = false;
};

Response show_sign_in(App& app, const RequestContext& req, const SignInPage& p, unsigned status) {
  const Lang lang = req.lang;
  const FormToken token = form_token(req, secure_cookies(app, req));
  json data = {
      {"current", {{"signin", true}}},
      {"error_summary", p.errors.summary()},
      {"expired", p.expired ? json(std::string(tr(lang, "form.expired"))) : json(false)},
      {"form",
       {{"csrf", token.value},
        {"next", p.next.empty() ? json(false) : json(p.next)},
        {"email", field_json(lang, kSignInEmail, p.email, p.errors)},
        {"password", field_json(lang, kSignInPassword, "", p.errors)}}},
      {"signup_href", with_lang("/inscription", lang)},
  };
  Response r = render_private_page(app, req, nullptr, "signin", data,
                                   form_title_for_key(lang, "signin.title", !p.errors.empty() || p.expired), status);
  if (!token.set_cookie.empty()) r.header("Set-Cookie", token.set_cookie);
  return r;
}

std::string local_or_empty(const std::string& next) { return is_local_path(next) ? next : std::string(); }

Response get_sign_in(App& app, const RequestContext& req) {
  const std::string next = local_or_empty(req.param("next").value_or(""));
  if (identify(app, req)) return see_other(after_sign_in(next, req.lang));
  return show_sign_in(app, req, {"", next, FormErrors(req.lang), false}, 200);
}

Response post_sign_in(App& app, const RequestContext& req) {
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  SignInPage page{form.text("email"), local_or_empty(form.text("next")), FormErrors(req.lang), false};
  if (!form_token_ok(req, form)) {
    page.expired = true;
    return show_sign_in(app, req, page, 403);
  }
  const std::string password = form.raw("password");
  if (page.email.empty()) page.errors.add("email", "Saisissez votre adresse e-mail.", "Enter your e-mail address.");
  if (password.empty()) page.errors.add("password", "Saisissez votre mot de passe.", "Enter your password.");
  if (!page.errors.empty()) return show_sign_in(app, req, page, 400);

  service::NewSession session;
  try {
    session = app.accounts.sign_in(page.email, password, req.remote);
  } catch (const ServiceError& e) {
    if (e.kind != Kind::Unauthenticated && e.kind != Kind::TooManyRequests) throw;
    page.errors.add_general("email", e.message_fr, e.message_en);
    if (e.kind == Kind::Unauthenticated) return show_sign_in(app, req, page, 401);
    Response r = show_sign_in(app, req, page, 429);
    r.header("Retry-After", std::to_string(std::max(1, e.retry_after_s)));
    return r;
  }
  return signed_in(app, req, session, after_sign_in(page.next, req.lang));
}

// ---- sign up ----

constexpr FieldSpec kSignUpName{.id = "display_name",
                                .label_key = "account.display_name",
                                .hint_key = "signup.display_name_hint",
                                .type = "text",
                                .autocomplete = "name",
                                .required = true};
constexpr FieldSpec kSignUpEmail{.id = "email",
                                 .label_key = "account.email",
                                 .hint_key = "signup.email_hint",
                                 .type = "email",
                                 .autocomplete = "email",
                                 .required = true};
constexpr FieldSpec kSignUpPassword{.id = "password",
                                    .label_key = "account.password",
                                    .hint_key = "signup.password_hint",
                                    .type = "password",
                                    .autocomplete = "new-password",
                                    .required = true};

struct SignUpPage {
  std::string display_name;
  std::string email;
  bool consent = false;
  FormErrors errors;
  bool expired = false;
};

Response show_sign_up(App& app, const RequestContext& req, const SignUpPage& p, unsigned status) {
  const Lang lang = req.lang;
  const FormToken token = form_token(req, secure_cookies(app, req));
  const std::string consent_error = p.errors.message("consent");
  json data = {
      {"current", {{"signup", true}}},
      {"error_summary", p.errors.summary()},
      {"expired", p.expired ? json(std::string(tr(lang, "form.expired"))) : json(false)},
      {"form",
       {{"csrf", token.value},
        {"display_name", field_json(lang, kSignUpName, p.display_name, p.errors)},
        {"email", field_json(lang, kSignUpEmail, p.email, p.errors)},
        {"password", field_json(lang, kSignUpPassword, "", p.errors)},
        {"consent",
         {{"checked", p.consent},
          {"error", consent_error.empty() ? json(false) : json(consent_error)},
          {"describedby", described_by("consent", true, p.errors)}}}}},
  };
  // The rule's number comes from the policy itself, so the hint cannot drift from what is enforced.
  data["form"]["password"]["hint"] =
      format_message(lang, "signup.password_hint", {{"min", std::to_string(domain::kPasswordMinCodePoints)}});
  Response r = render_private_page(app, req, nullptr, "signup", data,
                                   form_title_for_key(lang, "signup.title", !p.errors.empty() || p.expired), status);
  if (!token.set_cookie.empty()) r.header("Set-Cookie", token.set_cookie);
  return r;
}

Response get_sign_up(App& app, const RequestContext& req) {
  if (identify(app, req)) return see_other(with_lang("/compte", req.lang));
  return show_sign_up(app, req, {"", "", false, FormErrors(req.lang), false}, 200);
}

// What the page can tell before asking the service, so that every problem is listed at once; the service checks
// again, and adds what needs the store or the list of common passwords.
void check_sign_up(const SignUpPage& p, const std::string& password, FormErrors& errors) {
  domain::Profile profile;
  profile.display_name = p.display_name;
  for (const domain::FieldError& e : domain::validate(profile))
    if (e.field == "display_name") errors.add(e.field, e.message_fr, e.message_en);
  const std::string email = domain::normalise_email(p.email);
  if (email.empty()) {
    errors.add("email", "Saisissez votre adresse e-mail.", "Enter your e-mail address.");
  } else if (const auto bad = domain::validate_email(email)) {
    errors.add("email", *bad, "The e-mail address is not valid (for example: name@example.fr).");
  }
  if (password.empty()) {
    errors.add("password", "Choisissez un mot de passe.", "Choose a password.");
  } else {
    static const domain::CommonPasswords kNoList("");  // the service knows the list; length and e-mail here
    for (const domain::FieldError& e : domain::check_password(password, email, kNoList))
      errors.add("password", e.message_fr, e.message_en);
  }
  if (!p.consent)
    errors.add("consent", "Cochez la case pour indiquer que vous avez lu la politique de confidentialité.",
               "Tick the box to say that you have read the privacy notice.");
}

Response post_sign_up(App& app, const RequestContext& req) {
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  SignUpPage page{form.text("display_name"), form.text("email"), !form.text("consent").empty(), FormErrors(req.lang),
                  false};
  if (!form_token_ok(req, form)) {
    page.expired = true;
    return show_sign_up(app, req, page, 403);
  }
  const std::string password = form.raw("password");
  check_sign_up(page, password, page.errors);
  if (!page.errors.empty()) return show_sign_up(app, req, page, 400);

  try {
    app.accounts.sign_up({page.email, password, page.display_name, std::string(kPrivacyNoticeVersion)});
  } catch (const ServiceError& e) {
    if (e.kind != Kind::Invalid && e.kind != Kind::Conflict) throw;
    page.errors.add(e.field.empty() ? "email" : e.field, e.message_fr, e.message_en);
    return show_sign_up(app, req, page, e.kind == Kind::Conflict ? 409 : 400);
  }
  // Signed in at once with the same credentials. Should that fail (sign-ins from this address are being
  // throttled), the account exists all the same: the sign-in page says what to do.
  try {
    return signed_in(app, req, app.accounts.sign_in(page.email, password, req.remote), with_lang("/compte", req.lang));
  } catch (const ServiceError&) {
    return see_other(sign_in_href("/compte", req.lang));
  }
}

// ---- sign out ----

Response signed_out(const App& app, const RequestContext& req) {
  Response r = see_other(with_lang("/", req.lang));
  r.header("Set-Cookie", cleared_session_cookie(secure_cookies(app, req)));
  return r;
}

Response post_sign_out(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  if (!caller || !caller->by_session) return signed_out(app, req);  // nothing to end
  const FormData form(req.body);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return csrf_page(app, req);
  app.accounts.sign_out(cookie_value(req, kSessionCookie));
  return signed_out(app, req);
}

Response post_sign_out_everywhere(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  if (!caller) return see_other(sign_in_href("/compte", req.lang));
  const FormData form(req.body);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return csrf_page(app, req);
  app.accounts.sign_out_everywhere(caller->actor.id);
  return signed_out(app, req);
}

// ---- the account page ----

// The profile form as typed (or as stored, in words): communes are what the person typed, not yet codes.
struct ProfileForm {
  std::string display_name;
  std::string home_commune;
  std::string workplace_commune;
  std::string category;  // snake_case value; empty when none chosen
  std::string employer;
  std::vector<std::string> needs;
  std::string rqth;  // "yes", "no", "unsaid"
};

constexpr FieldSpec kProfileName{.id = "display_name",
                                 .label_key = "account.display_name",
                                 .hint_key = "profile.display_name_hint",
                                 .type = "text",
                                 .autocomplete = "name",
                                 .required = true};
constexpr FieldSpec kProfileHome{.id = "home_commune",
                                 .label_key = "profile.home_commune",
                                 .hint_key = "profile.home_commune_hint",
                                 .type = "text",
                                 .autocomplete = "",
                                 .required = false};
constexpr FieldSpec kProfileWorkplace{.id = "workplace_commune",
                                      .label_key = "profile.workplace_commune",
                                      .hint_key = "profile.workplace_commune_hint",
                                      .type = "text",
                                      .autocomplete = "",
                                      .required = false};
constexpr FieldSpec kProfileEmployer{.id = "employer",
                                     .label_key = "profile.employer",
                                     .hint_key = "profile.employer_hint",
                                     .type = "text",
                                     .autocomplete = "organization",
                                     .required = false};
constexpr FieldSpec kTokenLabel{.id = "label",
                                .label_key = "tokens.label_field",
                                .hint_key = "tokens.label_hint",
                                .type = "text",
                                .autocomplete = "off",
                                .required = true};

constexpr std::string_view kNeeds[] = {"step_free", "printing", "fax", "videoconference"};
constexpr std::string_view kRqthChoices[] = {"yes", "no", "unsaid"};

// A commune as the form shows it back: its name when the name alone designates it, else its INSEE code.
std::string commune_text(const geo::CommuneIndex& index, const std::string& insee) {
  if (insee.empty()) return {};
  const domain::Commune* c = index.by_insee(insee);
  if (c == nullptr) return insee;
  const std::string wanted = geo::normalise_place_name(c->name);
  const auto found = index.search(c->name, 10);
  const auto same = std::count_if(found.begin(), found.end(), [&](const domain::Commune* f) {
    return geo::normalise_place_name(f->name) == wanted;
  });
  return same == 1 ? c->name : insee;
}

bool is_code(std::string_view s) {
  return s.size() == 5 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || c == 'A' || c == 'B' || c == 'a' || c == 'b';
         });
}

// What was typed in a commune field — a name, a postcode or an INSEE code — as the INSEE code of the one commune
// it designates; empty, with the problem recorded, when it designates none or several.
std::string resolve_commune(const geo::CommuneIndex& index, std::string_view field, const std::string& text,
                            FormErrors& errors) {
  if (text.empty()) return {};
  if (text.size() > kCommuneTextMaxBytes) {
    errors.add(field, "Ce nom de commune est trop long.", "This commune name is too long.");
    return {};
  }
  std::vector<const domain::Commune*> found;
  if (is_code(text)) {
    std::string code = text;
    for (char& c : code) c = static_cast<char>(c == 'a' ? 'A' : c == 'b' ? 'B' : c);
    found = index.resolve_code(code);
  } else {
    found = index.search(text, kCommuneChoicesShown + 1);
    const std::string wanted = geo::normalise_place_name(text);
    std::vector<const domain::Commune*> exact;
    for (const domain::Commune* c : found)
      if (geo::normalise_place_name(c->name) == wanted) exact.push_back(c);
    if (!exact.empty()) found = exact;
  }
  if (found.size() == 1) return found.front()->insee;
  if (found.empty()) {
    errors.add(field, format_message(Lang::Fr, "profile.commune_unknown", {{"value", text}}),
               format_message(Lang::En, "profile.commune_unknown", {{"value", text}}));
    return {};
  }
  std::string choices;
  for (std::size_t i = 0; i < found.size() && i < kCommuneChoicesShown; ++i)
    choices += (i == 0 ? "" : ", ") + found[i]->name + " (" + found[i]->insee + ")";
  const bool more = found.size() > kCommuneChoicesShown;
  const std::string key = is_code(text) ? "profile.commune_code_ambiguous" : "profile.commune_name_ambiguous";
  auto message = [&](Lang lang) {
    return format_message(lang, key + (more ? "_more" : ""), {{"value", text}, {"choices", choices}});
  };
  errors.add(field, message(Lang::Fr), message(Lang::En));
  return {};
}

ProfileForm form_of(const geo::CommuneIndex& index, const domain::Profile& p) {
  ProfileForm f;
  f.display_name = p.display_name;
  f.home_commune = commune_text(index, p.home_commune_insee);
  f.workplace_commune = commune_text(index, p.workplace_commune_insee);
  f.category = std::string(domain::to_string(p.category));
  f.employer = p.employer;
  if (p.needs.step_free) f.needs.emplace_back("step_free");
  if (p.needs.printing) f.needs.emplace_back("printing");
  if (p.needs.fax) f.needs.emplace_back("fax");
  if (p.needs.videoconference) f.needs.emplace_back("videoconference");
  f.rqth = !p.rqth ? "unsaid" : *p.rqth ? "yes" : "no";
  return f;
}

ProfileForm form_of(const FormData& form) {
  ProfileForm f;
  f.display_name = form.text("display_name");
  f.home_commune = form.text("home_commune");
  f.workplace_commune = form.text("workplace_commune");
  f.category = form.text("category");
  f.employer = form.text("employer");
  f.needs = form.all("needs");
  f.rqth = form.has("rqth") ? form.text("rqth") : "unsaid";
  return f;
}

bool contains(const std::vector<std::string>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

// A group of radio buttons or checkboxes: the first option's id is the group's, so the error summary can link
// to it.
json option_json(std::string_view group, std::size_t index, std::string_view value, std::string label, bool checked) {
  return {{"id", index == 0 ? std::string(group) : std::string(group) + "-" + std::string(value)},
          {"value", std::string(value)},
          {"label", std::move(label)},
          {"checked", checked}};
}

json group_json(std::string_view group, json options, bool has_hint, const FormErrors& errors) {
  const std::string error = errors.message(group);
  return {{"options", std::move(options)},
          {"error", error.empty() ? json(false) : json(error)},
          {"describedby", described_by(group, has_hint, errors)}};
}

json profile_form_json(Lang lang, const ProfileForm& f, const FormErrors& errors) {
  json categories = json::array();
  for (std::size_t i = 0; i < domain::kAllCategories.size(); ++i) {
    const domain::Category c = domain::kAllCategories[i];
    const std::string_view value = domain::to_string(c);
    categories.push_back(option_json("category", i, value,
                                     std::string(lang == Lang::En ? domain::label_en(c) : domain::label_fr(c)),
                                     f.category == value));
  }
  json needs = json::array();
  for (std::size_t i = 0; i < std::size(kNeeds); ++i)
    needs.push_back(option_json("needs", i, kNeeds[i], std::string(tr(lang, "needs." + std::string(kNeeds[i]))),
                                contains(f.needs, kNeeds[i])));
  json rqth = json::array();
  for (std::size_t i = 0; i < std::size(kRqthChoices); ++i)
    rqth.push_back(option_json("rqth", i, kRqthChoices[i],
                               std::string(tr(lang, "profile.rqth_" + std::string(kRqthChoices[i]))),
                               f.rqth == kRqthChoices[i]));
  return {{"display_name", field_json(lang, kProfileName, f.display_name, errors)},
          {"home_commune", field_json(lang, kProfileHome, f.home_commune, errors)},
          {"workplace_commune", field_json(lang, kProfileWorkplace, f.workplace_commune, errors)},
          {"employer", field_json(lang, kProfileEmployer, f.employer, errors)},
          {"category", group_json("category", std::move(categories), false, errors)},
          {"needs", group_json("needs", std::move(needs), false, errors)},
          {"rqth", group_json("rqth", std::move(rqth), true, errors)}};
}

// What the account page shows besides the forms' state.
struct AccountPage {
  std::optional<ProfileForm> profile;  // as typed; nullopt: as stored
  std::string token_label;             // as typed in the token form
  FormErrors errors;
  std::string notice;                                            // a sentence confirming what was just done
  std::optional<std::pair<std::string, std::string>> new_token;  // label, token: shown once
};

std::string date_text(const std::string& iso, Lang lang) {
  const auto t = domain::parse_timestamp(iso);
  return t ? format_date(t->utc_date(), lang) : iso;
}

Response show_account(App& app, const RequestContext& req, const service::Caller& caller, const AccountPage& page,
                      unsigned status) {
  const Lang lang = req.lang;
  const domain::Profile stored = app.accounts.profile(caller.actor.id);
  const auto snapshot = app.directory.snapshot();
  const geo::CommuneIndex& communes = snapshot->communes;

  json roles = json::array();
  for (domain::Role r : caller.actor.roles)
    roles.push_back(std::string(tr(lang, "role." + std::string(domain::to_string(r)))));
  json hosted = json::array();
  if (caller.actor.has(domain::Role::Host)) {
    for (std::int64_t id : caller.actor.host_centres) {
      const auto found = app.directory.centre(id);
      if (found && !found->hits.empty())
        hosted.push_back({{"name", found->hits.front().centre->name}, {"href", centre_href(id, lang)}});
    }
  }

  json tokens = json::array();
  for (const service::ApiTokenInfo& t : app.accounts.api_tokens(caller.actor.id)) {
    tokens.push_back({{"label", t.label},
                      {"created", date_text(t.created_at, lang)},
                      {"revoked", t.revoked},
                      {"revoke_which", format_message(lang, "tokens.revoke_which", {{"label", t.label}})},
                      {"action", with_lang("/compte/jetons/" + std::to_string(t.id) + "/revoquer", lang)}});
  }

  json data = {
      {"current", {{"account", true}}},
      {"csrf", caller.csrf_token},
      {"error_summary", page.errors.summary()},
      {"notice", page.notice.empty() ? json(false) : json(page.notice)},
      {"expired", false},
      {"new_token", page.new_token ? json{{"label_text", format_message(lang, "tokens.new_label",
                                                                        {{"label", page.new_token->first}})},
                                          {"value", page.new_token->second}}
                                   : json(false)},
      {"identity",
       {{"name", stored.display_name},
        {"email", caller.email},
        {"roles", std::move(roles)},
        {"has_hosted", !hosted.empty()},
        {"hosted", std::move(hosted)}}},
      {"profile", profile_form_json(lang, page.profile ? *page.profile : form_of(communes, stored), page.errors)},
      {"tokens",
       {{"has_items", !tokens.empty()},
        {"items", std::move(tokens)},
        {"label", field_json(lang, kTokenLabel, page.token_label, page.errors)}}},
  };
  return render_private_page(app, req, &caller, "profile", data,
                             form_title_for_key(lang, "account.title", !page.errors.empty()), status);
}

Response get_account(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  if (!caller) return see_other(sign_in_href("/compte", req.lang));
  AccountPage page{std::nullopt, "", FormErrors(req.lang), "", std::nullopt};
  const std::string done = req.param("fait").value_or("");
  if (done == "profil") page.notice = tr(req.lang, "profile.saved");
  if (done == "jeton-revoque") page.notice = tr(req.lang, "tokens.revoked_notice");
  return show_account(app, req, *caller, page, 200);
}

// Maps the service's and the domain's field names to the form's.
std::string profile_field(const std::string& field) {
  if (field == "home_commune_insee") return "home_commune";
  if (field == "workplace_commune_insee") return "workplace_commune";
  return field.empty() ? "display_name" : field;
}

Response post_profile(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  if (!caller) return see_other(sign_in_href("/compte", req.lang));
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return csrf_page(app, req);

  AccountPage page{form_of(form), "", FormErrors(req.lang), "", std::nullopt};
  const ProfileForm& f = *page.profile;
  FormErrors& errors = page.errors;
  domain::Profile p;
  p.display_name = f.display_name;
  {
    const auto snapshot = app.directory.snapshot();
    p.home_commune_insee = resolve_commune(snapshot->communes, "home_commune", f.home_commune, errors);
    p.workplace_commune_insee = resolve_commune(snapshot->communes, "workplace_commune", f.workplace_commune, errors);
  }
  if (const auto category = domain::parse_category(f.category)) {
    p.category = *category;
  } else {
    errors.add("category", "Choisissez la situation qui vous correspond le mieux.",
               "Choose the situation that fits you best.");
  }
  p.employer = f.employer;
  p.needs = {contains(f.needs, "step_free"), contains(f.needs, "fax"), contains(f.needs, "printing"),
             contains(f.needs, "videoconference")};
  if (f.rqth == "yes" || f.rqth == "no") {
    p.rqth = f.rqth == "yes";
  } else if (f.rqth != "unsaid") {
    errors.add("rqth", "Choisissez une des trois réponses.", "Choose one of the three answers.");
  }
  for (const domain::FieldError& e : domain::validate(p))
    errors.add(profile_field(e.field), e.message_fr, e.message_en);
  if (!errors.empty()) return show_account(app, req, *caller, page, 400);

  try {
    app.accounts.update_profile(caller->actor.id, p);
  } catch (const ServiceError& e) {
    if (e.kind != Kind::Invalid) throw;
    errors.add(profile_field(e.field), e.message_fr, e.message_en);
    return show_account(app, req, *caller, page, 400);
  }
  return see_other(with_lang("/compte?fait=profil", req.lang));
}

Response post_token(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  if (!caller) return see_other(sign_in_href("/compte", req.lang));
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return csrf_page(app, req);

  AccountPage page{std::nullopt, form.text("label"), FormErrors(req.lang), "", std::nullopt};
  const std::string& label = page.token_label;
  if (label.empty()) {
    page.errors.add("label", "Donnez un nom à ce jeton, pour vous rappeler à quoi il sert.",
                    "Give this token a name, to remember what it is for.");
  } else if (domain::count_code_points(label) > kTokenLabelMaxCodePoints || label.size() > kTokenLabelMaxBytes) {
    page.errors.add(
        "label", "Le nom du jeton est trop long (" + std::to_string(kTokenLabelMaxCodePoints) + " caractères au plus).",
        "The token's name is too long (" + std::to_string(kTokenLabelMaxCodePoints) + " characters at most).");
  } else if (std::any_of(label.begin(), label.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
    page.errors.add("label", "Le nom du jeton ne doit pas contenir de caractère de contrôle.",
                    "The token's name must not contain control characters.");
  }
  if (!page.errors.empty()) return show_account(app, req, *caller, page, 400);

  page.new_token = std::make_pair(label, app.accounts.create_api_token(caller->actor.id, label));
  page.token_label.clear();
  return show_account(app, req, *caller, page, 200);
}

Response post_revoke_token(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  if (!caller) return see_other(sign_in_href("/compte", req.lang));
  const FormData form(req.body);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return csrf_page(app, req);
  const std::string& text = req.path_params.at("id");
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || !app.accounts.revoke_api_token(caller->actor.id, id))
    return error_page(app, req, 404, "Ce jeton n'existe pas ou est déjà révoqué.",
                      "This token does not exist or is already revoked.");
  return see_other(with_lang("/compte?fait=jeton-revoque", req.lang));
}

// ---- the privacy notice ----

Response get_privacy(App& app, const RequestContext& req) {
  json data = {{"current", {{"privacy", true}}},
               {"notice_version", std::string(kPrivacyNoticeVersion)},
               {"retention_months", std::to_string(kApplicationRetentionMonths)},
               {"session_days", std::to_string(app.accounts.session_lifetime_s() / 86400)}};
  return render_page(app, req, "privacy", data, tr(req.lang, "privacy.title"));
}

}  // namespace

void add_account_page_routes(Router& r, App& app) {
  r.add({Method::Get, "/connexion", [&app](const RequestContext& req) { return get_sign_in(app, req); }, Exec::Pool,
         "Sign-in form (HTML)"});
  r.add({Method::Post, "/connexion", [&app](const RequestContext& req) { return post_sign_in(app, req); }, Exec::Pool,
         "Sign in from the form: session cookie, then 303 to `next` or /compte"});
  r.add({Method::Get, "/inscription", [&app](const RequestContext& req) { return get_sign_up(app, req); }, Exec::Pool,
         "Sign-up form (HTML)"});
  r.add({Method::Post, "/inscription", [&app](const RequestContext& req) { return post_sign_up(app, req); }, Exec::Pool,
         "Create an account from the form, sign in, 303 to /compte"});
  r.add({Method::Post, "/deconnexion", [&app](const RequestContext& req) { return post_sign_out(app, req); },
         Exec::Pool, "Sign out (form), 303 to /"});
  r.add({Method::Post, "/deconnexion-partout",
         [&app](const RequestContext& req) { return post_sign_out_everywhere(app, req); }, Exec::Pool,
         "End every session of the signed-in person (form), 303 to /"});
  r.add({Method::Get, "/compte", [&app](const RequestContext& req) { return get_account(app, req); }, Exec::Pool,
         "My account: identity, profile form, personal API tokens (HTML)"});
  r.add({Method::Post, "/compte/profil", [&app](const RequestContext& req) { return post_profile(app, req); },
         Exec::Pool, "Save the profile (form), 303 to /compte"});
  r.add({Method::Post, "/compte/jetons", [&app](const RequestContext& req) { return post_token(app, req); }, Exec::Pool,
         "Create a personal API token (form); the page shows it once"});
  r.add({Method::Post, "/compte/jetons/{id}/revoquer",
         [&app](const RequestContext& req) { return post_revoke_token(app, req); }, Exec::Pool,
         "Revoke a personal API token (form), 303 to /compte"});
  // A form's address typed or reloaded as a GET (or reached by the language switch of the page a POST answered)
  // leads to the page that holds the form.
  for (const char* path : {"/compte/profil", "/compte/jetons"}) {
    r.add({Method::Get, path, [](const RequestContext& req) { return see_other(with_lang("/compte", req.lang)); },
           Exec::Inline, "Redirect to /compte"});
  }
  r.add({Method::Get, "/confidentialite", [&app](const RequestContext& req) { return get_privacy(app, req); },
         Exec::Pool, "The privacy notice (RGPD), in French or English (HTML)"});
}

}  // namespace tc::web
