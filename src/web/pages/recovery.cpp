// Getting back into an account: "Mot de passe oublié ?" (/mot-de-passe-oublie) mails a link valid one hour; the
// link leads to /mot-de-passe/nouveau?jeton=…, where a new password is chosen; /mot-de-passe/modifie confirms it.
// The JSON equivalents are in api/privacy.cpp.
//
// Both forms are anonymous, so they carry the tc_csrf double-submit token. Asking for a link gets the same answer
// whether or not an account uses the address. The reset token rides in a hidden field and is never logged here;
// the page that holds it is never stored (Cache-Control: no-store) and sends no Referer, so that following a link
// from it cannot hand the token to another site.
#include <string>

#include "domain/password_policy.h"
#include "domain/person.h"
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

// These pages are for people who cannot sign in, but someone signed in may reach them: the header says so.
Response render_form_page(App& app, const RequestContext& req, std::string_view template_name, const json& data,
                          std::string_view title, unsigned status = 200) {
  const auto caller = identify(app, req);
  return render_private_page(app, req, caller ? &*caller : nullptr, template_name, data, title, status);
}

// ---- asking for a link ----

constexpr FieldSpec kForgotEmail{.id = "email",
                                 .label_key = "account.email",
                                 .hint_key = "forgot.email_hint",
                                 .type = "email",
                                 .autocomplete = "email",
                                 .required = true};

struct ForgotPage {
  std::string email;
  FormErrors errors;
  bool expired = false;
};

Response show_forgot(App& app, const RequestContext& req, const ForgotPage& p, unsigned status) {
  const Lang lang = req.lang;
  const FormToken token = form_token(req, secure_cookies(app, req));
  const json data = {
      {"sent", false},
      {"error_summary", p.errors.summary()},
      {"expired", p.expired ? json(std::string(tr(lang, "form.expired"))) : json(false)},
      {"form", {{"csrf", token.value}, {"email", field_json(lang, kForgotEmail, p.email, p.errors)}}},
  };
  Response r = render_form_page(app, req, "password_forgot", data,
                                form_title_for_key(lang, "forgot.title", !p.errors.empty() || p.expired), status);
  if (!token.set_cookie.empty()) r.header("Set-Cookie", token.set_cookie);
  return r;
}

Response get_forgot(App& app, const RequestContext& req) {
  if (req.param("fait").value_or("") == "envoye") {
    const json data = {{"sent", true}, {"form", false}, {"error_summary", false}, {"expired", false}};
    return render_form_page(app, req, "password_forgot", data, tr(req.lang, "forgot.sent_title"));
  }
  return show_forgot(app, req, {"", FormErrors(req.lang), false}, 200);
}

Response post_forgot(App& app, const RequestContext& req) {
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  ForgotPage page{form.text("email"), FormErrors(req.lang), false};
  if (!form_token_ok(req, form)) {
    page.expired = true;
    return show_forgot(app, req, page, 403);
  }
  // Only what the text itself tells: whether an account uses the address is never said.
  const std::string email = domain::normalise_email(page.email);
  if (email.empty()) {
    page.errors.add("email", "Saisissez votre adresse e-mail.", "Enter your e-mail address.");
  } else if (const auto bad = domain::validate_email(email)) {
    page.errors.add("email", *bad, "The e-mail address is not valid (for example: name@example.fr).");
  }
  if (!page.errors.empty()) return show_forgot(app, req, page, 400);

  app.accounts.request_password_reset(email, app.public_url);
  return see_other(with_lang("/mot-de-passe-oublie?fait=envoye", req.lang));
}

// ---- choosing a new password ----

constexpr FieldSpec kNewPassword{.id = "password",
                                 .label_key = "reset.password",
                                 .hint_key = "signup.password_hint",
                                 .type = "password",
                                 .autocomplete = "new-password",
                                 .required = true};

struct NewPasswordPage {
  std::string token;  // from the mail's link; empty: the link was cut short
  FormErrors errors;
  bool expired = false;
  bool token_refused = false;  // unknown, used or expired: only a new link helps
};

// The token must not leave through a Referer (render_private_page already keeps the page out of caches).
Response keep_token_private(Response r) {
  r.header("Referrer-Policy", "no-referrer");
  return r;
}

