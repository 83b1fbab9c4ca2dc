// Individual advice appointments over the demo network in a real SQLite store: the animator offers a morning cut
// into slots, all created in one transaction or none; lengths, ranges and days are checked and named by field; a
// booked slot is no longer listed as free and is never given to a second person, even when several people try at
// once; a private offer is for account holders only; the public iCalendar feed leaves the slots out.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "demo_store.h"
#include "service/errors.h"
#include "service/events.h"

namespace tc::service {
namespace {

using domain::RegistrationStatus;

class AdviceSlotsTest : public DemoStoreTest {
 protected:
  void SetUp() override {
    DemoStoreTest::SetUp();
    auto tx = store_->begin(store::Access::Write);
    animator_.id = person(*tx, "animation@example.fr", "animator");
    animator_.roles = {domain::Role::Animator};
    teleworker_.id = person(*tx, "claire@example.fr", "teleworker");
    teleworker_.roles = {domain::Role::Teleworker};
    tx->commit();
    events_ = std::make_unique<Events>(*store_, [this] { return now_; });
  }
  void TearDown() override {
    events_.reset();
    DemoStoreTest::TearDown();
  }

  // Thursday 10 December 2026, 9 h to 12 h at Murat, in slots of 45 minutes.
  static AdviceSlotsRequest morning() {
    AdviceSlotsRequest r;
    r.commune_insee = "15138";
    r.address = "Salle du conseil, mairie";
    r.date = domain::Date{2026, 12, 10};
    r.from_minute = 9 * 60;
    r.to_minute = 12 * 60;
    r.minutes = 45;
    return r;
  }

  int event_count() {
    auto tx = store_->begin(store::Access::Read);
    return static_cast<int>(tx->events().between(domain::Date{2026, 1, 1}, domain::Date{2027, 12, 31}, false).size());
  }

  void expect_invalid(const AdviceSlotsRequest& r, const std::string& field) {
    try {
      events_->offer_advice_slots(animator_, r);
      ADD_FAILURE() << "accepted an offer wrong in " << field;
    } catch (const ServiceError& e) {
      EXPECT_EQ(e.kind, ServiceError::Kind::Invalid) << field;
      EXPECT_EQ(e.field, field) << e.message_fr;
    }
  }

