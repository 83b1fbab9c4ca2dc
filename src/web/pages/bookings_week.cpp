// A centre's week grid (/centres/{id}/reservations?semaine=YYYY-MM-DD): one column per day, one row per
// half-day, each cell saying in words how many posts are free ("Libre : 3 postes sur 6", "Complet",
// "Fermé (Noël)"). Anyone may look; people who may book there (the centre's hosts, admins, and teleworkers whose
// application was accepted) find in each cell they can still book a form to book it, a form to book the whole
// day, and in full cells a form to join the waiting list. The weekly series form is at the bottom
// (bookings_series.cpp).
#include <algorithm>

#include "service/errors.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/bookings_pages.h"
#include "web/pages/bookings_request.h"
#include "web/pages/bookings_words.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

constexpr FieldSpec kJump{.id = "semaine",
                          .label_key = "bookings.week.jump_label",
                          .hint_key = "bookings.week.jump_hint",
                          .type = "date",
                          .autocomplete = "",
                          .required = false};

// What the caller already holds or waits for at this centre this week, and whether they may book at all.
struct Viewer {
  bool may_book = false;
  std::vector<service::BookingView> held;
  std::vector<service::WaitView> waits;

  const service::BookingView* holding(domain::Date d, domain::Slot s) const {
    for (const auto& v : held)
      if (v.booking.date == d && v.booking.slot == s) return &v;
    return nullptr;
  }
  bool waiting(domain::Date d, domain::Slot s) const {
    return std::any_of(waits.begin(), waits.end(),
                       [&](const service::WaitView& w) { return w.wait.date == d && w.wait.slot == s; });
  }
};

Viewer viewer_of(App& app, const std::optional<service::Caller>& caller, const domain::Centre& c, domain::Date monday) {
  Viewer v;
  if (!caller) return v;
  const domain::Actor& actor = caller->actor;
  v.may_book = may_book_at(app, actor, c.id);
  for (auto& b : app.bookings.mine(actor, monday))
    if (b.booking.centre_id == c.id && b.booking.date < monday.plus_days(7) && domain::holds_post(b.booking.status))
      v.held.push_back(std::move(b));
  for (auto& w : app.bookings.my_waits(actor))
    if (w.wait.centre_id == c.id && w.wait.status == "waiting") v.waits.push_back(std::move(w));
  return v;
}

const service::SlotAvailability* find_slot(const std::vector<service::SlotAvailability>& all, domain::Date d,
                                           domain::Slot s) {
  for (const auto& a : all)
    if (a.date == d && a.slot == s) return &a;
  return nullptr;
}

// A small form of a cell: hidden date and half-day, and a button whose text says which day it is for.
json cell_form(std::string action, domain::Date d, std::string_view slot, std::string label, std::string when) {
  return {{"action", std::move(action)},
          {"date", d.iso()},
          {"slot", std::string(slot)},
          {"label", std::move(label)},
          {"when", std::move(when)}};
}

// The alert of a refusal sent back to the grid: "?refus=full&date=2026-12-01&creneau=morning".
std::string refusal_alert(const RequestContext& req) {
  const auto code = req.param("refus");
  if (!code || code->empty()) return {};
  const Lang lang = req.lang;
  const std::string reason = refusal_text(*code, lang);
  const auto date = domain::parse_date(req.param("date").value_or(""));
  const auto slots = domain::parse_slot_choice(req.param("creneau").value_or(""));
  if (!date) return format_message(lang, "bookings.refused.heading", {{"reason", reason}});
  std::string when = weekday_date(*date, lang, true);
  if (slots && slots->size() == 1) when += ", " + slot_in_sentence(slots->front(), lang);
  if (slots && slots->size() == 2) when += ", " + std::string(tr(lang, "bookings.slot.day"));
  return format_message(lang, "bookings.refused.heading_when", {{"when", when}, {"reason", reason}});
}

std::string refused_href(const domain::Centre& c, const std::string& date, const std::string& slot,
                         const std::string& code, Lang lang) {
  const auto d = domain::parse_date(date);
  std::string href = "/centres/" + std::to_string(c.id) + "/reservations?";
  if (d) href += "semaine=" + domain::week_start(*d).iso() + "&date=" + d->iso() + "&creneau=" + slot + "&";
  return with_lang(href + "refus=" + code, lang);
}

