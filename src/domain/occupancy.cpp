#include "domain/occupancy.h"

#include <algorithm>

#include "domain/booking.h"

namespace tc::domain {

std::optional<Date> OccupancyAgreement::last_day() const {
  if (to && ended_on) return std::min(*to, *ended_on);
  if (ended_on) return ended_on;
  return to;
}

bool OccupancyAgreement::active_on(Date d) const {
  const auto last = last_day();
  return from <= d && (!last || d <= *last);
}

bool OccupancyAgreement::overlaps(Date period_from, Date period_to) const {
  const auto last = last_day();
  return from <= period_to && (!last || *last >= period_from);
}

std::vector<FieldError> validate(const OccupancyAgreement& a) {
  std::vector<FieldError> out;
  if (a.post_id <= 0) out.push_back({"post_id", "Choisissez un poste.", "Choose a post."});
  if (a.person_id <= 0) out.push_back({"person_id", "Choisissez le télétravailleur.", "Choose the teleworker."});
  if (a.to && *a.to < a.from)
    out.push_back({"to", "La fin de la convention doit suivre son début.", "The agreement must end after it starts."});
  if (a.ended_on && *a.ended_on < a.from)
    out.push_back({"ended_on", "Une convention ne peut pas finir avant d'avoir commencé.",
                   "An agreement cannot end before it starts."});
  return out;
}

bool overlap(const OccupancyAgreement& a, const OccupancyAgreement& b) {
  const auto a_last = a.last_day();
  const auto b_last = b.last_day();
  return (!b_last || a.from <= *b_last) && (!a_last || b.from <= *a_last);
}

int CentreOccupancy::occupied() const {
  int n = 0;
  for (const auto& p : posts)
    if (p.by != OccupiedBy::None) ++n;
  return n;
}

std::string_view to_string(OccupiedBy o) {
  switch (o) {
    case OccupiedBy::None: return "none";
    case OccupiedBy::Agreement: return "agreement";
    case OccupiedBy::Bookings: return "bookings";
  }
  return "none";
}

OccupiedBy judge(const OccupancyRule& rule, bool has_agreement, int open, int booked) {
  if (rule.agreements_count && has_agreement) return OccupiedBy::Agreement;
  if (rule.booked_share_percent > 0 && open > 0 &&
      std::int64_t{booked} * 100 >= std::int64_t{rule.booked_share_percent} * open)
    return OccupiedBy::Bookings;
  return OccupiedBy::None;
}

int open_half_days(const Centre& c, Date from, Date to) {
  Centre as_open = c;
  as_open.status = CentreStatus::InService;  // judged on its hours, whatever its status then
  int n = 0;
  for (Date d = from; d <= to; d = d.plus_days(1))
    for (Slot s : {Slot::Morning, Slot::Afternoon})
      if (slot_opening(as_open, d, s).open()) ++n;
  return n;
}

CentreStatus status_on(const Centre& c, Date d) {
  if (c.history.empty()) return c.status;
  CentreStatus s = CentreStatus::Planned;
  for (const auto& h : c.history) {
    if (d < h.on) break;
    s = h.status;
  }
  return s;
}

bool zrr_on(bool reference_flag, const std::vector<ZrrChange>& changes, Date d) {
  if (changes.empty()) return reference_flag;
  const ZrrChange* first = &changes.front();
  const ZrrChange* latest = nullptr;
  for (const auto& c : changes) {
    if (c.from < first->from) first = &c;
    if (c.from <= d && (!latest || latest->from <= c.from)) latest = &c;
  }
  return latest ? latest->zrr : !first->zrr;
}

}  // namespace tc::domain
