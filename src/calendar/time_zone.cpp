#include "calendar/time_zone.h"

#include <libical/ical.h>

#include <map>
#include <mutex>
#include <string>

#include "calendar/libical_lock.h"

namespace tc::calendar {

namespace {

class IcalZone final : public domain::TimeZone {
 public:
  IcalZone(std::string name, icaltimezone* zone) : name_(std::move(name)), zone_(zone) {}

  std::string name() const override { return name_; }

  domain::Timestamp instant(domain::Date date, int minute) const override {
    icaltimetype t = icaltime_null_time();
    t.year = date.year;
    t.month = date.month;
    t.day = date.day;
    t.hour = minute / 60;
    t.minute = minute % 60;
    t.is_date = 0;
    std::lock_guard lock(libical_mutex());
    return domain::Timestamp{static_cast<std::int64_t>(icaltime_as_timet_with_zone(t, zone_))};
  }

  domain::Date local_date(domain::Timestamp t) const override {
    std::lock_guard lock(libical_mutex());
    const icaltimetype local = icaltime_from_timet_with_zone(static_cast<time_t>(t.unix_seconds), 0, zone_);
    return domain::Date{local.year, local.month, local.day};
  }

 private:
  std::string name_;
  icaltimezone* zone_;  // owned by libical's builtin table
};

}  // namespace

std::shared_ptr<const domain::TimeZone> find_zone(std::string_view iana) {
  static std::map<std::string, std::shared_ptr<const domain::TimeZone>, std::less<>> loaded;
  std::lock_guard lock(libical_mutex());
  if (auto it = loaded.find(iana); it != loaded.end()) return it->second;
  const std::string name(iana);
  icaltimezone* zone = name.empty() ? nullptr : icaltimezone_get_builtin_timezone(name.c_str());
  std::shared_ptr<const domain::TimeZone> out;
  if (zone) out = std::make_shared<IcalZone>(name, zone);
  if (out) loaded.emplace(name, out);
  return out;
}

}  // namespace tc::calendar
