// Prospection of large national companies over the API (the network's animator and the council):
//
//   POST /api/v1/companies                 a company, its contacts, partner, potential jobs, target centres: 201
//   GET  /api/v1/companies                 the pipeline: every company with its stage, history and next action,
//                                          `overdue` when the next action's date has passed; counts per stage
//   GET  /api/v1/companies/{id}            one company
//   POST /api/v1/companies/{id}/stage      a move along the pipeline {stage, note, lost_reason, jobs_relocated,
//                                          next_action, next_action_on}
//   POST   /api/v1/companies/{id}/employees              link a relocated employee's account {email}: 201
//   DELETE /api/v1/companies/{id}/employees/{person_id}  unlink it: 204
#include "service/prospection.h"
#include "web/api/json_body.h"
#include "web/app.h"
#include "web/auth.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;

[[noreturn]] void invalid(const std::string& fr, const std::string& en, const char* field) {
  throw ServiceError(ServiceError::Kind::Invalid, fr, en, field);
}

std::optional<domain::Date> optional_date(const json& body, const char* name) {
  const auto text = optional_string(body, name);
  if (!text) return std::nullopt;
  const auto d = domain::parse_date(*text);
  if (!d)
    invalid(std::string("« ") + name + " » est une date AAAA-MM-JJ.", std::string(name) + " is a date YYYY-MM-DD.",
            name);
  return d;
}

int count_of(const json& body, const char* name) {
  const auto v = optional_integer(body, name).value_or(0);
  if (v < 0 || v > 10'000'000)
    invalid(std::string("« ") + name + " » est un nombre positif.", std::string(name) + " is a positive number.", name);
  return static_cast<int>(v);
}

json company_json(const domain::Company& c, domain::Date today) {
  json contacts = json::array();
  for (const auto& k : c.contacts)
    contacts.push_back({{"name", k.name}, {"role", k.role}, {"email", k.email}, {"phone", k.phone}});
  json history = json::array();
  for (const auto& h : c.history)
    history.push_back({{"from", std::string(to_string(h.from))},
                       {"to", std::string(to_string(h.to))},
                       {"on", h.on.iso()},
                       {"note", h.note},
                       {"by", h.by > 0 ? json(h.by) : json(nullptr)}});
  json linked = json::array();
  for (const auto& e : c.linked)
    linked.push_back({{"person_id", e.person_id}, {"name", e.name}, {"linked_on", e.linked_on.iso()}});
  return {{"id", c.id},
          {"name", c.name},
          {"siren", c.siren.empty() ? json(nullptr) : json(c.siren)},
          {"sector", c.sector},
          {"head_office", c.head_office_insee.empty() ? json(nullptr) : json(c.head_office_insee)},
          {"employees", c.employees},
          {"partner", c.partner},
          {"contacts", contacts},
          {"stage", std::string(to_string(c.stage))},
          {"lost_reason", c.lost_reason.empty() ? json(nullptr) : json(c.lost_reason)},
          {"potential_jobs", c.potential_jobs},
          {"jobs_relocated", c.jobs_relocated},
          {"target_centres", c.target_centres},
          {"next_action", c.next_action.empty() ? json(nullptr) : json(c.next_action)},
          {"next_action_on", c.next_action_on ? json(c.next_action_on->iso()) : json(nullptr)},
          {"overdue", c.overdue(today)},
          {"history", history},
          {"linked_employees", linked},
          {"employees_linked", c.linked.size()},
          {"href", "/api/v1/companies/" + std::to_string(c.id)}};
}

Response create(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  if (!actor.is_admin() && !actor.has(domain::Role::Animator))
    return problem(req, 403, "La prospection est réservée à l'animation du réseau et au conseil.",
                   "Prospection is for the network's animator and the council.");
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  domain::Company c;
  c.name = required_string(body, "name");
  c.siren = optional_string(body, "siren").value_or("");
  c.sector = optional_string(body, "sector").value_or("");
  c.head_office_insee = optional_string(body, "head_office").value_or("");
  c.employees = count_of(body, "employees");
  c.partner = optional_string(body, "partner").value_or("");
  c.potential_jobs = count_of(body, "potential_jobs");
  c.next_action = optional_string(body, "next_action").value_or("");
  c.next_action_on = optional_date(body, "next_action_on");
  if (body.contains("contacts")) {
    if (!body["contacts"].is_array()) invalid("« contacts » est une liste.", "\"contacts\" is a list.", "contacts");
    for (const auto& k : body["contacts"]) {
      if (!k.is_object()) invalid("Chaque contact est un objet.", "Each contact is an object.", "contacts");
      c.contacts.push_back({optional_string(k, "name").value_or(""), optional_string(k, "role").value_or(""),
                            optional_string(k, "email").value_or(""), optional_string(k, "phone").value_or("")});
    }
  }
  if (body.contains("target_centres")) {
    if (!body["target_centres"].is_array())
      invalid("« target_centres » est une liste de numéros.", "\"target_centres\" is a list of ids.", "target_centres");
    for (const auto& id : body["target_centres"]) {
      if (!id.is_number_integer())
        invalid("« target_centres » est une liste de numéros.", "\"target_centres\" is a list of ids.",
                "target_centres");
      c.target_centres.push_back(id.get<domain::CentreId>());
    }
  }
  const auto created = app.prospection.create(actor, c);
  Response out = json_response(company_json(created, app.prospection.today()), 201);
  out.header("Location", "/api/v1/companies/" + std::to_string(created.id));
  return out;
}

