// Aggregates for the council's reports: GROUP BY in the database, so a report reads a few rows per centre or
// month, never the bookings themselves.
#include "store/sql/rows.h"

namespace tc::store::sql {

namespace {

using domain::Date;

domain::Category category_of(const std::string& text) {
  return domain::parse_category(text).value_or(domain::Category::DistantEmployee);
}

// "AND <column> IN (?k, ...)" for a scope of listed centres (nothing for every centre), the ids bound from
// `first`; an empty list matches nothing.
class ScopeFilter {
 public:
  ScopeFilter(const CentreScope& scope, std::string_view column, int first) : scope_(scope), first_(first) {
    if (scope.every) return;
    if (scope.ids.empty()) {
      sql_ = " AND 1 = 0";
      return;
    }
    sql_ = " AND " + std::string(column) + " IN (" + placeholders(first, scope.ids.size()) + ")";
  }
  const std::string& sql() const { return sql_; }
  void bind(Statement& s) const {
    if (scope_.every) return;
    for (std::size_t i = 0; i < scope_.ids.size(); ++i) s.bind(first_ + static_cast<int>(i), scope_.ids[i]);
  }

 private:
  const CentreScope& scope_;
  int first_;
  std::string sql_;
};

constexpr std::string_view kHolds = "b.status IN ('booked', 'checked_in')";

class SqlReports final : public ReportRepository {
 public:
  explicit SqlReports(Connection& c) : c_(c) {}

  std::vector<MonthHeld> held_per_month(const CentreScope& scope, Date from, Date to) override {
    const ScopeFilter f(scope, "b.centre_id", 3);
    Statement s = c_.prepare(
        "SELECT b.centre_id, substr(b.date, 1, 7), count(*) FROM bookings b "
        "WHERE b.date >= ?1 AND b.date < ?2 AND " +
        std::string(kHolds) + f.sql() + " GROUP BY b.centre_id, substr(b.date, 1, 7) ORDER BY 1, 2");
    s.bind(1, from.iso()).bind(2, to.iso());
    f.bind(s);
    std::vector<MonthHeld> out;
    while (s.step()) out.push_back({s.int64(0), s.text(1), s.integer(2)});
    return out;
  }

  // Both group the bookings by person before joining the people: one lookup per person, not per half-day.
  std::vector<TripCount> checked_in_trips(const CentreScope& scope, Date from, Date to) override {
    const ScopeFilter f(scope, "b.centre_id", 3);
    Statement s = c_.prepare(
        "SELECT t.centre_id, coalesce(p.home_insee, ''), coalesce(p.workplace_insee, ''), sum(t.n) FROM "
        "(SELECT b.centre_id, b.person_id, count(*) AS n FROM bookings b WHERE b.date >= ?1 AND b.date < ?2 AND "
        "b.status = 'checked_in'" +
        f.sql() +
        " GROUP BY b.centre_id, b.person_id) t JOIN people p ON p.id = t.person_id "
        "GROUP BY t.centre_id, p.home_insee, p.workplace_insee ORDER BY 1, 2, 3");
    s.bind(1, from.iso()).bind(2, to.iso());
    f.bind(s);
    std::vector<TripCount> out;
    while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.integer(3)});
    return out;
  }

  std::map<domain::Category, int> checked_in_people(const CentreScope& scope, Date from, Date to) override {
    const ScopeFilter f(scope, "b.centre_id", 3);
    Statement s = c_.prepare(
        "SELECT coalesce(p.category, ''), count(*) FROM (SELECT DISTINCT b.person_id FROM bookings b "
        "WHERE b.date >= ?1 AND b.date < ?2 AND b.status = 'checked_in'" +
        f.sql() + ") t JOIN people p ON p.id = t.person_id GROUP BY p.category");
    s.bind(1, from.iso()).bind(2, to.iso());
    f.bind(s);
    std::map<domain::Category, int> out;
    // A person has one category: the groups of texts read as the same category add up without counting anyone twice.
    while (s.step()) out[category_of(s.text(0))] += s.integer(1);
    return out;
  }

