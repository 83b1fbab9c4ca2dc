// People's categories over the demo network in a real SQLite store: a profile's category changes are kept with
// their date; the indicators count the job seekers who became independent within the period (not those who moved
// the other way, nor after it), per centre for those who applied to it or booked there; active teleworkers by
// category are those with a used half-day; relocated employees' accounts are linked to their company by the animator
// (their category follows), show in the prospection's figures, and go with the person's data export and erasure.
#include <gtest/gtest.h>

#include <algorithm>

#include "demo_store.h"
#include "service/accounts.h"
#include "service/errors.h"
#include "service/indicators.h"
#include "service/privacy.h"
#include "service/prospection.h"

namespace tc::service {
namespace {

using domain::Category;
using domain::Date;

Clock fixed_clock() {
  return [] { return domain::Timestamp{1'795'000'000}; };  // 18 November 2026
}

class PeopleCategoriesTest : public DemoStoreTest {
 protected:
  void SetUp() override {
    DemoStoreTest::SetUp();
    admin_service_ = std::make_unique<NetworkAdmin>(*store_, fixed_clock());
    indicators_ = std::make_unique<Indicators>(*store_, *admin_service_, fixed_clock());
    prospection_ = std::make_unique<Prospection>(*store_, fixed_clock());
    auto tx = store_->begin(store::Access::Read);
    for (auto& c : tx->centres().all()) {
      if (c.commune_insee == "15138") murat_ = c;
      if (c.commune_insee == "15187") saint_flour_ = c;
    }
  }
  void TearDown() override {
    prospection_.reset();
    indicators_.reset();
    admin_service_.reset();
    DemoStoreTest::TearDown();
  }

  domain::PersonId person(store::Transaction& tx, const std::string& email, const std::string& name,
                          const std::string& role = "teleworker") const {
    store::PersonRecord p;
    p.email = email;
    p.created_at = "2026-11-01T08:00:00Z";
    p.roles = {role};
    const auto id = tx.people().insert(p);
    tx.people().set_display_name(id, name);
    return id;
  }
  static void move(store::Transaction& tx, domain::PersonId id, Category to, Date on) {
    tx.people().set_category(id, to, on, on.iso() + "T09:00:00Z");
  }
  static void apply(store::Transaction& tx, domain::PersonId id, const domain::Centre& c) {
    domain::Application a;
    a.person_id = id;
    a.centre_id = c.id;
    a.start_date = Date{2027, 1, 4};
    a.submitted_at_utc = "2026-12-01T09:00:00Z";
    tx.applications().insert(a, "");
  }
  static void book(store::Transaction& tx, domain::PersonId id, const domain::Centre& c, Date d,
                   domain::BookingStatus status) {
    domain::Booking b;
    b.centre_id = c.id;
    b.post_id = c.offices.front().posts.front().id;
    b.person_id = id;
    b.date = d;
    b.slot = domain::Slot::Morning;
    b.status = status;
    b.created_at = "2026-12-01T08:00:00Z";
    b.created_by = id;
    tx.bookings().insert(b);
  }

  static domain::Actor admin() { return {1, {domain::Role::Admin}, {}}; }
  static domain::Actor animator() { return {2, {domain::Role::Animator}, {}}; }

  std::unique_ptr<NetworkAdmin> admin_service_;
  std::unique_ptr<Indicators> indicators_;
  std::unique_ptr<Prospection> prospection_;
  domain::Centre murat_, saint_flour_;
};

const IndicatorQuery kMarch2027{Date{2027, 3, 1}, Date{2027, 3, 31}, std::nullopt};

TEST_F(PeopleCategoriesTest, JobSeekersWhoBecameIndependentWithinThePeriodPerCentre) {
  auto tx = store_->begin(store::Access::Write);
  const auto anna = person(*tx, "anna@example.fr", "Anna");  // applied at Murat; moves on the period's last day
  apply(*tx, anna, murat_);
  move(*tx, anna, Category::JobSeeker, Date{2027, 1, 5});
  move(*tx, anna, Category::Independent, Date{2027, 3, 31});
  const auto bruno = person(*tx, "bruno@example.fr", "Bruno");  // applied at Murat; moves the day after
  apply(*tx, bruno, murat_);
  move(*tx, bruno, Category::JobSeeker, Date{2027, 1, 5});
  move(*tx, bruno, Category::Independent, Date{2027, 4, 1});
  const auto chloe = person(*tx, "chloe@example.fr", "Chloé");  // applied at Murat; the other way
  apply(*tx, chloe, murat_);
  move(*tx, chloe, Category::Independent, Date{2027, 1, 5});
  move(*tx, chloe, Category::JobSeeker, Date{2027, 3, 10});
  const auto denis = person(*tx, "denis@example.fr", "Denis");  // booked at Saint-Flour in the period
  book(*tx, denis, saint_flour_, Date{2027, 3, 2}, domain::BookingStatus::CheckedIn);
  move(*tx, denis, Category::JobSeeker, Date{2027, 1, 5});
  move(*tx, denis, Category::Independent, Date{2027, 3, 2});
  const auto emma = person(*tx, "emma@example.fr", "Emma");  // no centre; back and forth, counted once
  move(*tx, emma, Category::JobSeeker, Date{2027, 1, 5});
  move(*tx, emma, Category::Independent, Date{2027, 3, 3});
  move(*tx, emma, Category::JobSeeker, Date{2027, 3, 4});
  move(*tx, emma, Category::Independent, Date{2027, 3, 5});
  tx->commit();

  EXPECT_EQ(indicators_->compute(admin(), kMarch2027).job_seekers_became_independent, 3);  // Anna, Denis, Emma
  EXPECT_EQ(
      indicators_->compute(admin(), {Date{2027, 3, 1}, Date{2027, 3, 31}, murat_.id}).job_seekers_became_independent,
      1);  // Anna
  EXPECT_EQ(indicators_->compute(admin(), {Date{2027, 3, 1}, Date{2027, 3, 31}, saint_flour_.id})
                .job_seekers_became_independent,
            1);  // Denis
  const domain::Actor host{3, {domain::Role::Host}, {murat_.id}};
  EXPECT_EQ(indicators_->compute(host, kMarch2027).job_seekers_became_independent, 1);
  EXPECT_EQ(
      indicators_->compute(admin(), {Date{2027, 4, 1}, Date{2027, 4, 30}, std::nullopt}).job_seekers_became_independent,
      1);  // Bruno
  EXPECT_EQ(
      indicators_->compute(admin(), {Date{2027, 2, 1}, Date{2027, 2, 28}, std::nullopt}).job_seekers_became_independent,
      0);
}

TEST_F(PeopleCategoriesTest, ActiveTeleworkersByCategoryHaveAUsedHalfDay) {
  auto tx = store_->begin(store::Access::Write);
  const auto anna = person(*tx, "anna@example.fr", "Anna");
  move(*tx, anna, Category::Independent, Date{2027, 1, 5});
  book(*tx, anna, murat_, Date{2027, 3, 31}, domain::BookingStatus::CheckedIn);  // the period's last day
  book(*tx, anna, murat_, Date{2027, 3, 30}, domain::BookingStatus::CheckedIn);  // the same person again
  const auto bruno = person(*tx, "bruno@example.fr", "Bruno");
  move(*tx, bruno, Category::JobSeeker, Date{2027, 1, 5});
  book(*tx, bruno, murat_, Date{2027, 3, 15}, domain::BookingStatus::Booked);  // booked, not used
  const auto chloe = person(*tx, "chloe@example.fr", "Chloé");
  move(*tx, chloe, Category::JobSeeker, Date{2027, 1, 5});
  book(*tx, chloe, saint_flour_, Date{2027, 3, 16}, domain::BookingStatus::CheckedIn);
  book(*tx, bruno, saint_flour_, Date{2027, 4, 1}, domain::BookingStatus::CheckedIn);  // after the period
  tx->commit();

  auto count = [](const IndicatorReport& r, Category c) {
    for (const auto& f : r.active_teleworkers_by_category)
      if (f.category == c) return f.people;
    return -1;
  };
  const auto network = indicators_->compute(admin(), kMarch2027);
  EXPECT_EQ(network.active_teleworkers_by_category.size(), domain::kAllCategories.size());
  EXPECT_EQ(count(network, Category::Independent), 1);
  EXPECT_EQ(count(network, Category::JobSeeker), 1);  // Chloé; Bruno's half-day was not used
  EXPECT_EQ(count(network, Category::DistantEmployee), 0);
  const auto murat = indicators_->compute(admin(), {Date{2027, 3, 1}, Date{2027, 3, 31}, murat_.id});
  EXPECT_EQ(count(murat, Category::Independent), 1);
  EXPECT_EQ(count(murat, Category::JobSeeker), 0);
}

TEST_F(PeopleCategoriesTest, LinkingARelocatedEmployeeSetsTheirCategoryAndCountsInTheFunnel) {
  const auto before = indicators_->compute(admin(), kMarch2027);
  ASSERT_TRUE(before.prospection.has_value());
  const auto saint_flour_before = indicators_->compute(admin(), {Date{2027, 3, 1}, Date{2027, 3, 31}, saint_flour_.id});
  domain::PersonId lucie = 0, host = 0;
  {
    auto tx = store_->begin(store::Access::Write);
    lucie = person(*tx, "lucie@example.fr", "Lucie Fictive");
    move(*tx, lucie, Category::DistantEmployee, Date{2026, 11, 1});
    host = person(*tx, "accueil@example.fr", "Accueil", "host");
    tx->commit();
  }
  domain::Company c;
  c.name = "Assurances Nationales Exemple";
  c.potential_jobs = 20;
  c.target_centres = {murat_.id};
  c = prospection_->create(animator(), c);
  StageMove m;
  m.to = domain::Stage::JobsRelocated;
  m.jobs_relocated = 12;
  prospection_->move(animator(), c.id, m);

  const auto linked = prospection_->link_employee(animator(), c.id, {" Lucie@Example.fr ", std::nullopt});
  ASSERT_EQ(linked.linked.size(), 1u);
  EXPECT_EQ(linked.linked[0].person_id, lucie);
  EXPECT_EQ(linked.linked[0].name, "Lucie Fictive");
  EXPECT_EQ(linked.linked[0].linked_on, (Date{2026, 11, 18}));
  EXPECT_EQ(prospection_->get(admin(), c.id).linked.size(), 1u);
  {
    auto tx = store_->begin(store::Access::Read);
    EXPECT_EQ(tx->people().profile(lucie).category, Category::RelocatedEmployee);
    const auto history = tx->people().category_history(lucie);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1].from, Category::DistantEmployee);
    EXPECT_EQ(history[1].to, Category::RelocatedEmployee);
    EXPECT_EQ(history[1].on, (Date{2026, 11, 18}));
    EXPECT_EQ(tx->audit().latest(1, 0).front().action, "company.employee.link");
  }

  const auto after = indicators_->compute(admin(), kMarch2027);
  ASSERT_TRUE(after.prospection.has_value());
  EXPECT_EQ(after.prospection->jobs_relocated - before.prospection->jobs_relocated, 12);
  EXPECT_EQ(after.prospection->employees_linked - before.prospection->employees_linked, 1);
  EXPECT_EQ(after.prospection->per_stage.at(domain::Stage::JobsRelocated) -
                before.prospection->per_stage.at(domain::Stage::JobsRelocated),
            1);
  const auto murat = indicators_->compute(admin(), {Date{2027, 3, 1}, Date{2027, 3, 31}, murat_.id});
  EXPECT_GE(murat.prospection->employees_linked, 1);
  const auto saint_flour = indicators_->compute(admin(), {Date{2027, 3, 1}, Date{2027, 3, 31}, saint_flour_.id});
  const domain::Actor murat_host{3, {domain::Role::Host}, {murat_.id}};
  EXPECT_FALSE(indicators_->compute(murat_host, kMarch2027).prospection.has_value());  // the animator's figures

  // Who may, whom, and once.
  auto kind_of = [](const auto& f) {
    try {
      f();
    } catch (const ServiceError& e) {
      return e.kind;
    }
    return ServiceError::Kind::Unavailable;  // no error: not what any case below expects
  };
  using K = ServiceError::Kind;
  const domain::Actor teleworker{lucie, {domain::Role::Teleworker}, {}};
  EXPECT_EQ(kind_of([&] {
              prospection_->link_employee(teleworker, c.id, {"lucie@example.fr", std::nullopt});
            }),
            K::Forbidden);
  EXPECT_EQ(kind_of([&] {
              prospection_->link_employee(animator(), c.id + 1000, {"lucie@example.fr", {}});
            }),
            K::NotFound);
  EXPECT_EQ(kind_of([&] { prospection_->link_employee(animator(), c.id, {"nobody@example.fr", {}}); }), K::Invalid);
  EXPECT_EQ(kind_of([&] {
              prospection_->link_employee(animator(), c.id, {"", host});
            }),
            K::Invalid);  // not a teleworker
  EXPECT_EQ(kind_of([&] { prospection_->link_employee(animator(), c.id, {"", lucie}); }), K::Conflict);
  domain::Company other;
  other.name = "Banque Exemple";
  other = prospection_->create(animator(), other);
  EXPECT_EQ(kind_of([&] { prospection_->link_employee(admin(), other.id, {"lucie@example.fr", {}}); }), K::Conflict);

  // Unlinking keeps the person's category; a second time there is nothing to unlink.
  EXPECT_EQ(kind_of([&] { prospection_->unlink_employee(teleworker, c.id, lucie); }), K::Forbidden);
  EXPECT_TRUE(prospection_->unlink_employee(admin(), c.id, lucie).linked.empty());
  EXPECT_EQ(kind_of([&] { prospection_->unlink_employee(admin(), c.id, lucie); }), K::NotFound);
  auto tx = store_->begin(store::Access::Read);
  EXPECT_EQ(tx->people().profile(lucie).category, Category::RelocatedEmployee);
  // The company aims at Murat only.
  EXPECT_EQ(saint_flour.prospection->employees_linked, saint_flour_before.prospection->employees_linked);
}

TEST_F(PeopleCategoriesTest, AProfilesCategoryChangesAreKeptWithTheirDate) {
  const domain::CommonPasswords none("");
  Accounts accounts(*store_, fixed_clock(), none);
  domain::PersonId id = 0;
  {
    auto tx = store_->begin(store::Access::Write);
    id = person(*tx, "marie@example.fr", "Marie");
    tx->commit();
  }
  domain::Profile p;
  p.display_name = "Marie";
  p.category = Category::JobSeeker;
  accounts.update_profile(id, p);  // first said: no `from`
  p.employer = "Elle-même";
  accounts.update_profile(id, p);  // same category: nothing new
  p.category = Category::Independent;
  accounts.update_profile(id, p);
  auto tx = store_->begin(store::Access::Read);
  const auto history = tx->people().category_history(id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_FALSE(history[0].from.has_value());
  EXPECT_EQ(history[0].to, Category::JobSeeker);
  EXPECT_EQ(history[1].from, Category::JobSeeker);
  EXPECT_EQ(history[1].to, Category::Independent);
  EXPECT_EQ(history[1].on, (Date{2026, 11, 18}));
  EXPECT_EQ(history[1].at, domain::Timestamp{1'795'000'000}.iso());
  EXPECT_EQ(tx->people().profile(id).employer, "Elle-même");
}

TEST_F(PeopleCategoriesTest, TheExportHoldsTheHistoryAndTheLinkAndErasureRemovesThem) {
  Privacy privacy(*store_, fixed_clock());
  domain::PersonId id = 0;
  {
    auto tx = store_->begin(store::Access::Write);
    id = person(*tx, "hugo@example.fr", "Hugo");
    move(*tx, id, Category::DistantEmployee, Date{2026, 11, 2});
    tx->commit();
  }
  domain::Company c;
  c.name = "Assurances Nationales Exemple";
  c = prospection_->create(animator(), c);
  prospection_->link_employee(animator(), c.id, {"hugo@example.fr", std::nullopt});

  const auto exported = privacy.export_person(id);
  ASSERT_EQ(exported.category_history.size(), 2u);
  EXPECT_EQ(exported.category_history[1].to, Category::RelocatedEmployee);
  ASSERT_TRUE(exported.company.has_value());
  EXPECT_EQ(exported.company->company_id, c.id);
  EXPECT_EQ(exported.company->company_name, "Assurances Nationales Exemple");
  EXPECT_EQ(exported.company->linked_on, (Date{2026, 11, 18}));

  privacy.erase(admin(), id, "");
  const auto after = privacy.export_person(id);
  EXPECT_TRUE(after.category_history.empty());
  EXPECT_FALSE(after.company.has_value());
  EXPECT_TRUE(prospection_->get(admin(), c.id).linked.empty());
}

TEST_F(PeopleCategoriesTest, TheDemoHasJobSeekersWhoBecameIndependentThisYear) {
  const auto r = indicators_->compute(admin(), {Date{2026, 1, 1}, Date{2026, 12, 31}, std::nullopt});
  EXPECT_EQ(r.job_seekers_became_independent, 2);
  auto tx = store_->begin(store::Access::Read);
  const auto changes = tx->people().category_changes(Date{2026, 1, 1}, Date{2026, 12, 31});
  ASSERT_EQ(changes.size(), 2u);
  for (const auto& ch : changes) {
    EXPECT_EQ(ch.from, Category::JobSeeker);
    EXPECT_EQ(tx->people().profile(ch.person_id).category, Category::Independent);
    EXPECT_EQ(tx->people().category_history(ch.person_id).size(), 2u);  // the first category, then the move
  }
  // A relocated demo applicant is linked to the first company whose jobs were relocated, when the demo has one.
  for (const auto& c : tx->companies().all()) {
    if (c.stage != domain::Stage::JobsRelocated) continue;
    ASSERT_EQ(c.linked.size(), 1u) << c.name;
    EXPECT_EQ(tx->people().profile(c.linked[0].person_id).category, Category::RelocatedEmployee);
    break;
  }
}

}  // namespace
}  // namespace tc::service
