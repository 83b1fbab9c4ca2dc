// The network administration part of the store contract: the grant's rulesets (DIACT-2006 from the migration on),
// the council's equipment, occupancy agreements, dated ZRR reclassifications, whole-centre updates (offices and
// posts matched by id, never losing a post that has history), status overrides and the per-post booked half-days
// the grant counts. Through the Store interface only, so that every backend runs it.
#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "store_fixture.h"

namespace tc::store {
namespace {

using domain::Booking;
using domain::BookingStatus;
using domain::Centre;
using domain::Date;
using domain::Slot;

// Runs `f`, which must throw a StoreError of `kind` (whose message contains `contains`, when given).
template <typename F>
void expect_store_error(F&& f, StoreError::Kind kind, const std::string& contains = {}) {
  try {
    f();
    ADD_FAILURE() << "expected a StoreError";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind, kind) << e.what();
    if (!contains.empty()) {
      EXPECT_NE(std::string(e.what()).find(contains), std::string::npos) << e.what();
    }
  }
}

class AdminContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    auto tx = store_->begin(Access::Write);
    tx->communes().upsert(commune("15187", "Saint-Flour"));
    tx->communes().upsert(commune("15138", "Murat"));
    centre_ = centre("Télécentre de Saint-Flour", "15187");
    tx->centres().insert(centre_);
    other_ = centre("Télécentre de Murat", "15138");
    tx->centres().insert(other_);
    for (const char* email : {"claire@example.fr", "marc@example.fr"}) {
      PersonRecord p;
      p.email = email;
      p.created_at = "2026-11-26T08:00:00Z";
      p.roles = {"teleworker"};
      people_.push_back(tx->people().insert(p));
    }
    tx->commit();
  }

  // Bureau 1 (Poste 1, Poste 2) and Bureau 2 (Poste 3), open on weekday mornings, planned since 2026-09-01.
  static Centre centre(std::string name, std::string insee) {
    Centre c;
    c.name = std::move(name);
    c.host_authority = "Communauté de communes";
    c.commune_insee = std::move(insee);
    c.address = "1 place de la Halle";
    c.location = {45.03, 3.09};
    c.history = {{domain::CentreStatus::Planned, {2026, 9, 1}, {}}};
    c.offices = {{0, "Bureau 1", {{0, "Poste 1"}, {0, "Poste 2"}}}, {0, "Bureau 2", {{0, "Poste 3"}}}};
    for (int day = 1; day <= 5; ++day) c.hours.push_back({day, Slot::Morning, 8 * 60 + 30, 12 * 60});
    c.closures = {{{2026, 12, 24}, {2027, 1, 2}, "Fêtes de fin d'année"}};
    c.specialities = {"Graphisme"};
    c.description = "Au centre-bourg.";
    return c;
  }

  // The centre's post ids, office by office, in the order it was built.
  static domain::PostId post(const Centre& c, std::size_t office, std::size_t index) {
    return c.offices.at(office).posts.at(index).id;
  }

  Centre stored(domain::CentreId id) {
    auto tx = store_->begin(Access::Read);
    auto c = tx->centres().find(id);
    if (!c) throw std::runtime_error("centre not found");
    return *c;
  }

  Booking booking(domain::PostId post_id, Date d, Slot s, BookingStatus status = BookingStatus::Booked) const {
    Booking b;
    b.centre_id = centre_.id;
    b.post_id = post_id;
    b.person_id = people_[0];
    b.date = d;
    b.slot = s;
    b.status = status;
    b.created_at = "2026-11-26T09:00:00Z";
    b.created_by = people_[0];
    return b;
  }

  domain::OccupancyAgreement agreement(domain::PostId post_id, domain::PersonId person, Date from,
                                       std::optional<Date> to) const {
    domain::OccupancyAgreement a;
    a.centre_id = centre_.id;
    a.post_id = post_id;
    a.person_id = person;
    a.from = from;
    a.to = to;
    a.created_at = "2026-11-26T10:00:00Z";
    return a;
  }

  Centre centre_;
  Centre other_;
  std::vector<domain::PersonId> people_;
};

// ---- grant rulesets ----

TEST_P(AdminContract, Diact2006IsThereFromTheMigrationWithExactAmounts) {
  auto tx = store_->begin(Access::Read);
  const auto all = tx->grant_rulesets().all();
  ASSERT_EQ(all.size(), 1u);
  const auto r = tx->grant_rulesets().find_by_name("DIACT-2006");
  ASSERT_TRUE(r);
  EXPECT_GT(r->id, 0);
  EXPECT_EQ(r->name, "DIACT-2006");
  EXPECT_FALSE(r->description.empty());
  EXPECT_EQ(r->valid_from, (Date{2006, 1, 1}));
  EXPECT_FALSE(r->valid_to);
  EXPECT_EQ(r->centre_zrr_cents, 1200000);
  EXPECT_EQ(r->centre_other_cents, 800000);
  EXPECT_EQ(r->post_zrr_cents, 200000);
  EXPECT_EQ(r->post_other_cents, 150000);
  EXPECT_EQ(r->envelope_cents, 10000000);
  EXPECT_TRUE(r->occupancy.agreements_count);
  EXPECT_EQ(r->occupancy.booked_share_percent, 25);
  EXPECT_DOUBLE_EQ(r->min_broadband_mbps, 2.0);
  // The seeded row and the domain's constant say the same.
  const auto d = domain::diact_2006();
  EXPECT_EQ(r->centre_zrr_cents, d.centre_zrr_cents);
  EXPECT_EQ(r->centre_other_cents, d.centre_other_cents);
  EXPECT_EQ(r->post_zrr_cents, d.post_zrr_cents);
  EXPECT_EQ(r->post_other_cents, d.post_other_cents);
  EXPECT_EQ(r->envelope_cents, d.envelope_cents);
  EXPECT_EQ(r->occupancy.booked_share_percent, d.occupancy.booked_share_percent);
  EXPECT_FALSE(tx->grant_rulesets().find_by_name("DIACT-2007"));
}

