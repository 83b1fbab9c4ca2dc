// The application pages as a browser without JavaScript uses them: a person applies through the form, finds the
// application in "Mes candidatures", the centre's host finds it in the review list and decides, the applicant
// sees the decision; another centre's host cannot even tell it exists; forms without their anti-CSRF token are
// refused; what people type is shown as text, never as markup. Against the real program with the demo network.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

// The text of the textarea of that id.
std::string textarea_text(const std::string& html, const std::string& id) {
  const auto at = html.find("<textarea id=\"" + id + "\"");
  if (at == std::string::npos) return {};
  auto start = html.find('>', at) + 1;
  if (html[start] == '\n') ++start;  // as HTML parsers do
  return html.substr(start, html.find("</textarea>", start) - start);
}

// The application's id in a Location such as "/candidatures/42?fait=depot".
long application_id(const std::string& location) {
  const std::string prefix = "/candidatures/";
  if (location.rfind(prefix, 0) != 0) return 0;
  return std::stol(location.substr(prefix.size()));
}

class ApplicationPages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    murat_ = centre_in("15138");
    saint_flour_ = centre_in("15187");
    montmurat_ = centre_in("15133");
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static long centre_in(const std::string& insee) {
    const json j = json::parse(server_->get("/api/v1/centres?near=" + insee + "&within_km=3").body);
    return j["centres"][0]["id"];
  }

  // A new teleworker, signed up through the form (each test its own, so tests do not depend on one another).
  static void sign_up(Browser& b, const std::string& name) {
    static int n = 0;
    const std::string email = "candidat.pages." + std::to_string(++n) + "@exemple.fr";
    const std::string csrf = csrf_field(b.get("/inscription").body);
    const auto r = b.post("/inscription", {{"csrf", csrf},
                                           {"display_name", name},
                                           {"email", email},
                                           {"password", "trois mots du Cantal"},
                                           {"consent", "yes"}});
    ASSERT_EQ(r.status, 303) << r.body;
  }

  static void sign_in(Browser& b, const std::string& email, const std::string& password) {
    const auto r = b.sign_in(email, password);
    ASSERT_EQ(r.status, 303) << r.body;
  }

  // Applies through the form, as the page offers it; returns the answer to the POST.
  static HttpResponse apply(Browser& b, long centre, const std::string& motivation, const std::string& days = "2",
                            const std::string& start = "2030-01-07", const std::string& heard_from = "Presse locale") {
    const auto form = b.get("/candidatures/nouvelle?centre=" + std::to_string(centre));
    EXPECT_EQ(form.status, 200) << form.body;
    return b.post("/candidatures", {{"csrf", csrf_field(form.body)},
                                    {"centre_id", std::to_string(centre)},
                                    {"days_per_week", days},
                                    {"start_date", start},
                                    {"motivation", motivation},
                                    {"heard_from", heard_from}});
  }

  // Posts a decision from the application's page, with the page's token.
  static HttpResponse decide(Browser& b, long id, const std::string& decision, const std::string& message) {
    const auto page = b.get("/candidatures/" + std::to_string(id));
    EXPECT_EQ(page.status, 200) << page.body;
    return b.post("/candidatures/" + std::to_string(id) + "/decision",
                  {{"csrf", csrf_field(page.body)}, {"decision", decision}, {"message", message}});
  }

  static ServerProcess* server_;
  static long murat_, saint_flour_, montmurat_;
};
ServerProcess* ApplicationPages::server_ = nullptr;
long ApplicationPages::murat_ = 0;
long ApplicationPages::saint_flour_ = 0;
long ApplicationPages::montmurat_ = 0;

