// The FNADT grant under the DIACT call for projects: an amount per eligible centre and per occupied post, more in a
// rural revitalisation zone (ZRR), within the programme's envelope. Rulesets are data, so that a later call is a
// new row, not new code; the statement is pure arithmetic over what the service gathered.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/centre.h"
#include "domain/conformity.h"
#include "domain/date.h"
#include "domain/money.h"
#include "domain/occupancy.h"
#include "domain/person.h"

namespace tc::domain {

struct GrantRuleset {
  std::int64_t id = 0;
  std::string name;  // unique, e.g. "DIACT-2006"
  std::string description;
  Date valid_from;
  std::optional<Date> valid_to;  // inclusive; none: still in force
  Cents centre_zrr_cents = 0;
  Cents centre_other_cents = 0;
  Cents post_zrr_cents = 0;
  Cents post_other_cents = 0;
  Cents envelope_cents = 0;
  OccupancyRule occupancy;
  double min_broadband_mbps = 2;  // the premises' conformity threshold under this call

  ConformityRules conformity() const;
  bool valid_on(Date d) const;
};

// The 2006 call: €12,000 per centre and €2,000 per occupied post in a ZRR, €8,000 and €1,500 outside, within
// €100,000; a post is occupied under an agreement or when booked 25 % of its open half-days; 2 Mbit/s.
GrantRuleset diact_2006();

std::vector<FieldError> validate(const GrantRuleset& r);

// What the statement needs to know of a centre, gathered by the service for the period.
struct GrantCentreInput {
  CentreId id = 0;
  std::string name;
  std::string commune;
  CentreStatus status = CentreStatus::Planned;  // on the period's last day
  bool zrr = false;                             // on the period's first day (see GrantStatement::zrr_date)
  int posts = 0;
  int occupied_posts = 0;
};

struct GrantLine {
  CentreId centre_id = 0;
  std::string name;
  std::string commune;
  CentreStatus status = CentreStatus::Planned;
  bool zrr = false;
  Cents base_cents = 0;
  int occupied_posts = 0;
  Cents per_post_cents = 0;
  Cents total_cents = 0;  // base + occupied posts × per post
};

struct GrantStatement {
  std::string ruleset;
  Date from;                       // reference period, inclusive
  Date to;                         // inclusive
  Date zrr_date;                   // the date whose ZRR classification counts: the period's first day
  Date status_date;                // the date whose status decides eligibility: the period's last day
  std::vector<GrantLine> centres;  // eligible: opening or in service
  Cents envelope_cents = 0;
  Cents total_cents = 0;
  Cents payable_cents = 0;    // min(total, envelope)
  Cents shortfall_cents = 0;  // total − payable: what the envelope cannot pay
  Cents remaining_cents = 0;  // envelope − payable
  // Planned centres, as if every post they plan were occupied: what they would add to the claim.
  std::vector<GrantLine> forecast_centres;
  Cents forecast_cents = 0;
  Cents forecast_network_cents = 0;  // total + forecast
  Cents forecast_payable_cents = 0;
  Cents forecast_shortfall_cents = 0;
  std::vector<FieldError> warnings;  // e.g. the period is outside the ruleset's validity
};

GrantLine grant_line(const GrantRuleset& r, const GrantCentreInput& c, int posts_counted);
GrantStatement compute_statement(const GrantRuleset& r, Date from, Date to,
                                 const std::vector<GrantCentreInput>& centres);

}  // namespace tc::domain
