// The centre administration pages as a browser without JavaScript uses them: an admin creates a centre through
// the form and finds it in the public directory and in the administration's list; a refused form says why beside
// each field and creates nothing; the Murat host edits Murat's hours but neither another centre nor Murat's name;
// the admin moves a centre's status one step at a time, is refused putting a non-conforming centre in service
// until an override reason is given, which the history then shows; the conformity page says criterion by
// criterion, in words, what is met and what is not; a post with bookings cannot be removed; forms without their
// anti-CSRF token are refused. Against the real program with the demo network.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

std::string unescape(std::string s) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&apos;", "'"}, {"&#39;", "'"}, {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
      s.replace(at, from.size(), to);
  }
  return s;
}

// The fields a browser would post from the form of the edit page that saves `section`: its hidden and text-like
// inputs, its ticked checkboxes and radio buttons, its selects' selected options and its textareas.
Fields section_fields(const std::string& html, const std::string& section) {
  const auto marker = html.find("<input type=\"hidden\" name=\"section\" value=\"" + section + "\">");
  if (marker == std::string::npos) return {};
  const auto start = html.rfind("<form", marker);
  const std::string form = html.substr(start, html.find("</form>", marker) - start);
  Fields out;
  const std::regex input(R"re(<input type="(\w+)"(?: id="[^"]*")? name="([^"]*)" value="([^"]*)"([^>]*)>)re");
  for (std::sregex_iterator it(form.begin(), form.end(), input), end; it != end; ++it) {
    const std::string type = (*it)[1], rest = (*it)[4];
    if ((type == "checkbox" || type == "radio") && rest.find(" checked") == std::string::npos) continue;
    out.emplace_back((*it)[2], unescape((*it)[3]));
  }
  const std::regex select(R"re(<select id="[^"]*" name="([^"]*)"[^>]*>([\s\S]*?)</select>)re");
  for (std::sregex_iterator it(form.begin(), form.end(), select), end; it != end; ++it) {
    const std::string options = (*it)[2];
    std::smatch chosen;
    if (std::regex_search(options, chosen, std::regex(R"re(<option value="([^"]*)" selected>)re")))
      out.emplace_back((*it)[1], unescape(chosen[1]));
  }
  const std::regex textarea(R"re(<textarea id="[^"]*" name="([^"]*)"[^>]*>\n([\s\S]*?)</textarea>)re");
  for (std::sregex_iterator it(form.begin(), form.end(), textarea), end; it != end; ++it)
    out.emplace_back((*it)[1], unescape((*it)[2]));
  return out;
}

// `fields` with `name` set to `value` (added when absent).
Fields with(Fields fields, const std::string& name, const std::string& value) {
  for (auto& [n, v] : fields)
    if (n == name) {
      v = value;
      return fields;
    }
  fields.emplace_back(name, value);
  return fields;
}

std::string value_of(const Fields& fields, const std::string& name) {
  for (const auto& [n, v] : fields)
    if (n == name) return v;
  return {};
}

class CentreAdminPages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    murat_ = centre_near(*server_, "15138");
    saint_flour_ = centre_near(*server_, "15187");
    admin_ = sign_in_api(*server_, kAdmin, kAdminPassword);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static std::string edit(long id) { return "/admin/centres/" + std::to_string(id); }

  static void sign_in(Browser& b, const std::string& email, const std::string& password) {
    const auto r = b.sign_in(email, password);
    ASSERT_EQ(r.status, 303) << r.body;
  }

  // The public directory's centres.
  static json directory() { return json::parse(server_->get("/api/v1/centres").body)["centres"]; }

  static bool listed(const std::string& name) {
    for (const auto& c : directory())
      if (c["name"] == name) return true;
    return false;
  }

  // The fields of the creation form for a small centre at `insee`, without reception (so not conforming).
  static Fields new_centre(const std::string& csrf, const std::string& name, const std::string& insee) {
    return {{"csrf", csrf},
            {"name", name},
            {"host_authority", "Commune de test"},
            {"commune", insee},
            {"address", "1 place de la Mairie"},
            {"description", "Un télécentre créé par les tests."},
            {"reception", "none"},
            {"copier", "yes"},
            {"fax", "yes"},
            {"broadband_down", "8"},
            {"broadband_up", "1,5"},
            {"step_free", "yes"},
            {"adapted_toilets", "yes"},
            {"erp_category", "5"},
            {"register_url", "https://exemple.fr/registre"},
            {"office_1_id", ""},
            {"office_1_name", "Grand bureau"},
            {"office_1_add", "3"},
            {"office_2_id", ""},
            {"office_2_name", ""},
            {"office_2_add", ""},
            {"hours_1_morning_open", "08:30"},
            {"hours_1_morning_close", "12:00"},
            {"hours_2_afternoon_open", "13:30"},
            {"hours_2_afternoon_close", "17:00"}};
  }

  // Creates a centre through the form as the admin; returns its id.
  static long create(Browser& admin, const std::string& name, const std::string& insee) {
    const auto form = admin.get("/admin/centres/nouveau");
    EXPECT_EQ(form.status, 200) << form.body;
    const auto r = admin.post("/admin/centres/nouveau", new_centre(csrf_field(form.body), name, insee));
    EXPECT_EQ(r.status, 303) << r.body;
    std::smatch m;
    const std::string location = r.header("location");
    if (!std::regex_match(location, m, std::regex("/admin/centres/([0-9]+)\\?fait=creation"))) {
      ADD_FAILURE() << "unexpected Location: " << location;
      return 0;
    }
    return std::stol(m[1]);
  }

  static ServerProcess* server_;
  static long murat_;
  static long saint_flour_;
  static Signed admin_;
};
ServerProcess* CentreAdminPages::server_ = nullptr;
long CentreAdminPages::murat_ = 0;
long CentreAdminPages::saint_flour_ = 0;
Signed CentreAdminPages::admin_;

TEST_F(CentreAdminPages, AnAdminCreatesACentreThatTheDirectoryAndTheListThenShow) {
  Browser b(*server_);
  sign_in(b, kAdmin, kAdminPassword);

  // The header leads admins to the administration; the list offers to create a centre.
  const auto list = b.get("/admin/centres");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.header("cache-control"), "no-store");
  EXPECT_TRUE(contains(list.body, "<li><a href=\"/admin/centres\" aria-current=\"page\">Administration</a></li>"));
  EXPECT_TRUE(contains(list.body, "href=\"/admin/centres/nouveau\">Créer un télécentre</a>"));
  EXPECT_TRUE(contains(list.body, "href=\"/admin/subvention\""));
  EXPECT_TRUE(contains(list.body, "href=\"/admin/equipement\""));
  EXPECT_TRUE(contains(list.body, "href=\"/admin/journal\""));
  EXPECT_TRUE(contains(list.body, "<th scope=\"row\">Télécentre de Murat</th>"));
  EXPECT_TRUE(contains(list.body, "href=\"/admin/centres/" + std::to_string(murat_) + "/equipement\""));
  EXPECT_TRUE(contains(list.body, "href=\"/admin/centres/" + std::to_string(murat_) + "/conventions\""));

  const auto form = b.get("/admin/centres/nouveau");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "<option value=\"15153\">Pleaux (15153)</option>"));
  EXPECT_EQ(count_of(form.body, "name=\"office_"), 12u);  // four rows: id, name, posts
  EXPECT_TRUE(contains(form.body,
                       "<label for=\"hours_1_morning_open\"><span class=\"visually-hidden\">Lundi matin, "
                       "</span>Ouverture</label>"));

  const long id = create(b, "Télécentre de Pleaux", "15153");
  ASSERT_GT(id, 0);
  const auto page = b.get(edit(id) + "?fait=creation");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body, "role=\"status\""));
  EXPECT_TRUE(contains(page.body, "Le télécentre a été créé, en projet."));
  EXPECT_TRUE(contains(page.body, "En projet"));
  EXPECT_EQ(input_value(page.body, "hours_1_morning_open"), "08:30");
  EXPECT_EQ(input_value(page.body, "office_1_name"), "Grand bureau");
  EXPECT_EQ(input_value(page.body, "office_1_post_3_label"), "Poste 3");
  EXPECT_TRUE(contains(page.body, "1 bureau, 3 postes"));

  EXPECT_TRUE(listed("Télécentre de Pleaux"));
  const auto after = b.get("/admin/centres");
  EXPECT_TRUE(contains(after.body, "<th scope=\"row\">Télécentre de Pleaux</th>"));
  EXPECT_TRUE(contains(after.body, "1 critère non rempli"));  // no reception

  // In English, the same pages.
  const auto en = b.get("/admin/centres?lang=en");
  EXPECT_TRUE(contains(en.body, "<h1>Telecentre administration</h1>"));
  EXPECT_TRUE(contains(en.body, ">Create a telecentre</a>"));
  const auto edit_en = b.get(edit(id) + "?lang=en");
  EXPECT_TRUE(contains(edit_en.body, "Save the opening hours"));
}

