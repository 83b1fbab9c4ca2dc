// The weekly series: "every Tuesday morning and Thursday from 5 January to 30 June". The form lives on the week
// grid (POST /centres/{id}/reservations/serie); the service books what it can (or nothing, when all-or-nothing
// was asked and one date fails) and says, date by date, booked or why not. Nothing of that is stored for the
// dates that failed, so the result travels in the address the POST redirects to — the pattern, the dates, and
// one letter per occurrence (bookings_words.h) — and GET /centres/{id}/reservations/serie draws it from there,
// recomputing the occurrences with the same domain rule the service used.
#include <algorithm>
#include <charconv>
#include <set>

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

constexpr FieldSpec kFrom{.id = "du",
                          .label_key = "bookings.series.from",
                          .hint_key = "bookings.series.date_hint",
                          .type = "date",
                          .autocomplete = "",
                          .required = true};
constexpr FieldSpec kTo{.id = "au",
                        .label_key = "bookings.series.to",
                        .hint_key = "bookings.series.date_hint",
                        .type = "date",
                        .autocomplete = "",
                        .required = true};

// A letter string longer than any series can be: 366 days, two half-days each.
constexpr std::size_t kMaxResults = std::size_t{2} * domain::kMaxSeriesDays;

void add_error(FormErrors& errors, std::string_view field, std::string_view key) {
  errors.add(field, tr(Lang::Fr, key), tr(Lang::En, key));
}

// "3-morning" → Wednesday morning.
std::optional<domain::WeeklyPattern::Entry> parse_entry(std::string_view text) {
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  int weekday = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + dash, weekday);
  if (ec != std::errc() || end != text.data() + dash || weekday < 1 || weekday > 7) return std::nullopt;
  const auto slot = domain::parse_slot(text.substr(dash + 1));
  if (!slot) return std::nullopt;
  return domain::WeeklyPattern::Entry{weekday, *slot};
}

std::string entry_value(int weekday, domain::Slot s) {
  return std::to_string(weekday) + "-" + std::string(domain::to_string(s));
}

SeriesForm series_form_of(const FormData& form) {
  return {form.all("motif"), form.text("du"), form.text("au"), form.text("tout") == "oui"};
}

// The pattern as the service wants it; problems in `errors`, each beside its field.
std::optional<domain::WeeklyPattern> check_series(const domain::Centre& c, const SeriesForm& f, FormErrors& errors) {
  domain::WeeklyPattern p;
  const std::vector<int> offered = offered_weekdays(c);
  std::set<domain::WeeklyPattern::Entry> entries;
  for (const std::string& typed : f.slots) {
    const auto e = parse_entry(typed);
    if (!e || std::find(offered.begin(), offered.end(), e->weekday) == offered.end()) {
      add_error(errors, "motif", "bookings.error.series_slot");
      break;
    }
    entries.insert(*e);
  }
  if (f.slots.empty()) add_error(errors, "motif", "bookings.error.series_none");
  p.entries.assign(entries.begin(), entries.end());
  const auto from = domain::parse_date(f.from);
  const auto to = domain::parse_date(f.to);
  if (f.from.empty())
    add_error(errors, "du", "bookings.error.series_from_missing");
  else if (!from)
    add_error(errors, "du", "bookings.error.date");
  if (f.to.empty())
    add_error(errors, "au", "bookings.error.series_to_missing");
  else if (!to)
    add_error(errors, "au", "bookings.error.date");
  if (!from || !to) return std::nullopt;
  p.from = *from;
  p.to = *to;
  if (*to < *from) {
    add_error(errors, "au", "bookings.error.series_order");
  } else if (to->days_since_epoch() - from->days_since_epoch() >= domain::kMaxSeriesDays) {
    errors.add("au",
               format_message(Lang::Fr, "bookings.error.series_long", {{"n", std::to_string(domain::kMaxSeriesDays)}}),
               format_message(Lang::En, "bookings.error.series_long", {{"n", std::to_string(domain::kMaxSeriesDays)}}));
  } else if (errors.empty() && domain::occurrences(p).empty()) {
    add_error(errors, "motif", "bookings.error.series_empty");
  }
  if (!errors.empty()) return std::nullopt;
  return p;
}

