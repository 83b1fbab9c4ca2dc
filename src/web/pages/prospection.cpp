// The prospection of large national companies, for the network's animator and the council:
//
//   /admin/prospection                 the pipeline: one column per stage (identified → … → jobs relocated, then
//                                      lost), each company with its potential jobs, its next action and, when
//                                      that date has passed, "En retard de N jours" in words; a button moves a
//                                      company one stage on
//   /admin/prospection/nouvelle        a company to add (form), 303 to its page
//   /admin/prospection/{id}            one company: contacts, partner, target centres, dated history, and the form
//                                      to move it to any allowed stage with a note and its next action
//   /admin/prospection/{id}/etape      the move (POST), 303 back to the page it came from with ?fait=etape
//   /admin/prospection/{id}/salaries   links a relocated employee's account, found by e-mail (POST)
//   /admin/prospection/{id}/salaries/{person}/retrait   removes that link (POST)
//
// Columns are sections with headings and lists, and every move is a plain form with a button: the board works
// without JavaScript and by keyboard, and reads in order with a screen reader. Who may see it is
// service::Prospection's to decide.
#include <algorithm>
#include <optional>
#include <string>

#include "service/errors.h"
#include "service/prospection.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/admin_pages.h"
#include "web/pages/bookings_request.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

constexpr std::string_view kPath = "/admin/prospection";

std::string company_path(domain::CompanyId id) { return std::string(kPath) + "/" + std::to_string(id); }

std::string stage_words(domain::Stage s, Lang lang) {
  return std::string(lang == Lang::En ? domain::label_en(s) : domain::label_fr(s));
}

// The stage a one-click move leads to, when it needs nothing more than a click (jobs relocated needs a count).
std::optional<domain::Stage> next_stage(domain::Stage s) {
  switch (s) {
    case domain::Stage::Identified: return domain::Stage::Contacted;
    case domain::Stage::Contacted: return domain::Stage::Meeting;
    case domain::Stage::Meeting: return domain::Stage::Proposal;
    case domain::Stage::Proposal: return domain::Stage::AgreementSigned;
    default: return std::nullopt;
  }
}

