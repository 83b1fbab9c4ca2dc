// The recovery, data-rights and audit pages as a browser without JavaScript uses them: forms posted as
// application/x-www-form-urlencoded, cookies kept between requests, redirects read from Location. Against the real
// program with the demo accounts, and a real SMTP server for the reset mail.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <regex>
#include <utility>
#include <vector>

#include "../service/smtp_sink.h"
#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

const std::string kPublicUrl = "https://telecentres.example";

// The value of the hidden field of that name.
std::string hidden_field(const std::string& html, const std::string& name) {
  const std::string marker = "name=\"" + name + "\" value=\"";
  const auto at = html.find(marker);
  if (at == std::string::npos) return {};
  const auto start = at + marker.size();
  return html.substr(start, html.find('"', start) - start);
}

// Asks for a reset link through the form; returns the answer to the POST.
HttpResponse ask_for_link(Browser& b, const std::string& email) {
  const std::string csrf = hidden_field(b.get("/mot-de-passe-oublie").body, "csrf");
  return b.post("/mot-de-passe-oublie", {{"csrf", csrf}, {"email", email}});
}

// The path and query of the reset link in a mail (quoted-printable undone), or empty.
std::string reset_link(const ReceivedMail& mail) {
  std::string body = std::regex_replace(mail.data, std::regex("=\r\n"), "");
  body = std::regex_replace(body, std::regex("=3D"), "=");
  std::smatch m;
  if (!std::regex_search(body, m,
                         std::regex("https://telecentres\\.example(/mot-de-passe/nouveau\\?jeton=[A-Za-z0-9_-]+)")))
    return {};
  return m[1];
}

// ---- forgotten password ----

TEST(RecoveryPages, TheMailedLinkLeadsToANewPasswordThatSignsIn) {
  SmtpSink sink;
  ServerProcess server({"--smtp-url", sink.url(), "--public-url", kPublicUrl});
  Browser b(server);

  const auto sent = ask_for_link(b, kTeleworker);
  ASSERT_EQ(sent.status, 303) << sent.body;
  EXPECT_EQ(sent.header("location"), "/mot-de-passe-oublie?fait=envoye");
  const auto confirmation = b.get(sent.header("location"));
  EXPECT_EQ(confirmation.status, 200);
  EXPECT_TRUE(contains(confirmation.body,
                       "Si un compte utilise cette adresse, un lien vous a été envoyé. Il est "
                       "valable une heure."));

  const auto mails = sink.wait_for(1, std::chrono::seconds(15));
  ASSERT_EQ(mails.size(), 1u);
  const std::string link = reset_link(mails[0]);
  ASSERT_FALSE(link.empty()) << mails[0].data;
  const std::string token = link.substr(link.find('=') + 1);

  // The form holds the token in a hidden field, is never stored, and sends no Referer.
  const auto form = b.get(link);
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(hidden_field(form.body, "jeton"), token);
  EXPECT_EQ(form.header("referrer-policy"), "no-referrer");
  EXPECT_EQ(form.header("cache-control"), "no-store");
  EXPECT_TRUE(contains(form.body, "autocomplete=\"new-password\""));

  // A password against the policy: the form again, with the message, still holding the token.
  const std::string csrf = hidden_field(form.body, "csrf");
  const auto weak = b.post("/mot-de-passe/nouveau", {{"csrf", csrf}, {"jeton", token}, {"password", "azerty"}});
  EXPECT_EQ(weak.status, 400);
  EXPECT_TRUE(contains(weak.body, "id=\"password-error\""));
  EXPECT_TRUE(contains(weak.body, "aria-invalid=\"true\""));
  EXPECT_EQ(hidden_field(weak.body, "jeton"), token);
  EXPECT_EQ(weak.header("referrer-policy"), "no-referrer");
  EXPECT_EQ(weak.header("cache-control"), "no-store");
  EXPECT_TRUE(contains(weak.body, "<title>Erreur"));

  const auto set =
      b.post("/mot-de-passe/nouveau", {{"csrf", csrf}, {"jeton", token}, {"password", "un nouveau secret du Cantal"}});
  ASSERT_EQ(set.status, 303) << set.body;
  EXPECT_EQ(set.header("location"), "/mot-de-passe/modifie");
  const auto done = b.get(set.header("location"));
  EXPECT_EQ(done.status, 200);
  EXPECT_TRUE(contains(done.body, "Votre mot de passe est modifié."));
  EXPECT_TRUE(contains(done.body, "href=\"/connexion\""));

  // The new password signs in; the old one no longer does; the link served once.
  EXPECT_EQ(b.sign_in(kTeleworker, kTeleworkerPassword).status, 401);
  const auto signed_in = b.sign_in(kTeleworker, "un nouveau secret du Cantal");
  EXPECT_EQ(signed_in.status, 303);
  EXPECT_EQ(signed_in.header("location"), "/compte");
  const auto again = b.post("/mot-de-passe/nouveau",
                            {{"csrf", csrf}, {"jeton", token}, {"password", "encore un autre secret solide"}});
  EXPECT_EQ(again.status, 400);
}

