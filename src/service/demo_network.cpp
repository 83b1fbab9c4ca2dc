#include "service/demo_network.h"

#include "service/demo_communication.h"
#include "service/demo_companies.h"
#include "service/demo_inventory.h"
#include "service/demo_people.h"

#include <array>
#include <map>
#include <stdexcept>
#include <string>

#include "geo/distance.h"
#include "service/clock.h"
#include "service/reference_data.h"
#include "service/secrets.h"

namespace tc::service {

namespace {

using namespace tc::domain;

// Morning 8:30–12:00 and afternoon 13:30–18:00 on the given weekdays.
std::vector<OpeningSlot> weekday_hours(std::initializer_list<int> days, int close_pm = 18 * 60) {
  std::vector<OpeningSlot> h;
  for (int d : days) {
    h.push_back({d, Slot::Morning, 8 * 60 + 30, 12 * 60});
    h.push_back({d, Slot::Afternoon, 13 * 60 + 30, close_pm});
  }
  return h;
}

std::vector<Office> offices(std::initializer_list<int> posts_per_office) {
  std::vector<Office> out;
  int office_no = 1, post_no = 1;
  for (int n : posts_per_office) {
    Office o{0, "Bureau " + std::to_string(office_no++), {}};
    for (int i = 0; i < n; ++i) o.posts.push_back({0, "Poste " + std::to_string(post_no++)});
    out.push_back(std::move(o));
  }
  return out;
}

Centre centre(std::string name, std::string host, std::string insee, std::string address, LatLon at) {
  Centre c;
  c.name = std::move(name);
  c.host_authority = std::move(host);
  c.commune_insee = std::move(insee);
  c.address = std::move(address);
  c.location = at;
  return c;
}

// Steps as (status, date): demo centres never needed an override.
void set_history(Centre& c, std::initializer_list<std::pair<CentreStatus, domain::Date>> pairs) {
  std::vector<StatusChange> steps;
  steps.reserve(pairs.size());
  for (const auto& [status, on] : pairs) steps.push_back({status, on, {}});
  c.history.clear();
  c.status = CentreStatus::Planned;
  for (const auto& s : steps) {
    if (c.history.empty()) {
      c.status = s.status;
      c.history.push_back(s);
    } else {
      change_status(c, s.status, s.on);
    }
  }
}

// Deterministic pseudo-random numbers, so that the demo is the same on every machine.
class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return state_ >> 33;
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

