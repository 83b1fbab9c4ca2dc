// The siting study for the council's admins and the network's animator:
//
//   /admin/implantation                 the parameters (model, p, radius, demand, travel model, candidates…) and
//                                       the latest studies; the form queues a background study (POST, 303)
//   /admin/implantation/{id}            a study: its progress while it runs (the page reloads itself every few
//                                       seconds, with a link to stop that), then its result — figures, a map of
//                                       the communes shaded by demand with the uncovered ones hatched and the
//                                       existing and proposed centres, the coverage curve, the table of sites and
//                                       of every commune, CSV exports
//   /admin/implantation/{id}/annuler    cancel it (POST, 303)
//
// The study runs in service::SitingJobs; this file reads its stored request and result (service/siting_json.h).
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/timestamp.h"
#include "service/errors.h"
#include "service/siting_jobs.h"
#include "service/siting_json.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/admin_pages.h"
#include "web/pages/bookings_request.h"
#include "web/pages/page_context.h"
#include "web/svg_chart.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

constexpr std::string_view kPath = "/admin/implantation";
constexpr double kPageSeconds = 600;
constexpr int kRefreshSeconds = 3;

std::string study_path(domain::StudyId id) { return std::string(kPath) + "/" + std::to_string(id); }

bool plans(const service::Caller& c) { return c.actor.is_admin() || c.actor.has(domain::Role::Animator); }

Response planners_only_page(App& app, const RequestContext& req) {
  return error_page(app, req, 403, tr(Lang::Fr, "siting.planners_only"), tr(Lang::En, "siting.planners_only"));
}

// ---- the form ----

struct StudyForm {
  std::string title, model = "pmedian", p = "8", minutes = "20", method = "auto", demand = "modelled";
  std::string employed = "0,41", teleworkable = "0,35", far = "0,2", circuity = "1,3", speed = "60", seconds = "60";
  std::string candidates, fixed, demand_csv;
};

StudyForm form_of(const FormData& f) {
  StudyForm s;
  s.title = f.text("titre");
  s.model = f.text("modele");
  s.p = f.text("p");
  s.minutes = f.text("minutes");
  s.method = f.text("methode");
  s.demand = f.text("demande");
  s.employed = f.text("part_actifs");
  s.teleworkable = f.text("part_teletravail");
  s.far = f.text("part_eloignes");
  s.circuity = f.text("detour");
  s.speed = f.text("vitesse");
  s.seconds = f.text("duree");
  s.candidates = f.raw("candidates");
  s.fixed = f.raw("fixes");
  s.demand_csv = f.raw("demande_csv");
  return s;
}