  std::unique_ptr<Events> events_;
  domain::Actor animator_, teleworker_;
  domain::Timestamp now_{1'795'000'000};  // Wednesday 18 November 2026, 12 h 06 in Paris
};

TEST_F(AdviceSlotsTest, AMorningBecomesOneOnePlaceAdviceEventPerSlot) {
  const auto slots = events_->offer_advice_slots(animator_, morning());
  ASSERT_EQ(slots.size(), 4u);  // 9 h, 9 h 45, 10 h 30, 11 h 15 (12 h 00 would end past noon)
  const int starts[] = {540, 585, 630, 675};
  for (std::size_t k = 0; k < slots.size(); ++k) {
    const auto& e = slots[k].event;
    EXPECT_GT(e.id, 0);
    EXPECT_EQ(e.type, domain::EventType::Advice);
    EXPECT_EQ(e.capacity, 1);
    EXPECT_EQ(e.start_minute, starts[k]);
    EXPECT_EQ(e.end_minute, starts[k] + 45);
    EXPECT_EQ(e.title, "Conseil individuel");
    EXPECT_EQ(e.organiser, animator_.id);
    EXPECT_TRUE(e.is_public());
    EXPECT_EQ(slots[k].commune_name, "Murat");
  }
  EXPECT_EQ(events_->free_advice_slots(nullptr, domain::Date{2026, 12, 1}, domain::Date{2026, 12, 31}).size(), 4u);
}

TEST_F(AdviceSlotsTest, HeldInACentreTheSlotsTakeItsCommuneAndAddress) {
  domain::CentreId saint_flour = 0;
  {
    auto tx = store_->begin(store::Access::Read);
    for (const auto& c : tx->centres().all())
      if (c.commune_insee == "15187") saint_flour = c.id;
  }
  ASSERT_GT(saint_flour, 0);
  auto r = morning();
  r.centre_id = saint_flour;
  r.commune_insee.clear();
  r.address.clear();
  r.title = "Conseil création d'entreprise";
  r.open_to_public = false;
  const auto slots = events_->offer_advice_slots(animator_, r);
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots[0].event.commune_insee, "15187");
  EXPECT_EQ(slots[0].centre_name, "Télécentre de Saint-Flour");
  EXPECT_NE(slots[0].event.address.find("place d'Armes"), std::string::npos);
  EXPECT_EQ(slots[0].event.title, "Conseil création d'entreprise");
  // Not public: anonymous visitors neither see nor book them; an account holder does.
  EXPECT_TRUE(events_->free_advice_slots(nullptr, r.date, r.date).empty());
  EXPECT_EQ(events_->free_advice_slots(&teleworker_, r.date, r.date).size(), slots.size());
  EXPECT_THROW(events_->register_for(nullptr, slots[0].event.id, {"Anne", "anne@example.fr"}, "https://t.example"),
               ServiceError);
  EXPECT_EQ(events_->register_for(&teleworker_, slots[0].event.id, {}, "https://t.example").registration.status,
            RegistrationStatus::Confirmed);
}

TEST_F(AdviceSlotsTest, WrongOffersAreRefusedByFieldAndCreateNothing) {
  const int before = event_count();
  auto r = morning();
  r.minutes = 10;
  expect_invalid(r, "minutes");
  r.minutes = 181;
  expect_invalid(r, "minutes");
  r = morning();
  r.to_minute = r.from_minute;
  expect_invalid(r, "ends");
  r = morning();
  r.to_minute = r.from_minute + 30;  // shorter than one 45-minute slot
  expect_invalid(r, "ends");
  r = morning();
  r.from_minute = 0;
  r.to_minute = 24 * 60;
  r.minutes = 15;  // 96 slots
  expect_invalid(r, "minutes");
  r = morning();
  r.date = domain::Date{2026, 11, 17};  // yesterday
  expect_invalid(r, "date");
  r = morning();
  r.date = domain::Date{2026, 11, 18};  // today, but 9 h is past at 12 h 06
  expect_invalid(r, "date");
  r = morning();
  r.commune_insee = "99999";
  expect_invalid(r, "commune");
  r = morning();
  r.title = std::string(121, 'x');
  expect_invalid(r, "title");
  r = morning();
  r.centre_id = 999999;
  expect_invalid(r, "centre_id");
  EXPECT_EQ(event_count(), before);
  try {
    events_->offer_advice_slots(teleworker_, morning());
    ADD_FAILURE() << "a teleworker offered slots";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.kind, ServiceError::Kind::Forbidden);
  }
  // Exactly 40 slots is the most: accepted.
  r = morning();
  r.from_minute = 8 * 60;
  r.to_minute = 18 * 60;
  r.minutes = 15;
  EXPECT_EQ(events_->offer_advice_slots(animator_, r).size(), 40u);
}

TEST_F(AdviceSlotsTest, ABookedSlotIsNoLongerFreeAndIsNotGivenTwice) {
  const auto slots = events_->offer_advice_slots(animator_, morning());
  const domain::EventId first = slots[0].event.id;
  const auto booked = events_->register_for(&teleworker_, first, {}, "https://t.example");
  EXPECT_EQ(booked.registration.status, RegistrationStatus::Confirmed);
  const auto free = events_->free_advice_slots(nullptr, domain::Date{2026, 12, 10}, domain::Date{2026, 12, 10});
  ASSERT_EQ(free.size(), 3u);
  for (const auto& v : free) EXPECT_NE(v.event.id, first);
  // A second person: refused, no waiting list for an appointment.
  try {
    events_->register_for(nullptr, first, {"Anne", "anne@example.fr"}, "https://t.example");
    ADD_FAILURE() << "a taken slot was booked again";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.kind, ServiceError::Kind::Conflict);
    EXPECT_EQ(e.reason, "taken");
  }
  const auto regs = events_->registrations(animator_, first);
  ASSERT_EQ(regs.size(), 1u);
  EXPECT_EQ(regs[0].email, "claire@example.fr");
  // Cancelled by its link, the slot is free again.
  events_->cancel_registration(booked.cancel_token);
  EXPECT_EQ(events_->free_advice_slots(nullptr, domain::Date{2026, 12, 10}, domain::Date{2026, 12, 10}).size(), 4u);
}

