// The network's events as use cases: the animator (or the council) publishes them; people register with their
// account, or for public events with a name and an e-mail only; a full event keeps a waiting list served in order;
// everyone gets a confirmation with a cancellation link and a reminder the day before; the organiser marks who
// came. Public events also make an iCalendar feed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/event.h"
#include "domain/person.h"
#include "service/clock.h"
#include "store/store.h"

namespace tc::service {

struct RegistrationRequest {
  std::string name;   // without an account (public events)
  std::string email;  // idem
};

struct RegistrationOutcome {
  domain::Registration registration;
  std::string cancel_token;  // in clear, once: the e-mail's link carries it (only its hash is stored)
};

struct EventView {
  domain::Event event;
  std::string commune_name;
  std::string centre_name;  // empty when not in a centre
  int confirmed = 0;
  int waiting = 0;
  int places_left() const { return event.capacity > 0 ? std::max(0, event.capacity - confirmed) : -1; }
};

// Bookable individual advice appointments offered by the animator in one go: the range [from, to) of one day cut
// into slots of `minutes`, each an event of type advice with one place (so that the confirmation, the reminder,
// the cancellation link and attendance work as for any event).
struct AdviceSlotsRequest {
  std::optional<domain::CentreId> centre_id;  // held in a centre, or:
  std::string commune_insee;                  // the commune of the place
  std::string address;
  domain::Date date;           // centre-local (Europe/Paris)
  int from_minute = 0;         // minutes since midnight; the first slot starts here
  int to_minute = 0;           // the last slot ends at or before this
  int minutes = 30;            // each slot's length, 15–180
  std::string title;           // empty: "Conseil individuel"
  std::string description;     // optional
  bool open_to_public = true;  // anyone books with a name and an e-mail; else account holders only
};

// The most slots one offer creates.
inline constexpr int kMaxAdviceSlots = 40;

class Events {
 public:
  Events(store::Store& store, Clock clock);

  // Animators and admins (Forbidden otherwise). Invalid with the field for a wrong event or an unknown commune or
  // centre; held in a centre, the event takes the centre's commune. Audited.
  EventView create(const domain::Actor& actor, domain::Event e);
  // Changes an event's fields (type, title, description, date and times, place, capacity, audiences): its
  // organiser, animators and admins (Forbidden otherwise). NotFound for an unknown event; Invalid as for create,
  // and for a capacity below the places already confirmed. Audited.
  EventView update(const domain::Actor& actor, domain::Event e);
  // Creates every slot of the request in one transaction, all or none: animators and admins. Invalid with the
  // field ("minutes", "ends", "date", "centre_id", "commune"…) for a length outside 15–180 minutes, a range that
  // holds no slot or more than kMaxAdviceSlots, or a day or first slot already past. Audited once.
  std::vector<EventView> offer_advice_slots(const domain::Actor& actor, const AdviceSlotsRequest& r);
  // The advice slots still free between `from` and `to` (from today on, not started yet), that the caller may
  // book: public ones for anonymous visitors (nullptr), all for a signed-in person. By date, then start time.
  std::vector<EventView> free_advice_slots(const domain::Actor* actor, domain::Date from, domain::Date to);

  // Public events for everyone; every event for a signed-in person (nullptr: anonymous). Cancelled ones included.
  std::vector<EventView> list(const domain::Actor* actor, domain::Date from, domain::Date to);
  // NotFound for an unknown event, or one not public for an anonymous caller.
  EventView get(const domain::Actor* actor, domain::EventId id);

  // With an account (actor given: its name and e-mail), or, for a public event, by name and e-mail alone.
  // Confirmed while there are places, else waiting (but an advice slot already taken is a Conflict, reason
  // "taken": it keeps no waiting list); a confirmation e-mail with the cancellation link
  // (`link_base` + "/evenements/desinscription/" + token). Conflict when that e-mail is already registered;
  // Unprocessable for a cancelled or past event, or a private one without an account.
  RegistrationOutcome register_for(const domain::Actor* actor, domain::EventId id, const RegistrationRequest& r,
                                   std::string_view link_base);
  // The cancellation link: the registration ends; a confirmed place goes to the oldest waiting, who is told by
  // e-mail. NotFound for an unknown token; a second cancel changes nothing. Returns the registration.
  domain::Registration cancel_registration(std::string_view token);
  // The event's registrations, for its organiser, animators and admins.
  std::vector<domain::Registration> registrations(const domain::Actor& actor, domain::EventId id);
  // Attendance after the event, by its organiser, an animator or an admin.
  void mark_attendance(const domain::Actor& actor, domain::RegistrationId id, bool attended);
  // The day-before reminders: confirmed registrations to tomorrow's events (Paris date) not reminded yet, once
  // each. Returns how many e-mails were queued.
  int send_reminders();

  // The public events from `from` on, as an iCalendar feed (without the advice slots: see public_ical); or one event's
  // (any the caller may see).
  std::string public_ical(domain::Date from);
  std::string event_ical(const domain::Actor* actor, domain::EventId id);

 private:
  store::Store& store_;
  Clock clock_;
};

}  // namespace tc::service