  std::vector<domain::PersonId> people_of(const CentreScope& scope, Date from, Date to) override {
    const ScopeFilter held(scope, "b.centre_id", 3);
    const ScopeFilter applied(scope, "a.centre_id", 3);  // the same parameters as `held`
    Statement s =
        c_.prepare("SELECT b.person_id FROM bookings b WHERE b.date >= ?1 AND b.date < ?2 AND " + std::string(kHolds) +
                   held.sql() + " UNION SELECT a.person_id FROM applications a WHERE ?1 = ?1 AND ?2 = ?2" +
                   applied.sql() + " ORDER BY 1");
    s.bind(1, from.iso()).bind(2, to.iso());
    held.bind(s);
    std::vector<domain::PersonId> out;
    while (s.step()) out.push_back(s.int64(0));
    return out;
  }

  ApplicationFigures application_figures(const CentreScope& scope, std::string_view from,
                                         std::string_view to) override {
    ApplicationFigures out;
    const ScopeFilter f(scope, "a.centre_id", 3);
    {
      Statement s = c_.prepare(
          "SELECT a.centre_id, count(*) FROM applications a WHERE a.submitted_at >= ?1 AND a.submitted_at < ?2" +
          f.sql() + " GROUP BY a.centre_id");
      s.bind(1, from).bind(2, to);
      f.bind(s);
      while (s.step()) out.per_centre[s.int64(0)] = s.integer(1);
    }
    {
      Statement s = c_.prepare(
          "SELECT coalesce(p.category, ''), count(DISTINCT a.person_id), count(*) FROM applications a JOIN people p "
          "ON p.id = a.person_id WHERE a.submitted_at >= ?1 AND a.submitted_at < ?2" +
          f.sql() + " GROUP BY p.category");
      s.bind(1, from).bind(2, to);
      f.bind(s);
      while (s.step()) {
        const auto category = category_of(s.text(0));
        out.applicants[category] += s.integer(1);
        if (category == domain::Category::JobSeeker) out.job_seekers_applying += s.integer(2);
      }
    }
    {
      // What is active now, whatever the period.
      const ScopeFilter now(scope, "a.centre_id", 1);
      Statement s = c_.prepare(
          "SELECT coalesce(p.category, ''), count(DISTINCT a.person_id), "
          "count(DISTINCT CASE WHEN p.rqth = 1 THEN a.person_id END) FROM applications a JOIN people p "
          "ON p.id = a.person_id WHERE a.state = 'active'" +
          now.sql() + " GROUP BY p.category");
      now.bind(s);
      while (s.step()) {
        out.active[category_of(s.text(0))] += s.integer(1);
        out.rqth_active += s.integer(2);
      }
    }
    return out;
  }

  std::vector<std::pair<domain::PostId, int>> held_per_post(Date from, Date to) override {
    Statement s = c_.prepare("SELECT b.post_id, count(*) FROM bookings b WHERE b.date >= ?1 AND b.date < ?2 AND " +
                             std::string(kHolds) + " GROUP BY b.post_id ORDER BY b.post_id");
    s.bind(1, from.iso()).bind(2, to.iso());
    std::vector<std::pair<domain::PostId, int>> out;
    while (s.step()) out.emplace_back(s.int64(0), s.integer(1));
    return out;
  }

  std::map<domain::EventId, EventTally> event_tallies(Date from, Date to) override {
    Statement s = c_.prepare(
        "SELECT r.event_id, sum(CASE WHEN r.status = 'confirmed' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN r.attended = 1 THEN 1 ELSE 0 END) FROM event_registrations r "
        "JOIN events e ON e.id = r.event_id WHERE e.date >= ?1 AND e.date <= ?2 GROUP BY r.event_id");
    s.bind(1, from.iso()).bind(2, to.iso());
    std::map<domain::EventId, EventTally> out;
    while (s.step()) out[s.int64(0)] = {s.integer(1), s.integer(2)};
    return out;
  }

 private:
  Connection& c_;
};

}  // namespace

std::unique_ptr<ReportRepository> make_report_repository(Connection& c) { return std::make_unique<SqlReports>(c); }

}  // namespace tc::store::sql
