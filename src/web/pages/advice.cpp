// Individual advice appointments, without JavaScript:
//
//   /conseil                         the free slots of the coming weeks, by day and place. A signed-in person books
//                                    one with one button; anyone else follows "Réserver" to the slot's event page,
//                                    whose form asks a name and an e-mail (public slots only are shown to them)
//   /conseil/{id}/reservation        the one-button booking (POST): 303 to the slot's page, which says it is
//                                    confirmed; a slot taken meanwhile sends back to /conseil with a notice
//   /conseil/creneaux                the animator's form to offer a day's slots in one go (animators, admins)
//
// Each slot is an event of type "advice" with one place (service::Events::offer_advice_slots), so confirmation,
// reminder, cancellation link and attendance are those of every event.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "service/errors.h"
#include "service/events.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/admin_pages.h"
#include "web/pages/bookings_request.h"
#include "web/pages/events_pages.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

constexpr std::string_view kAdvicePath = "/conseil";
constexpr std::string_view kOfferPath = "/conseil/creneaux";
constexpr int kDaysShown = 56;  // eight weeks

bool organises(const domain::Actor& a) { return a.is_admin() || a.has(domain::Role::Animator); }

std::string place_of(const service::EventView& v) {
  std::string out = v.centre_name;
  for (const std::string* part : {&v.event.address, &v.commune_name})
    if (!part->empty()) out += (out.empty() ? "" : ", ") + *part;
  return out;
}

// The free slots as the page shows them: days in order, in each the places in the order of their first slot.
json days_json(const std::vector<service::EventView>& slots, Lang lang, bool signed_in) {
  json days = json::array();
  std::string day_key;
  std::map<std::string, std::size_t> place_index;
  for (const auto& v : slots) {
    const auto& e = v.event;
    if (e.date.iso() != day_key) {
      day_key = e.date.iso();
      place_index.clear();
      days.push_back({{"key", day_key}, {"date", format_date(e.date, lang)}, {"places", json::array()}});
    }
    json& places = days.back()["places"];
    const std::string place = place_of(v);
    auto [it, added] = place_index.emplace(place, places.size());
    if (added) places.push_back({{"place", place}, {"slots", json::array()}});
    const std::string time =
        format_message(lang, "advice.slot_time",
                       {{"starts", format_time(e.start_minute, lang)}, {"ends", format_time(e.end_minute, lang)}});
    const std::string default_title(lang == Lang::En ? domain::label_en(e.type) : domain::label_fr(e.type));
    const bool own_title = e.title != domain::label_fr(e.type);
    places[it->second]["slots"].push_back(
        {{"time", time},
         {"title", own_title ? json(e.title) : json(false)},
         {"label", format_message(lang, "advice.book_label",
                                  {{"title", own_title ? e.title : default_title},
                                   {"date", format_date(e.date, lang)},
                                   {"time", time},
                                   {"place", place}})},
         {"href", with_lang("/evenements/" + std::to_string(e.id), lang)},
         {"action", signed_in
                        ? json(with_lang(std::string(kAdvicePath) + "/" + std::to_string(e.id) + "/reservation", lang))
                        : json(false)}});
  }
  return days;
}

Response list_page(App& app, const RequestContext& req) {
  const Lang lang = req.lang;
  const auto caller = identify(app, req);
  const domain::Date today = council_today();
  const auto slots =
      app.events.free_advice_slots(caller ? &caller->actor : nullptr, today, today.plus_days(kDaysShown));
  json days = days_json(slots, lang, caller.has_value());
  const bool taken = req.param("refus").value_or("") == "pris";
  const json data = {
      {"current", {{"events", true}}},
      {"has_days", !days.empty()},
      {"days", std::move(days)},
      {"count", format_count(lang, "advice.count", static_cast<long>(slots.size()))},
      {"signed_in", caller.has_value()},
      {"csrf", caller ? json(caller->csrf_token) : json(false)},
      {"refusal", taken ? json(std::string(tr(lang, "advice.taken"))) : json(false)},
      {"sign_in_href", caller ? json(false) : json(sign_in_then(kAdvicePath, lang))},
      {"offer_href", caller && organises(caller->actor) ? json(with_lang(kOfferPath, lang)) : json(false)},
      {"events_href", with_lang("/evenements", lang)}};
  return render_private_page(app, req, caller ? &*caller : nullptr, "advice", data,
                             std::string(tr(lang, "advice.title")));
}

