// Booking use cases at chosen instants (the clock is the service's input): daylight-saving Sundays, a centre in
// La Réunion, check-in windows and codes, no-shows, and freed posts going to the waiting list with an e-mail —
// against a real SQLite store.
#include "service/bookings.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "service/demo_network.h"
#include "service/errors.h"

namespace tc::service {
namespace {

using domain::Date;
using domain::Slot;
using domain::Timestamp;

Timestamp utc(Date d, int hour, int minute = 0) {
  return Timestamp{d.days_since_epoch() * 86400 + std::int64_t{hour} * 3600 + std::int64_t{minute} * 60};
}

class BookingsAt : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("tc-bookings-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    cleanup();
    store_ = store::open_store(path_);
    load_demo(*store_);
    auto tx = store_->begin(store::Access::Write);
    // Open every day, 08:30–12:00 and 13:30–18:00, so that DST Sundays can be booked.
    for (const char* zone : {"Europe/Paris", "Indian/Reunion"}) {
      domain::Centre c = demo_centres().front();
      c.name = std::string("Télécentre d'essai ") + zone;
      c.time_zone = zone;
      c.status = domain::CentreStatus::InService;
      c.offices = {{0, "Bureau", {{0, "Poste 1"}, {0, "Poste 2"}}}};
      c.hours.clear();
      for (int wd = 1; wd <= 7; ++wd) {
        c.hours.push_back({wd, Slot::Morning, 8 * 60 + 30, 12 * 60});
        c.hours.push_back({wd, Slot::Afternoon, 13 * 60 + 30, 18 * 60});
      }
      c.closures.clear();
      c.open_on_public_holidays = true;
      tx->centres().insert(c);
      (std::string(zone) == "Europe/Paris" ? paris_ : reunion_) = c;
    }
    admin_ = actor_of(*tx, "admin@demo.telecentres.example");
    teleworker_ = actor_of(*tx, "teleworker@demo.telecentres.example");
    tx->commit();
    directory_ = std::make_unique<Directory>(*store_);
    bookings_ = std::make_unique<Bookings>(*store_, *directory_, [this] { return now_; });
  }
  void TearDown() override {
    bookings_.reset();
    directory_.reset();
    store_.reset();
    cleanup();
  }
  void cleanup() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  static domain::Actor actor_of(store::Transaction& tx, const char* email) {
    const auto p = tx.people().find_by_email(email);
    domain::Actor a;
    a.id = p->id;
    for (const auto& r : p->roles) {
      if (r == "admin") a.roles.push_back(domain::Role::Admin);
      if (r == "teleworker") a.roles.push_back(domain::Role::Teleworker);
    }
    return a;
  }
  // The admin books for the teleworker (admins skip the admission check).
  domain::Booking book(const domain::Centre& c, Date d, const char* slot) {
    BookingRequest r{c.id, std::nullopt, d.iso(), slot, teleworker_.id};
    return bookings_->book(admin_, r).front();
  }
  std::string refusal(const domain::Centre& c, Date d, const char* slot) {
    try {
      book(c, d, slot);
      return "booked";
    } catch (const ServiceError& e) {
      return e.reason;
    }
  }
  int outbox_to(const std::string& email) {
    auto tx = store_->begin(store::Access::Read);
    int n = 0;
    for (const auto& m : tx->outbox().due("9999-12-31T00:00:00Z", 1000)) n += m.recipient == email ? 1 : 0;
    return n;
  }

  std::string path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Directory> directory_;
  std::unique_ptr<Bookings> bookings_;
  domain::Centre paris_, reunion_;
  domain::Actor admin_, teleworker_;
  Timestamp now_ = utc({2027, 3, 20}, 12);
};

TEST_F(BookingsAt, SpringForwardSundayStartsAnHourEarlierInUtc) {
  // 2027-03-28 is the last Sunday of March: Paris goes from UTC+1 to UTC+2 at 02:00.
  const Date sunday{2027, 3, 28};
  now_ = utc(sunday, 6, 29);  // 08:29 in Paris (CEST): before the morning opens
  EXPECT_EQ(refusal(paris_, sunday, "morning"), "booked");
  now_ = utc(sunday, 6, 30);  // 08:30 CEST: started
  EXPECT_EQ(refusal(paris_, sunday, "afternoon"), "booked");
  try {
    BookingRequest r{paris_.id, std::nullopt, sunday.iso(), "morning", std::nullopt};
    bookings_->book(admin_, r);
    FAIL() << "the morning has started";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.reason, "started");
  }
  // The day before (CET), 08:30 local is 07:30 UTC.
  const Date saturday{2027, 3, 27};
  now_ = utc(saturday, 7, 29);
  EXPECT_EQ(refusal(paris_, saturday, "afternoon"), "booked");
  now_ = utc(saturday, 7, 30);
  EXPECT_EQ(refusal(paris_, saturday, "morning"), "started");
}