TEST_F(CentreAdminPages, AnInvalidCreationFormSaysWhyBesideEachFieldAndCreatesNothing) {
  Browser b(*server_);
  sign_in(b, kAdmin, kAdminPassword);
  const std::size_t before = directory().size();
  const auto form = b.get("/admin/centres/nouveau");
  Fields fields = with(new_centre(csrf_field(form.body), "", "15162"), "address", "Rue <b>gras</b>");
  for (int i = 2; i <= 5; ++i) {
    fields = with(fields, "office_" + std::to_string(i) + "_id", "");
    fields = with(fields, "office_" + std::to_string(i) + "_name", "Bureau " + std::to_string(i));
    fields = with(fields, "office_" + std::to_string(i) + "_add", "1");
  }
  fields = with(fields, "hours_3_morning_open", "10:00");  // without its closing time
  const auto r = b.post("/admin/centres/nouveau", fields);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_TRUE(contains(r.body, "<title>Erreur\u00a0: Créer un télécentre"));
  EXPECT_TRUE(contains(r.body, "role=\"alert\""));
  EXPECT_TRUE(contains(r.body, "Le formulaire contient 3 erreurs"));
  EXPECT_TRUE(contains(r.body, "<li><a href=\"#name\">Saisissez le nom du télécentre.</a></li>"));
  EXPECT_TRUE(contains(r.body, "Un télécentre compte de 1 à 4 bureaux\u00a0: vous en avez décrit 5."));
  EXPECT_TRUE(contains(r.body, "<li><a href=\"#hours_3_morning_close\">"));
  EXPECT_TRUE(contains(r.body, "aria-invalid=\"true\""));
  // What was typed is kept, as text.
  EXPECT_EQ(input_value(r.body, "office_5_name"), "Bureau 5");
  EXPECT_EQ(input_value(r.body, "hours_3_morning_open"), "10:00");
  EXPECT_TRUE(contains(r.body, "value=\"Rue &lt;b&gt;gras&lt;/b&gt;\""));
  EXPECT_TRUE(contains(r.body, "<option value=\"15162\" selected>"));
  EXPECT_EQ(directory().size(), before);

  // English errors.
  const auto en = b.post("/admin/centres/nouveau?lang=en", fields);
  EXPECT_EQ(en.status, 400);
  EXPECT_TRUE(contains(en.body, "Enter the name of the telecentre."));
  EXPECT_TRUE(contains(en.body, "A telecentre has 1 to 4 offices: you described 5."));
}