Response post_booking(App& app, const RequestContext& req) {
  const std::string& id_text = req.path_params.at("id");
  if (id_text.empty() || id_text.size() > 15 ||
      !std::all_of(id_text.begin(), id_text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return error_page(app, req, 404, tr(Lang::Fr, "events.not_found"), tr(Lang::En, "events.not_found"));
  const domain::EventId id = std::stoll(id_text);
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller, kAdvicePath)) return std::move(*early);
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  try {
    app.events.register_for(&caller->actor, id, {}, app.public_url);
    return see_other(with_lang("/evenements/" + std::to_string(id) + "?fait=inscrit", req.lang));
  } catch (const ServiceError& e) {
    if (e.kind == Kind::NotFound) return error_page(app, req, 404, e.message_fr, e.message_en);
    if (e.kind == Kind::Conflict) return see_other(with_lang(std::string(kAdvicePath) + "?refus=pris", req.lang));
    return error_page(app, req, form_status(e.kind), e.message_fr, e.message_en);
  }
}

// ---- offering slots ----

struct OfferForm {
  std::string centre_id, commune, address, date, starts = "09:00", ends = "12:00", minutes = "30", title, description;
  bool open_to_public = true;
};

Response show_offer(App& app, const RequestContext& req, const service::Caller& caller, const OfferForm& f,
                    const FormErrors& errors, unsigned status) {
  const Lang lang = req.lang;
  json notice = false;
  if (req.param("fait").value_or("") == "offert") {
    const std::string n = req.param("nombre").value_or("0");
    const bool digits =
        !n.empty() && n.size() < 4 && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; });
    notice = format_count(lang, "advice.offer.done", digits ? std::stol(n) : 0);
  }
  const json data = {
      {"current", {{"events", true}}},
      {"csrf", caller.csrf_token},
      {"error_summary", errors.summary()},
      {"expired", false},
      {"notice", notice},
      {"action", with_lang(kOfferPath, lang)},
      {"advice_href", with_lang(kAdvicePath, lang)},
      {"max_slots", std::to_string(service::kMaxAdviceSlots)},
      {"place", place_fields_json(app, lang, f.centre_id, f.commune, f.address, errors)},
      {"date_field",
       field_json(lang, field_spec("date", "advice.offer.date", "event_form.date_hint", "date", true), f.date, errors)},
      {"starts_field",
       field_json(lang, field_spec("starts", "advice.offer.starts", "event_form.time_hint", "time", true), f.starts,
                  errors)},
      {"ends_field", field_json(lang, field_spec("ends", "advice.offer.ends", "advice.offer.ends_hint", "time", true),
                                f.ends, errors)},
      {"minutes_field",
       field_json(lang, field_spec("minutes", "advice.offer.minutes", "advice.offer.minutes_hint", "number", true),
                  f.minutes, errors)},
      {"title_field",
       field_json(lang, field_spec("title", "advice.offer.title", "advice.offer.title_hint", "text", false), f.title,
                  errors)},
      {"description_field", textarea_field_json(lang, "description", "advice.offer.description",
                                                "advice.offer.description_hint", f.description, 4, errors)},
      {"public_box",
       {{"id", "public"},
        {"name", "public"},
        {"value", "yes"},
        {"label", std::string(tr(lang, "advice.offer.public"))},
        {"checked", f.open_to_public}}},
  };
  return render_private_page(app, req, &caller, "advice_offer", data,
                             form_title_for_key(lang, "advice.offer.title_page", !errors.empty()), status);
}

