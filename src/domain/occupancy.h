// Occupied posts, as the grant counts them: a post is occupied over a reference period when an occupancy
// agreement (convention d'occupation) with a named teleworker covers it, or when it was booked for at least a share
// of its open half-days. Each post says which rule made it count, so that the claim can be justified.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/centre.h"
#include "domain/date.h"
#include "domain/person.h"

namespace tc::domain {

using AgreementId = std::int64_t;

struct OccupancyAgreement {
  AgreementId id = 0;
  CentreId centre_id = 0;
  PostId post_id = 0;
  PersonId person_id = 0;
  Date from;                     // first day covered
  std::optional<Date> to;        // last day covered as signed; none: open-ended
  std::optional<Date> ended_on;  // last day covered when it was ended early
  std::string ended_reason;
  std::string created_at;

  // The last day it covers, if any: the earlier of its term and its ending.
  std::optional<Date> last_day() const;
  bool active_on(Date d) const;
  // Whether it covers at least one day of [from, to] (both inclusive).
  bool overlaps(Date period_from, Date period_to) const;
};

// Problems with an agreement as entered (dates in order); empty means valid.
std::vector<FieldError> validate(const OccupancyAgreement& a);
// Whether two agreements of the same post cover a common day.
bool overlap(const OccupancyAgreement& a, const OccupancyAgreement& b);

// The grant ruleset's occupancy rule.
struct OccupancyRule {
  bool agreements_count = true;
  int booked_share_percent = 25;  // 0: bookings never make a post occupied
};

enum class OccupiedBy { None, Agreement, Bookings };
std::string_view to_string(OccupiedBy o);  // "none", "agreement", "bookings"

struct PostOccupancy {
  PostId post_id = 0;
  std::string office;
  std::string label;
  int open_half_days = 0;    // half-days the centre opened over the period
  int booked_half_days = 0;  // half-days the post was booked (booked or checked in; not cancelled nor no-show)
  std::optional<AgreementId> agreement_id;
  PersonId agreement_person = 0;
  OccupiedBy by = OccupiedBy::None;
};

// Which posts counted, and why, for one centre over the period.
struct CentreOccupancy {
  CentreId centre_id = 0;
  std::string name;
  std::vector<PostOccupancy> posts;
  int occupied() const;
};

// The agreement wins when it counts; otherwise the booked share must reach the threshold (25 % of 40 open
// half-days is 10 booked: exactly at the threshold counts).
OccupiedBy judge(const OccupancyRule& rule, bool has_agreement, int open_half_days, int booked_half_days);

// Half-days in [from, to] (inclusive) the centre opens by its hours, closures and public holidays, whatever its
// status: a post is judged against the time it could have been used.
int open_half_days(const Centre& c, Date from, Date to);

// The centre's status on a date, from its dated history (planned before the first entry).
CentreStatus status_on(const Centre& c, Date d);

// A commune's reclassification: from `from` on, the commune is (or is no longer) in a ZRR.
struct ZrrChange {
  std::string insee;
  Date from;
  bool zrr = false;
  std::string note;  // e.g. the decree
};

// The commune's classification on a date: the latest change on or before it; before its first recorded change,
// the opposite of that change; with no change recorded, the reference list's flag.
bool zrr_on(bool reference_flag, const std::vector<ZrrChange>& changes, Date d);

}  // namespace tc::domain
