// The feed is read back twice: by libical's own parser, and by an independent reader (Python's icalendar, as
// Debian ships it), which must find the same instants both through the zone names and through the VTIMEZONEs the
// feed carries.
#include "calendar/ical_feed.h"

#include <gtest/gtest.h>
#include <libical/ical.h>
#include <stdlib.h>  // mkdtemp
#include <sys/wait.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using tc::calendar::Feed;
using tc::calendar::FeedEvent;
using tc::calendar::render_ical;
using tc::domain::Date;

namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

std::int64_t utc(Date d, std::int64_t hour, std::int64_t minute = 0) {
  return d.days_since_epoch() * 86400 + hour * 3600 + minute * 60;
}

const std::string kSummary = "Télécentre de Murat, poste 2\nmatin";
// Long and accented, so that libical has to fold it.
const std::string kDescription =
    "Réservation du poste 2 au télécentre de Murat ; accès de plain-pied, clé à l'accueil de la mairie, "
    "Wi-Fi « Télécentre-Murat », café équitable à prix coûtant. Annulation possible jusqu'à la veille, 18 h.";

FeedEvent event(std::string uid, std::string zone, Date date, int start, int end) {
  FeedEvent e;
  e.uid = std::move(uid);
  e.zone = std::move(zone);
  e.date = date;
  e.start_minute = start;
  e.end_minute = end;
  e.summary = "Télécentre de Murat — poste 2 (matin)";
  e.location = "Place de l'Hôtel de Ville, 15300 Murat";
  e.stamp_utc = "2026-03-01T09:15:00Z";
  return e;
}

Feed sample_feed() {
  Feed feed;
  feed.name = "Réservations — Camille Martin";
  FeedEvent spring = event("booking-1@telecentres", "Europe/Paris", {2026, 3, 30}, 8 * 60 + 30, 12 * 60 + 30);
  spring.summary = kSummary;
  spring.description = kDescription;
  FeedEvent autumn = event("booking-2@telecentres", "Europe/Paris", {2026, 10, 26}, 8 * 60 + 30, 12 * 60 + 30);
  autumn.cancelled = true;
  autumn.sequence = 3;
  FeedEvent reunion = event("booking-3@telecentres", "Indian/Reunion", {2026, 3, 30}, 8 * 60 + 30, 12 * 60 + 30);
  reunion.summary = "Télécentre de Saint-Pierre — poste 1 (matin)";
  reunion.sequence = 1;
  feed.events = {spring, autumn, reunion};
  return feed;
}

std::vector<icalcomponent*> children(icalcomponent* parent, icalcomponent_kind kind) {
  std::vector<icalcomponent*> out;
  for (icalcomponent* c = icalcomponent_get_first_component(parent, kind); c != nullptr;
       c = icalcomponent_get_next_component(parent, kind)) {
    out.push_back(c);
  }
  return out;
}

// The instant of a DTSTART or DTEND, through the VTIMEZONE of the feed that its TZID names.
std::int64_t instant(icalcomponent* calendar, icalproperty* p) {
  icalparameter* tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
  if (tzid == nullptr) throw std::runtime_error("no TZID on " + std::string(icalproperty_get_property_name(p)));
  icaltimezone* zone = icalcomponent_get_timezone(calendar, icalparameter_get_tzid(tzid));
  if (zone == nullptr) throw std::runtime_error("no VTIMEZONE for " + std::string(icalparameter_get_tzid(tzid)));
  return static_cast<std::int64_t>(
      icaltime_as_timet_with_zone(icalvalue_get_datetime(icalproperty_get_value(p)), zone));
}

std::int64_t start_of(icalcomponent* calendar, icalcomponent* ev) {
  return instant(calendar, icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY));
}
std::int64_t end_of(icalcomponent* calendar, icalcomponent* ev) {
  return instant(calendar, icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY));
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ical_feed_test_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Debian's interpreter, not whatever `python3` is first on PATH (a pyenv one may lack python3-icalendar); -I keeps
// PYTHONPATH and user site-packages out of it.
constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kInstallHint = "run scripts/install-deps.sh --test (it installs python3-icalendar)";

