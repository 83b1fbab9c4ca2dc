// A candidature: a person asks a centre for a regular place (so many days a week from a start date), the
// centre's host reviews it, and it lives on until it ends. The life cycle and who may move it are the field's
// rules; storing it, notifying people and finding out who is acting are the service's.
//
//   submitted ──┬─> under_review ──┬─> accepted ──> active ──> ended
//               │                  ├─> waitlisted ─┬─> accepted
//               │                  └─> declined    └─> declined
//               └─> accepted | waitlisted | declined (a reviewer may decide directly)
//   and withdrawn, by the applicant, from any state but ended, declined and withdrawn.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/person.h"

namespace tc::domain {

using ApplicationId = std::int64_t;

enum class ApplicationState { Submitted, UnderReview, Accepted, Waitlisted, Declined, Active, Ended, Withdrawn };
inline constexpr std::array<ApplicationState, 8> kAllApplicationStates{
    ApplicationState::Submitted,  ApplicationState::UnderReview, ApplicationState::Accepted,
    ApplicationState::Waitlisted, ApplicationState::Declined,    ApplicationState::Active,
    ApplicationState::Ended,      ApplicationState::Withdrawn};
std::string_view to_string(ApplicationState s);  // "submitted", "under_review", … as in the diagram above
std::optional<ApplicationState> parse_application_state(std::string_view s);
std::string_view label_fr(ApplicationState s);  // e.g. "En liste d'attente"
std::string_view label_en(ApplicationState s);

// Still alive: not ended, declined or withdrawn. An open application holds or awaits a place.
bool is_open(ApplicationState s);

// Who moves an application. The service decides which party the acting person is for this application.
enum class Party {
  Applicant,  // the person who applied: may only withdraw
  Reviewer,   // the centre's host, or an admin: reviews, decides, activates, ends
  System,     // the platform itself, e.g. the first booking of an accepted applicant activates the application
};

struct Transition {
  ApplicationState from = ApplicationState::Submitted;
  ApplicationState to = ApplicationState::Submitted;
  PersonId by = 0;      // the person who acted; for Party::System, the person whose action triggered it
  std::string at_utc;   // "YYYY-MM-DDTHH:MM:SSZ" (see timestamp.h)
  std::string message;  // optional note for the other party, e.g. why a place is declined
};

struct Application {
  ApplicationId id = 0;
  PersonId person_id = 0;
  std::int64_t centre_id = 0;
  int rank = 1;           // 1 = first choice among the person's applications
  int days_per_week = 1;  // 1..5
  Date start_date;        // when the person would like to start
  std::string motivation;
  ApplicationState state = ApplicationState::Submitted;
  std::string submitted_at_utc;     // "YYYY-MM-DDTHH:MM:SSZ"
  std::vector<Transition> history;  // oldest first; empty while only submitted
  // The communication plan's action (communication.h) through which the applicant heard of the network, when they
  // said so; none when they did not know or chose "other".
  std::optional<std::int64_t> heard_via_action;
};

inline constexpr std::size_t kMotivationMaxCodePoints = 2000;
inline constexpr std::size_t kTransitionMessageMaxCodePoints = 2000;

// The edge exists in the life cycle and `who` is entitled to it. The system may activate an accepted application
// and offer a freed place to a waitlisted one (waitlisted → accepted).
bool can_transition(ApplicationState from, ApplicationState to, Party who);

// Moves `a` to `to`, appending the transition to its history. Refused, with a French message for people and
// nothing changed, when can_transition says no, when `at_utc` is not a timestamp or precedes the last recorded
// one (submission or transition), or when `message` is longer than kTransitionMessageMaxCodePoints.
std::optional<std::string> transition(Application& a, ApplicationState to, Party who, PersonId by, std::string at_utc,
                                      std::string message);

// Checks a new application as entered (rank, days a week, start date not before `today`, motivation); empty
// means valid. `today` is the caller's: the domain has no clock.
std::vector<FieldError> validate_new(const Application& a, const Date& today);

}  // namespace tc::domain