 private:
  std::uint64_t state_;
};

constexpr std::array kFirstNames{"Amandine", "Bastien", "Céline",  "Damien", "Élodie",  "Fabrice",  "Gaëlle",
                                 "Hugo",     "Inès",    "Jérôme",  "Karine", "Lucas",   "Maëlys",   "Nicolas",
                                 "Océane",   "Pierre",  "Quentin", "Romane", "Sylvain", "Tiphaine", "Ulysse",
                                 "Valérie",  "William", "Yasmine", "Zoé",    "Mathis",  "Léa",      "Noémie"};
constexpr std::array kLastNames{"Aubrac",  "Bouldoire", "Chambon", "Delmas",   "Estival",    "Fel",      "Garrigoux",
                                "Hérault", "Issartel",  "Jarrige", "Lacoste",  "Malbec",     "Nozières", "Olivier",
                                "Puech",   "Rouquette", "Salat",   "Teulière", "Vermenouze", "Vidal",    "Cabanes",
                                "Lafarge", "Mourgues",  "Pagès",   "Roques",   "Sabatier",   "Tible",    "Valadier"};
constexpr std::array kMotivations{
    "Je travaille pour un bureau d'études lyonnais et je voudrais éviter deux heures de route par jour.",
    "Graphiste indépendante, j'ai besoin d'un lieu pour recevoir mes clients et d'une bonne connexion.",
    "Demandeur d'emploi, je crée mon activité de traduction et cherche un cadre de travail.",
    "De passage dans le Cantal pour l'été, je dois rester joignable par visioconférence.",
    "À mobilité réduite, un poste de plain-pied près de chez moi me permettrait de reprendre une activité.",
    "Mon employeur francilien a relocalisé mon poste dans le Cantal : je cherche un bureau deux jours par semaine.",
    "Développeur en résidence secondaire, je télétravaille trois jours par semaine.",
    "Comptable indépendant, mes clients sont à Clermont-Ferrand et Aurillac."};

// About thirty applications per centre in service, from invented people of every category and in every state.
// Those who heard of the network at a meeting or in the press cite the latest such action of the plan.
void add_demo_applications(store::Transaction& tx, const std::vector<Centre>& centres,
                           const std::map<std::string, domain::PersonId>& reviewers,
                           const std::vector<domain::CommAction>& actions) {
  using S = domain::ApplicationState;
  DemoRandom rnd(15);
  const auto communes = tx.communes().all();
  int person_no = 0;
  for (const auto& c : centres) {
    if (c.status != CentreStatus::InService) continue;
    auto reviewer_it = reviewers.find(c.commune_insee);
    const domain::PersonId reviewer = reviewer_it != reviewers.end() ? reviewer_it->second : reviewers.at("admin");
    std::vector<std::string> nearby;
    for (const auto& m : communes)
      if (geo::haversine_km(m.centre, c.location) < 25) nearby.push_back(m.insee);
    int places = c.post_count();
    for (int i = 0; i < 30; ++i, ++person_no) {
      store::PersonRecord p;
      std::string first = kFirstNames[static_cast<std::size_t>(rnd.below(kFirstNames.size()))];
      const std::string last = kLastNames[static_cast<std::size_t>(rnd.below(kLastNames.size()))];
      p.email = "candidat" + std::to_string(person_no + 1) + "@demo.telecentres.example";
      p.created_at = "2025-09-01T08:00:00Z";
      p.roles = {"teleworker"};
      const auto person = tx.people().insert(p);
      domain::Profile profile;
      profile.display_name = std::move(first.append(" ").append(last));
      profile.home_commune_insee = nearby[static_cast<std::size_t>(rnd.below(static_cast<int>(nearby.size())))];
      profile.category = domain::kAllCategories[static_cast<std::size_t>(i) % domain::kAllCategories.size()];
      profile.workplace_commune_insee = "15014";
      profile.needs.step_free = profile.category == domain::Category::ReducedMobilityOrAtHome;
      profile.needs.videoconference = rnd.below(3) == 0;
      if (rnd.below(8) == 0 || profile.category == domain::Category::ReducedMobilityOrAtHome) profile.rqth = true;
      tx.people().set_category(person, profile.category, Date{2025, 9, 1}, p.created_at);  // with its history
      tx.people().set_profile(person, profile);

      domain::Application a;
      a.person_id = person;
      a.centre_id = c.id;
      a.days_per_week = 1 + rnd.below(5);
      const domain::Date submitted = domain::Date{2025, 9, 1}.plus_days(rnd.below(420));
      a.submitted_at_utc = submitted.iso() + "T09:00:00Z";
      a.start_date = submitted.plus_days(14 + rnd.below(60));
      a.motivation = kMotivations[static_cast<std::size_t>(rnd.below(kMotivations.size()))];
      if (i % 3 != 2)
        a.heard_via_action =
            demo_action_cited(actions, i % 3 == 0 ? domain::Channel::Meeting : domain::Channel::Press, submitted);
      a.id = tx.applications().insert(a, i % 3 == 0 ? "Réunion d'information" : (i % 3 == 1 ? "Presse locale" : ""));
      // A plausible life: the first ones to apply got the places; later ones wait, were declined or withdrew.
      auto step = [&](S to, domain::Party who, domain::PersonId by, int day, std::string message) {
        const std::string at = submitted.plus_days(day).iso() + "T10:00:00Z";
        if (!domain::transition(a, to, who, by, at, std::move(message))) tx.applications().record_transition(a);
      };
      const int fate = rnd.below(10);
      if (fate < 2) continue;  // still submitted
      step(S::UnderReview, domain::Party::Reviewer, reviewer, 2, "");
      if (fate == 2) continue;
      if (fate == 3) {
        step(S::Declined, domain::Party::Reviewer, reviewer, 5, "Vos besoins dépassent ce que le télécentre offre.");
      } else if (fate == 4) {
        step(S::Withdrawn, domain::Party::Applicant, person, 4, "J'ai trouvé une autre solution.");
      } else if (places > 0) {
        --places;
        step(S::Accepted, domain::Party::Reviewer, reviewer, 6, "Bienvenue au télécentre !");
        if (fate != 5) step(S::Active, domain::Party::System, reviewer, 20, "");
        if (fate == 9) {
          step(S::Ended, domain::Party::Reviewer, reviewer, 200, "Fin de la convention d'occupation.");
          ++places;
        }
      } else {
        step(S::Waitlisted, domain::Party::Reviewer, reviewer, 6, "Tous les postes sont occupés pour l'instant.");
      }
    }
  }
}

// Bookings around today, so that week grids, days and "my bookings" show life: each active applicant of an
// in-service centre comes on a weekday of their own, morning and afternoon, over the past and the next two weeks
// (past ones checked in, one in seven a no-show). Murat's centre is left free, as the tests and the tour start
// there with an empty week. The demo teleworker gets an active place at Saint-Flour and afternoons there.
void add_demo_bookings(store::Transaction& tx, const std::vector<Centre>& centres, domain::PersonId teleworker,
                       domain::PersonId admin, const std::string& now, Date today) {
  for (const auto& c : centres) {
    if (c.status != CentreStatus::InService || c.commune_insee == "15138") continue;
    std::vector<domain::PersonId> people;
    store::ApplicationFilter f;
    f.centre_ids = {c.id};
    f.state = ApplicationState::Active;
    for (const auto& row : tx.applications().list(f)) people.push_back(row.application.person_id);
    if (c.commune_insee == "15187") {
      domain::Application a;
      a.person_id = teleworker;
      a.centre_id = c.id;
      a.days_per_week = 2;
      a.start_date = today.plus_days(-20);
      a.submitted_at_utc = today.plus_days(-40).iso() + "T09:00:00Z";
      a.motivation = "Deux après-midi par semaine près de chez moi plutôt que la route jusqu'à Clermont.";
      a.id = tx.applications().insert(a, "Réunion d'information");
      for (auto to : {ApplicationState::UnderReview, ApplicationState::Accepted, ApplicationState::Active})
        if (!domain::transition(a, to, to == ApplicationState::Active ? domain::Party::System : domain::Party::Reviewer,
                                admin, today.plus_days(-30 + static_cast<int>(to)).iso() + "T10:00:00Z", ""))
          tx.applications().record_transition(a);
    }
    std::vector<domain::PostId> posts;
    for (const auto& o : c.offices)
      for (const auto& p : o.posts) posts.push_back(p.id);
    for (int day = -14; day <= 14; ++day) {
      const Date d = today.plus_days(day);
      for (Slot slot : {Slot::Morning, Slot::Afternoon}) {
        if (!domain::slot_opening(c, d, slot).open()) continue;
        std::vector<domain::PersonId> coming;
        for (std::size_t k = 0; k < people.size(); ++k)
          if (static_cast<int>(k % 5) + 1 == d.iso_weekday()) coming.push_back(people[k]);
        if (c.commune_insee == "15187" && slot == Slot::Afternoon && (d.iso_weekday() == 2 || d.iso_weekday() == 4))
          coming.push_back(teleworker);
        for (std::size_t k = 0; k < coming.size() && k < posts.size(); ++k) {
          domain::Booking b;
          b.centre_id = c.id;
          b.post_id = posts[k];
          b.person_id = coming[k];
          b.date = d;
          b.slot = slot;
          b.created_at = now;
          b.created_by = coming[k];
          if (day < 0) {
            b.status =
                (k + static_cast<std::size_t>(day + 14)) % 7 == 3 ? BookingStatus::NoShow : BookingStatus::CheckedIn;
            if (b.status == BookingStatus::CheckedIn)
              b.checked_in_at = d.iso() + (slot == Slot::Morning ? "T08:00:00Z" : "T13:00:00Z");
          }
          tx.bookings().insert(b);
        }
      }
    }
  }
}

// Individual advice slots over the next three weeks, so that /conseil shows some: Tuesday mornings at
// Saint-Flour, Thursday afternoons at Allanche, offered by the animator, open to the public, none booked.
void add_demo_advice_slots(store::Transaction& tx, const std::vector<Centre>& centres, domain::PersonId animator,
                           const std::string& now, Date today) {
  for (int day = 1; day <= 21; ++day) {
    const Date d = today.plus_days(day);
    const bool tuesday = d.iso_weekday() == 2, thursday = d.iso_weekday() == 4;
    if (!tuesday && !thursday) continue;
    const std::string insee = tuesday ? "15187" : "15001";
    for (const auto& c : centres) {
      if (c.commune_insee != insee) continue;
      const int from = tuesday ? 9 * 60 : 14 * 60, minutes = tuesday ? 45 : 30;
      for (int start = from; start + minutes <= from + 3 * 60; start += minutes) {
        Event e;
        e.type = EventType::Advice;
        e.title = "Conseil individuel";
        e.description = tuesday ? "Un projet de télétravail, une question sur les télécentres : venez en parler."
                                : "Créer son activité depuis le Cézallier : statut, locaux, outils numériques.";
        e.date = d;
        e.start_minute = start;
        e.end_minute = start + minutes;
        e.centre_id = c.id;
        e.commune_insee = c.commune_insee;
        e.address = c.address;
        e.capacity = 1;
        e.audiences = {Audience::Teleworkers, Audience::Public};
        e.organiser = animator;
        e.created_at = now;
        tx.events().insert(e);
      }
    }
  }
}

}  // namespace