TEST_F(ApplicationPages, AnonymousVisitorsAreSentToTheSignInFormAndBack) {
  Browser b(*server_);
  const auto list = b.get("/candidatures");
  EXPECT_EQ(list.status, 303);
  EXPECT_EQ(list.header("location"), "/connexion?next=/candidatures");
  const auto form = b.get("/candidatures/nouvelle?centre=" + std::to_string(murat_));
  EXPECT_EQ(form.status, 303);
  EXPECT_EQ(form.header("location"), "/connexion?next=/candidatures/nouvelle%3Fcentre%3D" + std::to_string(murat_));
  EXPECT_EQ(b.get("/candidatures/1?lang=en").header("location"), "/connexion?next=/candidatures/1%3Flang%3Den&lang=en");
  const auto post = b.post("/candidatures", {{"centre_id", std::to_string(murat_)}});
  EXPECT_EQ(post.status, 303);
  EXPECT_EQ(post.header("location").rfind("/connexion?next=", 0), 0u);

  // Signing in from there comes back to the form, with the centre chosen.
  const std::string csrf = csrf_field(b.get("/connexion").body);
  const auto signed_in = b.post("/connexion", {{"csrf", csrf},
                                               {"email", kTeleworker},
                                               {"password", kTeleworkerPassword},
                                               {"next", "/candidatures/nouvelle?centre=" + std::to_string(murat_)}});
  EXPECT_EQ(signed_in.status, 303);
  EXPECT_EQ(signed_in.header("location"), "/candidatures/nouvelle?centre=" + std::to_string(murat_));
}

TEST_F(ApplicationPages, ApplyThroughTheFormThenFindItInMyApplications) {
  Browser b(*server_);
  sign_up(b, "Léa Delmas");
  const auto mine_before = b.get("/candidatures");
  ASSERT_EQ(mine_before.status, 200);
  EXPECT_TRUE(contains(mine_before.body, "<h1>Mes candidatures</h1>"));
  EXPECT_TRUE(contains(mine_before.body, "href=\"/candidatures/nouvelle\""));
  EXPECT_TRUE(contains(mine_before.body, "Vous n&apos;avez encore déposé aucune candidature."));
  EXPECT_EQ(mine_before.header("cache-control"), "no-store");

  const auto form = b.get("/candidatures/nouvelle?centre=" + std::to_string(murat_));
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "<option value=\"" + std::to_string(murat_) + "\" selected>Télécentre de Murat"));
  EXPECT_TRUE(contains(form.body, "type=\"date\" id=\"start_date\""));
  EXPECT_TRUE(contains(form.body, "AAAA-MM-JJ"));
  EXPECT_TRUE(contains(form.body, "2\u00a0000 caractères au plus"));  // a no-break space between thousands
  EXPECT_TRUE(contains(form.body, "Comment avez-vous connu le réseau\u00a0?"));
  EXPECT_FALSE(csrf_field(form.body).empty());

  const auto r = apply(b, murat_, "Je travaille pour une entreprise lyonnaise, deux jours par semaine.");
  ASSERT_EQ(r.status, 303) << r.body;
  const long id = application_id(r.header("location"));
  ASSERT_GT(id, 0);
  EXPECT_EQ(r.header("location"), "/candidatures/" + std::to_string(id) + "?fait=depot");

  const auto page = b.get(r.header("location"));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "role=\"status\""));
  EXPECT_TRUE(contains(page.body, "Votre candidature est déposée."));
  EXPECT_TRUE(contains(page.body, "<strong>Déposée</strong>"));
  EXPECT_TRUE(contains(page.body, "7 janvier 2030"));
  EXPECT_TRUE(contains(page.body, "2 jours"));
  EXPECT_TRUE(contains(page.body, "Presse locale"));
  EXPECT_TRUE(contains(page.body, "href=\"/centres/" + std::to_string(murat_) + "\""));
  EXPECT_TRUE(contains(page.body, "action=\"/candidatures/" + std::to_string(id) + "/retrait\""));
  EXPECT_FALSE(contains(page.body, "/decision\""));  // the applicant does not decide

  const auto mine = b.get("/candidatures");
  EXPECT_TRUE(contains(mine.body, "<caption id=\"mine-caption\">"));
  EXPECT_TRUE(contains(mine.body, "<th scope=\"row\">Télécentre de Murat</th>"));
  EXPECT_TRUE(contains(mine.body, "<strong>Déposée</strong>"));
  EXPECT_TRUE(contains(mine.body, "href=\"/candidatures/" + std::to_string(id) + "\""));

  // Applying to the same centre again is refused beside the centre's field, with what was typed.
  const auto again = apply(b, murat_, "Encore moi.");
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(contains(again.body, "Vous avez déjà une candidature en cours pour ce télécentre."));
  EXPECT_TRUE(contains(again.body, "href=\"#centre_id\""));
  EXPECT_TRUE(contains(again.body, "aria-describedby=\"centre_id-error\" aria-invalid=\"true\""));
  EXPECT_EQ(textarea_text(again.body, "motivation"), "Encore moi.");
}

