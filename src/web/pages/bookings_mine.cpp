// "Mes réservations" (/reservations): the signed-in person's coming bookings (each with a form to cancel it and,
// on its day, a form to check in with the code shown at the centre), the past ones, the waiting lists they are
// on, the address of their calendar feed with a form to renew it, and the ways to book again (the grids of the
// centres they were admitted to) or, for hosts and admins, to their centres' day.
#include <algorithm>
#include <map>

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

// How far back the past bookings go.
constexpr int kPastDays = 62;

// What the page shows besides the bookings: a check-in form that was refused, with what was typed.
struct MinePage {
  explicit MinePage(Lang lang) : errors(lang) {}
  FormErrors errors;
  std::optional<domain::BookingId> check_in_for;
  std::string typed_code;
};

std::string code_field_id(domain::BookingId id) { return "code-" + std::to_string(id); }

std::string booking_path(domain::BookingId id, std::string_view action) {
  return std::string(kMinePath) + "/" + std::to_string(id) + "/" + std::string(action);
}

// "mardi 1er décembre 2026, matin, Télécentre de Murat": which booking a row's controls are about.
std::string which(const service::BookingView& v, Lang lang) {
  return weekday_date(v.booking.date, lang, true) + ", " + slot_in_sentence(v.booking.slot, lang) + ", " +
         v.centre_name;
}

json check_in_form(const service::BookingView& v, const MinePage& page, Lang lang) {
  const std::string id = code_field_id(v.booking.id);
  const std::string error = page.errors.message(id);
  return {{"action", with_lang(booking_path(v.booking.id, "arrivee"), lang)},
          {"field",
           {{"id", id},
            {"name", "code"},
            {"label", std::string(tr(lang, "bookings.mine.code_label"))},
            {"which", which(v, lang)},
            {"value", page.check_in_for == v.booking.id ? page.typed_code : std::string()},
            {"error", error.empty() ? json(false) : json(error)},
            {"describedby", described_by(id, false, page.errors)},
            {"numeric", true}}},
          {"which", which(v, lang)}};
}

std::string notice_of(App& app, const RequestContext& req, const domain::Actor& actor) {
  const Lang lang = req.lang;
  const std::string done = req.param("fait").value_or("");
  if (done == "reservation") {
    const auto id = positive_number(req.param("id").value_or(""));
    const auto v = id ? app.bookings.get(actor, *id) : std::nullopt;
    if (!v || v->booking.person_id != actor.id) return std::string(tr(lang, "bookings.done.reservation"));
    const std::string when = weekday_date(v->booking.date, lang, true) + ", " +
                             (req.param("journee") == "1" ? std::string(tr(lang, "bookings.slot.day"))
                                                          : slot_in_sentence(v->booking.slot, lang));
    return format_message(lang, "bookings.done.reservation_of",
                          {{"centre", v->centre_name}, {"when", when}, {"post", v->post_label}});
  }
  for (std::string_view known : {"attente", "annulation", "arrivee", "sortie", "calendrier"})
    if (done == known) return std::string(tr(lang, "bookings.done." + done));
  return {};
}