TEST(RecoveryPages, AnUnknownAddressGetsTheSameAnswerAndNoMail) {
  SmtpSink sink;
  ServerProcess server({"--smtp-url", sink.url(), "--public-url", kPublicUrl});
  Browser b(server);
  const auto unknown = ask_for_link(b, "personne.inconnue@exemple.fr");
  const auto known = ask_for_link(b, kTeleworker);
  ASSERT_EQ(unknown.status, 303);
  EXPECT_EQ(unknown.status, known.status);
  EXPECT_EQ(unknown.header("location"), known.header("location"));
  EXPECT_EQ(unknown.body, known.body);
  // Only the known address gets a mail.
  const auto mails = sink.wait_for(2, std::chrono::seconds(3));
  ASSERT_EQ(mails.size(), 1u);
  ASSERT_EQ(mails[0].rcpt_to.size(), 1u);
  EXPECT_EQ(mails[0].rcpt_to[0], kTeleworker);
}

TEST(RecoveryPages, AnAddressThatIsNotOneIsRefusedWithItsMessage) {
  ServerProcess server;
  Browser b(server);
  const auto r = ask_for_link(b, "pas-une-adresse");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "href=\"#email\""));
  EXPECT_TRUE(contains(r.body, "value=\"pas-une-adresse\""));
  const auto empty = ask_for_link(b, "");
  EXPECT_EQ(empty.status, 400);
  EXPECT_TRUE(contains(empty.body, "Saisissez votre adresse e-mail."));
}

