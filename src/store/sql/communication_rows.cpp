// Rows ↔ values for the communication plan's actions, and the applications that cite them.

#include "store/sql/rows.h"

namespace tc::store::sql {

namespace {

constexpr std::string_view kColumns =
    "id, title, axis, channel, on_date, cost_cents, description, reach, contacts, centre_id, created_at";

domain::CommAction read_action(const Statement& s) {
  domain::CommAction a;
  a.id = s.int64(0);
  a.title = s.text(1);
  const auto axis = domain::parse_axis(s.text(2));
  const auto channel = domain::parse_channel(s.text(3));
  const auto date = domain::parse_date(s.text(4));
  if (!axis || !channel || !date)
    throw StoreError(StoreError::Kind::Internal, "action de communication illisible en base : " + std::to_string(a.id));
  a.axis = *axis;
  a.channel = *channel;
  a.date = *date;
  a.cost = s.int64(5);
  a.description = s.text(6);
  a.reach = s.integer(7);
  a.contacts = s.integer(8);
  if (!s.is_null(9)) a.centre = s.int64(9);
  a.created_at = s.text(10);
  return a;
}

class SqlCommunication final : public CommunicationRepository {
 public:
  explicit SqlCommunication(Connection& c) : c_(c) {}

  domain::CommActionId insert(const domain::CommAction& a) override {
    Statement s = c_.prepare(
        "INSERT INTO comm_actions (title, axis, channel, on_date, cost_cents, description, reach, contacts, "
        "centre_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id");
    return bind(s, a).returning_id();
  }

  void update(const domain::CommAction& a) override {
    Statement s = c_.prepare(
        "UPDATE comm_actions SET title = ?1, axis = ?2, channel = ?3, on_date = ?4, cost_cents = ?5, "
        "description = ?6, reach = ?7, contacts = ?8, centre_id = ?9, created_at = ?10 WHERE id = ?11");
    if (bind(s, a).bind(11, a.id).run() == 0)
      throw StoreError(StoreError::Kind::NotFound, "action de communication inconnue : " + std::to_string(a.id));
  }

  std::optional<domain::CommAction> find(domain::CommActionId id) override {
    Statement s = c_.prepare("SELECT " + std::string(kColumns) + " FROM comm_actions WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_action(s);
  }

  std::vector<domain::CommAction> between(domain::Date from, domain::Date to) override {
    Statement s = c_.prepare("SELECT " + std::string(kColumns) +
                             " FROM comm_actions WHERE on_date >= ?1 AND on_date <= ?2 ORDER BY on_date, id");
    s.bind(1, from.iso()).bind(2, to.iso());
    std::vector<domain::CommAction> out;
    while (s.step()) out.push_back(read_action(s));
    return out;
  }

  std::map<domain::CommActionId, int> citing(domain::Date from, domain::Date to) override {
    Statement s = c_.prepare(
        "SELECT c.id, count(a.id) FROM comm_actions c JOIN applications a ON a.heard_via_action = c.id "
        "WHERE c.on_date >= ?1 AND c.on_date <= ?2 GROUP BY c.id");
    s.bind(1, from.iso()).bind(2, to.iso());
    std::map<domain::CommActionId, int> out;
    while (s.step()) out[s.int64(0)] = s.integer(1);
    return out;
  }

 private:
  static Statement& bind(Statement& s, const domain::CommAction& a) {
    return s.bind(1, a.title)
        .bind(2, to_string(a.axis))
        .bind(3, to_string(a.channel))
        .bind(4, a.date.iso())
        .bind(5, static_cast<std::int64_t>(a.cost))
        .bind(6, a.description)
        .bind(7, a.reach)
        .bind(8, a.contacts)
        .bind(9, a.centre ? std::optional<std::int64_t>(*a.centre) : std::nullopt)
        .bind(10, a.created_at);
  }

  Connection& c_;
};

}  // namespace

std::unique_ptr<CommunicationRepository> make_communication_repository(Connection& c) {
  return std::make_unique<SqlCommunication>(c);
}

}  // namespace tc::store::sql
