// Rows ↔ values for the network's events and their registrations. Audiences are stored as their names separated
// by spaces: a small fixed set, always read whole with its event.

#include <sstream>

#include "store/sql/rows.h"

namespace tc::store::sql {

namespace {

constexpr std::string_view kEventColumns =
    "id, type, title, description, date, start_minute, end_minute, zone, centre_id, commune_insee, address, capacity, "
    "audiences, organiser, cancelled, created_at";
constexpr std::string_view kRegistrationColumns =
    "id, event_id, person_id, name, email, status, token, created_at, reminded_at, attended";

[[noreturn]] void unreadable(const std::string& what) {
  throw StoreError(StoreError::Kind::Internal, "valeur illisible en base : " + what);
}

std::string audiences_text(const std::vector<domain::Audience>& all) {
  std::string out;
  for (const auto a : all) {
    if (!out.empty()) out += ' ';
    out += to_string(a);
  }
  return out;
}

domain::Event read_event(const Statement& s) {
  domain::Event e;
  e.id = s.int64(0);
  const auto type = domain::parse_event_type(s.text(1));
  if (!type) unreadable(s.text(1));
  e.type = *type;
  e.title = s.text(2);
  e.description = s.text(3);
  const auto date = domain::parse_date(s.text(4));
  if (!date) unreadable(s.text(4));
  e.date = *date;
  e.start_minute = s.integer(5);
  e.end_minute = s.integer(6);
  e.zone = s.text(7);
  if (!s.is_null(8)) e.centre_id = s.int64(8);
  e.commune_insee = s.text(9);
  e.address = s.text(10);
  e.capacity = s.integer(11);
  std::istringstream names(s.text(12));
  std::string name;
  while (names >> name) {
    const auto a = domain::parse_audience(name);
    if (!a) unreadable(name);
    e.audiences.push_back(*a);
  }
  e.organiser = s.int64(13);
  e.cancelled = s.int64(14) != 0;
  e.created_at = s.text(15);
  return e;
}

domain::Registration read_registration(const Statement& s) {
  domain::Registration r;
  r.id = s.int64(0);
  r.event_id = s.int64(1);
  if (!s.is_null(2)) r.person_id = s.int64(2);
  r.name = s.text(3);
  r.email = s.text(4);
  const auto status = domain::parse_registration_status(s.text(5));
  if (!status) unreadable(s.text(5));
  r.status = *status;
  r.token = s.text(6);
  r.created_at = s.text(7);
  r.reminded_at = s.text(8);
  if (!s.is_null(9)) r.attended = s.int64(9) != 0;
  return r;
}

class SqlEvents final : public EventRepository {
 public:
  explicit SqlEvents(Connection& c) : c_(c) {}

  domain::EventId insert(const domain::Event& e) override {
    return bind_event(
               c_.prepare("INSERT INTO events (type, title, description, date, start_minute, end_minute, zone, "
                          "centre_id, commune_insee, address, capacity, audiences, organiser, cancelled, created_at) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id"),
               e)
        .returning_id();
  }

