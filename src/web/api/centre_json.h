// The JSON shapes of a centre: the directory's summary and the full record. One definition, used by the API
// and by tests, so the two never drift.
#pragma once

#include <nlohmann/json.hpp>

#include "service/directory.h"

namespace tc::web {

// {id, name, commune{insee,name}, status, zrr, offices, posts, services{...}, accessibility{...},
//  location{lat,lon}, distance_km (null without origin)}
nlohmann::json centre_summary_json(const service::CentreHit& hit);
// The summary plus host_authority, address, description, specialities, offices[{id,name,posts[{id,label}]}],
// opening_hours[{weekday, slot, opens, closes}], closures[{from, to, reason}], status_history, zrr_override.
nlohmann::json centre_detail_json(const service::CentreHit& hit);

}  // namespace tc::web