TEST_F(BookingsAt, FallBackSundayNoShowDeadlineFollowsLocalTime) {
  // 2027-10-31 is the last Sunday of October: back to UTC+1 at 03:00. The 10:00 no-show deadline is 09:00 UTC.
  const Date sunday{2027, 10, 31};
  now_ = utc({2027, 10, 30}, 12);
  const auto b = book(paris_, sunday, "morning");
  now_ = utc(sunday, 8, 59);
  EXPECT_EQ(bookings_->sweep_no_shows(), 0);
  now_ = utc(sunday, 9, 0);
  EXPECT_EQ(bookings_->sweep_no_shows(), 1);
  auto tx = store_->begin(store::Access::Read);
  EXPECT_EQ(tx->bookings().find(b.id)->status, domain::BookingStatus::NoShow);
}

TEST_F(BookingsAt, OverseasCentreKeepsItsOwnClock) {
  // La Réunion is UTC+4 all year: its 08:30 is 04:30 UTC, even on the Paris DST Sunday.
  const Date sunday{2027, 3, 28};
  now_ = utc(sunday, 4, 29);
  EXPECT_EQ(refusal(reunion_, sunday, "morning"), "booked");
  now_ = utc(sunday, 4, 30);
  EXPECT_EQ(refusal(reunion_, sunday.plus_days(7), "morning"), "booked");
  BookingRequest r{reunion_.id, std::nullopt, sunday.iso(), "morning", std::nullopt};
  try {
    bookings_->book(admin_, r);
    FAIL();
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.reason, "started");
  }
  // Its no-show deadline, 10:00 local, is 06:00 UTC.
  now_ = utc(sunday, 5, 59);
  EXPECT_EQ(bookings_->sweep_no_shows(), 0);
  now_ = utc(sunday, 6, 0);
  EXPECT_EQ(bookings_->sweep_no_shows(), 1);
}

TEST_F(BookingsAt, CheckInNeedsTheDaysCodeAndTheWindow) {
  const Date day{2027, 3, 22};  // a Monday, CET: 08:30 local = 07:30 UTC
  now_ = utc({2027, 3, 20}, 12);
  const auto b = book(paris_, day, "morning");
  const std::string code = bookings_->checkin_code(paris_.id, day);
  ASSERT_EQ(code.size(), 6u);
  EXPECT_EQ(code, bookings_->checkin_code(paris_.id, day));  // stable within the day
  EXPECT_NE(code, bookings_->checkin_code(paris_.id, day.plus_days(1)));
  auto reason_of = [&](const std::string& c) {
    try {
      bookings_->check_in(teleworker_, b.id, c);
      return std::string("ok");
    } catch (const ServiceError& e) {
      return e.message_en;
    }
  };
  now_ = utc(day, 6, 59);  // 07:59 local: too early
  EXPECT_NE(reason_of(code), "ok");
  now_ = utc(day, 7, 0);  // 08:00 local: 30 minutes before
  EXPECT_NE(reason_of(code == "000000" ? "111111" : "000000"), "ok");
  EXPECT_EQ(reason_of(code), "ok");
  auto tx = store_->begin(store::Access::Read);
  const auto back = tx->bookings().find(b.id);
  EXPECT_EQ(back->status, domain::BookingStatus::CheckedIn);
  EXPECT_EQ(back->checked_in_at, "2027-03-22T07:00:00Z");
  // Checked in: never a no-show.
  now_ = utc(day, 11);
  EXPECT_EQ(bookings_->sweep_no_shows(), 0);
}

