#include "service/privacy.h"

#include "service/errors.h"
#include "service/secrets.h"

namespace tc::service {

PersonExport Privacy::export_person(domain::PersonId person) {
  auto tx = store_.begin(store::Access::Read);
  PersonExport e;
  auto p = tx->people().find(person);
  if (!p) throw ServiceError(ServiceError::Kind::NotFound, "Compte introuvable.", "Account not found.");
  e.account = *p;
  e.account.password_hash.clear();
  e.profile = tx->people().profile(person);
  e.consents = tx->people().consents(person);
  store::ApplicationFilter mine;
  mine.person_id = person;
  mine.limit = 10000;
  for (const auto& row : tx->applications().list(mine))
    if (auto full = tx->applications().find(row.application.id)) e.applications.push_back(std::move(*full));
  e.api_tokens = tx->api_tokens().of_person(person);
  for (auto& t : e.api_tokens) t.token_hash.clear();
  e.category_history = tx->people().category_history(person);
  if (const auto employer = tx->companies().employer_of(person))
    if (const auto c = tx->companies().find(*employer))
      for (const auto& linked : c->linked)
        if (linked.person_id == person) e.company = PersonExport::CompanyLink{c->id, c->name, linked.linked_on};
  return e;
}

void Privacy::erase(const domain::Actor& actor, domain::PersonId person, std::string_view password) {
  const bool self = actor.id == person;
  if (!self && !actor.is_admin())
    throw ServiceError(ServiceError::Kind::NotFound, "Compte introuvable.", "Account not found.");
  std::optional<store::PersonRecord> p;
  {
    auto tx = store_.begin(store::Access::Read);
    p = tx->people().find(person);
  }
  if (!p || p->email.empty())
    throw ServiceError(ServiceError::Kind::NotFound, "Compte introuvable.", "Account not found.");
  if (self && !verify_password(p->password_hash, password))
    throw ServiceError(ServiceError::Kind::Forbidden, "Mot de passe incorrect : rien n'a été effacé.",
                       "Wrong password: nothing was erased.", "password");
  const std::string now = clock_().iso();
  auto tx = store_.begin(store::Access::Write);
  tx->people().erase(person, now);
  tx->audit().append({0, now, actor.id, "person.erase", "person:" + std::to_string(person),
                      self ? "à la demande de la personne (en ligne)" : "par un administrateur"});
  tx->commit();
}

std::vector<store::AuditEntry> Privacy::audit_log(const domain::Actor& actor, int limit, int offset) {
  if (!actor.is_admin())
    throw ServiceError(ServiceError::Kind::Forbidden, "Le journal d'audit est réservé aux administrateurs.",
                       "The audit log is for admins only.");
  auto tx = store_.begin(store::Access::Read);
  return tx->audit().latest(limit, offset);
}

}  // namespace tc::service
