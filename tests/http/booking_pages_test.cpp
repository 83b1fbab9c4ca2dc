// The booking pages as a browser without JavaScript uses them: a centre's week grid is a table that says in words
// what is free, full or closed; a person admitted to the centre books a half-day from it, finds the booking in
// "Mes réservations" and cancels it; a weekly series says date by date what was booked; the Murat host's day
// shows the check-in code and who is expected, records arrivals and cancels with a reason; other hosts and
// teleworkers are refused; forms without their anti-CSRF token are refused; what people type is shown as text.
// Against the real program with the demo network.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "page_client.h"
#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

// How many times `needle` occurs.
std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

// A date `days` after an ISO date, as ISO.
std::string plus_days(const std::string& iso, int days) {
  int y = 0;
  unsigned m = 0, d = 0;
  std::sscanf(iso.c_str(), "%d-%u-%u", &y, &m, &d);
  const std::chrono::sys_days base{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  const std::chrono::year_month_day out{base + std::chrono::days{days}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(out.year()), static_cast<unsigned>(out.month()),
                static_cast<unsigned>(out.day()));
  return buf;
}

std::string today_utc() {
  return plus_days(
      "1970-01-01",
      static_cast<int>(
          std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count()));
}

// The booking id in a Location such as "/reservations?fait=reservation&id=42".
long booking_id_in(const std::string& location) {
  std::smatch m;
  if (!std::regex_search(location, m, std::regex("[?&]id=([0-9]+)"))) return 0;
  return std::stol(m[1]);
}

class BookingPages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    murat_ = centre_near(*server_, "15138");
    admin_ = sign_in_api(*server_, kAdmin, kAdminPassword);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static std::string grid(long centre) { return "/centres/" + std::to_string(centre) + "/reservations"; }
  static std::string day(long centre) { return "/accueil/" + std::to_string(centre); }

  static void sign_in(Browser& b, const std::string& email, const std::string& password) {
    const auto r = b.sign_in(email, password);
    ASSERT_EQ(r.status, 303) << r.body;
  }

  // A new teleworker signed up through the form; returns their e-mail address.
  static std::string sign_up(Browser& b, const std::string& name) {
    static int n = 0;
    std::string email = "reservation.pages." + std::to_string(++n) + "@exemple.fr";
    const std::string csrf = csrf_field(b.get("/inscription").body);
    const auto r = b.post("/inscription", {{"csrf", csrf},
                                           {"display_name", name},
                                           {"email", email},
                                           {"password", "trois mots du Cantal"},
                                           {"consent", "yes"}});
    EXPECT_EQ(r.status, 303) << r.body;
    return email;
  }

  // A new teleworker admitted at Murat: signs up, applies through the form, and the admin accepts.
  static void admitted(Browser& b, const std::string& name) {
    sign_up(b, name);
    const auto form = b.get("/candidatures/nouvelle?centre=" + std::to_string(murat_));
    const auto r = b.post("/candidatures", {{"csrf", csrf_field(form.body)},
                                            {"centre_id", std::to_string(murat_)},
                                            {"days_per_week", "2"},
                                            {"start_date", "2030-01-07"},
                                            {"motivation", "Deux jours par semaine."}});
    ASSERT_EQ(r.status, 303) << r.body;
    const std::string location = r.header("location");
    const std::string id = location.substr(std::string("/candidatures/").size(), location.find('?') - 14);
    const auto decided = server_->request("POST", "/api/v1/applications/" + id + "/decision",
                                          json{{"decision", "accepted"}}.dump(), admin_.write());
    ASSERT_EQ(decided.status, 200) << decided.body;
  }

  // Books through the grid's form, as its button does.
  static HttpResponse book(Browser& b, const std::string& date, const std::string& slot, long centre = 0) {
    const long c = centre ? centre : murat_;
    const auto page = b.get(grid(c) + "?semaine=" + date);
    EXPECT_EQ(page.status, 200) << page.body;
    return b.post(grid(c), {{"csrf", csrf_field(page.body)}, {"date", date}, {"slot", slot}});
  }

  // The admin books a half-day at Murat for `person` through the API; returns the booking's id.
  static long book_for(long person, const std::string& date, const std::string& slot) {
    const auto r = server_->request(
        "POST", "/api/v1/bookings",
        json{{"centre_id", murat_}, {"date", date}, {"slot", slot}, {"person_id", person}}.dump(), admin_.write());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? json::parse(r.body)["bookings"][0]["id"].get<long>() : 0;
  }

  // Distinct people of the demo (its applicants), to book for as an admin.
  static std::vector<long> applicants() {
    std::vector<long> people;
    const json all = json::parse(server_->get("/api/v1/applications", admin_.read()).body);
    for (const auto& a : all["applications"])
      if (std::find(people.begin(), people.end(), a["person_id"].get<long>()) == people.end())
        people.push_back(a["person_id"]);
    return people;
  }

  static ServerProcess* server_;
  static long murat_;
  static Signed admin_;
};
ServerProcess* BookingPages::server_ = nullptr;
long BookingPages::murat_ = 0;
Signed BookingPages::admin_;