std::optional<domain::CompanyId> id_of(const RequestContext& req) {
  const std::string& id = req.path_params.at("id");
  if (id.empty() || id.size() > 15 || !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoll(id);
}

Response not_found_page(App& app, const RequestContext& req) {
  return error_page(app, req, 404, tr(Lang::Fr, "pipeline.not_found"), tr(Lang::En, "pipeline.not_found"));
}

// "Relancer la DRH, le 3 décembre 2026" and, past that date, "En retard de 5 jours" — in words, not colour alone.
json next_action_json(const domain::Company& c, domain::Date today, Lang lang) {
  if (c.next_action.empty() && !c.next_action_on) return false;
  const bool overdue = c.overdue(today);
  return {
      {"what", c.next_action.empty() ? std::string(tr(lang, "pipeline.next.unnamed")) : c.next_action},
      {"when", c.next_action_on ? format_date(*c.next_action_on, lang) : std::string()},
      {"has_date", c.next_action_on.has_value()},
      {"overdue", overdue ? json(format_count(
                                lang, "pipeline.overdue_by",
                                c.next_action_on ? today.days_since_epoch() - c.next_action_on->days_since_epoch() : 0))
                          : json(false)}};
}

json card_json(const domain::Company& c, domain::Date today, Lang lang, const std::string& csrf) {
  json move = false;
  if (const auto to = next_stage(c.stage))
    move = {{"action", with_lang(company_path(c.id) + "/etape", lang)},
            {"to", std::string(to_string(*to))},
            {"label", format_message(lang, "pipeline.move_to", {{"stage", stage_words(*to, lang)}})},
            {"described", "company-" + std::to_string(c.id)},
            {"csrf", csrf}};
  return {{"id", c.id},
          {"dom_id", "company-" + std::to_string(c.id)},
          {"name", c.name},
          {"href", with_lang(company_path(c.id), lang)},
          {"sector", c.sector},
          {"potential",
           c.potential_jobs > 0 ? json(format_count(lang, "pipeline.potential", c.potential_jobs)) : json(false)},
          {"relocated",
           c.jobs_relocated > 0 ? json(format_count(lang, "pipeline.relocated", c.jobs_relocated)) : json(false)},
          {"lost_reason", c.lost_reason.empty() ? json(false) : json(c.lost_reason)},
          {"next", next_action_json(c, today, lang)},
          {"move", move}};
}

Response board_page(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  const Lang lang = req.lang;
  try {
    const auto companies = app.prospection.list(caller->actor);
    const domain::Date today = app.prospection.today();
    json columns = json::array();
    int overdue = 0, potential = 0, relocated = 0;
    for (const auto s : domain::kAllStages) {
      json cards = json::array();
      for (const auto& c : companies) {
        if (c.stage != s) continue;
        cards.push_back(card_json(c, today, lang, caller->csrf_token));
        if (c.overdue(today)) ++overdue;
      }
      const std::string key(to_string(s));
      columns.push_back({{"id", "stage-" + key},
                         {"stage", key},
                         {"heading", stage_words(s, lang)},
                         {"count", format_count(lang, "pipeline.companies", static_cast<long>(cards.size()))},
                         {"has_cards", !cards.empty()},
                         {"cards", std::move(cards)}});
    }
    for (const auto& c : companies) {
      if (c.stage != domain::Stage::Lost) potential += c.potential_jobs;
      relocated += c.jobs_relocated;
    }
    const json data = {
        {"current", {{"prospection", true}}},
        {"notice", done_notice(req, "pipeline.done", {"etape", "cree"})},
        {"columns", std::move(columns)},
        {"summary", format_message(lang, "pipeline.summary",
                                   {{"companies", std::to_string(companies.size())},
                                    {"potential", std::to_string(potential)},
                                    {"relocated", std::to_string(relocated)}})},
        {"overdue", overdue > 0 ? json(format_count(lang, "pipeline.overdue_total", overdue)) : json(false)},
        {"new_href", with_lang(std::string(kPath) + "/nouvelle", lang)},
        {"api_href", "/api/v1/companies"}};
    return render_private_page(app, req, &*caller, "pipeline", data, std::string(tr(lang, "pipeline.title")));
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }
}

// ---- one company ----

struct MoveForm {
  std::string to, note, lost_reason, jobs_relocated, next_action, next_action_on;
  std::string employee_email;  // the link form's
};

json text_field(Lang lang, std::string_view id, std::string_view label_key, std::string_view hint_key,
                const std::string& value, const FormErrors& errors, std::string_view type = "text",
                std::string_view autocomplete = {}, bool required = false) {
  return field_json(lang,
                    FieldSpec{.id = id,
                              .label_key = label_key,
                              .hint_key = hint_key,
                              .type = type,
                              .autocomplete = autocomplete,
                              .required = required},
                    value, errors);
}

json stage_options(const domain::Company& c, const std::string& chosen, Lang lang) {
  json out = json::array();
  for (const auto s : domain::kAllStages) {
    if (s == c.stage) continue;
    // Offer what check_move could allow; the service says why when it does not.
    if (c.stage == domain::Stage::Lost || c.stage == domain::Stage::JobsRelocated) break;
    if (s != domain::Stage::Lost && static_cast<int>(s) < static_cast<int>(c.stage)) continue;
    const std::string key(to_string(s));
    out.push_back(option_json(key, stage_words(s, lang), key == chosen));
  }
  return out;
}

Response company_page(App& app, const RequestContext& req, const service::Caller& caller, domain::CompanyId id,
                      const MoveForm& form, const FormErrors& errors, unsigned status) {
  const Lang lang = req.lang;
  const auto c = app.prospection.get(caller.actor, id);
  const domain::Date today = app.prospection.today();
  const auto snapshot = app.directory.snapshot();
  json contacts = json::array();
  for (const auto& k : c.contacts)
    contacts.push_back({{"name", k.name},
                        {"role", k.role},
                        {"email", k.email},
                        {"mailto", k.email.empty() ? json(false) : json("mailto:" + k.email)},
                        {"phone", k.phone}});
  json targets = json::array();
  for (const auto cid : c.target_centres)
    for (const auto& centre : snapshot->centres)
      if (centre.id == cid) targets.push_back({{"name", centre.name}, {"href", centre_href(cid, lang)}});
  json history = json::array();
  for (auto it = c.history.rbegin(); it != c.history.rend(); ++it)
    history.push_back({{"on", format_date(it->on, lang)},
                       {"iso", it->on.iso()},
                       {"stage", it->from == it->to ? stage_words(it->to, lang)
                                                    : format_message(lang, "pipeline.history.move",
                                                                     {{"from", stage_words(it->from, lang)},
                                                                      {"to", stage_words(it->to, lang)}})},
                       {"note", it->note}});
  const domain::Commune* head =
      c.head_office_insee.empty() ? nullptr : snapshot->communes.by_insee(c.head_office_insee);
  const json options = stage_options(c, form.to, lang);
  json move_form = false;
  if (!options.empty())
    move_form = {
        {"action", with_lang(company_path(id) + "/etape", lang)},
        {"csrf", caller.csrf_token},
        {"stage", select_field_json(lang, "to", "pipeline.form.to", "pipeline.form.to_hint", options, true, errors)},
        {"note", textarea_field_json(lang, "note", "pipeline.form.note", "", form.note, 3, errors)},
        {"lost_reason", text_field(lang, "lost_reason", "pipeline.form.lost_reason", "pipeline.form.lost_reason_hint",
                                   form.lost_reason, errors)},
        {"jobs_relocated", text_field(lang, "jobs_relocated", "pipeline.form.jobs_relocated",
                                      "pipeline.form.jobs_relocated_hint", form.jobs_relocated, errors, "number")},
        {"next_action", text_field(lang, "next_action", "pipeline.form.next_action", "pipeline.form.next_action_hint",
                                   form.next_action.empty() ? c.next_action : form.next_action, errors)},
        {"next_action_on",
         text_field(lang, "next_action_on", "pipeline.form.next_action_on", "",
                    form.next_action_on.empty() && c.next_action_on ? c.next_action_on->iso() : form.next_action_on,
                    errors, "date")}};
  json employees = json::array();
  for (const auto& e : c.linked)
    employees.push_back(
        {{"name", e.name.empty() ? std::string(tr(lang, "pipeline.employees.unnamed")) : e.name},
         {"since", format_date(e.linked_on, lang)},
         {"action", with_lang(company_path(id) + "/salaries/" + std::to_string(e.person_id) + "/retrait", lang)},
         {"label", format_message(lang, "pipeline.employees.unlink", {{"name", e.name}})}});
  json data = {{"current", {{"prospection", true}}},
               {"notice", done_notice(req, "pipeline.done", {"etape", "cree", "relie", "retire"})},
               {"employees",
                {{"has", !employees.empty()},
                 {"list", std::move(employees)},
                 {"action", with_lang(company_path(id) + "/salaries", lang)},
                 {"csrf", caller.csrf_token},
                 {"email", text_field(lang, "employee_email", "pipeline.employees.email",
                                      "pipeline.employees.email_hint", form.employee_email, errors, "email")}}},
               {"error_summary", errors.summary()},
               {"name", c.name},
               {"stage", stage_words(c.stage, lang)},
               {"siren", c.siren.empty() ? json(false) : json(c.siren)},
               {"sector", c.sector.empty() ? json(false) : json(c.sector)},
               {"head_office",
                head ? json(head->name) : json(c.head_office_insee.empty() ? json(false) : json(c.head_office_insee))},
               {"employees", c.employees > 0 ? json(format_number(c.employees, 0, lang)) : json(false)},
               {"partner", c.partner.empty() ? json(false) : json(c.partner)},
               {"potential", format_number(c.potential_jobs, 0, lang)},
               {"relocated", format_number(c.jobs_relocated, 0, lang)},
               {"lost_reason", c.lost_reason.empty() ? json(false) : json(c.lost_reason)},
               {"next", next_action_json(c, today, lang)},
               {"has_contacts", !contacts.empty()},
               {"contacts", std::move(contacts)},
               {"has_targets", !targets.empty()},
               {"targets", std::move(targets)},
               {"history", std::move(history)},
               {"move_form", move_form},
               {"back_href", with_lang(std::string(kPath), lang)},
               {"api_href", "/api/v1/companies/" + std::to_string(id)}};
  return render_private_page(
      app, req, &caller, "pipeline_company", data,
      form_title(lang, c.name + " — " + std::string(tr(lang, "pipeline.title")), !errors.empty()), status);
}

Response get_company(App& app, const RequestContext& req) {
  const auto id = id_of(req);
  if (!id) return not_found_page(app, req);
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  try {
    return company_page(app, req, *caller, *id, {}, FormErrors(req.lang), 200);
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }
}

std::optional<int> parse_count(const std::string& text) {
  if (text.empty() || text.size() > 7 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoi(text);
}

Response post_move(App& app, const RequestContext& req) {
  const auto id = id_of(req);
  if (!id) return not_found_page(app, req);
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller, kPath)) return std::move(*early);
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  const MoveForm f{form.text("to"),
                   form.text("note"),
                   form.text("lost_reason"),
                   form.text("jobs_relocated"),
                   form.text("next_action"),
                   form.text("next_action_on"),
                   ""};
  const bool from_board = form.text("from") == "board";
  FormErrors errors(req.lang);
  try {
    app.prospection.get(caller->actor, *id);  // who may, and whether it exists, before reading the form
    service::StageMove m;
    const auto to = domain::parse_stage(f.to);
    if (!to) errors.add("to", tr(Lang::Fr, "pipeline.form.to_missing"), tr(Lang::En, "pipeline.form.to_missing"));
    m.to = to.value_or(domain::Stage::Identified);
    m.note = f.note;
    m.lost_reason = f.lost_reason;
    if (!f.jobs_relocated.empty()) {
      m.jobs_relocated = parse_count(f.jobs_relocated);
      if (!m.jobs_relocated)
        errors.add("jobs_relocated", tr(Lang::Fr, "pipeline.form.count_bad"), tr(Lang::En, "pipeline.form.count_bad"));
    }
    if (!from_board) m.next_action = f.next_action;
    if (!f.next_action_on.empty()) {
      m.next_action_on = domain::parse_date(f.next_action_on);
      if (!m.next_action_on)
        errors.add("next_action_on", tr(Lang::Fr, "pipeline.form.date_bad"), tr(Lang::En, "pipeline.form.date_bad"));
    }
    if (!errors.empty()) return company_page(app, req, *caller, *id, f, errors, 400);
    app.prospection.move(caller->actor, *id, m);
    return see_other(with_lang((from_board ? std::string(kPath) : company_path(*id)) + "?fait=etape", req.lang));
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    const std::string field = e.field == "lost_reason" || e.field == "jobs_relocated" || e.field == "next_action" ||
                                      e.field == "next_action_on" || e.field == "note"
                                  ? e.field
                                  : std::string("to");
    errors.add(field, e.message_fr, e.message_en);
    return company_page(app, req, *caller, *id, f, errors, form_status(e.kind));
  }
}

