// The FNADT grant for the council's admins:
//
//   /admin/subvention?bareme=DIACT-2006&du=YYYY-MM-DD&au=YYYY-MM-DD   the statement (état récapitulatif) of a
//       ruleset over a reference period (the current calendar year by default): a line per eligible centre, the
//       network's total against the programme's envelope, what a shortfall leaves unpaid, the forecast of the
//       planned centres, and centre by centre which rule made each post count. It prints as the document sent to
//       the State: the print stylesheet drops the menu and the forms, and a sign-off block ends it.
//   /admin/subvention/baremes   the rulesets, and a form to add one (a later call is a new row, not new code).
//
// The same figures come as JSON, XLSX and CSV from /api/v1/grant (api/grant.cpp), with the same parameters under
// the API's names (ruleset, from, to). Every amount is written by domain::format_euros ("12 000,00 €").
//
// This file also holds what the equipment and agreement pages share (admin_pages.h) and registers their routes.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar/time_zone.h"
#include "domain/money.h"
#include "domain/timestamp.h"
#include "service/errors.h"
#include "service/network.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/admin_pages.h"
#include "web/pages/bookings_request.h"
#include "web/pages/page_context.h"

namespace tc::web {

using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

// ---- what the admin pages share ----

std::optional<Response> signed_in(App& app, const RequestContext& req, std::optional<service::Caller>& caller,
                                  std::string_view come_back) {
  caller = identify(app, req);
  if (caller) return std::nullopt;
  return see_other(sign_in_then(come_back.empty() ? std::string_view(req.target) : come_back, req.lang));
}

std::optional<Response> refusal_page(App& app, const RequestContext& req, const ServiceError& e) {
  switch (e.kind) {
    case Kind::NotFound: return error_page(app, req, 404, e.message_fr, e.message_en);
    case Kind::Forbidden: return error_page(app, req, 403, e.message_fr, e.message_en);
    default: return std::nullopt;
  }
}

Response admins_only_page(App& app, const RequestContext& req) {
  return error_page(app, req, 403, tr(Lang::Fr, "admin_pages.admins_only"), tr(Lang::En, "admin_pages.admins_only"));
}

unsigned form_status(Kind kind) {
  switch (kind) {
    case Kind::Conflict: return 409;
    case Kind::Unprocessable: return 422;
    default: return 400;
  }
}

domain::Date council_today() {
  const domain::Timestamp now = booking_now();
  const auto zone = calendar::find_zone("Europe/Paris");
  return zone ? zone->local_date(now) : now.utc_date();
}

std::string date_words(const std::optional<domain::Date>& d, Lang lang, std::string_view none_key) {
  return d ? format_date(*d, lang) : std::string(tr(lang, none_key));
}

json option_json(std::string value, std::string label, bool selected) {
  return {{"value", std::move(value)}, {"label", std::move(label)}, {"selected", selected}};
}

json select_field_json(Lang lang, std::string_view id, std::string_view label_key, std::string_view hint_key,
                       json options, bool required, const FormErrors& errors) {
  const std::string error = errors.message(id);
  return {{"id", std::string(id)},
          {"label", std::string(tr(lang, label_key))},
          {"hint", hint_key.empty() ? json(false) : json(std::string(tr(lang, hint_key)))},
          {"options", std::move(options)},
          {"error", error.empty() ? json(false) : json(error)},
          {"describedby", described_by(id, !hint_key.empty(), errors)},
          {"required", required}};
}

json textarea_field_json(Lang lang, std::string_view id, std::string_view label_key, std::string_view hint_key,
                         std::string value, int rows, const FormErrors& errors) {
  const std::string error = errors.message(id);
  return {{"id", std::string(id)},
          {"name", std::string(id)},
          {"label", std::string(tr(lang, label_key))},
          {"hint", hint_key.empty() ? json(false) : json(std::string(tr(lang, hint_key)))},
          {"value", std::move(value)},
          {"error", error.empty() ? json(false) : json(error)},
          {"describedby", described_by(id, !hint_key.empty(), errors)},
          {"required", false},
          {"rows", rows}};
}

json done_notice(const RequestContext& req, std::string_view key_prefix,
                 std::initializer_list<std::string_view> known) {
  const std::string done = req.param("fait").value_or("");
  for (std::string_view code : known)
    if (done == code) return std::string(tr(req.lang, std::string(key_prefix) + "." + done));
  return false;
}

namespace {

constexpr std::string_view kGrantPath = "/admin/subvention";
constexpr std::string_view kRulesetsPath = "/admin/subvention/baremes";
constexpr std::string_view kDefaultRuleset = "DIACT-2006";
constexpr std::size_t kRulesetDescriptionMax = 500;

std::string euros(domain::Cents c) { return domain::format_euros(c); }

std::string yes_no(bool b, Lang lang) { return std::string(tr(lang, b ? "grant.yes" : "grant.no")); }

// "Depuis le 1er janvier 2006, sans terme" / "Du 1er janvier 2006 au 31 décembre 2010".
std::string validity_text(const domain::GrantRuleset& r, Lang lang) {
  if (!r.valid_to) return format_message(lang, "grant.validity.open", {{"from", format_date(r.valid_from, lang)}});
  return format_message(lang, "grant.validity.range",
                        {{"from", format_date(r.valid_from, lang)}, {"to", format_date(*r.valid_to, lang)}});
}

std::string occupancy_rule_text(const domain::OccupancyRule& o, Lang lang) {
  const std::string share = std::to_string(o.booked_share_percent);
  if (o.agreements_count && o.booked_share_percent > 0)
    return format_message(lang, "grant.rule.both", {{"share", share}});
  if (o.agreements_count) return std::string(tr(lang, "grant.rule.agreements"));
  if (o.booked_share_percent > 0) return format_message(lang, "grant.rule.bookings", {{"share", share}});
  return std::string(tr(lang, "grant.rule.none"));
}

std::string mbps_text(double mbps, Lang lang) {
  const bool whole = std::floor(mbps) == mbps;
  return format_number(mbps, whole ? 0 : 1, lang) + " Mbit/s";
}

// "12 mars 2026 à 14 h 05 (UTC)"; the text itself when it is not a timestamp of ours.
std::string generated_text(const std::string& iso, Lang lang) {
  const auto t = domain::parse_timestamp(iso);
  if (!t) return iso;
  const auto minute_of_day = static_cast<int>(((t->unix_seconds % 86400) + 86400) % 86400 / 60);
  return format_message(lang, "grant.generated_when",
                        {{"date", format_date(t->utc_date(), lang)}, {"time", format_time(minute_of_day, lang)}});
}

// The booked share of a post's open half-days, rounded down to a tenth so that a share below the threshold never
// reads as equal to it: "30", "24,7".
std::string share_text(int booked, int open, Lang lang) {
  if (open <= 0) return "0";
  const double tenths = std::floor(1000.0 * booked / open) / 10.0;
  const bool whole = std::floor(tenths) == tenths;
  return format_number(tenths, whole ? 0 : 1, lang);
}

std::vector<domain::GrantRuleset> rulesets_of(App& app, const service::Caller& caller) {
  return app.admin.rulesets(caller.actor);
}

// ================================================================================================================
// The statement
// ================================================================================================================

struct StatementForm {
  std::string ruleset;
  std::string from;
  std::string to;
};

// The ruleset offered by default for a period starting on `from`: the network's (as the API's default), when it
// applies that day; else, among those valid that day, the latest to come into force; else DIACT-2006; else the
// first.
std::string default_ruleset(const std::vector<domain::GrantRuleset>& all, const std::string& network,
                            domain::Date from) {
  for (const auto& r : all)
    if (r.name == network && r.valid_on(from)) return r.name;
  const domain::GrantRuleset* best = nullptr;
  for (const auto& r : all)
    if (r.valid_on(from) && (!best || best->valid_from <= r.valid_from)) best = &r;
  if (best) return best->name;
  for (const auto& r : all)
    if (r.name == kDefaultRuleset) return r.name;
  return all.empty() ? std::string(kDefaultRuleset) : all.front().name;
}

std::string statement_query(const StatementForm& f) {
  return "ruleset=" + percent_encode(f.ruleset) + "&from=" + percent_encode(f.from) + "&to=" + percent_encode(f.to);
}

std::string page_query(const StatementForm& f) {
  return "bareme=" + percent_encode(f.ruleset) + "&du=" + percent_encode(f.from) + "&au=" + percent_encode(f.to);
}

// The form's field for a service error's parameter.
std::string statement_field(const std::string& service_field) {
  if (service_field == "from") return "du";
  if (service_field == "to") return "au";
  if (service_field == "ruleset") return "bareme";
  return "du";
}

json line_json(const domain::GrantLine& l, Lang lang) {
  return {{"name", l.name},
          {"commune", l.commune},
          {"zrr", yes_no(l.zrr, lang)},
          {"base", euros(l.base_cents)},
          {"posts", l.occupied_posts},
          {"per_post", euros(l.per_post_cents)},
          {"total", euros(l.total_cents)},
          {"details_href", "#postes-" + std::to_string(l.centre_id)}};
}

// Why a post counted, or did not, in words: "Convention n° 3 avec Camille Rouquier", "Réservé 12 demi-journées
// sur 40 (30 %) ≥ 25 %", "Non occupé".
std::string rule_text(const domain::PostOccupancy& p, const domain::OccupancyRule& rule,
                      const std::map<domain::AgreementId, std::string>& names, Lang lang) {
  const std::string open = std::to_string(p.open_half_days);
  const std::string share = share_text(p.booked_half_days, p.open_half_days, lang);
  const std::string threshold = std::to_string(rule.booked_share_percent);
  switch (p.by) {
    case domain::OccupiedBy::Agreement: {
      const std::string id = p.agreement_id ? std::to_string(*p.agreement_id) : std::string("?");
      const auto name = p.agreement_id ? names.find(*p.agreement_id) : names.end();
      if (name == names.end() || name->second.empty())
        return format_message(lang, "grant.by.agreement_anonymous", {{"id", id}});
      return format_message(lang, "grant.by.agreement", {{"id", id}, {"name", name->second}});
    }
    case domain::OccupiedBy::Bookings:
      return format_count(lang, "grant.by.bookings", p.booked_half_days,
                          {{"open", open}, {"share", share}, {"threshold", threshold}});
    case domain::OccupiedBy::None: break;
  }
  if (p.open_half_days <= 0) return std::string(tr(lang, "grant.by.none_closed"));
  if (rule.booked_share_percent <= 0) return std::string(tr(lang, "grant.by.none"));
  return format_count(lang, "grant.by.none_below", p.booked_half_days,
                      {{"open", open}, {"share", share}, {"threshold", threshold}});
}

// The teleworkers' names of the agreements the statement relies on, centre by centre (one read per centre that
// has one).
std::map<domain::AgreementId, std::string> agreement_names(App& app, const service::Caller& caller,
                                                           const service::GrantReport& report) {
  std::map<domain::AgreementId, std::string> out;
  for (const domain::CentreOccupancy& c : report.occupancy) {
    const bool any = std::any_of(c.posts.begin(), c.posts.end(), [](const auto& p) { return p.agreement_id; });
    if (!any) continue;
    try {
      for (const service::AgreementView& v : app.admin.agreements_of(caller.actor, c.centre_id))
        out[v.agreement.id] = v.person_name;
    } catch (const ServiceError&) {
      // The names are a courtesy: the agreement's number stays.
    }
  }
  return out;
}

json statement_json(App& app, const service::Caller& caller, const service::GrantReport& report, const StatementForm& f,
                    Lang lang) {
  const domain::GrantStatement& s = report.statement;
  const domain::GrantRuleset& r = report.ruleset;
  const std::string period =
      format_message(lang, "grant.period", {{"from", format_date(s.from, lang)}, {"to", format_date(s.to, lang)}});

  json lines = json::array();
  for (const auto& l : s.centres) lines.push_back(line_json(l, lang));
  json forecast_lines = json::array();
  for (const auto& l : s.forecast_centres) forecast_lines.push_back(line_json(l, lang));

  json over = false;
  if (s.shortfall_cents > 0)
    over = format_message(lang, "grant.over",
                          {{"total", euros(s.total_cents)},
                           {"envelope", euros(s.envelope_cents)},
                           {"payable", euros(s.payable_cents)},
                           {"shortfall", euros(s.shortfall_cents)}});
  json forecast_over = false;
  if (s.forecast_shortfall_cents > 0)
    forecast_over = format_message(
        lang, "grant.forecast.over",
        {{"payable", euros(s.forecast_payable_cents)}, {"shortfall", euros(s.forecast_shortfall_cents)}});

  // Which posts counted, centre by centre, the statement's centres first and then the forecast's.
  const auto names = agreement_names(app, caller, report);
  std::map<domain::CentreId, bool> planned;
  for (const auto& l : s.forecast_centres) planned[l.centre_id] = true;
  json details = json::array();
  for (const domain::CentreOccupancy& c : report.occupancy) {
    const bool is_planned = planned.count(c.centre_id) > 0;
    json posts = json::array();
    for (const domain::PostOccupancy& p : c.posts) {
      const bool counted = is_planned || p.by != domain::OccupiedBy::None;
      posts.push_back(
          {{"office", p.office},
           {"label", p.label},
           {"open", p.open_half_days},
           {"booked", p.booked_half_days},
           {"rule", is_planned ? std::string(tr(lang, "grant.by.planned")) : rule_text(p, r.occupancy, names, lang)},
           {"counted", yes_no(counted, lang)}});
    }
    const int counted = is_planned ? static_cast<int>(c.posts.size()) : c.occupied();
    details.push_back(
        {{"id", "postes-" + std::to_string(c.centre_id)},
         {"name", c.name},
         {"planned", is_planned},
         {"summary", format_count(lang, "grant.details.summary", counted, {{"posts", std::to_string(c.posts.size())}})},
         {"caption", format_message(lang, "grant.details.caption", {{"centre", c.name}})},
         {"has_posts", !c.posts.empty()},
         {"posts", std::move(posts)}});
  }

  json warnings = json::array();
  for (const domain::FieldError& w : s.warnings) warnings.push_back(lang == Lang::En ? w.message_en : w.message_fr);

  const std::string generated = generated_text(report.generated_at, lang);
  const auto stamp = domain::parse_timestamp(report.generated_at);
  const std::string signed_on = format_date(stamp ? stamp->utc_date() : council_today(), lang);
  const std::string query = statement_query(f);
  return {
      {"heading", format_message(lang, "grant.statement.heading", {{"ruleset", r.name}})},
      {"period", period},
      {"ruleset",
       {{"name", r.name},
        {"description", r.description},
        {"validity", validity_text(r, lang)},
        {"rule", occupancy_rule_text(r.occupancy, lang)}}},
      {"zrr_rule", format_message(lang, "grant.zrr_rule", {{"date", format_date(s.zrr_date, lang)}})},
      {"status_rule", format_message(lang, "grant.status_rule", {{"date", format_date(s.status_date, lang)}})},
      {"has_warnings", !warnings.empty()},
      {"warnings", std::move(warnings)},
      {"caption", format_message(lang, "grant.table.caption", {{"period", period}})},
      {"has_lines", !s.centres.empty()},
      {"lines", std::move(lines)},
      {"total", euros(s.total_cents)},
      {"envelope", euros(s.envelope_cents)},
      {"payable", euros(s.payable_cents)},
      {"remaining", euros(s.remaining_cents)},
      {"shortfall", s.shortfall_cents > 0 ? json(euros(s.shortfall_cents)) : json(false)},
      {"over", std::move(over)},
      {"forecast",
       {{"has_lines", !s.forecast_centres.empty()},
        {"lines", std::move(forecast_lines)},
        {"caption", std::string(tr(lang, "grant.forecast.caption"))},
        {"total", euros(s.forecast_cents)},
        {"network", euros(s.forecast_network_cents)},
        {"payable", euros(s.forecast_payable_cents)},
        {"over", std::move(forecast_over)}}},
      {"details", std::move(details)},
      {"exports",
       {{"xlsx", "/api/v1/grant.xlsx?" + query},
        {"csv", "/api/v1/grant.csv?" + query},
        {"json", "/api/v1/grant?" + query}}},
      {"signoff",
       format_message(lang, "grant.signoff", {{"date", signed_on}, {"ruleset", r.name}, {"generated", generated}})},
      {"generated_at", report.generated_at},
  };
}

json statement_form_json(Lang lang, const StatementForm& f, const std::vector<domain::GrantRuleset>& all,
                         const FormErrors& errors) {
  json options = json::array();
  bool known = false;
  for (const auto& r : all) {
    known = known || r.name == f.ruleset;
    options.push_back(option_json(r.name, r.name + " — " + validity_text(r, lang), r.name == f.ruleset));
  }
  if (!known && !f.ruleset.empty()) options.push_back(option_json(f.ruleset, f.ruleset, true));  // as typed
  return {{"ruleset", select_field_json(lang, "bareme", "grant.form.ruleset", "", std::move(options), true, errors)},
          {"from", field_json(lang,
                              FieldSpec{.id = "du",
                                        .label_key = "grant.form.from",
                                        .hint_key = "grant.form.date_hint",
                                        .type = "date",
                                        .autocomplete = "",
                                        .required = true},
                              f.from, errors)},
          {"to", field_json(lang,
                            FieldSpec{.id = "au",
                                      .label_key = "grant.form.to",
                                      .hint_key = "grant.form.date_hint",
                                      .type = "date",
                                      .autocomplete = "",
                                      .required = true},
                            f.to, errors)}};
}

Response get_grant(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  if (!caller->actor.is_admin()) return admins_only_page(app, req);  // before reading anything of the request
  const Lang lang = req.lang;

  std::vector<domain::GrantRuleset> all;
  try {
    all = rulesets_of(app, *caller);
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }

  const domain::Date today = council_today();
  StatementForm f{req.param("bareme").value_or(""), req.param("du").value_or(""), req.param("au").value_or("")};
  if (f.from.empty()) f.from = domain::Date{today.year, 1, 1}.iso();
  if (f.to.empty()) f.to = domain::Date{today.year, 12, 31}.iso();
  FormErrors errors(lang);
  const auto from = domain::parse_date(f.from);
  const auto to = domain::parse_date(f.to);
  if (f.ruleset.empty())
    f.ruleset = default_ruleset(all, app.admin.conformity_ruleset(), from.value_or(domain::Date{today.year, 1, 1}));
  if (std::none_of(all.begin(), all.end(), [&](const auto& r) { return r.name == f.ruleset; }))
    errors.add("bareme", tr(Lang::Fr, "grant.error.ruleset"), tr(Lang::En, "grant.error.ruleset"));
  if (!from) errors.add("du", tr(Lang::Fr, "grant.error.date"), tr(Lang::En, "grant.error.date"));
  if (!to) errors.add("au", tr(Lang::Fr, "grant.error.date"), tr(Lang::En, "grant.error.date"));
  if (from && to && *to < *from) errors.add("au", tr(Lang::Fr, "grant.error.order"), tr(Lang::En, "grant.error.order"));

  json statement = false;
  if (errors.empty()) {
    try {
      const service::GrantReport report = app.admin.grant(caller->actor, f.ruleset, from->iso(), to->iso());
      statement = statement_json(app, *caller, report, f, lang);
    } catch (const ServiceError& e) {
      if (e.kind == Kind::Forbidden) return admins_only_page(app, req);
      if (e.kind != Kind::NotFound && e.kind != Kind::Invalid && e.kind != Kind::Unprocessable) throw;
      errors.add(statement_field(e.field), e.message_fr, e.message_en);
    }
  }

  const bool has_errors = !errors.empty();
  const json data = {
      {"current", {{"admin", true}}},
      {"error_summary", errors.summary()},
      {"expired", false},
      {"action", std::string(kGrantPath)},
      {"form", statement_form_json(lang, f, all, errors)},
      {"statement", std::move(statement)},
      {"rulesets_href", with_lang(std::string(kRulesetsPath), lang)},
      {"self_href", with_lang(std::string(kGrantPath) + "?" + page_query(f), lang)},
  };
  return render_private_page(app, req, &*caller, "grant", data, form_title_for_key(lang, "grant.title", has_errors),
                             has_errors ? 400 : 200);
}

// ================================================================================================================
// The rulesets
// ================================================================================================================

struct RulesetForm {
  std::string name, description, valid_from, valid_to;
  std::string centre_zrr, centre_other, post_zrr, post_other, envelope;
  bool agreements_count = true;
  std::string booked_share_percent = "25";
  std::string min_broadband_mbps = "2";
};

constexpr std::string_view kAmountFields[] = {"centre_zrr", "centre_other", "post_zrr", "post_other", "envelope"};

RulesetForm ruleset_form_of(const FormData& form) {
  RulesetForm f;
  f.name = form.text("name");
  f.description = form.text("description");
  f.valid_from = form.text("valid_from");
  f.valid_to = form.text("valid_to");
  f.centre_zrr = form.text("centre_zrr");
  f.centre_other = form.text("centre_other");
  f.post_zrr = form.text("post_zrr");
  f.post_other = form.text("post_other");
  f.envelope = form.text("envelope");
  f.agreements_count = form.text("agreements_count") == "yes";
  f.booked_share_percent = form.text("booked_share_percent");
  f.min_broadband_mbps = form.text("min_broadband_mbps");
  return f;
}

const std::string& amount_of(const RulesetForm& f, std::string_view field) {
  if (field == "centre_zrr") return f.centre_zrr;
  if (field == "centre_other") return f.centre_other;
  if (field == "post_zrr") return f.post_zrr;
  if (field == "post_other") return f.post_other;
  return f.envelope;
}

domain::Cents& cents_of(domain::GrantRuleset& r, std::string_view field) {
  if (field == "centre_zrr") return r.centre_zrr_cents;
  if (field == "centre_other") return r.centre_other_cents;
  if (field == "post_zrr") return r.post_zrr_cents;
  if (field == "post_other") return r.post_other_cents;
  return r.envelope_cents;
}

// The form's field of a domain or service error's field ("centre_zrr_cents" → "centre_zrr").
std::string ruleset_field(std::string field) {
  constexpr std::string_view kCents = "_cents";
  if (field.ends_with(kCents)) field.erase(field.size() - kCents.size());
  static constexpr std::string_view kKnown[] = {
      "name",     "description", "valid_from", "valid_to",         "centre_zrr",           "centre_other",
      "post_zrr", "post_other",  "envelope",   "agreements_count", "booked_share_percent", "min_broadband_mbps"};
  for (std::string_view k : kKnown)
    if (field == k) return field;
  return "name";
}

void add_error(FormErrors& errors, std::string_view field, std::string_view key) {
  errors.add(field, tr(Lang::Fr, key), tr(Lang::En, key));
}

// A decimal written the French or the English way ("2,5", "2.5"); nullopt otherwise.
std::optional<double> parse_decimal(std::string text) {
  std::replace(text.begin(), text.end(), ',', '.');
  if (text.empty() || text.size() > 20) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// Checks the form as typed; every problem is listed at once.
domain::GrantRuleset check_ruleset(const RulesetForm& f, FormErrors& errors) {
  domain::GrantRuleset r;
  r.name = f.name;
  r.description = f.description;
  if (f.name.empty()) add_error(errors, "name", "grant.error.name");
  if (domain::count_code_points(f.description) > kRulesetDescriptionMax)
    add_error(errors, "description", "grant.error.description");
  if (const auto d = domain::parse_date(f.valid_from)) {
    r.valid_from = *d;
  } else {
    add_error(errors, "valid_from", "grant.error.date");
  }
  if (!f.valid_to.empty()) {
    if (const auto d = domain::parse_date(f.valid_to)) {
      r.valid_to = *d;
    } else {
      add_error(errors, "valid_to", "grant.error.date");
    }
  }
  for (std::string_view field : kAmountFields) {
    const std::string& text = amount_of(f, field);
    if (text.empty()) {
      add_error(errors, field, "grant.error.amount_missing");
    } else if (text.front() == '-') {
      add_error(errors, field, "grant.error.amount_negative");
    } else if (const auto cents = domain::parse_euros(text)) {
      cents_of(r, field) = *cents;
    } else {
      add_error(errors, field, "grant.error.amount");
    }
  }
  r.occupancy.agreements_count = f.agreements_count;
  const auto share = positive_number(f.booked_share_percent);
  if (f.booked_share_percent == "0") {
    r.occupancy.booked_share_percent = 0;
  } else if (share && *share <= 100) {
    r.occupancy.booked_share_percent = static_cast<int>(*share);
  } else {
    add_error(errors, "booked_share_percent", "grant.error.share");
  }
  if (const auto mbps = parse_decimal(f.min_broadband_mbps); mbps && *mbps >= 0 && *mbps <= 100000) {
    r.min_broadband_mbps = *mbps;
  } else {
    add_error(errors, "min_broadband_mbps", "grant.error.mbps");
  }
  // What the domain checks besides (a name too long, a validity that ends before it starts).
  for (const domain::FieldError& e : domain::validate(r)) {
    const std::string field = ruleset_field(e.field);
    if (!errors.has(field)) errors.add(field, e.message_fr, e.message_en);
  }
  return r;
}

json ruleset_row_json(const domain::GrantRuleset& r, Lang lang) {
  return {{"name", r.name},
          {"description", r.description.empty() ? json(false) : json(r.description)},
          {"validity", validity_text(r, lang)},
          {"centre_zrr", euros(r.centre_zrr_cents)},
          {"centre_other", euros(r.centre_other_cents)},
          {"post_zrr", euros(r.post_zrr_cents)},
          {"post_other", euros(r.post_other_cents)},
          {"envelope", euros(r.envelope_cents)},
          {"rule", occupancy_rule_text(r.occupancy, lang)},
          {"mbps", mbps_text(r.min_broadband_mbps, lang)},
          {"statement_href", with_lang(std::string(kGrantPath) + "?bareme=" + percent_encode(r.name), lang)}};
}

json text_field(Lang lang, std::string_view id, std::string_view label_key, std::string_view hint_key,
                std::string_view type, bool required, const std::string& value, const FormErrors& errors) {
  return field_json(lang,
                    FieldSpec{.id = id,
                              .label_key = label_key,
                              .hint_key = hint_key,
                              .type = type,
                              .autocomplete = "off",
                              .required = required},
                    value, errors);
}

json ruleset_form_json(Lang lang, const RulesetForm& f, const FormErrors& errors) {
  json amounts = json::array();
  for (std::string_view field : kAmountFields) {
    const std::string key = "grant.field." + std::string(field);
    amounts.push_back(
        text_field(lang, field, key, "grant.field.amount_hint", "text", true, amount_of(f, field), errors));
  }
  return {
      {"name", text_field(lang, "name", "grant.field.name", "grant.field.name_hint", "text", true, f.name, errors)},
      {"description",
       textarea_field_json(lang, "description", "grant.field.description", "", f.description, 3, errors)},
      {"valid_from", text_field(lang, "valid_from", "grant.field.valid_from", "grant.form.date_hint", "date", true,
                                f.valid_from, errors)},
      {"valid_to", text_field(lang, "valid_to", "grant.field.valid_to", "grant.field.valid_to_hint", "date", false,
                              f.valid_to, errors)},
      {"amounts", std::move(amounts)},
      {"agreements_count", f.agreements_count},
      {"share", text_field(lang, "booked_share_percent", "grant.field.share", "grant.field.share_hint", "text", true,
                           f.booked_share_percent, errors)},
      {"mbps", text_field(lang, "min_broadband_mbps", "grant.field.mbps", "grant.field.mbps_hint", "text", true,
                          f.min_broadband_mbps, errors)},
  };
}

Response show_rulesets(App& app, const RequestContext& req, const service::Caller& caller, const RulesetForm& f,
                       const FormErrors& errors, unsigned status) {
  const Lang lang = req.lang;
  const auto all = rulesets_of(app, caller);
  json rows = json::array();
  for (const auto& r : all) rows.push_back(ruleset_row_json(r, lang));
  json notice = done_notice(req, "grant.done", {"bareme"});
  // The name in the address is said only when it is a ruleset's: the page's words are never the address's.
  const std::string added = req.param("nom").value_or("");
  const bool exists = std::any_of(all.begin(), all.end(), [&](const auto& r) { return r.name == added; });
  json statement_of_added = false;
  if (notice.is_string() && exists) {
    notice = format_message(lang, "grant.done.bareme_named", {{"name", added}});
    statement_of_added = with_lang(std::string(kGrantPath) + "?bareme=" + percent_encode(added), lang);
  }
  const json data = {
      {"current", {{"admin", true}}},
      {"csrf", caller.csrf_token},
      {"notice", std::move(notice)},
      {"statement_of_added", std::move(statement_of_added)},
      {"error_summary", errors.summary()},
      {"expired", false},
      {"rows", std::move(rows)},
      {"action", with_lang(std::string(kRulesetsPath), lang)},
      {"grant_href", with_lang(std::string(kGrantPath), lang)},
      {"form", ruleset_form_json(lang, f, errors)},
  };
  return render_private_page(app, req, &caller, "grant_rulesets", data,
                             form_title_for_key(lang, "grant.rulesets.title", !errors.empty()), status);
}

Response get_rulesets(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  if (!caller->actor.is_admin()) return admins_only_page(app, req);
  try {
    return show_rulesets(app, req, *caller, RulesetForm{}, FormErrors(req.lang), 200);
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }
}

Response post_ruleset(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller, kRulesetsPath)) return std::move(*early);
  if (!caller->actor.is_admin()) return admins_only_page(app, req);
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  const RulesetForm f = ruleset_form_of(form);
  FormErrors errors(req.lang);
  domain::GrantRuleset r = check_ruleset(f, errors);
  try {
    if (!errors.empty()) return show_rulesets(app, req, *caller, f, errors, 400);
    const domain::GrantRuleset added = app.admin.add_ruleset(caller->actor, std::move(r));
    return see_other(
        with_lang(std::string(kRulesetsPath) + "?fait=bareme&nom=" + percent_encode(added.name), req.lang));
  } catch (const ServiceError& e) {
    if (e.kind == Kind::Forbidden) return admins_only_page(app, req);
    if (e.kind != Kind::Invalid && e.kind != Kind::Conflict && e.kind != Kind::Unprocessable) throw;
    errors.add(e.kind == Kind::Conflict && e.field.empty() ? std::string("name") : ruleset_field(e.field), e.message_fr,
               e.message_en);
    return show_rulesets(app, req, *caller, f, errors, form_status(e.kind));
  }
}

}  // namespace

void add_grant_page_routes(Router& r, App& app) {
  r.add({Method::Get, std::string(kGrantPath), [&app](const RequestContext& req) { return get_grant(app, req); },
         Exec::Pool,
         "The FNADT grant's statement for a ruleset and a period, printable (HTML, admins; "
         "?bareme=…&du=YYYY-MM-DD&au=YYYY-MM-DD)"});
  r.add({Method::Get, std::string(kRulesetsPath), [&app](const RequestContext& req) { return get_rulesets(app, req); },
         Exec::Pool, "The grant's rulesets, and the form to add one (HTML, admins)"});
  r.add({Method::Post, std::string(kRulesetsPath), [&app](const RequestContext& req) { return post_ruleset(app, req); },
         Exec::Pool, "Add a grant ruleset (form, admins), 303 to the rulesets"});
  add_equipment_page_routes(r, app);
  add_agreement_page_routes(r, app);
}

}  // namespace tc::web
