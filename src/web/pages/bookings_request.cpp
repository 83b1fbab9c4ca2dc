#include "web/pages/bookings_request.h"

#include <algorithm>
#include <charconv>

#include "calendar/time_zone.h"
#include "service/clock.h"
#include "web/app.h"
#include "web/pages/account_forms.h"
#include "web/pages/page_context.h"

namespace tc::web {

std::optional<std::int64_t> positive_number(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::optional<std::int64_t> path_id(const RequestContext& req, std::string_view name) {
  const auto it = req.path_params.find(std::string(name));
  if (it == req.path_params.end()) return std::nullopt;
  return positive_number(it->second);
}

std::optional<domain::Centre> find_centre(App& app, domain::CentreId id) {
  const auto snapshot = app.directory.snapshot();
  for (const domain::Centre& c : snapshot->centres)
    if (c.id == id) return c;
  return std::nullopt;
}

domain::Timestamp booking_now() {
  static const service::Clock clock = service::system_clock();
  return clock();
}

std::shared_ptr<const domain::TimeZone> centre_zone(const domain::Centre& c) {
  auto zone = calendar::find_zone(c.time_zone);
  return zone ? zone : calendar::find_zone("Europe/Paris");
}

domain::Date centre_today(const domain::Centre& c) {
  const domain::Timestamp now = booking_now();
  const auto zone = centre_zone(c);
  return zone ? zone->local_date(now) : now.utc_date();
}

std::vector<int> offered_weekdays(const domain::Centre& c) {
  std::vector<int> out = {1, 2, 3, 4, 5};
  for (int weekend : {6, 7})
    if (std::any_of(c.hours.begin(), c.hours.end(), [&](const domain::OpeningSlot& h) { return h.weekday == weekend; }))
      out.push_back(weekend);
  return out;
}

bool may_book_at(App& app, const domain::Actor& actor, domain::CentreId centre) {
  if (actor.id <= 0) return false;
  if (actor.reviews(centre)) return true;
  service::ApplicationQuery query;
  query.centre_id = centre;
  for (const service::ApplicationView& v : app.applications.list(actor, query)) {
    const domain::Application& a = v.row.application;
    if (a.person_id == actor.id &&
        (a.state == domain::ApplicationState::Accepted || a.state == domain::ApplicationState::Active))
      return true;
  }
  return false;
}

std::string week_path(domain::CentreId centre, domain::Date any_day_of_week) {
  return "/centres/" + std::to_string(centre) + "/reservations?semaine=" + domain::week_start(any_day_of_week).iso();
}

std::string day_path(domain::CentreId centre, domain::Date date) {
  return "/accueil/" + std::to_string(centre) + "?date=" + date.iso();
}

std::string sign_in_then(std::string_view next, Lang lang) {
  return with_lang(with_query_value("/connexion", "next", next), lang);
}

Response expired_form_page(App& app, const RequestContext& req) {
  return error_page(app, req, 403, tr(Lang::Fr, "bookings.expired"), tr(Lang::En, "bookings.expired"));
}

Response booking_not_found_page(App& app, const RequestContext& req) {
  return error_page(app, req, 404, tr(Lang::Fr, "bookings.not_found"), tr(Lang::En, "bookings.not_found"));
}

Response centre_not_found_page(App& app, const RequestContext& req) {
  return error_page(app, req, 404, tr(Lang::Fr, "centre.not_found"), tr(Lang::En, "centre.not_found"));
}

}  // namespace tc::web