TEST_F(BookingPages, TheWeekGridIsATableThatSaysInWordsWhatIsFreeFullOrClosed) {
  // Christmas 2030 is a Wednesday: beyond the booking horizon, but availability is shown all the same.
  const auto christmas = server_->get(grid(murat_) + "?semaine=2030-12-25");
  ASSERT_EQ(christmas.status, 200) << christmas.body;
  const std::string& page = christmas.body;
  EXPECT_TRUE(contains(page, "<table class=\"week-grid\" id=\"grille\">"));
  EXPECT_TRUE(contains(page,
                       "<caption id=\"grille-caption\">Postes libres, Télécentre de Murat, semaine du lundi 23 "
                       "décembre au dimanche 29 décembre 2030</caption>"));
  EXPECT_TRUE(contains(page, "<th scope=\"col\"><time datetime=\"2030-12-24\">mardi 24 décembre</time></th>"));
  EXPECT_TRUE(contains(page, "<th scope=\"row\">Matin</th>"));
  EXPECT_TRUE(contains(page, "<th scope=\"row\">Après-midi</th>"));
  EXPECT_EQ(count_of(page, "<th scope=\"col\">"), 6u);  // the half-day's column, then Monday to Friday
  EXPECT_EQ(count_of(page, "Fermé (Noël)"), 2u);        // morning and afternoon
  EXPECT_EQ(count_of(page, "Libre\u00a0: 6 postes sur 6"), 8u);
  EXPECT_TRUE(contains(page, "class=\"slot slot--closed\""));  // colour as a supplement only
  // Anonymous: no form to book, a way to sign in coming back here.
  EXPECT_FALSE(contains(main_of(page), "method=\"post\""));
  EXPECT_TRUE(contains(page, "Connectez-vous pour réserver"));
  EXPECT_TRUE(contains(page, "href=\"/connexion?next=/centres/" + std::to_string(murat_) + "/reservations%3Fsemaine"));
  // The week's navigation, by Mondays.
  EXPECT_TRUE(contains(page, "href=\"/centres/" + std::to_string(murat_) + "/reservations?semaine=2030-12-16\""));
  EXPECT_TRUE(contains(page, "href=\"/centres/" + std::to_string(murat_) + "/reservations?semaine=2030-12-30\""));
  // The 1st of a month is written the French way, and New Year's Day is closed by its name.
  const auto new_year = server_->get(grid(murat_) + "?semaine=2031-01-01");
  EXPECT_TRUE(contains(new_year.body, "mercredi 1er janvier"));
  EXPECT_TRUE(contains(new_year.body, "Fermé (Jour de l&apos;an)"));

  // A half-day whose six posts the admin filled says "Complet"; the other half-day still has them all.
  const std::string date = open_date(*server_, murat_, 3, 6);
  ASSERT_FALSE(date.empty());
  const auto people = applicants();
  ASSERT_GE(people.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) book_for(people[i], date, "morning");
  const auto full = server_->get(grid(murat_) + "?semaine=" + date);
  EXPECT_EQ(count_of(full.body, "<p class=\"slot__text\">Complet</p>"), 1u);
  EXPECT_TRUE(contains(full.body, "<td class=\"slot slot--full\">"));

  // The centre's page leads to the grid.
  const auto centre = server_->get("/centres/" + std::to_string(murat_));
  EXPECT_TRUE(contains(centre.body, "href=\"/centres/" + std::to_string(murat_) + "/reservations\""));
  EXPECT_TRUE(contains(centre.body, "Voir les disponibilités et réserver"));
}