TEST_F(CentreAdminPages, TheMuratHostEditsMuratsHoursButNothingElse) {
  Browser b(*server_);
  sign_in(b, kMuratHost, kMuratHostPassword);

  const auto list = b.get("/admin/centres");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(contains(list.body, "<th scope=\"row\">Télécentre de Murat</th>"));
  EXPECT_FALSE(contains(list.body, "Télécentre de Saint-Flour"));
  EXPECT_FALSE(contains(list.body, "/admin/centres/nouveau"));
  EXPECT_FALSE(contains(list.body, "/admin/journal"));  // the administration's links are the admins'
  EXPECT_TRUE(contains(list.body, "<li><a href=\"/admin/centres\" aria-current=\"page\">Administration</a></li>"));

  const auto page = b.get(edit(murat_));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body, "value=\"hours\""));
  EXPECT_TRUE(contains(page.body, "value=\"services\""));
  EXPECT_TRUE(contains(page.body, "value=\"closures\""));
  EXPECT_FALSE(contains(page.body, "id=\"name\""));  // the name is not offered
  EXPECT_FALSE(contains(page.body, "value=\"offices\""));
  EXPECT_FALSE(contains(page.body, "/statut"));

  Fields hours = section_fields(page.body, "hours");
  ASSERT_FALSE(hours.empty());
  EXPECT_EQ(value_of(hours, "hours_1_morning_open"), "08:30");
  hours = with(hours, "hours_1_morning_open", "09:00");
  hours = with(hours, "hours_6_morning_open", "09:00");  // now open on Saturday mornings
  hours = with(hours, "hours_6_morning_close", "12:00");
  const auto saved = b.post(edit(murat_), hours);
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.header("location"), edit(murat_) + "?fait=hours");
  const auto shown = b.get(edit(murat_) + "?fait=hours");
  EXPECT_TRUE(contains(shown.body, "Les horaires d&apos;ouverture ont été enregistrés."));
  EXPECT_EQ(input_value(shown.body, "hours_1_morning_open"), "09:00");
  EXPECT_EQ(input_value(shown.body, "hours_6_morning_close"), "12:00");
  EXPECT_EQ(input_value(shown.body, "hours_2_afternoon_close"), "18:00");  // the rest is unchanged
  EXPECT_TRUE(contains(server_->get("/centres/" + std::to_string(murat_)).body, "9 h à 12 h"));

  // Closures: given by their last day, included.
  Fields closure = section_fields(shown.body, "closures");
  closure = with(closure, "closure_from", "2030-08-12");
  closure = with(closure, "closure_to", "2030-08-16");
  closure = with(closure, "closure_reason", "Congés d'été");
  ASSERT_EQ(b.post(edit(murat_), closure).status, 303);
  const auto closed = b.get(edit(murat_));
  EXPECT_TRUE(contains(closed.body, "Fermé du 12 août 2030 au 16 août 2030"));

  // Neither the name, nor another centre.
  const std::string csrf = csrf_field(page.body);
  const auto renamed = b.post(edit(murat_), {{"csrf", csrf}, {"section", "general"}, {"name", "Autre nom"}});
  EXPECT_EQ(renamed.status, 403);
  EXPECT_TRUE(listed("Télécentre de Murat"));
  EXPECT_FALSE(listed("Autre nom"));
  EXPECT_EQ(b.get(edit(saint_flour_)).status, 404);
  EXPECT_EQ(b.get(edit(saint_flour_) + "/conformite").status, 404);
  EXPECT_EQ(b.post(edit(saint_flour_), with(hours, "csrf", csrf)).status, 404);
  EXPECT_EQ(b.get("/admin/centres/nouveau").status, 403);
  EXPECT_EQ(b.get("/admin/conformite").status, 403);
  // Murat's conformity, yes.
  EXPECT_EQ(b.get(edit(murat_) + "/conformite").status, 200);
}

