// The administration pages for equipment, occupancy agreements and the FNADT grant, as a browser without
// JavaScript uses them: the admin reads the grant's statement with every amount written the French way
// ("12 000,00 €", with its no-break spaces) and the same figures as /api/v1/grant; hosts, teleworkers and the
// animator are refused; a ruleset added through the form is offered and its amounts are used; a wrong ruleset is
// refused in words with nothing added; the admin adds an item of equipment and changes its state, the Murat host
// reads Murat's inventory without a form and does not find Saint-Flour's; an agreement is recorded, shows as in
// force, is ended and shows as over; forms without their anti-CSRF token are refused. Against the real program
// with the demo network.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

const std::string kAnimator = "animation@demo.telecentres.example";
const std::string kAnimatorPassword = "demo-animation-reseau";

// "12 000,00 €" as domain::format_euros writes it: U+202F between thousands, U+00A0 before the euro sign.
std::string euros(long long cents) {
  const std::string digits = std::to_string(cents / 100);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += "\u202F";
    grouped += digits[i];
  }
  char rest[8];
  std::snprintf(rest, sizeof rest, "%02lld", cents % 100);
  return grouped + "," + rest + "\u00A0€";
}

std::string iso_days_from_today(int days) {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day d{today + std::chrono::days{days}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

// Text as the templates write it in HTML.
std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

// The first capture of `pattern` in `text`, or "".
std::string first_match(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : std::string();
}

class GrantPages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    murat_ = centre_near(*server_, "15138");
    saint_flour_ = centre_near(*server_, "15187");
    admin_ = sign_in_api(*server_, kAdmin, kAdminPassword);
    teleworker_ = sign_in_api(*server_, kTeleworker, kTeleworkerPassword);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static void sign_in(Browser& b, const std::string& email, const std::string& password) {
    const auto r = b.sign_in(email, password);
    ASSERT_EQ(r.status, 303) << r.body;
  }

  static std::string equipment(long centre) { return "/admin/centres/" + std::to_string(centre) + "/equipement"; }
  static std::string agreements(long centre) { return "/admin/centres/" + std::to_string(centre) + "/conventions"; }

  static json grant_json(const std::string& ruleset, const std::string& from, const std::string& to) {
    const auto r = server_->get("/api/v1/grant?ruleset=" + ruleset + "&from=" + from + "&to=" + to, admin_.read());
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }

  static std::size_t ruleset_count() {
    const auto r = server_->get("/api/v1/grant/rulesets", admin_.read());
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body)["rulesets"].size();
  }

  static ServerProcess* server_;
  static long murat_, saint_flour_;
  static Signed admin_, teleworker_;
};
ServerProcess* GrantPages::server_ = nullptr;
long GrantPages::murat_ = 0;
long GrantPages::saint_flour_ = 0;
Signed GrantPages::admin_;
Signed GrantPages::teleworker_;