// The service's field as the form's.
std::string series_field(const std::string& service_field) {
  if (service_field == "from") return "du";
  if (service_field == "to") return "au";
  return "motif";
}

}  // namespace

json series_form_json(Lang lang, const domain::Centre& c, const SeriesForm& f, const FormErrors& errors) {
  json weekdays = json::array();
  bool first = true;
  for (int wd : offered_weekdays(c)) {
    json slots = json::array();
    for (domain::Slot s : {domain::Slot::Morning, domain::Slot::Afternoon}) {
      const std::string value = entry_value(wd, s);
      // The group's first box carries the group's id, so that the error summary can lead to it.
      slots.push_back(
          {{"id", first ? std::string("motif") : "motif-" + value},
           {"value", value},
           {"label", format_message(lang, "bookings.series.slot_label",
                                    {{"day", weekday_name(wd, lang)}, {"slot", slot_in_sentence(s, lang)}})},
           {"checked", std::find(f.slots.begin(), f.slots.end(), value) != f.slots.end()}});
      first = false;
    }
    weekdays.push_back({{"name", weekday_name(wd, lang)}, {"slots", std::move(slots)}});
  }
  const std::string error = errors.message("motif");
  return {{"weekdays", std::move(weekdays)},
          {"error", error.empty() ? json(false) : json(error)},
          {"describedby", described_by("motif", true, errors)},
          {"from", field_json(lang, kFrom, f.from, errors)},
          {"to", field_json(lang, kTo, f.to, errors)},
          {"all_or_nothing", f.all_or_nothing},
          {"action", with_lang("/centres/" + std::to_string(c.id) + "/reservations/serie", lang)}};
}

Response post_series(App& app, const RequestContext& req) {
  const auto id = path_id(req, "id");
  const auto c = id ? find_centre(app, *id) : std::nullopt;
  if (!c) return centre_not_found_page(app, req);
  const auto caller = identify(app, req);
  if (!caller) return see_other(sign_in_then("/centres/" + std::to_string(c->id) + "/reservations", req.lang));
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);

  WeekExtras extras(req.lang);
  extras.series = series_form_of(form);
  const auto pattern = check_series(*c, extras.series, extras.errors);
  const auto from = domain::parse_date(extras.series.from);
  const domain::Date shown = from ? *from : centre_today(*c);
  if (!pattern) return show_week(app, req, caller, *c, shown, extras, 400);

  service::SeriesRequest in;
  in.centre_id = c->id;
  in.from = pattern->from.iso();
  in.to = pattern->to.iso();
  in.all_or_nothing = extras.series.all_or_nothing;
  for (const auto& e : pattern->entries) in.pattern.emplace_back(e.weekday, std::string(domain::to_string(e.slot)));
  service::SeriesResult result;
  try {
    result = app.bookings.book_series(caller->actor, in);
  } catch (const ServiceError& e) {
    switch (e.kind) {
      case Kind::NotFound: return centre_not_found_page(app, req);
      case Kind::Forbidden: return error_page(app, req, 403, e.message_fr, e.message_en);
      case Kind::Invalid:
        extras.errors.add(series_field(e.field), e.message_fr, e.message_en);
        return show_week(app, req, caller, *c, shown, extras, 400);
      case Kind::Conflict:
      case Kind::Unprocessable:
        return see_other(with_lang(week_path(c->id, shown) + "&refus=" + refusal_code(e, kRefusedOther), req.lang));
      default: throw;
    }
  }

  std::string letters;
  for (const auto& o : result.outcomes) letters += refusal_letter(o.result);
  std::string href = "/centres/" + std::to_string(c->id) + "/reservations/serie?du=" + in.from + "&au=" + in.to;
  for (const auto& [weekday, slot] : in.pattern) href += "&motif=" + std::to_string(weekday) + "-" + slot;
  href += std::string("&tout=") + (in.all_or_nothing ? "1" : "0");
  href += std::string("&ok=") + (result.committed ? "1" : "0");
  href += "&res=" + letters;
  return see_other(with_lang(href, req.lang));
}

