// Events over the demo network in a real SQLite store: the animator publishes; anyone registers by name and e-mail
// to a public event, a signed-in person to any; the third person of a two-place event waits and gets the place
// freed by a cancellation link, told by e-mail; reminders go out the day before, once; attendance is marked by the
// organiser; private events stay hidden from anonymous visitors; the iCalendar feed lists the public events.
#include "service/events.h"

#include <gtest/gtest.h>

#include <regex>

#include "demo_store.h"
#include "service/errors.h"

namespace tc::service {
namespace {

using domain::RegistrationStatus;

class EventsTest : public DemoStoreTest {
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

  static domain::Event meeting(int capacity, std::vector<domain::Audience> audiences) {
    domain::Event e;
    e.type = domain::EventType::InformationMeeting;
    e.title = "Découvrir le télétravail";
    e.description = "Présentation du réseau";
    e.date = domain::Date{2026, 12, 10};
    e.start_minute = 18 * 60;
    e.end_minute = 20 * 60;
    e.commune_insee = "15138";
    e.address = "Salle des fêtes";
    e.capacity = capacity;
    e.audiences = std::move(audiences);
    return e;
  }

  // The token of the cancellation link in an e-mail.
  static std::string link_token(const std::string& body) {
    std::smatch m;
    EXPECT_TRUE(std::regex_search(body, m, std::regex("/evenements/desinscription/([A-Za-z0-9_-]+)")));
    return m.size() > 1 ? m[1].str() : std::string();
  }

