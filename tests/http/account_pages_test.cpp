// The account pages as a browser without JavaScript uses them: forms posted as application/x-www-form-urlencoded,
// cookies kept between requests, redirects read from Location. Against the real program with the demo accounts.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <utility>
#include <vector>

#include "page_client.h"
#include "server_process.h"
#include "shared_server.h"

namespace tc::test {
namespace {

using nlohmann::json;

class AccountPages : public SharedServer<AccountPages> {
 protected:
  // Signs up through the form with a fresh address; the browser ends up signed in.
  static std::string sign_up(Browser& b, const std::string& name = "Léa Delmas") {
    static int n = 0;
    std::string email = "lea." + std::to_string(++n) + "@exemple.fr";
    const std::string csrf = csrf_field(b.get("/inscription").body);
    const auto r = b.post("/inscription", {{"csrf", csrf},
                                           {"display_name", name},
                                           {"email", email},
                                           {"password", "trois mots du Cantal"},
                                           {"consent", "yes"}});
    EXPECT_EQ(r.status, 303) << r.body;
    return email;
  }
};

TEST_F(AccountPages, SignUpFormSetsTheFormCookieAndEchoesItInAHiddenField) {
  Browser b(*server_);
  const auto r = b.get("/inscription");
  ASSERT_EQ(r.status, 200);
  const std::string set = r.header("set-cookie");
  EXPECT_EQ(set.rfind("tc_csrf=", 0), 0u) << set;
  EXPECT_TRUE(contains(set, "HttpOnly"));
  EXPECT_TRUE(contains(set, "SameSite=Strict"));
  EXPECT_TRUE(contains(set, "Path=/"));
  EXPECT_EQ(csrf_field(r.body), b.cookie("tc_csrf"));
  EXPECT_EQ(r.header("cache-control"), "no-store");
  EXPECT_TRUE(contains(r.body, "href=\"/confidentialite\""));
  EXPECT_TRUE(contains(r.body, "name=\"consent\""));
  EXPECT_TRUE(contains(r.body, "autocomplete=\"new-password\""));
  EXPECT_TRUE(contains(r.body, "Au moins 10 caractères"));
  // A second visit keeps the cookie it already has.
  const auto again = b.get("/inscription");
  EXPECT_TRUE(again.header("set-cookie").empty());
  EXPECT_EQ(csrf_field(again.body), b.cookie("tc_csrf"));
}

TEST_F(AccountPages, SignUpJourneyLandsSignedInOnTheAccountPage) {
  Browser b(*server_);
  const std::string csrf = csrf_field(b.get("/inscription").body);
  ASSERT_FALSE(csrf.empty());
  const auto r = b.post("/inscription", {{"csrf", csrf},
                                         {"display_name", "Léa Delmas"},
                                         {"email", "Lea.Delmas@Exemple.fr"},
                                         {"password", "trois mots du Cantal"},
                                         {"consent", "yes"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/compte");
  const std::string set = r.header("set-cookie");
  EXPECT_EQ(set.rfind("tc_session=", 0), 0u) << set;
  EXPECT_TRUE(contains(set, "HttpOnly"));

  const auto account = b.get("/compte");
  ASSERT_EQ(account.status, 200);
  EXPECT_TRUE(contains(account.body, "<h1>Mon compte</h1>"));
  EXPECT_TRUE(contains(account.body, "Léa Delmas"));
  EXPECT_TRUE(contains(account.body, "lea.delmas@exemple.fr"));
  EXPECT_TRUE(contains(account.body, "Télétravailleur"));
  EXPECT_EQ(account.header("cache-control"), "no-store");
  EXPECT_TRUE(account.header("etag").empty());
  // The header offers the account and signing out, not signing in.
  EXPECT_TRUE(contains(account.body, "action=\"/deconnexion\""));
  EXPECT_FALSE(contains(account.body, "href=\"/connexion\""));

  const auto me = nlohmann::json::parse(b.get("/api/v1/me").body);
  EXPECT_EQ(me["email"], "lea.delmas@exemple.fr");
  EXPECT_EQ(me["profile"]["display_name"], "Léa Delmas");
}

TEST_F(AccountPages, TakenEmailIs409WithTheTypedValuesButNotThePassword) {
  Browser b(*server_);
  const std::string csrf = csrf_field(b.get("/inscription").body);
  const auto r = b.post("/inscription", {{"csrf", csrf},
                                         {"display_name", "Quelqu'un d'autre"},
                                         {"email", "admin@demo.telecentres.example"},
                                         {"password", "un secret bien long 42"},
                                         {"consent", "yes"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_TRUE(contains(r.body, "role=\"alert\""));
  EXPECT_TRUE(contains(r.body, "Un compte existe déjà avec cette adresse e-mail."));
  EXPECT_TRUE(contains(r.body, "href=\"#email\""));
  EXPECT_EQ(input_value(r.body, "email"), "admin@demo.telecentres.example");
  EXPECT_EQ(input_value(r.body, "display_name"), "Quelqu&apos;un d&apos;autre");
  EXPECT_TRUE(contains(r.body, "aria-describedby=\"email-hint email-error\" aria-invalid=\"true\""));
  EXPECT_FALSE(contains(r.body, "un secret bien long 42"));
  EXPECT_TRUE(contains(r.body, "<title>Erreur"));
  EXPECT_TRUE(r.header("set-cookie").empty() || !contains(r.header("set-cookie"), "tc_session"));
}

TEST_F(AccountPages, WeakPasswordsAre400) {
  Browser b(*server_);
  const std::string csrf = csrf_field(b.get("/inscription").body);
  auto attempt = [&](const std::string& password) {
    return b.post("/inscription", {{"csrf", csrf},
                                   {"display_name", "Paul"},
                                   {"email", "paul@exemple.fr"},
                                   {"password", password},
                                   {"consent", "yes"}});
  };
  const auto common = attempt("azertyuiop");
  EXPECT_EQ(common.status, 400);
  EXPECT_TRUE(contains(common.body, "fait partie des plus courants"));
  EXPECT_TRUE(contains(common.body, "href=\"#password\""));
  EXPECT_FALSE(contains(common.body, "azertyuiop"));
  const auto short_one = attempt("court");
  EXPECT_EQ(short_one.status, 400);
  EXPECT_TRUE(contains(short_one.body, "au moins 10 caractères"));
  EXPECT_EQ(input_value(short_one.body, "email"), "paul@exemple.fr");
  EXPECT_EQ(input_value(short_one.body, "password"), "");
}

TEST_F(AccountPages, MissingConsentIs400AndEveryProblemIsListedAtOnce) {
  Browser b(*server_);
  const std::string csrf = csrf_field(b.get("/inscription").body);
  const auto r = b.post(
      "/inscription",
      {{"csrf", csrf}, {"display_name", ""}, {"email", "pas-une-adresse"}, {"password", "trois mots du Cantal"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "Le formulaire contient 3 erreurs"));
  EXPECT_TRUE(contains(r.body, "href=\"#consent\""));
  EXPECT_TRUE(contains(r.body, "href=\"#display_name\""));
  EXPECT_TRUE(contains(r.body, "href=\"#email\""));
  EXPECT_TRUE(contains(r.body, "aria-describedby=\"consent-hint consent-error\" aria-invalid=\"true\""));
  EXPECT_TRUE(contains(r.body, "politique de confidentialité"));
}

TEST_F(AccountPages, AnonymousFormsWithoutTheirTokenAre403) {
  Browser b(*server_);
  const Fields sign_up = {{"display_name", "Paul"},
                          {"email", "paul.403@exemple.fr"},
                          {"password", "trois mots du Cantal"},
                          {"consent", "yes"}};
  // No cookie, no field.
  const auto bare = b.post("/inscription", sign_up);
  EXPECT_EQ(bare.status, 403);
  EXPECT_TRUE(contains(bare.body, "Formulaire expiré"));
  // A cookie, but a field that does not match it (a cross-site page can set neither).
  b.get("/inscription");
  Fields forged = sign_up;
  forged.emplace_back("csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  EXPECT_EQ(b.post("/inscription", forged).status, 403);
  // The field alone, without the cookie.
  Browser other(*server_);
  Fields field_only = sign_up;
  field_only.emplace_back("csrf", b.cookie("tc_csrf"));
  EXPECT_EQ(other.post("/inscription", field_only).status, 403);
  EXPECT_EQ(other.post("/connexion", {{"email", kTeleworker}, {"password", kTeleworkerPassword}}).status, 403);
  // Nothing was created: the address is still free.
  const std::string csrf = csrf_field(b.get("/inscription").body);
  Fields good = sign_up;
  good.emplace_back("csrf", csrf);
  EXPECT_EQ(b.post("/inscription", good).status, 303);
}

TEST_F(AccountPages, SignedInFormsWithoutTheSessionTokenAre403) {
  Browser b(*server_);
  sign_up(b);
  const std::string csrf = csrf_field(b.get("/compte").body);
  ASSERT_FALSE(csrf.empty());
  const Fields profile = {{"display_name", "Changé"}, {"category", "independent"}, {"rqth", "unsaid"}};
  EXPECT_EQ(b.post("/compte/profil", profile).status, 403);
  Fields wrong = profile;
  wrong.emplace_back("csrf", "not-the-token");
  EXPECT_EQ(b.post("/compte/profil", wrong).status, 403);
  EXPECT_EQ(b.post("/compte/jetons", {{"label", "x"}}).status, 403);
  EXPECT_EQ(b.post("/deconnexion", {}).status, 403);
  EXPECT_EQ(b.post("/deconnexion-partout", {{"csrf", "nope"}}).status, 403);
  const auto still = b.get("/compte");
  ASSERT_EQ(still.status, 200);  // still signed in, nothing changed
  EXPECT_FALSE(contains(still.body, "Changé"));
}

TEST_F(AccountPages, WrongPasswordIs401WithTheMessageAndWithoutThePassword) {
  Browser b(*server_);
  const auto r = b.sign_in(kTeleworker, "mauvais-mot-de-passe-1234");
  EXPECT_EQ(r.status, 401);
  EXPECT_TRUE(contains(r.body, "E-mail ou mot de passe incorrect."));
  EXPECT_TRUE(contains(r.body, "role=\"alert\""));
  EXPECT_EQ(input_value(r.body, "email"), kTeleworker);
  EXPECT_FALSE(contains(r.body, "mauvais-mot-de-passe-1234"));
  EXPECT_EQ(input_value(r.body, "password"), "");
  EXPECT_EQ(r.header("cache-control"), "no-store");
  // The right password then works (and clears the failure).
  const auto ok = b.sign_in(kTeleworker, kTeleworkerPassword);
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(ok.header("location"), "/compte");
}

TEST_F(AccountPages, EmptySignInFieldsAre400) {
  Browser b(*server_);
  const auto r = b.sign_in("", "");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "Saisissez votre adresse e-mail."));
  EXPECT_TRUE(contains(r.body, "Saisissez votre mot de passe."));
}

TEST_F(AccountPages, SignInGoesToALocalNextButNeverToAnotherSite) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"//evil.example", "/compte"},        {"/\\evil.example", "/compte"}, {"https://evil.example/", "/compte"},
      {"evil.example", "/compte"},          {"/ /evil", "/compte"},         {"/?q=murat", "/?q=murat"},
      {"/accessibilite", "/accessibilite"},
  };
  for (const auto& [next, expected] : cases) {
    Browser b(*server_);
    const auto r = b.sign_in(kTeleworker, kTeleworkerPassword, next);
    EXPECT_EQ(r.status, 303) << next;
    EXPECT_EQ(r.header("location"), expected) << next;
  }
  // The form carries `next` from the address it was opened with.
  Browser b(*server_);
  const auto form = b.get("/connexion?next=/compte");
  EXPECT_TRUE(contains(form.body, "name=\"next\" value=\"/compte\""));
  EXPECT_FALSE(contains(b.get("/connexion?next=//evil.example").body, "name=\"next\""));
}

TEST_F(AccountPages, AnonymousAccountPageRedirectsToSignIn) {
  const auto r = server_->get("/compte");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/connexion?next=/compte");
  const auto en = server_->get("/compte?lang=en");
  EXPECT_EQ(en.header("location"), "/connexion?next=/compte&lang=en");
  EXPECT_EQ(server_->get("/compte", {{"Cookie", "tc_session=forged"}}).status, 303);
  // Posting to the account forms anonymously changes nothing and leads to the sign-in page too.
  Browser anonymous(*server_);
  EXPECT_EQ(anonymous.post("/compte/profil", {{"display_name", "x"}}).status, 303);
}

TEST_F(AccountPages, ProfileUpdateRoundTripsThroughTheApi) {
  Browser b(*server_);
  sign_up(b);
  const std::string csrf = csrf_field(b.get("/compte").body);
  const auto r = b.post("/compte/profil", {{"csrf", csrf},
                                           {"display_name", "Léa D."},
                                           {"category", "independent"},
                                           {"home_commune", "murat"},
                                           {"workplace_commune", "15014"},
                                           {"employer", "Atelier Delmas"},
                                           {"needs", "fax"},
                                           {"needs", "videoconference"},
                                           {"rqth", "no"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location"), "/compte?fait=profil");

  const auto me = json::parse(b.get("/api/v1/me").body);
  const json& p = me["profile"];
  EXPECT_EQ(p["display_name"], "Léa D.");
  EXPECT_EQ(p["category"], "independent");
  EXPECT_EQ(p["home_commune"], "15138");
  EXPECT_EQ(p["workplace_commune"], "15014");
  EXPECT_EQ(p["employer"], "Atelier Delmas");
  EXPECT_EQ(p["needs"], (json{{"step_free", false}, {"fax", true}, {"printing", false}, {"videoconference", true}}));
  EXPECT_EQ(p["rqth"], false);

  const auto page = b.get("/compte?fait=profil");
  EXPECT_TRUE(contains(page.body, "role=\"status\""));
  EXPECT_TRUE(contains(page.body, "Votre profil est enregistré."));
  EXPECT_EQ(input_value(page.body, "home_commune"), "Murat");
  EXPECT_TRUE(contains(page.body, "value=\"independent\" checked"));
  EXPECT_TRUE(contains(page.body, "value=\"no\" checked"));

  // "Je préfère ne pas le dire" is not "non": the answer is withdrawn.
  b.post("/compte/profil",
         {{"csrf", csrf}, {"display_name", "Léa D."}, {"category", "independent"}, {"rqth", "unsaid"}});
  const auto after = json::parse(b.get("/api/v1/me").body);
  EXPECT_TRUE(after["profile"]["rqth"].is_null());
  EXPECT_TRUE(after["profile"]["home_commune"].is_null());
}

TEST_F(AccountPages, ProfileErrorsAreShownBesideTheirFieldsAndNothingIsSaved) {
  Browser b(*server_);
  sign_up(b);
  const std::string csrf = csrf_field(b.get("/compte").body);
  const auto r = b.post("/compte/profil", {{"csrf", csrf},
                                           {"display_name", ""},
                                           {"category", "astronaut"},
                                           {"home_commune", "15300"},
                                           {"workplace_commune", "Xyzzyville"},
                                           {"rqth", "unsaid"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "Le formulaire contient 4 erreurs"));
  EXPECT_TRUE(contains(r.body, "Murat (15138)"));  // the postcode's communes, to choose from
  EXPECT_TRUE(contains(r.body, "Xyzzyville"));
  EXPECT_TRUE(contains(r.body, "href=\"#category\""));
  EXPECT_TRUE(contains(r.body, "id=\"category\""));
  EXPECT_EQ(input_value(r.body, "home_commune"), "15300");
  const auto me = json::parse(b.get("/api/v1/me").body);
  EXPECT_EQ(me["profile"]["display_name"], "Léa Delmas");
}

TEST_F(AccountPages, ApiTokenIsShownOnceWorksAsBearerAndDiesWhenRevoked) {
  Browser b(*server_);
  sign_up(b);
  const std::string csrf = csrf_field(b.get("/compte").body);
  const auto created = b.post("/compte/jetons", {{"csrf", csrf}, {"label", "Tableur de suivi"}});
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.header("cache-control"), "no-store");
  const std::string token = input_value(created.body, "new-token");
  ASSERT_EQ(token.size(), 43u) << created.body;

  const auto me = server_->get("/api/v1/me", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(json::parse(me.body)["profile"]["display_name"], "Léa Delmas");

  const auto page = b.get("/compte");
  EXPECT_TRUE(contains(page.body, "Tableur de suivi"));
  EXPECT_FALSE(contains(page.body, token));  // shown once only
  const std::string marker = "action=\"/compte/jetons/";
  const auto at = page.body.find(marker);
  ASSERT_NE(at, std::string::npos);
  const std::string action = page.body.substr(at + 8, page.body.find('"', at + 8) - at - 8);
  EXPECT_EQ(action.substr(action.size() - 9), "/revoquer");

  const auto revoked = b.post(action, {{"csrf", csrf}});
  EXPECT_EQ(revoked.status, 303);
  EXPECT_EQ(revoked.header("location"), "/compte?fait=jeton-revoque");
  EXPECT_EQ(server_->get("/api/v1/me", {{"Authorization", "Bearer " + token}}).status, 401);
  EXPECT_TRUE(contains(b.get("/compte").body, "Révoqué"));
  EXPECT_EQ(b.post(action, {{"csrf", csrf}}).status, 404);  // already revoked
  EXPECT_EQ(b.post("/compte/jetons/abc/revoquer", {{"csrf", csrf}}).status, 404);
}

TEST_F(AccountPages, TokenNeedsALabel) {
  Browser b(*server_);
  sign_up(b);
  const std::string csrf = csrf_field(b.get("/compte").body);
  const auto r = b.post("/compte/jetons", {{"csrf", csrf}, {"label", "  "}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "href=\"#label\""));
  EXPECT_FALSE(contains(r.body, "id=\"new-token\""));
}

TEST_F(AccountPages, HtmlInTheDisplayNameIsShownAsText) {
  Browser b(*server_);
  sign_up(b, "<script>alert(1)</script>");
  const auto page = b.get("/compte");
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(contains(page.body, "<script>alert(1)"));
  EXPECT_TRUE(contains(page.body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_F(AccountPages, SignOutEndsTheSessionAndClearsTheCookie) {
  Browser b(*server_);
  sign_up(b);
  const std::string session = b.cookie("tc_session");
  const std::string csrf = csrf_field(b.get("/compte").body);
  const auto r = b.post("/deconnexion", {{"csrf", csrf}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location"), "/");
  EXPECT_TRUE(contains(r.header("set-cookie"), "Max-Age=0"));
  EXPECT_EQ(server_->get("/compte", {{"Cookie", "tc_session=" + session}}).status, 303);
  // Signed out, the header offers signing in again.
  EXPECT_TRUE(contains(b.get("/").body, "href=\"/connexion\""));
}

TEST_F(AccountPages, SignOutEverywhereEndsEverySession) {
  Browser first(*server_);
  Browser second(*server_);
  ASSERT_EQ(first.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  ASSERT_EQ(second.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  const std::string other_session = second.cookie("tc_session");
  const std::string csrf = csrf_field(first.get("/compte").body);
  const auto r = first.post("/deconnexion-partout", {{"csrf", csrf}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(first.get("/compte").status, 303);
  EXPECT_EQ(server_->get("/compte", {{"Cookie", "tc_session=" + other_session}}).status, 303);
}

TEST_F(AccountPages, PublicPagesShowWhoIsSignedInAndAreThenNotStored) {
  Browser b(*server_);
  const auto anonymous = b.get("/");
  EXPECT_TRUE(contains(anonymous.body, "href=\"/connexion\""));
  EXPECT_TRUE(contains(anonymous.body, "href=\"/inscription\""));
  EXPECT_FALSE(anonymous.header("etag").empty());
  sign_up(b);
  const auto signed_in = b.get("/");
  EXPECT_TRUE(contains(signed_in.body, "href=\"/compte\""));
  EXPECT_TRUE(contains(signed_in.body, "action=\"/deconnexion\""));
  EXPECT_EQ(signed_in.header("cache-control"), "no-store");
  EXPECT_TRUE(signed_in.header("etag").empty());
  // Signed in, the forms send you to your account.
  EXPECT_EQ(b.get("/connexion").status, 303);
  EXPECT_EQ(b.get("/inscription").header("location"), "/compte");
}

TEST_F(AccountPages, EnglishPagesAndMessages) {
  Browser b(*server_);
  const auto form = b.get("/connexion?lang=en");
  EXPECT_TRUE(contains(form.body, "<html lang=\"en\""));
  EXPECT_TRUE(contains(form.body, "<h1>Sign in</h1>"));
  EXPECT_TRUE(contains(form.body, "action=\"/connexion?lang=en\""));
  const auto failed =
      b.post("/connexion?lang=en",
             {{"csrf", csrf_field(form.body)}, {"email", kTeleworker}, {"password", "wrong-wrong-wrong"}});
  EXPECT_EQ(failed.status, 401);
  EXPECT_TRUE(contains(failed.body, "Wrong e-mail or password."));
  const auto ok = b.post("/connexion?lang=en", {{"csrf", csrf_field(form.body)},
                                                {"email", kTeleworker},
                                                {"password", kTeleworkerPassword},
                                                {"next", "/accessibilite"}});
  EXPECT_EQ(ok.header("location"), "/accessibilite?lang=en");
  const auto account = b.get("/compte?lang=en");
  EXPECT_TRUE(contains(account.body, "<h1>My account</h1>"));
  EXPECT_TRUE(contains(account.body, "I prefer not to say"));
}

TEST_F(AccountPages, PrivacyNoticeStatesItsVersionRetentionAndContact) {
  for (const char* target : {"/confidentialite", "/confidentialite?lang=en"}) {
    const auto r = server_->get(target);
    ASSERT_EQ(r.status, 200) << target;
    EXPECT_TRUE(contains(r.body, "2026-11")) << target;
    EXPECT_TRUE(contains(r.body, "dpo@cantal-telecentres.example")) << target;
    EXPECT_TRUE(contains(r.body, "12 mois") || contains(r.body, "12 months")) << target;
    EXPECT_TRUE(contains(r.body, "RQTH")) << target;
    EXPECT_TRUE(contains(r.body, "JSON")) << target;
  }
  EXPECT_TRUE(contains(server_->get("/confidentialite").body, "<h1>Politique de confidentialité</h1>"));
  EXPECT_TRUE(contains(server_->get("/confidentialite?lang=en").body, "<h1>Privacy notice</h1>"));
}

TEST_F(AccountPages, FormAddressesReachedByGetLeadToTheAccountPage) {
  EXPECT_EQ(server_->get("/compte/profil").header("location"), "/compte");
  EXPECT_EQ(server_->get("/compte/jetons?lang=en").header("location"), "/compte?lang=en");
}

TEST(AccountPagesThrottle, RepeatedFailuresAre429WithRetryAfter) {
  ServerProcess server;
  Browser b(server);
  const std::string csrf = csrf_field(b.get("/connexion").body);
  HttpResponse last;
  for (int i = 0; i < 8 && last.status != 429; ++i)
    last = b.post("/connexion", {{"csrf", csrf}, {"email", kTeleworker}, {"password", "faux-" + std::to_string(i)}});
  EXPECT_EQ(last.status, 429);
  EXPECT_FALSE(last.header("retry-after").empty());
  EXPECT_TRUE(contains(last.body, "Trop de tentatives"));
  EXPECT_EQ(input_value(last.body, "email"), kTeleworker);
}

}  // namespace
}  // namespace tc::test
