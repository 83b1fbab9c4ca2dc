// A telecentre: the shared office a town opens for teleworkers, as the directory and the network see it.
// The rules here (status transitions, office count, ZRR override) are the field's, independent of storage.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/booking_rules.h"
#include "domain/commune.h"
#include "domain/date.h"

namespace tc::domain {

using CentreId = std::int64_t;
using PostId = std::int64_t;

enum class CentreStatus { Planned, Opening, InService, Closed };

std::string_view to_string(CentreStatus s);
std::optional<CentreStatus> parse_centre_status(std::string_view s);
// planned → opening → in_service → closed: one step forward, and only these three transitions.
bool can_transition(CentreStatus from, CentreStatus to);

struct StatusChange {
  CentreStatus status = CentreStatus::Planned;
  Date on;                      // the civil date the change took effect
  std::string override_reason;  // set when an admin put a non-conforming centre in service anyway
};

enum class Reception { None, Secretariat, Animator };
std::string_view to_string(Reception r);
std::optional<Reception> parse_reception(std::string_view s);

// The services the directory filters on; names are the API's and the query string's.
enum class Service { Reception, Copier, Fax, Printer, Broadband, MeetingRoom, Videoconference };
inline constexpr std::array<Service, 7> kAllServices{Service::Reception,      Service::Copier,    Service::Fax,
                                                     Service::Printer,        Service::Broadband, Service::MeetingRoom,
                                                     Service::Videoconference};
std::string_view to_string(Service s);
std::optional<Service> parse_service(std::string_view s);

struct Services {
  Reception reception = Reception::None;
  bool copier = false;
  bool fax = false;
  bool printer = false;
  double broadband_down_mbps = 0;
  double broadband_up_mbps = 0;
  bool meeting_room = false;
  bool videoconference = false;

  bool has(Service s) const;
};

struct Accessibility {
  bool step_free = false;
  bool adapted_toilets = false;
  bool reserved_parking = false;
  std::optional<int> erp_category;  // établissement recevant du public, 1..5
  std::string register_url;         // the centre's public accessibility register (registre public d'accessibilité)

  // What the directory's "accessible" filter means: someone in a wheelchair can come and work there.
  bool accessible() const { return step_free && adapted_toilets; }
};

struct Post {
  PostId id = 0;
  std::string label;  // e.g. "Poste 2"
};

struct Office {
  std::int64_t id = 0;
  std::string name;  // e.g. "Bureau 1"
  std::vector<Post> posts;
};

enum class Slot { Morning, Afternoon };
std::string_view to_string(Slot s);

// Opening hours for one weekday and half-day; minutes since local midnight, half-open [open, close).
struct OpeningSlot {
  int weekday = 1;  // ISO: 1 = Monday … 7 = Sunday
  Slot slot = Slot::Morning;
  int open_minute = 0;
  int close_minute = 0;
};

struct Closure {
  Date from;  // half-open [from, to)
  Date to;
  std::string reason;
};

struct ZrrOverride {
  bool zrr = false;
  std::string reason;  // why the commune's classification does not apply; required
};

struct Centre {
  CentreId id = 0;
  std::string name;
  std::string host_authority;  // collectivité d'accueil
  std::string commune_insee;
  std::string address;
  LatLon location;
  CentreStatus status = CentreStatus::Planned;
  std::vector<StatusChange> history;  // oldest first; the last entry is the current status
  std::optional<ZrrOverride> zrr_override;
  std::vector<Office> offices;
  Services services;
  Accessibility accessibility;
  std::vector<OpeningSlot> hours;
  std::vector<Closure> closures;
  std::vector<std::string> specialities;
  std::string description;                 // short, in French
  std::string time_zone = "Europe/Paris";  // IANA name: the clock of its hours, bookings and no-shows
  bool open_on_public_holidays = false;
  BookingRulesOverride booking_rules;  // over the network's defaults

  int post_count() const;
  // The commune decides unless an override was recorded.
  bool zrr(const Commune& commune) const { return zrr_override ? zrr_override->zrr : commune.zrr; }
};

// Problems with a centre as entered; empty means valid. Messages are French, for people.
std::vector<std::string> validate(const Centre& c);

// Moves the centre to `to` on `on`, recording it; returns false (and changes nothing) for a forbidden transition
// or a date earlier than the last change.
bool change_status(Centre& c, CentreStatus to, Date on);

}  // namespace tc::domain