json week_rows(App& app, const RequestContext& req, const domain::Centre& c, domain::Date monday,
               const std::vector<int>& weekdays, const Viewer& viewer, const domain::BookingRules& rules) {
  const Lang lang = req.lang;
  const auto availability = app.bookings.availability(c.id, monday.iso(), monday.plus_days(6).iso());
  const domain::Timestamp now = booking_now();
  const domain::Date today = centre_today(c);
  const auto zone = centre_zone(c);
  const std::string id = std::to_string(c.id);
  const std::string book_action = with_lang("/centres/" + id + "/reservations", lang);
  const std::string wait_action = with_lang("/centres/" + id + "/liste-attente", lang);
  // A half-day the caller could still book if a post is free: open, not started, within notice and horizon.
  auto bookable = [&](domain::Date d, domain::Slot s) {
    return viewer.may_book && zone && !domain::check_timing(c, rules, *zone, d, s, now);
  };

  json rows = json::array();
  for (domain::Slot s : {domain::Slot::Morning, domain::Slot::Afternoon}) {
    json cells = json::array();
    for (int wd : weekdays) {
      const domain::Date d = monday.plus_days(wd - 1);
      const service::SlotAvailability* a = find_slot(availability, d, s);
      if (!a) continue;
      const service::BookingView* held = viewer.holding(d, s);
      const bool waiting = viewer.waiting(d, s);
      const std::string when = weekday_date(d, lang, false) + ", " + slot_in_sentence(s, lang);
      const bool can = bookable(d, s) && !held;
      json book = false, wait = false;
      if (can && a->posts_free > 0)
        book = cell_form(book_action, d, domain::to_string(s),
                         std::string(tr(lang, s == domain::Slot::Morning ? "bookings.week.book_morning"
                                                                         : "bookings.week.book_afternoon")),
                         weekday_date(d, lang, false));
      if (can && a->posts_free <= 0 && !waiting)
        wait = cell_form(wait_action, d, domain::to_string(s), std::string(tr(lang, "bookings.week.wait")), when);
      // A day gone by is neither free nor full any more: only its closures are still worth saying.
      const bool past = d < today && a->opening.open();
      cells.push_back({{"text", past ? std::string(tr(lang, "bookings.cell.past")) : availability_text(*a, lang)},
                       {"kind", past ? std::string("past") : std::string(availability_kind(*a))},
                       {"held", held ? json(format_message(lang, "bookings.cell.held", {{"post", held->post_label}}))
                                     : json(false)},
                       {"waiting", waiting ? json(std::string(tr(lang, "bookings.cell.waiting"))) : json(false)},
                       {"book", std::move(book)},
                       {"wait", std::move(wait)}});
    }
    rows.push_back({{"label", slot_label(s, lang)}, {"cells", std::move(cells)}});
  }
  if (!viewer.may_book) return rows;

  // The whole day, on one desk when one is free for both half-days (the service finds it).
  json cells = json::array();
  for (int wd : weekdays) {
    const domain::Date d = monday.plus_days(wd - 1);
    bool both = true;
    for (domain::Slot s : {domain::Slot::Morning, domain::Slot::Afternoon}) {
      const service::SlotAvailability* a = find_slot(availability, d, s);
      both = both && a && a->posts_free > 0 && bookable(d, s) && !viewer.holding(d, s);
    }
    json book = false;
    if (both)
      book = cell_form(book_action, d, "day", std::string(tr(lang, "bookings.week.book_day")),
                       weekday_date(d, lang, false));
    cells.push_back({{"text", both ? json(false) : json(std::string(tr(lang, "bookings.week.no_day")))},
                     {"kind", both ? "free" : "none"},
                     {"held", false},
                     {"waiting", false},
                     {"book", std::move(book)},
                     {"wait", false}});
  }
  rows.push_back({{"label", std::string(tr(lang, "bookings.week.day_row"))}, {"cells", std::move(cells)}});
  return rows;
}

}  // namespace

