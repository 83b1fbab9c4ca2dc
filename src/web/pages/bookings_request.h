// What the booking pages' handlers share before their own work: ids from the path, the centre from the
// directory, the centre's own "today" and clock, who may book where, the addresses of the booking pages, and the
// pages that end a request early (sign-in redirect, expired form, not found).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/booking.h"
#include "domain/centre.h"
#include "domain/person.h"
#include "web/i18n.h"
#include "web/request.h"
#include "web/response.h"

namespace tc::web {

struct App;

// `text` when it is a positive integer written in decimal, nothing else around it.
std::optional<std::int64_t> positive_number(std::string_view text);
// The path parameter `name` when it is a positive integer.
std::optional<std::int64_t> path_id(const RequestContext& req, std::string_view name);

// The centre of that id, as the directory has it now.
std::optional<domain::Centre> find_centre(App& app, domain::CentreId id);

// The machine's clock, as the service's use cases read it (apps/telecentres/main.cpp gives them system_clock()).
domain::Timestamp booking_now();
// The centre's time zone (Europe/Paris when the machine lacks the centre's); never null in practice.
std::shared_ptr<const domain::TimeZone> centre_zone(const domain::Centre& c);
// The civil date at the centre now: "today" on its pages.
domain::Date centre_today(const domain::Centre& c);

// The weekdays (ISO 1..7) the grid and the series form offer: Monday to Friday, and Saturday or Sunday when the
// centre opens on them.
std::vector<int> offered_weekdays(const domain::Centre& c);

// Who may book at a centre from the pages (the service decides again): its hosts and the admins, and people with
// an accepted or active application there.
bool may_book_at(App& app, const domain::Actor& actor, domain::CentreId centre);
// Who sees a centre's day: its hosts and the admins.
inline bool keeps_centre(const domain::Actor& actor, domain::CentreId centre) { return actor.reviews(centre); }

// ---- addresses (without the language; add it with with_lang) ----

std::string week_path(domain::CentreId centre, domain::Date any_day_of_week);
std::string day_path(domain::CentreId centre, domain::Date date);
inline constexpr std::string_view kMinePath = "/reservations";
// The sign-in form, coming back to `next` once signed in.
std::string sign_in_then(std::string_view next, Lang lang);

// ---- pages that end a request ----

Response expired_form_page(App& app, const RequestContext& req);
Response booking_not_found_page(App& app, const RequestContext& req);
Response centre_not_found_page(App& app, const RequestContext& req);

}  // namespace tc::web
