// Stored cross-site scripting: a probe written through every free-text field that pages show comes back escaped
// on every page that shows it (never a raw <script> or <img src=x …>), as the same data in the JSON, and intact
// in the exports (CSV, workbook, iCalendar) without breaking their structure.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

// Each field gets the probe behind its own tag, so that a page that shows it can be told from one that does not.
std::string probe(const std::string& tag) {
  return tag + R"( <script>alert(1)</script>"'><img src=x onerror=alert(1)>)";
}
// What the probe's dangerous part must never be on a page.
const std::vector<std::string> kRaw = {"<script>alert(1)", "<img src=x", "<img src=\"x\"", "onerror=alert(1)>"};
// Mustache's escaping of that part (quotes included).
const std::string kEscaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&apos;&gt;&lt;img src=x onerror=alert(1)&gt;";

class StoredXss : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    admin_ = sign_in_api(*server_, kAdmin, kAdminPassword);
    animator_ = sign_in_api(*server_, "animation@demo.telecentres.example", "demo-animation-reseau");
    teleworker_ = sign_in_api(*server_, kTeleworker, kTeleworkerPassword);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static HttpResponse send(const Signed& who, const std::string& method, const std::string& path, const json& body) {
    return server_->request(method, path, body.dump(), who.write());
  }
  static ServerProcess* server_;
  static Signed admin_, animator_, teleworker_;
};
ServerProcess* StoredXss::server_ = nullptr;
Signed StoredXss::admin_, StoredXss::animator_, StoredXss::teleworker_;

// A page as `who` sees it: no raw probe; and, for each tag it should show, that tag's escaped probe.
void expect_escaped(const HttpResponse& page, const std::string& target, const std::vector<std::string>& tags) {
  SCOPED_TRACE(target + " → " + std::to_string(page.status));
  EXPECT_EQ(page.status, 200) << page.body.substr(0, 300);
  for (const auto& raw : kRaw) {
    const auto at = page.body.find(raw);
    EXPECT_EQ(at, std::string::npos) << "raw «" << raw << "» in: "
                                     << page.body.substr(at == std::string::npos ? 0 : (at > 200 ? at - 200 : 0), 400);
  }
  for (const auto& tag : tags) {
    std::string shown = tag;
    shown += " ";
    shown += kEscaped;
    EXPECT_TRUE(contains(page.body, shown)) << tag << " not shown escaped";
  }
}

// RFC 4180 with ';' (the CSV writer's French-Excel dialect): the rows' fields.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ';') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

