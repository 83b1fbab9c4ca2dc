// The national demo, drawn small (30 centres, 300 teleworkers, eight weeks of bookings) into a fresh SQLite file:
// what it writes must be a network the platform would accept, bookings the database and the rules would accept.
#include "service/demo_national.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "demo_store.h"
#include "domain/booking.h"
#include "service/errors.h"

namespace tc::service {
namespace {

const std::vector<domain::Commune>& national_communes() {
  static const std::vector<domain::Commune> communes = [] {
    std::ifstream in(std::string(TC_SOURCE_DIR) + "/data/communes-france-2025.csv", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return read_national_communes(text.str());
  }();
  return communes;
}

NationalDemoOptions small(std::uint64_t seed = 7) {
  NationalDemoOptions o;
  o.communes = national_communes();
  o.centres = 30;
  o.teleworkers = 300;
  o.today = {2026, 3, 2};
  o.days_back = 56;
  o.days_ahead = 14;
  o.seed = seed;
  o.centres_per_transaction = 7;  // several booking transactions even at this size
  return o;
}

// A fresh SQLite file per store, removed afterwards.
class NationalDemoTest : public ::testing::Test {
 protected:
  std::unique_ptr<store::Store> open(const std::string& name) {
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("tc-national-" + std::to_string(getpid()) + "-" +
                               ::testing::UnitTest::GetInstance()->current_test_info()->name() + "-" + name + ".db"))
                                 .string();
    paths_.push_back(path);
    remove(path);
    return store::open_store(path);
  }
  void TearDown() override {
    for (const auto& p : paths_) remove(p);
  }

 private:
  static void remove(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  std::vector<std::string> paths_;
};

TEST(NationalCommunesFile, ReadsEveryCommuneOfMetropolitanFrance) {
  const auto& communes = national_communes();
  ASSERT_EQ(communes.size(), 34735U);  // data/SOURCE.md
  EXPECT_EQ(communes.front().insee, "01001");
  EXPECT_EQ(communes.front().name, "L'Abergement-Clémenciat");
  EXPECT_EQ(communes.front().population, 860);
  EXPECT_NEAR(communes.front().centre.lat, 46.1517, 1e-9);
  EXPECT_TRUE(communes.front().postcodes.empty());
  EXPECT_FALSE(communes.front().zrr);
}

TEST(NationalCommunesFile, RefusesALineThatIsNotACommune) {
  EXPECT_THROW(read_national_communes("insee,lat,lon,population,nom\n0100,46.1,4.9,860,Trop court\n"), ServiceError);
  EXPECT_THROW(read_national_communes("insee,lat,lon,population,nom\n01001,146.1,4.9,860,Hors du globe\n"),
               ServiceError);
}

TEST_F(NationalDemoTest, SmallNetworkHasValidCentresEachOnItsOwnCommune) {
  auto s = open("a");
  std::vector<std::pair<std::string, double>> stages;
  const auto stats = load_national_demo(
      *s, small(), [&](std::string_view stage, double f) { stages.emplace_back(std::string(stage), f); });
  EXPECT_EQ(stats.centres, 30);
  EXPECT_EQ(stats.teleworkers, 300);
  EXPECT_EQ(stats.communes_added, 34735 - 246);  // the Cantal's 250 were there, less the 4 the file lacks

  auto tx = s->begin(store::Access::Read);
  EXPECT_EQ(tx->communes().count(), 34735 + 4);
  // The bundled Cantal communes kept their postcodes and ZRR flag.
  const auto murat = tx->communes().find("15138");
  ASSERT_TRUE(murat.has_value());
  EXPECT_TRUE(murat->zrr);
  EXPECT_FALSE(murat->postcodes.empty());

  const auto centres = tx->centres().all();
  ASSERT_EQ(centres.size(), 30U);
  std::set<std::string> communes;
  int in_service = 0;
  std::int64_t posts = 0;
  for (const auto& c : centres) {
    EXPECT_TRUE(domain::validate(c).empty()) << c.name << ": " << domain::validate(c).front();
    EXPECT_TRUE(c.name.starts_with("Télécentre ")) << c.name;
    EXPECT_TRUE(tx->communes().find(c.commune_insee).has_value()) << c.commune_insee;
    communes.insert(c.commune_insee);
    EXPECT_GE(c.post_count(), 4) << c.name;
    EXPECT_LE(c.post_count(), 16) << c.name;
    EXPECT_FALSE(c.hours.empty()) << c.name;
    ASSERT_FALSE(c.history.empty());
    EXPECT_EQ(c.history.back().status, c.status) << c.name;
    in_service += c.status == domain::CentreStatus::InService ? 1 : 0;
    posts += c.post_count();
  }
  EXPECT_EQ(communes.size(), 30U);  // no commune has two
  EXPECT_EQ(in_service, stats.centres_in_service);
  EXPECT_GE(in_service, 20);  // most are in service
  EXPECT_EQ(posts, stats.posts);
  EXPECT_GT(posts, 7 * 30);  // about ten on average
  EXPECT_LT(posts, 13 * 30);
  EXPECT_EQ(tx->people().count(), 300 + 2);  // the teleworkers, the admin and a host

  // The progress: the four stages in order, each from 0 to 1.
  std::vector<std::string> order;
  for (const auto& [stage, f] : stages) {
    if (order.empty() || order.back() != stage) order.push_back(stage);
    EXPECT_GE(f, 0.0);
    EXPECT_LE(f, 1.0);
  }
  EXPECT_EQ(order, (std::vector<std::string>{std::string(kStageCommunes), std::string(kStageCentres),
                                             std::string(kStagePeople), std::string(kStageBookings)}));
  EXPECT_EQ(stages.back().second, 1.0);
}

TEST_F(NationalDemoTest, BookingsNeverShareAPostAndOnlyFallOnOpenHalfDays) {
  auto s = open("a");
  const auto o = small();
  const auto stats = load_national_demo(*s, o, {});
  ASSERT_GT(stats.bookings, 1500);  // 300 people, 1 to 4 half-days a week, ten weeks

  auto tx = s->begin(store::Access::Read);
  const domain::Date from = o.today.plus_days(-o.days_back), to = o.today.plus_days(o.days_ahead);
  std::int64_t seen = 0, live = 0, past = 0, future = 0;
  std::set<domain::PersonId> bookers;
  for (const auto& c : tx->centres().all()) {
    std::set<std::tuple<domain::PostId, std::string, domain::Slot>> held;
    for (const auto& b : tx->bookings().of_centre(c.id, domain::Date{2000, 1, 1}, domain::Date{2100, 1, 1})) {
      ++seen;
      bookers.insert(b.person_id);
      EXPECT_FALSE(b.date < from) << b.date.iso();
      EXPECT_TRUE(b.date < to) << b.date.iso();
      EXPECT_TRUE(domain::has_post(c, b.post_id)) << c.name;
      EXPECT_TRUE(domain::slot_opening(c, b.date, b.slot).open()) << c.name << " " << b.date.iso();
      if (domain::holds_post(b.status)) {
        ++live;
        EXPECT_TRUE(held.emplace(b.post_id, b.date.iso(), b.slot).second)
            << "post " << b.post_id << " held twice on " << b.date.iso();
      }
      if (b.date < o.today) {
        ++past;
        EXPECT_NE(b.status, domain::BookingStatus::Booked) << b.date.iso();
        if (b.status == domain::BookingStatus::CheckedIn) {
          EXPECT_EQ(b.checked_in_at.substr(0, 10), b.date.iso());
        }
      } else {
        ++future;
        EXPECT_TRUE(b.status == domain::BookingStatus::Booked || b.status == domain::BookingStatus::Cancelled);
      }
      if (b.status == domain::BookingStatus::Cancelled) {
        EXPECT_FALSE(b.cancelled_at.empty());
        EXPECT_GE(b.cancelled_at, b.created_at);
      }
      EXPECT_LT(b.created_at.substr(0, 10), o.today.iso());
    }
    // The held-posts query of the booking service agrees: never more holders than posts.
    for (const auto& h : tx->bookings().held_counts(c.id, from, to)) EXPECT_LE(h.held, c.post_count()) << c.name;
  }
  EXPECT_EQ(seen, stats.bookings);
  EXPECT_EQ(seen, stats.checked_in + stats.booked + stats.cancelled + stats.no_show);
  EXPECT_GT(past, 0);
  EXPECT_GT(future, 0);
  EXPECT_GT(live, seen / 2);
  EXPECT_GT(stats.no_show, 0);
  EXPECT_GT(stats.cancelled, 0);
  // Bookers are teleworkers with an active application at that centre; only the first has a password.
  ASSERT_GT(bookers.size(), 100U);
  const auto person = tx->people().find(*bookers.rbegin());
  ASSERT_TRUE(person.has_value());
  EXPECT_EQ(person->roles, std::vector<std::string>{"teleworker"});
  EXPECT_TRUE(person->password_hash.empty());
  store::ApplicationFilter f;
  f.person_id = *bookers.rbegin();
  const auto apps = tx->applications().list(f);
  ASSERT_EQ(apps.size(), 1U);
  EXPECT_TRUE(apps[0].application.state == domain::ApplicationState::Active ||
              apps[0].application.state == domain::ApplicationState::Ended);
}

TEST_F(NationalDemoTest, TodaysMorningIsSettledOnceItsNoShowDeadlineHasPassed) {
  auto s = open("a");
  auto o = small();
  o.now_minute = 11 * 60;  // after the mornings' deadline (10:00), before the afternoons' (14:30)
  load_national_demo(*s, o);
  auto tx = s->begin(store::Access::Read);
  int mornings = 0, afternoons = 0;
  for (const auto& c : tx->centres().all()) {
    for (const auto& b : tx->bookings().of_centre(c.id, o.today, o.today.plus_days(1))) {
      if (b.slot == domain::Slot::Morning) {
        ++mornings;
        EXPECT_NE(b.status, domain::BookingStatus::Booked);  // the no-show sweep would find nothing to do
      } else {
        ++afternoons;
        EXPECT_TRUE(b.status == domain::BookingStatus::Booked || b.status == domain::BookingStatus::Cancelled);
      }
    }
  }
  EXPECT_GT(mornings, 10);
  EXPECT_GT(afternoons, 10);
  EXPECT_TRUE(tx->bookings().booked_until(o.today.plus_days(-1)).empty());
}

TEST_F(NationalDemoTest, SameSeedGivesTheSameDatabaseAnotherSeedAnother) {
  auto a = open("a"), b = open("b"), c = open("c");
  const auto sa = load_national_demo(*a, small(7));
  const auto sb = load_national_demo(*b, small(7));
  const auto sc = load_national_demo(*c, small(8));
  EXPECT_EQ(sa.bookings, sb.bookings);
  EXPECT_EQ(sa.checked_in, sb.checked_in);
  EXPECT_EQ(sa.cancelled, sb.cancelled);
  EXPECT_EQ(sa.turned_away, sb.turned_away);
  EXPECT_EQ(sa.posts, sb.posts);

  auto ta = a->begin(store::Access::Read), tb = b->begin(store::Access::Read), tc = c->begin(store::Access::Read);
  const auto ca = ta->centres().all(), cb = tb->centres().all(), cc = tc->centres().all();
  ASSERT_EQ(ca.size(), cb.size());
  std::set<std::string> communes_a, communes_c;
  for (std::size_t i = 0; i < ca.size(); ++i) {
    EXPECT_EQ(ca[i].name, cb[i].name);
    EXPECT_EQ(ca[i].address, cb[i].address);
    EXPECT_EQ(ca[i].post_count(), cb[i].post_count());
    communes_a.insert(ca[i].commune_insee);
  }
  for (const auto& x : cc) communes_c.insert(x.commune_insee);
  EXPECT_NE(communes_a, communes_c);

  const auto first = ca.front().id;
  const auto ba = ta->bookings().of_centre(first, {2000, 1, 1}, {2100, 1, 1});
  const auto bb = tb->bookings().of_centre(first, {2000, 1, 1}, {2100, 1, 1});
  ASSERT_EQ(ba.size(), bb.size());
  for (std::size_t i = 0; i < ba.size() && i < 50; ++i) {
    EXPECT_EQ(ba[i].post_id, bb[i].post_id);
    EXPECT_EQ(ba[i].person_id, bb[i].person_id);
    EXPECT_EQ(ba[i].date, bb[i].date);
    EXPECT_EQ(ba[i].slot, bb[i].slot);
    EXPECT_EQ(ba[i].status, bb[i].status);
    EXPECT_EQ(ba[i].created_at, bb[i].created_at);
  }
  const auto pa = ta->people().profile(ba.empty() ? 1 : ba.front().person_id);
  const auto pb = tb->people().profile(bb.empty() ? 1 : bb.front().person_id);
  EXPECT_EQ(pa.display_name, pb.display_name);
  EXPECT_EQ(pa.home_commune_insee, pb.home_commune_insee);
}

TEST_F(NationalDemoTest, RefusesOptionsOutOfRange) {
  auto s = open("a");
  auto o = small();
  o.centres = 0;
  try {
    load_national_demo(*s, o);
    ADD_FAILURE() << "no error";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.kind, ServiceError::Kind::Invalid);
    EXPECT_EQ(e.field, "centres");
  }
  o = small();
  o.max_posts = 17;  // an office holds at most four posts, a centre four offices
  EXPECT_THROW(load_national_demo(*s, o), ServiceError);
  auto tx = s->begin(store::Access::Read);
  EXPECT_EQ(tx->centres().count(), 0);
}

class NationalDemoOverDemoTest : public DemoStoreTest {};

TEST_F(NationalDemoOverDemoTest, RefusesADatabaseThatHasCentres) {
  std::int64_t communes = 0, people = 0;
  {
    auto tx = store_->begin(store::Access::Read);
    communes = tx->communes().count();
    people = tx->people().count();
  }
  try {
    load_national_demo(*store_, small());
    ADD_FAILURE() << "no error";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.kind, ServiceError::Kind::Conflict);
    EXPECT_NE(e.message_fr.find("déjà des télécentres"), std::string::npos) << e.message_fr;
  }
  auto tx = store_->begin(store::Access::Read);
  EXPECT_EQ(tx->communes().count(), communes);  // nothing written
  EXPECT_EQ(tx->people().count(), people);
  EXPECT_EQ(tx->centres().count(), static_cast<std::int64_t>(demo_centres().size()));
}

}  // namespace
}  // namespace tc::service