Response post_link(App& app, const RequestContext& req) {
  const auto id = id_of(req);
  if (!id) return not_found_page(app, req);
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller, kPath)) return std::move(*early);
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  MoveForm f;
  f.employee_email = form.text("employee_email");
  FormErrors errors(req.lang);
  try {
    app.prospection.get(caller->actor, *id);  // who may, and whether it exists, before reading the form
    if (f.employee_email.empty()) {
      errors.add("employee_email", tr(Lang::Fr, "pipeline.employees.email_missing"),
                 tr(Lang::En, "pipeline.employees.email_missing"));
      return company_page(app, req, *caller, *id, f, errors, 400);
    }
    app.prospection.link_employee(caller->actor, *id, {f.employee_email, std::nullopt});
    return see_other(with_lang(company_path(*id) + "?fait=relie#employees", req.lang));
  } catch (const ServiceError& e) {
    if (e.kind != Kind::Conflict && e.field != "email")
      if (auto page = refusal_page(app, req, e)) return std::move(*page);
    errors.add("employee_email", e.message_fr, e.message_en);
    return company_page(app, req, *caller, *id, f, errors, form_status(e.kind));
  }
}

Response post_unlink(App& app, const RequestContext& req) {
  const auto id = id_of(req);
  const std::string& person = req.path_params.at("person");
  const bool digits = !person.empty() && person.size() < 16 &&
                      std::all_of(person.begin(), person.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!id || !digits) return not_found_page(app, req);
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller, kPath)) return std::move(*early);
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  try {
    app.prospection.unlink_employee(caller->actor, *id, std::stoll(person));
    return see_other(with_lang(company_path(*id) + "?fait=retire#employees", req.lang));
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    return error_page(app, req, form_status(e.kind), e.message_fr, e.message_en);
  }
}

