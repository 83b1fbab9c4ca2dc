// Personal data rights (RGPD): a person downloads everything the platform holds about them, and can have it
// erased — personal fields anonymised, statistics kept. Admins can erase on a person's written request. Every
// erasure is in the audit log; the log never holds the erased data itself.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/person.h"
#include "service/clock.h"
#include "store/store.h"

namespace tc::service {

struct PersonExport {
  store::PersonRecord account;  // password hash blanked
  domain::Profile profile;
  std::vector<std::pair<std::string, std::string>> consents;
  std::vector<store::ApplicationRow> applications;      // with their history
  std::vector<store::ApiTokenRecord> api_tokens;        // hashes blanked
  std::vector<store::CategoryChange> category_history;  // oldest first
  // The company that relocated the person's job, when their account is linked to it.
  struct CompanyLink {
    domain::CompanyId company_id = 0;
    std::string company_name;
    domain::Date linked_on;
  };
  std::optional<CompanyLink> company;
};

class Privacy {
 public:
  Privacy(store::Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

  PersonExport export_person(domain::PersonId person);
  // By the person themself (who must give their password), or by an admin for anyone.
  void erase(const domain::Actor& actor, domain::PersonId person, std::string_view password);
  std::vector<store::AuditEntry> audit_log(const domain::Actor& actor, int limit, int offset);

 private:
  store::Store& store_;
  Clock clock_;
};

}  // namespace tc::service
