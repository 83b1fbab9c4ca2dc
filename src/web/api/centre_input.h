// A centre as clients send it (POST /api/v1/centres, PATCH /api/v1/centres/{id}): the same shape as
// centre_detail_json, read onto a base centre. Read-only fields of the detail (id, status, zrr, posts, commune,
// status_history, accessibility.accessible…) are ignored so that a client may send back what it got; unknown fields
// are refused, so that a typo never passes silently.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/centre.h"
#include "service/network.h"

namespace tc::web {

// Throws service::ServiceError{Invalid} naming the first faulty field. Sub-objects (services, accessibility,
// booking_rules) are merged over the base's; lists (opening_hours, closures, offices, specialities) replace it.
service::CentrePatch centre_patch_from_json(const nlohmann::json& body, const domain::Centre& base);

// A whole new centre from a body: name, commune_insee and offices are required.
domain::Centre centre_from_json(const nlohmann::json& body);

}  // namespace tc::web
