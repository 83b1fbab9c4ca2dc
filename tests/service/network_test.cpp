// The network's administration against a real SQLite store: the FNADT statement computed by hand (four ZRR
// centres with 3 occupied posts and one outside with 2 = €83,000), over the envelope, a commune leaving the ZRR
// during the period, the 25 % occupancy threshold exactly, status changes guarded by conformity, and who may do
// what.
#include "service/network.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "service/errors.h"
#include "service/reference_data.h"

namespace tc::service {
namespace {

using domain::CentreStatus;
using domain::Date;
using domain::Slot;

domain::Timestamp utc(Date d, int hour) { return {d.days_since_epoch() * 86400 + std::int64_t{hour} * 3600}; }

class NetworkAdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("tc-network-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    cleanup();
    store_ = store::open_store(path_);
    ensure_reference_data(*store_);
    admin_ = person("admin@example.fr", {"admin"}, {}, {domain::Role::Admin});
    network_ = std::make_unique<NetworkAdmin>(*store_, [this] { return now_; });
  }
  void TearDown() override {
    network_.reset();
    store_.reset();
    cleanup();
  }
  void cleanup() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  domain::Actor person(const std::string& email, const std::vector<std::string>& roles,
                       const std::vector<domain::CentreId>& hosts, std::vector<domain::Role> actor_roles) {
    auto tx = store_->begin(store::Access::Write);
    store::PersonRecord p;
    p.email = email;
    p.created_at = "2026-01-01T00:00:00Z";
    p.roles = roles;
    p.host_centres = hosts;
    const auto id = tx->people().insert(p);
    tx->people().set_roles(id, roles, hosts);
    tx->people().set_display_name(id, "Personne " + email);
    tx->commit();
    return domain::Actor{id, std::move(actor_roles), hosts};
  }

  // A centre that conforms to DIACT-2006, open Monday to Friday 9–12 and 14–18, with `posts` posts in one office.
  domain::Centre conforming(const std::string& name, const std::string& insee, int posts) {
    domain::Centre c;
    c.name = name;
    c.host_authority = "Commune";
    c.commune_insee = insee;
    c.address = "1 place de la Mairie";
    c.offices = {{0, "Bureau 1", {}}};
    for (int i = 1; i <= posts; ++i) c.offices[0].posts.push_back({0, "Poste " + std::to_string(i)});
    c.services.reception = domain::Reception::Secretariat;
    c.services.copier = true;
    c.services.fax = true;
    c.services.broadband_down_mbps = 8;
    c.accessibility.step_free = true;
    c.accessibility.adapted_toilets = true;
    c.accessibility.register_url = "https://example.fr/registre";
    for (int wd = 1; wd <= 5; ++wd) {
      c.hours.push_back({wd, Slot::Morning, 9 * 60, 12 * 60});
      c.hours.push_back({wd, Slot::Afternoon, 14 * 60, 18 * 60});
    }
    return c;
  }

  // Created, then opening and in service from 2026-01-05 and 2026-02-02.
  domain::Centre in_service(const std::string& name, const std::string& insee, int posts) {
    now_ = utc({2026, 1, 2}, 10);
    auto c = network_->create_centre(admin_, conforming(name, insee, posts));
    network_->change_status(admin_, c.id, {CentreStatus::Opening, "2026-01-05", ""});
    return network_->change_status(admin_, c.id, {CentreStatus::InService, "2026-02-02", ""});
  }

  // `n` agreements covering the first `n` posts of the centre over 2027, each with a new teleworker.
  void agreements(const domain::Centre& c, int n) {
    for (int i = 0; i < n; ++i) {
      const auto t = person("t" + std::to_string(c.id) + "-" + std::to_string(i) + "@example.fr", {"teleworker"}, {},
                            {domain::Role::Teleworker});
      network_->add_agreement(admin_, c.id,
                              {c.offices[0].posts[static_cast<std::size_t>(i)].id, t.id, "2027-01-01", ""});
    }
  }

