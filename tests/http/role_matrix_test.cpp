// Every route × every role: who is let in and who is not. The table below must name every route the program
// serves (`telecentres routes`); a new route without a line here fails the test, so nobody adds an endpoint
// without deciding who may use it. "Denied" means 401, 403 or 404 (404 where existence itself is private);
// "allowed" means any other answer (2xx, 3xx, or a 400/409 about the request's content, past the gate).
// Callers send valid credentials and their CSRF token: this is about roles; requests without a CSRF token are
// refused by tests of their own.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>

#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

enum Who { Anonymous, Teleworker, Host, Animator, Admin, kWhoCount };
constexpr const char* kWhoNames[] = {"anonymous", "teleworker", "host", "animator", "admin"};

using Caller = Signed;

// For each route: the concrete path and body to send, and who must be let in (A) or denied (D), in Who order.
struct Expectation {
  std::string method, pattern, path, body;
  std::string verdicts;    // e.g. "DAAAA": anonymous denied, everyone else allowed
  bool signs_out = false;  // ends the caller's session: everyone signs in again before it
};

// A page that sends an anonymous visitor to the sign-in form denies too.
bool denied(const HttpResponse& r) {
  return r.status == 401 || r.status == 403 || r.status == 404 ||
         (r.status == 303 && r.header("location").rfind("/connexion", 0) == 0);
}

class RoleMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    sign_everyone_in();
  }
  // Fresh sessions for every role (the routes that sign out end them).
  static void sign_everyone_in() {
    auto sign_in = [](const std::string& email, const std::string& password) {
      return sign_in_api(*server_, email, password);
    };
    callers_[Teleworker] = sign_in("teleworker@demo.telecentres.example", "demo-teletravail-cantal");
    callers_[Host] = sign_in("accueil.murat@demo.telecentres.example", "demo-accueil-murat");
    callers_[Animator] = sign_in("animation@demo.telecentres.example", "demo-animation-reseau");
    callers_[Admin] = sign_in("admin@demo.telecentres.example", "demo-conseil-cantal");
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static HttpResponse send(Who who, const Expectation& e) {
    std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
    if (who != Anonymous) {
      headers["Cookie"] = callers_[who].cookie;
      headers["X-CSRF-Token"] = callers_[who].csrf;
    }
    return server_->request(e.method, e.path, e.body, headers);
  }
  static ServerProcess* server_;
  static Caller callers_[kWhoCount];
};
ServerProcess* RoleMatrix::server_ = nullptr;
Caller RoleMatrix::callers_[kWhoCount];

// An application at Saint-Flour (not the Murat host's centre), and one at Murat.
long application_at(ServerProcess& s, const Caller& admin, const std::string& insee) {
  const json centres = json::parse(s.get("/api/v1/centres?near=" + insee + "&within_km=3").body);
  const long centre = centres["centres"][0]["id"];
  const json apps = json::parse(
      s.get("/api/v1/applications?state=waitlisted&centre_id=" + std::to_string(centre), {{"Cookie", admin.cookie}})
          .body);
  return apps["applications"][0]["id"];
}