TEST_F(AdviceSlotsTest, PeopleBookingTheSameSlotAtOnceGetItOnceOnly) {
  const domain::EventId slot = events_->offer_advice_slots(animator_, morning())[0].event.id;
  std::atomic<int> confirmed{0}, taken{0}, other{0};
  std::vector<std::thread> people;
  people.reserve(6);
  for (int k = 0; k < 6; ++k)
    people.emplace_back([&, k] {
      try {
        const auto o = events_->register_for(nullptr, slot,
                                             {"Personne " + std::to_string(k), "p" + std::to_string(k) + "@example.fr"},
                                             "https://t.example");
        if (o.registration.status == RegistrationStatus::Confirmed) ++confirmed;
      } catch (const ServiceError& e) {
        if (e.kind == ServiceError::Kind::Conflict) {
          ++taken;
        } else {
          ++other;
        }
      } catch (...) {
        ++other;
      }
    });
  for (auto& t : people) t.join();
  EXPECT_EQ(confirmed.load(), 1);
  EXPECT_EQ(taken.load(), 5);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(events_->registrations(animator_, slot).size(), 1u);
}

TEST_F(AdviceSlotsTest, StartedSlotsAreNotOfferedAndTheFeedLeavesSlotsOut) {
  auto r = morning();
  r.date = domain::Date{2026, 11, 18};
  r.from_minute = 13 * 60;  // this afternoon
  r.to_minute = 15 * 60;
  r.minutes = 60;
  ASSERT_EQ(events_->offer_advice_slots(animator_, r).size(), 2u);
  EXPECT_EQ(events_->free_advice_slots(nullptr, r.date, r.date).size(), 2u);
  now_ = domain::Timestamp{now_.unix_seconds + 3600};  // 13 h 06: the 13 h slot has begun
  const auto free = events_->free_advice_slots(nullptr, r.date, r.date);
  ASSERT_EQ(free.size(), 1u);
  EXPECT_EQ(free[0].event.start_minute, 14 * 60);
  EXPECT_EQ(events_->public_ical(r.date).find("Conseil individuel"), std::string::npos);
}

TEST_F(AdviceSlotsTest, TheOrganiserChangesAnEventButNotBelowItsConfirmedPlaces) {
  domain::Event e;
  e.type = domain::EventType::Training;
  e.title = "Atelier visioconférence";
  e.date = domain::Date{2026, 12, 3};
  e.start_minute = 14 * 60;
  e.end_minute = 16 * 60;
  e.commune_insee = "15138";
  e.capacity = 10;
  e.audiences = {domain::Audience::Public};
  auto v = events_->create(animator_, e);
  events_->register_for(nullptr, v.event.id, {"Anne", "anne@example.fr"}, "https://t.example");
  events_->register_for(nullptr, v.event.id, {"Bruno", "bruno@example.fr"}, "https://t.example");
  e = v.event;
  e.title = "Atelier visioconférence (complet bientôt)";
  e.capacity = 1;
  try {
    events_->update(animator_, e);
    ADD_FAILURE() << "capacity below the confirmed places";
  } catch (const ServiceError& err) {
    EXPECT_EQ(err.field, "capacity");
  }
  e.capacity = 2;
  e.commune_insee = "15187";
  const auto changed = events_->update(animator_, e);
  EXPECT_EQ(changed.event.title, "Atelier visioconférence (complet bientôt)");
  EXPECT_EQ(changed.commune_name, "Saint-Flour");
  EXPECT_EQ(changed.confirmed, 2);
  EXPECT_EQ(events_->get(nullptr, v.event.id).event.capacity, 2);
  EXPECT_EQ(events_->get(nullptr, v.event.id).event.organiser, animator_.id);
  EXPECT_THROW(events_->update(teleworker_, e), ServiceError);
  e.id = 999999;
  try {
    events_->update(animator_, e);
    ADD_FAILURE() << "unknown event changed";
  } catch (const ServiceError& err) {
    EXPECT_EQ(err.kind, ServiceError::Kind::NotFound);
  }
}

}  // namespace
}  // namespace tc::service
