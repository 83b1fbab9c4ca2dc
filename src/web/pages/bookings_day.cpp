// The host's day at a centre (/accueil/{centre_id}?date=YYYY-MM-DD), for its hosts and the admins: the day's
// check-in code in large type (teleworkers type it to check in), the free posts of each half-day, and a table per
// half-day of who is expected, with a button to record an arrival and a form to cancel with a reason. It prints
// as a sheet for the reception desk: the print stylesheet keeps the code and the tables and drops the forms.
#include <algorithm>

#include "service/errors.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/applications_forms.h"
#include "web/pages/bookings_pages.h"
#include "web/pages/bookings_request.h"
#include "web/pages/bookings_words.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

// A cancellation's reason: the person reads it in "Mes réservations"; the service keeps 500 bytes of it.
constexpr std::size_t kReasonMaxCodePoints = 200;

constexpr FieldSpec kJump{.id = "date",
                          .label_key = "bookings.day.jump_label",
                          .hint_key = "bookings.week.jump_hint",
                          .type = "date",
                          .autocomplete = "",
                          .required = false};

// What the page shows besides the day: a cancellation that was refused, with what was typed.
struct DayPage {
  explicit DayPage(Lang lang) : errors(lang) {}
  FormErrors errors;
  std::optional<domain::BookingId> cancel_for;
  std::string typed_reason;
  std::string jump;
};

std::string reason_field_id(domain::BookingId id) { return "motif-" + std::to_string(id); }

std::string day_action(domain::CentreId centre, std::string_view what, domain::BookingId id) {
  return "/accueil/" + std::to_string(centre) + "/" + std::string(what) + "/" + std::to_string(id);
}

json booking_row(const domain::Centre& c, const service::BookingView& v, const DayPage& page, domain::Date today,
                 Lang lang) {
  const domain::Booking& b = v.booking;
  const domain::Timestamp now = booking_now();
  const auto zone = centre_zone(c);
  const std::string which = v.person_name + ", " + slot_in_sentence(b.slot, lang) + ", " + v.post_label;
  json check_in = false, cancel = false;
  if (b.status == domain::BookingStatus::Booked && b.date == today && zone && now < zone->instant(b.date, v.end_minute))
    check_in = {{"action", with_lang(day_action(c.id, "arrivee", b.id), lang)}, {"which", which}};
  if (zone && domain::holds_post(b.status) && domain::may_cancel(c, *zone, b, now, true)) {
    const std::string id = reason_field_id(b.id);
    const std::string error = page.errors.message(id);
    cancel = {{"action", with_lang(day_action(c.id, "annulation", b.id), lang)},
              {"which", which},
              {"field",
               {{"id", id},
                {"name", "motif"},
                {"label", std::string(tr(lang, "bookings.day.reason_label"))},
                {"which", which},
                {"value", page.cancel_for == b.id ? page.typed_reason : std::string()},
                {"error", error.empty() ? json(false) : json(error)},
                {"describedby", described_by(id, false, page.errors)},
                {"numeric", false}}}};
  }
  return {{"name", v.person_name},
          {"post", v.post_label},
          {"status", booking_status_label(b.status, lang)},
          {"status_kind", std::string(domain::to_string(b.status))},
          {"reason", b.cancel_reason.empty() ? json(false) : json(b.cancel_reason)},
          {"check_in", std::move(check_in)},
          {"cancel", std::move(cancel)}};
}

std::string notice_of(const RequestContext& req) {
  const std::string done = req.param("fait").value_or("");
  for (std::string_view known : {"arrivee", "annulation"})
    if (done == known) return std::string(tr(req.lang, "bookings.day.done." + done));
  return {};
}