TEST(RecoveryPages, AnUnknownTokenIs400AndOffersANewLink) {
  ServerProcess server;
  Browser b(server);
  const std::string bogus = std::string(43, 'A');
  const auto form = b.get("/mot-de-passe/nouveau?jeton=" + bogus);
  ASSERT_EQ(form.status, 200);
  const auto r = b.post(
      "/mot-de-passe/nouveau",
      {{"csrf", hidden_field(form.body, "csrf")}, {"jeton", bogus}, {"password", "un nouveau secret du Cantal"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "Ce lien de réinitialisation est invalide ou a expiré."));
  EXPECT_TRUE(contains(r.body, "href=\"/mot-de-passe-oublie\""));
  // The language switch keeps the token, so that it shows the form again in English.
  EXPECT_TRUE(contains(r.body, "jeton=" + bogus + "&amp;lang=en"));

  // A link cut short (no token at all) says so.
  const auto cut = b.get("/mot-de-passe/nouveau");
  EXPECT_EQ(cut.status, 400);
  EXPECT_TRUE(contains(cut.body, "Lien incomplet"));
  const auto cut_en = b.get("/mot-de-passe/nouveau?lang=en");
  EXPECT_TRUE(contains(cut_en.body, "Incomplete link"));

  // A post with neither a form token nor a reset token is refused as an expired form, not as a cut link.
  const auto forged = b.post("/mot-de-passe/nouveau", {{"password", "un nouveau secret du Cantal"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(contains(forged.body, "Formulaire expiré"));
  EXPECT_FALSE(contains(forged.body, "Lien incomplet"));
}

TEST(RecoveryPages, TheSignInPageLinksToTheForgottenPasswordForm) {
  ServerProcess server;
  EXPECT_TRUE(contains(server.get("/connexion").body, "href=\"/mot-de-passe-oublie\""));
  EXPECT_TRUE(contains(server.get("/connexion?lang=en").body, "href=\"/mot-de-passe-oublie?lang=en\""));
  const auto en = server.get("/mot-de-passe-oublie?lang=en");
  EXPECT_EQ(en.status, 200);
  EXPECT_TRUE(contains(en.body, "<html lang=\"en\">"));
  EXPECT_TRUE(contains(en.body, "Forgotten password"));
}

TEST(RecoveryPages, FormsWithoutTheirAntiCsrfTokenAre403) {
  ServerProcess server;
  Browser b(server);
  b.get("/mot-de-passe-oublie");  // the tc_csrf cookie is set, but the form's field is missing
  EXPECT_EQ(b.post("/mot-de-passe-oublie", {{"email", kTeleworker}}).status, 403);
  EXPECT_EQ(
      b.post("/mot-de-passe/nouveau", {{"jeton", std::string(43, 'A')}, {"password", "un secret du Cantal"}}).status,
      403);

  ASSERT_EQ(b.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  EXPECT_EQ(b.post("/compte/donnees/effacement", {{"password", kTeleworkerPassword}, {"confirm", "yes"}}).status, 403);
  EXPECT_EQ(b.post("/compte/donnees/effacement",
                   {{"csrf", "pas-le-bon"}, {"password", kTeleworkerPassword}, {"confirm", "yes"}})
                .status,
            403);
  EXPECT_EQ(b.get("/compte/donnees").status, 200);  // nothing was erased
}

// ---- my personal data ----

TEST(RecoveryDataRights, ThePageSaysWhatIsHeldAndLinksTheDownload) {
  ServerProcess server;
  Browser b(server);
  const auto anonymous = b.get("/compte/donnees");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.header("location"), "/connexion?next=/compte/donnees");

  ASSERT_EQ(b.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  const auto page = b.get("/compte/donnees");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("cache-control"), "no-store");
  EXPECT_TRUE(contains(page.body, "Mes données personnelles"));
  EXPECT_TRUE(contains(page.body, kTeleworker));
  EXPECT_TRUE(contains(page.body, "Camille Teyssèdre"));
  EXPECT_TRUE(contains(page.body, "href=\"/api/v1/me/export\""));
  EXPECT_TRUE(contains(page.body, "action=\"/compte/donnees/effacement\""));
  EXPECT_TRUE(contains(page.body, "Je comprends que c&apos;est définitif"));
  // The download works with the session cookie alone, as a plain link does.
  const auto file = b.get("/api/v1/me/export");
  EXPECT_EQ(file.status, 200);
  EXPECT_TRUE(contains(file.header("content-disposition"), "attachment"));

  const auto en = b.get("/compte/donnees?lang=en");
  EXPECT_TRUE(contains(en.body, "My personal data"));
  EXPECT_TRUE(contains(en.body, "action=\"/compte/donnees/effacement?lang=en\""));

  // The account page and the privacy notice lead here.
  EXPECT_TRUE(contains(b.get("/compte").body, "href=\"/compte/donnees\""));
  EXPECT_TRUE(contains(b.get("/confidentialite").body, "href=\"/compte/donnees\""));
}

TEST(RecoveryDataRights, ErasureNeedsThePasswordAndTheBoxThenSignsOutForGood) {
  ServerProcess server;
  Browser b(server);
  ASSERT_EQ(b.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  const std::string csrf = hidden_field(b.get("/compte/donnees").body, "csrf");
  ASSERT_FALSE(csrf.empty());

  // Neither password nor box: both said, nothing erased.
  const auto nothing = b.post("/compte/donnees/effacement", {{"csrf", csrf}});
  EXPECT_EQ(nothing.status, 400);
  EXPECT_TRUE(contains(nothing.body, "href=\"#password\""));
  EXPECT_TRUE(contains(nothing.body, "href=\"#confirm\""));

  // The wrong password keeps the account, and the person signed in.
  const auto wrong =
      b.post("/compte/donnees/effacement", {{"csrf", csrf}, {"password", "pas le bon"}, {"confirm", "yes"}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_TRUE(contains(wrong.body, "Mot de passe incorrect")) << wrong.body;
  EXPECT_TRUE(contains(wrong.body, "id=\"password-error\""));
  EXPECT_TRUE(contains(wrong.body, "value=\"yes\" checked"));  // the box stays ticked; the password is not sent back
  EXPECT_FALSE(contains(wrong.body, "value=\"pas le bon\""));
  EXPECT_EQ(b.get("/compte/donnees").status, 200);

  // The right one erases, signs out, and says so.
  const auto erased =
      b.post("/compte/donnees/effacement", {{"csrf", csrf}, {"password", kTeleworkerPassword}, {"confirm", "yes"}});
  ASSERT_EQ(erased.status, 200) << erased.body;
  EXPECT_TRUE(contains(erased.header("set-cookie"), "tc_session=;"));
  EXPECT_TRUE(contains(erased.header("set-cookie"), "Max-Age=0"));
  EXPECT_TRUE(contains(erased.body, "Compte effacé"));
  EXPECT_TRUE(b.cookie("tc_session").empty());
  EXPECT_EQ(b.get("/compte/donnees").status, 303);
  EXPECT_EQ(b.sign_in(kTeleworker, kTeleworkerPassword).status, 401);

  // The admins' journal lists the erasure, without the erased address.
  Browser admin(server);
  ASSERT_EQ(admin.sign_in(kAdmin, kAdminPassword).status, 303);
  const auto journal = admin.get("/admin/journal");
  ASSERT_EQ(journal.status, 200);
  EXPECT_TRUE(contains(journal.body, "<code>person.erase</code>"));
  EXPECT_TRUE(contains(journal.body, "à la demande de la personne (en ligne)"));
  EXPECT_FALSE(contains(journal.body, kTeleworker));
}

// ---- the audit log ----

TEST(RecoveryAudit, OnlyAdminsReadTheJournal) {
  ServerProcess server;
  const auto anonymous = server.get("/admin/journal");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.header("location"), "/connexion?next=/admin/journal");

  Browser teleworker(server);
  ASSERT_EQ(teleworker.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  const auto refused = teleworker.get("/admin/journal");
  EXPECT_EQ(refused.status, 403);
  EXPECT_FALSE(contains(refused.body, "<table"));
  EXPECT_EQ(teleworker.get("/admin/journal?page=abc").status, 403);  // the role is checked first

  Browser host(server);
  ASSERT_EQ(host.sign_in("accueil.murat@demo.telecentres.example", "demo-accueil-murat").status, 303);
  EXPECT_EQ(host.get("/admin/journal").status, 403);

  // Signing in from the redirect comes back to the journal.
  Browser admin(server);
  const std::string csrf = hidden_field(admin.get(anonymous.header("location")).body, "csrf");
  const auto in = admin.post(
      "/connexion", {{"csrf", csrf}, {"next", "/admin/journal"}, {"email", kAdmin}, {"password", kAdminPassword}});
  EXPECT_EQ(in.header("location"), "/admin/journal");
  const auto page = admin.get("/admin/journal");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.header("cache-control"), "no-store");
  EXPECT_EQ(admin.get("/admin/journal?page=abc").status, 400);
  EXPECT_EQ(admin.get("/admin/journal?page=0").status, 400);
}

TEST(RecoveryAudit, TheJournalIsATablePagedBy50) {
  ServerProcess server({"--retention-months", "0"});  // no retention purge: it would add its own entry
  // 51 accounts created from the command line: 51 entries, one more than a page.
  setenv("TELECENTRES_PASSWORD", "un mot de passe du Cantal", 1);
  for (int i = 0; i < 51; ++i) {
    const auto r = run_program({"user", "add", "--email", "journal." + std::to_string(i) + "@exemple.fr", "--role",
                                "teleworker", "--db", server.db_path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  unsetenv("TELECENTRES_PASSWORD");

  Browser admin(server);
  ASSERT_EQ(admin.sign_in(kAdmin, kAdminPassword).status, 303);
  const auto first = admin.get("/admin/journal");
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(contains(first.body, "<caption>Entrées 1 à 50 du journal"));
  for (const char* column : {">Date (UTC)</th>", ">Qui</th>", ">Action</th>", ">Sujet</th>", ">Détail</th>"})
    EXPECT_TRUE(contains(first.body, std::string("<th scope=\"col\"") + column)) << column;
  EXPECT_TRUE(contains(first.body, "<td>Système</td>"));
  EXPECT_TRUE(contains(first.body, "<code>person.create</code>"));
  EXPECT_TRUE(contains(first.body, "href=\"/admin/journal?page=2\" rel=\"next\""));
  EXPECT_FALSE(contains(first.body, "rel=\"prev\""));
  // Newest first: the last account created is on the first page, the first one on the second.
  EXPECT_TRUE(contains(first.body, "rôle teleworker (ligne de commande)"));

  const auto second = admin.get("/admin/journal?page=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_TRUE(contains(second.body, "<caption>Entrées 51 à 51 du journal"));
  EXPECT_TRUE(contains(second.body, "href=\"/admin/journal\" rel=\"prev\""));
  EXPECT_FALSE(contains(second.body, "rel=\"next\""));
  EXPECT_TRUE(contains(second.body, "<title>Journal d&apos;audit, page 2"));

  const auto english = admin.get("/admin/journal?page=2&lang=en");
  EXPECT_TRUE(contains(english.body, "href=\"/admin/journal?lang=en\" rel=\"prev\""));
  EXPECT_TRUE(contains(english.body, "<td lang=\"fr\">"));  // the log's details are in French

  EXPECT_EQ(admin.get("/admin/journal?page=3").status, 404);  // past the end
}

}  // namespace
}  // namespace tc::test