TEST_P(AdminContract, RulesetsAreInsertedFoundAndListedByValidityThenName) {
  domain::GrantRuleset r;
  r.name = "FNADT-2027";
  r.description = "Appel 2027";
  r.valid_from = {2027, 1, 1};
  r.valid_to = Date{2029, 12, 31};
  r.centre_zrr_cents = 1500001;
  r.centre_other_cents = 900002;
  r.post_zrr_cents = 250003;
  r.post_other_cents = 175004;
  r.envelope_cents = 25000000005;  // beyond 32 bits
  r.occupancy = {false, 40};
  r.min_broadband_mbps = 8.5;
  domain::GrantRuleset same_day = r;
  same_day.name = "AAP-2027";
  same_day.valid_to.reset();
  std::int64_t id = 0;
  {
    auto tx = store_->begin(Access::Write);
    id = tx->grant_rulesets().insert(r);
    tx->grant_rulesets().insert(same_day);
    tx->commit();
  }
  auto tx = store_->begin(Access::Read);
  const auto back = tx->grant_rulesets().find_by_name("FNADT-2027");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->id, id);
  EXPECT_EQ(back->description, "Appel 2027");
  EXPECT_EQ(back->valid_from, (Date{2027, 1, 1}));
  EXPECT_EQ(back->valid_to, (Date{2029, 12, 31}));
  EXPECT_EQ(back->centre_zrr_cents, 1500001);
  EXPECT_EQ(back->centre_other_cents, 900002);
  EXPECT_EQ(back->post_zrr_cents, 250003);
  EXPECT_EQ(back->post_other_cents, 175004);
  EXPECT_EQ(back->envelope_cents, 25000000005);
  EXPECT_FALSE(back->occupancy.agreements_count);
  EXPECT_EQ(back->occupancy.booked_share_percent, 40);
  EXPECT_DOUBLE_EQ(back->min_broadband_mbps, 8.5);
  const auto all = tx->grant_rulesets().all();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].name, "DIACT-2006");
  EXPECT_EQ(all[1].name, "AAP-2027");
  EXPECT_FALSE(all[1].valid_to);
  EXPECT_EQ(all[2].name, "FNADT-2027");
}

TEST_P(AdminContract, RulesetWithATakenNameIsAConflict) {
  auto r = domain::diact_2006();
  r.id = 0;
  r.description = "doublon";
  {
    auto tx = store_->begin(Access::Write);
    expect_store_error([&] { tx->grant_rulesets().insert(r); }, StoreError::Kind::Conflict, "DIACT-2006");
  }
  auto tx = store_->begin(Access::Read);
  ASSERT_EQ(tx->grant_rulesets().all().size(), 1u);
  EXPECT_NE(tx->grant_rulesets().find_by_name("DIACT-2006")->description, "doublon");
}

// ---- equipment ----

domain::EquipmentItem item(domain::CentreId centre, domain::EquipmentCategory category, std::string description) {
  domain::EquipmentItem e;
  e.centre_id = centre;
  e.category = category;
  e.description = std::move(description);
  return e;
}

TEST_P(AdminContract, EquipmentRoundTripsAndIsListedByCentreCategoryAndId) {
  using domain::EquipmentCategory;
  auto screen = item(centre_.id, EquipmentCategory::Screen, "Écran 24 pouces");
  auto computer = item(centre_.id, EquipmentCategory::Computer, "Poste de travail Dell OptiPlex");
  computer.serial_number = "SN-12345";
  computer.delivered_on = Date{2006, 11, 15};
  computer.state = domain::EquipmentState::Broken;
  computer.note = "Alimentation à remplacer";
  auto desk = item(centre_.id, EquipmentCategory::Furniture, "Bureau droit");
  auto copier = item(other_.id, EquipmentCategory::Copier, "Copieur numérique");
  auto chair = item(centre_.id, EquipmentCategory::Furniture, "Fauteuil");
  {
    auto tx = store_->begin(Access::Write);
    for (auto* e : {&screen, &computer, &desk, &copier, &chair}) e->id = tx->equipment().insert(*e);
    tx->commit();
  }
  auto tx = store_->begin(Access::Read);
  const auto back = tx->equipment().find(computer.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->centre_id, centre_.id);
  EXPECT_EQ(back->category, EquipmentCategory::Computer);
  EXPECT_EQ(back->description, "Poste de travail Dell OptiPlex");
  EXPECT_EQ(back->serial_number, "SN-12345");
  EXPECT_EQ(back->delivered_on, (Date{2006, 11, 15}));
  EXPECT_EQ(back->state, domain::EquipmentState::Broken);
  EXPECT_EQ(back->note, "Alimentation à remplacer");
  const auto plain = tx->equipment().find(screen.id);
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->delivered_on);
  EXPECT_EQ(plain->state, domain::EquipmentState::InUse);
  EXPECT_TRUE(plain->serial_number.empty());
  EXPECT_FALSE(tx->equipment().find(copier.id + 1000));

  auto ids = [](const std::vector<domain::EquipmentItem>& v) {
    std::vector<domain::EquipmentId> out;
    out.reserve(v.size());
    for (const auto& e : v) out.push_back(e.id);
    return out;
  };
  // The domain's order of categories: furniture, computer, screen, copier, other.
  EXPECT_EQ(ids(tx->equipment().of_centre(centre_.id)),
            (std::vector<domain::EquipmentId>{desk.id, chair.id, computer.id, screen.id}));
  EXPECT_EQ(ids(tx->equipment().of_centre(other_.id)), std::vector<domain::EquipmentId>{copier.id});
  std::vector<domain::EquipmentId> mine{desk.id, chair.id, computer.id, screen.id};
  std::vector<domain::EquipmentId> theirs{copier.id};
  if (other_.id < centre_.id) std::swap(mine, theirs);
  mine.insert(mine.end(), theirs.begin(), theirs.end());
  EXPECT_EQ(ids(tx->equipment().all()), mine);  // by centre first
}

