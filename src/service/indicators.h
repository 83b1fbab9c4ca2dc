// The network's evaluation over a period, for the council, the animator and each centre's hosts: centres by status,
// applications against the target of 30 per centre, applicants and active teleworkers by category, job seekers who
// became independent, occupancy per centre and month, the FNADT grant against its envelope (admins only), events and
// attendance, the commute the centres saved (km and CO2), and the prospection's funnel with the jobs relocated.
// Hosts see their own centres only: a person counts for a centre when they applied to it or booked there.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/centre.h"
#include "domain/company.h"
#include "domain/date.h"
#include "domain/grant.h"
#include "domain/person.h"
#include "service/clock.h"
#include "service/network.h"
#include "store/store.h"

namespace tc::service {

inline constexpr int kApplicationsTarget = 30;  // the seed's expectation per centre

struct IndicatorQuery {
  domain::Date from;
  domain::Date to;  // inclusive
  std::optional<domain::CentreId> centre;
};

struct CentreApplications {
  domain::CentreId centre_id = 0;
  std::string name;
  int applications = 0;
};

struct CategoryFigures {
  domain::Category category = domain::Category::DistantEmployee;
  int applicants = 0;  // people who applied in the period
  int active = 0;      // people with an active place now
};

// People of one category, as they stand now.
struct CategoryCount {
  domain::Category category = domain::Category::DistantEmployee;
  int people = 0;
};

// The prospection of national companies, as it stands now (the animator's and the council's figures).
struct ProspectionFigures {
  std::map<domain::Stage, int> per_stage;  // companies at each stage
  int potential_jobs = 0;                  // of the companies not lost
  int jobs_relocated = 0;                  // as declared on the companies
  int employees_linked = 0;                // relocated employees' accounts linked to their company
};

struct MonthOccupancy {
  domain::CentreId centre_id = 0;
  std::string name;
  std::string month;         // "YYYY-MM"
  int post_half_days = 0;    // posts × open half-days of the month within the period
  int booked_half_days = 0;  // held (booked or checked in)
  double rate() const { return post_half_days > 0 ? static_cast<double>(booked_half_days) / post_half_days : 0; }
};

struct CentreCommute {
  domain::CentreId centre_id = 0;
  std::string name;
  int used_half_days = 0;  // checked-in bookings of the period
  int counted = 0;         // of which the person's home and workplace are known
  double km_avoided = 0;
  double co2_avoided_kg = 0;
};

struct EventFigures {
  int held = 0;        // not cancelled, in the period
  int registered = 0;  // confirmed registrations to them
  int attended = 0;    // marked present
};

struct GrantFigures {
  std::string ruleset;
  domain::Cents earned_cents = 0;  // the statement's total
  domain::Cents payable_cents = 0;
  domain::Cents envelope_cents = 0;
  int occupied_posts = 0;
};

struct IndicatorReport {
  IndicatorQuery query;
  std::map<domain::CentreStatus, int> centres_by_status;  // on the period's last day
  std::vector<CentreApplications> applications_per_centre;
  std::vector<CategoryFigures> by_category;
  int rqth_active = 0;  // active teleworkers who said they have a recognised disability (a count, nothing more)
  int job_seekers_applying = 0;
  // People with at least one used (checked-in) half-day in the period, by their category.
  std::vector<CategoryCount> active_teleworkers_by_category;
  // People whose category moved from job_seeker to independent on a date within the period.
  int job_seekers_became_independent = 0;
  std::optional<ProspectionFigures> prospection;  // admins and the animator; the companies aiming at the centre
  std::vector<MonthOccupancy> occupancy;
  std::optional<GrantFigures> grant;  // admins only
  EventFigures events;
  std::vector<CentreCommute> commute;
  double km_avoided = 0;
  double co2_avoided_kg = 0;
  double co2_kg_per_km = 0;
  double circuity = 0;
};

struct TeleworkContext {
  std::optional<double> percent;  // none until an admin states it
  int year = 0;
  std::string source;
};

class Indicators {
 public:
  Indicators(store::Store& store, NetworkAdmin& admin, Clock clock);
  // Admins and the animator: the network or one centre; hosts: their centres (Forbidden for another one);
  // teleworkers: Forbidden. Invalid for a period whose end is before its start or longer than ten years.
  IndicatorReport compute(const domain::Actor& actor, const IndicatorQuery& q);

  // Today's share of teleworking employees, beside the seed's 2005 figures (indicators_context.cpp): read by
  // anyone who sees the indicators, set by admins (Forbidden otherwise; Invalid naming the field for a share
  // outside 0–100, a year outside 2005–2100 or a source missing or longer than 300 characters). Kept in the
  // settings `context.telework_percent`, `context.telework_year`, `context.telework_source`.
  TeleworkContext context();
  void set_context(const domain::Actor& actor, const TeleworkContext& c);

 private:
  store::Store& store_;
  NetworkAdmin& admin_;
  Clock clock_;
};

}  // namespace tc::service
