// The booking part of the store contract: the unique live holder per post and slot is the database's doing,
// under concurrency too; counts and lists see exactly the live bookings.
#include <atomic>
#include <barrier>
#include <thread>

#include "service/demo_network.h"
#include "store_fixture.h"

namespace tc::store {
namespace {

using domain::Booking;
using domain::BookingStatus;
using domain::Date;
using domain::Slot;

class BookingContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    service::load_demo(*store_);
    auto tx = store_->begin(Access::Read);
    for (const auto& c : tx->centres().all())
      if (c.post_count() >= 3 && centre_.id == 0) centre_ = c;
    for (const char* email : {"teleworker@demo.telecentres.example", "admin@demo.telecentres.example"})
      people_.push_back(tx->people().find_by_email(email)->id);
  }

  domain::PostId post(int i) const {
    std::vector<domain::PostId> all;
    for (const auto& o : centre_.offices)
      for (const auto& p : o.posts) all.push_back(p.id);
    return all.at(static_cast<std::size_t>(i));
  }

  Booking booking(int post_index, Date d, Slot s, int person = 0) const {
    Booking b;
    b.centre_id = centre_.id;
    b.post_id = post(post_index);
    b.person_id = people_.at(static_cast<std::size_t>(person));
    b.date = d;
    b.slot = s;
    b.created_at = "2026-11-26T09:00:00Z";
    b.created_by = b.person_id;
    return b;
  }

  domain::BookingId insert(const Booking& b) {
    auto tx = store_->begin(Access::Write);
    const auto id = tx->bookings().insert(b);
    tx->commit();
    return id;
  }

  domain::Centre centre_;
  std::vector<domain::PersonId> people_;
};

const Date kDay{2026, 12, 1};

TEST_P(BookingContract, BookingRoundTripsWithItsFields) {
  Booking b = booking(0, kDay, Slot::Afternoon);
  const auto id = insert(b);
  auto tx = store_->begin(Access::Read);
  const auto got = tx->bookings().find(id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->post_id, b.post_id);
  EXPECT_EQ(got->date, kDay);
  EXPECT_EQ(got->slot, Slot::Afternoon);
  EXPECT_EQ(got->status, BookingStatus::Booked);
  EXPECT_FALSE(got->series_id);
  EXPECT_EQ(got->created_at, b.created_at);
  EXPECT_FALSE(tx->bookings().find(id + 1000));
}

TEST_P(BookingContract, ABookingStoredWholeKeepsItsCheckInAndCancellation) {
  Booking in = booking(0, kDay, Slot::Morning);
  in.status = BookingStatus::CheckedIn;
  in.checked_in_at = "2026-12-01T08:05:00Z";
  Booking out = booking(1, kDay, Slot::Morning, 1);
  out.status = BookingStatus::Cancelled;
  out.cancelled_at = "2026-11-30T18:00:00Z";
  out.cancelled_by = out.person_id;
  out.cancel_reason = "malade";
  const auto in_id = insert(in);
  const auto out_id = insert(out);
  auto tx = store_->begin(Access::Read);
  const auto a = tx->bookings().find(in_id);
  const auto b = tx->bookings().find(out_id);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->status, BookingStatus::CheckedIn);
  EXPECT_EQ(a->checked_in_at, "2026-12-01T08:05:00Z");
  EXPECT_EQ(a->cancelled_by, 0);
  EXPECT_EQ(b->status, BookingStatus::Cancelled);
  EXPECT_EQ(b->cancelled_at, "2026-11-30T18:00:00Z");
  EXPECT_EQ(b->cancelled_by, out.person_id);
  EXPECT_EQ(b->cancel_reason, "malade");
  EXPECT_EQ(b->checked_in_at, "");
}

TEST_P(BookingContract, SecondLiveHolderOfAPostAndSlotIsAConflict) {
  insert(booking(0, kDay, Slot::Morning));
  try {
    insert(booking(0, kDay, Slot::Morning, 1));
    FAIL() << "expected a conflict";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind, StoreError::Kind::Conflict);
  }
  // The afternoon, the next day and another post are other units.
  EXPECT_NO_THROW(insert(booking(0, kDay, Slot::Afternoon, 1)));
  EXPECT_NO_THROW(insert(booking(0, kDay.plus_days(1), Slot::Morning, 1)));
  EXPECT_NO_THROW(insert(booking(1, kDay, Slot::Morning, 1)));
  auto tx = store_->begin(Access::Read);
  EXPECT_EQ(tx->bookings().of_centre(centre_.id, kDay, kDay.plus_days(2)).size(), 4u);
}