TEST_P(AdminContract, EquipmentUpdateSavesEveryFieldAndRefusesUnknownItems) {
  auto e = item(centre_.id, domain::EquipmentCategory::Computer, "Portable");
  {
    auto tx = store_->begin(Access::Write);
    e.id = tx->equipment().insert(e);
    tx->commit();
  }
  e.centre_id = other_.id;
  e.category = domain::EquipmentCategory::Screen;
  e.description = "Écran 27 pouces";
  e.serial_number = "XYZ-9";
  e.delivered_on = Date{2007, 2, 3};
  e.state = domain::EquipmentState::Returned;
  e.note = "Rendu au département";
  {
    auto tx = store_->begin(Access::Write);
    tx->equipment().update(e);
    auto missing = e;
    missing.id = e.id + 1000;
    expect_store_error([&] { tx->equipment().update(missing); }, StoreError::Kind::NotFound);
    auto nowhere = item(987654, domain::EquipmentCategory::Other, "Carton");
    expect_store_error([&] { tx->equipment().insert(nowhere); }, StoreError::Kind::NotFound);
    tx->commit();
  }
  auto tx = store_->begin(Access::Read);
  const auto back = tx->equipment().find(e.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->centre_id, other_.id);
  EXPECT_EQ(back->category, domain::EquipmentCategory::Screen);
  EXPECT_EQ(back->description, "Écran 27 pouces");
  EXPECT_EQ(back->serial_number, "XYZ-9");
  EXPECT_EQ(back->delivered_on, (Date{2007, 2, 3}));
  EXPECT_EQ(back->state, domain::EquipmentState::Returned);
  EXPECT_EQ(back->note, "Rendu au département");
  EXPECT_TRUE(tx->equipment().of_centre(centre_.id).empty());
  EXPECT_EQ(tx->equipment().all().size(), 1u);
}

// ---- occupancy agreements ----

TEST_P(AdminContract, AgreementsAreListedByCentrePostAndPersonAndCanBeEnded) {
  const auto p1 = post(centre_, 0, 0);
  const auto p2 = post(centre_, 0, 1);
  auto a1 = agreement(p1, people_[0], {2026, 1, 1}, Date{2026, 12, 31});
  auto a2 = agreement(p2, people_[1], {2025, 6, 1}, std::nullopt);
  auto a3 = agreement(p1, people_[1], {2027, 1, 1}, std::nullopt);
  {
    auto tx = store_->begin(Access::Write);
    for (auto* a : {&a1, &a2, &a3}) a->id = tx->agreements().insert(*a);
    tx->commit();
  }
  auto ids = [](const std::vector<domain::OccupancyAgreement>& v) {
    std::vector<domain::AgreementId> out;
    out.reserve(v.size());
    for (const auto& a : v) out.push_back(a.id);
    return out;
  };
  {
    auto tx = store_->begin(Access::Read);
    const auto back = tx->agreements().find(a1.id);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->centre_id, centre_.id);
    EXPECT_EQ(back->post_id, p1);
    EXPECT_EQ(back->person_id, people_[0]);
    EXPECT_EQ(back->from, (Date{2026, 1, 1}));
    EXPECT_EQ(back->to, (Date{2026, 12, 31}));
    EXPECT_FALSE(back->ended_on);
    EXPECT_TRUE(back->ended_reason.empty());
    EXPECT_EQ(back->created_at, "2026-11-26T10:00:00Z");
    EXPECT_FALSE(tx->agreements().find(a2.id)->to);
    EXPECT_FALSE(tx->agreements().find(a3.id + 1000));
    EXPECT_EQ(ids(tx->agreements().of_centre(centre_.id)), (std::vector<domain::AgreementId>{a2.id, a1.id, a3.id}));
    EXPECT_TRUE(tx->agreements().of_centre(other_.id).empty());
    EXPECT_EQ(ids(tx->agreements().of_post(p1)), (std::vector<domain::AgreementId>{a1.id, a3.id}));
    EXPECT_EQ(ids(tx->agreements().of_post(p2)), std::vector<domain::AgreementId>{a2.id});
    EXPECT_TRUE(tx->agreements().of_post(post(centre_, 1, 0)).empty());
    EXPECT_EQ(ids(tx->agreements().of_person(people_[1])), (std::vector<domain::AgreementId>{a2.id, a3.id}));
    EXPECT_EQ(ids(tx->agreements().of_person(people_[0])), std::vector<domain::AgreementId>{a1.id});
  }
  {
    auto tx = store_->begin(Access::Write);
    tx->agreements().end(a2.id, {2026, 3, 31}, "Départ du télétravailleur");
    expect_store_error([&] { tx->agreements().end(a3.id + 1000, {2026, 3, 31}, "x"); }, StoreError::Kind::NotFound);
    tx->commit();
  }
  auto tx = store_->begin(Access::Read);
  const auto ended = tx->agreements().find(a2.id);
  EXPECT_EQ(ended->ended_on, (Date{2026, 3, 31}));
  EXPECT_EQ(ended->ended_reason, "Départ du télétravailleur");
  EXPECT_FALSE(ended->to);
  EXPECT_FALSE(tx->agreements().find(a1.id)->ended_on);
}

TEST_P(AdminContract, AgreementForAPostOfAnotherCentreIsRefused) {
  auto a = agreement(post(other_, 0, 0), people_[0], {2026, 1, 1}, std::nullopt);
  {
    auto tx = store_->begin(Access::Write);
    expect_store_error([&] { tx->agreements().insert(a); }, StoreError::Kind::NotFound);
  }
  auto tx = store_->begin(Access::Read);
  EXPECT_TRUE(tx->agreements().of_person(people_[0]).empty());
}

// ---- ZRR reclassifications ----