  std::string path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<NetworkAdmin> network_;
  domain::Actor admin_;
  domain::Timestamp now_ = utc({2026, 1, 2}, 10);
};

const domain::GrantLine* line_of(const domain::GrantStatement& s, domain::CentreId id) {
  for (const auto& l : s.centres)
    if (l.centre_id == id) return &l;
  return nullptr;
}

TEST_F(NetworkAdminTest, FourZrrCentresWithThreePostsAndOneOutsideWithTwoMake83000Euros) {
  // Every Cantal commune is in a ZRR in the reference list; Aurillac left it on 2020-01-01 (for the test).
  network_->record_zrr_change(admin_, "15014", "2020-01-01", false, "sortie du classement (essai)");
  for (const char* insee : {"15138", "15187", "15120", "15162"}) agreements(in_service(insee, insee, 4), 3);
  agreements(in_service("Aurillac", "15014", 3), 2);
  const auto g = network_->grant(admin_, "DIACT-2006", "2027-01-01", "2027-12-31");
  const auto& s = g.statement;
  ASSERT_EQ(s.centres.size(), 5u);
  EXPECT_EQ(s.total_cents, 8'300'000);  // 4 × 12,000 + 12 × 2,000 + 8,000 + 2 × 1,500
  EXPECT_EQ(s.payable_cents, 8'300'000);
  EXPECT_EQ(s.shortfall_cents, 0);
  EXPECT_EQ(s.remaining_cents, 1'700'000);
  int zrr = 0;
  for (const auto& l : s.centres) {
    zrr += l.zrr ? 1 : 0;
    EXPECT_EQ(l.occupied_posts, l.zrr ? 3 : 2) << l.name;
    EXPECT_EQ(l.total_cents, l.zrr ? 1'800'000 : 1'100'000) << l.name;
  }
  EXPECT_EQ(zrr, 4);
  // Each occupied post says it counted by its agreement.
  for (const auto& o : g.occupancy)
    for (const auto& p : o.posts)
      EXPECT_EQ(p.by == domain::OccupiedBy::Agreement, p.agreement_id.has_value()) << o.name << " " << p.label;
}

TEST_F(NetworkAdminTest, OverTheEnvelopeThePayableIsCappedAndTheShortfallShown) {
  // 8 ZRR centres × (12,000 + 4 × 2,000) = 160,000 > 100,000.
  for (const char* insee : {"15138", "15187", "15120", "15162", "15014", "15001", "15002", "15003"})
    agreements(in_service(insee, insee, 4), 4);
  const auto s = network_->grant(admin_, "DIACT-2006", "2027-01-01", "2027-12-31").statement;
  EXPECT_EQ(s.total_cents, 16'000'000);
  EXPECT_EQ(s.payable_cents, 10'000'000);
  EXPECT_EQ(s.shortfall_cents, 6'000'000);
  EXPECT_EQ(s.remaining_cents, 0);
}

TEST_F(NetworkAdminTest, TheZrrClassificationOnThePeriodsFirstDayCounts) {
  const auto c = in_service("Murat", "15138", 2);
  agreements(c, 1);
  network_->record_zrr_change(admin_, "15138", "2027-07-01", false, "arrêté de reclassement (essai)");
  // The whole of 2027: ZRR on 1 January → 12,000 + 2,000.
  auto s = network_->grant(admin_, "DIACT-2006", "2027-01-01", "2027-12-31").statement;
  ASSERT_NE(line_of(s, c.id), nullptr);
  EXPECT_TRUE(line_of(s, c.id)->zrr);
  EXPECT_EQ(s.total_cents, 1'400'000);
  EXPECT_EQ(s.zrr_date, (Date{2027, 1, 1}));
  // From the reclassification's day on: outside → 8,000 + 1,500.
  s = network_->grant(admin_, "DIACT-2006", "2027-07-01", "2027-12-31").statement;
  EXPECT_FALSE(line_of(s, c.id)->zrr);
  EXPECT_EQ(s.total_cents, 950'000);
  // The day before: still in.
  s = network_->grant(admin_, "DIACT-2006", "2027-06-30", "2027-12-31").statement;
  EXPECT_TRUE(line_of(s, c.id)->zrr);
}

TEST_F(NetworkAdminTest, APostBookedExactlyAQuarterOfItsOpenHalfDaysIsOccupied) {
  const auto c = in_service("Murat", "15138", 3);
  const auto teleworker = person("t@example.fr", {"teleworker"}, {}, {domain::Role::Teleworker});
  // 1–28 March 2027: four weeks, 20 weekdays without a holiday, 40 open half-days.
  const Date first{2027, 3, 1};
  auto tx = store_->begin(store::Access::Write);
  auto book = [&](std::size_t post, int n, domain::BookingStatus status) {
    for (int i = 0; i < n; ++i) {
      domain::Booking b;
      b.centre_id = c.id;
      b.post_id = c.offices[0].posts[post].id;
      b.person_id = teleworker.id;
      // Weekdays only: day i/2 of the weekdays, morning or afternoon.
      const int weekday_index = i / 2;
      b.date = first.plus_days(weekday_index / 5 * 7 + weekday_index % 5);
      b.slot = i % 2 == 0 ? Slot::Morning : Slot::Afternoon;
      b.status = status;
      b.created_at = "2027-02-01T08:00:00Z";
      b.created_by = teleworker.id;
      tx->bookings().insert(b);
    }
  };
  book(0, 10, domain::BookingStatus::CheckedIn);  // 10 of 40: exactly 25 %
  book(1, 9, domain::BookingStatus::Booked);      // 9 of 40: under
  book(2, 10, domain::BookingStatus::Cancelled);  // cancelled half-days do not count
  tx->commit();
  const auto g = network_->grant(admin_, "DIACT-2006", "2027-03-01", "2027-03-28");
  ASSERT_EQ(g.occupancy.size(), 1u);
  const auto& posts = g.occupancy[0].posts;
  ASSERT_EQ(posts.size(), 3u);
  EXPECT_EQ(posts[0].open_half_days, 40);
  EXPECT_EQ(posts[0].booked_half_days, 10);
  EXPECT_EQ(posts[0].by, domain::OccupiedBy::Bookings);
  EXPECT_EQ(posts[1].booked_half_days, 9);
  EXPECT_EQ(posts[1].by, domain::OccupiedBy::None);
  EXPECT_EQ(posts[2].booked_half_days, 0);
  EXPECT_EQ(posts[2].by, domain::OccupiedBy::None);
  EXPECT_EQ(g.statement.centres[0].occupied_posts, 1);
  EXPECT_EQ(g.statement.total_cents, 1'400'000);
  // A ruleset with a 30 % threshold: 10 of 40 no longer counts.
  domain::GrantRuleset strict = domain::diact_2006();
  strict.name = "STRICT-30";
  strict.occupancy.booked_share_percent = 30;
  network_->add_ruleset(admin_, strict);
  EXPECT_EQ(network_->grant(admin_, "STRICT-30", "2027-03-01", "2027-03-28").statement.total_cents, 1'200'000);
}

TEST_F(NetworkAdminTest, PlannedCentresAreAForecastAndClosedOnesAreLeftOut) {
  const auto open = in_service("Murat", "15138", 2);
  now_ = utc({2026, 1, 2}, 10);
  const auto planned = network_->create_centre(admin_, conforming("Projet", "15187", 3));
  const auto closing = in_service("Mauriac", "15120", 2);
  network_->change_status(admin_, closing.id, {CentreStatus::Closed, "2027-06-30", ""});
  const auto s = network_->grant(admin_, "DIACT-2006", "2027-01-01", "2027-12-31").statement;
  ASSERT_EQ(s.centres.size(), 1u);
  EXPECT_EQ(s.centres[0].centre_id, open.id);
  ASSERT_EQ(s.forecast_centres.size(), 1u);
  EXPECT_EQ(s.forecast_centres[0].centre_id, planned.id);
  EXPECT_EQ(s.forecast_cents, 1'800'000);  // 12,000 + 3 × 2,000: every planned post
  EXPECT_EQ(s.forecast_network_cents, s.total_cents + 1'800'000);
  // Over a period that ended before it closed, Mauriac counts.
  EXPECT_EQ(network_->grant(admin_, "DIACT-2006", "2027-01-01", "2027-03-31").statement.centres.size(), 2u);
}

TEST_F(NetworkAdminTest, ANonConformingCentreGoesIntoServiceOnlyWithARecordedOverride) {
  auto c = conforming("Sans accueil", "15138", 2);
  c.services.reception = domain::Reception::None;
  c = network_->create_centre(admin_, c);
  network_->change_status(admin_, c.id, {CentreStatus::Opening, "2026-01-05", ""});
  try {
    network_->change_status(admin_, c.id, {CentreStatus::InService, "2026-02-02", ""});
    FAIL() << "a centre without reception must not go into service";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.reason, "not_conforming");
    EXPECT_NE(e.message_fr.find("Aucun accueil : ni secrétariat ni animateur."), std::string::npos) << e.message_fr;
  }
  EXPECT_EQ(network_->managed_centre(admin_, c.id).status, CentreStatus::Opening);
  const auto done = network_->change_status(
      admin_, c.id, {CentreStatus::InService, "2026-02-02", "Accueil assuré par la mairie voisine"});
  EXPECT_EQ(done.status, CentreStatus::InService);
  const auto stored = network_->managed_centre(admin_, c.id);
  ASSERT_EQ(stored.history.size(), 3u);
  EXPECT_EQ(stored.history.back().override_reason, "Accueil assuré par la mairie voisine");
  auto tx = store_->begin(store::Access::Read);
  const auto log = tx->audit().latest(10, 0);
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.front().action, "centre.status");
  EXPECT_NE(log.front().detail.find("dérogation"), std::string::npos);
  // Skipping a step is refused.
  const auto other = network_->create_centre(admin_, conforming("Autre", "15187", 1));
  try {
    network_->change_status(admin_, other.id, {CentreStatus::InService, "", ""});
    FAIL();
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.reason, "transition");
  }
}