// ---- a new company ----

struct NewForm {
  std::string name, siren, sector, head_office, employees, partner, potential_jobs, next_action, next_action_on;
  std::string contact_name, contact_role, contact_email, contact_phone;
  std::vector<std::string> targets;
};

Response new_page(App& app, const RequestContext& req, const service::Caller& caller, const NewForm& f,
                  const FormErrors& errors, unsigned status) {
  const Lang lang = req.lang;
  json centres = json::array();
  for (const auto& c : app.directory.snapshot()->centres) {
    const std::string id = std::to_string(c.id);
    centres.push_back({{"id", "target-" + id},
                       {"value", id},
                       {"label", c.name},
                       {"checked", std::find(f.targets.begin(), f.targets.end(), id) != f.targets.end()}});
  }
  const json data = {
      {"current", {{"prospection", true}}},
      {"error_summary", errors.summary()},
      {"action", with_lang(std::string(kPath) + "/nouvelle", lang)},
      {"csrf", caller.csrf_token},
      {"name", text_field(lang, "name", "pipeline.new.name", "", f.name, errors, "text", "organization", true)},
      {"siren", text_field(lang, "siren", "pipeline.new.siren", "pipeline.new.siren_hint", f.siren, errors)},
      {"sector", text_field(lang, "sector", "pipeline.new.sector", "", f.sector, errors)},
      {"head_office", text_field(lang, "head_office", "pipeline.new.head_office", "pipeline.new.head_office_hint",
                                 f.head_office, errors)},
      {"employees", text_field(lang, "employees", "pipeline.new.employees", "", f.employees, errors, "number")},
      {"partner", text_field(lang, "partner", "pipeline.new.partner", "pipeline.new.partner_hint", f.partner, errors)},
      {"potential_jobs",
       text_field(lang, "potential_jobs", "pipeline.new.potential_jobs", "", f.potential_jobs, errors, "number")},
      {"contact_name", text_field(lang, "contact_name", "pipeline.new.contact_name", "", f.contact_name, errors)},
      {"contact_role", text_field(lang, "contact_role", "pipeline.new.contact_role", "", f.contact_role, errors)},
      {"contact_email",
       text_field(lang, "contact_email", "pipeline.new.contact_email", "", f.contact_email, errors, "email")},
      {"contact_phone",
       text_field(lang, "contact_phone", "pipeline.new.contact_phone", "", f.contact_phone, errors, "tel")},
      {"next_action", text_field(lang, "next_action", "pipeline.form.next_action", "", f.next_action, errors)},
      {"next_action_on",
       text_field(lang, "next_action_on", "pipeline.form.next_action_on", "", f.next_action_on, errors, "date")},
      {"centres", std::move(centres)},
      {"back_href", with_lang(std::string(kPath), lang)}};
  return render_private_page(app, req, &caller, "pipeline_new", data,
                             form_title_for_key(lang, "pipeline.new.title", !errors.empty()), status);
}