TEST_P(AdminContract, ZrrChangesAreOrderedAndOnePerCommuneAndDay) {
  const auto r0 = store_->revision();
  {
    auto tx = store_->begin(Access::Write);
    tx->communes().add_zrr_change({"15187", {2009, 1, 1}, false, "Arrêté du 9 avril 2009"});
    tx->communes().add_zrr_change({"15187", {2007, 6, 1}, true, "Décret 2007"});
    tx->communes().add_zrr_change({"15138", {2008, 1, 1}, false, ""});
    tx->commit();
  }
  EXPECT_GT(store_->revision(), r0);  // the directory shows ZRR membership
  {
    auto tx = store_->begin(Access::Write);
    expect_store_error(
        [&] {
          tx->communes().add_zrr_change({"15187", {2007, 6, 1}, false, "bis"});
        },
        StoreError::Kind::Conflict, "15187");
    expect_store_error(
        [&] {
          tx->communes().add_zrr_change({"99999", {2007, 6, 1}, true, ""});
        },
        StoreError::Kind::NotFound);
  }
  auto tx = store_->begin(Access::Read);
  const auto flour = tx->communes().zrr_changes("15187");
  ASSERT_EQ(flour.size(), 2u);
  EXPECT_EQ(flour[0].from, (Date{2007, 6, 1}));
  EXPECT_TRUE(flour[0].zrr);
  EXPECT_EQ(flour[0].note, "Décret 2007");
  EXPECT_EQ(flour[1].from, (Date{2009, 1, 1}));
  EXPECT_FALSE(flour[1].zrr);
  EXPECT_EQ(flour[1].insee, "15187");
  EXPECT_TRUE(tx->communes().zrr_changes("15014").empty());
  const auto all = tx->communes().all_zrr_changes();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].insee, "15138");
  EXPECT_EQ(all[1].insee, "15187");
  EXPECT_EQ(all[1].from, (Date{2007, 6, 1}));
  EXPECT_EQ(all[2].from, (Date{2009, 1, 1}));
}

// ---- centre updates ----

TEST_P(AdminContract, CentreUpdateRoundTripsEveryEditableField) {
  Centre c = stored(centre_.id);
  c.name = "Espace numérique de Murat";
  c.host_authority = "Mairie de Murat";
  c.commune_insee = "15138";
  c.address = "2 rue du Faubourg";
  c.location = {45.11, 2.87};
  c.zrr_override = domain::ZrrOverride{false, "Commune sortie de ZRR par décision préfectorale"};
  c.services = {domain::Reception::Animator, true, true, true, 20.5, 1.5, true, true};
  c.accessibility = {true, true, true, 4, "https://example.fr/registre"};
  c.hours = {{2, Slot::Afternoon, 13 * 60 + 30, 18 * 60}, {6, Slot::Morning, 9 * 60, 12 * 60}};
  c.closures = {{{2027, 8, 1}, {2027, 8, 16}, "Congés"}, {{2027, 5, 1}, {2027, 5, 2}, "Pont"}};
  c.specialities = {"Santé & travail", "Artisanat d'art"};
  c.description = "Nouvelle description.";
  c.time_zone = "America/Cayenne";
  c.open_on_public_holidays = true;
  c.booking_rules = {30, 45, 4, 615, 885};
  // Neither status nor history are editable here: record_status() moves them.
  c.status = domain::CentreStatus::Closed;
  c.history.push_back({domain::CentreStatus::Closed, {2027, 1, 1}, "x"});
  {
    auto tx = store_->begin(Access::Write);
    tx->centres().update(c);
    tx->commit();
  }
  const Centre back = stored(centre_.id);
  EXPECT_EQ(back.name, "Espace numérique de Murat");
  EXPECT_EQ(back.host_authority, "Mairie de Murat");
  EXPECT_EQ(back.commune_insee, "15138");
  EXPECT_EQ(back.address, "2 rue du Faubourg");
  EXPECT_DOUBLE_EQ(back.location.lat, 45.11);
  EXPECT_DOUBLE_EQ(back.location.lon, 2.87);
  ASSERT_TRUE(back.zrr_override);
  EXPECT_FALSE(back.zrr_override->zrr);
  EXPECT_EQ(back.zrr_override->reason, "Commune sortie de ZRR par décision préfectorale");
  EXPECT_EQ(back.services.reception, domain::Reception::Animator);
  EXPECT_TRUE(back.services.copier);
  EXPECT_TRUE(back.services.fax);
  EXPECT_TRUE(back.services.printer);
  EXPECT_DOUBLE_EQ(back.services.broadband_down_mbps, 20.5);
  EXPECT_DOUBLE_EQ(back.services.broadband_up_mbps, 1.5);
  EXPECT_TRUE(back.services.meeting_room);
  EXPECT_TRUE(back.services.videoconference);
  EXPECT_TRUE(back.accessibility.step_free);
  EXPECT_TRUE(back.accessibility.adapted_toilets);
  EXPECT_TRUE(back.accessibility.reserved_parking);
  EXPECT_EQ(back.accessibility.erp_category, 4);
  EXPECT_EQ(back.accessibility.register_url, "https://example.fr/registre");
  ASSERT_EQ(back.hours.size(), 2u);
  EXPECT_EQ(back.hours[0].weekday, 2);
  EXPECT_EQ(back.hours[0].slot, Slot::Afternoon);
  EXPECT_EQ(back.hours[0].open_minute, 13 * 60 + 30);
  EXPECT_EQ(back.hours[0].close_minute, 18 * 60);
  EXPECT_EQ(back.hours[1].weekday, 6);
  ASSERT_EQ(back.closures.size(), 2u);
  EXPECT_EQ(back.closures[0].from, (Date{2027, 5, 1}));
  EXPECT_EQ(back.closures[0].reason, "Pont");
  EXPECT_EQ(back.closures[1].to, (Date{2027, 8, 16}));
  EXPECT_EQ(back.specialities, (std::vector<std::string>{"Santé & travail", "Artisanat d'art"}));
  EXPECT_EQ(back.description, "Nouvelle description.");
  EXPECT_EQ(back.time_zone, "America/Cayenne");
  EXPECT_TRUE(back.open_on_public_holidays);
  EXPECT_EQ(back.booking_rules.horizon_days, 30);
  EXPECT_EQ(back.booking_rules.min_notice_minutes, 45);
  EXPECT_EQ(back.booking_rules.max_half_days_per_week, 4);
  EXPECT_EQ(back.booking_rules.no_show_morning_minute, 615);
  EXPECT_EQ(back.booking_rules.no_show_afternoon_minute, 885);
  EXPECT_EQ(back.status, domain::CentreStatus::Planned);
  ASSERT_EQ(back.history.size(), 1u);
  EXPECT_EQ(back.history[0].status, domain::CentreStatus::Planned);
  EXPECT_EQ(back.post_count(), 3);
  // The other centre is untouched.
  EXPECT_EQ(stored(other_.id).name, "Télécentre de Murat");

  // And back to the empty optional fields.
  Centre plain = back;
  plain.zrr_override.reset();
  plain.accessibility.erp_category.reset();
  plain.booking_rules = {};
  plain.hours.clear();
  plain.closures.clear();
  plain.specialities.clear();
  plain.open_on_public_holidays = false;
  {
    auto tx = store_->begin(Access::Write);
    tx->centres().update(plain);
    tx->commit();
  }
  const Centre again = stored(centre_.id);
  EXPECT_FALSE(again.zrr_override);
  EXPECT_FALSE(again.accessibility.erp_category);
  EXPECT_TRUE(again.booking_rules.empty());
  EXPECT_TRUE(again.hours.empty());
  EXPECT_TRUE(again.closures.empty());
  EXPECT_TRUE(again.specialities.empty());
  EXPECT_FALSE(again.open_on_public_holidays);
}

