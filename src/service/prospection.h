// Prospection of large national companies, for the network's animator and the council: the companies, their
// contacts and the partner involved, and their moves along the pipeline with a dated history and next actions.
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
  domain::Date today() const;

 private:
  store::Store& store_;
  Clock clock_;
};

}  // namespace tc::service
