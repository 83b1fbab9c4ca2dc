// The network's communication plan, for its animator and the council: actions with an axis (inform / attract), a
// channel, a date, a cost and their results (reach, contacts, and the applications whose applicant says they heard
// of the network through them), a year at a time with totals per axis and per channel.
#pragma once

#include <map>
#include <vector>

#include "domain/communication.h"
#include "domain/person.h"
#include "service/clock.h"
#include "store/store.h"

namespace tc::service {

// One year of the plan: its actions by date, the applications citing each, and the totals.
struct CommYear {
  int year = 0;
  std::vector<domain::CommAction> actions;
  std::map<domain::CommActionId, int> citing;
  domain::CommSummary summary;
};

class Communication {
 public:
  Communication(store::Store& store, Clock clock);
  // Animators and admins (Forbidden otherwise). Invalid with the field for a wrong action or an unknown centre.
  // Audited.
  domain::CommAction create(const domain::Actor& actor, domain::CommAction a);
  // Replaces every field of the action `a.id` but its creation time; NotFound when unknown. Audited.
  domain::CommAction update(const domain::Actor& actor, domain::CommAction a);
  domain::CommAction get(const domain::Actor& actor, domain::CommActionId id);
  // Invalid ("year") outside 2000–2100.
  std::vector<domain::CommAction> list(const domain::Actor& actor, int year);
  domain::CommSummary summary(const domain::Actor& actor, int year);
  CommYear year(const domain::Actor& actor, int year);
  // The actions an applicant may say they heard of the network through: dated within the last two years up to
  // today, newest first. Anyone may read them (titles only are shown on the application form).
  std::vector<domain::CommAction> recent();
  domain::Date today() const;  // in Paris

 private:
  store::Store& store_;
  Clock clock_;
};

}  // namespace tc::service