TEST_P(AdminContract, CentreUpdateKeepsRenamesCreatesMovesAndDeletesOfficesAndPosts) {
  Centre c = stored(centre_.id);
  const auto p1 = post(c, 0, 0);
  const auto p2 = post(c, 0, 1);
  const auto p3 = post(c, 1, 0);
  const auto office1 = c.offices[0].id;
  // Bureau 1 renamed, Poste 1 renamed, Poste 2 deleted, a post added; Bureau 2 deleted while its Poste 3 moves
  // to a new office, with a new post beside it.
  c.offices = {{office1, "Salle A", {{p1, "Poste A1"}, {0, "Poste A2"}}},
               {0, "Bureau 3", {{p3, "Poste 3 (déplacé)"}, {0, "Poste 4"}}}};
  {
    auto tx = store_->begin(Access::Write);
    tx->centres().update(c);
    tx->commit();
  }
  ASSERT_GT(c.offices[1].id, 0);
  const auto new_a2 = c.offices[0].posts[1].id;
  const auto new_4 = c.offices[1].posts[1].id;
  EXPECT_GT(new_a2, 0);
  EXPECT_GT(new_4, 0);
  EXPECT_NE(new_a2, new_4);
  for (const auto id : {p1, p2, p3}) {
    EXPECT_NE(new_a2, id);
    EXPECT_NE(new_4, id);
  }

  const Centre back = stored(centre_.id);
  ASSERT_EQ(back.offices.size(), 2u);
  EXPECT_EQ(back.offices[0].id, office1);
  EXPECT_EQ(back.offices[0].name, "Salle A");
  ASSERT_EQ(back.offices[0].posts.size(), 2u);
  EXPECT_EQ(back.offices[0].posts[0].id, p1);
  EXPECT_EQ(back.offices[0].posts[0].label, "Poste A1");
  EXPECT_EQ(back.offices[0].posts[1].id, new_a2);
  EXPECT_EQ(back.offices[0].posts[1].label, "Poste A2");
  EXPECT_EQ(back.offices[1].id, c.offices[1].id);
  EXPECT_EQ(back.offices[1].name, "Bureau 3");
  ASSERT_EQ(back.offices[1].posts.size(), 2u);
  EXPECT_EQ(back.offices[1].posts[0].id, p3);
  EXPECT_EQ(back.offices[1].posts[0].label, "Poste 3 (déplacé)");
  EXPECT_EQ(back.offices[1].posts[1].id, new_4);
  EXPECT_EQ(back.post_count(), 4);
  EXPECT_EQ(stored(other_.id).post_count(), 3);
}

TEST_P(AdminContract, CentreUpdateRefusesIdsThatAreNotTheCentres) {
  Centre unknown = stored(centre_.id);
  unknown.id = 987654;
  Centre foreign_office = stored(centre_.id);
  foreign_office.offices[1].id = other_.offices[0].id;
  Centre foreign_post = stored(centre_.id);
  foreign_post.offices[0].posts.push_back({post(other_, 1, 0), "Volé"});
  foreign_post.name = "Ne doit pas être enregistré";
  {
    auto tx = store_->begin(Access::Write);
    expect_store_error([&] { tx->centres().update(unknown); }, StoreError::Kind::NotFound);
    expect_store_error([&] { tx->centres().update(foreign_office); }, StoreError::Kind::NotFound);
    expect_store_error([&] { tx->centres().update(foreign_post); }, StoreError::Kind::NotFound);
  }
  EXPECT_EQ(stored(centre_.id).name, "Télécentre de Saint-Flour");
  EXPECT_EQ(stored(other_.id).post_count(), 3);
}