Response show_new_password(App& app, const RequestContext& req, const NewPasswordPage& p, unsigned status) {
  const Lang lang = req.lang;
  if (p.token.empty()) {
    const json data = {{"incomplete", true}, {"form", false}, {"done", false}};
    return keep_token_private(
        render_form_page(app, req, "password_new", data, tr(lang, "reset.incomplete_title"), status));
  }
  const FormToken csrf = form_token(req, secure_cookies(app, req));
  json data = {
      {"incomplete", false},
      {"done", false},
      {"error_summary", p.errors.summary()},
      {"expired", p.expired ? json(std::string(tr(lang, "form.expired"))) : json(false)},
      {"form",
       {{"csrf", csrf.value},
        {"token", p.token},
        {"token_refused", p.token_refused},
        {"password", field_json(lang, kNewPassword, "", p.errors)}}},
  };
  // The rule's number comes from the policy itself, so the hint cannot drift from what is enforced.
  data["form"]["password"]["hint"] =
      format_message(lang, "signup.password_hint", {{"min", std::to_string(domain::kPasswordMinCodePoints)}});
  // A refused submission is answered at the form's address, without the token in it: the language switch of that
  // page carries it, so that switching language shows the form again rather than a link cut short.
  RequestContext page_req = req;
  if (!page_req.has_param("jeton")) page_req.query.emplace("jeton", p.token);
  Response r = render_form_page(app, page_req, "password_new", data,
                                form_title_for_key(lang, "reset.title", !p.errors.empty() || p.expired), status);
  if (!csrf.set_cookie.empty()) r.header("Set-Cookie", csrf.set_cookie);
  return keep_token_private(std::move(r));
}

Response get_new_password(App& app, const RequestContext& req) {
  NewPasswordPage page{req.param("jeton").value_or(""), FormErrors(req.lang), false, false};
  return show_new_password(app, req, page, page.token.empty() ? 400 : 200);
}

Response post_new_password(App& app, const RequestContext& req) {
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  NewPasswordPage page{form.text("jeton"), FormErrors(req.lang), false, false};
  if (!form_token_ok(req, form)) {
    // Without a reset token there is no form to show again: the refusal must still say why it is refused.
    if (page.token.empty())
      return error_page(app, req, 403, "Formulaire expiré : rechargez la page et recommencez.",
                        "This form has expired: reload the page and try again.");
    page.expired = true;
    return show_new_password(app, req, page, 403);
  }
  if (page.token.empty()) return show_new_password(app, req, page, 400);
  const std::string password = form.raw("password");
  if (password.empty()) {
    page.errors.add("password", "Choisissez un nouveau mot de passe.", "Choose a new password.");
    return show_new_password(app, req, page, 400);
  }
  try {
    app.accounts.reset_password(page.token, password);
  } catch (const ServiceError& e) {
    if (e.kind != Kind::Invalid) throw;
    if (e.field == "password") {
      page.errors.add("password", e.message_fr, e.message_en);
    } else {
      // The token is a hidden field: the summary leads to the password, and the page offers a new link.
      page.errors.add_general("password", e.message_fr, e.message_en);
      page.token_refused = true;
    }
    return show_new_password(app, req, page, 400);
  }
  return see_other(with_lang("/mot-de-passe/modifie", req.lang));
}

Response get_password_changed(App& app, const RequestContext& req) {
  const json data = {{"done", true}, {"incomplete", false}, {"form", false}};
  return render_page(app, req, "password_new", data, tr(req.lang, "reset.done_title"));
}

}  // namespace

void add_recovery_page_routes(Router& r, App& app) {
  r.add({Method::Get, "/mot-de-passe-oublie", [&app](const RequestContext& req) { return get_forgot(app, req); },
         Exec::Pool, "Forgotten password: the form asking for a reset link, or its confirmation (HTML)"});
  r.add({Method::Post, "/mot-de-passe-oublie", [&app](const RequestContext& req) { return post_forgot(app, req); },
         Exec::Pool, "Mail a reset link if an account uses the address (form), 303 to the same answer either way"});
  r.add({Method::Get, "/mot-de-passe/nouveau", [&app](const RequestContext& req) { return get_new_password(app, req); },
         Exec::Pool, "New password form reached from the mailed link (?jeton=…) (HTML)"});
  r.add({Method::Post, "/mot-de-passe/nouveau",
         [&app](const RequestContext& req) { return post_new_password(app, req); }, Exec::Pool,
         "Set the new password from the reset token (form), 303 to /mot-de-passe/modifie"});
  r.add({Method::Get, "/mot-de-passe/modifie",
         [&app](const RequestContext& req) { return get_password_changed(app, req); }, Exec::Pool,
         "Confirmation that the password was changed, with a link to sign in (HTML)"});
}

}  // namespace tc::web
