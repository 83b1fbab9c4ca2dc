#include "service/prospection.h"

#include <algorithm>

#include "calendar/time_zone.h"
#include "service/errors.h"

namespace tc::service {

namespace {

using Kind = ServiceError::Kind;

void require_prospector(const domain::Actor& a) {
  if (!a.is_admin() && !a.has(domain::Role::Animator))
    throw ServiceError(Kind::Forbidden, "La prospection est réservée à l'animation du réseau et au conseil.",
                       "Prospection is for the network's animator and the council.");
}

[[noreturn]] void refuse(Kind kind, const std::vector<domain::FieldError>& errors) {
  throw ServiceError(kind, errors.front().message_fr, errors.front().message_en, errors.front().field);
}

[[noreturn]] void not_found() {
  throw ServiceError(Kind::NotFound, "Cette entreprise n'existe pas.", "This company does not exist.", "id");
}

}  // namespace

Prospection::Prospection(store::Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

domain::Date Prospection::today() const {
  static const auto paris = calendar::find_zone("Europe/Paris");
  return paris->local_date(clock_());
}

domain::Company Prospection::create(const domain::Actor& actor, domain::Company c) {
  require_prospector(actor);
  if (auto errors = domain::validate(c); !errors.empty()) refuse(Kind::Invalid, errors);
  auto tx = store_.begin(store::Access::Write);
  if (!c.head_office_insee.empty() && !tx->communes().find(c.head_office_insee))
    throw ServiceError(Kind::Invalid, "Commune du siège inconnue : " + c.head_office_insee + ".",
                       "Unknown head-office commune: " + c.head_office_insee + ".", "head_office");
  for (const auto id : c.target_centres)
    if (!tx->centres().find(id))
      throw ServiceError(Kind::Invalid, "Télécentre visé inconnu : " + std::to_string(id) + ".",
                         "Unknown target centre: " + std::to_string(id) + ".", "target_centres");
  c.stage = domain::Stage::Identified;
  c.created_at = clock_().iso();
  c.history.clear();
  c.id = tx->companies().insert(c);
  const domain::StageChange first{domain::Stage::Identified, domain::Stage::Identified, today(),
                                  "Entreprise identifiée", actor.id};
  tx->companies().add_stage_change(c.id, first);
  c.history.push_back(first);
  tx->audit().append({0, c.created_at, actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt,
                      "company.create", "company:" + std::to_string(c.id), c.name});
  tx->commit();
  return c;
}

std::vector<domain::Company> Prospection::list(const domain::Actor& actor) {
  require_prospector(actor);
  auto tx = store_.begin(store::Access::Read);
  return tx->companies().all();
}

domain::Company Prospection::get(const domain::Actor& actor, domain::CompanyId id) {
  require_prospector(actor);
  auto tx = store_.begin(store::Access::Read);
  auto c = tx->companies().find(id);
  if (!c) not_found();
  return *c;
}

domain::Company Prospection::move(const domain::Actor& actor, domain::CompanyId id, const StageMove& m) {
  require_prospector(actor);
  auto tx = store_.begin(store::Access::Write);
  auto c = tx->companies().find(id);
  if (!c) not_found();
  if (auto errors = domain::check_move(*c, m.to, m.lost_reason, m.jobs_relocated.value_or(c->jobs_relocated));
      !errors.empty())
    refuse(Kind::Unprocessable, errors);
  const domain::StageChange change{c->stage, m.to, today(), m.note, actor.id};
  c->stage = m.to;
  if (m.to == domain::Stage::Lost) c->lost_reason = m.lost_reason;
  if (m.jobs_relocated) c->jobs_relocated = *m.jobs_relocated;
  if (m.next_action) c->next_action = *m.next_action;
  if (m.next_action_on) c->next_action_on = m.next_action_on;
  if (m.to == domain::Stage::Lost || m.to == domain::Stage::JobsRelocated) {
    c->next_action.clear();
    c->next_action_on.reset();
  }
  if (auto errors = domain::validate(*c); !errors.empty()) refuse(Kind::Invalid, errors);
  tx->companies().update(*c);
  tx->companies().add_stage_change(id, change);
  c->history.push_back(change);
  tx->audit().append({0, clock_().iso(), actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt,
                      "company.stage", "company:" + std::to_string(id),
                      std::string(to_string(change.from)) + " → " + std::string(to_string(change.to))});
  tx->commit();
  return *c;
}

domain::Company Prospection::link_employee(const domain::Actor& actor, domain::CompanyId id, const EmployeeRef& who) {
  require_prospector(actor);
  auto tx = store_.begin(store::Access::Write);
  auto c = tx->companies().find(id);
  if (!c) not_found();
  std::optional<store::PersonRecord> p;
  if (!who.email.empty())
    p = tx->people().find_by_email(domain::normalise_email(who.email));
  else if (who.id)
    p = tx->people().find(*who.id);
  const bool teleworker =
      p && !p->email.empty() && std::find(p->roles.begin(), p->roles.end(), "teleworker") != p->roles.end();
  if (!teleworker)
    throw ServiceError(Kind::Invalid, "Aucun compte de télétravailleur ne correspond.",
                       "No teleworker account matches.", "email");
  if (const auto employer = tx->companies().employer_of(p->id))
    throw ServiceError(Kind::Conflict,
                       *employer == id ? "Ce compte est déjà lié à cette entreprise."
                                       : "Ce compte est déjà lié à une autre entreprise.",
                       *employer == id ? "This account is already linked to this company."
                                       : "This account is already linked to another company.",
                       "email");
  const domain::Timestamp now = clock_();
  const domain::Date on = today();
  tx->companies().link_employee(id, p->id, on);
  tx->people().set_category(p->id, domain::Category::RelocatedEmployee, on, now.iso());
  tx->audit().append({0, now.iso(), actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt,
                      "company.employee.link", "company:" + std::to_string(id), "person:" + std::to_string(p->id)});
  auto updated = tx->companies().find(id);
  tx->commit();
  return *updated;
}

domain::Company Prospection::unlink_employee(const domain::Actor& actor, domain::CompanyId id,
                                             domain::PersonId person) {
  require_prospector(actor);
  auto tx = store_.begin(store::Access::Write);
  if (!tx->companies().find(id)) not_found();
  if (!tx->companies().unlink_employee(id, person))
    throw ServiceError(Kind::NotFound, "Ce compte n'est pas lié à cette entreprise.",
                       "This account is not linked to this company.", "person_id");
  tx->audit().append({0, clock_().iso(), actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt,
                      "company.employee.unlink", "company:" + std::to_string(id), "person:" + std::to_string(person)});
  auto updated = tx->companies().find(id);
  tx->commit();
  return *updated;
}

}  // namespace tc::service