TEST_P(AdminContract, CentreUpdateRefusesToDeleteAPostWithBookingsAndChangesNothing) {
  const auto p2 = post(centre_, 0, 1);
  {
    auto tx = store_->begin(Access::Write);
    // Even a cancelled booking is history the post must keep.
    tx->bookings().insert(booking(p2, {2026, 12, 1}, Slot::Morning, BookingStatus::Cancelled));
    tx->commit();
  }
  Centre c = stored(centre_.id);
  c.name = "Renommé";
  c.offices[0].posts.pop_back();  // Poste 2
  c.offices[0].posts.push_back({0, "Poste neuf"});
  {
    auto tx = store_->begin(Access::Write);
    expect_store_error([&] { tx->centres().update(c); }, StoreError::Kind::Conflict, "Poste 2");
  }
  // Deleting the whole office is refused just the same.
  Centre without_office = stored(centre_.id);
  without_office.offices.erase(without_office.offices.begin());
  {
    auto tx = store_->begin(Access::Write);
    expect_store_error([&] { tx->centres().update(without_office); }, StoreError::Kind::Conflict, "Poste 2");
  }
  const Centre back = stored(centre_.id);
  EXPECT_EQ(back.name, "Télécentre de Saint-Flour");
  ASSERT_EQ(back.offices.size(), 2u);
  ASSERT_EQ(back.offices[0].posts.size(), 2u);
  EXPECT_EQ(back.offices[0].posts[1].id, p2);
  EXPECT_EQ(back.offices[0].posts[1].label, "Poste 2");
  EXPECT_EQ(back.post_count(), 3);
}

TEST_P(AdminContract, CentreUpdateRefusesToDeleteAPostUnderAnAgreement) {
  const auto p3 = post(centre_, 1, 0);
  {
    auto tx = store_->begin(Access::Write);
    tx->agreements().insert(agreement(p3, people_[1], {2026, 1, 1}, std::nullopt));
    tx->commit();
  }
  Centre c = stored(centre_.id);
  c.offices.pop_back();  // Bureau 2 and its Poste 3
  {
    auto tx = store_->begin(Access::Write);
    expect_store_error([&] { tx->centres().update(c); }, StoreError::Kind::Conflict, "Poste 3");
  }
  EXPECT_EQ(stored(centre_.id).post_count(), 3);
  // A post without history still goes.
  c = stored(centre_.id);
  c.offices[0].posts.pop_back();
  {
    auto tx = store_->begin(Access::Write);
    tx->centres().update(c);
    tx->commit();
  }
  EXPECT_EQ(stored(centre_.id).post_count(), 2);
}

TEST_P(AdminContract, CentreUpdateMovesTheDirectoryRevision) {
  const auto r0 = store_->revision();
  const auto l0 = store_->local_commits();
  Centre c = stored(centre_.id);
  c.description = "Changée";
  {
    auto tx = store_->begin(Access::Write);
    tx->centres().update(c);
    tx->commit();
  }
  EXPECT_GT(store_->revision(), r0);
  EXPECT_EQ(store_->local_commits(), l0 + 1);
}

// ---- status overrides ----

TEST_P(AdminContract, OverrideReasonRoundTripsInHistory) {
  {
    auto tx = store_->begin(Access::Write);
    tx->centres().record_status(centre_.id, {domain::CentreStatus::Opening, {2026, 10, 1}, {}});
    tx->centres().record_status(
        centre_.id,
        {domain::CentreStatus::InService, {2026, 11, 2}, "Débit de 1 Mbit/s, dérogation accordée par le préfet"});
    tx->commit();
  }
  auto tx = store_->begin(Access::Read);
  const auto c = tx->centres().find(centre_.id);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->status, domain::CentreStatus::InService);
  ASSERT_EQ(c->history.size(), 3u);
  EXPECT_TRUE(c->history[0].override_reason.empty());
  EXPECT_TRUE(c->history[1].override_reason.empty());
  EXPECT_EQ(c->history[2].status, domain::CentreStatus::InService);
  EXPECT_EQ(c->history[2].on, (Date{2026, 11, 2}));
  EXPECT_EQ(c->history[2].override_reason, "Débit de 1 Mbit/s, dérogation accordée par le préfet");
  const auto all = tx->centres().all();
  const auto listed = std::find_if(all.begin(), all.end(), [&](const Centre& any) { return any.id == centre_.id; });
  ASSERT_NE(listed, all.end());
  EXPECT_EQ(listed->history.back().override_reason, c->history[2].override_reason);
}

// ---- booked half-days per post ----

TEST_P(AdminContract, HeldPerPostCountsLiveHalfDaysOfEveryCentreWithinHalfOpenBounds) {
  const Date from{2026, 12, 7};
  const Date to{2026, 12, 14};
  const auto p1 = post(centre_, 0, 0);
  const auto p2 = post(centre_, 0, 1);
  const auto p3 = post(centre_, 1, 0);
  {
    auto tx = store_->begin(Access::Write);
    auto& b = tx->bookings();
    b.insert(booking(p1, from, Slot::Morning));
    b.insert(booking(p1, from, Slot::Afternoon, BookingStatus::CheckedIn));
    b.insert(booking(p1, from.plus_days(1), Slot::Morning, BookingStatus::Cancelled));
    b.insert(booking(p1, from.plus_days(1), Slot::Morning));  // rebooked after the cancellation
    b.insert(booking(p1, from.plus_days(2), Slot::Morning, BookingStatus::NoShow));
    b.insert(booking(p1, to.plus_days(-1), Slot::Afternoon));  // last day inside
    b.insert(booking(p1, to, Slot::Morning));                  // `to` is excluded
    b.insert(booking(p1, from.plus_days(-1), Slot::Morning));  // before `from`
    b.insert(booking(p2, from.plus_days(3), Slot::Afternoon, BookingStatus::CheckedIn));
    b.insert(booking(p3, from.plus_days(3), Slot::Morning, BookingStatus::Cancelled));
    b.insert(booking(p3, from.plus_days(4), Slot::Morning, BookingStatus::NoShow));
    tx->commit();
  }
  const auto elsewhere = post(other_, 0, 0);
  {
    auto tx = store_->begin(Access::Write);
    auto b = booking(elsewhere, from, Slot::Morning);
    b.centre_id = other_.id;
    tx->bookings().insert(b);
    tx->commit();
  }
  auto tx = store_->begin(Access::Read);
  auto held = tx->reports().held_per_post(from, to);  // every centre's posts
  std::sort(held.begin(), held.end());
  std::vector<std::pair<domain::PostId, int>> expected{{p1, 4}, {p2, 1}, {elsewhere, 1}};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(held, expected);  // p3: only cancelled and no-show, left out
  EXPECT_TRUE(tx->reports().held_per_post(from, from).empty());
  const auto wider = tx->reports().held_per_post(from.plus_days(-1), to.plus_days(1));
  const auto p1_wider = std::find_if(wider.begin(), wider.end(), [&](const auto& e) { return e.first == p1; });
  ASSERT_NE(p1_wider, wider.end());
  EXPECT_EQ(p1_wider->second, 6);
}