TEST_F(ApplicationPages, TheHostDecidesAndTheApplicantSeesTheDecision) {
  Browser applicant(*server_);
  sign_up(applicant, "Paul Chambon");
  const auto r = apply(applicant, murat_, "Indépendant, mes clients sont à Clermont-Ferrand.");
  ASSERT_EQ(r.status, 303) << r.body;
  const long id = application_id(r.header("location"));
  const std::string path = "/candidatures/" + std::to_string(id);

  Browser host(*server_);
  sign_in(host, kMuratHost, kMuratHostPassword);
  const auto list = host.get("/candidatures");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(contains(list.body, "<h1>Candidatures à examiner</h1>"));
  EXPECT_TRUE(contains(list.body, "<caption id=\"results-caption\">"));
  EXPECT_TRUE(contains(list.body, "<th scope=\"col\">Candidat ou candidate</th>"));
  EXPECT_TRUE(contains(list.body, "<th scope=\"row\">Paul Chambon</th>"));
  EXPECT_TRUE(contains(list.body, "href=\"" + path + "\""));
  // The centre filter offers only the host's own centre.
  EXPECT_TRUE(contains(list.body, "<option value=\"" + std::to_string(murat_) + "\">Télécentre de Murat</option>"));
  EXPECT_FALSE(contains(list.body, "Télécentre de Saint-Flour"));

  // The filters narrow the list, and keep what was chosen.
  const auto submitted = host.get("/candidatures?state=submitted&centre_id=" + std::to_string(murat_));
  ASSERT_EQ(submitted.status, 200);
  EXPECT_TRUE(contains(submitted.body, "href=\"" + path + "\""));
  EXPECT_TRUE(contains(submitted.body, "<option value=\"submitted\" selected>Déposée</option>"));
  EXPECT_FALSE(contains(submitted.body, "<strong>Active</strong>"));
  const auto declined = host.get("/candidatures?state=declined");
  EXPECT_FALSE(contains(declined.body, "href=\"" + path + "\""));
  EXPECT_TRUE(contains(declined.body, "<strong>Refusée</strong>"));

  const auto page = host.get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "Paul Chambon"));
  EXPECT_TRUE(contains(page.body, "mailto:candidat.pages."));
  EXPECT_TRUE(contains(page.body, "value=\"accepted\""));
  EXPECT_TRUE(contains(page.body, "value=\"waitlisted\""));
  EXPECT_TRUE(contains(page.body, "value=\"declined\""));
  EXPECT_FALSE(contains(page.body, "value=\"ended\""));  // not from "submitted"
  EXPECT_FALSE(contains(page.body, "/retrait\""));       // only the applicant withdraws
  EXPECT_FALSE(contains(page.body, "RQTH"));             // hosts never see it

  const auto decided = decide(host, id, "accepted", "Bienvenue ! Présentez-vous à l'accueil lundi.");
  ASSERT_EQ(decided.status, 303) << decided.body;
  EXPECT_EQ(decided.header("location"), path + "?fait=decision");
  const auto confirmed = host.get(decided.header("location"));
  EXPECT_TRUE(contains(confirmed.body, "role=\"status\""));
  EXPECT_TRUE(contains(confirmed.body, "La décision est enregistrée"));
  EXPECT_TRUE(contains(confirmed.body, "<strong>Acceptée</strong>"));

  const auto seen = applicant.get(path);
  ASSERT_EQ(seen.status, 200);
  EXPECT_TRUE(contains(seen.body, "<strong>Acceptée</strong>"));
  EXPECT_TRUE(contains(seen.body, "Bienvenue ! Présentez-vous à l&apos;accueil lundi."));
  EXPECT_TRUE(contains(seen.body, "Déposée <span aria-hidden=\"true\">→</span>"));
  const auto mine = applicant.get("/candidatures");
  EXPECT_TRUE(contains(mine.body, "<strong>Acceptée</strong>"));

  // The applicant may not decide: the page says so, and nothing changes.
  const auto self = decide(applicant, id, "declined", "");
  EXPECT_EQ(self.status, 403);
  EXPECT_TRUE(contains(self.body, "role=\"alert\""));
  EXPECT_TRUE(contains(applicant.get(path).body, "<strong>Acceptée</strong>"));
}

