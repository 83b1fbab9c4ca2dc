// The network's evaluation, for the council, the animator and each centre's hosts (service::Indicators decides
// who sees what: hosts their centres, the grant for admins, the prospection for admins and the animator):
//
//   /admin/evaluation            any period and one centre or the network (GET form): context figures, then each
//                                indicator as a section with its chart drawn on the server (applications per
//                                centre against the target, occupancy by month, the prospection funnel, the
//                                commute saved) and its data table; links to the same figures as CSV and workbook
//   /admin/evaluation/rapport    the yearly report (?annee=2026): the same sections for one calendar year, laid
//                                out for paper (print stylesheet), with the council's heading
//
// The tables come from indicator_tables(), the exports' source too, so that the page and the files agree.
#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "service/errors.h"
#include "service/indicators.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/indicator_tables.h"
#include "web/pages/admin_pages.h"
#include "web/pages/bookings_request.h"
#include "web/pages/page_context.h"
#include "web/svg_chart.h"

namespace tc::web {

namespace {

using exports::Cell;
using nlohmann::json;
using service::ServiceError;

constexpr std::string_view kPath = "/admin/evaluation";

std::string cell_text(const Cell& c, Lang lang) {
  switch (c.kind) {
    case Cell::Kind::Text: return c.text;
    case Cell::Kind::Integer: return format_number(c.number, 0, lang);
    case Cell::Kind::Decimal: return format_number(c.number, c.places, lang);
    case Cell::Kind::Percent: return format_number(c.number * 100.0, 1, lang) + (lang == Lang::En ? "%" : "\u00a0%");
    case Cell::Kind::Euros: return domain::format_euros(static_cast<domain::Cents>(c.number));
  }
  return {};
}

json table_json(const exports::Table& t, Lang lang) {
  json rows = json::array();
  for (const auto& r : t.rows) {
    json cells = json::array();
    for (std::size_t i = 0; i < r.size(); ++i)
      cells.push_back({{"text", cell_text(r[i], lang)}, {"head", i == 0}, {"num", r[i].kind != Cell::Kind::Text}});
    rows.push_back({{"cells", std::move(cells)}});
  }
  return {{"caption", t.title},
          {"headers", t.headers},
          {"rows", std::move(rows)},
          {"note", t.note.empty() ? json(false) : json(t.note)}};
}

std::string percent_text(double share, Lang lang) {
  return format_number(share * 100.0, 1, lang) + (lang == Lang::En ? "%" : "\u00a0%");
}

std::string month_words(const std::string& month, Lang lang) {
  const auto d = domain::parse_date(month + "-01");
  if (!d) return month;
  static constexpr const char* kFr[] = {"janv.", "févr.", "mars",  "avr.", "mai",  "juin",
                                        "juil.", "août",  "sept.", "oct.", "nov.", "déc."};
  static constexpr const char* kEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return std::string((lang == Lang::En ? kEn : kFr)[d->month - 1]) + " " + std::to_string(d->year);
}

// "Murat" for "Télécentre de Murat": the chart's labels have little room, and every bar is a telecentre.
std::string short_name(const std::string& name) {
  for (const std::string_view prefix :
       {"Télécentre de la ", "Télécentre de ", "Télécentre du ", "Télécentre d'", "Télécentre des "})
    if (name.size() > prefix.size() && name.starts_with(prefix)) return name.substr(prefix.size());
  return name;
}

std::string applications_chart(const service::IndicatorReport& r, Lang lang) {
  BarChart c;
  c.id = "chart-applications";
  c.title = std::string(tr(lang, "eval.chart.applications.title"));
  c.description =
      format_message(lang, "eval.chart.applications.desc", {{"target", std::to_string(service::kApplicationsTarget)}});
  c.value_axis = std::string(tr(lang, "eval.col.applications"));
  for (const auto& a : r.applications_per_centre)
    c.bars.push_back({short_name(a.name), static_cast<double>(a.applications), format_number(a.applications, 0, lang)});
  c.target = service::kApplicationsTarget;
  c.target_label = format_message(lang, "eval.chart.target", {{"n", std::to_string(service::kApplicationsTarget)}});
  return render_bar_chart(c);
}

// The network's (or the one centre's) rate per month: held post-half-days over open ones, all centres summed.
std::string occupancy_chart(const service::IndicatorReport& r, Lang lang) {
  std::map<std::string, std::pair<long, long>> months;  // month → (booked, open)
  for (const auto& m : r.occupancy) {
    months[m.month].first += m.booked_half_days;
    months[m.month].second += m.post_half_days;
  }
  BarChart c;
  c.id = "chart-occupancy";
  c.title = std::string(tr(lang, "eval.chart.occupancy.title"));
  c.description = std::string(tr(lang, "eval.chart.occupancy.desc"));
  c.value_axis = std::string(tr(lang, "eval.col.rate"));
  for (const auto& [month, held] : months) {
    const double share = held.second > 0 ? static_cast<double>(held.first) / static_cast<double>(held.second) : 0;
    c.bars.push_back({month_words(month, lang), share * 100.0, percent_text(share, lang)});
  }
  c.value_ticks = [lang](double v) { return format_number(v, 0, lang) + (lang == Lang::En ? "%" : "\u00a0%"); };
  return render_bar_chart(c);
}

std::string funnel_chart(const service::IndicatorReport& r, Lang lang) {
  BarChart c;
  c.id = "chart-funnel";
  c.title = std::string(tr(lang, "eval.chart.funnel.title"));
  c.description = std::string(tr(lang, "eval.chart.funnel.desc"));
  c.value_axis = std::string(tr(lang, "eval.col.companies"));
  // A funnel counts the companies that reached each stage: those there now and those further on (lost ones
  // left the funnel and are shown apart in the table).
  int reached = 0;
  std::vector<Bar> bars;
  for (auto it = domain::kAllStages.rbegin(); it != domain::kAllStages.rend(); ++it) {
    if (*it == domain::Stage::Lost) continue;
    const auto found = r.prospection->per_stage.find(*it);
    reached += found == r.prospection->per_stage.end() ? 0 : found->second;
    bars.insert(bars.begin(), {std::string(lang == Lang::En ? domain::label_en(*it) : domain::label_fr(*it)),
                               static_cast<double>(reached), format_number(reached, 0, lang)});
  }
  c.bars = std::move(bars);
  return render_bar_chart(c);
}

std::string commute_chart(const service::IndicatorReport& r, Lang lang) {
  BarChart c;
  c.id = "chart-commute";
  c.title = std::string(tr(lang, "eval.chart.commute.title"));
  c.description = std::string(tr(lang, "eval.chart.commute.desc"));
  c.value_axis = std::string(tr(lang, "eval.col.km"));
  for (const auto& k : r.commute)
    c.bars.push_back({short_name(k.name), k.km_avoided, format_distance(k.km_avoided, lang)});
  return render_bar_chart(c);
}

json occupancy_pivot_json(const service::IndicatorReport& r, const exports::Table& t, Lang lang) {
  std::vector<std::string> months;
  std::vector<std::pair<domain::CentreId, std::string>> centres;
  std::map<std::pair<domain::CentreId, std::string>, double> rate;
  for (const auto& m : r.occupancy) {
    if (std::find(months.begin(), months.end(), m.month) == months.end()) months.push_back(m.month);
    if (std::none_of(centres.begin(), centres.end(), [&](const auto& c) { return c.first == m.centre_id; }))
      centres.emplace_back(m.centre_id, m.name);
    rate[{m.centre_id, m.month}] = m.rate();
  }
  std::sort(months.begin(), months.end());
  json headers = json::array({std::string(tr(lang, "eval.col.centre"))});
  for (const auto& m : months) headers.push_back(month_words(m, lang));
  json rows = json::array();
  for (const auto& [id, name] : centres) {
    json cells = json::array({{{"text", name}, {"head", true}, {"num", false}}});
    for (const auto& m : months) {
      const auto it = rate.find({id, m});
      cells.push_back({{"text", it == rate.end() ? std::string("—") : percent_text(it->second, lang)},
                       {"head", false},
                       {"num", true}});
    }
    rows.push_back({{"cells", std::move(cells)}});
  }
  return {{"caption", t.title},
          {"headers", std::move(headers)},
          {"rows", std::move(rows)},
          {"note", t.note.empty() ? json(false) : json(t.note)}};
}

json sections_json(const service::IndicatorReport& r, Lang lang) {
  const IndicatorTables tables = indicator_tables(r, lang);
  json out = json::array();
  for (std::size_t i = 0; i < tables.tables.size(); ++i) {
    std::string chart;
    switch (tables.kinds[i]) {
      case IndicatorTable::Applications: chart = applications_chart(r, lang); break;
      case IndicatorTable::Occupancy: chart = occupancy_chart(r, lang); break;
      case IndicatorTable::Prospection: chart = funnel_chart(r, lang); break;
      case IndicatorTable::Commute: chart = commute_chart(r, lang); break;
      default: break;
    }
    const auto& t = tables.tables[i];
    const std::string id = "indicator-" + std::to_string(i + 1);
    // On screen, occupancy reads best as one line per centre and one column per month; the files keep one row
    // per centre and month, which spreadsheets filter and pivot.
    json table = tables.kinds[i] == IndicatorTable::Occupancy ? occupancy_pivot_json(r, t, lang) : table_json(t, lang);
    table["id"] = id;
    out.push_back({{"id", id},
                   {"heading", t.sheet},
                   {"chart", chart.empty() ? json(false) : json(chart)},
                   {"table", std::move(table)}});
  }
  return out;
}

// The headline figures above the sections.
json headline_json(const service::IndicatorReport& r, Lang lang) {
  int applications = 0;
  for (const auto& a : r.applications_per_centre) applications += a.applications;
  long booked = 0, open = 0;
  for (const auto& m : r.occupancy) {
    booked += m.booked_half_days;
    open += m.post_half_days;
  }
  json out = json::array();
  out.push_back({{"label", tr(lang, "eval.head.applications")}, {"value", format_number(applications, 0, lang)}});
  out.push_back(
      {{"label", tr(lang, "eval.head.occupancy")},
       {"value", percent_text(open > 0 ? static_cast<double>(booked) / static_cast<double>(open) : 0, lang)}});
  out.push_back({{"label", tr(lang, "eval.head.km")}, {"value", format_distance(r.km_avoided, lang)}});
  out.push_back({{"label", tr(lang, "eval.head.co2")},
                 {"value", format_number(r.co2_avoided_kg / 1000.0, 2, lang) + (lang == Lang::En ? " t" : "\u00a0t")}});
  if (r.prospection)
    out.push_back(
        {{"label", tr(lang, "eval.head.relocated")}, {"value", format_number(r.prospection->jobs_relocated, 0, lang)}});
  return out;
}

std::string export_query(const service::IndicatorQuery& q, Lang lang) {
  std::string s = "?from=" + q.from.iso() + "&to=" + q.to.iso();
  if (q.centre) s += "&centre=" + std::to_string(*q.centre);
  if (lang == Lang::En) s += "&lang=en";
  return s;
}

json centre_options(App& app, const service::Caller& caller, const std::optional<domain::CentreId>& chosen, Lang lang) {
  const bool planner = caller.actor.is_admin() || caller.actor.has(domain::Role::Animator);
  json options = json::array();
  if (planner) options.push_back(option_json("", std::string(tr(lang, "eval.form.network")), !chosen));
  for (const auto& c : app.directory.snapshot()->centres)
    if (planner || caller.actor.hosts(c.id))
      options.push_back(option_json(std::to_string(c.id), c.name, chosen && *chosen == c.id));
  if (!planner && !chosen)
    options.insert(options.begin(), option_json("", std::string(tr(lang, "eval.form.mine")), true));
  return options;
}

struct ContextForm {
  std::string percent, year, source;
};

// The seed's 2005 figures, today's as the council stated it, and for admins the form that states it.
json context_json(App& app, const service::Caller& caller, Lang lang, bool with_form, const ContextForm& form,
                  const FormErrors& errors) {
  const auto today = app.indicators.context();
  json out = {{"then", tr(lang, "eval.context.then")}, {"source", tr(lang, "eval.context.source")}};
  out["today"] = today.percent ? json(format_message(lang, "eval.context.today",
                                                     {{"year", std::to_string(today.year)},
                                                      {"percent", format_number(*today.percent, 1, lang)},
                                                      {"source", today.source}}))
                               : json(false);
  json edit = false;
  if (with_form && caller.actor.is_admin()) {
    const bool keep = !errors.empty();
    edit = {{"action", with_lang(std::string(kPath) + "/contexte", lang)},
            {"csrf", caller.csrf_token},
            {"percent", field_json(lang,
                                   FieldSpec{.id = "percent",
                                             .label_key = "eval.context.form.percent",
                                             .hint_key = "eval.context.form.percent_hint",
                                             .type = "text",
                                             .autocomplete = ""},
                                   keep            ? form.percent
                                   : today.percent ? format_number(*today.percent, 1, lang)
                                                   : "",
                                   errors)},
            {"year", field_json(lang,
                                FieldSpec{.id = "year",
                                          .label_key = "eval.context.form.year",
                                          .hint_key = "",
                                          .type = "number",
                                          .autocomplete = ""},
                                keep         ? form.year
                                : today.year ? std::to_string(today.year)
                                             : "",
                                errors)},
            {"source", field_json(lang,
                                  FieldSpec{.id = "source",
                                            .label_key = "eval.context.form.source",
                                            .hint_key = "eval.context.form.source_hint",
                                            .type = "text",
                                            .autocomplete = ""},
                                  keep ? form.source : today.source, errors)}};
  }
  out["edit"] = edit;
  return out;
}

Response evaluation_page(App& app, const RequestContext& req, const ContextForm& context_form = {},
                         const FormErrors* posted_errors = nullptr) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  const Lang lang = req.lang;
  const FormErrors context_errors = posted_errors ? *posted_errors : FormErrors(lang);
  const domain::Date today = indicators_today();
  FormErrors errors(lang);
  service::IndicatorQuery q{domain::Date{today.year, 1, 1}, domain::Date{today.year, 12, 31}, std::nullopt};
  try {
    q = indicator_query(req, today);
  } catch (const ServiceError& e) {
    errors.add(e.field == "au" || e.field == "du" || e.field == "centre" ? e.field : std::string("du"), e.message_fr,
               e.message_en);
  }
  std::optional<service::IndicatorReport> report;
  if (errors.empty()) {
    try {
      report = app.indicators.compute(caller->actor, q);
    } catch (const ServiceError& e) {
      if (auto page = refusal_page(app, req, e)) return std::move(*page);
      errors.add(e.field == "to" ? "au" : e.field == "centre" ? "centre" : "du", e.message_fr, e.message_en);
    }
  }
  const json form = {
      {"action", std::string(kPath)},
      {"is_en", lang == Lang::En},
      {"from",
       field_json(
           lang,
           FieldSpec{.id = "du", .label_key = "eval.form.from", .hint_key = "", .type = "date", .autocomplete = ""},
           req.param("du").value_or(q.from.iso()), errors)},
      {"to",
       field_json(
           lang, FieldSpec{.id = "au", .label_key = "eval.form.to", .hint_key = "", .type = "date", .autocomplete = ""},
           req.param("au").value_or(q.to.iso()), errors)},
      {"centre", select_field_json(lang, "centre", "eval.form.centre", "", centre_options(app, *caller, q.centre, lang),
                                   false, errors)}};
  json data = {{"current", {{"evaluation", true}}},
               {"report_page", false},
               {"error_summary", errors.summary()},
               {"form", form},
               {"context", context_json(app, *caller, lang, true, context_form, context_errors)},
               {"has_report", report.has_value()}};
  if (report) {
    data["period"] = period_words(q, lang);
    data["headline"] = headline_json(*report, lang);
    data["sections"] = sections_json(*report, lang);
    data["csv_href"] = "/api/v1/indicators.csv" + export_query(q, lang);
    data["xlsx_href"] = "/api/v1/indicators.xlsx" + export_query(q, lang);
    data["json_href"] = "/api/v1/indicators" + export_query(q, Lang::Fr);
    data["report_href"] = with_lang(std::string(kPath) + "/rapport?annee=" + std::to_string(q.from.year), lang);
  }
  data["notice"] = done_notice(req, "eval.done", {"contexte"});
  if (!context_errors.empty()) data["error_summary"] = context_errors.summary();
  const bool refused = !errors.empty() || !context_errors.empty();
  return render_private_page(app, req, &*caller, "evaluation", data, form_title_for_key(lang, "eval.title", refused),
                             refused ? 400 : 200);
}

Response post_context(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller, kPath)) return std::move(*early);
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  const ContextForm f{form.text("percent"), form.text("year"), form.text("source")};
  FormErrors errors(req.lang);
  if (!caller->actor.is_admin()) return admins_only_page(app, req);
  service::TeleworkContext c;
  c.source = f.source;
  try {
    std::string decimal = f.percent;
    std::replace(decimal.begin(), decimal.end(), ',', '.');
    std::size_t used = 0;
    c.percent = std::stod(decimal, &used);
    if (used != decimal.size()) c.percent.reset();
  } catch (const std::exception&) {
    c.percent.reset();
  }
  if (!c.percent) c.percent = -1;  // refused below with the service's words
  try {
    std::size_t used = 0;
    c.year = std::stoi(f.year, &used);
    if (used != f.year.size()) c.year = 0;
  } catch (const std::exception&) {
    c.year = 0;
  }
  try {
    app.indicators.set_context(caller->actor, c);
    return see_other(with_lang(std::string(kPath) + "?fait=contexte#evaluation-context", req.lang));
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    errors.add(e.field.empty() ? "percent" : e.field, e.message_fr, e.message_en);
    return evaluation_page(app, req, f, &errors);
  }
}