TEST_P(AdminContract, OverlappingAgreementsMeetThePeriodByEndOrEarlyEnd) {
  const auto p1 = post(centre_, 0, 0);
  auto before = agreement(p1, people_[0], {2025, 1, 1}, Date{2025, 12, 31});  // ends before the period
  auto open = agreement(p1, people_[1], {2025, 6, 1}, std::nullopt);          // open-ended: meets it
  auto ended = agreement(p1, people_[0], {2026, 1, 1}, std::nullopt);         // ended early, before the period
  auto inside = agreement(post(other_, 0, 0), people_[1], {2026, 3, 1}, Date{2026, 3, 2});
  inside.centre_id = other_.id;
  auto after = agreement(p1, people_[1], {2026, 7, 1}, std::nullopt);  // starts after it
  {
    auto tx = store_->begin(Access::Write);
    for (auto* a : {&before, &open, &ended, &inside, &after}) a->id = tx->agreements().insert(*a);
    tx->agreements().end(ended.id, {2026, 1, 31}, "Fin anticipée");
    tx->commit();
  }
  auto tx = store_->begin(Access::Read);
  std::vector<domain::AgreementId> got;
  for (const auto& a : tx->agreements().overlapping({2026, 2, 1}, {2026, 6, 30})) got.push_back(a.id);
  EXPECT_EQ(got, (std::vector<domain::AgreementId>{open.id, inside.id}));  // by from date
  got.clear();
  for (const auto& a : tx->agreements().overlapping({2026, 1, 31}, {2026, 1, 31})) got.push_back(a.id);
  EXPECT_EQ(got, (std::vector<domain::AgreementId>{open.id, ended.id}));  // the early end's day still counts
}

TEST_P(AdminContract, ReportsCountBookingsPerMonthTripAndPersonWithinTheScope) {
  const auto p1 = post(centre_, 0, 0);
  const auto p2 = post(centre_, 0, 1);
  const auto elsewhere = post(other_, 0, 0);
  {
    auto tx = store_->begin(Access::Write);
    domain::Profile claire;
    claire.display_name = "Claire";
    claire.home_commune_insee = "15138";
    claire.workplace_commune_insee = "15187";
    claire.category = domain::Category::Independent;
    tx->people().set_profile(people_[0], claire);
    auto& b = tx->bookings();
    b.insert(booking(p1, {2026, 1, 30}, Slot::Morning, BookingStatus::CheckedIn));
    b.insert(booking(p1, {2026, 2, 2}, Slot::Morning, BookingStatus::CheckedIn));
    b.insert(booking(p2, {2026, 2, 2}, Slot::Morning));  // booked, not yet come
    b.insert(booking(p2, {2026, 2, 3}, Slot::Morning, BookingStatus::Cancelled));
    b.insert(booking(p1, {2026, 3, 1}, Slot::Morning, BookingStatus::CheckedIn));  // after the period
    auto marc = booking(elsewhere, {2026, 2, 4}, Slot::Afternoon, BookingStatus::CheckedIn);
    marc.centre_id = other_.id;
    marc.person_id = people_[1];  // no profile: communes unknown, category read as a distant employee
    b.insert(marc);
    tx->commit();
  }
  const Date from{2026, 1, 1};
  const Date to{2026, 3, 1};  // exclusive
  auto tx = store_->begin(Access::Read);
  auto& r = tx->reports();

  const auto months = r.held_per_month(CentreScope::all(), from, to);
  ASSERT_EQ(months.size(), 3u);
  EXPECT_EQ(months[0].centre_id, centre_.id);
  EXPECT_EQ(months[0].month, "2026-01");
  EXPECT_EQ(months[0].held, 1);
  EXPECT_EQ(months[1].month, "2026-02");
  EXPECT_EQ(months[1].held, 2);  // the cancelled one left out
  EXPECT_EQ(months[2].centre_id, other_.id);
  EXPECT_EQ(r.held_per_month(CentreScope::only({other_.id}), from, to).size(), 1u);
  EXPECT_TRUE(r.held_per_month(CentreScope::only({}), from, to).empty());

  const auto trips = r.checked_in_trips(CentreScope::all(), from, to);
  ASSERT_EQ(trips.size(), 2u);
  EXPECT_EQ(trips[0].centre_id, centre_.id);
  EXPECT_EQ(trips[0].home_insee, "15138");
  EXPECT_EQ(trips[0].workplace_insee, "15187");
  EXPECT_EQ(trips[0].half_days, 2);
  EXPECT_EQ(trips[1].centre_id, other_.id);
  EXPECT_EQ(trips[1].home_insee, "");
  EXPECT_EQ(trips[1].half_days, 1);

  const auto came = r.checked_in_people(CentreScope::all(), from, to);
  EXPECT_EQ(came, (std::map<domain::Category, int>{{domain::Category::Independent, 1},
                                                   {domain::Category::DistantEmployee, 1}}));
  EXPECT_EQ(r.checked_in_people(CentreScope::only({centre_.id}), from, to),
            (std::map<domain::Category, int>{{domain::Category::Independent, 1}}));

  EXPECT_EQ(r.people_of(CentreScope::only({other_.id}), from, to), std::vector<domain::PersonId>{people_[1]});
  EXPECT_EQ(r.people_of(CentreScope::only({centre_.id}), {2026, 4, 1}, {2026, 5, 1}), std::vector<domain::PersonId>{});
}

