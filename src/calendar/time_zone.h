// Centre clocks: IANA time zones read through libical (Debian's tzdata), so that hours, no-show deadlines and
// calendar feeds follow each centre's own daylight-saving changes — a centre in La Réunion has none.
#pragma once

#include <memory>
#include <string_view>

#include "domain/booking.h"

namespace tc::calendar {

// The zone called `iana` ("Europe/Paris", "Indian/Reunion"), or nullptr when libical does not know it. Zones
// are loaded once and shared; the returned object is safe to use from several threads.
std::shared_ptr<const domain::TimeZone> find_zone(std::string_view iana);

}  // namespace tc::calendar