TEST_F(ApplicationPages, AnotherCentresHostCannotTellTheApplicationExists) {
  Browser applicant(*server_);
  sign_up(applicant, "Nina Rigal");
  const auto r = apply(applicant, murat_, "Salariée d'une entreprise parisienne.");
  ASSERT_EQ(r.status, 303) << r.body;
  const std::string path = "/candidatures/" + std::to_string(application_id(r.header("location")));

  Browser other(*server_);
  sign_in(other, kSaintFlourHost, kSaintFlourHostPassword);
  const auto page = other.get(path);
  EXPECT_EQ(page.status, 404);
  EXPECT_FALSE(contains(page.body, "Nina Rigal"));
  EXPECT_EQ(main_of(other.get("/candidatures/99999999").body), main_of(page.body));  // as if it did not exist
  const auto list = other.get("/candidatures");
  EXPECT_FALSE(contains(list.body, "Nina Rigal"));
  EXPECT_FALSE(contains(list.body, "Télécentre de Murat"));
  // Asking for Murat's applications by the filter is refused, not answered.
  EXPECT_EQ(other.get("/candidatures?centre_id=" + std::to_string(murat_)).status, 400);
  // Nor can they decide on it, whatever token they send.
  const std::string csrf = csrf_field(list.body);
  EXPECT_EQ(other.post(path + "/decision", {{"csrf", csrf}, {"decision", "declined"}}).status, 404);
  EXPECT_EQ(other.post(path + "/retrait", {{"csrf", csrf}}).status, 404);
}

