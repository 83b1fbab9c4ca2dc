// Applications (candidatures): a person applies to centres; the centre's hosts and the council's admins review;
// the applicant may withdraw; a freed place goes to the first of the waiting list. Who may see and do what is
// decided here, for pages and API alike: an application the caller may not see is "not found", never "forbidden",
// so that ids reveal nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/application.h"
#include "domain/person.h"
#include "domain/waiting_list.h"
#include "service/clock.h"
#include "store/store.h"

namespace tc::service {

struct NewApplication {
  domain::CentreId centre_id = 0;
  int days_per_week = 0;
  std::string start_date;  // YYYY-MM-DD
  std::string motivation;
  std::optional<int> rank;  // default: after the person's other open applications
  std::string heard_from;   // how the applicant heard of the network (free text, optional)
  // The communication action through which they heard of it (optional); Invalid ("heard_via_action") when unknown.
  std::optional<std::int64_t> heard_via_action;
};

struct ApplicationQuery {
  std::optional<domain::ApplicationState> state;
  std::optional<domain::CentreId> centre_id;
  std::optional<domain::Category> category;
  std::string from;  // YYYY-MM-DD, inclusive
  std::string to;    // YYYY-MM-DD, inclusive
};

// An application as the caller may see it: `show_rqth` false hides the applicant's disability flag.
struct ApplicationView {
  store::ApplicationRow row;
  std::string centre_name;
  bool show_applicant = false;  // reviewers and admins see who applied; others only their own
  bool show_rqth = false;
};

class Applications {
 public:
  Applications(store::Store& store, Clock clock, domain::WaitingPolicy policy = default_policy());

  // Priority in waiting lists: job seekers and people with a recognised disability (the seed's publics).
  static domain::WaitingPolicy default_policy();

  ApplicationView apply(const domain::Actor& actor, const NewApplication& a);
  // Throws ServiceError{Forbidden} unless the actor may apply: lets callers check before reading any input.
  static void ensure_may_apply(const domain::Actor& actor);
  std::vector<ApplicationView> list(const domain::Actor& actor, const ApplicationQuery& q);
  // nullopt when it does not exist or the caller may not see it.
  std::optional<ApplicationView> get(const domain::Actor& actor, domain::ApplicationId id);
  // decision: accepted, waitlisted, declined (and under_review, ended for reviewers).
  ApplicationView decide(const domain::Actor& actor, domain::ApplicationId id, domain::ApplicationState decision,
                         const std::string& message);
  ApplicationView withdraw(const domain::Actor& actor, domain::ApplicationId id, const std::string& message);

  // Removes declined and withdrawn applications older than `months` (RGPD retention); returns how many.
  int purge_older_than(int months);

 private:
  bool may_see(const domain::Actor& actor, const store::ApplicationRow& row) const;
  ApplicationView view(store::Transaction& tx, const domain::Actor& actor, store::ApplicationRow row);
  // After a place freed at a centre: offers it to the first in line, if any, within the same transaction.
  void offer_freed_place(store::Transaction& tx, domain::CentreId centre, domain::PersonId trigger);
  void notify(store::Transaction& tx, const store::ApplicationRow& row, const std::string& centre_name);

  store::Store& store_;
  Clock clock_;
  domain::WaitingPolicy policy_;
};

}  // namespace tc::service
