// Rows ↔ values for applications (candidatures), their history, and the mail outbox.

#include "store/sql/rows.h"

namespace tc::store::sql {

namespace {

using domain::Application;
using domain::ApplicationState;

ApplicationState state_column(const Statement& s, int col) {
  return domain::parse_application_state(s.text(col)).value_or(ApplicationState::Submitted);
}

constexpr std::string_view kRowColumns =
    "a.id, a.person_id, a.centre_id, a.rank, a.days_per_week, a.start_date, a.motivation, a.state, a.submitted_at, "
    "coalesce(p.display_name, ''), coalesce(p.email, ''), coalesce(p.category, ''), coalesce(p.rqth, 0), "
    "a.heard_from, a.heard_via_action, a.state_since";

class SqlApplications final : public ApplicationRepository {
 public:
  explicit SqlApplications(Connection& c) : c_(c) {}

  domain::ApplicationId insert(const Application& a, std::string_view heard_from) override {
    return c_
        .prepare(
            "INSERT INTO applications (person_id, centre_id, rank, days_per_week, start_date, motivation, heard_from, "
            "state, submitted_at, state_since, heard_via_action) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10) "
            "RETURNING id")
        .bind(1, a.person_id)
        .bind(2, a.centre_id)
        .bind(3, a.rank)
        .bind(4, a.days_per_week)
        .bind(5, a.start_date.iso())
        .bind(6, a.motivation)
        .bind(7, heard_from)
        .bind(8, domain::to_string(a.state))
        .bind(9, a.submitted_at_utc)
        .bind(10, a.heard_via_action)
        .returning_id();
  }