TEST_F(NetworkAdminTest, HostsEditHoursOfTheirOwnCentreOnlyAndNeverSeeTheGrant) {
  const auto murat = in_service("Murat", "15138", 2);
  const auto flour = in_service("Saint-Flour", "15187", 2);
  const auto host = person("host@example.fr", {"host"}, {murat.id}, {domain::Role::Host});
  CentrePatch hours;
  hours.hours = std::vector<domain::OpeningSlot>{{1, Slot::Morning, 8 * 60, 12 * 60}};
  EXPECT_EQ(network_->update_centre(host, murat.id, hours).hours.size(), 1u);
  EXPECT_EQ(network_->managed_centre(admin_, murat.id).hours.size(), 1u);
  auto kind = [](auto&& f) {
    try {
      f();
      return std::string("done");
    } catch (const ServiceError& e) {
      return std::to_string(static_cast<int>(e.kind));
    }
  };
  const auto not_found = std::to_string(static_cast<int>(ServiceError::Kind::NotFound));
  const auto forbidden = std::to_string(static_cast<int>(ServiceError::Kind::Forbidden));
  EXPECT_EQ(kind([&] { network_->update_centre(host, flour.id, hours); }), not_found);
  CentrePatch rename;
  rename.name = "Autre nom";
  EXPECT_EQ(kind([&] { network_->update_centre(host, murat.id, rename); }), forbidden);
  EXPECT_EQ(kind([&] { network_->grant(host, "DIACT-2006", "2027-01-01", "2027-12-31"); }), forbidden);
  EXPECT_EQ(kind([&] { network_->conformity(host, murat.id); }), "done");
  EXPECT_EQ(kind([&] { network_->conformity(host, flour.id); }), not_found);
  EXPECT_EQ(kind([&] { network_->equipment_of(host, murat.id); }), "done");
  EXPECT_EQ(kind([&] { network_->add_equipment(host, murat.id, {}); }), forbidden);
  EXPECT_EQ(kind([&] { network_->create_centre(host, conforming("X", "15138", 1)); }), forbidden);
}

