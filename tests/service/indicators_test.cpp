// The network's indicators on hand-built data over the demo network in a real SQLite store: occupancy per centre
// and month counts held half-days (not cancelled ones) against posts × open half-days; the commute saved by used
// half-days follows the round-trip formula, with a workplace outside the Cantal; a centre without bookings shows
// zeros; hosts see their centre only, animators no grant, teleworkers nothing.
#include "service/indicators.h"

#include <gtest/gtest.h>

#include "demo_store.h"
#include "geo/commute.h"
#include "service/errors.h"

namespace tc::service {
namespace {

using domain::Date;

class IndicatorsTest : public DemoStoreTest {
 protected:
  void SetUp() override {
    DemoStoreTest::SetUp();
    admin_service_ = std::make_unique<NetworkAdmin>(*store_, [] { return domain::Timestamp{1'795'000'000}; });
    indicators_ =
        std::make_unique<Indicators>(*store_, *admin_service_, [] { return domain::Timestamp{1'795'000'000}; });
    auto tx = store_->begin(store::Access::Write);
    for (auto& c : tx->centres().all()) {
      if (c.commune_insee == "15138") murat_ = c;
      if (c.commune_insee == "15187") saint_flour_ = c;
    }
    // Clermont-Ferrand, imported beside the Cantal's communes (a workplace outside the département).
    domain::Commune clermont;
    clermont.insee = "63113";
    clermont.name = "Clermont-Ferrand";
    clermont.population = 147'284;
    clermont.postcodes = {"63000"};
    clermont.centre = {45.7797, 3.0863};
    tx->communes().upsert(clermont);
    store::PersonRecord p;
    p.email = "claire@example.fr";
    p.created_at = "2026-11-01T08:00:00Z";
    p.roles = {"teleworker"};
    claire_ = tx->people().insert(p);
    domain::Profile profile = tx->people().profile(claire_);
    profile.display_name = "Claire";
    profile.home_commune_insee = "15138";       // Murat
    profile.workplace_commune_insee = "63113";  // Clermont-Ferrand, outside the Cantal
    tx->people().set_profile(claire_, profile);
    // Monday 16 and Tuesday 17 November 2026 at Murat: two half-days used, one booked, one cancelled.
    book(*tx, Date{2026, 11, 16}, domain::Slot::Morning, domain::BookingStatus::CheckedIn);
    book(*tx, Date{2026, 11, 16}, domain::Slot::Afternoon, domain::BookingStatus::CheckedIn);
    book(*tx, Date{2026, 11, 17}, domain::Slot::Morning, domain::BookingStatus::Booked);
    book(*tx, Date{2026, 11, 17}, domain::Slot::Afternoon, domain::BookingStatus::Cancelled);
    tx->commit();
  }
  void TearDown() override {
    indicators_.reset();
    admin_service_.reset();
    DemoStoreTest::TearDown();
  }

  void book(store::Transaction& tx, Date d, domain::Slot slot, domain::BookingStatus status) const {
    domain::Booking b;
    b.centre_id = murat_.id;
    b.post_id = murat_.offices.front().posts.front().id;
    b.person_id = claire_;
    b.date = d;
    b.slot = slot;
    b.status = status;
    b.created_at = "2026-11-01T08:00:00Z";
    b.created_by = claire_;
    tx.bookings().insert(b);
  }

  static domain::Actor admin() { return {1, {domain::Role::Admin}, {}}; }

  std::unique_ptr<NetworkAdmin> admin_service_;
  std::unique_ptr<Indicators> indicators_;
  domain::Centre murat_, saint_flour_;
  domain::PersonId claire_ = 0;
};

TEST_F(IndicatorsTest, OccupancyCountsHeldHalfDaysAgainstOpenPostHalfDays) {
  const auto r = indicators_->compute(admin(), {Date{2026, 11, 1}, Date{2026, 11, 30}, std::nullopt});
  int posts = 0;
  for (const auto& o : murat_.offices) posts += static_cast<int>(o.posts.size());
  bool seen_murat = false, seen_saint_flour = false;
  for (const auto& m : r.occupancy) {
    if (m.centre_id == murat_.id) {
      seen_murat = true;
      EXPECT_EQ(m.month, "2026-11");
      EXPECT_EQ(m.booked_half_days, 3);  // the cancelled one does not count
      EXPECT_EQ(m.post_half_days, posts * domain::open_half_days(murat_, Date{2026, 11, 1}, Date{2026, 11, 30}));
      EXPECT_GT(m.post_half_days, 0);
    }
    if (m.centre_id == saint_flour_.id) {
      seen_saint_flour = true;
      EXPECT_EQ(m.booked_half_days, 0);  // a centre without bookings
      EXPECT_EQ(m.rate(), 0);
    }
  }
  EXPECT_TRUE(seen_murat);
  EXPECT_TRUE(seen_saint_flour);
  // Two months: one line per centre and month.
  const auto two = indicators_->compute(admin(), {Date{2026, 10, 15}, Date{2026, 11, 30}, murat_.id});
  ASSERT_EQ(two.occupancy.size(), 2u);
  EXPECT_EQ(two.occupancy[0].month, "2026-10");
  EXPECT_EQ(two.occupancy[0].booked_half_days, 0);
  EXPECT_EQ(two.occupancy[1].booked_half_days, 3);
}

TEST_F(IndicatorsTest, CommuteSavedByUsedHalfDaysFollowsTheRoundTripFormula) {
  const auto r = indicators_->compute(admin(), {Date{2026, 11, 1}, Date{2026, 11, 30}, std::nullopt});
  const domain::LatLon clermont{45.7797, 3.0863};
  domain::LatLon home{};
  {
    auto tx = store_->begin(store::Access::Read);
    home = tx->communes().find("15138")->centre;
  }
  const double per_half_day = geo::round_trip_km_avoided(home, clermont, murat_.location, 1.3);
  EXPECT_GT(per_half_day, 150);                      // Murat ↔ Clermont and back by road
  EXPECT_NEAR(r.km_avoided, 2 * per_half_day, 0.5);  // two checked-in half-days; the booked one was not used
  EXPECT_NEAR(r.co2_avoided_kg, r.km_avoided * 0.218, 1e-6);
  for (const auto& c : r.commute) {
    if (c.centre_id == murat_.id) {
      EXPECT_EQ(c.used_half_days, 2);
      EXPECT_EQ(c.counted, 2);
    } else {
      EXPECT_EQ(c.km_avoided, 0);
    }
  }
  // The factor is a setting.
  {
    auto tx = store_->begin(store::Access::Write);
    tx->settings().put("indicators.co2_kg_per_km", "0.1");
    tx->commit();
  }
  const auto cheaper = indicators_->compute(admin(), {Date{2026, 11, 1}, Date{2026, 11, 30}, std::nullopt});
  EXPECT_NEAR(cheaper.co2_avoided_kg, cheaper.km_avoided * 0.1, 1e-6);
}

TEST_F(IndicatorsTest, StatusesApplicationsAndWhoSeesWhat) {
  const auto r = indicators_->compute(admin(), {Date{2026, 1, 1}, Date{2026, 12, 31}, std::nullopt});
  EXPECT_EQ(
      r.centres_by_status.at(domain::CentreStatus::InService) + r.centres_by_status.at(domain::CentreStatus::Opening) +
          r.centres_by_status.at(domain::CentreStatus::Planned) + r.centres_by_status.at(domain::CentreStatus::Closed),
      8);
  EXPECT_EQ(r.applications_per_centre.size(), 8u);
  ASSERT_TRUE(r.grant.has_value());
  EXPECT_EQ(r.grant->envelope_cents, 10'000'000);

  const domain::Actor animator{2, {domain::Role::Animator}, {}};
  EXPECT_FALSE(indicators_->compute(animator, {Date{2026, 1, 1}, Date{2026, 12, 31}, std::nullopt}).grant.has_value());
  const domain::Actor host{3, {domain::Role::Host}, {murat_.id}};
  const auto mine = indicators_->compute(host, {Date{2026, 11, 1}, Date{2026, 11, 30}, std::nullopt});
  ASSERT_EQ(mine.applications_per_centre.size(), 1u);
  EXPECT_EQ(mine.applications_per_centre[0].centre_id, murat_.id);
  EXPECT_FALSE(mine.grant.has_value());
  EXPECT_THROW(indicators_->compute(host, {Date{2026, 11, 1}, Date{2026, 11, 30}, saint_flour_.id}), ServiceError);
  const domain::Actor teleworker{claire_, {domain::Role::Teleworker}, {}};
  EXPECT_THROW(indicators_->compute(teleworker, {Date{2026, 11, 1}, Date{2026, 11, 30}, std::nullopt}), ServiceError);
  EXPECT_THROW(indicators_->compute(admin(), {Date{2026, 11, 30}, Date{2026, 11, 1}, std::nullopt}), ServiceError);
}

}  // namespace
}  // namespace tc::service