Response get_series_result(App& app, const RequestContext& req) {
  const Lang lang = req.lang;
  const auto id = path_id(req, "id");
  const auto c = id ? find_centre(app, *id) : std::nullopt;
  if (!c) return centre_not_found_page(app, req);

  // The address as the POST wrote it; anything else (typed, cut, reloaded from an old tab) leads to the grid.
  domain::WeeklyPattern p;
  const auto from = domain::parse_date(req.param("du").value_or(""));
  const auto to = domain::parse_date(req.param("au").value_or(""));
  const std::string letters = req.param("res").value_or("");
  bool valid = from && to && letters.size() <= kMaxResults;
  const auto [first, last] = req.query.equal_range("motif");
  for (auto it = first; valid && it != last; ++it) {
    const auto e = parse_entry(it->second);
    valid = e.has_value();
    if (e) p.entries.push_back(*e);
  }
  std::vector<std::pair<domain::Date, domain::Slot>> dates;
  if (valid) {
    p.from = *from;
    p.to = *to;
    dates = domain::occurrences(p);
  }
  if (!valid || dates.empty() || dates.size() != letters.size())
    return see_other(with_lang(week_path(c->id, from ? *from : centre_today(*c)), lang));

  json rows = json::array();
  long booked = 0;
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const std::string code = refusal_of_letter(letters[i]);
    const bool ok = code == "booked";
    if (ok) ++booked;
    std::string result;
    if (ok) {
      result = tr(lang, "bookings.series.booked");
    } else if (code == "not_booked") {
      result = tr(lang, "bookings.series.rolled_back");
    } else {
      result = format_message(lang, "bookings.series.not_booked", {{"reason", refusal_text(code, lang)}});
    }
    rows.push_back({{"date", weekday_date(dates[i].first, lang, true)},
                    {"iso", dates[i].first.iso()},
                    {"slot", slot_label(dates[i].second, lang)},
                    {"booked", ok},
                    {"result", std::move(result)}});
  }
  const bool committed = req.param("ok").value_or("") == "1";
  const bool all_or_nothing = req.param("tout").value_or("") == "1";
  const long total = static_cast<long>(dates.size());
  json notice = false, alert = false;
  if (committed) {
    notice = format_count(lang, "bookings.series.done", booked, {{"total", std::to_string(total)}});
  } else {
    alert = std::string(tr(lang, all_or_nothing ? "bookings.series.refused_all" : "bookings.series.refused_none"));
  }
  const std::string heading = format_message(lang, "bookings.series.result_heading", {{"centre", c->name}});
  json data = {
      {"current", json::object()},
      {"heading", heading},
      {"centre", {{"name", c->name}, {"href", centre_href(c->id, lang)}}},
      {"week_href", with_lang(week_path(c->id, *from), lang)},
      {"mine_href", with_lang(std::string(kMinePath), lang)},
      {"notice", std::move(notice)},
      {"alert", std::move(alert)},
      {"caption", format_message(lang, "bookings.series.caption",
                                 {{"from", weekday_date(*from, lang, true)}, {"to", weekday_date(*to, lang, true)}})},
      {"rows", std::move(rows)},
  };
  const std::string title = form_title(lang, heading, !committed);
  if (const auto caller = identify(app, req))
    return render_private_page(app, req, &*caller, "booking_series", data, title);
  return render_page(app, req, "booking_series", data, title);
}

}  // namespace tc::web