TEST_F(GrantPages, TheAdminReadsTheStatementWithTheApisFiguresWrittenTheFrenchWay) {
  Browser b(*server_);
  sign_in(b, kAdmin, kAdminPassword);
  const std::string query = "bareme=DIACT-2006&du=2026-01-01&au=2026-12-31";
  const auto page = b.get("/admin/subvention?" + query);
  ASSERT_EQ(page.status, 200) << page.body;
  const std::string html = main_of(page.body);
  const json api = grant_json("DIACT-2006", "2026-01-01", "2026-12-31");

  ASSERT_FALSE(api["centres"].empty()) << "the demo network has no eligible centre";
  for (const auto& line : api["centres"]) {
    EXPECT_TRUE(contains(html, escaped(line["name"].get<std::string>()))) << line["name"];
    EXPECT_TRUE(contains(html, euros(line["base_cents"]))) << line["name"];
    EXPECT_TRUE(contains(html, euros(line["per_post_cents"]))) << line["name"];
    EXPECT_TRUE(contains(html, euros(line["total_cents"]))) << line["name"];
  }
  // The DIACT-2006 amounts: a centre in a ZRR is 12 000,00 €, outside 8 000,00 €; the envelope 100 000,00 €.
  const bool any_zrr =
      std::any_of(api["centres"].begin(), api["centres"].end(), [](const json& l) { return l["zrr"]; });
  EXPECT_TRUE(contains(html, any_zrr ? "12\u202F000,00\u00A0€" : "8\u202F000,00\u00A0€"));
  EXPECT_TRUE(contains(html, "100\u202F000,00\u00A0€"));
  EXPECT_TRUE(contains(html, euros(api["total_cents"])));
  EXPECT_TRUE(contains(html, euros(api["payable_cents"])));
  EXPECT_TRUE(contains(html, euros(api["remaining_cents"])));
  EXPECT_TRUE(contains(html, euros(api["forecast"]["network_total_cents"])));
  if (api["shortfall_cents"].get<long long>() > 0) {
    EXPECT_TRUE(contains(html, "plafonné à"));
  }

  // A real table; the rules that decide, in words; the exports with the API's names; the sign-off.
  EXPECT_TRUE(contains(html, "<caption"));
  EXPECT_TRUE(contains(html, "<th scope=\"col\""));
  EXPECT_TRUE(contains(html, "<th scope=\"row\""));
  EXPECT_TRUE(contains(html, "Classement ZRR au premier jour de la période"));
  EXPECT_TRUE(contains(html, "si tous leurs postes étaient occupés"));
  EXPECT_TRUE(contains(html, "/api/v1/grant.xlsx?ruleset=DIACT-2006&amp;from=2026-01-01&amp;to=2026-12-31"));
  EXPECT_TRUE(contains(html, "/api/v1/grant.csv?ruleset=DIACT-2006&amp;from=2026-01-01&amp;to=2026-12-31"));
  EXPECT_TRUE(contains(html, "Arrêté le "));
  EXPECT_TRUE(contains(html, "selon le barème DIACT-2006"));
  EXPECT_TRUE(contains(html, "Imprimer"));
  // Every post says which rule made it count, or that it did not.
  EXPECT_TRUE(contains(html, "Non occupé") || contains(html, "Réservé ") || contains(html, "Convention n°"));

  // In English too, with the same amounts.
  const auto en = b.get("/admin/subvention?" + query + "&lang=en");
  ASSERT_EQ(en.status, 200);
  EXPECT_TRUE(contains(en.body, "FNADT grant"));
  EXPECT_TRUE(contains(en.body, euros(api["total_cents"])));
  EXPECT_TRUE(contains(en.body, "ZRR classification on the period&apos;s first day"));

  // Without parameters: the current calendar year.
  const auto by_default = b.get("/admin/subvention");
  ASSERT_EQ(by_default.status, 200) << by_default.body;
  const std::string year = iso_days_from_today(0).substr(0, 4);
  EXPECT_TRUE(contains(by_default.body, "value=\"" + year + "-01-01\""));
  EXPECT_TRUE(contains(by_default.body, "value=\"" + year + "-12-31\""));

  // A period that ends before it starts: the form says so.
  const auto wrong = b.get("/admin/subvention?bareme=DIACT-2006&du=2026-12-31&au=2026-01-01");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_TRUE(contains(wrong.body, "role=\"alert\""));
  EXPECT_TRUE(contains(wrong.body, "href=\"#au\""));
}

TEST_F(GrantPages, OnlyAdminsSeeTheGrant) {
  for (const auto& [email, password] : std::vector<std::pair<std::string, std::string>>{
           {kMuratHost, kMuratHostPassword}, {kTeleworker, kTeleworkerPassword}, {kAnimator, kAnimatorPassword}}) {
    Browser b(*server_);
    sign_in(b, email, password);
    for (const char* path : {"/admin/subvention", "/admin/subvention/baremes", "/admin/equipement"}) {
      const auto r = b.get(path);
      EXPECT_EQ(r.status, 403) << email << " " << path;
      EXPECT_FALSE(contains(r.body, "€")) << email << " " << path;
    }
  }
  Browser anonymous(*server_);
  const auto r = anonymous.get("/admin/subvention");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location").rfind("/connexion", 0), 0U);
}

