#include "service/indicators.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_map>

#include "geo/commute.h"
#include "service/errors.h"

namespace tc::service {

namespace {

using Kind = ServiceError::Kind;

double setting_number(store::Transaction& tx, std::string_view key, double fallback) {
  const auto text = tx.settings().get(key);
  if (!text) return fallback;
  try {
    const double v = std::stod(*text);
    return v > 0 ? v : fallback;
  } catch (const std::exception&) {
    return fallback;
  }
}

std::string month_of(domain::Date d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", d.year, d.month);
  return buffer;
}

int post_count(const domain::Centre& c) {
  int n = 0;
  for (const auto& o : c.offices) n += static_cast<int>(o.posts.size());
  return n;
}

}  // namespace

Indicators::Indicators(store::Store& store, NetworkAdmin& admin, Clock clock)
    : store_(store), admin_(admin), clock_(std::move(clock)) {}

IndicatorReport Indicators::compute(const domain::Actor& actor, const IndicatorQuery& q) {
  const bool planner = actor.is_admin() || actor.has(domain::Role::Animator);
  const bool host = actor.has(domain::Role::Host) && !actor.host_centres.empty();
  if (!planner && !host)
    throw ServiceError(Kind::Forbidden, "Les indicateurs sont pour le conseil, l'animation et les centres.",
                       "Indicators are for the council, the animator and the centres.");
  if (q.centre && !planner && !actor.hosts(*q.centre))
    throw ServiceError(Kind::Forbidden, "Vous ne voyez que les indicateurs de vos centres.",
                       "You only see your own centres' indicators.", "centre");
  if (q.to < q.from)
    throw ServiceError(Kind::Invalid, "La fin de la période vient après son début.",
                       "The period's end comes after its start.", "to");
  if (q.to.days_since_epoch() - q.from.days_since_epoch() > 3660)
    throw ServiceError(Kind::Invalid, "La période tient en dix ans.", "The period is at most ten years.", "to");

  IndicatorReport r;
  r.query = q;
  auto tx = store_.begin(store::Access::Read);
  r.circuity = setting_number(*tx, "indicators.circuity", geo::kDefaultCircuity);
  r.co2_kg_per_km = setting_number(*tx, "indicators.co2_kg_per_km", geo::kCarKgCo2PerKm);

  // The centres looked at: one, the host's, or all.
  std::vector<domain::Centre> centres;
  for (auto& c : tx->centres().all()) {
    if (q.centre && c.id != *q.centre) continue;
    if (!planner && !actor.hosts(c.id)) continue;
    centres.push_back(std::move(c));
  }
  if (q.centre && centres.empty())
    throw ServiceError(Kind::NotFound, "Ce télécentre n'existe pas.", "This centre does not exist.", "centre");
  std::set<domain::CentreId> ids;
  for (const auto& c : centres) ids.insert(c.id);
  for (const auto s : {domain::CentreStatus::Planned, domain::CentreStatus::Opening, domain::CentreStatus::InService,
                       domain::CentreStatus::Closed})
    r.centres_by_status[s] = 0;
  for (const auto& c : centres) ++r.centres_by_status[domain::status_on(c, q.to)];

  // Every figure below is counted by the database (store::ReportRepository): a national network's year is
  // millions of bookings, which must not cross into this process one by one.
  const bool whole_network = planner && !q.centre;
  const auto scope = whole_network ? store::CentreScope::all()
                                   : store::CentreScope::only(std::vector<domain::CentreId>(ids.begin(), ids.end()));
  auto& reports = tx->reports();

  // Applications of the period, per centre and by category; active teleworkers now.
  const auto applications = reports.application_figures(scope, q.from.iso(), q.to.plus_days(1).iso());
  for (const auto& c : centres) {
    const auto it = applications.per_centre.find(c.id);
    r.applications_per_centre.push_back({c.id, c.name, it == applications.per_centre.end() ? 0 : it->second});
  }
  auto count_of = [](const std::map<domain::Category, int>& m, domain::Category cat) {
    const auto it = m.find(cat);
    return it == m.end() ? 0 : it->second;
  };
  for (const auto cat : domain::kAllCategories)
    r.by_category.push_back({cat, count_of(applications.applicants, cat), count_of(applications.active, cat)});
  r.rqth_active = applications.rqth_active;
  r.job_seekers_applying = applications.job_seekers_applying;

  // Occupancy per centre and month, and the commute saved by the half-days used.
  std::map<std::pair<domain::CentreId, std::string>, int> held;
  for (const auto& m : reports.held_per_month(scope, q.from, q.to.plus_days(1))) held[{m.centre_id, m.month}] = m.held;
  for (const auto& c : centres) {
    const int posts = post_count(c);
    for (domain::Date month_start = q.from; month_start <= q.to;) {
      const domain::Date next_month = month_start.month == 12
                                          ? domain::Date{month_start.year + 1, 1, 1}
                                          : domain::Date{month_start.year, month_start.month + 1, 1};
      const domain::Date month_end = std::min(q.to, next_month.plus_days(-1));
      MonthOccupancy m;
      m.centre_id = c.id;
      m.name = c.name;
      m.month = month_of(month_start);
      m.post_half_days = posts * domain::open_half_days(c, month_start, month_end);
      if (const auto it = held.find({c.id, m.month}); it != held.end()) m.booked_half_days = it->second;
      r.occupancy.push_back(std::move(m));
      month_start = next_month;
    }
  }
  // Homes and workplaces are communes of the reference data (a workplace outside the Cantal once its commune is
  // imported with `telecentres communes import`).
  std::unordered_map<std::string, domain::LatLon> places;
  for (const auto& c : tx->communes().all()) places[c.insee] = c.centre;
  auto where = [&places](const std::string& insee) -> std::optional<domain::LatLon> {
    if (auto it = places.find(insee); it != places.end()) return it->second;
    return std::nullopt;
  };
  std::map<domain::CentreId, std::vector<store::TripCount>> trips;
  for (auto& t : reports.checked_in_trips(scope, q.from, q.to.plus_days(1))) trips[t.centre_id].push_back(std::move(t));
  for (const auto& c : centres) {
    CentreCommute commute;
    commute.centre_id = c.id;
    commute.name = c.name;
    for (const auto& t : trips[c.id]) {
      commute.used_half_days += t.half_days;
      const auto home = where(t.home_insee);
      const auto work = where(t.workplace_insee);
      if (!home || !work) continue;
      commute.counted += t.half_days;
      commute.km_avoided += t.half_days * geo::round_trip_km_avoided(*home, *work, c.location, r.circuity);
    }
    commute.co2_avoided_kg = commute.km_avoided * r.co2_kg_per_km;
    r.km_avoided += commute.km_avoided;
    r.co2_avoided_kg += commute.co2_avoided_kg;
    r.commute.push_back(std::move(commute));
  }

  // Active teleworkers by category, and job seekers who became independent (everyone's, for the whole network).
  const auto came = reports.checked_in_people(scope, q.from, q.to.plus_days(1));
  for (const auto cat : domain::kAllCategories) r.active_teleworkers_by_category.push_back({cat, count_of(came, cat)});
  std::set<domain::PersonId> of_these_centres;  // applied to one of them (any time) or booked there in the period
  if (!whole_network)
    for (const auto person : reports.people_of(scope, q.from, q.to.plus_days(1))) of_these_centres.insert(person);
  std::set<domain::PersonId> became_independent;
  for (const auto& change : tx->people().category_changes(q.from, q.to))
    if (change.from == domain::Category::JobSeeker && change.to == domain::Category::Independent &&
        (whole_network || of_these_centres.contains(change.person_id)))
      became_independent.insert(change.person_id);
  r.job_seekers_became_independent = static_cast<int>(became_independent.size());

  // The prospection's funnel: the companies as they stand, those aiming at the centre when one is asked for.
  if (planner) {
    ProspectionFigures p;
    for (const auto s : domain::kAllStages) p.per_stage[s] = 0;
    for (const auto& company : tx->companies().all()) {
      if (q.centre && std::find(company.target_centres.begin(), company.target_centres.end(), *q.centre) ==
                          company.target_centres.end())
        continue;
      ++p.per_stage[company.stage];
      if (company.stage != domain::Stage::Lost) p.potential_jobs += company.potential_jobs;
      p.jobs_relocated += company.jobs_relocated;
      p.employees_linked += static_cast<int>(company.linked.size());
    }
    r.prospection = std::move(p);
  }

  // Events of the period, with their registrations and attendance (the network's: they are not per centre unless
  // held in one).
  const auto tallies = reports.event_tallies(q.from, q.to);
  for (const auto& e : tx->events().between(q.from, q.to, false)) {
    if (e.cancelled) continue;
    if ((q.centre || !planner) && (!e.centre_id || !ids.contains(*e.centre_id))) continue;
    ++r.events.held;
    if (const auto it = tallies.find(e.id); it != tallies.end()) {
      r.events.registered += it->second.confirmed;
      r.events.attended += it->second.attended;
    }
  }
  tx->commit();

  // The grant: the council's figure only.
  if (actor.is_admin() && !q.centre) {
    const auto report = admin_.grant(actor, admin_.conformity_ruleset(), q.from.iso(), q.to.iso());
    GrantFigures g;
    g.ruleset = report.ruleset.name;
    g.earned_cents = report.statement.total_cents;
    g.payable_cents = report.statement.payable_cents;
    g.envelope_cents = report.statement.envelope_cents;
    for (const auto& line : report.statement.centres) g.occupied_posts += line.occupied_posts;
    r.grant = g;
  }
  return r;
}

}  // namespace tc::service