TEST_P(BookingContract, CancelledAndNoShowBookingsFreeThePost) {
  Booking first = booking(0, kDay, Slot::Morning);
  first.id = insert(first);
  first.status = BookingStatus::Cancelled;
  first.cancelled_at = "2026-11-27T10:00:00Z";
  first.cancelled_by = people_[1];
  first.cancel_reason = "Fermeture exceptionnelle";
  {
    auto tx = store_->begin(Access::Write);
    tx->bookings().update(first);
    tx->commit();
  }
  Booking second = booking(0, kDay, Slot::Morning, 1);
  second.id = insert(second);
  second.status = BookingStatus::NoShow;
  {
    auto tx = store_->begin(Access::Write);
    tx->bookings().update(second);
    tx->commit();
  }
  EXPECT_NO_THROW(insert(booking(0, kDay, Slot::Morning)));
  auto tx = store_->begin(Access::Read);
  const auto back = tx->bookings().find(first.id);
  EXPECT_EQ(back->status, BookingStatus::Cancelled);
  EXPECT_EQ(back->cancel_reason, "Fermeture exceptionnelle");
  EXPECT_EQ(back->cancelled_by, people_[1]);
  EXPECT_EQ(tx->bookings().held_posts(centre_.id, kDay, Slot::Morning), std::vector<domain::PostId>{post(0)});
  EXPECT_EQ(tx->bookings().of_centre(centre_.id, kDay, kDay.plus_days(1)).size(), 3u);  // history kept
}

TEST_P(BookingContract, CountsSeeOnlyLiveBookings) {
  insert(booking(0, kDay, Slot::Morning));
  insert(booking(1, kDay, Slot::Morning, 1));
  insert(booking(0, kDay, Slot::Afternoon));
  Booking gone = booking(2, kDay, Slot::Afternoon, 1);
  gone.id = insert(gone);
  gone.status = BookingStatus::Cancelled;
  {
    auto tx = store_->begin(Access::Write);
    tx->bookings().update(gone);
    tx->commit();
  }
  insert(booking(0, kDay.plus_days(7), Slot::Morning));
  auto tx = store_->begin(Access::Read);
  const auto counts = tx->bookings().held_counts(centre_.id, kDay, kDay.plus_days(7));
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0].slot, Slot::Morning);
  EXPECT_EQ(counts[0].held, 2);
  EXPECT_EQ(counts[1].slot, Slot::Afternoon);
  EXPECT_EQ(counts[1].held, 1);
  EXPECT_EQ(tx->bookings().held_by_person(people_[0], centre_.id, kDay, kDay.plus_days(7)), 2);
  EXPECT_EQ(tx->bookings().held_by_person(people_[1], centre_.id, kDay, kDay.plus_days(7)), 1);
  EXPECT_EQ(tx->bookings().held_by_person(people_[0], centre_.id, kDay, kDay.plus_days(8)), 3);
  const auto on = tx->bookings().held_on(kDay, Slot::Morning);
  ASSERT_EQ(on.size(), 1u);
  EXPECT_EQ(on[0], std::make_pair(centre_.id, 2));
  EXPECT_EQ(tx->bookings().of_person(people_[0], kDay, kDay.plus_days(30)).size(), 3u);
  EXPECT_EQ(tx->bookings().booked_until(kDay).size(), 3u);  // the cancelled one is not `booked`
}

TEST_P(BookingContract, SeriesAreStoredAndTheirBookingsFound) {
  SeriesRecord r{
      0, centre_.id, people_[0], "2:morning 4:afternoon", kDay, kDay.plus_days(30), "2026-11-26T09:00:00Z", people_[0]};
  domain::SeriesId id = 0;
  {
    auto tx = store_->begin(Access::Write);
    id = tx->bookings().insert_series(r);
    Booking b = booking(0, kDay, Slot::Morning);
    b.series_id = id;
    tx->bookings().insert(b);
    tx->commit();
  }
  auto tx = store_->begin(Access::Read);
  const auto back = tx->bookings().find_series(id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->pattern, r.pattern);
  EXPECT_EQ(back->to, r.to);
  ASSERT_EQ(tx->bookings().of_series(id).size(), 1u);
  EXPECT_EQ(tx->bookings().of_series(id)[0].series_id, id);
}

TEST_P(BookingContract, ConcurrentWritersLeaveExactlyOneHolder) {
  // Many threads try the same post and slot at once, each in its own write transaction: one wins.
  constexpr int kThreads = 16;
  std::atomic<int> won{0}, conflicts{0}, other{0};
  std::barrier start(kThreads);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      try {
        insert(booking(0, kDay, Slot::Morning, t % 2));
        ++won;
      } catch (const StoreError& e) {
        (e.kind == StoreError::Kind::Conflict ? conflicts : other)++;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(conflicts.load(), kThreads - 1);
  EXPECT_EQ(other.load(), 0);
  auto tx = store_->begin(Access::Read);
  EXPECT_EQ(tx->bookings().held_posts(centre_.id, kDay, Slot::Morning).size(), 1u);
}

TEST_P(BookingContract, SharedWritesKeepEachPartAndUndoOnlyTheFailingOne) {
  // Many threads write through write_together at once: those that commit are kept, a part that throws after
  // writing is undone alone and its exception comes back to its caller, a part that does not commit is undone.
  constexpr int kThreads = 24;
  std::atomic<int> kept{0}, thrown{0};
  std::barrier start(kThreads);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      const Booking b = booking(t % 3, kDay.plus_days(t), t % 2 ? Slot::Morning : Slot::Afternoon, t % 2);
      try {
        store_->write_together([&](Transaction& tx) {
          tx.bookings().insert(b);
          if (t % 4 == 1) throw std::runtime_error("refused after writing");
          if (t % 4 == 3) return;  // no commit(): undone
          tx.commit();
        });
        if (t % 4 != 3) ++kept;
      } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "refused after writing");
        ++thrown;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(kept.load(), kThreads / 2);
  EXPECT_EQ(thrown.load(), kThreads / 4);
  auto tx = store_->begin(Access::Read);
  const auto all = tx->bookings().of_centre(centre_.id, kDay, kDay.plus_days(kThreads));
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kThreads / 2));
  for (const auto& b : all) EXPECT_EQ((b.date.days_since_epoch() - kDay.days_since_epoch()) % 2, 0) << b.date.iso();
}