TEST_F(GrantPages, ARulesetAddedThroughTheFormIsOfferedAndItsAmountsAreUsed) {
  Browser b(*server_);
  sign_in(b, kAdmin, kAdminPassword);
  const auto form = b.get("/admin/subvention/baremes");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(contains(form.body, "DIACT-2006"));
  EXPECT_TRUE(contains(form.body, "12\u202F000,00\u00A0€"));
  const auto r = b.post("/admin/subvention/baremes", {{"csrf", csrf_field(form.body)},
                                                      {"name", "ESSAI-2026"},
                                                      {"description", "Barème d'essai."},
                                                      {"valid_from", "2020-01-01"},
                                                      {"valid_to", ""},
                                                      {"centre_zrr", "20 000"},
                                                      {"centre_other", "10000"},
                                                      {"post_zrr", "3000,50"},
                                                      {"post_other", "1 000"},
                                                      {"envelope", "1 000 000"},
                                                      {"agreements_count", "yes"},
                                                      {"booked_share_percent", "25"},
                                                      {"min_broadband_mbps", "2,5"}});
  ASSERT_EQ(r.status, 303) << r.body;
  const auto list = b.get(r.header("location"));
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(contains(list.body, "ESSAI-2026"));
  EXPECT_TRUE(contains(list.body, "3\u202F000,50\u00A0€"));
  EXPECT_TRUE(contains(list.body, "1\u202F000\u202F000,00\u00A0€"));
  EXPECT_TRUE(contains(list.body, "2,5 Mbit/s"));

  const auto offered = b.get("/admin/subvention");
  EXPECT_TRUE(contains(offered.body, "<option value=\"ESSAI-2026\""));
  const auto page = b.get("/admin/subvention?bareme=ESSAI-2026&du=2026-01-01&au=2026-12-31");
  ASSERT_EQ(page.status, 200) << page.body;
  const json api = grant_json("ESSAI-2026", "2026-01-01", "2026-12-31");
  ASSERT_FALSE(api["centres"].empty());
  for (const auto& line : api["centres"]) {
    EXPECT_EQ(line["base_cents"].get<long long>(), line["zrr"].get<bool>() ? 2'000'000 : 1'000'000);
    EXPECT_TRUE(contains(page.body, euros(line["base_cents"])));
    EXPECT_TRUE(contains(page.body, euros(line["total_cents"])));
  }
  EXPECT_TRUE(contains(page.body, "selon le barème ESSAI-2026"));
}