  std::optional<ApplicationRow> find(domain::ApplicationId id) override {
    Statement s = c_.prepare(std::string("SELECT ") + std::string(kRowColumns) +
                             " FROM applications a JOIN people p ON p.id = a.person_id WHERE a.id = ?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    ApplicationRow row = read(s);
    Statement h = c_.prepare(
        "SELECT from_state, to_state, coalesce(by_person, 0), at, message FROM application_events "
        "WHERE application_id = ?1 ORDER BY seq");
    h.bind(1, id);
    while (h.step())
      row.application.history.push_back({state_column(h, 0), state_column(h, 1), h.int64(2), h.text(3), h.text(4)});
    return row;
  }

  std::vector<ApplicationRow> list(const ApplicationFilter& f) override {
    // Only the filters asked for go into the statement, so that the database can use its indexes (a person's
    // applications, a centre's): "? IS NULL OR …" for absent filters made every list a full scan. Values are
    // still parameters; the few shapes are each prepared once per connection.
    std::string where;
    std::vector<std::string> values;
    auto add = [&](std::string_view condition, std::string value) {
      values.push_back(std::move(value));
      where += (where.empty() ? " WHERE " : " AND ") + std::string(condition) + std::to_string(values.size());
    };
    if (f.person_id) add("a.person_id = ?", std::to_string(*f.person_id));
    if (f.state) add("a.state = ?", std::string(domain::to_string(*f.state)));
    if (f.category) add("p.category = ?", std::string(domain::to_string(*f.category)));
    if (!f.submitted_from.empty()) add("a.submitted_at >= ?", f.submitted_from);
    if (!f.submitted_to.empty()) add("a.submitted_at < ?", f.submitted_to);
    if (!f.centre_ids.empty()) {
      const int first = static_cast<int>(values.size()) + 1;
      for (auto id : f.centre_ids) values.push_back(std::to_string(id));
      where +=
          (where.empty() ? " WHERE " : " AND ") + ("a.centre_id IN (" + placeholders(first, f.centre_ids.size()) + ")");
    }
    Statement s = c_.prepare(std::string("SELECT ") + std::string(kRowColumns) +
                             " FROM applications a JOIN people p ON p.id = a.person_id" + where +
                             " ORDER BY a.submitted_at DESC, a.id DESC LIMIT ?" + std::to_string(values.size() + 1));
    // Ids compare with integer columns: bound as integers (PostgreSQL infers a parameter's type from its column).
    const std::size_t first_centre = values.size() - f.centre_ids.size();
    for (std::size_t i = 0; i < values.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      if (i == 0 && f.person_id)
        s.bind(index, *f.person_id);
      else if (i >= first_centre)
        s.bind(index, f.centre_ids[i - first_centre]);
      else
        s.bind(index, std::string_view(values[i]));
    }
    s.bind(static_cast<int>(values.size() + 1), f.limit);
    std::vector<ApplicationRow> out;
    while (s.step()) out.push_back(read(s));
    return out;
  }

  void record_transition(const Application& a) override {
    if (a.history.empty()) return;
    const auto& t = a.history.back();
    c_.prepare("UPDATE applications SET state = ?2, state_since = ?3 WHERE id = ?1")
        .bind(1, a.id)
        .bind(2, domain::to_string(a.state))
        .bind(3, t.at_utc)
        .run();
    c_.prepare(
          "INSERT INTO application_events (application_id, seq, from_state, to_state, by_person, at, message) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, a.id)
        .bind(2, static_cast<std::int64_t>(a.history.size()))
        .bind(3, domain::to_string(t.from))
        .bind(4, domain::to_string(t.to))
        .bind(5, t.by > 0 ? std::optional<std::int64_t>(t.by) : std::nullopt)
        .bind(6, t.at_utc)
        .bind(7, t.message)
        .run();
  }

  int count_in_states(domain::CentreId centre, const std::vector<ApplicationState>& states) override {
    std::string list;
    for (auto st : states) list += "," + std::string(domain::to_string(st)) + ",";
    Statement s = c_.prepare("SELECT count(*) FROM applications WHERE centre_id = ?1 AND " +
                             std::string(position_function(c_)) + "(?2, ',' || state || ',') > 0");
    s.bind(1, centre).bind(2, list);
    s.step();
    return s.integer(0);
  }

  int purge(ApplicationState state, std::string_view before) override {
    return static_cast<int>(c_.prepare("DELETE FROM applications WHERE state = ?1 AND state_since < ?2")
                                .bind(1, domain::to_string(state))
                                .bind(2, before)
                                .run());
  }

 private:
  static ApplicationRow read(const Statement& s) {
    ApplicationRow r;
    Application& a = r.application;
    a.id = s.int64(0);
    a.person_id = s.int64(1);
    a.centre_id = s.int64(2);
    a.rank = s.integer(3);
    a.days_per_week = s.integer(4);
    a.start_date = domain::parse_date(s.text(5)).value_or(domain::Date{});
    a.motivation = s.text(6);
    a.state = state_column(s, 7);
    a.submitted_at_utc = s.text(8);
    r.applicant_name = s.text(9);
    r.applicant_email = s.text(10);
    r.applicant_category = domain::parse_category(s.text(11));
    r.applicant_rqth = s.int64(12) != 0;
    r.heard_from = s.text(13);
    if (!s.is_null(14)) a.heard_via_action = s.int64(14);
    r.state_since_utc = s.text(15);
    return r;
  }
  Connection& c_;
};

class SqlOutbox final : public OutboxRepository {
 public:
  explicit SqlOutbox(Connection& c) : c_(c) {}
  void enqueue(std::string_view recipient, std::string_view subject, std::string_view body,
               std::string_view now) override {
    c_.prepare("INSERT INTO outbox (created_at, recipient, subject, body, next_try) VALUES (?1, ?2, ?3, ?4, ?1)")
        .bind(1, now)
        .bind(2, recipient)
        .bind(3, subject)
        .bind(4, body)
        .run();
  }
  std::vector<OutgoingMail> due(std::string_view now, int limit) override {
    std::vector<OutgoingMail> out;
    Statement s = c_.prepare(
        "SELECT id, recipient, subject, body, attempts FROM outbox WHERE sent_at IS NULL AND next_try <= ?1 "
        "ORDER BY id LIMIT ?2");
    s.bind(1, now).bind(2, limit);
    while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.integer(4)});
    return out;
  }
  std::vector<OutgoingMail> claim(std::string_view now, std::string_view lease_until, int limit) override {
    std::vector<OutgoingMail> out = due(now, limit);
    for (const auto& m : out)
      c_.prepare("UPDATE outbox SET next_try = ?2 WHERE id = ?1").bind(1, m.id).bind(2, lease_until).run();
    return out;
  }
  void mark_sent(std::int64_t id, std::string_view at) override {
    c_.prepare("UPDATE outbox SET sent_at = ?2, attempts = attempts + 1 WHERE id = ?1").bind(1, id).bind(2, at).run();
  }
  void mark_failed(std::int64_t id, std::string_view next_try, std::string_view error) override {
    c_.prepare("UPDATE outbox SET attempts = attempts + 1, next_try = ?2, last_error = ?3 WHERE id = ?1")
        .bind(1, id)
        .bind(2, next_try)
        .bind(3, error)
        .run();
  }
  int pending() override {
    Statement s = c_.prepare("SELECT count(*) FROM outbox WHERE sent_at IS NULL");
    s.step();
    return s.integer(0);
  }

 private:
  Connection& c_;
};

}  // namespace

std::unique_ptr<ApplicationRepository> make_application_repository(Connection& c) {
  return std::make_unique<SqlApplications>(c);
}
std::unique_ptr<OutboxRepository> make_outbox_repository(Connection& c) { return std::make_unique<SqlOutbox>(c); }

}  // namespace tc::store::sql
