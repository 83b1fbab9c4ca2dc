#include "web/wiring.h"

#include "resources.h"
#include "service/clock.h"
#include "service/reference_data.h"

namespace tc::web {

Wiring::Wiring(store::Store& db, bool secure_cookies)
    : common(resources::find("data/common-passwords.txt").value_or("")),
      map(service::bundled_contours()),
      directory(db),
      accounts(db, service::system_clock(), common),
      applications(db, service::system_clock()),
      privacy(db, service::system_clock()),
      bookings(db, directory, service::system_clock()),
      admin(db, service::system_clock()),
      siting(db),
      studies(db, siting, service::system_clock()),
      events(db, service::system_clock()),
      indicators(db, admin, service::system_clock()),
      prospection(db, service::system_clock()),
      communication(db, service::system_clock()),
      app{directory, templates, map,     metrics, cache,      accounts,    applications,  privacy,       bookings,
          admin,     siting,    studies, events,  indicators, prospection, communication, secure_cookies} {}

}  // namespace tc::web