// Prints the calendar's name, then one line per VEVENT: UID STATUS SEQUENCE, DTSTART in UTC read through the zone
// name, DTSTART in UTC read through the VTIMEZONE the feed carries, and the SUMMARY as JSON.
constexpr const char* kReader = R"py(
import datetime, json, sys
try:
    import icalendar
except ImportError:
    print("the icalendar module is missing")
    sys.exit(3)
sys.stdout.reconfigure(encoding="utf-8")
utc = datetime.timezone.utc
with open(sys.argv[1], "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
own = {str(tz["TZID"]): tz.to_tz() for tz in cal.walk("VTIMEZONE")}
print("CALNAME", json.dumps(str(cal["X-WR-CALNAME"]), ensure_ascii=False))
for ev in cal.walk("VEVENT"):
    start = ev["DTSTART"]
    by_feed = own[str(start.params["TZID"])].localize(start.dt.replace(tzinfo=None)).astimezone(utc)
    print(ev["UID"], ev["STATUS"], int(ev["SEQUENCE"]), start.dt.astimezone(utc).isoformat(),
          by_feed.isoformat(), json.dumps(str(ev["SUMMARY"]), ensure_ascii=False))
)py";

struct Finished {
  int exit_code = -1;
  std::string output;
};

Finished run(const std::string& command) {
  Finished r;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST(IcalFeed, LibicalReadsBackZonesEventsAndInstants) {
  const std::string text = render_ical(sample_feed());
  Component cal(icalparser_parse_string(text.c_str()));
  ASSERT_NE(cal, nullptr) << text;
  ASSERT_EQ(icalcomponent_isa(cal.get()), ICAL_VCALENDAR_COMPONENT);

  EXPECT_STREQ(icalproperty_get_version(icalcomponent_get_first_property(cal.get(), ICAL_VERSION_PROPERTY)), "2.0");
  EXPECT_STREQ(icalproperty_get_prodid(icalcomponent_get_first_property(cal.get(), ICAL_PRODID_PROPERTY)),
               "-//telecentres//Réservations//FR");
  EXPECT_STREQ(icalproperty_get_calscale(icalcomponent_get_first_property(cal.get(), ICAL_CALSCALE_PROPERTY)),
               "GREGORIAN");
  EXPECT_EQ(icalproperty_get_method(icalcomponent_get_first_property(cal.get(), ICAL_METHOD_PROPERTY)),
            ICAL_METHOD_PUBLISH);
  icalproperty* name = icalcomponent_get_first_property(cal.get(), ICAL_X_PROPERTY);
  ASSERT_NE(name, nullptr);
  EXPECT_STREQ(icalproperty_get_x_name(name), "X-WR-CALNAME");
  EXPECT_STREQ(icalproperty_get_x(name), "Réservations — Camille Martin");

  // One VTIMEZONE per zone, named by the plain IANA name, cut to 2026.
  std::vector<std::string> tzids;
  const auto vtimezones = children(cal.get(), ICAL_VTIMEZONE_COMPONENT);
  for (icalcomponent* vtz : vtimezones) {
    tzids.emplace_back(icalproperty_get_tzid(icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY)));
    for (icalcomponent* obs = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT); obs != nullptr;
         obs = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT)) {
      EXPECT_GE(icalcomponent_get_dtstart(obs).year, 2026) << "VTIMEZONE not truncated:\n" << text;
    }
  }
  // libical's parser, like its writer, puts each VTIMEZONE it meets first: the text's order is read in the text.
  std::sort(tzids.begin(), tzids.end());
  EXPECT_EQ(tzids, (std::vector<std::string>{"Europe/Paris", "Indian/Reunion"}));
  EXPECT_LT(text.find("TZID:Europe/Paris\r\n"), text.find("TZID:Indian/Reunion\r\n")) << "sorted by name";
  EXPECT_EQ(text.find("freeassociation"), std::string::npos);

  const auto events = children(cal.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_EQ(events.size(), 3U);
  EXPECT_STREQ(icalcomponent_get_uid(events[0]), "booking-1@telecentres");
  EXPECT_STREQ(icalcomponent_get_uid(events[1]), "booking-2@telecentres");
  EXPECT_STREQ(icalcomponent_get_uid(events[2]), "booking-3@telecentres");
  EXPECT_EQ(icalcomponent_get_status(events[0]), ICAL_STATUS_CONFIRMED);
  EXPECT_EQ(icalcomponent_get_status(events[1]), ICAL_STATUS_CANCELLED);
  EXPECT_EQ(icalcomponent_get_status(events[2]), ICAL_STATUS_CONFIRMED);
  EXPECT_EQ(icalcomponent_get_sequence(events[0]), 0);
  EXPECT_EQ(icalcomponent_get_sequence(events[1]), 3);
  EXPECT_EQ(icalcomponent_get_sequence(events[2]), 1);
  EXPECT_EQ(icalcomponent_get_summary(events[0]), kSummary);  // accent, comma and newline survive
  EXPECT_EQ(icalcomponent_get_description(events[0]), kDescription);
  EXPECT_STREQ(icalcomponent_get_location(events[0]), "Place de l'Hôtel de Ville, 15300 Murat");
  EXPECT_EQ(icalcomponent_get_first_property(events[1], ICAL_DESCRIPTION_PROPERTY), nullptr);  // empty: omitted
  const icaltimetype stamp = icalcomponent_get_dtstamp(events[0]);
  EXPECT_EQ(std::string(icaltime_as_ical_string(stamp)), "20260301T091500Z");
  EXPECT_EQ(std::string(icaltime_as_ical_string(icalproperty_get_lastmodified(
                icalcomponent_get_first_property(events[0], ICAL_LASTMODIFIED_PROPERTY)))),
            "20260301T091500Z");

  // Local times with the zone; the instants follow each zone's clock through its VTIMEZONE.
  EXPECT_NE(text.find("DTSTART;TZID=Europe/Paris:20260330T083000\r\n"), std::string::npos) << text;
  EXPECT_EQ(start_of(cal.get(), events[0]), utc({2026, 3, 30}, 6, 30));  // after the spring change: UTC+2
  EXPECT_EQ(end_of(cal.get(), events[0]), utc({2026, 3, 30}, 10, 30));
  EXPECT_EQ(start_of(cal.get(), events[1]), utc({2026, 10, 26}, 7, 30));  // after the autumn change: UTC+1
  EXPECT_EQ(start_of(cal.get(), events[2]), utc({2026, 3, 30}, 4, 30));   // La Réunion: UTC+4 all year
  EXPECT_EQ(end_of(cal.get(), events[2]), utc({2026, 3, 30}, 8, 30));
}