TEST_F(GrantPages, AWrongRulesetIsRefusedInWordsAndNothingIsAdded) {
  Browser b(*server_);
  sign_in(b, kAdmin, kAdminPassword);
  const std::size_t before = ruleset_count();
  const auto form = b.get("/admin/subvention/baremes");
  const auto r = b.post("/admin/subvention/baremes", {{"csrf", csrf_field(form.body)},
                                                      {"name", "FAUX-2026"},
                                                      {"valid_from", "2026-02-30"},
                                                      {"centre_zrr", "-5"},
                                                      {"centre_other", "huit mille"},
                                                      {"post_zrr", "2000"},
                                                      {"post_other", "1500"},
                                                      {"envelope", "100000"},
                                                      {"booked_share_percent", "140"},
                                                      {"min_broadband_mbps", "2"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "role=\"alert\""));
  EXPECT_TRUE(contains(r.body, "Un montant ne peut pas être négatif."));
  EXPECT_TRUE(contains(r.body, "Saisissez une date réelle"));
  EXPECT_TRUE(contains(r.body, "href=\"#valid_from\""));
  EXPECT_TRUE(contains(r.body, "href=\"#centre_zrr\""));
  EXPECT_TRUE(contains(r.body, "href=\"#centre_other\""));
  EXPECT_TRUE(contains(r.body, "href=\"#booked_share_percent\""));
  EXPECT_TRUE(contains(r.body, "aria-invalid=\"true\""));
  EXPECT_EQ(input_value(r.body, "centre_zrr"), "-5");  // kept as typed
  EXPECT_EQ(input_value(r.body, "name"), "FAUX-2026");
  EXPECT_TRUE(contains(r.body, "<title>Erreur"));
  EXPECT_EQ(ruleset_count(), before);

  // A name already taken: 409, said beside the name.
  const auto taken = b.post("/admin/subvention/baremes", {{"csrf", csrf_field(form.body)},
                                                          {"name", "DIACT-2006"},
                                                          {"valid_from", "2026-01-01"},
                                                          {"centre_zrr", "1"},
                                                          {"centre_other", "1"},
                                                          {"post_zrr", "1"},
                                                          {"post_other", "1"},
                                                          {"envelope", "1"},
                                                          {"booked_share_percent", "25"},
                                                          {"min_broadband_mbps", "2"}});
  EXPECT_EQ(taken.status, 409) << taken.body.substr(0, 300);
  EXPECT_TRUE(contains(taken.body, "href=\"#name\""));
  EXPECT_EQ(ruleset_count(), before);
}

TEST_F(GrantPages, TheAdminKeepsTheInventoryAndTheHostReadsOnlyTheirs) {
  Browser admin(*server_);
  sign_in(admin, kAdmin, kAdminPassword);
  const auto page = admin.get(equipment(murat_));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(contains(page.body, "id=\"category\""));
  const auto added = admin.post(equipment(murat_), {{"csrf", csrf_field(page.body)},
                                                    {"category", "computer"},
                                                    {"description", "Poste Dell OptiPlex 7010"},
                                                    {"serial_number", "SN-DELL-0042"},
                                                    {"delivered_on", "2026-03-12"},
                                                    {"state", "in_use"},
                                                    {"note", ""}});
  ASSERT_EQ(added.status, 303) << added.body.substr(0, 500);
  const auto list = admin.get(added.header("location"));
  ASSERT_EQ(list.status, 200);
  const std::string html = main_of(list.body);
  EXPECT_TRUE(contains(html, "Poste Dell OptiPlex 7010"));
  EXPECT_TRUE(contains(html, "SN-DELL-0042"));
  EXPECT_TRUE(contains(html, "12 mars 2026"));
  EXPECT_TRUE(contains(html, "Ordinateur"));
  EXPECT_TRUE(contains(html, "En service"));
  EXPECT_TRUE(contains(html, "role=\"status\""));

  // Its state changes from its row's form.
  const std::string item = first_match(html, "action=\"/admin/equipement/([0-9]+)\\?centre=");
  ASSERT_FALSE(item.empty()) << html;
  const auto changed = admin.post("/admin/equipement/" + item, {{"csrf", csrf_field(list.body)}, {"state", "broken"}});
  ASSERT_EQ(changed.status, 303) << changed.body.substr(0, 500);
  const auto after = main_of(admin.get(changed.header("location")).body);
  EXPECT_TRUE(contains(after, "<strong>En panne</strong>"));
  // An unknown state is refused beside its field.
  const auto wrong = admin.post("/admin/equipement/" + item, {{"csrf", csrf_field(list.body)}, {"state", "lost"}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_TRUE(contains(wrong.body, "href=\"#etat-" + item + "\""));
  // Missing a description: 400, the rest kept.
  const auto incomplete = admin.post(equipment(murat_), {{"csrf", csrf_field(list.body)},
                                                         {"category", "screen"},
                                                         {"description", ""},
                                                         {"serial_number", "SN-ECRAN"},
                                                         {"delivered_on", "2026-13-01"},
                                                         {"state", "in_use"}});
  EXPECT_EQ(incomplete.status, 400);
  EXPECT_TRUE(contains(incomplete.body, "href=\"#description\""));
  EXPECT_TRUE(contains(incomplete.body, "href=\"#delivered_on\""));
  EXPECT_EQ(input_value(incomplete.body, "serial_number"), "SN-ECRAN");

  // The network's inventory counts it.
  const auto network = admin.get("/admin/equipement");
  ASSERT_EQ(network.status, 200);
  EXPECT_TRUE(contains(network.body, equipment(murat_)));
  EXPECT_TRUE(contains(network.body, "/api/v1/equipment.csv"));
  EXPECT_TRUE(contains(network.body, "/api/v1/equipment.xlsx"));
  EXPECT_TRUE(contains(network.body, "<caption"));

  // The Murat host reads Murat's list, without any form to change it; Saint-Flour's is not found.
  Browser host(*server_);
  sign_in(host, kMuratHost, kMuratHostPassword);
  const auto theirs = host.get(equipment(murat_));
  ASSERT_EQ(theirs.status, 200);
  const std::string host_html = main_of(theirs.body);
  EXPECT_TRUE(contains(host_html, "Poste Dell OptiPlex 7010"));
  EXPECT_FALSE(contains(host_html, "<form"));
  EXPECT_EQ(host.get(equipment(saint_flour_)).status, 404);
  const auto refused = host.post(equipment(murat_), {{"csrf", csrf_field(theirs.body)},
                                                     {"category", "other"},
                                                     {"description", "Ajout interdit"},
                                                     {"state", "in_use"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(host.post("/admin/equipement/" + item, {{"csrf", csrf_field(theirs.body)}, {"state", "returned"}}).status,
            403);
  EXPECT_FALSE(contains(admin.get(equipment(murat_)).body, "Ajout interdit"));

  // A teleworker does not find it.
  Browser teleworker(*server_);
  sign_in(teleworker, kTeleworker, kTeleworkerPassword);
  const int status = teleworker.get(equipment(murat_)).status;
  EXPECT_TRUE(status == 404 || status == 403) << status;
}

TEST_F(GrantPages, AnAgreementIsRecordedShowsInForceAndShowsOverOnceEnded) {
  Browser b(*server_);
  sign_in(b, kAdmin, kAdminPassword);
  const auto page = b.get(agreements(murat_));
  ASSERT_EQ(page.status, 200) << page.body;
  // A post of Murat free from a month ago on: no agreement of the demo's covers it then.
  const std::string from = iso_days_from_today(-30);
  const json agreements_now =
      json::parse(server_->get("/api/v1/centres/" + std::to_string(murat_) + "/agreements", admin_.read()).body);
  const json centre = json::parse(server_->get("/api/v1/centres/" + std::to_string(murat_)).body);
  std::string post;
  for (const auto& office : centre["offices"])
    for (const auto& p : office["posts"]) {
      const bool taken =
          std::any_of(agreements_now["agreements"].begin(), agreements_now["agreements"].end(), [&](const json& a) {
            if (a["post_id"] != p["id"]) return false;
            const json last = a["ended_on"].is_null() ? a["to"] : a["ended_on"];
            return last.is_null() || last.get<std::string>() >= from;
          });
      if (!taken && post.empty()) post = std::to_string(p["id"].get<long>());
    }
  ASSERT_FALSE(post.empty()) << "no free post at Murat";
  EXPECT_TRUE(contains(page.body, "<option value=\"" + post + "\""));
  const auto recorded = b.post(agreements(murat_), {{"csrf", csrf_field(page.body)},
                                                    {"post_id", post},
                                                    {"person_id", ""},
                                                    {"person_number", std::to_string(teleworker_.id)},
                                                    {"from", from},
                                                    {"to", ""}});
  ASSERT_EQ(recorded.status, 303) << recorded.body.substr(0, 800);
  const auto list = b.get(recorded.header("location"));
  std::string html = main_of(list.body);
  EXPECT_TRUE(contains(html, "La convention est enregistrée."));
  EXPECT_TRUE(contains(html, "Sans terme"));
  EXPECT_TRUE(contains(html, "<strong>En cours</strong>"));
  const std::string agreement = first_match(html, "action=\"/admin/conventions/([0-9]+)/fin\\?centre=");
  ASSERT_FALSE(agreement.empty()) << html;

  // The same post over the same days again: a conflict, said in words.
  const auto twice = b.post(agreements(murat_), {{"csrf", csrf_field(list.body)},
                                                 {"post_id", post},
                                                 {"person_number", std::to_string(teleworker_.id)},
                                                 {"from", from}});
  EXPECT_GE(twice.status, 400);
  EXPECT_LT(twice.status, 500);
  EXPECT_TRUE(contains(twice.body, "role=\"alert\""));

  // Ending it without a reason is refused; with one, it shows as over.
  const std::string end = "/admin/conventions/" + agreement + "/fin";
  const auto no_reason = b.post(end, {{"csrf", csrf_field(list.body)}, {"ended_on", iso_days_from_today(-1)}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_TRUE(contains(no_reason.body, "href=\"#motif-" + agreement + "\""));
  const auto ended = b.post(end, {{"csrf", csrf_field(list.body)},
                                  {"ended_on", iso_days_from_today(-1)},
                                  {"reason", "Départ du télétravailleur"}});
  ASSERT_EQ(ended.status, 303) << ended.body.substr(0, 800);
  html = main_of(b.get(ended.header("location")).body);
  EXPECT_TRUE(contains(html, "Départ du télétravailleur"));
  EXPECT_TRUE(contains(html, "<strong>Terminée</strong>"));
  EXPECT_FALSE(contains(html, "action=\"/admin/conventions/" + agreement + "/fin"));

  // The Murat host records agreements too; Saint-Flour's are not theirs.
  Browser host(*server_);
  sign_in(host, kMuratHost, kMuratHostPassword);
  const auto theirs = host.get(agreements(murat_));
  EXPECT_EQ(theirs.status, 200);
  EXPECT_TRUE(contains(theirs.body, "Départ du télétravailleur"));
  EXPECT_EQ(host.get(agreements(saint_flour_)).status, 404);
  Browser teleworker(*server_);
  sign_in(teleworker, kTeleworker, kTeleworkerPassword);
  const int status = teleworker.get(agreements(murat_)).status;
  EXPECT_TRUE(status == 404 || status == 403) << status;
}

TEST_F(GrantPages, FormsWithoutTheirTokenAreRefused) {
  Browser b(*server_);
  sign_in(b, kAdmin, kAdminPassword);
  const std::size_t before = ruleset_count();
  const auto ruleset = b.post("/admin/subvention/baremes", {{"name", "SANS-JETON"},
                                                            {"valid_from", "2026-01-01"},
                                                            {"centre_zrr", "1"},
                                                            {"centre_other", "1"},
                                                            {"post_zrr", "1"},
                                                            {"post_other", "1"},
                                                            {"envelope", "1"},
                                                            {"booked_share_percent", "25"},
                                                            {"min_broadband_mbps", "2"}});
  EXPECT_EQ(ruleset.status, 403);
  EXPECT_EQ(ruleset_count(), before);
  const auto item = b.post(equipment(murat_), {{"category", "other"}, {"description", "Sans jeton"}});
  EXPECT_EQ(item.status, 403);
  EXPECT_FALSE(contains(b.get(equipment(murat_)).body, "Sans jeton"));
  const auto agreement = b.post(agreements(murat_), {{"post_id", "1"}, {"person_number", "1"}, {"from", "2026-01-01"}});
  EXPECT_EQ(agreement.status, 403);
  EXPECT_EQ(b.post("/admin/conventions/1/fin", {{"ended_on", "2026-01-01"}, {"reason", "x"}}).status / 100, 4);
  // With a wrong token too.
  const auto wrong = b.post(equipment(murat_), {{"csrf", "pas-le-bon"}, {"category", "other"}, {"description", "X"}});
  EXPECT_EQ(wrong.status, 403);
}

}  // namespace
}  // namespace tc::test