std::vector<Centre> demo_centres() {
  std::vector<Centre> out;

  {
    Centre c = centre("Télécentre de Murat", "Commune de Murat", "15138", "2 place de l'Hôtel de Ville, 15300 Murat",
                      {45.1105, 2.8686});
    set_history(c, {{CentreStatus::Planned, {2006, 3, 1}},
                    {CentreStatus::Opening, {2006, 9, 1}},
                    {CentreStatus::InService, {2007, 1, 15}}});
    c.offices = offices({2, 2, 1, 1});
    c.services = {Reception::Secretariat, true, true, true, 100, 50, true, true};
    c.accessibility = {true, true, true, 5, "https://www.murat.example/registre-accessibilite"};
    c.hours = weekday_hours({1, 2, 3, 4, 5});
    c.closures = {{{2026, 12, 24}, {2027, 1, 2}, "Fêtes de fin d'année"}};
    c.specialities = {"Santé & travail"};
    c.description =
        "Quatre bureaux au cœur de Murat, au pied du Plomb du Cantal, avec salle de réunion et visioconférence. "
        "Accueil par le secrétariat de mairie.";
    out.push_back(std::move(c));
  }
  {
    Centre c = centre("Télécentre d'Allanche", "Communauté de communes du Cézallier", "15001",
                      "Maison des services, 4 rue du Foirail, 15160 Allanche", {45.2291, 2.9353});
    set_history(c, {{CentreStatus::Planned, {2006, 3, 1}},
                    {CentreStatus::Opening, {2006, 10, 1}},
                    {CentreStatus::InService, {2007, 3, 1}}});
    c.offices = offices({2, 1});
    c.services = {Reception::Animator, true, true, true, 30, 5, false, false};
    c.accessibility = {true, false, true, 5, ""};
    c.hours = weekday_hours({1, 2, 4, 5});
    c.specialities = {"Agriculture & agroalimentaire"};
    c.description = "Deux bureaux dans la maison des services du Cézallier, animés par l'animatrice du réseau.";
    out.push_back(std::move(c));
  }
  {
    Centre c = centre("Télécentre de Saint-Flour", "Communauté de communes Saint-Flour Communauté", "15187",
                      "Espace Alexandre-Vialatte, 1 place d'Armes, 15100 Saint-Flour", {45.0337, 3.0926});
    set_history(c, {{CentreStatus::Planned, {2006, 3, 1}},
                    {CentreStatus::Opening, {2006, 11, 1}},
                    {CentreStatus::InService, {2007, 2, 5}}});
    c.offices = offices({3, 2, 2});
    c.services = {Reception::Secretariat, true, true, true, 300, 100, true, true};
    c.accessibility = {true, true, true, 4, "https://www.saint-flour.example/accessibilite"};
    c.hours = weekday_hours({1, 2, 3, 4, 5}, 18 * 60 + 30);
    c.closures = {{{2026, 8, 10}, {2026, 8, 24}, "Congés d'été"}};
    c.specialities = {"Tourisme", "Numérique"};
    c.description = "Trois bureaux en ville haute, à deux pas de la cathédrale ; secrétariat sur place, fibre optique.";
    out.push_back(std::move(c));
  }
  {
    Centre c = centre("Télécentre de Chaudes-Aigues", "Commune de Chaudes-Aigues", "15045",
                      "Ancienne école, 10 avenue Georges-Pompidou, 15110 Chaudes-Aigues", {44.8503, 3.0030});
    set_history(c, {{CentreStatus::Planned, {2006, 3, 1}},
                    {CentreStatus::Opening, {2007, 1, 8}},
                    {CentreStatus::InService, {2007, 6, 1}}});
    c.offices = offices({2});
    c.services = {Reception::Secretariat, true, true, false, 20, 2, false, false};
    c.accessibility = {false, false, false, 5, ""};
    c.hours = weekday_hours({2, 3, 4});
    c.specialities = {"Thermalisme & bien-être"};
    c.description = "Un bureau de deux postes dans la station thermale, accueil par la mairie. Accès par escalier.";
    out.push_back(std::move(c));
  }
  {
    Centre c = centre("Télécentre de Montmurat", "Commune de Montmurat", "15133", "Le Bourg, 15600 Montmurat",
                      {44.6300, 2.1990});
    set_history(c, {{CentreStatus::Planned, {2007, 2, 1}}, {CentreStatus::Opening, {2026, 9, 1}}});
    c.offices = offices({1});
    c.services = {Reception::Animator, true, true, false, 30, 5, false, false};
    c.accessibility = {true, true, false, 5, ""};
    c.hours = weekday_hours({2, 4});
    c.description = "Un bureau d'un poste dans l'ancien presbytère, en limite du Lot et de l'Aveyron.";
    out.push_back(std::move(c));
  }
  {
    Centre c = centre("Télécentre d'Ydes", "Communauté de communes Sumène-Artense", "15265",
                      "Pôle de services, 3 rue de la Gare, 15210 Ydes", {45.3475, 2.4391});
    set_history(c, {{CentreStatus::Planned, {2007, 2, 1}}, {CentreStatus::Opening, {2026, 10, 1}}});
    c.offices = offices({2, 1, 1});
    c.services = {Reception::Secretariat, true, true, true, 100, 20, true, false};
    c.accessibility = {true, true, true, 5, ""};
    c.hours = weekday_hours({1, 2, 3, 4, 5});
    c.specialities = {"Industrie & logistique"};
    c.description = "Trois bureaux au pôle de services de la Sumène, près de la gare.";
    out.push_back(std::move(c));
  }
  {
    Centre c = centre("Télécentre d'Aurillac", "Communauté d'agglomération du Bassin d'Aurillac", "15014",
                      "Centre d'affaires, 14 avenue des Pupilles-de-la-Nation, 15000 Aurillac", {44.9260, 2.4470});
    set_history(c, {{CentreStatus::Planned, {2008, 1, 15}}});
    c.zrr_override = ZrrOverride{false,
                                 "Aurillac et son unité urbaine n'étaient pas classées en ZRR lors de l'appel à "
                                 "projets DIACT de 2006 : le dossier FNADT retient le taux hors ZRR."};
    c.offices = offices({2, 2, 2, 2});
    c.services = {Reception::Secretariat, true, true, true, 1000, 500, true, true};
    c.accessibility = {true, true, true, 3, ""};
    c.hours = weekday_hours({1, 2, 3, 4, 5}, 19 * 60);
    c.specialities = {"Services aux entreprises"};
    c.description = "Projet de quatre bureaux dans un centre d'affaires de la préfecture, à cinq minutes de la gare.";
    out.push_back(std::move(c));
  }
  {
    Centre c = centre("Télécentre de Mauriac", "Communauté de communes du Pays de Mauriac", "15120",
                      "Maison de l'emploi, 2 rue du Collège, 15200 Mauriac", {45.2183, 2.3330});
    set_history(c, {{CentreStatus::Planned, {2008, 1, 15}}});
    c.offices = offices({2, 1});
    c.services = {Reception::Secretariat, true, false, true, 50, 10, true, false};
    c.accessibility = {true, true, false, 5, ""};
    c.hours = weekday_hours({1, 2, 3, 4, 5});
    c.description = "Projet de deux bureaux à la maison de l'emploi, pour les demandeurs d'emploi créateurs.";
    out.push_back(std::move(c));
  }
  return out;
}