TEST(IcalFeed, LinesEndWithCrlfAndFoldAt75Octets) {
  const std::string text = render_ical(sample_feed());
  ASSERT_GE(text.size(), 2U);
  EXPECT_EQ(text.substr(text.size() - 2), "\r\n");
  std::size_t folded = 0;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = text.find("\r\n", begin);
    ASSERT_NE(end, std::string::npos) << "last line without CRLF";
    const std::string line = text.substr(begin, end - begin);
    EXPECT_EQ(line.find_first_of("\r\n"), std::string::npos) << "bare CR or LF in: " << line;
    EXPECT_LE(line.size(), 75U) << line;
    if (!line.empty() && line[0] == ' ') ++folded;
    begin = end + 2;
  }
  EXPECT_GT(folded, 0U) << "the long description should have been folded";
}

TEST(IcalFeed, VTimezoneCoversEveryYearOfItsEvents) {
  Feed feed;
  feed.events = {event("a@telecentres", "Europe/Paris", {2026, 12, 31}, 22 * 60, 24 * 60),
                 event("b@telecentres", "Europe/Paris", {2028, 7, 1}, 14 * 60, 18 * 60)};
  const std::string text = render_ical(feed);
  Component cal(icalparser_parse_string(text.c_str()));
  ASSERT_NE(cal, nullptr);
  EXPECT_EQ(children(cal.get(), ICAL_VTIMEZONE_COMPONENT).size(), 1U);
  const auto events = children(cal.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(start_of(cal.get(), events[0]), utc({2026, 12, 31}, 21));
  EXPECT_EQ(end_of(cal.get(), events[0]), utc({2026, 12, 31}, 23));  // 24:00 is midnight ending the day
  EXPECT_EQ(start_of(cal.get(), events[1]), utc({2028, 7, 1}, 12));
}

TEST(IcalFeed, SameFeedGivesSameText) { EXPECT_EQ(render_ical(sample_feed()), render_ical(sample_feed())); }

TEST(IcalFeed, IndependentReaderFindsTheSameInstants) {
  if (!std::filesystem::exists(kPython)) FAIL() << kPython << " is missing: " << kInstallHint;
  TempDir dir;
  write_file(dir.path() / "feed.ics", render_ical(sample_feed()));
  write_file(dir.path() / "reader.py", kReader);
  const Finished r = run(std::string(kPython) + " -I '" + (dir.path() / "reader.py").string() + "' '" +
                         (dir.path() / "feed.ics").string() + "' 2>&1");
  ASSERT_NE(r.exit_code, 3) << "Python's icalendar module is missing: " << kInstallHint;
  ASSERT_EQ(r.exit_code, 0) << r.output;

  std::istringstream lines(r.output);
  std::vector<std::string> got;
  for (std::string line; std::getline(lines, line);) got.push_back(line);
  const std::vector<std::string> want = {
      R"x(CALNAME "Réservations — Camille Martin")x",
      R"x(booking-1@telecentres CONFIRMED 0 2026-03-30T06:30:00+00:00 2026-03-30T06:30:00+00:00 )x"
      R"x("Télécentre de Murat, poste 2\nmatin")x",
      R"x(booking-2@telecentres CANCELLED 3 2026-10-26T07:30:00+00:00 2026-10-26T07:30:00+00:00 )x"
      R"x("Télécentre de Murat — poste 2 (matin)")x",
      R"x(booking-3@telecentres CONFIRMED 1 2026-03-30T04:30:00+00:00 2026-03-30T04:30:00+00:00 )x"
      R"x("Télécentre de Saint-Pierre — poste 1 (matin)")x",
  };
  EXPECT_EQ(got, want) << r.output;
}

TEST(IcalFeed, UnknownZoneIsRefused) {
  for (const char* zone : {"Europe/Nowhere", "", "UTC", "/freeassociation.sourceforge.net/Europe/Paris"}) {
    Feed feed;
    feed.events = {event("a@telecentres", zone, {2026, 3, 30}, 8 * 60, 12 * 60)};
    EXPECT_THROW(render_ical(feed), std::invalid_argument) << zone;
  }
}

TEST(IcalFeed, EventNotEndingAfterItStartsIsRefused) {
  for (const auto& [start, end] :
       {std::pair{8 * 60, 8 * 60}, std::pair{12 * 60, 8 * 60}, std::pair{-30, 60}, std::pair{23 * 60, 24 * 60 + 30}}) {
    Feed feed;
    feed.events = {event("a@telecentres", "Europe/Paris", {2026, 3, 30}, start, end)};
    EXPECT_THROW(render_ical(feed), std::invalid_argument) << start << "–" << end;
  }
}

TEST(IcalFeed, MalformedEventsAreRefused) {
  FeedEvent no_uid = event("", "Europe/Paris", {2026, 3, 30}, 8 * 60, 12 * 60);
  FeedEvent bad_date = event("a@telecentres", "Europe/Paris", {2026, 2, 30}, 8 * 60, 12 * 60);
  FeedEvent bad_stamp = event("a@telecentres", "Europe/Paris", {2026, 3, 30}, 8 * 60, 12 * 60);
  bad_stamp.stamp_utc = "2026-03-01 09:15:00";
  for (const FeedEvent& e : {no_uid, bad_date, bad_stamp}) {
    Feed feed;
    feed.events = {e};
    EXPECT_THROW(render_ical(feed), std::invalid_argument) << e.uid << " " << e.stamp_utc;
  }
}