Response list(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto today = app.prospection.today();
  json items = json::array();
  json per_stage = json::object();
  for (const auto s : domain::kAllStages) per_stage[std::string(to_string(s))] = 0;
  int relocated = 0, potential = 0, linked = 0;
  for (const auto& c : app.prospection.list(std::get<service::Caller>(who).actor)) {
    items.push_back(company_json(c, today));
    per_stage[std::string(to_string(c.stage))] = per_stage[std::string(to_string(c.stage))].get<int>() + 1;
    relocated += c.jobs_relocated;
    linked += static_cast<int>(c.linked.size());
    if (c.stage != domain::Stage::Lost) potential += c.potential_jobs;
  }
  Response out = json_response({{"companies", items},
                                {"per_stage", per_stage},
                                {"jobs_relocated", relocated},
                                {"potential_jobs", potential},
                                {"employees_linked", linked}});
  out.header("Cache-Control", "no-store");
  return out;
}

Response one(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  Response out = json_response(
      company_json(app.prospection.get(std::get<service::Caller>(who).actor, path_id(req)), app.prospection.today()));
  out.header("Cache-Control", "no-store");
  return out;
}

Response stage(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  const domain::CompanyId id = path_id(req);
  app.prospection.get(actor, id);  // who may, and whether it exists, before reading the body
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  service::StageMove m;
  const auto to = domain::parse_stage(required_string(body, "stage"));
  if (!to)
    invalid("« stage » : identified, contacted, meeting, proposal, agreement_signed, jobs_relocated ou lost.",
            "\"stage\" is identified, contacted, meeting, proposal, agreement_signed, jobs_relocated or lost.",
            "stage");
  m.to = *to;
  m.note = optional_string(body, "note").value_or("");
  m.lost_reason = optional_string(body, "lost_reason").value_or("");
  if (body.contains("jobs_relocated")) m.jobs_relocated = count_of(body, "jobs_relocated");
  m.next_action = optional_string(body, "next_action");
  m.next_action_on = optional_date(body, "next_action_on");
  return json_response(company_json(app.prospection.move(actor, id, m), app.prospection.today()));
}

Response link_employee(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  const domain::CompanyId id = path_id(req);
  app.prospection.get(actor, id);  // who may, and whether it exists, before reading the body
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  service::EmployeeRef ref;
  ref.email = optional_string(body, "email").value_or("");
  if (ref.email.empty()) {
    const auto person = optional_integer(body, "person_id");
    if (!person)
      invalid("Donnez l'adresse e-mail du compte (« email ») ou son numéro (« person_id »).",
              "Give the account's e-mail (\"email\") or its number (\"person_id\").", "email");
    ref.id = *person;
  }
  return json_response(company_json(app.prospection.link_employee(actor, id, ref), app.prospection.today()), 201);
}

Response unlink_employee(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto& actor = std::get<service::Caller>(who).actor;
  app.prospection.unlink_employee(actor, path_id(req), path_id(req, "person_id"));
  Response out;
  out.status = 204;
  return out;
}

}  // namespace

void add_company_api_routes(Router& r, App& app) {
  r.add({Method::Post, "/api/v1/companies", [&app](const RequestContext& req) { return create(app, req); }, Exec::Pool,
         "Add a company to the prospection (animator, admins)"});
  r.add({Method::Get, "/api/v1/companies", [&app](const RequestContext& req) { return list(app, req); }, Exec::Pool,
         "The prospection pipeline (animator, admins)"});
  r.add({Method::Get, "/api/v1/companies/{id}", [&app](const RequestContext& req) { return one(app, req); }, Exec::Pool,
         "One company of the prospection (animator, admins)"});
  r.add({Method::Post, "/api/v1/companies/{id}/stage", [&app](const RequestContext& req) { return stage(app, req); },
         Exec::Pool, "Move a company along the pipeline (animator, admins)"});
  r.add({Method::Post, "/api/v1/companies/{id}/employees",
         [&app](const RequestContext& req) { return link_employee(app, req); }, Exec::Pool,
         "Link a relocated employee's account to a company (animator, admins)"});
  r.add({Method::Delete, "/api/v1/companies/{id}/employees/{person_id}",
         [&app](const RequestContext& req) { return unlink_employee(app, req); }, Exec::Pool,
         "Unlink a relocated employee's account from a company (animator, admins)"});
}

}  // namespace tc::web