const std::vector<DemoAccount>& demo_accounts() {
  static const std::vector<DemoAccount> accounts = {
      {"admin", "admin@demo.telecentres.example", "demo-conseil-cantal", "Claire Vialard (conseil départemental)", ""},
      {"animator", "animation@demo.telecentres.example", "demo-animation-reseau", "Julien Marcenac (animateur)", ""},
      {"host", "accueil.murat@demo.telecentres.example", "demo-accueil-murat", "Accueil de Murat", "15138"},
      {"host", "accueil.saint-flour@demo.telecentres.example", "demo-accueil-saint-flour", "Accueil de Saint-Flour",
       "15187"},
      {"teleworker", "teleworker@demo.telecentres.example", "demo-teletravail-cantal", "Camille Teyssèdre", ""},
  };
  return accounts;
}

std::size_t load_demo(store::Store& store, bool with_activity) {
  ensure_reference_data(store);
  {
    auto rx = store.begin(store::Access::Read);
    if (rx->centres().count() > 0) return 0;
  }
  // Hashing is slow on purpose: done before the write transaction.
  std::vector<std::string> hashes;
  for (const auto& a : demo_accounts()) hashes.push_back(hash_password(a.password));
  auto tx = store.begin(store::Access::Write);
  if (tx->centres().count() > 0) return 0;
  auto centres = demo_centres();
  for (auto& c : centres) {
    if (auto problems = domain::validate(c); !problems.empty())
      throw std::logic_error("centre de démonstration invalide « " + c.name + " » : " + problems.front());
    tx->centres().insert(c);
  }
  const std::string now = "2026-01-05T08:00:00Z";
  std::map<std::string, domain::PersonId> reviewers;  // hosted commune (or "*" for any) → a reviewer's id
  for (std::size_t i = 0; i < demo_accounts().size(); ++i) {
    const auto& a = demo_accounts()[i];
    store::PersonRecord p;
    p.email = a.email;
    p.password_hash = hashes[i];
    p.created_at = now;
    p.roles = {a.role};
    for (const auto& c : centres)
      if (!a.centre.empty() && c.commune_insee == a.centre) p.host_centres.push_back(c.id);
    const auto id = tx->people().insert(p);
    tx->people().set_display_name(id, a.display_name);
    reviewers[a.centre.empty() ? a.role : a.centre] = id;
  }
  add_demo_applications(*tx, centres, reviewers, add_demo_communication(*tx, centres));
  add_demo_equipment(*tx, centres);
  add_demo_agreements(*tx, centres);
  add_demo_companies(*tx, centres, reviewers.at("animator"), system_clock()().utc_date(), with_activity);
  add_demo_category_changes(*tx);
  if (with_activity) {
    const domain::Timestamp clock_now = system_clock()();
    add_demo_bookings(*tx, centres, reviewers.at("teleworker"), reviewers.at("admin"), clock_now.iso(),
                      clock_now.utc_date());
    add_demo_advice_slots(*tx, centres, reviewers.at("animator"), clock_now.iso(), clock_now.utc_date());
  }
  tx->commit();
  return centres.size();
}

}  // namespace tc::service