  std::optional<domain::Event> find(domain::EventId id) override {
    Statement s = c_.prepare("SELECT " + std::string(kEventColumns) + " FROM events WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_event(s);
  }

  std::vector<domain::Event> between(domain::Date from, domain::Date to, bool public_only) override {
    // The audiences are a short space-separated list: ' public ' inside ' ' || audiences || ' ' picks public events.
    Statement s = c_.prepare("SELECT " + std::string(kEventColumns) +
                             " FROM events WHERE date >= ?1 AND date <= ?2 AND (?3 = 0 OR (' ' || audiences || ' ') "
                             "LIKE '% public %') ORDER BY date, start_minute, id");
    s.bind(1, from.iso()).bind(2, to.iso()).bind(3, public_only);
    std::vector<domain::Event> out;
    while (s.step()) out.push_back(read_event(s));
    return out;
  }

  void update(const domain::Event& e) override {
    Statement s = c_.prepare(
        "UPDATE events SET type = ?1, title = ?2, description = ?3, date = ?4, start_minute = ?5, end_minute = ?6, "
        "zone = ?7, centre_id = ?8, commune_insee = ?9, address = ?10, capacity = ?11, audiences = ?12, "
        "organiser = ?13, cancelled = ?14, created_at = ?15 WHERE id = ?16");
    if (bind_event(s, e).bind(16, e.id).run() == 0)
      throw StoreError(StoreError::Kind::NotFound, "événement inconnu : " + std::to_string(e.id));
  }

  domain::RegistrationId insert_registration(const domain::Registration& r) override {
    {
      Statement s =
          c_.prepare("SELECT 1 FROM event_registrations WHERE event_id = ?1 AND email = ?2 AND status <> 'cancelled'");
      s.bind(1, r.event_id).bind(2, r.email);
      if (s.step()) throw StoreError(StoreError::Kind::Conflict, "déjà inscrit à cet événement : " + r.email);
    }
    return c_
        .prepare(
            "INSERT INTO event_registrations (event_id, person_id, name, email, status, token, created_at, "
            "reminded_at, attended) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id")
        .bind(1, r.event_id)
        .bind(2, r.person_id)
        .bind(3, r.name)
        .bind(4, r.email)
        .bind(5, to_string(r.status))
        .bind(6, r.token)
        .bind(7, r.created_at)
        .bind(8, r.reminded_at)
        .bind(9, r.attended)
        .returning_id();
  }

  std::optional<domain::Registration> find_registration(domain::RegistrationId id) override {
    Statement s = c_.prepare("SELECT " + std::string(kRegistrationColumns) + " FROM event_registrations WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_registration(s);
  }

  std::optional<domain::Registration> registration_by_token(std::string_view token) override {
    Statement s =
        c_.prepare("SELECT " + std::string(kRegistrationColumns) + " FROM event_registrations WHERE token = ?1");
    s.bind(1, token);
    if (!s.step()) return std::nullopt;
    return read_registration(s);
  }

  std::vector<domain::Registration> registrations_of(domain::EventId event) override {
    Statement s = c_.prepare("SELECT " + std::string(kRegistrationColumns) +
                             " FROM event_registrations WHERE event_id = ?1 ORDER BY created_at, id");
    s.bind(1, event);
    std::vector<domain::Registration> out;
    while (s.step()) out.push_back(read_registration(s));
    return out;
  }

  void update_registration(const domain::Registration& r) override {
    if (c_.prepare("UPDATE event_registrations SET status = ?2, reminded_at = ?3, attended = ?4 WHERE id = ?1")
            .bind(1, r.id)
            .bind(2, to_string(r.status))
            .bind(3, r.reminded_at)
            .bind(4, r.attended)
            .run() == 0)
      throw StoreError(StoreError::Kind::NotFound, "inscription inconnue : " + std::to_string(r.id));
  }

  std::map<domain::EventId, std::pair<int, int>> registration_counts(domain::Date from, domain::Date to) override {
    Statement s = c_.prepare(
        "SELECT r.event_id, SUM(CASE WHEN r.status = 'confirmed' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN r.status = 'waiting' THEN 1 ELSE 0 END) FROM event_registrations r "
        "JOIN events e ON e.id = r.event_id WHERE e.date >= ?1 AND e.date <= ?2 GROUP BY r.event_id");
    s.bind(1, from.iso()).bind(2, to.iso());
    std::map<domain::EventId, std::pair<int, int>> out;
    while (s.step()) out[s.int64(0)] = {s.integer(1), s.integer(2)};
    return out;
  }

  int confirmed_count(domain::EventId event) override {
    Statement s = c_.prepare("SELECT COUNT(*) FROM event_registrations WHERE event_id = ?1 AND status = 'confirmed'");
    s.bind(1, event);
    s.step();
    return s.integer(0);
  }

 private:
  static Statement& bind_event(Statement& s, const domain::Event& e) {
    return s.bind(1, to_string(e.type))
        .bind(2, e.title)
        .bind(3, e.description)
        .bind(4, e.date.iso())
        .bind(5, e.start_minute)
        .bind(6, e.end_minute)
        .bind(7, e.zone)
        .bind(8, e.centre_id)
        .bind(9, e.commune_insee)
        .bind(10, e.address)
        .bind(11, e.capacity)
        .bind(12, audiences_text(e.audiences))
        .bind(13, e.organiser)
        .bind(14, e.cancelled)
        .bind(15, e.created_at);
  }
  static Statement&& bind_event(Statement&& s, const domain::Event& e) {
    bind_event(s, e);
    return std::move(s);
  }

  Connection& c_;
};

}  // namespace

std::unique_ptr<EventRepository> make_event_repository(Connection& c) { return std::make_unique<SqlEvents>(c); }

}  // namespace tc::store::sql