Response show_mine(App& app, const RequestContext& req, const service::Caller& caller, const MinePage& page,
                   unsigned status) {
  const Lang lang = req.lang;
  const domain::Actor& actor = caller.actor;
  const auto snapshot = app.directory.snapshot();
  std::map<domain::CentreId, const domain::Centre*> centres;
  for (const domain::Centre& c : snapshot->centres) centres[c.id] = &c;
  const domain::Timestamp now = booking_now();

  json upcoming = json::array(), past = json::array();
  for (const service::BookingView& v : app.bookings.mine(actor, now.utc_date().plus_days(-kPastDays))) {
    const domain::Booking& b = v.booking;
    const auto found = centres.find(b.centre_id);
    const domain::Centre* c = found == centres.end() ? nullptr : found->second;
    const auto zone = c ? centre_zone(*c) : nullptr;
    const domain::Date today = c ? centre_today(*c) : now.utc_date();
    const bool coming = !(b.date < today);
    json cancel = false, check_in = false;
    if (coming && c && zone && b.status == domain::BookingStatus::Booked &&
        domain::may_cancel(*c, *zone, b, now, false))
      cancel = {{"action", with_lang(booking_path(b.id, "annulation"), lang)}, {"which", which(v, lang)}};
    const bool on_its_day = b.date == today && zone && now < zone->instant(b.date, v.end_minute);
    if (b.status == domain::BookingStatus::Booked && (on_its_day || page.check_in_for == b.id))
      check_in = check_in_form(v, page, lang);
    json row = {{"date", weekday_date(b.date, lang, true)},
                {"iso", b.date.iso()},
                {"slot", slot_label(b.slot, lang)},
                {"centre", v.centre_name},
                {"centre_href", with_lang(week_path(b.centre_id, b.date), lang)},
                {"post", v.post_label},
                {"status", booking_status_label(b.status, lang)},
                {"reason", b.cancel_reason.empty() ? json(false) : json(b.cancel_reason)},
                {"cancel", std::move(cancel)},
                {"check_in", std::move(check_in)}};
    (coming ? upcoming : past).push_back(std::move(row));
  }
  // The most recent first among the past ones.
  std::reverse(past.begin(), past.end());

  json waits = json::array();
  for (const service::WaitView& w : app.bookings.my_waits(actor)) {
    const auto found = centres.find(w.wait.centre_id);
    const domain::Date today = found == centres.end() ? now.utc_date() : centre_today(*found->second);
    if (w.wait.status != "waiting" || w.wait.date < today) continue;
    const std::string when = weekday_date(w.wait.date, lang, true) + ", " + slot_in_sentence(w.wait.slot, lang);
    waits.push_back(
        {{"date", weekday_date(w.wait.date, lang, true)},
         {"slot", slot_label(w.wait.slot, lang)},
         {"centre", w.centre_name},
         {"action", with_lang(std::string(kMinePath) + "/attentes/" + std::to_string(w.wait.id) + "/retrait", lang)},
         {"which", when + ", " + w.centre_name}});
  }

  // Where to book again: the centres the person was admitted to.
  json book_at = json::array();
  for (const service::ApplicationView& a : app.applications.list(actor, {})) {
    const domain::Application& app_row = a.row.application;
    if (app_row.person_id != actor.id ||
        (app_row.state != domain::ApplicationState::Accepted && app_row.state != domain::ApplicationState::Active))
      continue;
    book_at.push_back({{"name", a.centre_name},
                       {"href", with_lang("/centres/" + std::to_string(app_row.centre_id) + "/reservations", lang)}});
  }
  // The day of the centres one keeps: their hosts' and the admins'.
  json days = json::array();
  for (const domain::Centre& c : snapshot->centres)
    if (keeps_centre(actor, c.id) && c.status == domain::CentreStatus::InService)
      days.push_back({{"name", c.name}, {"href", with_lang(day_path(c.id, centre_today(c)), lang)}});

  const std::string refusal = req.param("refus").value_or("");
  const std::string notice = notice_of(app, req, actor);
  json data = {
      {"current", {{"bookings", true}}},
      {"csrf", caller.csrf_token},
      {"error_summary", page.errors.summary()},
      {"expired", false},
      {"notice", notice.empty() ? json(false) : json(notice)},
      {"alert", refusal.empty() ? json(false)
                                : json(format_message(lang, "bookings.refused.heading",
                                                      {{"reason", refusal_text(refusal, lang)}}))},
      {"has_upcoming", !upcoming.empty()},
      {"upcoming", std::move(upcoming)},
      {"has_past", !past.empty()},
      {"past", std::move(past)},
      {"has_waits", !waits.empty()},
      {"waits", std::move(waits)},
      {"has_book_at", !book_at.empty()},
      {"book_at", std::move(book_at)},
      {"has_days", !days.empty()},
      {"days", std::move(days)},
      {"calendar_url", app.public_url + "/calendrier/" + app.bookings.personal_feed_token(actor) + ".ics"},
      {"renew_action", with_lang(std::string(kMinePath) + "/calendrier", lang)},
  };
  return render_private_page(app, req, &caller, "booking_mine", data,
                             form_title_for_key(lang, "bookings.mine.title", !page.errors.empty() || !refusal.empty()),
                             status);
}

// What every form of the page shares before its own work: the caller, the form and its token, and the caller's
// own booking (or waiting list) named in the path. Returns the response that ends the request early, if any.
struct Posted {
  std::optional<service::Caller> caller;
  std::optional<FormData> form;
};
std::optional<Response> receive(App& app, const RequestContext& req, Posted& p) {
  p.caller = identify(app, req);
  if (!p.caller) return see_other(sign_in_then(kMinePath, req.lang));
  p.form.emplace(req.body);
  if (p.form->oversized()) return form_too_large(app, req);
  if (!csrf_ok(*p.caller, req, p.form->raw("csrf"))) return expired_form_page(app, req);
  return std::nullopt;
}