Response may_not_page(App& app, const RequestContext& req) {
  return error_page(app, req, 403, tr(Lang::Fr, "advice.offer.forbidden"), tr(Lang::En, "advice.offer.forbidden"));
}

Response get_offer(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  if (!organises(caller->actor)) return may_not_page(app, req);
  OfferForm f;
  f.date = council_today().plus_days(7).iso();
  return show_offer(app, req, *caller, f, FormErrors(req.lang), 200);
}

Response post_offer(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller, kOfferPath)) return std::move(*early);
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  if (!organises(caller->actor)) return may_not_page(app, req);
  OfferForm f;
  f.centre_id = form.text("centre_id");
  f.commune = form.text("commune");
  f.address = form.text("address");
  f.date = form.text("date");
  f.starts = form.text("starts");
  f.ends = form.text("ends");
  f.minutes = form.text("minutes");
  f.title = form.text("title");
  f.description = form.text("description");
  f.open_to_public = form.has("public");

  FormErrors errors(req.lang);
  service::AdviceSlotsRequest r;
  r.centre_id = read_place(f.centre_id, f.commune, errors);
  r.commune_insee = r.centre_id ? "" : f.commune;
  r.address = f.address;
  if (const auto d = parse_form_date(f.date)) {
    r.date = *d;
  } else {
    errors.add("date", "Indiquez le jour sous la forme 10/12/2026 ou 2026-12-10.",
               "Give the day as 2026-12-10 or 10/12/2026.");
  }
  const auto starts = parse_clock_time(f.starts), ends = parse_clock_time(f.ends);
  if (!starts)
    errors.add("starts", "Indiquez l'heure du premier créneau, par exemple 09:00.",
               "Give the first slot's time, e.g. 09:00.");
  if (!ends) errors.add("ends", "Indiquez l'heure de fin, par exemple 12:00.", "Give the end time, e.g. 12:00.");
  r.from_minute = starts.value_or(0);
  r.to_minute = ends.value_or(0);
  const bool digits = !f.minutes.empty() && f.minutes.size() <= 3 &&
                      std::all_of(f.minutes.begin(), f.minutes.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    r.minutes = std::stoi(f.minutes);
  } else {
    errors.add("minutes", "Indiquez la durée d'un créneau en minutes, de 15 à 180.",
               "Give a slot's length in minutes, 15 to 180.");
  }
  r.title = f.title;
  r.description = f.description;
  r.open_to_public = f.open_to_public;
  if (!errors.empty()) return show_offer(app, req, *caller, f, errors, 400);
  try {
    const auto slots = app.events.offer_advice_slots(caller->actor, r);
    return see_other(
        with_lang(std::string(kOfferPath) + "?fait=offert&nombre=" + std::to_string(slots.size()), req.lang));
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    errors.add(form_field_of(e.field, "date"), e.message_fr, e.message_en);
    return show_offer(app, req, *caller, f, errors, form_status(e.kind));
  }
}

}  // namespace

void add_advice_page_routes(Router& r, App& app) {
  r.add({Method::Get, std::string(kAdvicePath), [&app](const RequestContext& req) { return list_page(app, req); },
         Exec::Pool, "The free individual advice slots, by day and place (HTML)"});
  r.add({Method::Post, std::string(kAdvicePath) + "/{id}/reservation",
         [&app](const RequestContext& req) { return post_booking(app, req); }, Exec::Pool,
         "Book an advice slot with one's account (form), 303 to the slot's page"});
  r.add({Method::Get, std::string(kOfferPath), [&app](const RequestContext& req) { return get_offer(app, req); },
         Exec::Pool, "The form to offer a day's advice slots (HTML, animator, admins)"});
  r.add({Method::Post, std::string(kOfferPath), [&app](const RequestContext& req) { return post_offer(app, req); },
         Exec::Pool, "Offer a day's advice slots (form), 303 back with how many"});
}

}  // namespace tc::web