TEST_P(BookingContract, SharedWritesStillRefuseASecondHolder) {
  constexpr int kThreads = 16;
  std::atomic<int> won{0}, conflicts{0};
  std::barrier start(kThreads);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      try {
        store_->write_together([&](Transaction& tx) {
          tx.bookings().insert(booking(0, kDay, Slot::Morning, t % 2));
          tx.commit();
        });
        ++won;
      } catch (const StoreError& e) {
        if (e.kind == StoreError::Kind::Conflict) ++conflicts;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(conflicts.load(), kThreads - 1);
}

TEST_P(BookingContract, WaitingListIsFirstComeFirstServedAndOnce) {
  WaitRecord w{0, centre_.id, people_[0], kDay, Slot::Morning, "2026-11-26T09:00:00Z", "waiting", std::nullopt};
  std::int64_t first = 0;
  {
    auto tx = store_->begin(Access::Write);
    first = tx->booking_waits().join(w);
    w.person_id = people_[1];
    w.created_at = "2026-11-26T09:01:00Z";
    tx->booking_waits().join(w);
    tx->commit();
  }
  {
    auto tx = store_->begin(Access::Write);
    EXPECT_THROW(tx->booking_waits().join(w), StoreError);  // already waiting
  }
  {
    auto tx = store_->begin(Access::Write);
    const auto queue = tx->booking_waits().waiting(centre_.id, kDay, Slot::Morning);
    ASSERT_EQ(queue.size(), 2u);
    EXPECT_EQ(queue[0].id, first);
    EXPECT_EQ(queue[0].person_id, people_[0]);
    tx->booking_waits().set_status(first, "served", std::nullopt);
    tx->commit();
  }
  auto tx = store_->begin(Access::Read);
  EXPECT_EQ(tx->booking_waits().waiting(centre_.id, kDay, Slot::Morning).size(), 1u);
  EXPECT_EQ(tx->booking_waits().find(first)->status, "served");
  EXPECT_EQ(tx->booking_waits().of_person(people_[0], kDay).size(), 1u);
}

TEST_P(BookingContract, SettingsAndCalendarFeeds) {
  {
    auto tx = store_->begin(Access::Write);
    tx->settings().put("booking.horizon_days", "60");
    tx->settings().put("booking.horizon_days", "45");
    tx->calendar_feeds().insert({"tok-person", people_[0], std::nullopt, "2026-11-26T09:00:00Z", ""});
    tx->calendar_feeds().insert({"tok-centre", std::nullopt, centre_.id, "2026-11-26T09:00:00Z", ""});
    tx->commit();
  }
  {
    auto tx = store_->begin(Access::Write);
    EXPECT_EQ(tx->settings().get("booking.horizon_days"), "45");
    EXPECT_FALSE(tx->settings().get("nothing"));
    EXPECT_EQ(tx->calendar_feeds().of_person(people_[0])->token, "tok-person");
    EXPECT_EQ(tx->calendar_feeds().of_centre(centre_.id)->token, "tok-centre");
    tx->calendar_feeds().revoke("tok-person", "2026-11-26T10:00:00Z");
    tx->commit();
  }
  auto tx = store_->begin(Access::Read);
  EXPECT_FALSE(tx->calendar_feeds().of_person(people_[0]));
  EXPECT_EQ(tx->calendar_feeds().find("tok-person")->revoked_at, "2026-11-26T10:00:00Z");
}

TEST_P(BookingContract, CentreClockAndRulesRoundTrip) {
  auto c = service::demo_centres().front();
  c.name = "Télécentre de test";
  c.time_zone = "Indian/Reunion";
  c.open_on_public_holidays = true;
  c.booking_rules.max_half_days_per_week = 4;
  domain::CentreId id = 0;
  {
    auto tx = store_->begin(Access::Write);
    id = tx->centres().insert(c);
    tx->commit();
  }
  auto tx = store_->begin(Access::Read);
  const auto back = tx->centres().find(id);
  EXPECT_EQ(back->time_zone, "Indian/Reunion");
  EXPECT_TRUE(back->open_on_public_holidays);
  EXPECT_EQ(back->booking_rules.max_half_days_per_week, 4);
  EXPECT_FALSE(back->booking_rules.horizon_days);
  EXPECT_EQ(tx->centres().find(centre_.id)->time_zone, "Europe/Paris");
}

INSTANTIATE_TEST_SUITE_P(Backends, BookingContract, ::testing::ValuesIn(backends()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace tc::store