TEST_F(ApplicationPages, FormsWithoutTheirTokenAre403AndChangeNothing) {
  Browser applicant(*server_);
  sign_up(applicant, "Hugo Vidal");
  const auto refused = applicant.post("/candidatures", {{"centre_id", std::to_string(murat_)},
                                                        {"days_per_week", "2"},
                                                        {"start_date", "2030-01-07"},
                                                        {"motivation", "Sans jeton."}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(contains(applicant.get("/candidatures").body, "Vous n&apos;avez encore déposé aucune candidature."));

  const auto r = apply(applicant, murat_, "Avec jeton.");
  ASSERT_EQ(r.status, 303) << r.body;
  const std::string path = "/candidatures/" + std::to_string(application_id(r.header("location")));
  EXPECT_EQ(applicant.post(path + "/retrait", {{"message", "Sans jeton."}}).status, 403);
  EXPECT_EQ(applicant.post(path + "/retrait", {{"csrf", "pas-le-bon"}}).status, 403);

  Browser host(*server_);
  sign_in(host, kMuratHost, kMuratHostPassword);
  EXPECT_EQ(host.post(path + "/decision", {{"decision", "declined"}}).status, 403);
  const auto page = host.get(path);
  EXPECT_TRUE(contains(page.body, "<strong>Déposée</strong>"));
}

TEST_F(ApplicationPages, TypedMarkupIsShownAsTextToTheApplicantAndTheHost) {
  Browser applicant(*server_);
  sign_up(applicant, "<i>Ève</i> Lafon");
  const std::string motivation = "<script>alert('x')</script>\n<b>Deux</b> jours & demi";
  const auto r = apply(applicant, murat_, motivation, "2", "2030-01-07", "<img src=x onerror=alert(1)>");
  ASSERT_EQ(r.status, 303) << r.body;
  const std::string path = "/candidatures/" + std::to_string(application_id(r.header("location")));
  const std::string escaped =
      "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;\n&lt;b&gt;Deux&lt;/b&gt; jours &amp; demi";

  const auto own = applicant.get(path);
  EXPECT_TRUE(contains(own.body, escaped));
  EXPECT_FALSE(contains(own.body, "<script>"));
  EXPECT_FALSE(contains(own.body, "<img src=x"));

  Browser host(*server_);
  sign_in(host, kMuratHost, kMuratHostPassword);
  const auto page = host.get(path);
  EXPECT_TRUE(contains(page.body, escaped));
  EXPECT_TRUE(contains(page.body, "&lt;i&gt;Ève&lt;/i&gt; Lafon"));
  EXPECT_FALSE(contains(page.body, "<script>"));
  EXPECT_FALSE(contains(page.body, "<i>Ève</i>"));
  const auto list = host.get("/candidatures");
  EXPECT_TRUE(contains(list.body, "<th scope=\"row\">&lt;i&gt;Ève&lt;/i&gt; Lafon</th>"));
  EXPECT_FALSE(contains(list.body, "<i>Ève</i>"));

  // A decision's message, typed by the host, is text too.
  ASSERT_EQ(
      decide(host, application_id(r.header("location")), "waitlisted", "<a href=\"https://evil.example\">cliquez</a>")
          .status,
      303);
  const auto seen = applicant.get(path);
  EXPECT_TRUE(contains(seen.body, "&lt;a href=&quot;https://evil.example&quot;&gt;cliquez&lt;/a&gt;"));
  EXPECT_FALSE(contains(seen.body, "href=\"https://evil.example\""));
}

TEST_F(ApplicationPages, AnInvalidFormIs400WithEachProblemBesideItsFieldAndWhatWasTyped) {
  Browser b(*server_);
  sign_up(b, "Marc Boudou");
  const auto r = apply(b, murat_, "", "9", "2030-02-30", "Réunion d'information");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "<title>Erreur\u00a0: Déposer une candidature"));
  EXPECT_TRUE(contains(r.body, "role=\"alert\""));
  EXPECT_TRUE(contains(r.body, "Le formulaire contient 3 erreurs"));
  for (const std::string id : {"days_per_week", "start_date", "motivation"})
    EXPECT_TRUE(contains(r.body, "href=\"#" + id + "\"")) << id;
  EXPECT_TRUE(contains(r.body, "Choisissez un nombre de jours par semaine, de 1 à 5."));
  EXPECT_TRUE(contains(r.body, "Dites en quelques mots pourquoi vous souhaitez rejoindre ce télécentre."));
  EXPECT_TRUE(contains(r.body, "<p class=\"field-error\" id=\"motivation-error\">"));
  EXPECT_TRUE(contains(r.body, "aria-describedby=\"motivation-hint motivation-error\" aria-invalid=\"true\""));
  EXPECT_TRUE(contains(r.body, "aria-describedby=\"start_date-hint start_date-error\" aria-invalid=\"true\""));
  EXPECT_TRUE(contains(r.body, "aria-describedby=\"days_per_week-error\""));
  // What was typed is kept.
  EXPECT_TRUE(contains(r.body, "<option value=\"" + std::to_string(murat_) + "\" selected>"));
  EXPECT_EQ(input_value(r.body, "start_date"), "2030-02-30");
  EXPECT_EQ(input_value(r.body, "heard_from"), "Réunion d&apos;information");
  EXPECT_FALSE(csrf_field(r.body).empty());

  // A start date in the past is the service's to refuse; the page shows it beside the field.
  const auto past = apply(b, murat_, "Dès que possible.", "3", "2001-01-01");
  EXPECT_EQ(past.status, 400);
  EXPECT_TRUE(contains(past.body, "href=\"#start_date\""));
  EXPECT_EQ(textarea_text(past.body, "motivation"), "Dès que possible.");
  EXPECT_TRUE(contains(past.body, "value=\"3\" checked"));

  // A motivation over 2,000 characters is refused, never cut.
  const auto long_one = apply(b, murat_, std::string(2001, 'a'));
  EXPECT_EQ(long_one.status, 400);
  EXPECT_TRUE(contains(long_one.body, "vous en avez saisi 2\u00a0001"));

  EXPECT_TRUE(contains(b.get("/candidatures").body, "Vous n&apos;avez encore déposé aucune candidature."));
}

