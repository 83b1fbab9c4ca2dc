// Prospection of large national companies, for the network's animator and the council: the companies, their
// contacts and the partner involved, their moves along the pipeline with a dated history and next actions, and the
// accounts of the employees whose jobs they relocated.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/company.h"
#include "domain/person.h"
#include "service/clock.h"
#include "store/store.h"

namespace tc::service {

struct StageMove {
  domain::Stage to = domain::Stage::Contacted;
  std::string note;
  std::string lost_reason;                 // with lost
  std::optional<int> jobs_relocated;       // with jobs_relocated (and any time after an agreement)
  std::optional<std::string> next_action;  // replaces the next action when given
  std::optional<domain::Date> next_action_on;
};

// Whose account to link to a company: an e-mail, or else an id.
struct EmployeeRef {
  std::string email;
  std::optional<domain::PersonId> id;
};

class Prospection {
 public:
  Prospection(store::Store& store, Clock clock);
  // Animators and admins (Forbidden otherwise). Invalid with the field for a wrong company, an unknown head-office
  // commune or target centre. Starts at `identified`, with that first step in its history.
  domain::Company create(const domain::Actor& actor, domain::Company c);
  std::vector<domain::Company> list(const domain::Actor& actor);
  domain::Company get(const domain::Actor& actor, domain::CompanyId id);
  // One move along the pipeline (domain::check_move), dated today (Paris), with its note; Unprocessable when the
  // move is not allowed, NotFound for an unknown company. Audited.
  domain::Company move(const domain::Actor& actor, domain::CompanyId id, const StageMove& m);
  // Links a relocated employee's teleworker account to the company and sets their category to relocated_employee
  // (kept in their category history), in one transaction; audited. NotFound for an unknown company; Invalid
  // ("email") for no such account, an erased one or one that is not a teleworker's; Conflict when the person is
  // already linked to a company.
  domain::Company link_employee(const domain::Actor& actor, domain::CompanyId id, const EmployeeRef& who);
  // Removes the link (the person's category stays theirs to change). NotFound when the company is unknown or the
  // person is not linked to it; audited.
  domain::Company unlink_employee(const domain::Actor& actor, domain::CompanyId id, domain::PersonId person);
  domain::Date today() const;
  // Once a day (the date is kept in the settings, so one server of several sends it): one e-mail to each person
  // who last moved a company whose next action is overdue, listing those companies with a link to each
  // (prospection_reminders.cpp). Returns the e-mails queued.
  int send_overdue_reminders(const std::string& public_url);

 private:
  store::Store& store_;
  Clock clock_;
};

}  // namespace tc::service