TEST_F(StoredXss, EveryFreeTextFieldComesBackEscapedOnPagesAsDataInJsonAndIntactInExports) {
  ServerProcess& s = *server_;
  const long murat = centre_near(s, "15138");
  const std::string murat_id = std::to_string(murat);

  // ---- writes, through the API and the forms ----
  // The teleworker's profile: display name and employer (the profile form).
  Browser teleworker(s);
  ASSERT_EQ(teleworker.sign_in(kTeleworker, kTeleworkerPassword).status, 303);
  const std::string csrf = csrf_field(teleworker.get("/compte").body);
  const HttpResponse profile = teleworker.post("/compte/profil", {{"csrf", csrf},
                                                                  {"display_name", probe("NOM")},
                                                                  {"category", "distant_employee"},
                                                                  {"home_commune", "15138"},
                                                                  {"workplace_commune", "15014"},
                                                                  {"employer", probe("EMPLOYEUR")},
                                                                  {"rqth", "unsaid"}});
  ASSERT_EQ(profile.status, 303) << profile.body.substr(0, 2000);
  const Signed me = sign_in_api(s, kTeleworker, kTeleworkerPassword);
  // An application to Saint-Flour with a motivation.
  const long saint_flour = centre_near(s, "15187");
  HttpResponse r = send(me, "POST", "/api/v1/applications",
                        {{"centre_id", saint_flour},
                         {"days_per_week", 2},
                         {"start_date", "2030-01-07"},
                         {"motivation", probe("MOTIVATION")}});
  ASSERT_EQ(r.status, 201) << r.body;
  const long application = json::parse(r.body)["id"];
  // Murat's name, address, description, host authority and a closure's reason (the admin).
  r = send(admin_, "PATCH", "/api/v1/centres/" + murat_id,
           {{"name", probe("CENTRE")},
            {"address", probe("ADRESSE")},
            {"description", probe("DESCRIPTION")},
            {"host_authority", probe("COLLECTIVITE")},
            {"closures", {{{"from", "2030-08-01"}, {"to", "2030-08-16"}, {"reason", probe("FERMETURE")}}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  // Equipment at Murat.
  r = send(admin_, "POST", "/api/v1/centres/" + murat_id + "/equipment",
           {{"category", "other"}, {"description", probe("MATERIEL")}});
  ASSERT_EQ(r.status, 201) << r.body;
  // An event: title, description, place; and a registration by name.
  r = send(animator_, "POST", "/api/v1/events",
           {{"type", "information_meeting"},
            {"title", probe("TITRE")},
            {"description", probe("PRESENTATION")},
            {"date", "2099-06-15"},
            {"starts", "18:00"},
            {"ends", "20:00"},
            {"commune", "15138"},
            {"address", probe("LIEU")},
            {"capacity", 10},
            {"audiences", {"public"}}});
  ASSERT_EQ(r.status, 201) << r.body;
  const json event = json::parse(r.body);
  const std::string event_id = std::to_string(event["id"].get<long>());
  r = s.request("POST", "/api/v1/events/" + event_id + "/registrations",
                json{{"name", probe("INSCRIT")}, {"email", "inscrit@example.fr"}}.dump(),
                {{"Content-Type", "application/json"}});
  ASSERT_EQ(r.status, 201) << r.body;
  // A company of the prospection pipeline: name, sector, next action, a contact, a move with a note.
  r = send(animator_, "POST", "/api/v1/companies",
           {{"name", probe("ENTREPRISE")},
            {"sector", probe("SECTEUR")},
            {"next_action", probe("ACTION")},
            {"next_action_on", "2030-01-15"},
            {"contacts", {{{"name", probe("CONTACT")}, {"role", "DRH"}, {"email", "contact@example.fr"}}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string company = json::parse(r.body)["href"];
  const std::string company_id = company.substr(company.rfind('/') + 1);
  r = send(animator_, "POST", company + "/stage", {{"stage", "contacted"}, {"note", probe("NOTE")}});
  EXPECT_EQ(r.status / 100, 2) << r.body;
  // A communication plan action.
  r = send(animator_, "POST", "/api/v1/communication/actions",
           {{"title", probe("COMMUNICATION")},
            {"axis", "attract"},
            {"channel", "fair"},
            {"date", "2026-11-11"},
            {"cost_cents", 1000},
            {"reach", 10},
            {"contacts", 1},
            {"description", probe("DEROULE")}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string action_id = std::to_string(json::parse(r.body)["id"].get<long>());
  // A booking of the teleworker at Murat, cancelled by the admin with a reason.
  const std::string date = open_date(s, murat, 3);
  ASSERT_FALSE(date.empty());
  r = send(admin_, "POST", "/api/v1/bookings",
           {{"centre_id", murat}, {"date", date}, {"slot", "morning"}, {"person_id", me.id}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string booking = std::to_string(json::parse(r.body)["bookings"][0]["id"].get<long>());
  r = send(admin_, "DELETE", "/api/v1/bookings/" + booking, {{"reason", probe("ANNULATION")}});
  ASSERT_EQ(r.status / 100, 2) << r.body;
  // An occupancy agreement of the teleworker at Murat, ended with a reason.
  const json centre = json::parse(s.get("/api/v1/centres/" + murat_id).body);
  // The first post of Murat free of any agreement then.
  r = HttpResponse{};
  for (const auto& office : centre["offices"])
    for (const auto& post : office["posts"])
      if (r.status != 201)
        r = send(admin_, "POST", "/api/v1/centres/" + murat_id + "/agreements",
                 {{"post_id", post["id"]}, {"person_id", me.id}, {"from", "2031-01-01"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string agreement = std::to_string(json::parse(r.body)["id"].get<long>());
  r = send(admin_, "POST", "/api/v1/agreements/" + agreement + "/end",
           {{"on", "2031-03-31"}, {"reason", probe("FIN")}});
  ASSERT_EQ(r.status, 200) << r.body;

  // ---- pages ----
  Browser admin(s);
  ASSERT_EQ(admin.sign_in(kAdmin, kAdminPassword).status, 303);
  Browser animator(s);
  ASSERT_EQ(animator.sign_in("animation@demo.telecentres.example", "demo-animation-reseau").status, 303);
  Browser anonymous(s);
  struct Page {
    Browser* who;
    std::string target;
    std::vector<std::string> tags;
  };
  const std::vector<Page> pages = {
      {&anonymous, "/", {"CENTRE"}},
      {&anonymous, "/?q=murat&within_km=10", {"CENTRE"}},
      {&anonymous, "/centres/" + murat_id, {"CENTRE", "ADRESSE", "DESCRIPTION", "FERMETURE"}},
      {&anonymous, "/centres/" + murat_id + "/reservations", {"CENTRE"}},
      {&anonymous, "/evenements", {"TITRE"}},
      {&anonymous, "/evenements/" + event_id, {"TITRE", "PRESENTATION", "LIEU"}},
      {&teleworker, "/compte", {"NOM", "EMPLOYEUR"}},
      {&teleworker, "/candidatures", {}},
      {&teleworker, "/reservations", {"ANNULATION"}},
      {&teleworker, "/compte/donnees", {}},
      {&admin, "/candidatures/" + std::to_string(application), {"NOM", "MOTIVATION"}},
      {&admin, "/candidatures", {"NOM"}},
      {&admin, "/admin/centres", {"CENTRE"}},
      {&admin, "/admin/centres/" + murat_id, {"CENTRE", "ADRESSE", "DESCRIPTION", "FERMETURE"}},
      {&admin, "/admin/centres/" + murat_id + "/conformite", {"CENTRE"}},
      {&admin, "/admin/conformite", {"CENTRE"}},
      {&admin, "/admin/centres/" + murat_id + "/equipement", {"MATERIEL"}},
      {&admin, "/admin/equipement", {}},  // counts per centre and category
      {&admin, "/admin/centres/" + murat_id + "/conventions", {"NOM", "FIN"}},
      {&admin, "/accueil/" + murat_id + "?date=" + date, {"NOM", "ANNULATION"}},
      {&admin, "/admin/subvention?bareme=DIACT-2006&du=2031-01-01&au=2031-12-31", {"CENTRE"}},
      {&admin, "/admin/journal", {}},
      {&admin, "/admin/evaluation", {}},
      {&animator, "/evenements/" + event_id + "/inscrits", {"INSCRIT"}},
      {&animator, "/admin/prospection", {"ENTREPRISE"}},
      {&animator, "/admin/prospection/" + company_id, {"ENTREPRISE", "SECTEUR", "ACTION", "CONTACT", "NOTE"}},
      {&animator, "/admin/communication", {"COMMUNICATION"}},
      {&animator, "/admin/communication/" + action_id, {"COMMUNICATION", "DEROULE"}},
      {&animator, "/conseil", {}},
  };
  for (const auto& p : pages) expect_escaped(p.who->get(p.target), p.target, p.tags);

  // ---- JSON: the same text, as data ----
  const json c = json::parse(s.get("/api/v1/centres/" + murat_id).body);
  EXPECT_EQ(c["name"], probe("CENTRE"));
  EXPECT_EQ(c["description"], probe("DESCRIPTION"));
  const json found = json::parse(s.get("/api/v1/centres?near=15138&within_km=3").body);
  EXPECT_EQ(found["centres"][0]["name"], probe("CENTRE"));
  const json profile_json = json::parse(s.get("/api/v1/me", me.read()).body);
  EXPECT_EQ(profile_json["profile"]["display_name"], probe("NOM"));
  EXPECT_EQ(profile_json["profile"]["employer"], probe("EMPLOYEUR"));
  EXPECT_EQ(json::parse(s.get("/api/v1/events/" + event_id).body)["title"], probe("TITRE"));
  EXPECT_EQ(json::parse(s.get(company, animator_.read()).body)["name"], probe("ENTREPRISE"));
  EXPECT_EQ(json::parse(s.get("/api/v1/communication/actions/" + action_id, animator_.read()).body)["title"],
            probe("COMMUNICATION"));
  for (const std::string& target : {"/api/v1/centres/" + murat_id, std::string("/api/v1/me")}) {
    const HttpResponse j = s.get(target, me.read());
    EXPECT_EQ(j.header("content-type").rfind("application/json", 0), 0u) << target;
  }

  // ---- exports ----
  // CSV: every row has as many fields as the header, and the probe is one field, whole.
  for (const std::string& target :
       {std::string("/api/v1/equipment.csv"), std::string("/api/v1/indicators.csv?from=2026-01-01&to=2031-12-31")}) {
    const HttpResponse csv = s.get(target, admin_.read());
    ASSERT_EQ(csv.status, 200) << target << " " << csv.body.substr(0, 300);
    const auto rows = parse_csv(csv.body);
    ASSERT_FALSE(rows.empty()) << target;
    if (target.find("equipment") != std::string::npos) {
      bool whole = false;
      for (const auto& row : rows) {
        EXPECT_EQ(row.size(), rows[0].size()) << target;
        for (const auto& f : row) whole = whole || f == probe("MATERIEL") || f == probe("CENTRE");
      }
      EXPECT_TRUE(whole) << target << ": the probe is not one whole field";
    }
  }
  // Workbook: a zip archive (the writer does not choke on the text).
  const HttpResponse xlsx = s.get("/api/v1/equipment.xlsx", admin_.read());
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);
  // iCalendar: the event's SUMMARY and LOCATION hold the probe, escaped per RFC 5545, each on its own property
  // line; no line but a folded continuation starts with a space.
  const HttpResponse ics = s.get("/api/v1/events/" + event_id + "/event.ics");
  ASSERT_EQ(ics.status, 200);
  std::string unfolded;
  std::istringstream lines(ics.body);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line.front() == ' ')
      unfolded += line.substr(1);
    else
      unfolded += (unfolded.empty() ? "" : "\n") + line;
  }
  EXPECT_TRUE(contains(unfolded, "\nSUMMARY:" + probe("TITRE") + "\n")) << unfolded;
  EXPECT_TRUE(contains(unfolded, "BEGIN:VCALENDAR")) << unfolded;
  EXPECT_TRUE(contains(unfolded, "END:VCALENDAR")) << unfolded;
}

}  // namespace
}  // namespace tc::test
