// Builds the feed as libical components and lets libical write it: escaping, folding and CRLF are libical's.
// Only the zones need care: libical names its builtin zones "/freeassociation.sourceforge.net/Europe/Paris", a name
// only libical knows; the feed carries a copy of each VTIMEZONE renamed to the plain IANA name, which clients also
// know from their own zone data, and the TZID parameters of DTSTART and DTEND name that copy.
#include "calendar/ical_feed.h"

#include <libical/ical.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

#include "calendar/libical_lock.h"

namespace tc::calendar {

namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

constexpr int kMinutesPerDay = 24 * 60;

bool is_real_day(domain::Date d) { return domain::Date::from_days(d.days_since_epoch()) == d; }

// A wall-clock time without zone; the TZID parameter written beside it gives the zone.
icaltimetype local_time(domain::Date date, int minute) {
  icaltimetype t = icaltime_null_time();
  t.year = date.year;
  t.month = date.month;
  t.day = date.day;
  t.is_date = 0;
  icaltime_adjust(&t, 0, 0, minute, 0);  // 24:00 becomes 00:00 the next day
  return t;
}

// "YYYY-MM-DDTHH:MM:SSZ", exactly.
icaltimetype parse_stamp(std::string_view s) {
  const auto malformed = [&] {
    return std::invalid_argument("calendar feed: stamp is not YYYY-MM-DDTHH:MM:SSZ: " + std::string(s));
  };
  constexpr std::string_view shape = "dddd-dd-ddTdd:dd:ddZ";
  if (s.size() != shape.size()) throw malformed();
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool fits = shape[i] == 'd' ? std::isdigit(static_cast<unsigned char>(s[i])) != 0 : s[i] == shape[i];
    if (!fits) throw malformed();
  }
  const auto number = [&](std::size_t at, std::size_t len) {
    int n = 0;
    for (std::size_t i = at; i < at + len; ++i) n = n * 10 + (s[i] - '0');
    return n;
  };
  icaltimetype t = icaltime_null_time();
  t.year = number(0, 4);
  t.month = number(5, 2);
  t.day = number(8, 2);
  t.hour = number(11, 2);
  t.minute = number(14, 2);
  t.second = number(17, 2);
  t.is_date = 0;
  t.zone = icaltimezone_get_utc_timezone();
  if (!is_real_day({t.year, t.month, t.day}) || t.hour > 23 || t.minute > 59 || t.second > 59) throw malformed();
  return t;
}

void check(const FeedEvent& e) {
  if (e.uid.empty()) throw std::invalid_argument("calendar feed: event without UID");
  if (!is_real_day(e.date)) throw std::invalid_argument("calendar feed: impossible date in " + e.uid);
  if (e.start_minute < 0 || e.end_minute > kMinutesPerDay || e.end_minute <= e.start_minute) {
    throw std::invalid_argument("calendar feed: " + e.uid + " does not end after it starts, within its day");
  }
}

struct YearSpan {
  int first;
  int last;
};

// The instant the zone's clocks show 1 January of `year`, 00:00. Caller holds libical_mutex().
icaltimetype new_year_utc(int year, icaltimezone* zone) {
  icaltimetype t = icaltime_null_time();
  t.year = year;
  t.month = 1;
  t.day = 1;
  t.is_date = 0;
  t.zone = zone;
  return icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
}

// libical's VTIMEZONE for `iana` from the system's tzdata, cut to the local years [first, last] so that the feed
// does not carry the zone's whole history, and named `iana`.
Component vtimezone(const std::string& iana, YearSpan years) {
  std::lock_guard lock(libical_mutex());
  icaltimezone* zone = iana.empty() ? nullptr : icaltimezone_get_builtin_timezone(iana.c_str());
  // The component first: loading it replaces the zone's location string, freeing the one read before.
  // "UTC" and "GMT" come back as libical's UTC zone, which has neither a VTIMEZONE nor a location.
  icalcomponent* builtin = zone != nullptr ? icaltimezone_get_component(zone) : nullptr;
  const char* location = builtin != nullptr ? icaltimezone_get_location(zone) : nullptr;
  if (builtin == nullptr || location == nullptr || iana != location) {
    throw std::invalid_argument("calendar feed: unknown time zone: " + iana);
  }
  Component copy(icalcomponent_new_clone(builtin));
  icaltimezone_truncate_vtimezone(copy.get(), new_year_utc(years.first, zone), new_year_utc(years.last + 1, zone), 0);
  icalproperty_set_tzid(icalcomponent_get_first_property(copy.get(), ICAL_TZID_PROPERTY), iana.c_str());
  return copy;
}

icalproperty* with_tzid(icalproperty* p, const std::string& zone) {
  icalproperty_add_parameter(p, icalparameter_new_tzid(zone.c_str()));
  return p;
}

Component vevent(const FeedEvent& e) {
  const icaltimetype stamp = parse_stamp(e.stamp_utc);
  Component ev(icalcomponent_new_vevent());
  icalcomponent* c = ev.get();
  icalcomponent_add_property(c, icalproperty_new_uid(e.uid.c_str()));
  icalcomponent_add_property(c, icalproperty_new_dtstamp(stamp));
  icalcomponent_add_property(c, icalproperty_new_lastmodified(stamp));
  icalcomponent_add_property(c, with_tzid(icalproperty_new_dtstart(local_time(e.date, e.start_minute)), e.zone));
  icalcomponent_add_property(c, with_tzid(icalproperty_new_dtend(local_time(e.date, e.end_minute)), e.zone));
  icalcomponent_add_property(c, icalproperty_new_sequence(e.sequence));
  icalcomponent_add_property(c, icalproperty_new_summary(e.summary.c_str()));
  if (!e.location.empty()) icalcomponent_add_property(c, icalproperty_new_location(e.location.c_str()));
  if (!e.description.empty()) icalcomponent_add_property(c, icalproperty_new_description(e.description.c_str()));
  icalcomponent_add_property(c, icalproperty_new_status(e.cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  return ev;
}

}  // namespace

std::string render_ical(const Feed& feed) {
  std::map<std::string, YearSpan, std::less<>> zones;  // sorted: the same feed gives the same text
  for (const FeedEvent& e : feed.events) {
    check(e);
    auto [it, added] = zones.try_emplace(e.zone, YearSpan{e.date.year, e.date.year});
    if (!added) {
      it->second.first = std::min(it->second.first, e.date.year);
      it->second.last = std::max(it->second.last, e.date.year);
    }
  }

  Component cal(icalcomponent_new_vcalendar());
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid(feed.product_id.c_str()));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  if (!feed.name.empty()) {
    icalproperty* name = icalproperty_new_x(feed.name.c_str());
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(cal.get(), name);
  }
  // libical puts each VTIMEZONE it is given before the others: adding them in reverse leaves them sorted.
  for (auto it = zones.rbegin(); it != zones.rend(); ++it) {
    icalcomponent_add_component(cal.get(), vtimezone(it->first, it->second).release());
  }
  for (const FeedEvent& e : feed.events) icalcomponent_add_component(cal.get(), vevent(e).release());

  char* text = icalcomponent_as_ical_string_r(cal.get());
  if (text == nullptr) throw std::runtime_error("calendar feed: libical could not write the calendar");
  std::string out(text);
  icalmemory_free_buffer(text);
  return out;
}

}  // namespace tc::calendar