Response show_week(App& app, const RequestContext& req, const std::optional<service::Caller>& caller,
                   const domain::Centre& c, domain::Date day, const WeekExtras& extras, unsigned status) {
  const Lang lang = req.lang;
  const domain::Date monday = domain::week_start(day);
  const domain::Date sunday = monday.plus_days(6);
  const domain::Date today = centre_today(c);
  const std::vector<int> weekdays = offered_weekdays(c);
  const Viewer viewer = viewer_of(app, caller, c, monday);
  const std::string csrf = caller ? caller->csrf_token : std::string();
  const bool keeps = caller && keeps_centre(caller->actor, c.id);

  json days = json::array();
  json day_links = json::array();
  for (int wd : weekdays) {
    const domain::Date d = monday.plus_days(wd - 1);
    days.push_back({{"label", weekday_date(d, lang, false)}, {"iso", d.iso()}, {"today", d == today}});
    if (keeps)
      day_links.push_back({{"label", weekday_date(d, lang, false)}, {"href", with_lang(day_path(c.id, d), lang)}});
  }

  json sign_in = false, not_admitted = false;
  if (!caller) {
    sign_in = {{"href", sign_in_then(req.target, lang)}};
  } else if (!viewer.may_book) {
    not_admitted = {{"apply_href", with_lang("/candidatures/nouvelle?centre=" + std::to_string(c.id), lang)}};
  }

  const std::string heading = format_message(lang, "bookings.week.heading", {{"centre", c.name}});
  const std::string alert = refusal_alert(req);
  const domain::BookingRules rules = app.bookings.rules_of(c);
  json data = {
      {"current", json::object()},
      {"csrf", csrf},
      {"heading", heading},
      {"centre", {{"name", c.name}, {"href", centre_href(c.id, lang)}}},
      {"alert", alert.empty() ? json(false) : json(alert)},
      {"error_summary", extras.errors.summary()},
      {"expired", false},
      {"sign_in", std::move(sign_in)},
      {"not_admitted", std::move(not_admitted)},
      {"caption", format_message(lang, "bookings.week.caption",
                                 {{"centre", c.name},
                                  {"from", weekday_date(monday, lang, monday.year != sunday.year)},
                                  {"to", weekday_date(sunday, lang, true)}})},
      {"days", std::move(days)},
      {"rows", week_rows(app, req, c, monday, weekdays, viewer, rules)},
      {"week_href", with_lang(week_path(c.id, monday), lang)},
      {"prev_href", with_lang(week_path(c.id, monday.plus_days(-7)), lang)},
      {"prev_when", weekday_date(monday.plus_days(-7), lang, true)},
      {"next_href", with_lang(week_path(c.id, monday.plus_days(7)), lang)},
      {"next_when", weekday_date(monday.plus_days(7), lang, true)},
      {"this_week_href",
       monday == domain::week_start(today) ? json(false) : json(with_lang(week_path(c.id, today), lang))},
      {"jump_action", "/centres/" + std::to_string(c.id) + "/reservations"},
      {"jump", field_json(lang, kJump, extras.jump, extras.errors)},
      {"horizon", viewer.may_book
                      ? json(format_message(lang, "bookings.week.horizon",
                                            {{"date", weekday_date(today.plus_days(rules.horizon_days), lang, true)}}))
                      : json(false)},
      {"has_day_links", !day_links.empty()},
      {"day_links", std::move(day_links)},
      {"mine_href", with_lang(std::string(kMinePath), lang)},
      {"series", viewer.may_book ? series_form_json(lang, c, extras.series, extras.errors) : json(false)},
  };
  const std::string title = form_title(lang, heading, !extras.errors.empty() || !alert.empty());
  if (caller) return render_private_page(app, req, &*caller, "booking_week", data, title, status);
  return render_page(app, req, "booking_week", data, title, status);
}