Response show_day(App& app, const RequestContext& req, const service::Caller& caller, const domain::Centre& c,
                  domain::Date date, const DayPage& page, unsigned status) {
  const Lang lang = req.lang;
  const service::DayView day = app.bookings.day(caller.actor, c.id, date.iso());
  const domain::Date today = centre_today(c);

  json slots = json::array();
  for (const service::SlotAvailability& a : day.slots) {
    json items = json::array();
    for (const service::BookingView& v : day.bookings)
      if (v.booking.slot == a.slot) items.push_back(booking_row(c, v, page, today, lang));
    const std::string slot = slot_label(a.slot, lang);
    slots.push_back({{"id", "demi-journee-" + std::string(domain::to_string(a.slot))},
                     {"label", slot},
                     {"availability", availability_text(a, lang)},
                     {"kind", std::string(availability_kind(a))},
                     {"caption", format_message(lang, "bookings.day.caption",
                                                {{"slot", slot}, {"date", weekday_date(date, lang, true)}})},
                     {"has_items", !items.empty()},
                     {"items", std::move(items)}});
  }

  const std::string refusal = req.param("refus").value_or("");
  const std::string notice = notice_of(req);
  const std::string heading = format_message(lang, "bookings.day.heading", {{"centre", c.name}});
  json data = {
      {"current", json::object()},
      {"csrf", caller.csrf_token},
      {"error_summary", page.errors.summary()},
      {"expired", false},
      {"notice", notice.empty() ? json(false) : json(notice)},
      {"alert", refusal.empty() ? json(false)
                                : json(format_message(lang, "bookings.refused.heading",
                                                      {{"reason", refusal_text(refusal, lang)}}))},
      {"heading", heading},
      {"centre", {{"name", c.name}, {"href", centre_href(c.id, lang)}}},
      {"date", weekday_date(date, lang, true)},
      {"iso", date.iso()},
      {"is_today", date == today},
      {"code", day.checkin_code},
      {"slots", std::move(slots)},
      {"prev_href", with_lang(day_path(c.id, date.plus_days(-1)), lang)},
      {"prev_when", weekday_date(date.plus_days(-1), lang, true)},
      {"next_href", with_lang(day_path(c.id, date.plus_days(1)), lang)},
      {"next_when", weekday_date(date.plus_days(1), lang, true)},
      {"today_href", date == today ? json(false) : json(with_lang(day_path(c.id, today), lang))},
      {"week_href", with_lang(week_path(c.id, date), lang)},
      {"self_href", with_lang(day_path(c.id, date), lang)},
      {"jump_action", "/accueil/" + std::to_string(c.id)},
      {"jump", field_json(lang, kJump, page.jump, page.errors)},
  };
  return render_private_page(
      app, req, &caller, "booking_day", data,
      form_title(lang, heading + " — " + weekday_date(date, lang, true), !page.errors.empty() || !refusal.empty()),
      status);
}

// What the day's page and its forms share: the centre, the caller, and that they keep the centre. Returns the
// response that ends the request early, if any.
struct Keeper {
  std::optional<domain::Centre> centre;
  std::optional<service::Caller> caller;
};
std::optional<Response> admit(App& app, const RequestContext& req, Keeper& k, std::string_view come_back) {
  const auto id = path_id(req, "centre_id");
  k.centre = id ? find_centre(app, *id) : std::nullopt;
  if (!k.centre) return centre_not_found_page(app, req);
  k.caller = identify(app, req);
  if (!k.caller)
    return see_other(sign_in_then(
        come_back.empty() ? day_path(k.centre->id, centre_today(*k.centre)) : std::string(come_back), req.lang));
  if (!keeps_centre(k.caller->actor, k.centre->id))
    return error_page(app, req, 403, tr(Lang::Fr, "bookings.day.forbidden"), tr(Lang::En, "bookings.day.forbidden"));
  return std::nullopt;
}

// For the forms: the token, and the booking of the path, at this centre.
std::optional<Response> receive(App& app, const RequestContext& req, Keeper& k, std::optional<FormData>& form,
                                std::optional<service::BookingView>& v) {
  if (auto early = admit(app, req, k, {})) return early;
  form.emplace(req.body);
  if (form->oversized()) return form_too_large(app, req);
  if (!csrf_ok(*k.caller, req, form->raw("csrf"))) return expired_form_page(app, req);
  const auto id = path_id(req, "booking_id");
  v = id ? app.bookings.get(k.caller->actor, *id) : std::nullopt;
  if (!v || v->booking.centre_id != k.centre->id) return booking_not_found_page(app, req);
  return std::nullopt;
}