TEST_F(BookingPages, AnAdmittedTeleworkerBooksFromTheGridSeesItAndCancelsIt) {
  Browser b(*server_);
  admitted(b, "Léa Delmas");
  const std::string date = open_date(*server_, murat_);
  ASSERT_FALSE(date.empty());

  const auto page = b.get(grid(murat_) + "?semaine=" + date);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("cache-control"), "no-store");
  EXPECT_TRUE(contains(page.body, "action=\"/centres/" + std::to_string(murat_) + "/reservations\""));
  EXPECT_TRUE(contains(page.body, "<input type=\"hidden\" name=\"date\" value=\"" + date + "\">"));
  EXPECT_TRUE(contains(page.body, "Réserver le matin<span class=\"visually-hidden\"> — "));
  EXPECT_TRUE(contains(page.body, "Réserver l&apos;après-midi"));
  EXPECT_TRUE(contains(page.body, "Réserver la journée"));
  EXPECT_TRUE(contains(page.body, "Réserver chaque semaine"));  // the series form
  // The layout's menu leads to "Mes réservations".
  EXPECT_TRUE(contains(page.body, "<li><a href=\"/reservations\">Mes réservations</a></li>"));

  const auto booked = b.post(grid(murat_), {{"csrf", csrf_field(page.body)}, {"date", date}, {"slot", "morning"}});
  ASSERT_EQ(booked.status, 303) << booked.body;
  const long id = booking_id_in(booked.header("location"));
  ASSERT_GT(id, 0);
  EXPECT_EQ(booked.header("location"), "/reservations?fait=reservation&id=" + std::to_string(id));

  const auto mine = b.get(booked.header("location"));
  ASSERT_EQ(mine.status, 200);
  EXPECT_TRUE(contains(mine.body, "<h1>Mes réservations</h1>"));
  EXPECT_TRUE(contains(mine.body, "role=\"status\""));
  EXPECT_TRUE(contains(mine.body, "Votre réservation est enregistrée\u00a0: Télécentre de Murat, "));
  EXPECT_TRUE(contains(mine.body, "<time datetime=\"" + date + "\">"));
  EXPECT_TRUE(contains(mine.body, "<td>Matin</td>"));
  EXPECT_TRUE(contains(mine.body, "<strong>Réservé</strong>"));
  EXPECT_TRUE(contains(mine.body, "<li><a href=\"/reservations\" aria-current=\"page\">Mes réservations</a></li>"));
  const std::string cancel = "/reservations/" + std::to_string(id) + "/annulation";
  EXPECT_TRUE(contains(mine.body, "action=\"" + cancel + "\""));

  // The grid now says the half-day is the person's, without a form to book it again.
  const auto after = b.get(grid(murat_) + "?semaine=" + date);
  EXPECT_TRUE(contains(after.body, "Réservé pour vous ("));
  // Booking it again anyway (an old tab): refused, and the grid says why, in words.
  const auto again = b.post(grid(murat_), {{"csrf", csrf_field(page.body)}, {"date", date}, {"slot", "morning"}});
  ASSERT_EQ(again.status, 303);
  EXPECT_TRUE(contains(again.header("location"), "refus=already_booked"));
  const auto refused = b.get(again.header("location"));
  EXPECT_EQ(refused.status, 200);
  EXPECT_TRUE(contains(refused.body, "role=\"alert\""));
  EXPECT_TRUE(contains(refused.body, "Vous avez déjà un poste réservé dans ce télécentre sur ce créneau."));
  EXPECT_TRUE(contains(refused.body, "<title>Erreur\u00a0: "));

  // Cancelling.
  const auto cancelled = b.post(cancel, {{"csrf", csrf_field(mine.body)}});
  ASSERT_EQ(cancelled.status, 303) << cancelled.body;
  EXPECT_EQ(cancelled.header("location"), "/reservations?fait=annulation");
  const auto gone = b.get(cancelled.header("location"));
  EXPECT_TRUE(contains(gone.body, "Votre réservation est annulée."));
  EXPECT_TRUE(contains(gone.body, "<strong>Annulé</strong>"));
  EXPECT_FALSE(contains(gone.body, "action=\"" + cancel + "\""));
  // Twice: refused in words.
  const auto twice = b.post(cancel, {{"csrf", csrf_field(mine.body)}});
  ASSERT_EQ(twice.status, 303);
  EXPECT_TRUE(contains(b.get(twice.header("location")).body, "Cette réservation est déjà annulée ou close."));

  // A whole day: two half-days, said so.
  const auto whole = book(b, date, "day");
  ASSERT_EQ(whole.status, 303) << whole.body;
  const auto two = b.get(whole.header("location"));
  EXPECT_TRUE(contains(two.body, "journée entière"));
  EXPECT_EQ(count_of(two.body, "<strong>Réservé</strong>"), 2u);
}