  std::unique_ptr<Events> events_;
  domain::Actor animator_, teleworker_;
  domain::Timestamp now_{1'795'000'000};  // 2026-11-18
};

TEST_F(EventsTest, OnlyTheAnimatorAndTheCouncilPublishAndBadEventsNameTheirField) {
  EXPECT_THROW(events_->create(teleworker_, meeting(20, {domain::Audience::Public})), ServiceError);
  auto e = meeting(20, {domain::Audience::Public});
  e.commune_insee = "99999";
  try {
    events_->create(animator_, e);
    ADD_FAILURE() << "unknown commune accepted";
  } catch (const ServiceError& err) {
    EXPECT_EQ(err.kind, ServiceError::Kind::Invalid);
    EXPECT_EQ(err.field, "commune");
  }
  e = meeting(20, {});
  try {
    events_->create(animator_, e);
    ADD_FAILURE() << "no audience accepted";
  } catch (const ServiceError& err) {
    EXPECT_EQ(err.field, "audiences");
  }
  const auto v = events_->create(animator_, meeting(20, {domain::Audience::Public}));
  EXPECT_GT(v.event.id, 0);
  EXPECT_EQ(v.commune_name, "Murat");
  EXPECT_EQ(v.event.organiser, animator_.id);
}

TEST_F(EventsTest, FullEventsKeepAWaitingListServedByCancellation) {
  const auto v = events_->create(animator_, meeting(2, {domain::Audience::Public}));
  const auto a = events_->register_for(nullptr, v.event.id, {"Anne", "anne@example.fr"}, "https://t.example");
  const auto b = events_->register_for(&teleworker_, v.event.id, {}, "https://t.example");
  const auto c = events_->register_for(nullptr, v.event.id, {"Chloé", "CHLOE@example.fr"}, "https://t.example");
  EXPECT_EQ(a.registration.status, RegistrationStatus::Confirmed);
  EXPECT_EQ(b.registration.status, RegistrationStatus::Confirmed);
  EXPECT_EQ(b.registration.email, "claire@example.fr");
  EXPECT_EQ(c.registration.status, RegistrationStatus::Waiting);
  EXPECT_EQ(c.registration.email, "chloe@example.fr");
  EXPECT_EQ(events_->get(nullptr, v.event.id).waiting, 1);
  // Twice the same address: a conflict.
  try {
    events_->register_for(nullptr, v.event.id, {"Anne", "anne@example.fr"}, "https://t.example");
    ADD_FAILURE() << "registered twice";
  } catch (const ServiceError& e) {
    EXPECT_EQ(e.kind, ServiceError::Kind::Conflict);
  }
  // Anne's e-mail carries her link; following it frees her place for Chloé, who is told.
  const auto anne_mail = mail_to("anne@example.fr");
  ASSERT_EQ(anne_mail.size(), 1u);
  EXPECT_NE(anne_mail[0].subject.find("Inscription confirmée"), std::string::npos);
  EXPECT_NE(anne_mail[0].body.find("10 décembre 2026, de 18 h à 20 h, Salle des fêtes, Murat"), std::string::npos);
  const std::string token = link_token(anne_mail[0].body);
  EXPECT_EQ(token, a.cancel_token);
  EXPECT_EQ(events_->cancel_registration(token).status, RegistrationStatus::Cancelled);
  EXPECT_EQ(events_->cancel_registration(token).status, RegistrationStatus::Cancelled);  // again: nothing more
  const auto regs = events_->registrations(animator_, v.event.id);
  ASSERT_EQ(regs.size(), 3u);
  EXPECT_EQ(regs[2].status, RegistrationStatus::Confirmed);
  const auto chloe = mail_to("chloe@example.fr");
  ASSERT_EQ(chloe.size(), 2u);
  EXPECT_NE(chloe[0].subject.find("Liste d'attente"), std::string::npos);
  EXPECT_NE(chloe[1].subject.find("Une place s'est libérée"), std::string::npos);
  EXPECT_THROW(events_->cancel_registration("pas-un-jeton"), ServiceError);
  EXPECT_THROW(events_->registrations(teleworker_, v.event.id), ServiceError);
}

TEST_F(EventsTest, PrivateEventsNeedAnAccountAndStayHidden) {
  const auto v = events_->create(animator_, meeting(10, {domain::Audience::Companies}));
  EXPECT_THROW(events_->get(nullptr, v.event.id), ServiceError);
  EXPECT_TRUE(events_->list(nullptr, domain::Date{2026, 1, 1}, domain::Date{2027, 1, 1}).empty());
  EXPECT_EQ(events_->list(&teleworker_, domain::Date{2026, 1, 1}, domain::Date{2027, 1, 1}).size(), 1u);
  EXPECT_THROW(events_->register_for(nullptr, v.event.id, {"Anne", "anne@example.fr"}, "x"), ServiceError);
  EXPECT_EQ(events_->register_for(&teleworker_, v.event.id, {}, "x").registration.status,
            RegistrationStatus::Confirmed);
  EXPECT_EQ(events_->public_ical(domain::Date{2026, 1, 1}).find("BEGIN:VEVENT"), std::string::npos);
}

TEST_F(EventsTest, RemindersGoTheDayBeforeOnceAndAttendanceIsMarked) {
  const auto v = events_->create(animator_, meeting(10, {domain::Audience::Public}));
  const auto a = events_->register_for(nullptr, v.event.id, {"Anne", "anne@example.fr"}, "x");
  EXPECT_EQ(events_->send_reminders(), 0);               // 2026-11-18: too early
  now_ = domain::Timestamp{1'795'000'000 + 21 * 86400};  // 2026-12-09, the day before
  EXPECT_EQ(events_->send_reminders(), 1);
  EXPECT_EQ(events_->send_reminders(), 0);
  const auto mails = mail_to("anne@example.fr");
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_NE(mails[1].subject.find("Rappel"), std::string::npos);
  EXPECT_THROW(events_->mark_attendance(teleworker_, a.registration.id, true), ServiceError);
  events_->mark_attendance(animator_, a.registration.id, true);
  EXPECT_EQ(events_->registrations(animator_, v.event.id)[0].attended, std::optional<bool>(true));
  // Past events take no registration.
  now_ = domain::Timestamp{1'795'000'000 + 30 * 86400};
  EXPECT_THROW(events_->register_for(nullptr, v.event.id, {"Bob", "bob@example.fr"}, "x"), ServiceError);
}

TEST_F(EventsTest, TheICalendarFeedListsPublicEventsInParisTime) {
  events_->create(animator_, meeting(10, {domain::Audience::Public}));
  const std::string ics = events_->public_ical(domain::Date{2026, 1, 1});
  EXPECT_NE(ics.find("BEGIN:VCALENDAR"), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:Découvrir le télétravail"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART;TZID=Europe/Paris:20261210T180000"), std::string::npos);
  EXPECT_NE(ics.find("LOCATION:Salle des fêtes\\, Murat"), std::string::npos);
}

}  // namespace
}  // namespace tc::service
