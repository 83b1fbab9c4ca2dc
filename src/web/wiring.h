// Everything the web layer needs, built over one store: the use cases, the read-only helpers and the App that
// handlers share. `telecentres serve` and `telecentres routes` build it, and so do the fuzz targets, the same way.
#pragma once

#include "domain/password_policy.h"
#include "geo/svg_map.h"
#include "service/accounts.h"
#include "service/applications.h"
#include "service/bookings.h"
#include "service/communication.h"
#include "service/directory.h"
#include "service/events.h"
#include "service/indicators.h"
#include "service/network.h"
#include "service/privacy.h"
#include "service/prospection.h"
#include "service/siting.h"
#include "service/siting_jobs.h"
#include "store/store.h"
#include "web/app.h"
#include "web/metrics.h"
#include "web/response_cache.h"
#include "web/templates.h"

namespace tc::web {

struct Wiring {
  // `secure_cookies`: the site is served over https (cookies get the Secure flag).
  Wiring(store::Store& db, bool secure_cookies);

  domain::CommonPasswords common;
  const geo::DepartementMap map;
  const Templates templates;
  service::Directory directory;
  service::Accounts accounts;
  service::Applications applications;
  service::Privacy privacy;
  service::Bookings bookings;
  service::NetworkAdmin admin;
  service::SitingStudy siting;
  service::SitingJobs studies;
  service::Events events;
  service::Indicators indicators;
  service::Prospection prospection;
  service::Communication communication;
  Metrics metrics;
  ResponseCache cache;
  App app;
};

}  // namespace tc::web