TEST_F(RoleMatrix, EveryRouteLetsInOnlyWhoItShould) {
  const long saint_flour_app = application_at(*server_, callers_[Admin], "15187");
  const std::string sf = "/api/v1/applications/" + std::to_string(saint_flour_app);
  const std::string decision = json{{"decision", "under_review"}}.dump();
  // Two bookings of the teleworker, made by the admin: one at Murat (the host's centre), one at Saint-Flour.
  auto book_for_teleworker = [&](const std::string& insee) {
    const long centre = centre_near(*server_, insee);
    const std::string date = open_date(*server_, centre);
    const auto r = server_->request(
        "POST", "/api/v1/bookings",
        json{{"centre_id", centre}, {"date", date}, {"slot", "morning"}, {"person_id", callers_[Teleworker].id}}.dump(),
        callers_[Admin].write());
    EXPECT_EQ(r.status, 201) << r.body;
    return "/api/v1/bookings/" + std::to_string(json::parse(r.body)["bookings"][0]["id"].get<long>());
  };
  const std::string murat_booking = book_for_teleworker("15138");
  const std::string saint_flour_booking = book_for_teleworker("15187");
  // The administration pages' fixtures at Murat: an item of equipment the admin adds through the API, and the
  // demo's first agreement there.
  const std::string murat_id = std::to_string(centre_near(*server_, "15138"));
  const std::string murat_admin = "/admin/centres/" + murat_id;
  const std::string pages_item = [&] {
    const auto r = server_->request("POST", "/api/v1/centres/" + murat_id + "/equipment",
                                    json{{"category", "other"}, {"description", "Matrice des rôles"}}.dump(),
                                    callers_[Admin].write());
    EXPECT_EQ(r.status, 201) << r.body;
    return "/admin/equipement/" + std::to_string(json::parse(r.body).value("id", 0L));
  }();
  const std::string pages_agreement = [&] {
    const auto r = server_->get("/api/v1/centres/" + murat_id + "/agreements", callers_[Admin].read());
    const json list = json::parse(r.body)["agreements"];
    EXPECT_FALSE(list.empty()) << r.body;  // the demo's Murat has some
    return "/admin/conventions/" + std::to_string(list.empty() ? 0L : list[0]["id"].get<long>());
  }();
  // Bodies are chosen to be judged past the gate without destroying the fixtures (a wrong password, a missing
  // field, an unknown token…): what is tested is the gate.
  const std::vector<Expectation> table = {
      {"GET", "/healthz", "/healthz", "", "AAAAA"},
      {"GET", "/metrics", "/metrics", "", "AAAAA"},
      {"GET", "/api/v1/communes", "/api/v1/communes?q=murat", "", "AAAAA"},
      {"GET", "/api/v1/centres", "/api/v1/centres", "", "AAAAA"},
      {"GET", "/api/v1/centres/{id}", "/api/v1/centres/1", "", "AAAAA"},
      {"POST", "/api/v1/session", "/api/v1/session", R"({"email":"x@example.fr"})", "AAAAA"},
      {"GET", "/api/v1/me", "/api/v1/me", "", "DAAAA"},
      {"POST", "/api/v1/applications", "/api/v1/applications", R"({"centre_id":1})", "DADDD"},
      {"GET", "/api/v1/applications", "/api/v1/applications", "", "DAAAA"},
      // One host asking for another centre's application by id gets 404, not the data.
      {"GET", "/api/v1/applications/{id}", sf, "", "DDDAA"},
      {"POST", "/api/v1/applications/{id}/decision", sf + "/decision", decision, "DDDDA"},
      {"POST", "/api/v1/applications/{id}/withdraw", sf + "/withdraw", "", "DDDDD"},
      {"GET", "/api/v1/me/export", "/api/v1/me/export", "", "DAAAA"},
      {"POST", "/api/v1/me/erase", "/api/v1/me/erase", R"({})", "DAAAA"},
      {"POST", "/api/v1/people/{id}/erase", "/api/v1/people/999999/erase", "", "DDDDD"},
      {"GET", "/api/v1/audit", "/api/v1/audit", "", "DDDDA"},
      // An empty role list is refused past the gate (400), so nothing changes.
      {"PUT", "/api/v1/people/{id}/roles", "/api/v1/people/999999/roles", R"({"roles":"none"})", "DDDDA"},
      {"POST", "/api/v1/password-reset", "/api/v1/password-reset", R"({"email":"ghost@example.fr"})", "AAAAA"},
      {"POST", "/api/v1/password-reset/confirm", "/api/v1/password-reset/confirm", R"({"token":"x","password":"y"})",
       "AAAAA"},
      {"GET", "/api/v1/centres/{id}/availability", "/api/v1/centres/1/availability?from=2026-12-01&to=2026-12-07", "",
       "AAAAA"},
      // A Sunday, when every centre is closed: judged (422) past the gate, nothing booked.
      {"POST", "/api/v1/bookings", "/api/v1/bookings", R"({"centre_id":1,"date":"2030-12-01","slot":"morning"})",
       "DAAAA"},
      {"POST", "/api/v1/bookings/series", "/api/v1/bookings/series", R"({"centre_id":1})", "DAAAA"},   // 400
      {"POST", "/api/v1/bookings/cancellations", "/api/v1/bookings/cancellations", R"({})", "DAAAA"},  // 400
      {"DELETE", "/api/v1/bookings/series/{id}", "/api/v1/bookings/series/999999", "", "DDDDD"},
      // Its holder, the Murat host and admins see the Murat booking; the animator does not.
      {"GET", "/api/v1/bookings/{id}", murat_booking, "", "DAADA"},
      // The holder cancels the Saint-Flour booking (the admin then gets 409, past the gate); the Murat host and
      // the animator may not touch it.
      {"DELETE", "/api/v1/bookings/{id}", saint_flour_booking, "", "DADDA"},
      {"GET", "/api/v1/me/bookings", "/api/v1/me/bookings", "", "DAAAA"},
      // Check-in: past the gate for the holder (422: no code, or not the time) and the Murat host and admins.
      {"POST", "/api/v1/bookings/{id}/check-in", murat_booking + "/check-in", "", "DAADA"},
      {"GET", "/api/v1/centres/{id}/day",
       "/api/v1/centres/" + std::to_string(centre_near(*server_, "15138")) + "/day?date=2030-12-02", "", "DDADA"},
      {"GET", "/api/v1/centres/{id}/calendar",
       "/api/v1/centres/" + std::to_string(centre_near(*server_, "15138")) + "/calendar", "", "DDADA"},
      // A Sunday: closed, refused (422) past the gate.
      {"POST", "/api/v1/waiting-list", "/api/v1/waiting-list",
       R"({"centre_id":1,"date":"2030-12-01","slot":"morning"})", "DAAAA"},
      {"DELETE", "/api/v1/waiting-list/{id}", "/api/v1/waiting-list/999999", "", "DDDDD"},
      {"GET", "/api/v1/me/waiting-list", "/api/v1/me/waiting-list", "", "DAAAA"},
      {"POST", "/api/v1/me/calendar/renew", "/api/v1/me/calendar/renew", "", "DAAAA"},
      // The token is the credential: an unknown one is 404 for everyone.
      {"GET", "/calendrier/{token}", "/calendrier/unknown.ics", "", "DDDDD"},
      // Network administration (API). Bodies are judged past the gate (400) without changing anything; the Murat
      // host manages the Murat centre only.
      {"POST", "/api/v1/centres", "/api/v1/centres", "{}", "DDDDA"},
      {"PATCH", "/api/v1/centres/{id}", "/api/v1/centres/" + std::to_string(centre_near(*server_, "15138")),
       R"({"closures":"x"})", "DDADA"},
      {"POST", "/api/v1/centres/{id}/status",
       "/api/v1/centres/" + std::to_string(centre_near(*server_, "15138")) + "/status", "{}", "DDDDA"},
      {"GET", "/api/v1/centres/{id}/conformity",
       "/api/v1/centres/" + std::to_string(centre_near(*server_, "15138")) + "/conformity", "", "DDADA"},
      {"GET", "/api/v1/conformity", "/api/v1/conformity", "", "DDDDA"},
      {"GET", "/api/v1/communes/{insee}/zrr-changes", "/api/v1/communes/15138/zrr-changes", "", "DDDDA"},
      {"POST", "/api/v1/communes/{insee}/zrr-changes", "/api/v1/communes/15138/zrr-changes", "{}", "DDDDA"},
      {"GET", "/api/v1/centres/{id}/equipment",
       "/api/v1/centres/" + std::to_string(centre_near(*server_, "15138")) + "/equipment", "", "DDADA"},
      {"POST", "/api/v1/centres/{id}/equipment",
       "/api/v1/centres/" + std::to_string(centre_near(*server_, "15138")) + "/equipment", "{}", "DDDDA"},
      {"PATCH", "/api/v1/equipment/{id}", "/api/v1/equipment/1", R"({"state":"lost"})", "DDDDA"},
      {"GET", "/api/v1/equipment", "/api/v1/equipment", "", "DDDDA"},
      {"GET", "/api/v1/equipment.csv", "/api/v1/equipment.csv", "", "DDDDA"},
      {"GET", "/api/v1/equipment.xlsx", "/api/v1/equipment.xlsx", "", "DDDDA"},
      {"GET", "/api/v1/grant", "/api/v1/grant?from=2026-01-01&to=2026-12-31", "", "DDDDA"},
      {"GET", "/api/v1/grant.xlsx", "/api/v1/grant.xlsx?from=2026-01-01&to=2026-12-31", "", "DDDDA"},
      {"GET", "/api/v1/grant.csv", "/api/v1/grant.csv?from=2026-01-01&to=2026-12-31", "", "DDDDA"},
      {"GET", "/api/v1/grant/rulesets", "/api/v1/grant/rulesets", "", "DDDDA"},
      {"POST", "/api/v1/grant/rulesets", "/api/v1/grant/rulesets", "{}", "DDDDA"},
      {"GET", "/api/v1/centres/{id}/agreements",
       "/api/v1/centres/" + std::to_string(centre_near(*server_, "15138")) + "/agreements", "", "DDADA"},
      {"POST", "/api/v1/centres/{id}/agreements",
       "/api/v1/centres/" + std::to_string(centre_near(*server_, "15138")) + "/agreements", "{}", "DDADA"},
      {"POST", "/api/v1/agreements/{id}/end", "/api/v1/agreements/999999/end", "{}", "DDDDD"},
      // The siting study: the council and the animator; a wrong model is refused past the gate.
      {"POST", "/api/v1/siting", "/api/v1/siting", R"({"model":"x"})", "DDDAA"},
      // Events: published by the animator and the council; read and joined by anyone (public ones); the
      // registrations and attendance for the organiser's side; a cancellation link works for whoever holds it.
      {"POST", "/api/v1/events", "/api/v1/events", "{}", "DDDAA"},
      {"GET", "/api/v1/events", "/api/v1/events", "", "AAAAA"},
      {"GET", "/api/v1/events.ics", "/api/v1/events.ics", "", "AAAAA"},
      {"GET", "/api/v1/events/{id}", "/api/v1/events/999999", "", "DDDDD"},
      {"GET", "/api/v1/events/{id}/event.ics", "/api/v1/events/999999/event.ics", "", "DDDDD"},
      {"POST", "/api/v1/events/{id}/registrations", "/api/v1/events/999999/registrations",
       R"({"name":"Anne","email":"anne@example.fr"})", "DDDDD"},
      {"GET", "/api/v1/events/{id}/registrations", "/api/v1/events/999999/registrations", "", "DDDDD"},
      {"POST", "/api/v1/registrations/{id}/attendance", "/api/v1/registrations/999999/attendance",
       R"({"attended":true})", "DDDDD"},
      {"POST", "/api/v1/registrations/cancel", "/api/v1/registrations/cancel", "{}", "AAAAA"},
      // Individual advice slots: offered by the animator and the council (400 past the gate: no date); the free ones
      // are listed for everyone.
      {"POST", "/api/v1/advice-slots", "/api/v1/advice-slots", "{}", "DDDAA"},
      {"GET", "/api/v1/advice-slots", "/api/v1/advice-slots", "", "AAAAA"},
      // Prospection of national companies: the animator and the council.
      {"POST", "/api/v1/companies", "/api/v1/companies", "{}", "DDDAA"},
      {"GET", "/api/v1/companies", "/api/v1/companies", "", "DDDAA"},
      {"GET", "/api/v1/companies/{id}", "/api/v1/companies/999999", "", "DDDDD"},
      {"POST", "/api/v1/companies/{id}/stage", "/api/v1/companies/999999/stage", "{}", "DDDDD"},
      {"POST", "/api/v1/companies/{id}/employees", "/api/v1/companies/999999/employees",
       R"({"email":"teleworker@demo.telecentres.example"})", "DDDDD"},
      {"DELETE", "/api/v1/companies/{id}/employees/{person_id}", "/api/v1/companies/999999/employees/1", "", "DDDDD"},
      // The communication plan: the animator and the council (the demo's actions are 1 to 8).
      {"POST", "/api/v1/communication/actions", "/api/v1/communication/actions", "{}", "DDDAA"},  // 400: empty
      {"GET", "/api/v1/communication/actions", "/api/v1/communication/actions", "", "DDDAA"},
      {"GET", "/api/v1/communication/actions/{id}", "/api/v1/communication/actions/1", "", "DDDAA"},
      {"PUT", "/api/v1/communication/actions/{id}", "/api/v1/communication/actions/1", "{}", "DDDAA"},  // 400
      {"GET", "/api/v1/communication/summary", "/api/v1/communication/summary", "", "DDDAA"},
      // Indicators: the council and the animator; hosts for their own centres.
      {"GET", "/api/v1/indicators", "/api/v1/indicators", "", "DDAAA"},
      {"GET", "/api/v1/indicators.csv", "/api/v1/indicators.csv", "", "DDAAA"},
      {"GET", "/api/v1/indicators.xlsx", "/api/v1/indicators.xlsx", "", "DDAAA"},
      {"POST", "/api/v1/siting/studies", "/api/v1/siting/studies", R"({"model":"x"})", "DDDAA"},
      {"GET", "/api/v1/siting/studies", "/api/v1/siting/studies", "", "DDDAA"},
      // No study has that number: not found for those who may see studies, forbidden for the others.
      {"GET", "/api/v1/siting/studies/{id}", "/api/v1/siting/studies/999999", "", "DDDDD"},
      {"POST", "/api/v1/siting/studies/{id}/cancel", "/api/v1/siting/studies/999999/cancel", "{}", "DDDDD"},
      {"GET", "/api/v1/siting/studies/{id}/sites.csv", "/api/v1/siting/studies/999999/sites.csv", "", "DDDDD"},
      {"GET", "/api/v1/siting/studies/{id}/communes.csv", "/api/v1/siting/studies/999999/communes.csv", "", "DDDDD"},
      {"GET", "/", "/", "", "AAAAA"},
      {"GET", "/centres/{id}", "/centres/1", "", "AAAAA"},
      {"GET", "/accessibilite", "/accessibilite", "", "AAAAA"},
      {"GET", "/connexion", "/connexion", "", "AAAAA"},
      {"POST", "/connexion", "/connexion", "", "DDDDD"},  // no form token: refused for everyone
      {"GET", "/inscription", "/inscription", "", "AAAAA"},
      {"POST", "/inscription", "/inscription", "", "DDDDD"},
      {"GET", "/compte", "/compte", "", "DAAAA"},  // anonymous: a 303 to the sign-in page
      {"POST", "/compte/profil", "/compte/profil", "", "DAAAA"},
      {"POST", "/compte/jetons", "/compte/jetons", "", "DAAAA"},
      // Someone else's (or no) token: not found, for every role.
      {"POST", "/compte/jetons/{id}/revoquer", "/compte/jetons/999/revoquer", "", "DDDDD"},
      {"GET", "/compte/profil", "/compte/profil", "", "AAAAA"},
      {"GET", "/compte/jetons", "/compte/jetons", "", "AAAAA"},
      {"GET", "/confidentialite", "/confidentialite", "", "AAAAA"},
      {"GET", "/static/{name}", "/static/style.css", "", "AAAAA"},
      {"GET", "/candidatures", "/candidatures", "", "DAAAA"},
      {"GET", "/candidatures/nouvelle", "/candidatures/nouvelle", "", "DADDD"},
      {"POST", "/candidatures", "/candidatures", "", "DADDD"},
      {"GET", "/candidatures/{id}", "/candidatures/" + std::to_string(saint_flour_app), "", "DDDAA"},
      {"POST", "/candidatures/{id}/decision", "/candidatures/" + std::to_string(saint_flour_app) + "/decision",
       decision, "DDDDA"},
      {"POST", "/candidatures/{id}/retrait", "/candidatures/" + std::to_string(saint_flour_app) + "/retrait", "",
       "DDDDD"},
      {"GET", "/candidatures/{id}/decision", "/candidatures/" + std::to_string(saint_flour_app) + "/decision", "",
       "AAAAA"},  // a redirect to the application's page, which has its own gate
      {"GET", "/candidatures/{id}/retrait", "/candidatures/" + std::to_string(saint_flour_app) + "/retrait", "",
       "AAAAA"},
      {"GET", "/mot-de-passe-oublie", "/mot-de-passe-oublie", "", "AAAAA"},
      {"POST", "/mot-de-passe-oublie", "/mot-de-passe-oublie", "", "DDDDD"},    // no form token
      {"GET", "/mot-de-passe/nouveau", "/mot-de-passe/nouveau", "", "AAAAA"},   // 400: no token
      {"POST", "/mot-de-passe/nouveau", "/mot-de-passe/nouveau", "", "DDDDD"},  // no form token
      {"GET", "/mot-de-passe/modifie", "/mot-de-passe/modifie", "", "AAAAA"},
      {"GET", "/compte/donnees", "/compte/donnees", "", "DAAAA"},
      {"POST", "/compte/donnees/effacement", "/compte/donnees/effacement", "", "DAAAA"},  // 400: no password
      {"GET", "/compte/donnees/effacement", "/compte/donnees/effacement", "", "AAAAA"},
      {"GET", "/admin/journal", "/admin/journal", "", "DDDDA"},
      // Centre administration pages: admins everything; the Murat host Murat's edit page (services, hours,
      // closures) and conformity; the others 403 (anonymous: the sign-in form). Empty forms are refused past the
      // gate (400: no name, no section, no status), so nothing changes.
      {"GET", "/admin/centres", "/admin/centres", "", "DDADA"},
      {"GET", "/admin/centres/nouveau", "/admin/centres/nouveau", "", "DDDDA"},
      {"POST", "/admin/centres/nouveau", "/admin/centres/nouveau", "", "DDDDA"},
      {"GET", "/admin/centres/{id}", "/admin/centres/" + std::to_string(centre_near(*server_, "15138")), "", "DDADA"},
      {"POST", "/admin/centres/{id}", "/admin/centres/" + std::to_string(centre_near(*server_, "15138")), "", "DDADA"},
      {"POST", "/admin/centres/{id}/statut",
       "/admin/centres/" + std::to_string(centre_near(*server_, "15138")) + "/statut", "", "DDDDA"},
      {"GET", "/admin/centres/{id}/statut", "/admin/centres/1/statut", "", "AAAAA"},  // a redirect to the edit page
      {"GET", "/admin/centres/{id}/conformite",
       "/admin/centres/" + std::to_string(centre_near(*server_, "15138")) + "/conformite", "", "DDADA"},
      {"GET", "/admin/conformite", "/admin/conformite", "", "DDDDA"},
      // Booking pages. The grid is public. A form the service refuses (a Sunday is closed, the caller is not admitted)
      // is judged past the gate: 303 to the grid, which says why. Form bodies are read whatever the content type.
      {"GET", "/centres/{id}/reservations", "/centres/1/reservations", "", "AAAAA"},
      {"POST", "/centres/{id}/reservations", "/centres/1/reservations", "date=2030-12-01&slot=morning", "DAAAA"},
      {"POST", "/centres/{id}/liste-attente", "/centres/1/liste-attente", "date=2030-12-01&slot=morning", "DAAAA"},
      {"POST", "/centres/{id}/reservations/serie", "/centres/1/reservations/serie", "", "DAAAA"},  // 400: empty
      // A series' result without its results, and the GET of a POST's address: redirects to a page with its gate.
      {"GET", "/centres/{id}/reservations/serie", "/centres/1/reservations/serie", "", "AAAAA"},
      {"GET", "/centres/{id}/liste-attente", "/centres/1/liste-attente", "", "AAAAA"},
      {"GET", "/reservations", "/reservations", "", "DAAAA"},
      // /reservations/{id}/… is the holder's only: another's booking is not found there, whoever asks. The
      // holder's cancel of the (already cancelled) Saint-Flour booking is refused in words (303); a check-in
      // without a code is 400.
      {"POST", "/reservations/{id}/annulation",
       "/reservations/" + saint_flour_booking.substr(saint_flour_booking.rfind('/') + 1) + "/annulation", "", "DADDD"},
      {"POST", "/reservations/{id}/arrivee",
       "/reservations/" + saint_flour_booking.substr(saint_flour_booking.rfind('/') + 1) + "/arrivee", "", "DADDD"},
      {"POST", "/reservations/attentes/{id}/retrait", "/reservations/attentes/999999/retrait", "", "DDDDD"},
      {"POST", "/reservations/calendrier", "/reservations/calendrier", "", "DAAAA"},
      {"GET", "/reservations/{id}/annulation", "/reservations/1/annulation", "", "AAAAA"},
      {"GET", "/reservations/{id}/arrivee", "/reservations/1/arrivee", "", "AAAAA"},
      {"GET", "/reservations/attentes/{id}/retrait", "/reservations/attentes/1/retrait", "", "AAAAA"},
      {"GET", "/reservations/calendrier", "/reservations/calendrier", "", "AAAAA"},
      // The host's day: Murat's hosts and admins. Days ahead, check-in is refused in words (303); a cancellation
      // without a reason is 400; nothing changes.
      {"GET", "/accueil/{centre_id}", "/accueil/" + std::to_string(centre_near(*server_, "15138")) + "?date=2030-12-02",
       "", "DDADA"},
      {"POST", "/accueil/{centre_id}/arrivee/{booking_id}",
       "/accueil/" + std::to_string(centre_near(*server_, "15138")) + "/arrivee/" +
           murat_booking.substr(murat_booking.rfind('/') + 1),
       "", "DDADA"},
      {"POST", "/accueil/{centre_id}/annulation/{booking_id}",
       "/accueil/" + std::to_string(centre_near(*server_, "15138")) + "/annulation/" +
           murat_booking.substr(murat_booking.rfind('/') + 1),
       "", "DDADA"},
      {"GET", "/accueil/{centre_id}/arrivee/{booking_id}", "/accueil/1/arrivee/1", "", "AAAAA"},
      {"GET", "/accueil/{centre_id}/annulation/{booking_id}", "/accueil/1/annulation/1", "", "AAAAA"},
      // Administration pages: equipment, agreements, the grant. Murat's inventory: its hosts read it, admins keep
      // it (an empty form is 400, past the gate); the agreements: Murat's hosts and admins (an empty form is 400);
      // the grant: admins only. The GET of a form's address is a redirect to the page the form is on.
      {"GET", "/admin/equipement", "/admin/equipement", "", "DDDDA"},
      {"GET", "/admin/centres/{id}/equipement", murat_admin + "/equipement", "", "DDADA"},
      {"POST", "/admin/centres/{id}/equipement", murat_admin + "/equipement", "", "DDDDA"},
      {"POST", "/admin/equipement/{id}", pages_item, "", "DDDDA"},
      {"GET", "/admin/equipement/{id}", pages_item, "", "AAAAA"},
      {"GET", "/admin/centres/{id}/conventions", murat_admin + "/conventions", "", "DDADA"},
      {"POST", "/admin/centres/{id}/conventions", murat_admin + "/conventions", "", "DDADA"},
      {"POST", "/admin/conventions/{id}/fin", pages_agreement + "/fin", "", "DDADA"},
      {"GET", "/admin/conventions/{id}/fin", pages_agreement + "/fin", "", "AAAAA"},
      {"GET", "/admin/subvention", "/admin/subvention?bareme=DIACT-2006&du=2026-01-01&au=2026-12-31", "", "DDDDA"},
      // The events' pages: open to all; an unknown event is not found for anyone; the cancellation form needs the
      // anonymous form token.
      {"GET", "/evenements", "/evenements", "", "AAAAA"},
      {"GET", "/evenements/{id}", "/evenements/999999", "", "DDDDD"},
      {"POST", "/evenements/{id}/inscription", "/evenements/999999/inscription", "", "DDDDD"},
      {"GET", "/evenements/{id}/inscrits", "/evenements/999999/inscrits", "", "DDDDD"},
      {"POST", "/evenements/presence/{id}", "/evenements/presence/999999", "", "DDDDD"},
      {"GET", "/evenements/desinscription/{token}", "/evenements/desinscription/abc", "", "AAAAA"},
      {"POST", "/evenements/desinscription/{token}", "/evenements/desinscription/abc", "", "DDDDD"},
      // The animator's event form (400 past the gate: empty); changing an unknown event is not found for anyone.
      {"GET", "/evenements/nouveau", "/evenements/nouveau", "", "DDDAA"},
      {"POST", "/evenements/nouveau", "/evenements/nouveau", "", "DDDAA"},
      {"GET", "/evenements/{id}/modifier", "/evenements/999999/modifier", "", "DDDDD"},
      {"POST", "/evenements/{id}/modifier", "/evenements/999999/modifier", "", "DDDDD"},
      // Advice slots: the free ones for all, booked with an account (an unknown slot is not found); offered by the
      // animator and the council (400 past the gate: empty).
      {"GET", "/conseil", "/conseil", "", "AAAAA"},
      {"POST", "/conseil/{id}/reservation", "/conseil/999999/reservation", "", "DDDDD"},
      {"GET", "/conseil/creneaux", "/conseil/creneaux", "", "DDDAA"},
      {"POST", "/conseil/creneaux", "/conseil/creneaux", "", "DDDAA"},
      // The siting study's pages: the council and the animator (an unknown study is not found).
      {"GET", "/admin/implantation", "/admin/implantation", "", "DDDAA"},
      {"POST", "/admin/implantation", "/admin/implantation", "", "DDDAA"},  // 400: empty
      {"GET", "/admin/implantation/{id}", "/admin/implantation/999999", "", "DDDDD"},
      {"POST", "/admin/implantation/{id}/annuler", "/admin/implantation/999999/annuler", "", "DDDDD"},
      // The prospection pipeline: the animator and the council (an empty new company is 400, past the gate); an
      // unknown company is not found for anyone.
      {"GET", "/admin/prospection", "/admin/prospection", "", "DDDAA"},
      {"GET", "/admin/prospection/nouvelle", "/admin/prospection/nouvelle", "", "DDDAA"},
      {"POST", "/admin/prospection/nouvelle", "/admin/prospection/nouvelle", "", "DDDAA"},
      {"GET", "/admin/prospection/{id}", "/admin/prospection/999999", "", "DDDDD"},
      {"POST", "/admin/prospection/{id}/etape", "/admin/prospection/999999/etape", "", "DDDDD"},
      {"POST", "/admin/prospection/{id}/salaries", "/admin/prospection/999999/salaries", "", "DDDDD"},
      {"POST", "/admin/prospection/{id}/salaries/{person}/retrait", "/admin/prospection/999999/salaries/1/retrait", "",
       "DDDDD"},
      // The evaluation: the council, the animator and the hosts (their centres).
      {"GET", "/admin/evaluation", "/admin/evaluation", "", "DDAAA"},
      {"GET", "/admin/evaluation/rapport", "/admin/evaluation/rapport?annee=2026", "", "DDAAA"},
      {"POST", "/admin/evaluation/contexte", "/admin/evaluation/contexte", "", "DDDDA"},  // 400: empty
      // The communication plan's pages: the animator and the council.
      {"GET", "/admin/communication", "/admin/communication", "", "DDDAA"},
      {"POST", "/admin/communication", "/admin/communication", "", "DDDAA"},  // 400: empty
      {"GET", "/admin/communication/{id}", "/admin/communication/1", "", "DDDAA"},
      {"POST", "/admin/communication/{id}", "/admin/communication/1", "", "DDDAA"},  // 400: empty
      {"GET", "/admin/subvention/baremes", "/admin/subvention/baremes", "", "DDDDA"},
      {"POST", "/admin/subvention/baremes", "/admin/subvention/baremes", "", "DDDDA"},  // 400: empty
      // These end the callers' sessions (signing out when not signed in is harmless, hence allowed).
      {"POST", "/deconnexion", "/deconnexion", "", "AAAAA", true},
      {"POST", "/deconnexion-partout", "/deconnexion-partout", "", "DAAAA", true},
      {"DELETE", "/api/v1/session", "/api/v1/session", "", "DAAAA", true},
  };

  // Every served route is in the table.
  auto routes = run_program({"routes"});
  ASSERT_EQ(routes.exit_code, 0);
  std::istringstream lines(routes.out);
  std::string line;
  int served = 0;
  while (std::getline(lines, line)) {
    const auto space = line.find(' '), tab = line.find('\t');
    const std::string method = line.substr(0, space), pattern = line.substr(space + 1, tab - space - 1);
    ++served;
    const bool listed = std::any_of(table.begin(), table.end(),
                                    [&](const auto& e) { return e.method == method && e.pattern == pattern; });
    EXPECT_TRUE(listed) << method << " " << pattern << " has no line in the role matrix";
  }
  EXPECT_EQ(served, static_cast<int>(table.size()));

  for (const auto& e : table)
    for (int w = 0; w < kWhoCount; ++w) {
      if (e.signs_out) sign_everyone_in();
      const auto r = send(static_cast<Who>(w), e);
      const bool expect_denied = e.verdicts[static_cast<std::size_t>(w)] == 'D';
      EXPECT_EQ(denied(r), expect_denied)
          << e.method << " " << e.path << " as " << kWhoNames[w] << " → " << r.status << " " << r.body.substr(0, 200);
    }
}

TEST_F(RoleMatrix, ForeignApplicationIsNotFoundAndLeaksNothing) {
  sign_everyone_in();  // the matrix above ends sessions with its sign-out lines
  const long saint_flour_app = application_at(*server_, callers_[Admin], "15187");
  const auto r = send(Host, {"GET", "", "/api/v1/applications/" + std::to_string(saint_flour_app), "", ""});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("@demo.telecentres.example"), std::string::npos);
  const auto missing = send(Host, {"GET", "", "/api/v1/applications/987654", "", ""});
  EXPECT_EQ(json::parse(r.body)["detail"], json::parse(missing.body)["detail"]);  // indistinguishable
}

}  // namespace
}  // namespace tc::test