TEST_P(AdminContract, ReportsCountApplicationsAndEventRegistrations) {
  {
    auto tx = store_->begin(Access::Write);
    domain::Profile seeker;
    seeker.display_name = "Marc";
    seeker.category = domain::Category::JobSeeker;
    seeker.rqth = true;
    tx->people().set_profile(people_[1], seeker);
    auto application = [&](domain::PersonId person, domain::CentreId centre, const char* at,
                           domain::ApplicationState state) {
      domain::Application a;
      a.person_id = person;
      a.centre_id = centre;
      a.start_date = {2026, 3, 1};
      a.motivation = "Travailler près de chez moi.";
      a.state = state;
      a.submitted_at_utc = at;
      return tx->applications().insert(a, "");
    };
    application(people_[1], centre_.id, "2026-02-10T09:00:00Z", domain::ApplicationState::Active);
    application(people_[1], other_.id, "2026-02-11T09:00:00Z", domain::ApplicationState::Submitted);
    application(people_[0], centre_.id, "2026-02-12T09:00:00Z", domain::ApplicationState::Submitted);
    application(people_[0], other_.id, "2025-12-31T23:59:59Z", domain::ApplicationState::Active);  // before

    domain::Event e;
    e.title = "Réunion d'information";
    e.date = {2026, 2, 20};
    e.start_minute = 18 * 60;
    e.end_minute = 19 * 60;
    e.commune_insee = "15187";
    e.capacity = 10;
    e.created_at = "2026-01-05T10:00:00Z";
    e.organiser = people_[0];
    const auto event = tx->events().insert(e);
    int n = 0;
    for (const auto& [status, attended] : std::vector<std::pair<domain::RegistrationStatus, std::optional<bool>>>{
             {domain::RegistrationStatus::Confirmed, true},
             {domain::RegistrationStatus::Confirmed, false},
             {domain::RegistrationStatus::Confirmed, std::nullopt},
             {domain::RegistrationStatus::Waiting, std::nullopt}}) {
      domain::Registration reg;
      reg.event_id = event;
      reg.name = "Inscrit " + std::to_string(++n);
      reg.email = "inscrit" + std::to_string(n) + "@example.fr";
      reg.status = status;
      reg.token = "jeton-" + std::to_string(n);
      reg.created_at = "2026-01-06T10:00:00Z";
      reg.attended = attended;
      tx->events().insert_registration(reg);
    }
    tx->commit();
  }
  auto tx = store_->begin(Access::Read);
  auto& r = tx->reports();
  const auto all = r.application_figures(CentreScope::all(), "2026-01-01", "2026-03-01");
  EXPECT_EQ(all.per_centre, (std::map<domain::CentreId, int>{{centre_.id, 2}, {other_.id, 1}}));
  EXPECT_EQ(all.applicants, (std::map<domain::Category, int>{{domain::Category::JobSeeker, 1},
                                                             {domain::Category::DistantEmployee, 1}}));
  EXPECT_EQ(all.job_seekers_applying, 2);
  EXPECT_EQ(all.active, (std::map<domain::Category, int>{{domain::Category::JobSeeker, 1},
                                                         {domain::Category::DistantEmployee, 1}}));
  EXPECT_EQ(all.rqth_active, 1);
  const auto here = r.application_figures(CentreScope::only({other_.id}), "2026-01-01", "2026-03-01");
  EXPECT_EQ(here.per_centre, (std::map<domain::CentreId, int>{{other_.id, 1}}));
  EXPECT_EQ(here.job_seekers_applying, 1);
  EXPECT_EQ(here.active, (std::map<domain::Category, int>{{domain::Category::DistantEmployee, 1}}));
  EXPECT_EQ(here.rqth_active, 0);

  const auto tallies = r.event_tallies({2026, 2, 1}, {2026, 2, 28});
  ASSERT_EQ(tallies.size(), 1u);
  EXPECT_EQ(tallies.begin()->second.confirmed, 3);
  EXPECT_EQ(tallies.begin()->second.attended, 1);
  EXPECT_TRUE(r.event_tallies({2026, 3, 1}, {2026, 3, 31}).empty());
}

// The waiting list orders by when each application's state began: rows listed (and found) carry that time, the
// submission until a first transition, then the last transition's, without reading the history.
TEST_P(AdminContract, ApplicationRowsCarryWhenTheirStateBegan) {
  auto tx = store_->begin(Access::Write);
  domain::Application a;
  a.person_id = people_[0];
  a.centre_id = centre_.id;
  a.start_date = {2026, 3, 1};
  a.motivation = "Travailler près de chez moi.";
  a.submitted_at_utc = "2026-02-10T09:00:00Z";
  a.id = tx->applications().insert(a, "");
  domain::Application b = a;
  b.person_id = people_[1];
  b.submitted_at_utc = "2026-02-11T09:00:00Z";
  b.id = tx->applications().insert(b, "");

  ApplicationFilter f;
  f.centre_ids = {centre_.id};
  auto since = [&] {
    std::map<domain::ApplicationId, std::string> out;
    for (const auto& r : tx->applications().list(f)) out[r.application.id] = r.state_since_utc;
    return out;
  };
  EXPECT_EQ(since(), (std::map<domain::ApplicationId, std::string>{{a.id, "2026-02-10T09:00:00Z"},
                                                                   {b.id, "2026-02-11T09:00:00Z"}}));
  a.history.push_back({a.state, domain::ApplicationState::Waitlisted, people_[0], "2026-02-15T10:00:00Z", ""});
  a.state = domain::ApplicationState::Waitlisted;
  tx->applications().record_transition(a);
  a.history.push_back({a.state, domain::ApplicationState::Accepted, people_[0], "2026-03-01T08:30:00Z", ""});
  a.state = domain::ApplicationState::Accepted;
  tx->applications().record_transition(a);
  EXPECT_EQ(since(), (std::map<domain::ApplicationId, std::string>{{a.id, "2026-03-01T08:30:00Z"},
                                                                   {b.id, "2026-02-11T09:00:00Z"}}));
  const auto found = tx->applications().find(a.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->state_since_utc, found->application.history.back().at_utc);
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminContract, ::testing::ValuesIn(backends()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace tc::store