Response get_week(App& app, const RequestContext& req) {
  const auto id = path_id(req, "id");
  const auto c = id ? find_centre(app, *id) : std::nullopt;
  if (!c) return centre_not_found_page(app, req);
  const auto caller = identify(app, req);
  WeekExtras extras(req.lang);
  domain::Date day = centre_today(*c);
  const std::string typed = req.param("semaine").value_or("");
  if (!typed.empty()) {
    // A week whose Sunday is still a four-digit year, and not before the epoch the dates count from.
    if (const auto d = domain::parse_date(typed); d && d->year >= 1970 && d->year <= 9998) {
      day = *d;
    } else {
      extras.jump = typed;
      extras.errors.add("semaine", tr(Lang::Fr, "bookings.error.week"), tr(Lang::En, "bookings.error.week"));
    }
  }
  return show_week(app, req, caller, *c, day, extras, extras.errors.empty() ? 200 : 400);
}

namespace {

// What both forms of a cell share: the centre, the caller, the token, the date and half-day as sent. Returns the
// response that ends the request early, if any.
struct CellPost {
  std::optional<domain::Centre> centre;
  std::optional<service::Caller> caller;
  std::string date;
  std::string slot;
};

std::optional<Response> receive_cell(App& app, const RequestContext& req, CellPost& p) {
  const auto id = path_id(req, "id");
  p.centre = id ? find_centre(app, *id) : std::nullopt;
  if (!p.centre) return centre_not_found_page(app, req);
  p.caller = identify(app, req);
  if (!p.caller) return see_other(sign_in_then("/centres/" + std::to_string(*id) + "/reservations", req.lang));
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*p.caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  p.date = form.text("date");
  p.slot = form.text("slot");
  return std::nullopt;
}

// The grid again, with what was wrong with the request (a date or half-day no cell of the grid sends).
Response bad_cell(App& app, const RequestContext& req, const CellPost& p, std::string_view fr, std::string_view en) {
  WeekExtras extras(req.lang);
  extras.errors.add_general("grille", fr, en);
  const auto d = domain::parse_date(p.date);
  return show_week(app, req, p.caller, *p.centre, d ? *d : centre_today(*p.centre), extras, 400);
}

// A refusal by the service: the grid says why (303), or the right page for what is not a refusal.
Response refused(App& app, const RequestContext& req, const CellPost& p, const ServiceError& e) {
  switch (e.kind) {
    case Kind::NotFound: return centre_not_found_page(app, req);
    case Kind::Forbidden: return error_page(app, req, 403, e.message_fr, e.message_en);
    case Kind::Unauthenticated:
      return see_other(sign_in_then(week_path(p.centre->id, centre_today(*p.centre)), req.lang));
    case Kind::Invalid: return bad_cell(app, req, p, e.message_fr, e.message_en);
    case Kind::Conflict:
    case Kind::Unprocessable:
      return see_other(refused_href(*p.centre, p.date, p.slot, refusal_code(e, kRefusedOther), req.lang));
    default: throw e;
  }
}

}  // namespace

Response post_book(App& app, const RequestContext& req) {
  CellPost p;
  if (auto early = receive_cell(app, req, p)) return std::move(*early);
  if (!domain::parse_date(p.date) || !domain::parse_slot_choice(p.slot))
    return bad_cell(app, req, p, tr(Lang::Fr, "bookings.error.cell"), tr(Lang::En, "bookings.error.cell"));
  std::vector<domain::Booking> booked;
  try {
    booked = app.bookings.book(p.caller->actor, {p.centre->id, std::nullopt, p.date, p.slot, std::nullopt});
  } catch (const ServiceError& e) {
    return refused(app, req, p, e);
  }
  std::string done = std::string(kMinePath) + "?fait=reservation&id=" + std::to_string(booked.front().id);
  if (booked.size() > 1) done += "&journee=1";
  return see_other(with_lang(done, req.lang));
}

Response post_join_waiting_list(App& app, const RequestContext& req) {
  CellPost p;
  if (auto early = receive_cell(app, req, p)) return std::move(*early);
  if (!domain::parse_date(p.date) || !domain::parse_slot(p.slot))
    return bad_cell(app, req, p, tr(Lang::Fr, "bookings.error.cell"), tr(Lang::En, "bookings.error.cell"));
  try {
    app.bookings.join_waiting_list(p.caller->actor, p.centre->id, p.date, p.slot);
  } catch (const ServiceError& e) {
    return refused(app, req, p, e);
  }
  return see_other(with_lang(std::string(kMinePath) + "?fait=attente", req.lang));
}

}  // namespace tc::web
