// iCalendar (RFC 5545) feeds of bookings, which people subscribe to from their own calendar application. Times are
// written as the centre's local clock with the centre's zone, so that a client follows each centre's own
// daylight-saving changes; the feed carries one VTIMEZONE per zone, named by its plain IANA name.
#pragma once

#include <string>
#include <vector>

#include "domain/date.h"

namespace tc::calendar {

struct FeedEvent {
  std::string uid;          // stable across renders, e.g. "booking-42@telecentres"
  std::string zone;         // IANA name of the local times below, e.g. "Europe/Paris"
  domain::Date date;        // local civil date
  int start_minute = 0;     // minutes since local midnight, [start, end)
  int end_minute = 0;       // at most 24 * 60 (midnight ending the day)
  std::string summary;      // e.g. "Télécentre de Murat — poste 2 (matin)"
  std::string location;     // omitted from the feed when empty
  std::string description;  // omitted from the feed when empty
  bool cancelled = false;   // STATUS:CANCELLED instead of CONFIRMED
  int sequence = 0;         // SEQUENCE, bumped by the caller when the event changes
  std::string stamp_utc;    // "YYYY-MM-DDTHH:MM:SSZ": DTSTAMP and LAST-MODIFIED
};

struct Feed {
  std::string name;  // X-WR-CALNAME, omitted when empty
  std::string product_id = "-//telecentres//Réservations//FR";
  std::vector<FeedEvent> events;  // written in this order
};

// The VCALENDAR text: CRLF line endings, lines folded at 75 octets, text values escaped (all by libical).
// VERSION 2.0, PRODID, CALSCALE GREGORIAN, METHOD PUBLISH, X-WR-CALNAME; one VTIMEZONE per distinct zone, sorted by
// name, truncated to the local years its events fall in, TZID = the IANA name; one VEVENT per event (DTSTART and
// DTEND local with TZID, UID, DTSTAMP, LAST-MODIFIED, SEQUENCE, SUMMARY, LOCATION, DESCRIPTION, STATUS).
// The same feed always gives the same text.
// Throws std::invalid_argument for an unknown zone, an event whose end is not after its start or outside its day,
// an impossible date, an empty UID or a malformed stamp.
std::string render_ical(const Feed& feed);

}  // namespace tc::calendar