// One's own booking: others' are "not found" here, whoever asks (hosts cancel from the centre's day).
std::optional<service::BookingView> own_booking(App& app, const RequestContext& req, const domain::Actor& actor) {
  const auto id = path_id(req, "id");
  auto v = id ? app.bookings.get(actor, *id) : std::nullopt;
  if (v && v->booking.person_id != actor.id) v.reset();
  return v;
}

Response refused(const RequestContext& req, std::string_view code) {
  return see_other(with_lang(std::string(kMinePath) + "?refus=" + std::string(code), req.lang));
}

Response done(const RequestContext& req, std::string_view what) {
  return see_other(with_lang(std::string(kMinePath) + "?fait=" + std::string(what), req.lang));
}

}  // namespace

Response get_mine(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  if (!caller) return see_other(sign_in_then(req.target, req.lang));
  return show_mine(app, req, *caller, MinePage(req.lang), 200);
}

Response post_cancel(App& app, const RequestContext& req) {
  Posted p;
  if (auto early = receive(app, req, p)) return std::move(*early);
  const auto v = own_booking(app, req, p.caller->actor);
  if (!v) return booking_not_found_page(app, req);
  try {
    app.bookings.cancel(p.caller->actor, v->booking.id, "");
  } catch (const ServiceError& e) {
    switch (e.kind) {
      case Kind::NotFound: return booking_not_found_page(app, req);
      case Kind::Conflict: return refused(req, refusal_code(e, kRefusedAlreadyClosed));
      case Kind::Unprocessable: return refused(req, refusal_code(e, kRefusedStarted));
      case Kind::Invalid: return refused(req, refusal_code(e, kRefusedOther));
      default: throw;
    }
  }
  return done(req, "annulation");
}

Response post_check_in(App& app, const RequestContext& req) {
  Posted p;
  if (auto early = receive(app, req, p)) return std::move(*early);
  const auto v = own_booking(app, req, p.caller->actor);
  if (!v) return booking_not_found_page(app, req);
  MinePage page(req.lang);
  page.check_in_for = v->booking.id;
  page.typed_code = p.form->text("code");
  const std::string field = code_field_id(v->booking.id);
  if (page.typed_code.empty()) {
    page.errors.add(field, tr(Lang::Fr, "bookings.error.code_missing"), tr(Lang::En, "bookings.error.code_missing"));
    return show_mine(app, req, *p.caller, page, 400);
  }
  try {
    app.bookings.check_in(p.caller->actor, v->booking.id, page.typed_code);
  } catch (const ServiceError& e) {
    if (e.kind == Kind::NotFound) return booking_not_found_page(app, req);
    if (e.kind != Kind::Unprocessable) throw;
    if (e.field == "code") {
      page.errors.add(field, tr(Lang::Fr, "bookings.error.code_wrong"), tr(Lang::En, "bookings.error.code_wrong"));
      return show_mine(app, req, *p.caller, page, http_status(e.kind));
    }
    return refused(req,
                   v->booking.status == domain::BookingStatus::Booked ? kRefusedCheckInTime : kRefusedAlreadyClosed);
  }
  return done(req, "arrivee");
}

Response post_leave_waiting_list(App& app, const RequestContext& req) {
  Posted p;
  if (auto early = receive(app, req, p)) return std::move(*early);
  // One's own waiting lists only (the service would let a host take someone off theirs).
  const auto id = path_id(req, "id");
  const auto waits = app.bookings.my_waits(p.caller->actor);
  if (!id || std::none_of(waits.begin(), waits.end(), [&](const service::WaitView& w) { return w.wait.id == *id; }))
    return booking_not_found_page(app, req);
  try {
    app.bookings.leave_waiting_list(p.caller->actor, *id);
  } catch (const ServiceError& e) {
    if (e.kind == Kind::NotFound) return booking_not_found_page(app, req);
    throw;
  }
  return done(req, "sortie");
}

Response post_renew_calendar(App& app, const RequestContext& req) {
  Posted p;
  if (auto early = receive(app, req, p)) return std::move(*early);
  app.bookings.renew_personal_feed(p.caller->actor);
  return done(req, "calendrier");
}

}  // namespace tc::web