TEST_F(BookingsAt, AFreedPostGoesToTheFirstInLineWhoIsToldByEmail) {
  const Date day{2027, 3, 23};
  now_ = utc({2027, 3, 20}, 12);
  // Fill both posts (the admin for the teleworker, and the admin itself), then the Murat-less queue: the
  // admin's colleague waits. Waiting needs a full half-day.
  const auto first = book(paris_, day, "morning");
  BookingRequest own{paris_.id, std::nullopt, day.iso(), "morning", std::nullopt};
  bookings_->book(admin_, own);
  domain::Actor host;
  {
    auto tx = store_->begin(store::Access::Read);
    host.id = tx->people().find_by_email("accueil.murat@demo.telecentres.example")->id;
  }
  host.roles = {domain::Role::Host};
  host.host_centres = {paris_.id};
  const auto wait = bookings_->join_waiting_list(host, paris_.id, day.iso(), "morning");
  EXPECT_EQ(wait.wait.status, "waiting");
  try {
    bookings_->join_waiting_list(host, paris_.id, day.iso(), "morning");
    FAIL() << "already waiting";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.reason, "already_waiting");
  }
  try {
    bookings_->join_waiting_list(host, paris_.id, day.iso(), "afternoon");
    FAIL() << "the afternoon has free posts";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.reason, "not_full");
  }
  EXPECT_EQ(outbox_to("accueil.murat@demo.telecentres.example"), 0);
  bookings_->cancel(admin_, first.id, "Le télétravailleur est malade");
  const auto waits = bookings_->my_waits(host);
  ASSERT_EQ(waits.size(), 1u);
  EXPECT_EQ(waits[0].wait.status, "served");
  ASSERT_TRUE(waits[0].wait.booking_id);
  auto tx = store_->begin(store::Access::Read);
  const auto given = tx->bookings().find(*waits[0].wait.booking_id);
  EXPECT_EQ(given->person_id, host.id);
  EXPECT_EQ(given->post_id, first.post_id);
  EXPECT_EQ(outbox_to("accueil.murat@demo.telecentres.example"), 1);
}

TEST_F(BookingsAt, ANoShowReleasesThePostToTheWaitingListUntilTheHalfDayEnds) {
  const Date day{2027, 3, 24};
  now_ = utc({2027, 3, 20}, 12);
  book(paris_, day, "morning");
  BookingRequest own{paris_.id, std::nullopt, day.iso(), "morning", std::nullopt};
  bookings_->book(admin_, own);
  domain::Actor host;
  {
    auto tx = store_->begin(store::Access::Read);
    host.id = tx->people().find_by_email("accueil.saint-flour@demo.telecentres.example")->id;
  }
  host.roles = {domain::Role::Host};
  host.host_centres = {paris_.id};
  bookings_->join_waiting_list(host, paris_.id, day.iso(), "morning");
  now_ = utc(day, 9, 1);  // 10:01 local: both morning bookings are no-shows
  EXPECT_EQ(bookings_->sweep_no_shows(), 2);
  const auto waits = bookings_->my_waits(host);
  ASSERT_EQ(waits.size(), 1u);
  EXPECT_EQ(waits[0].wait.status, "served");
  EXPECT_EQ(outbox_to("accueil.saint-flour@demo.telecentres.example"), 1);
}

TEST_F(BookingsAt, HolderCancelsUntilTheStartStaffUntilTheEnd) {
  const Date day{2027, 3, 25};
  now_ = utc({2027, 3, 20}, 12);
  const auto a = book(paris_, day, "morning");
  const auto b = book(paris_, day, "afternoon");
  now_ = utc(day, 7, 30);  // 08:30 local: the morning has started
  EXPECT_THROW(bookings_->cancel(teleworker_, a.id, ""), ServiceError);
  EXPECT_THROW(bookings_->cancel(admin_, a.id, ""), ServiceError);  // staff must give a reason
  EXPECT_EQ(outbox_to("teleworker@demo.telecentres.example"), 0);
  EXPECT_EQ(bookings_->cancel(admin_, a.id, "Fermeture exceptionnelle").status, domain::BookingStatus::Cancelled);
  EXPECT_EQ(outbox_to("teleworker@demo.telecentres.example"), 1);  // told why by e-mail
  EXPECT_EQ(bookings_->cancel(teleworker_, b.id, "").status, domain::BookingStatus::Cancelled);
  EXPECT_EQ(outbox_to("teleworker@demo.telecentres.example"), 1);  // not for one's own cancellation
  try {
    bookings_->cancel(teleworker_, b.id, "");
    FAIL();
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.reason, "not_live");
  }
}

}  // namespace
}  // namespace tc::service