TEST_F(BookingPages, SomeoneNotAdmittedSeesWhyAndIsRefusedInWords) {
  Browser b(*server_);
  sign_up(b, "Hugo Vidal");
  const std::string date = open_date(*server_, murat_);
  const auto page = b.get(grid(murat_) + "?semaine=" + date);
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(contains(page.body, "Réserver le matin"));
  EXPECT_TRUE(contains(page.body, "il faut que votre candidature y ait été acceptée"));
  EXPECT_TRUE(contains(page.body, "href=\"/candidatures/nouvelle?centre=" + std::to_string(murat_) + "\""));
  const auto r = b.post(grid(murat_), {{"csrf", csrf_field(page.body)}, {"date", date}, {"slot", "morning"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(contains(r.header("location"), "refus=not_admitted"));
  EXPECT_TRUE(
      contains(b.get(r.header("location")).body, "Réserver dans ce télécentre demande une candidature acceptée"));
}

TEST_F(BookingPages, FormsWithoutTheirTokenAreRefusedAndChangeNothing) {
  Browser b(*server_);
  admitted(b, "Nina Rigal");
  const std::string date = open_date(*server_, murat_);
  EXPECT_EQ(b.post(grid(murat_), {{"date", date}, {"slot", "morning"}}).status, 403);
  EXPECT_EQ(b.post(grid(murat_), {{"csrf", "pas-le-bon"}, {"date", date}, {"slot", "morning"}}).status, 403);
  EXPECT_TRUE(contains(b.get("/reservations").body, "Vous n&apos;avez aucune réservation à venir."));

  const auto booked = book(b, date, "afternoon");
  ASSERT_EQ(booked.status, 303);
  const std::string id = std::to_string(booking_id_in(booked.header("location")));
  EXPECT_EQ(b.post("/reservations/" + id + "/annulation", {}).status, 403);
  EXPECT_EQ(b.post("/reservations/calendrier", {}).status, 403);
  EXPECT_TRUE(contains(b.get("/reservations").body, "<strong>Réservé</strong>"));
  // Anonymous: to the sign-in form.
  Browser anonymous(*server_);
  const auto r = anonymous.post(grid(murat_), {{"date", date}, {"slot", "morning"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("location").rfind("/connexion?next=", 0), 0u);
  EXPECT_EQ(anonymous.get("/reservations").header("location"), "/connexion?next=/reservations");
}

TEST_F(BookingPages, BadInputShowsThePageAgainWithTheErrorSummary) {
  const auto week = server_->get(grid(murat_) + "?semaine=2030-02-30");
  EXPECT_EQ(week.status, 400);
  EXPECT_TRUE(contains(week.body, "<title>Erreur\u00a0: "));
  EXPECT_TRUE(contains(week.body, "href=\"#semaine\""));
  EXPECT_TRUE(contains(week.body, "id=\"semaine\" name=\"semaine\" value=\"2030-02-30\""));
  EXPECT_TRUE(contains(week.body, "aria-invalid=\"true\""));
  EXPECT_TRUE(contains(week.body, "<table class=\"week-grid\""));  // this week instead

  Browser b(*server_);
  admitted(b, "Marc Boudou");
  const auto page = b.get(grid(murat_));
  const auto bad = b.post(grid(murat_), {{"csrf", csrf_field(page.body)}, {"date", "demain"}, {"slot", "soir"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(contains(bad.body, "role=\"alert\""));
  EXPECT_TRUE(contains(bad.body, "href=\"#grille\""));

  // The series form: nothing ticked, no dates.
  const auto series = b.post(grid(murat_) + "/serie", {{"csrf", csrf_field(page.body)}});
  EXPECT_EQ(series.status, 400);
  EXPECT_TRUE(contains(series.body, "Le formulaire contient 3 erreurs"));
  for (const std::string field : {"motif", "du", "au"}) EXPECT_TRUE(contains(series.body, "href=\"#" + field + "\""));
  const auto reversed =
      b.post(grid(murat_) + "/serie",
             {{"csrf", csrf_field(page.body)}, {"motif", "2-morning"}, {"du", "2027-03-10"}, {"au", "2027-03-01"}});
  EXPECT_EQ(reversed.status, 400);
  EXPECT_TRUE(contains(reversed.body, "La date de fin doit suivre la date de début."));
  EXPECT_TRUE(contains(reversed.body, "value=\"2-morning\" checked"));  // what was typed is kept
}

TEST_F(BookingPages, AWeeklySeriesSaysDateByDateWhatWasBooked) {
  Browser b(*server_);
  admitted(b, "Claire Fabre");
  const std::string from = open_date(*server_, murat_, 2, 2);
  const auto page = b.get(grid(murat_) + "?semaine=" + from);
  // Every weekday's morning for two weeks.
  Fields fields = {{"csrf", csrf_field(page.body)}, {"du", from}, {"au", plus_days(from, 13)}};
  for (int wd = 1; wd <= 5; ++wd) fields.emplace_back("motif", std::to_string(wd) + "-morning");
  const auto r = b.post(grid(murat_) + "/serie", fields);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.header("location").rfind(grid(murat_) + "/serie?du=" + from, 0), 0u);
  const auto result = b.get(r.header("location"));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_TRUE(contains(result.body, "role=\"status\""));
  EXPECT_TRUE(contains(result.body, " sur 10."));
  EXPECT_TRUE(contains(result.body, "<caption id=\"series-caption\">Résultat date par date"));
  EXPECT_EQ(count_of(result.body, "<th scope=\"row\"><time"), 10u);
  EXPECT_GE(count_of(result.body, "<strong>Réservé</strong>"), 1u);

  // All or nothing, over the horizon (90 days): nothing booked, and each date says why.
  const std::string far = plus_days(today_utc(), 85);
  Fields over = {{"csrf", csrf_field(page.body)}, {"du", far}, {"au", plus_days(far, 13)}, {"tout", "oui"}};
  for (int wd = 1; wd <= 5; ++wd) over.emplace_back("motif", std::to_string(wd) + "-afternoon");
  const auto refused = b.post(grid(murat_) + "/serie", over);
  ASSERT_EQ(refused.status, 303) << refused.body;
  const auto said = b.get(refused.header("location"));
  EXPECT_TRUE(contains(said.body, "role=\"alert\""));
  EXPECT_TRUE(contains(said.body, "Rien n&apos;a été réservé"));
  EXPECT_TRUE(contains(said.body, "Non réservé\u00a0: Cette date est au-delà de l&apos;horizon de réservation"));
  EXPECT_FALSE(contains(said.body, "<strong>Réservé</strong>"));

  // A result address that was tampered with leads back to the grid.
  EXPECT_EQ(b.get(grid(murat_) + "/serie?du=" + from + "&au=" + from + "&res=RRRR").status, 303);
}

TEST_F(BookingPages, TheWaitingListOfAFullHalfDayAndTheCalendarAddress) {
  const std::string date = open_date(*server_, murat_, 4, 6);
  ASSERT_FALSE(date.empty());
  const auto people = applicants();
  for (std::size_t i = 6; i < 12; ++i) book_for(people.at(i), date, "afternoon");

  Browser b(*server_);
  admitted(b, "Jules Mercier");
  const auto page = b.get(grid(murat_) + "?semaine=" + date);
  EXPECT_TRUE(contains(page.body, "action=\"/centres/" + std::to_string(murat_) + "/liste-attente\""));
  EXPECT_TRUE(contains(page.body, "M&apos;inscrire en liste d&apos;attente"));
  const auto joined = b.post("/centres/" + std::to_string(murat_) + "/liste-attente",
                             {{"csrf", csrf_field(page.body)}, {"date", date}, {"slot", "afternoon"}});
  ASSERT_EQ(joined.status, 303) << joined.body;
  EXPECT_EQ(joined.header("location"), "/reservations?fait=attente");
  const auto mine = b.get("/reservations");
  EXPECT_TRUE(contains(mine.body, "<caption id=\"waits-caption\">"));
  EXPECT_TRUE(contains(mine.body, "Quitter la liste d&apos;attente"));
  EXPECT_TRUE(contains(b.get(grid(murat_) + "?semaine=" + date).body, "Vous êtes en liste d&apos;attente"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(mine.body, m, std::regex("action=\"(/reservations/attentes/[0-9]+/retrait)\"")));
  const auto left = b.post(m[1], {{"csrf", csrf_field(mine.body)}});
  ASSERT_EQ(left.status, 303);
  EXPECT_TRUE(contains(b.get(left.header("location")).body, "Vous avez quitté la liste d&apos;attente."));

  // The calendar address, to copy; renewing it gives another.
  ASSERT_TRUE(std::regex_search(mine.body, m, std::regex("value=\"(http[^\"]*/calendrier/[^\"]+\\.ics)\" readonly")));
  const std::string before = m[1];
  const auto renewed = b.post("/reservations/calendrier", {{"csrf", csrf_field(mine.body)}});
  ASSERT_EQ(renewed.status, 303);
  const auto after = b.get(renewed.header("location"));
  EXPECT_TRUE(contains(after.body, "Votre calendrier a une nouvelle adresse"));
  EXPECT_FALSE(contains(after.body, before));
}

TEST_F(BookingPages, TheMuratHostsDayShowsTheCodeAndWhoIsExpected) {
  const Signed teleworker = sign_in_api(*server_, kTeleworker, kTeleworkerPassword);
  const std::string date = open_date(*server_, murat_, 5);
  const long id = book_for(teleworker.id, date, "morning");
  ASSERT_GT(id, 0);
  const std::string code =
      json::parse(server_->get("/api/v1/centres/" + std::to_string(murat_) + "/day?date=" + date, admin_.read())
                      .body)["checkin_code"];

  Browser host(*server_);
  sign_in(host, kMuratHost, kMuratHostPassword);
  const auto page = host.get(day(murat_) + "?date=" + date);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.header("cache-control"), "no-store");
  EXPECT_TRUE(contains(page.body, "<h1>Accueil du jour\u00a0: Télécentre de Murat</h1>"));
  EXPECT_TRUE(contains(page.body, "<strong class=\"checkin-code__value\">" + code + "</strong>"));
  EXPECT_TRUE(contains(page.body, "<th scope=\"row\">Camille Teyssèdre</th>"));
  EXPECT_TRUE(contains(page.body, "<strong>Réservé</strong>"));
  EXPECT_TRUE(contains(page.body, "Libre\u00a0: "));
  EXPECT_TRUE(contains(page.body, "<caption id=\"demi-journee-morning-caption\">Matin, "));
  EXPECT_TRUE(contains(page.body, "href=\"/accueil/" + std::to_string(murat_) + "?date=" + plus_days(date, 1) + "\""));

  // Others are refused: another centre's host, a teleworker; anonymous visitors are sent to sign in.
  Browser other(*server_);
  sign_in(other, kSaintFlourHost, kSaintFlourHostPassword);
  const auto refused = other.get(day(murat_) + "?date=" + date);
  EXPECT_EQ(refused.status, 403);
  EXPECT_FALSE(contains(refused.body, "Camille Teyssèdre"));
  EXPECT_FALSE(contains(refused.body, code));
  Browser worker(*server_);
  sign_in(worker, kTeleworker, kTeleworkerPassword);
  EXPECT_EQ(worker.get(day(murat_) + "?date=" + date).status, 403);
  EXPECT_EQ(Browser(*server_).get(day(murat_) + "?date=" + date).header("location"),
            "/connexion?next=/accueil/" + std::to_string(murat_) + "%3Fdate%3D" + date);
  EXPECT_EQ(worker
                .post(day(murat_) + "/arrivee/" + std::to_string(id),
                      {{"csrf", csrf_field(worker.get("/reservations").body)}})
                .status,
            403);

  // The host records an arrival: days ahead, it is refused in words.
  const std::string check_in = day(murat_) + "/arrivee/" + std::to_string(id);
  const auto early = host.post(check_in, {{"csrf", csrf_field(page.body)}});
  ASSERT_EQ(early.status, 303);
  EXPECT_EQ(early.header("location"), day(murat_) + "?date=" + date + "&refus=check_in_time");
  EXPECT_TRUE(contains(host.get(early.header("location")).body,
                       "L&apos;arrivée s&apos;enregistre de 30 minutes avant l&apos;ouverture"));

  // The host cancels: a reason is required, and what is typed is shown as text.
  const std::string cancel = day(murat_) + "/annulation/" + std::to_string(id);
  EXPECT_TRUE(contains(page.body, "action=\"" + cancel + "\""));
  const auto no_reason = host.post(cancel, {{"csrf", csrf_field(page.body)}, {"motif", "  "}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_TRUE(contains(no_reason.body, "href=\"#motif-" + std::to_string(id) + "\""));
  EXPECT_TRUE(contains(no_reason.body, "aria-describedby=\"motif-" + std::to_string(id) + "-error\" aria-invalid"));
  const auto done =
      host.post(cancel, {{"csrf", csrf_field(page.body)}, {"motif", "<b>Panne</b> de chauffage & fuite"}});
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.header("location"), day(murat_) + "?date=" + date + "&fait=annulation");
  const auto after = host.get(done.header("location"));
  EXPECT_TRUE(contains(after.body, "La réservation est annulée."));
  EXPECT_TRUE(contains(after.body, "<strong>Annulé</strong>"));
  EXPECT_TRUE(contains(after.body, "&lt;b&gt;Panne&lt;/b&gt; de chauffage &amp; fuite"));
  EXPECT_FALSE(contains(after.body, "<b>Panne</b>"));
  // The holder reads it with their bookings, as text too.
  const auto theirs = worker.get("/reservations");
  EXPECT_TRUE(contains(theirs.body, "&lt;b&gt;Panne&lt;/b&gt; de chauffage &amp; fuite"));
  EXPECT_FALSE(contains(theirs.body, "<b>Panne</b>"));

  // A booking of another centre is not found through Murat's day.
  EXPECT_EQ(host.post(day(murat_) + "/annulation/99999999", {{"csrf", csrf_field(page.body)}, {"motif", "x"}}).status,
            404);
}

TEST_F(BookingPages, TheHolderChecksInWithTheDaysCode) {
  Browser b(*server_);
  admitted(b, "Paul Chambon");
  const std::string date = open_date(*server_, murat_, 6);
  const auto booked = book(b, date, "morning");
  ASSERT_EQ(booked.status, 303);
  const long id = booking_id_in(booked.header("location"));
  const std::string action = "/reservations/" + std::to_string(id) + "/arrivee";
  const std::string csrf = csrf_field(b.get("/reservations").body);

  const auto missing = b.post(action, {{"csrf", csrf}, {"code", ""}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_TRUE(contains(missing.body, "href=\"#code-" + std::to_string(id) + "\""));
  EXPECT_TRUE(contains(missing.body, "Saisissez le code affiché à l&apos;accueil du télécentre aujourd&apos;hui."));
  const auto wrong = b.post(action, {{"csrf", csrf}, {"code", "000000x"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(contains(wrong.body, "Ce code n&apos;est pas celui affiché au télécentre aujourd&apos;hui."));
  EXPECT_TRUE(contains(wrong.body, "value=\"000000x\""));

  // The right code, days ahead: the window is not open yet, and the page says so.
  const std::string code =
      json::parse(server_->get("/api/v1/centres/" + std::to_string(murat_) + "/day?date=" + date, admin_.read())
                      .body)["checkin_code"];
  const auto early = b.post(action, {{"csrf", csrf}, {"code", code}});
  ASSERT_EQ(early.status, 303);
  EXPECT_EQ(early.header("location"), "/reservations?refus=check_in_time");
  EXPECT_TRUE(contains(b.get(early.header("location")).body, "L&apos;arrivée s&apos;enregistre de 30 minutes"));
  // Someone else's booking is not found here.
  Browser other(*server_);
  admitted(other, "Sam Taylor");
  EXPECT_EQ(other.post(action, {{"csrf", csrf_field(other.get("/reservations").body)}, {"code", code}}).status, 404);
}

TEST_F(BookingPages, PagesSpeakEnglishOnRequest) {
  const auto christmas = server_->get(grid(murat_) + "?semaine=2030-12-25&lang=en");
  ASSERT_EQ(christmas.status, 200);
  EXPECT_TRUE(contains(christmas.body, "<html lang=\"en\">"));
  EXPECT_TRUE(contains(christmas.body, "Wednesday 25 December"));
  EXPECT_TRUE(contains(christmas.body, "Closed (Christmas Day)"));
  EXPECT_TRUE(contains(christmas.body, "Free: 6 desks out of 6"));
  EXPECT_TRUE(contains(christmas.body, "<th scope=\"row\">Morning</th>"));
  EXPECT_TRUE(contains(christmas.body, "Sign in to book"));
  EXPECT_TRUE(contains(christmas.body, "reservations?semaine=2030-12-30&amp;lang=en"));

  Browser b(*server_);
  admitted(b, "Alex Smith");
  const std::string date = open_date(*server_, murat_);
  const auto page = b.get(grid(murat_) + "?semaine=" + date + "&lang=en");
  EXPECT_TRUE(contains(page.body, "Book the morning"));
  EXPECT_TRUE(contains(page.body, "action=\"/centres/" + std::to_string(murat_) + "/reservations?lang=en\""));
  const auto r =
      b.post(grid(murat_) + "?lang=en", {{"csrf", csrf_field(page.body)}, {"date", date}, {"slot", "afternoon"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(contains(r.header("location"), "&lang=en"));
  const auto mine = b.get(r.header("location"));
  EXPECT_TRUE(contains(mine.body, "<h1>My bookings</h1>"));
  EXPECT_TRUE(contains(mine.body, "Your booking is recorded: Télécentre de Murat"));
  EXPECT_TRUE(contains(mine.body, "<strong>Booked</strong>"));

  Browser host(*server_);
  sign_in(host, kMuratHost, kMuratHostPassword);
  const auto today = host.get(day(murat_) + "?date=" + date + "&lang=en");
  EXPECT_TRUE(contains(today.body, "Today&apos;s check-in code:"));
  EXPECT_TRUE(contains(today.body, "Alex Smith"));
  EXPECT_TRUE(contains(today.body, "Cancel the booking"));
}

}  // namespace
}  // namespace tc::test