Response back_to_day(const RequestContext& req, const Keeper& k, domain::Date date, std::string_view query) {
  return see_other(with_lang(day_path(k.centre->id, date) + "&" + std::string(query), req.lang));
}

}  // namespace

Response get_day(App& app, const RequestContext& req) {
  Keeper k;
  if (auto early = admit(app, req, k, req.target)) return std::move(*early);
  DayPage page(req.lang);
  domain::Date date = centre_today(*k.centre);
  const std::string typed = req.param("date").value_or("");
  if (!typed.empty()) {
    if (const auto d = domain::parse_date(typed)) {
      date = *d;
    } else {
      page.jump = typed;
      page.errors.add("date", tr(Lang::Fr, "bookings.error.day"), tr(Lang::En, "bookings.error.day"));
    }
  }
  try {
    return show_day(app, req, *k.caller, *k.centre, date, page, page.errors.empty() ? 200 : 400);
  } catch (const ServiceError& e) {
    if (e.kind != Kind::Forbidden) throw;
    return error_page(app, req, 403, e.message_fr, e.message_en);
  }
}

Response post_day_check_in(App& app, const RequestContext& req) {
  Keeper k;
  std::optional<FormData> form;
  std::optional<service::BookingView> v;
  if (auto early = receive(app, req, k, form, v)) return std::move(*early);
  const domain::Date date = v->booking.date;
  try {
    app.bookings.check_in(k.caller->actor, v->booking.id, "");
  } catch (const ServiceError& e) {
    switch (e.kind) {
      case Kind::NotFound: return booking_not_found_page(app, req);
      case Kind::Forbidden: return error_page(app, req, 403, e.message_fr, e.message_en);
      case Kind::Unprocessable:
      case Kind::Conflict: {
        const std::string_view code =
            v->booking.status == domain::BookingStatus::Booked ? kRefusedCheckInTime : kRefusedAlreadyClosed;
        return back_to_day(req, k, date, "refus=" + std::string(code));
      }
      default: throw;
    }
  }
  return back_to_day(req, k, date, "fait=arrivee");
}

Response post_day_cancel(App& app, const RequestContext& req) {
  Keeper k;
  std::optional<FormData> form;
  std::optional<service::BookingView> v;
  if (auto early = receive(app, req, k, form, v)) return std::move(*early);
  const domain::Date date = v->booking.date;
  DayPage page(req.lang);
  page.cancel_for = v->booking.id;
  page.typed_reason = form->text("motif");
  const std::string field = reason_field_id(v->booking.id);
  if (page.typed_reason.empty()) {
    page.errors.add(field, tr(Lang::Fr, "bookings.error.reason_missing"),
                    tr(Lang::En, "bookings.error.reason_missing"));
  } else if (domain::count_code_points(page.typed_reason) > kReasonMaxCodePoints) {
    const std::string max = std::to_string(kReasonMaxCodePoints);
    page.errors.add(field, format_message(Lang::Fr, "bookings.error.reason_long", {{"max", max}}),
                    format_message(Lang::En, "bookings.error.reason_long", {{"max", max}}));
  }
  if (!page.errors.empty()) return show_day(app, req, *k.caller, *k.centre, date, page, 400);
  try {
    app.bookings.cancel(k.caller->actor, v->booking.id, utf8_prefix(page.typed_reason, 500));
  } catch (const ServiceError& e) {
    switch (e.kind) {
      case Kind::NotFound: return booking_not_found_page(app, req);
      case Kind::Invalid:
        page.errors.add(field, e.message_fr, e.message_en);
        return show_day(app, req, *k.caller, *k.centre, date, page, 400);
      case Kind::Conflict: return back_to_day(req, k, date, "refus=" + refusal_code(e, kRefusedAlreadyClosed));
      case Kind::Unprocessable: return back_to_day(req, k, date, "refus=" + refusal_code(e, kRefusedStarted));
      default: throw;
    }
  }
  return back_to_day(req, k, date, "fait=annulation");
}

}  // namespace tc::web