TEST_F(ApplicationPages, OnlyTeleworkersMayApply) {
  Browser host(*server_);
  sign_in(host, kMuratHost, kMuratHostPassword);
  const auto form = host.get("/candidatures/nouvelle");
  EXPECT_EQ(form.status, 403);
  EXPECT_TRUE(contains(form.body, "Seuls les télétravailleurs peuvent déposer une candidature."));
  const std::string csrf = csrf_field(host.get("/candidatures").body);
  ASSERT_FALSE(csrf.empty());
  EXPECT_EQ(host.post("/candidatures", {{"csrf", csrf}, {"centre_id", std::to_string(murat_)}}).status, 403);
}

TEST_F(ApplicationPages, WithdrawingFreesThePlaceForTheNextInLine) {
  // Montmurat has one desk and no application in the demo: the admin, its reviewer, gives it to the first
  // applicant and puts the second on the waiting list.
  Browser first(*server_);
  sign_up(first, "Claire Fabre");
  const auto r1 = apply(first, montmurat_, "Premier choix.");
  ASSERT_EQ(r1.status, 303) << r1.body;
  const long first_id = application_id(r1.header("location"));
  Browser second(*server_);
  sign_up(second, "Jules Mercier");
  const auto r2 = apply(second, montmurat_, "En attendant une place.");
  ASSERT_EQ(r2.status, 303) << r2.body;
  const long second_id = application_id(r2.header("location"));

  Browser admin(*server_);
  sign_in(admin, kAdmin, kAdminPassword);
  ASSERT_EQ(decide(admin, first_id, "accepted", "").status, 303);
  ASSERT_EQ(decide(admin, second_id, "waitlisted", "Le poste est pris.").status, 303);
  EXPECT_TRUE(contains(second.get("/candidatures").body, "<strong>En liste d&apos;attente</strong>"));

  const std::string path = "/candidatures/" + std::to_string(first_id);
  const auto page = first.get(path);
  EXPECT_TRUE(contains(page.body, "Le retrait est définitif"));
  const auto withdrawn = first.post(path + "/retrait", {{"csrf", csrf_field(page.body)}, {"message", "Déménagement."}});
  ASSERT_EQ(withdrawn.status, 303) << withdrawn.body;
  EXPECT_EQ(withdrawn.header("location"), path + "?fait=retrait");
  const auto after = first.get(withdrawn.header("location"));
  EXPECT_TRUE(contains(after.body, "Votre candidature est retirée."));
  EXPECT_TRUE(contains(after.body, "<strong>Retirée</strong>"));
  EXPECT_TRUE(contains(after.body, "Déménagement."));
  EXPECT_FALSE(contains(after.body, "/retrait\""));  // no second withdrawal

  // The freed desk went to the next in line.
  const auto next = second.get("/candidatures/" + std::to_string(second_id));
  EXPECT_TRUE(contains(next.body, "<strong>Acceptée</strong>"));
  EXPECT_TRUE(contains(next.body, "Une place s&apos;est libérée"));

  // Withdrawing again (a reloaded form) is refused with the reason, on the application's page.
  const auto again = first.post(path + "/retrait", {{"csrf", csrf_field(page.body)}});
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(contains(again.body, "role=\"alert\""));
}

