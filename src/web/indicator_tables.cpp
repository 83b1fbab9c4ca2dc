#include "web/indicator_tables.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "calendar/time_zone.h"
#include "service/errors.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using exports::Cell;
using service::ServiceError;

std::optional<domain::Date> date_of(const RequestContext& req, const char* api_name, const char* page_name) {
  for (const char* name : {api_name, page_name}) {
    const auto text = req.param(name);
    if (!text || text->empty()) continue;
    const auto d = domain::parse_date(*text);
    if (!d)
      throw ServiceError(ServiceError::Kind::Invalid, std::string("« ") + name + " » est une date AAAA-MM-JJ.",
                         std::string(name) + " is a date YYYY-MM-DD.", name);
    return d;
  }
  return std::nullopt;
}

std::string t(Lang lang, std::string_view key) { return std::string(tr(lang, key)); }

double share(double part, double whole) { return whole > 0 ? part / whole : 0; }

}  // namespace

domain::Date indicators_today() {
  static const auto paris = calendar::find_zone("Europe/Paris");
  return paris->local_date(domain::Timestamp{std::time(nullptr)});
}

service::IndicatorQuery indicator_query(const RequestContext& req, domain::Date today) {
  service::IndicatorQuery q;
  q.from = date_of(req, "from", "du").value_or(domain::Date{today.year, 1, 1});
  q.to = date_of(req, "to", "au").value_or(domain::Date{today.year, 12, 31});
  if (const auto centre = req.param("centre"); centre && !centre->empty()) {
    const bool digits =
        centre->size() < 16 && std::all_of(centre->begin(), centre->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits)
      throw ServiceError(ServiceError::Kind::Invalid, "« centre » est un numéro de télécentre.",
                         "\"centre\" is a centre's number.", "centre");
    q.centre = std::stoll(*centre);
  }
  return q;
}

std::string period_words(const service::IndicatorQuery& q, Lang lang) {
  // "du 1er janvier au 31 décembre 2026": the year said once when both ends share it.
  std::string from = format_date(q.from, lang);
  const std::string year = " " + std::to_string(q.from.year);
  if (q.from.year == q.to.year && from.size() > year.size() && from.ends_with(year))
    from.resize(from.size() - year.size());
  return format_message(lang, "eval.period", {{"from", from}, {"to", format_date(q.to, lang)}});
}

const exports::Table* IndicatorTables::find(IndicatorTable kind) const {
  for (std::size_t i = 0; i < kinds.size(); ++i)
    if (kinds[i] == kind) return &tables[i];
  return nullptr;
}