Response get_new(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  try {
    app.prospection.list(caller->actor);  // who may
    return new_page(app, req, *caller, {}, FormErrors(req.lang), 200);
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }
}

Response post_new(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller, kPath)) return std::move(*early);
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  NewForm f{form.text("name"),           form.text("siren"),        form.text("sector"),
            form.text("head_office"),    form.text("employees"),    form.text("partner"),
            form.text("potential_jobs"), form.text("next_action"),  form.text("next_action_on"),
            form.text("contact_name"),   form.text("contact_role"), form.text("contact_email"),
            form.text("contact_phone"),  form.all("target")};
  FormErrors errors(req.lang);
  try {
    app.prospection.list(caller->actor);  // who may, before reading the form
    domain::Company c;
    c.name = f.name;
    c.siren = f.siren;
    c.sector = f.sector;
    c.head_office_insee = f.head_office;
    c.partner = f.partner;
    c.next_action = f.next_action;
    for (const auto& [text, field, target] : {std::tuple{&f.employees, "employees", &c.employees},
                                              std::tuple{&f.potential_jobs, "potential_jobs", &c.potential_jobs}}) {
      if (text->empty()) continue;
      if (const auto n = parse_count(*text))
        *target = *n;
      else
        errors.add(field, tr(Lang::Fr, "pipeline.form.count_bad"), tr(Lang::En, "pipeline.form.count_bad"));
    }
    if (!f.next_action_on.empty()) {
      c.next_action_on = domain::parse_date(f.next_action_on);
      if (!c.next_action_on)
        errors.add("next_action_on", tr(Lang::Fr, "pipeline.form.date_bad"), tr(Lang::En, "pipeline.form.date_bad"));
    }
    if (!f.contact_name.empty() || !f.contact_email.empty() || !f.contact_phone.empty() || !f.contact_role.empty())
      c.contacts.push_back({f.contact_name, f.contact_role, f.contact_email, f.contact_phone});
    for (const auto& t : f.targets)
      if (const auto n = parse_count(t)) c.target_centres.push_back(*n);
    if (f.name.empty())
      errors.add("name", tr(Lang::Fr, "pipeline.new.name_missing"), tr(Lang::En, "pipeline.new.name_missing"));
    if (!errors.empty()) return new_page(app, req, *caller, f, errors, 400);
    const auto created = app.prospection.create(caller->actor, c);
    return see_other(with_lang(company_path(created.id) + "?fait=cree", req.lang));
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    // The service names the field in the API's words; the form's ids differ for the contact and the centres.
    std::string field = e.field;
    if (field == "contacts") field = f.contact_email.empty() ? "contact_name" : "contact_email";
    if (field == "target_centres" || field.empty()) field = "name";
    errors.add(field, e.message_fr, e.message_en);
    return new_page(app, req, *caller, f, errors, form_status(e.kind));
  }
}

}  // namespace