TEST_F(ApplicationPages, ReviewFiltersWithBadValuesAre400AndSaySo) {
  Browser admin(*server_);
  sign_in(admin, kAdmin, kAdminPassword);
  const auto all = admin.get("/candidatures");
  ASSERT_EQ(all.status, 200);
  EXPECT_TRUE(contains(all.body, "Toutes les candidatures du réseau."));
  EXPECT_TRUE(contains(all.body, "Télécentre de Saint-Flour"));
  const auto bad = admin.get("/candidatures?from=2026-13-01&to=2025-01-01&state=nope");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(contains(bad.body, "<title>Erreur\u00a0: Candidatures à examiner"));
  EXPECT_TRUE(contains(bad.body, "href=\"#from\""));
  EXPECT_TRUE(contains(bad.body, "href=\"#state\""));
  EXPECT_EQ(input_value(bad.body, "from"), "2026-13-01");
  const auto reversed = admin.get("/candidatures?from=2026-03-01&to=2026-02-01");
  EXPECT_EQ(reversed.status, 400);
  EXPECT_TRUE(contains(reversed.body, "href=\"#to\""));
  const auto ranged =
      admin.get("/candidatures?from=2026-03-01&to=2026-03-31&centre_id=" + std::to_string(saint_flour_));
  EXPECT_EQ(ranged.status, 200);
  EXPECT_TRUE(contains(ranged.body, "Effacer les filtres"));
  EXPECT_FALSE(contains(ranged.body, "<td>Télécentre de Murat</td>"));
}

TEST_F(ApplicationPages, PagesSpeakEnglishOnRequest) {
  Browser b(*server_);
  sign_up(b, "Sam Taylor");
  EXPECT_TRUE(contains(b.get("/candidatures?lang=en").body, "<h1>My applications</h1>"));
  const auto form = b.get("/candidatures/nouvelle?centre=" + std::to_string(murat_) + "&lang=en");
  EXPECT_TRUE(contains(form.body, "<h1>Apply to a telecentre</h1>"));
  EXPECT_TRUE(contains(form.body, "action=\"/candidatures?lang=en\""));
  const auto r = b.post("/candidatures?lang=en", {{"csrf", csrf_field(form.body)},
                                                  {"centre_id", std::to_string(murat_)},
                                                  {"days_per_week", "1"},
                                                  {"start_date", "2030-01-07"},
                                                  {"motivation", "Working remotely for a firm in Lyon."}});
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(contains(r.header("location"), "?fait=depot&lang=en"));
  const auto page = b.get(r.header("location"));
  EXPECT_TRUE(contains(page.body, "Your application is sent."));
  EXPECT_TRUE(contains(page.body, "<strong>Submitted</strong>"));
  EXPECT_TRUE(contains(page.body, "7 January 2030"));

  Browser host(*server_);
  sign_in(host, kMuratHost, kMuratHostPassword);
  const auto list = host.get("/candidatures?lang=en");
  EXPECT_TRUE(contains(list.body, "<h1>Applications to review</h1>"));
  EXPECT_TRUE(contains(list.body, "<input type=\"hidden\" name=\"lang\" value=\"en\">"));
}

TEST_F(ApplicationPages, CentrePagesOfferToApplyUnlessClosed) {
  const auto page = server_->get("/centres/" + std::to_string(murat_));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "href=\"/candidatures/nouvelle?centre=" + std::to_string(murat_) + "\""));
  EXPECT_TRUE(contains(page.body, "Déposer une candidature"));
}

}  // namespace
}  // namespace tc::test