Response report_page(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  const Lang lang = req.lang;
  int year = indicators_today().year;
  if (const auto text = req.param("annee"); text && !text->empty()) {
    const bool ok =
        text->size() == 4 && std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!ok)
      return error_page(app, req, 400, tr(Lang::Fr, "eval.report.bad_year"), tr(Lang::En, "eval.report.bad_year"));
    year = std::stoi(*text);
  }
  const service::IndicatorQuery q{domain::Date{year, 1, 1}, domain::Date{year, 12, 31}, std::nullopt};
  try {
    const auto report = app.indicators.compute(caller->actor, q);
    const json data = {
        {"current", {{"evaluation", true}}},
        {"report_page", true},
        {"heading", format_message(lang, "eval.report.heading", {{"year", std::to_string(year)}})},
        {"period", period_words(q, lang)},
        {"context", context_json(app, *caller, lang, false, {}, FormErrors(lang))},
        {"has_report", true},
        {"headline", headline_json(report, lang)},
        {"sections", sections_json(report, lang)},
        {"previous_href", with_lang(std::string(kPath) + "/rapport?annee=" + std::to_string(year - 1), lang)},
        {"next_href", with_lang(std::string(kPath) + "/rapport?annee=" + std::to_string(year + 1), lang)},
        {"previous", std::to_string(year - 1)},
        {"next", std::to_string(year + 1)},
        {"back_href", with_lang(std::string(kPath), lang)},
        {"csv_href", "/api/v1/indicators.csv" + export_query(q, lang)},
        {"xlsx_href", "/api/v1/indicators.xlsx" + export_query(q, lang)},
        {"made_on", format_message(lang, "eval.report.made_on", {{"date", format_date(indicators_today(), lang)}})}};
    return render_private_page(app, req, &*caller, "evaluation", data,
                               format_message(lang, "eval.report.heading", {{"year", std::to_string(year)}}));
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    return error_page(app, req, form_status(e.kind), e.message_fr, e.message_en);
  }
}

}  // namespace

void add_evaluation_page_routes(Router& r, App& app) {
  r.add({Method::Get, std::string(kPath), [&app](const RequestContext& req) { return evaluation_page(app, req); },
         Exec::Pool, "The network's indicators over a period, with charts and tables (HTML)"});
  r.add({Method::Post, std::string(kPath) + "/contexte",
         [&app](const RequestContext& req) { return post_context(app, req); }, Exec::Pool,
         "State today's teleworking figure beside the 2005 one (form, admins), 303 back"});
  r.add({Method::Get, std::string(kPath) + "/rapport",
         [&app](const RequestContext& req) { return report_page(app, req); }, Exec::Pool,
         "The yearly evaluation report, printable (HTML)"});
}

}  // namespace tc::web