TEST_F(CentreAdminPages, AStatusMovesOneStepAndANonConformingCentreNeedsAnOverrideReason) {
  Browser b(*server_);
  sign_in(b, kAdmin, kAdminPassword);
  const long id = create(b, "Télécentre de Riom-ès-Montagnes", "15162");
  ASSERT_GT(id, 0);

  // The conformity page: every criterion, in words, with what was found.
  const auto conformity = b.get(edit(id) + "/conformite");
  ASSERT_EQ(conformity.status, 200) << conformity.body;
  EXPECT_TRUE(contains(conformity.body, "Aucun accueil : ni secrétariat ni animateur."));
  EXPECT_TRUE(contains(conformity.body, "<th scope=\"row\">Accueil</th>"));
  EXPECT_EQ(count_of(conformity.body, "<tr class=\"criterion criterion--"), 7u);
  EXPECT_EQ(count_of(conformity.body, "aria-hidden=\"true\" focusable=\"false\"><path d=\"M4.5"), 1u);  // one cross
  EXPECT_TRUE(contains(conformity.body, "</svg> Non rempli</span>"));
  EXPECT_EQ(count_of(conformity.body, "</svg> Rempli</span>"), 6u);
  EXPECT_TRUE(contains(conformity.body, "1 critère non rempli"));
  EXPECT_TRUE(contains(conformity.body, "DIACT-2006"));
  const auto conformity_en = b.get(edit(id) + "/conformite?lang=en");
  EXPECT_TRUE(contains(conformity_en.body, "No reception: neither a secretariat nor an animator."));
  EXPECT_TRUE(contains(conformity_en.body, "</svg> Not met</span>"));
  const auto unknown = b.get(edit(id) + "/conformite?bareme=NOPE");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_TRUE(contains(unknown.body, "Barème inconnu"));
  const auto network = b.get("/admin/conformite");
  ASSERT_EQ(network.status, 200);
  EXPECT_TRUE(contains(network.body, ">Télécentre de Riom-ès-Montagnes</a></th>"));

  // Planned → opening: the one step offered.
  auto page = b.get(edit(id));
  EXPECT_TRUE(contains(page.body, "<input type=\"hidden\" name=\"status\" value=\"opening\">"));
  EXPECT_TRUE(contains(page.body, "Passer au statut «\u00a0En cours d&apos;ouverture\u00a0»"));
  const std::string csrf = csrf_field(page.body);
  const std::string today = input_value(page.body, "status_on");
  ASSERT_EQ(today.size(), 10u);
  const auto opening = b.post(edit(id) + "/statut", {{"csrf", csrf}, {"status", "opening"}, {"status_on", today}});
  ASSERT_EQ(opening.status, 303) << opening.body;
  EXPECT_EQ(opening.header("location"), edit(id) + "?fait=statut");

  // Opening → in service: refused while not conforming, the failed criteria listed.
  page = b.get(edit(id) + "?fait=statut");
  EXPECT_TRUE(contains(page.body, "Le statut du télécentre a été modifié."));
  EXPECT_TRUE(contains(page.body, "<input type=\"hidden\" name=\"status\" value=\"in_service\">"));
  EXPECT_TRUE(contains(page.body, "id=\"override_reason\""));
  const auto refused = b.post(edit(id) + "/statut", {{"csrf", csrf}, {"status", "in_service"}, {"status_on", today}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(contains(refused.body, "role=\"alert\""));
  EXPECT_TRUE(
      contains(refused.body, "<li><strong>Accueil</strong> — Aucun accueil : ni secrétariat ni animateur.</li>"));
  EXPECT_TRUE(contains(server_->get("/centres/" + std::to_string(id)).body, "En cours d&apos;ouverture"));

  // Accepted with a reason, which the history keeps.
  const std::string reason = "Accueil assuré par la mairie en attendant le recrutement";
  const auto accepted =
      b.post(edit(id) + "/statut",
             {{"csrf", csrf}, {"status", "in_service"}, {"status_on", today}, {"override_reason", reason}});
  ASSERT_EQ(accepted.status, 303) << accepted.body;
  const auto history = b.get(edit(id) + "/conformite");
  EXPECT_TRUE(contains(history.body, reason));
  EXPECT_TRUE(contains(history.body, "Dérogation\u00a0:"));
  page = b.get(edit(id));
  EXPECT_TRUE(contains(page.body, reason));
  EXPECT_TRUE(contains(page.body, "value=\"closed\""));  // the next and last step

  // A step that is not the next one is refused.
  const auto skipped = b.post(edit(id) + "/statut", {{"csrf", csrf}, {"status", "planned"}, {"status_on", today}});
  EXPECT_EQ(skipped.status, 400);
}

TEST_F(CentreAdminPages, PostsAreAddedAndRemovedButNotThoseWithBookings) {
  Browser b(*server_);
  sign_in(b, kAdmin, kAdminPassword);
  const long id = create(b, "Télécentre de Salers", "15219");
  ASSERT_GT(id, 0);
  auto page = b.get(edit(id));
  Fields offices = section_fields(page.body, "offices");
  ASSERT_EQ(value_of(offices, "office_1_post_2_label"), "Poste 2");
  offices = with(offices, "office_1_name", "Bureau du rez-de-chaussée");
  offices = with(offices, "office_1_post_2_remove", "yes");
  offices = with(offices, "office_1_add", "2");
  offices = with(offices, "office_2_name", "Salle de réunion");
  offices = with(offices, "office_2_add", "1");
  const auto saved = b.post(edit(id), offices);
  ASSERT_EQ(saved.status, 303) << saved.body;
  page = b.get(edit(id));
  EXPECT_EQ(input_value(page.body, "office_1_name"), "Bureau du rez-de-chaussée");
  EXPECT_EQ(input_value(page.body, "office_2_name"), "Salle de réunion");
  EXPECT_TRUE(contains(page.body, "2 bureaux, 5 postes"));
  EXPECT_EQ(input_value(page.body, "office_1_post_2_label"), "Poste 3");

  // A Murat post with a booking: its removal is refused, and the page says why.
  const std::string date = open_date(*server_, murat_);
  ASSERT_FALSE(date.empty());
  const json apps = json::parse(server_->get("/api/v1/applications", admin_.read()).body);
  ASSERT_FALSE(apps["applications"].empty());
  const auto booked = server_->request("POST", "/api/v1/bookings",
                                       json{{"centre_id", murat_},
                                            {"date", date},
                                            {"slot", "morning"},
                                            {"person_id", apps["applications"][0]["person_id"]}}
                                           .dump(),
                                       admin_.write());
  ASSERT_EQ(booked.status, 201) << booked.body;
  const std::string post = std::to_string(json::parse(booked.body)["bookings"][0]["post_id"].get<long>());
  const auto murat = b.get(edit(murat_));
  Fields murat_offices = section_fields(murat.body, "offices");
  std::string remove_name;
  for (const auto& [name, value] : murat_offices)
    if (value == post && name.find("_post_") != std::string::npos && name.ends_with("_id"))
      remove_name = name.substr(0, name.size() - 2) + "remove";
  ASSERT_FALSE(remove_name.empty()) << "post " << post << " not on Murat's page";
  const auto refused = b.post(edit(murat_), with(murat_offices, remove_name, "yes"));
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_TRUE(contains(refused.body, "role=\"alert\""));
  EXPECT_TRUE(contains(refused.body, "Les bureaux et postes n&apos;ont pas été enregistrés\u00a0: "));
  EXPECT_TRUE(contains(refused.body, "a des réservations ou des conventions d&apos;occupation"));
  EXPECT_TRUE(contains(refused.body, "value=\"" + post + "\""));  // the page shown again, the post still there
  EXPECT_TRUE(contains(b.get(edit(murat_)).body, "value=\"" + post + "\""));
}

TEST_F(CentreAdminPages, TheZrrOverrideNeedsAReasonAndClosuresAreRemovedByTicking) {
  Browser b(*server_);
  sign_in(b, kAdmin, kAdminPassword);
  const long id = create(b, "Télécentre de Saint-Bonnet-de-Salers", "15174");
  ASSERT_GT(id, 0);
  auto page = b.get(edit(id));
  EXPECT_TRUE(contains(page.body, "La commune de Saint-Bonnet-de-Salers est classée en ZRR."));
  EXPECT_TRUE(contains(page.body, "id=\"zrr\" name=\"zrr\" value=\"commune\" checked"));
  Fields zrr = with(section_fields(page.body, "zrr"), "zrr", "not_zrr");
  const auto refused = b.post(edit(id), zrr);
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(contains(refused.body, "<li><a href=\"#zrr_reason\">Motivez la dérogation"));
  EXPECT_TRUE(contains(refused.body, "id=\"zrr-not_zrr\" name=\"zrr\" value=\"not_zrr\" checked"));
  ASSERT_EQ(b.post(edit(id), with(zrr, "zrr_reason", "Arrêté du 1er juillet 2024")).status, 303);
  page = b.get(edit(id) + "?fait=zrr");
  EXPECT_TRUE(contains(page.body, "Le classement ZRR a été enregistré."));
  EXPECT_TRUE(contains(page.body, "id=\"zrr-not_zrr\" name=\"zrr\" value=\"not_zrr\" checked"));
  EXPECT_TRUE(contains(page.body, "Arrêté du 1er juillet 2024"));

  // Two closures, one removed by ticking it; a single day when the last day is left empty.
  Fields closures = section_fields(page.body, "closures");
  ASSERT_EQ(b.post(edit(id), with(with(closures, "closure_from", "2030-12-24"), "closure_to", "2031-01-01")).status,
            303);
  page = b.get(edit(id));
  ASSERT_EQ(b.post(edit(id), with(section_fields(page.body, "closures"), "closure_from", "2030-05-08")).status, 303);
  page = b.get(edit(id));
  EXPECT_TRUE(contains(page.body, "Fermé du 24 décembre 2030 au 1er janvier 2031"));
  EXPECT_TRUE(contains(page.body, "Fermé le 8 mai 2030"));
  const auto backwards = b.post(
      edit(id),
      with(with(section_fields(page.body, "closures"), "closure_from", "2030-06-10"), "closure_to", "2030-06-01"));
  EXPECT_EQ(backwards.status, 400);
  EXPECT_TRUE(contains(backwards.body, "Le dernier jour de fermeture ne peut pas précéder le premier."));
  ASSERT_EQ(b.post(edit(id), with(section_fields(page.body, "closures"), "closure_remove", "0")).status, 303);
  page = b.get(edit(id));
  EXPECT_EQ(count_of(page.body, "Fermé le 8 mai 2030"), 0u);
  EXPECT_TRUE(contains(page.body, "Fermé du 24 décembre 2030 au 1er janvier 2031"));

  // Services: the reception makes the premises conform.
  Fields services = with(section_fields(page.body, "services"), "reception", "secretariat");
  ASSERT_EQ(b.post(edit(id), services).status, 303);
  const auto conformity = b.get(edit(id) + "/conformite");
  EXPECT_TRUE(contains(conformity.body, "<strong>Conforme</strong>"));
  EXPECT_EQ(count_of(conformity.body, "</svg> Rempli</span>"), 7u);
}

TEST_F(CentreAdminPages, FormsWithoutTheirTokenAreRefusedAndStrangersAreKeptOut) {
  Browser admin(*server_);
  sign_in(admin, kAdmin, kAdminPassword);
  const std::size_t before = directory().size();
  Fields fields = new_centre("", "Télécentre sans jeton", "15153");
  fields.erase(fields.begin());  // no csrf field
  EXPECT_EQ(admin.post("/admin/centres/nouveau", fields).status, 403);
  EXPECT_EQ(admin.post("/admin/centres/nouveau", new_centre("wrong", "Télécentre sans jeton", "15153")).status, 403);
  EXPECT_EQ(directory().size(), before);
  const auto page = admin.get(edit(murat_));
  Fields hours = section_fields(page.body, "hours");
  hours = with(hours, "csrf", "wrong");
  EXPECT_EQ(admin.post(edit(murat_), hours).status, 403);
  EXPECT_EQ(admin.post(edit(murat_) + "/statut", {{"status", "closed"}}).status, 403);
  EXPECT_TRUE(contains(server_->get("/centres/" + std::to_string(murat_)).body, "En service"));

  Browser anonymous(*server_);
  const auto redirected = anonymous.get("/admin/centres");
  EXPECT_EQ(redirected.status, 303);
  EXPECT_EQ(redirected.header("location"), "/connexion?next=/admin/centres");
  EXPECT_EQ(anonymous.post(edit(murat_), hours).status, 303);

  Browser teleworker(*server_);
  sign_in(teleworker, kTeleworker, kTeleworkerPassword);
  EXPECT_EQ(teleworker.get("/admin/centres").status, 403);
  EXPECT_EQ(teleworker.get(edit(murat_)).status, 403);
  // No "Administration" link for them.
  EXPECT_FALSE(contains(teleworker.get("/compte").body, "href=\"/admin/centres\""));
}

}  // namespace
}  // namespace tc::test