IndicatorTables indicator_tables(const service::IndicatorReport& r, Lang lang) {
  IndicatorTables out;
  const std::string period = period_words(r.query, lang);
  auto add = [&](IndicatorTable kind, std::string_view key, std::vector<std::string> headers) -> exports::Table& {
    out.kinds.push_back(kind);
    out.tables.push_back({t(lang, std::string(key) + ".sheet"),
                          format_message(lang, std::string(key) + ".title", {{"period", period}}),
                          std::move(headers),
                          {},
                          {}});
    return out.tables.back();
  };

  {
    auto& tb = add(IndicatorTable::Status, "eval.status", {t(lang, "eval.col.status"), t(lang, "eval.col.centres")});
    for (const auto& [status, n] : r.centres_by_status)
      tb.rows.push_back({Cell::of(status_label(status, lang)), Cell::integer(n)});
    tb.note = t(lang, "eval.status.note");
  }
  {
    auto& tb = add(IndicatorTable::Applications, "eval.applications",
                   {t(lang, "eval.col.centre"), t(lang, "eval.col.applications"), t(lang, "eval.col.target"),
                    t(lang, "eval.col.of_target")});
    for (const auto& a : r.applications_per_centre)
      tb.rows.push_back({Cell::of(a.name), Cell::integer(a.applications), Cell::integer(service::kApplicationsTarget),
                         Cell::percent(share(a.applications, service::kApplicationsTarget))});
    tb.note = t(lang, "eval.applications.note");
  }
  {
    auto& tb = add(IndicatorTable::Categories, "eval.categories",
                   {t(lang, "eval.col.category"), t(lang, "eval.col.applicants"), t(lang, "eval.col.placed"),
                    t(lang, "eval.col.active")});
    std::map<domain::Category, int> active;
    for (const auto& c : r.active_teleworkers_by_category) active[c.category] = c.people;
    for (const auto& c : r.by_category)
      tb.rows.push_back(
          {Cell::of(std::string(lang == Lang::En ? domain::label_en(c.category) : domain::label_fr(c.category))),
           Cell::integer(c.applicants), Cell::integer(c.active), Cell::integer(active[c.category])});
    tb.note = t(lang, "eval.categories.note");
  }
  {
    auto& tb =
        add(IndicatorTable::Publics, "eval.publics", {t(lang, "eval.col.indicator"), t(lang, "eval.col.people")});
    tb.rows.push_back({Cell::of(t(lang, "eval.publics.job_seekers_applying")), Cell::integer(r.job_seekers_applying)});
    tb.rows.push_back(
        {Cell::of(t(lang, "eval.publics.became_independent")), Cell::integer(r.job_seekers_became_independent)});
    tb.rows.push_back({Cell::of(t(lang, "eval.publics.rqth")), Cell::integer(r.rqth_active)});
    tb.note = t(lang, "eval.publics.note");
  }
  {
    auto& tb = add(IndicatorTable::Occupancy, "eval.occupancy",
                   {t(lang, "eval.col.centre"), t(lang, "eval.col.month"), t(lang, "eval.col.open_half_days"),
                    t(lang, "eval.col.booked_half_days"), t(lang, "eval.col.rate")});
    for (const auto& m : r.occupancy)
      tb.rows.push_back({Cell::of(m.name), Cell::of(m.month), Cell::integer(m.post_half_days),
                         Cell::integer(m.booked_half_days), Cell::percent(m.rate())});
    tb.note = t(lang, "eval.occupancy.note");
  }
  if (r.grant) {
    auto& tb = add(IndicatorTable::Grant, "eval.grant", {t(lang, "eval.col.item"), t(lang, "eval.col.value")});
    tb.rows.push_back({Cell::of(t(lang, "eval.grant.ruleset")), Cell::of(r.grant->ruleset)});
    tb.rows.push_back({Cell::of(t(lang, "eval.grant.earned")), Cell::euros(r.grant->earned_cents)});
    tb.rows.push_back({Cell::of(t(lang, "eval.grant.payable")), Cell::euros(r.grant->payable_cents)});
    tb.rows.push_back({Cell::of(t(lang, "eval.grant.envelope")), Cell::euros(r.grant->envelope_cents)});
    tb.rows.push_back(
        {Cell::of(t(lang, "eval.grant.share")), Cell::percent(share(static_cast<double>(r.grant->earned_cents),
                                                                    static_cast<double>(r.grant->envelope_cents)))});
    tb.rows.push_back({Cell::of(t(lang, "eval.grant.posts")), Cell::integer(r.grant->occupied_posts)});
    tb.note = t(lang, "eval.grant.note");
  }
  {
    auto& tb = add(IndicatorTable::Events, "eval.events", {t(lang, "eval.col.item"), t(lang, "eval.col.value")});
    tb.rows.push_back({Cell::of(t(lang, "eval.events.held")), Cell::integer(r.events.held)});
    tb.rows.push_back({Cell::of(t(lang, "eval.events.registered")), Cell::integer(r.events.registered)});
    tb.rows.push_back({Cell::of(t(lang, "eval.events.attended")), Cell::integer(r.events.attended)});
    tb.rows.push_back({Cell::of(t(lang, "eval.events.attendance_rate")),
                       Cell::percent(share(r.events.attended, r.events.registered))});
  }
  if (r.prospection) {
    auto& tb = add(IndicatorTable::Prospection, "eval.prospection",
                   {t(lang, "eval.col.stage"), t(lang, "eval.col.companies")});
    for (const auto s : domain::kAllStages) {
      const auto it = r.prospection->per_stage.find(s);
      tb.rows.push_back({Cell::of(std::string(lang == Lang::En ? domain::label_en(s) : domain::label_fr(s))),
                         Cell::integer(it == r.prospection->per_stage.end() ? 0 : it->second)});
    }
    tb.rows.push_back({Cell::of(t(lang, "eval.prospection.potential")), Cell::integer(r.prospection->potential_jobs)});
    tb.rows.push_back({Cell::of(t(lang, "eval.prospection.relocated")), Cell::integer(r.prospection->jobs_relocated)});
    tb.rows.push_back({Cell::of(t(lang, "eval.prospection.linked")), Cell::integer(r.prospection->employees_linked)});
    tb.note = t(lang, "eval.prospection.note");
  }
  {
    auto& tb = add(IndicatorTable::Commute, "eval.commute",
                   {t(lang, "eval.col.centre"), t(lang, "eval.col.used_half_days"), t(lang, "eval.col.counted"),
                    t(lang, "eval.col.km"), t(lang, "eval.col.co2_t")});
    int used = 0, counted = 0;
    for (const auto& c : r.commute) {
      tb.rows.push_back({Cell::of(c.name), Cell::integer(c.used_half_days), Cell::integer(c.counted),
                         Cell::decimal(c.km_avoided, 0), Cell::decimal(c.co2_avoided_kg / 1000.0, 2)});
      used += c.used_half_days;
      counted += c.counted;
    }
    tb.rows.push_back({Cell::of(t(lang, "eval.commute.network")), Cell::integer(used), Cell::integer(counted),
                       Cell::decimal(r.km_avoided, 0), Cell::decimal(r.co2_avoided_kg / 1000.0, 2)});
    tb.note = format_message(
        lang, "eval.commute.note",
        {{"factor", format_number(r.co2_kg_per_km, 3, lang)}, {"circuity", format_number(r.circuity, 2, lang)}});
  }
  return out;
}

}  // namespace tc::web
