// The network's animation: events a consultant or the council organises (information meetings, training
// sessions, advice appointments, fairs…), and the people registered to them. A full event keeps a waiting list,
// served in order when someone cancels. Pure values and rules: the service stores them and sends the e-mails.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/centre.h"
#include "domain/date.h"
#include "domain/person.h"

namespace tc::domain {

using EventId = std::int64_t;
using RegistrationId = std::int64_t;

enum class EventType {
  InformationMeeting,
  Training,
  Advice,
  Fair,
  Colloquium,
  PressConference,
  FilmScreening,
  Contest
};
inline constexpr std::array<EventType, 8> kAllEventTypes{
    EventType::InformationMeeting, EventType::Training,        EventType::Advice,        EventType::Fair,
    EventType::Colloquium,         EventType::PressConference, EventType::FilmScreening, EventType::Contest};
// "information_meeting", "training", "advice", "fair", "colloquium", "press_conference", "film_screening", "contest"
std::string_view to_string(EventType t);
std::optional<EventType> parse_event_type(std::string_view s);
std::string_view label_fr(EventType t);  // "Réunion d'information", "Formation", "Conseil individuel"…
std::string_view label_en(EventType t);

enum class Audience { Teleworkers, JobSeekers, Companies, ElectedOfficials, Public };
inline constexpr std::array<Audience, 5> kAllAudiences{Audience::Teleworkers, Audience::JobSeekers, Audience::Companies,
                                                       Audience::ElectedOfficials, Audience::Public};
std::string_view to_string(Audience a);  // "teleworkers", "job_seekers", "companies", "elected_officials", "public"
std::optional<Audience> parse_audience(std::string_view s);
std::string_view label_fr(Audience a);
std::string_view label_en(Audience a);

struct Event {
  EventId id = 0;
  EventType type = EventType::InformationMeeting;
  std::string title;
  std::string description;
  Date date;
  int start_minute = 0;  // centre-local (Europe/Paris) minutes since midnight, [start, end)
  int end_minute = 0;
  std::string zone = "Europe/Paris";
  std::optional<CentreId> centre_id;  // held in a centre, or elsewhere:
  std::string commune_insee;          // the commune it takes place in (the centre's when held in one)
  std::string address;
  int capacity = 0;  // places; 0: no registration needed
  std::vector<Audience> audiences;
  PersonId organiser = 0;
  bool cancelled = false;
  std::string created_at;

  // Open to the public: anyone registers with a name and an e-mail, without an account.
  bool is_public() const;
};

// Title 1–120 characters, description ≤ 4,000, start before end within the day, a commune (5 characters), capacity
// 0–10,000, at least one audience, none twice.
std::vector<FieldError> validate(const Event& e);

enum class RegistrationStatus { Confirmed, Waiting, Cancelled };
std::string_view to_string(RegistrationStatus s);  // "confirmed", "waiting", "cancelled"
std::optional<RegistrationStatus> parse_registration_status(std::string_view s);

struct Registration {
  RegistrationId id = 0;
  EventId event_id = 0;
  std::optional<PersonId> person_id;  // none: registered by name and e-mail (public events)
  std::string name;
  std::string email;
  RegistrationStatus status = RegistrationStatus::Confirmed;
  std::string token;  // the cancellation link's secret
  std::string created_at;
  std::string reminded_at;       // the day-before reminder, once sent
  std::optional<bool> attended;  // marked by the organiser after the event
};

// Where a new registration goes: a place while the confirmed ones are fewer than the capacity (or without
// capacity), else the waiting list.
RegistrationStatus admit(const Event& e, int confirmed);

// Whether a full event takes further registrations on a waiting list. An individual advice appointment does not:
// it is one person's slot, and whoever finds it taken books another one.
bool keeps_waiting_list(const Event& e);

// After a cancellation of a confirmed place: the waiting registrations (in the order given, oldest first) that
// now get a place.
std::vector<RegistrationId> promote(const Event& e, int confirmed, const std::vector<Registration>& waiting);

}  // namespace tc::domain