void add_prospection_page_routes(Router& r, App& app) {
  r.add({Method::Get, std::string(kPath), [&app](const RequestContext& req) { return board_page(app, req); },
         Exec::Pool, "The prospection pipeline, one column per stage (HTML, animator, admins)"});
  r.add({Method::Get, std::string(kPath) + "/nouvelle", [&app](const RequestContext& req) { return get_new(app, req); },
         Exec::Pool, "A company to add to the prospection (form)"});
  r.add({Method::Post, std::string(kPath) + "/nouvelle",
         [&app](const RequestContext& req) { return post_new(app, req); }, Exec::Pool,
         "Add a company to the prospection (form), 303 to its page"});
  r.add({Method::Get, std::string(kPath) + "/{id}", [&app](const RequestContext& req) { return get_company(app, req); },
         Exec::Pool, "A prospected company: contacts, history, the move form (HTML)"});
  r.add({Method::Post, std::string(kPath) + "/{id}/etape",
         [&app](const RequestContext& req) { return post_move(app, req); }, Exec::Pool,
         "Move a company along the pipeline (form), 303 back"});
  r.add({Method::Post, std::string(kPath) + "/{id}/salaries",
         [&app](const RequestContext& req) { return post_link(app, req); }, Exec::Pool,
         "Link a relocated employee's account to the company (form), 303 back"});
  r.add({Method::Post, std::string(kPath) + "/{id}/salaries/{person}/retrait",
         [&app](const RequestContext& req) { return post_unlink(app, req); }, Exec::Pool,
         "Remove a relocated employee's link to the company (form), 303 back"});
}

}  // namespace tc::web
