// What the network administration's three files share: the permission checks and small parsers. Not for other
// services.
#pragma once

#include <string>

#include "domain/centre.h"
#include "domain/date.h"
#include "domain/person.h"
#include "service/clock.h"
#include "service/errors.h"
#include "store/store.h"

namespace tc::service::network_detail {

void require_admin(const domain::Actor& actor);
// The centre, when the caller is an admin or hosts it; NotFound otherwise (ids reveal nothing).
domain::Centre managed_or_throw(store::Transaction& tx, const domain::Actor& actor, domain::CentreId id);
domain::Date date_or_throw(const std::string& text, const char* field);
// The network's civil date today (Europe/Paris): what "today" means for dated records.
domain::Date today(const Clock& clock);
void audit(store::Transaction& tx, const Clock& clock, const domain::Actor& actor, std::string action,
           std::string subject, std::string detail);
[[noreturn]] void refuse(ServiceError::Kind kind, std::string fr, std::string en, std::string reason,
                         std::string field = {});

}  // namespace tc::service::network_detail