std::optional<double> decimal(std::string text) {
  std::replace(text.begin(), text.end(), ',', '.');
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  if (text.empty() || text.size() > 20) return std::nullopt;
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// INSEE codes typed one per line, or separated by spaces, commas or semicolons.
std::vector<std::string> codes_of(const std::string& text) {
  std::vector<std::string> out;
  std::string code;
  for (const char c : text + " ") {
    if (c == ' ' || c == ',' || c == ';' || c == '\n' || c == '\r' || c == '\t') {
      if (!code.empty()) out.push_back(code);
      code.clear();
    } else {
      code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// The form's field for a field of the request (service/siting_json.h) or of SitingStudy::check.
std::string form_field(const std::string& field) {
  static const std::map<std::string, std::string> names = {{"model", "modele"},          {"p", "p"},
                                                           {"within_min", "minutes"},    {"method", "methode"},
                                                           {"demand", "demande"},        {"rates", "part_actifs"},
                                                           {"circuity", "detour"},       {"speed_kmh", "vitesse"},
                                                           {"time_limit_s", "duree"},    {"candidates", "candidates"},
                                                           {"fixed", "fixes"},           {"title", "titre"},
                                                           {"demand_csv", "demande_csv"}};
  const auto it = names.find(field);
  return it == names.end() ? std::string("modele") : it->second;
}

// The request's JSON from the form; a number that does not read is an error beside its field.
json request_of(const StudyForm& f, FormErrors& errors) {
  json body = {{"model", f.model}, {"method", f.method}, {"demand", f.demand}};
  auto number = [&](const std::string& text, const char* field, const char* id, bool required) {
    if (text.empty() && !required) return;
    if (const auto v = decimal(text)) {
      body[field] = *v;
    } else {
      errors.add(id, tr(Lang::Fr, "siting.error.number"), tr(Lang::En, "siting.error.number"));
    }
  };
  number(f.p, "p", "p", f.model != "lscp");
  number(f.minutes, "within_min", "minutes", f.model != "pmedian");
  number(f.circuity, "circuity", "detour", true);
  number(f.speed, "speed_kmh", "vitesse", true);
  number(f.seconds, "time_limit_s", "duree", true);
  json rates = json::object();
  const std::pair<const std::string*, const char*> shares[] = {
      {&f.employed, "employed_share"}, {&f.teleworkable, "teleworkable_share"}, {&f.far, "far_commute_share"}};
  for (const auto& [text, name] : shares) {
    if (const auto v = decimal(*text))
      rates[name] = *v;
    else if (!errors.has("part_actifs"))
      errors.add("part_actifs", tr(Lang::Fr, "siting.error.share"), tr(Lang::En, "siting.error.share"));
  }
  body["rates"] = rates;
  if (f.model == "lscp") body.erase("p");
  if (f.model == "pmedian" && f.minutes.empty()) body.erase("within_min");
  const auto candidates = codes_of(f.candidates);
  if (!candidates.empty()) body["candidates"] = candidates;
  body["fixed"] = codes_of(f.fixed);
  if (f.demand == "file") body["demand_csv"] = f.demand_csv;
  return body;
}

json text_field(Lang lang, std::string_view id, std::string_view label_key, std::string_view hint_key,
                std::string value, bool required, const FormErrors& errors) {
  return field_json(lang,
                    FieldSpec{.id = id,
                              .label_key = label_key,
                              .hint_key = hint_key,
                              .type = "text",
                              .autocomplete = "off",
                              .required = required},
                    std::move(value), errors);
}

// Options' words are under `words` ("siting.model" → "siting.model.pmedian").
json select_of(Lang lang, std::string_view id, std::string_view label_key, std::string_view hint_key,
               std::string_view words, const std::string& chosen, std::initializer_list<std::string_view> values,
               const FormErrors& errors) {
  json options = json::array();
  for (std::string_view v : values)
    options.push_back(
        option_json(std::string(v), std::string(tr(lang, std::string(words) + "." + std::string(v))), chosen == v));
  return select_field_json(lang, id, label_key, hint_key, std::move(options), true, errors);
}

json form_json(Lang lang, const StudyForm& f, const FormErrors& errors) {
  return {
      {"title", text_field(lang, "titre", "siting.form.title", "siting.form.title_hint", f.title, false, errors)},
      {"model", select_of(lang, "modele", "siting.form.model", "siting.form.model_hint", "siting.model", f.model,
                          {"pmedian", "mclp", "lscp"}, errors)},
      {"p", text_field(lang, "p", "siting.form.p", "siting.form.p_hint", f.p, false, errors)},
      {"minutes",
       text_field(lang, "minutes", "siting.form.minutes", "siting.form.minutes_hint", f.minutes, false, errors)},
      {"method", select_of(lang, "methode", "siting.form.method", "siting.form.method_hint", "siting.method", f.method,
                           {"auto", "exact", "heuristic"}, errors)},
      {"demand", select_of(lang, "demande", "siting.form.demand", "", "siting.demand", f.demand,
                           {"modelled", "observed", "file"}, errors)},
      {"demand_csv", textarea_field_json(lang, "demande_csv", "siting.form.demand_csv", "siting.form.demand_csv_hint",
                                         f.demand_csv, 3, errors)},
      {"employed",
       text_field(lang, "part_actifs", "siting.form.employed", "siting.form.share_hint", f.employed, true, errors)},
      {"teleworkable",
       text_field(lang, "part_teletravail", "siting.form.teleworkable", "", f.teleworkable, true, errors)},
      {"far", text_field(lang, "part_eloignes", "siting.form.far", "", f.far, true, errors)},
      {"circuity",
       text_field(lang, "detour", "siting.form.circuity", "siting.form.circuity_hint", f.circuity, true, errors)},
      {"speed", text_field(lang, "vitesse", "siting.form.speed", "", f.speed, true, errors)},
      {"seconds",
       text_field(lang, "duree", "siting.form.seconds", "siting.form.seconds_hint", f.seconds, true, errors)},
      {"candidates", textarea_field_json(lang, "candidates", "siting.form.candidates", "siting.form.candidates_hint",
                                         f.candidates, 3, errors)},
      {"fixed", textarea_field_json(lang, "fixes", "siting.form.fixed", "siting.form.fixed_hint", f.fixed, 2, errors)},
  };
}

std::string when_text(const std::string& iso, Lang lang) {
  const auto t = domain::parse_timestamp(iso);
  if (!t) return iso;
  const auto minute_of_day = static_cast<int>(((t->unix_seconds % 86400) + 86400) % 86400 / 60);
  return format_message(lang, "siting.when",
                        {{"date", format_date(t->utc_date(), lang)}, {"time", format_time(minute_of_day, lang)}});
}

std::string status_words(domain::StudyStatus s, Lang lang) {
  return std::string(tr(lang, "siting.status." + std::string(to_string(s))));
}

json recent_json(App& app, const service::Caller& caller, Lang lang) {
  json rows = json::array();
  for (const auto& s : app.studies.recent(caller.actor, 20))
    rows.push_back({{"title", s.title},
                    {"href", with_lang(study_path(s.id), lang)},
                    {"status", status_words(s.status, lang)},
                    {"created", when_text(s.created_at, lang)}});
  return rows;
}

Response show_form(App& app, const RequestContext& req, const service::Caller& caller, const StudyForm& f,
                   const FormErrors& errors, unsigned status) {
  const Lang lang = req.lang;
  json recent = recent_json(app, caller, lang);
  const json data = {{"current", {{"siting", true}}},
                     {"csrf", caller.csrf_token},
                     {"error_summary", errors.summary()},
                     {"expired", false},
                     {"action", with_lang(std::string(kPath), lang)},
                     {"form", form_json(lang, f, errors)},
                     {"has_recent", !recent.empty()},
                     {"recent", std::move(recent)}};
  return render_private_page(app, req, &caller, "siting", data,
                             form_title_for_key(lang, "siting.title", !errors.empty()), status);
}

Response get_form(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  if (!plans(*caller)) return planners_only_page(app, req);
  return show_form(app, req, *caller, StudyForm{}, FormErrors(req.lang), 200);
}

Response post_form(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller, kPath)) return std::move(*early);
  if (!plans(*caller)) return planners_only_page(app, req);
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  const StudyForm f = form_of(form);
  FormErrors errors(req.lang);
  const json body = request_of(f, errors);
  if (!errors.empty()) return show_form(app, req, *caller, f, errors, 400);
  try {
    const service::SitingRequest r = service::siting_request_from_json(body, kPageSeconds);
    const domain::StudyId id = app.studies.submit(caller->actor, r, f.title);
    return see_other(with_lang(study_path(id), req.lang));
  } catch (const ServiceError& e) {
    if (e.kind == Kind::Forbidden) return planners_only_page(app, req);
    if (e.kind != Kind::Invalid && e.kind != Kind::Unprocessable) throw;
    errors.add(form_field(e.field), e.message_fr, e.message_en);
    return show_form(app, req, *caller, f, errors, 400);
  }
}

// ---- a study ----

std::string model_words(const std::string& model, Lang lang) { return std::string(tr(lang, "siting.model." + model)); }

std::string people(double v, Lang lang) { return format_number(v, 0, lang); }

// Demand classes for the map: quintiles of the communes' demand, d1 (least) to d5.
std::map<std::string, int> demand_classes(const json& communes) {
  std::vector<double> values;
  for (const auto& c : communes) values.push_back(c.at("demand").get<double>());
  std::sort(values.begin(), values.end());
  std::map<std::string, int> out;
  if (values.empty()) return out;
  for (const auto& c : communes) {
    const double v = c.at("demand").get<double>();
    const auto rank = static_cast<double>(std::lower_bound(values.begin(), values.end(), v) - values.begin());
    out[c.at("insee").get<std::string>()] =
        1 + std::min(4, static_cast<int>(5 * rank / static_cast<double>(values.size())));
  }
  return out;
}

// The service's record of the demand used ("modelled: population × …", "observed: home communes of 12
// applicants", "file") in the page's language.
std::string demand_words(const std::string& source, Lang lang) {
  if (source.starts_with("modelled")) return std::string(tr(lang, "siting.demand.modelled"));
  if (source.starts_with("file")) return std::string(tr(lang, "siting.demand.file"));
  if (source.starts_with("observed")) {
    const auto digits = source.find_first_of("0123456789");
    const std::string n = digits == std::string::npos ? "0" : source.substr(digits, source.find(' ', digits) - digits);
    return format_message(lang, "siting.demand.observed_count", {{"n", n}});
  }
  return source;
}

json result_json(App& app, const RequestContext& req, const domain::StudyRecord& s, const json& res) {
  const Lang lang = req.lang;
  const std::string model = res.at("model").get<std::string>();
  const double total = res.at("demand").at("total").get<double>();
  const double covered = res.at("demand").value("covered", total);
  const double objective = res.at("objective").get<double>();
  const double within = res.at("within_min").get<double>();
  const bool has_radius = within > 0;
  const std::string minutes = format_number(within, within == std::floor(within) ? 0 : 1, lang);
  const int sites_count = static_cast<int>(res.at("sites").size());

  std::string objective_text;
  if (model == "pmedian")
    objective_text = format_message(lang, "siting.result.pmedian",
                                    {{"total", format_number(objective, 0, lang)},
                                     {"mean", format_number(total > 0 ? objective / total : 0, 1, lang)}});
  else if (model == "mclp")
    objective_text = format_message(lang, "siting.result.mclp",
                                    {{"covered", people(objective, lang)},
                                     {"total", people(total, lang)},
                                     {"share", format_number(total > 0 ? 100 * objective / total : 0, 1, lang)},
                                     {"minutes", minutes}});
  else
    objective_text = format_count(lang, "siting.result.lscp", sites_count, {{"minutes", minutes}});
  const json& bound = res.at("bound");
  std::string proof;
  if (res.at("optimal").get<bool>())
    proof = std::string(tr(lang, "siting.result.optimal"));
  else if (bound.is_number())
    proof = format_message(lang, "siting.result.gap",
                           {{"bound", format_number(bound.get<double>(), model == "lscp" ? 0 : 1, lang)},
                            {"gap", format_number(100 * res.at("gap").get<double>(), 2, lang)}});
  else
    proof = std::string(tr(lang, "siting.result.no_bound"));

  // Names of the sites, for the communes' table.
  std::map<std::string, std::string> names;
  for (const auto& c : res.at("communes")) names[c.at("insee").get<std::string>()] = c.at("name").get<std::string>();
  for (const auto& site : res.at("sites"))
    names[site.at("insee").get<std::string>()] = site.at("name").get<std::string>();

  // The map.
  geo::MapOptions options;
  options.width = 640;
  options.title = format_message(lang, "siting.map.title", {{"title", s.title}});
  options.description = format_message(lang, has_radius ? "siting.map.desc_radius" : "siting.map.desc",
                                       {{"sites", std::to_string(sites_count)},
                                        {"minutes", minutes},
                                        {"covered", people(covered, lang)},
                                        {"total", people(total, lang)}});
  auto classes = demand_classes(res.at("communes"));
  int uncovered = 0;
  json communes = json::array();
  for (const auto& c : res.at("communes")) {
    const std::string insee = c.at("insee").get<std::string>();
    const bool is_covered = c.at("covered").get<bool>();
    const double demand = c.at("demand").get<double>();
    const std::string nearest = c.at("nearest").get<std::string>();
    const double m = c.at("minutes").is_number() ? c.at("minutes").get<double>() : 0;
    options.commune_classes[insee] = "d" + std::to_string(classes[insee]) + (is_covered ? "" : " uncovered");
    options.commune_titles[insee] =
        format_message(lang, is_covered ? "siting.map.commune" : "siting.map.commune_uncovered",
                       {{"name", c.at("name").get<std::string>()},
                        {"demand", format_number(demand, 1, lang)},
                        {"site", names[nearest]},
                        {"minutes", format_number(m, 0, lang)}});
    if (!is_covered) {
      options.hatched.insert(insee);
      ++uncovered;
    }
    communes.push_back({{"name", c.at("name").get<std::string>()},
                        {"insee", insee},
                        {"demand", format_number(demand, 1, lang)},
                        {"site", names[nearest]},
                        {"minutes", format_number(m, 0, lang)},
                        {"covered", std::string(tr(lang, is_covered ? "siting.yes" : "siting.no"))}});
  }
  std::vector<geo::MapMarker> markers;
  const auto snapshot = app.directory.snapshot();
  json sites = json::array();
  for (const auto& site : res.at("sites")) {
    const std::string insee = site.at("insee").get<std::string>();
    const bool fixed = site.at("fixed").get<bool>();
    const std::string name = site.at("name").get<std::string>();
    if (const domain::Commune* commune = snapshot->communes.by_insee(insee))
      markers.push_back({commune->centre,
                         name + " — " + std::string(tr(lang, fixed ? "siting.existing" : "siting.proposed")),
                         fixed ? "in_service" : "proposed", ""});
    const json& marginal = site.at("marginal");
    sites.push_back({{"name", name},
                     {"insee", insee},
                     {"kind", std::string(tr(lang, fixed ? "siting.existing" : "siting.proposed"))},
                     {"served", format_number(site.at("served").get<double>(), 1, lang)},
                     {"marginal", marginal.is_number() ? format_number(marginal.get<double>(), 1, lang) : "—"}});
  }

  // The coverage curve.
  LineChart chart;
  chart.id = "courbe";
  const bool curve_is_cost = model == "pmedian" && !has_radius;
  chart.title = std::string(tr(lang, curve_is_cost ? "siting.curve.title_cost" : "siting.curve.title"));
  chart.x_axis = std::string(tr(lang, "siting.curve.x"));
  chart.y_axis = std::string(tr(lang, curve_is_cost ? "siting.curve.y_cost" : "siting.curve.y"));
  chart.y_text = [lang](double v) { return format_number(v, 0, lang); };
  chart.x_text = [lang](double v) { return format_number(v, 0, lang); };
  json curve = json::array();
  for (const auto& point : res.at("curve")) {
    const int p = point.at("p").get<int>();
    const double v = point.at("value").get<double>();
    const std::string value = format_number(v, 0, lang);
    const std::string share = format_number(total > 0 ? 100 * v / total : 0, 1, lang);
    chart.points.push_back({static_cast<double>(p), v,
                            format_message(lang, curve_is_cost ? "siting.curve.point_cost" : "siting.curve.point",
                                           {{"p", std::to_string(p)}, {"value", value}, {"share", share}})});
    curve.push_back({{"p", p}, {"value", value}, {"share", curve_is_cost ? json(false) : json(share)}});
  }
  if (res.contains("p") && res.at("p").get<int>() > 0) chart.marked_x = res.at("p").get<int>();
  chart.description = format_message(lang, "siting.curve.desc", {{"points", std::to_string(curve.size())}});

  const std::string base = "/api/v1/siting/studies/" + std::to_string(s.id);
  return {{"objective", objective_text},
          {"proof", proof},
          {"solver", res.at("solver").get<std::string>()},
          {"seconds", format_number(res.at("seconds").get<double>(), 2, lang)},
          {"demand_source", demand_words(res.at("demand").at("source").get<std::string>(), lang)},
          {"demand_total", people(total, lang)},
          {"communes_count", res.at("demand").at("communes").get<int>()},
          {"candidates", res.at("candidates").get<int>()},
          {"covered",
           has_radius ? json(format_message(lang, "siting.result.covered",
                                            {{"covered", people(covered, lang)},
                                             {"share", format_number(total > 0 ? 100 * covered / total : 0, 1, lang)},
                                             {"uncovered", std::to_string(uncovered)},
                                             {"minutes", minutes}}))
                      : json(false)},
          {"map", {{"svg", app.map.render(markers, options)}}},
          {"has_hatched", !options.hatched.empty()},
          {"chart", render_line_chart(chart)},
          {"curve_cost", curve_is_cost},
          {"curve", std::move(curve)},
          {"sites", std::move(sites)},
          {"communes", std::move(communes)},
          {"exports", {{"sites", base + "/sites.csv"}, {"communes", base + "/communes.csv"}, {"json", base}}}};
}

// The parameters a study ran with, in words.
json parameters_json(const json& request, Lang lang) {
  json out = json::array();
  auto add = [&](std::string_view key, std::string value) {
    out.push_back({{"label", std::string(tr(lang, key))}, {"value", std::move(value)}});
  };
  const std::string model = request.value("model", "pmedian");
  add("siting.form.model", model_words(model, lang));
  if (model != "lscp") add("siting.form.p", std::to_string(request.value("p", 0)));
  const double within = request.value("within_min", 0.0);
  if (within > 0) add("siting.form.minutes", format_number(within, within == std::floor(within) ? 0 : 1, lang));
  add("siting.form.method", std::string(tr(lang, "siting.method." + request.value("method", std::string("auto")))));
  const std::string demand = request.value("demand", std::string("modelled"));
  add("siting.form.demand", std::string(tr(lang, "siting.demand." + demand)));
  if (demand == "modelled" && request.contains("rates")) {
    const json& r = request["rates"];
    add("siting.params.rates", format_number(r.value("employed_share", 0.0), 2, lang) + " × " +
                                   format_number(r.value("teleworkable_share", 0.0), 2, lang) + " × " +
                                   format_number(r.value("far_commute_share", 0.0), 2, lang));
  }
  add("siting.params.travel", format_message(lang, "siting.params.travel_value",
                                             {{"circuity", format_number(request.value("circuity", 1.3), 2, lang)},
                                              {"speed", format_number(request.value("speed_kmh", 60.0), 0, lang)}}));
  add("siting.form.seconds", format_number(request.value("time_limit_s", 10.0), 0, lang));
  if (request.contains("candidates")) add("siting.form.candidates", std::to_string(request["candidates"].size()));
  if (request.contains("fixed") && !request["fixed"].empty()) {
    std::string codes;
    for (const auto& c : request["fixed"]) codes += (codes.empty() ? "" : ", ") + c.get<std::string>();
    add("siting.form.fixed", codes);
  }
  return out;
}

Response get_study(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  if (!plans(*caller)) return planners_only_page(app, req);
  const Lang lang = req.lang;
  const auto id = std::stoll(req.path_params.at("id"));
  domain::StudyRecord s;
  try {
    s = app.studies.get(caller->actor, id);
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }
  const bool active = s.status == domain::StudyStatus::Queued || s.status == domain::StudyStatus::Running;
  const bool follow = active && req.param("suivre").value_or("1") != "0";
  const int percent = static_cast<int>(std::lround(100 * s.progress));
  json result = false;
  if (s.status == domain::StudyStatus::Done && !s.result_json.empty())
    result = result_json(app, req, s, json::parse(s.result_json));
  json error = false;
  if (!s.error_fr.empty()) error = lang == Lang::En ? s.error_en : s.error_fr;
  const json request = s.request_json.empty() ? json::object() : json::parse(s.request_json);
  json data = {
      {"current", {{"siting", true}}},
      {"csrf", caller->csrf_token},
      {"title", s.title},
      {"status", status_words(s.status, lang)},
      {"status_kind", std::string(to_string(s.status))},
      {"created", when_text(s.created_at, lang)},
      {"finished", s.finished_at.empty() ? json(false) : json(when_text(s.finished_at, lang))},
      {"active", active},
      {"cancel_requested", s.cancel_requested},
      {"percent", percent},
      {"progress_text",
       format_message(lang, "siting.progress.text",
                      {{"percent", std::to_string(percent)},
                       {"stage", s.stage.empty() ? std::string(tr(lang, "siting.progress.waiting")) : s.stage}})},
      {"following", follow},
      {"stop_href", with_lang(study_path(id) + "?suivre=0", lang)},
      {"follow_href", with_lang(study_path(id), lang)},
      {"cancel_action", with_lang(study_path(id) + "/annuler", lang)},
      {"notice", done_notice(req, "siting.done", {"annulation"})},
      {"error", std::move(error)},
      {"parameters", parameters_json(request, lang)},
      {"result", std::move(result)},
      {"back_href", with_lang(std::string(kPath), lang)},
  };
  if (follow) data["refresh_seconds"] = kRefreshSeconds;
  return render_private_page(app, req, &*caller, "siting_study", data,
                             format_message(lang, "siting.study.page_title", {{"title", s.title}}));
}

Response post_cancel(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  const auto id = std::stoll(req.path_params.at("id"));
  if (auto early = signed_in(app, req, caller, study_path(id))) return std::move(*early);
  if (!plans(*caller)) return planners_only_page(app, req);
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  try {
    app.studies.cancel(caller->actor, id);
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    if (e.kind != Kind::Conflict) throw;
    // Already over: the study's page says how it ended.
  }
  return see_other(with_lang(study_path(id) + "?fait=annulation&suivre=1", req.lang));
}

// A path id the router matched but that is no number we issue: the study does not exist.
bool valid_id(const RequestContext& req) {
  const std::string& id = req.path_params.at("id");
  return !id.empty() && id.size() < 16 &&
         std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void add_siting_page_routes(Router& r, App& app) {
  r.add({Method::Get, std::string(kPath), [&app](const RequestContext& req) { return get_form(app, req); }, Exec::Pool,
         "The siting study's form and the latest studies (HTML, admins, animator)"});
  r.add({Method::Post, std::string(kPath), [&app](const RequestContext& req) { return post_form(app, req); },
         Exec::Pool, "Queue a siting study (form, admins, animator), 303 to the study"});
  r.add({Method::Get, std::string(kPath) + "/{id}",
         [&app](const RequestContext& req) {
           if (!valid_id(req))
             return error_page(app, req, 404, tr(Lang::Fr, "siting.not_found"), tr(Lang::En, "siting.not_found"));
           return get_study(app, req);
         },
         Exec::Pool, "A siting study: progress, then the map, the curve and the sites (HTML, admins, animator)"});
  r.add({Method::Post, std::string(kPath) + "/{id}/annuler",
         [&app](const RequestContext& req) {
           if (!valid_id(req))
             return error_page(app, req, 404, tr(Lang::Fr, "siting.not_found"), tr(Lang::En, "siting.not_found"));
           return post_cancel(app, req);
         },
         Exec::Pool, "Cancel a siting study (form, admins, animator), 303 to the study"});
}

}  // namespace tc::web