TEST_F(NetworkAdminTest, AgreementsMayNotOverlapOnAPostAndEndOnADate) {
  const auto c = in_service("Murat", "15138", 2);
  const auto a = person("a@example.fr", {"teleworker"}, {}, {domain::Role::Teleworker});
  const auto b = person("b@example.fr", {"teleworker"}, {}, {domain::Role::Teleworker});
  const auto post = c.offices[0].posts[0].id;
  const auto first = network_->add_agreement(admin_, c.id, {post, a.id, "2027-01-01", "2027-06-30"});
  EXPECT_EQ(first.post_label, "Poste 1");
  try {
    network_->add_agreement(admin_, c.id, {post, b.id, "2027-06-30", ""});
    FAIL() << "one day in common";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.reason, "post_covered");
  }
  network_->end_agreement(admin_, first.agreement.id, "2027-03-31", "Départ");
  // Ended on 31 March: the post is free from 1 April.
  EXPECT_NO_THROW(network_->add_agreement(admin_, c.id, {post, b.id, "2027-04-01", ""}));
  const auto list = network_->agreements_of(admin_, c.id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].agreement.ended_on, (Date{2027, 3, 31}));
  // Over April–December only b's agreement covers the post; over January–March only a's.
  const auto g = network_->grant(admin_, "DIACT-2006", "2027-04-01", "2027-12-31");
  EXPECT_EQ(g.occupancy[0].posts[0].agreement_person, b.id);
  EXPECT_EQ(network_->grant(admin_, "DIACT-2006", "2027-01-01", "2027-03-31").occupancy[0].posts[0].agreement_person,
            a.id);
  // An admin is not a teleworker: no agreement with them.
  try {
    network_->add_agreement(admin_, c.id, {c.offices[0].posts[1].id, admin_.id, "2027-01-01", ""});
    FAIL();
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.reason, "not_teleworker");
  }
}

}  // namespace
}  // namespace tc::service
