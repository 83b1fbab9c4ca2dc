// Events and their registrations: what makes an event valid, who gets a place and who waits, and who a freed place
// goes to — the oldest waiting first, never beyond the capacity.
#include "domain/event.h"

#include <gtest/gtest.h>

namespace tc::domain {
namespace {

Event meeting(int capacity) {
  Event e;
  e.type = EventType::InformationMeeting;
  e.title = "Découvrir le télétravail";
  e.date = Date{2026, 12, 10};
  e.start_minute = 18 * 60;
  e.end_minute = 20 * 60;
  e.commune_insee = "15138";
  e.capacity = capacity;
  e.audiences = {Audience::Teleworkers, Audience::Public};
  return e;
}

bool has_field(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return true;
  return false;
}

TEST(Event, NamesReadBackAndWordsExist) {
  for (const EventType t : kAllEventTypes) {
    EXPECT_EQ(parse_event_type(to_string(t)), t);
    EXPECT_FALSE(label_fr(t).empty());
    EXPECT_FALSE(label_en(t).empty());
  }
  for (const Audience a : kAllAudiences) EXPECT_EQ(parse_audience(to_string(a)), a);
  EXPECT_EQ(to_string(EventType::FilmScreening), "film_screening");
  EXPECT_EQ(label_fr(EventType::Advice), "Conseil individuel");
  EXPECT_FALSE(parse_event_type("party").has_value());
  EXPECT_EQ(parse_registration_status("waiting"), RegistrationStatus::Waiting);
}

TEST(Event, AValidEventAndEachWayToBeInvalid) {
  EXPECT_TRUE(validate(meeting(20)).empty());
  EXPECT_TRUE(meeting(20).is_public());
  Event e = meeting(20);
  e.title = "  ";
  EXPECT_TRUE(has_field(validate(e), "title"));
  e = meeting(20);
  e.end_minute = e.start_minute;
  EXPECT_TRUE(has_field(validate(e), "ends"));
  e = meeting(20);
  e.end_minute = 24 * 60 + 1;
  EXPECT_TRUE(has_field(validate(e), "ends"));
  e = meeting(-1);
  EXPECT_TRUE(has_field(validate(e), "capacity"));
  e = meeting(20);
  e.audiences = {};
  EXPECT_TRUE(has_field(validate(e), "audiences"));
  e.audiences = {Audience::Companies, Audience::Companies};
  EXPECT_TRUE(has_field(validate(e), "audiences"));
  EXPECT_FALSE(e.is_public());
  e = meeting(20);
  e.commune_insee = "";
  EXPECT_TRUE(has_field(validate(e), "commune"));
  e = meeting(20);
  e.date = Date{2026, 2, 30};
  EXPECT_TRUE(has_field(validate(e), "date"));
}

TEST(Event, PlacesUntilFullThenTheWaitingList) {
  const Event e = meeting(2);
  EXPECT_EQ(admit(e, 0), RegistrationStatus::Confirmed);
  EXPECT_EQ(admit(e, 1), RegistrationStatus::Confirmed);
  EXPECT_EQ(admit(e, 2), RegistrationStatus::Waiting);
  EXPECT_EQ(admit(meeting(0), 500), RegistrationStatus::Confirmed);  // no registration limit
}

TEST(Event, AFreedPlaceGoesToTheOldestWaiting) {
  const Event e = meeting(3);
  std::vector<Registration> waiting(3);
  for (int i = 0; i < 3; ++i) {
    waiting[static_cast<std::size_t>(i)].id = 10 + i;
    waiting[static_cast<std::size_t>(i)].status = RegistrationStatus::Waiting;
  }
  waiting[0].status = RegistrationStatus::Cancelled;  // left the list
  EXPECT_EQ(promote(e, 2, waiting), (std::vector<RegistrationId>{11}));
  EXPECT_EQ(promote(e, 1, waiting), (std::vector<RegistrationId>{11, 12}));
  EXPECT_TRUE(promote(e, 3, waiting).empty());
}

}  // namespace
}  // namespace tc::domain
