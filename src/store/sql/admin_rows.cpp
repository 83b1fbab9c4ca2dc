// Rows ↔ values for the network's administration: the council's equipment, occupancy agreements and the grant's
// rulesets. None of them is part of the directory, so none moves the store's revision.

#include "store/sql/rows.h"

namespace tc::store::sql {

namespace {

using domain::Date;

Date date_column(const Statement& s, int col) {
  auto d = domain::parse_date(s.text(col));
  if (!d) throw StoreError(StoreError::Kind::Internal, "date illisible en base : " + s.text(col));
  return *d;
}

std::optional<Date> optional_date(const Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return date_column(s, col);
}

std::optional<std::string> optional_iso(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return d->iso();
}

// A clear NotFound rather than the foreign key's bare constraint error, which every backend words differently.
void require_centre(Connection& c, domain::CentreId id) {
  Statement s = c.prepare("SELECT 1 FROM centres WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) throw StoreError(StoreError::Kind::NotFound, "télécentre inconnu : " + std::to_string(id));
}

// ---- equipment ----

constexpr std::string_view kEquipmentColumns =
    "id, centre_id, category, description, serial_number, delivered_on, state, note";
// The categories in the domain's order (furniture first), not the alphabetical order of their names.
constexpr std::string_view kCategoryOrder =
    "CASE category WHEN 'furniture' THEN 0 WHEN 'computer' THEN 1 WHEN 'screen' THEN 2 WHEN 'copier' THEN 3 "
    "ELSE 4 END";

domain::EquipmentItem read_equipment(const Statement& s) {
  domain::EquipmentItem e;
  e.id = s.int64(0);
  e.centre_id = s.int64(1);
  e.category = domain::parse_equipment_category(s.text(2)).value_or(domain::EquipmentCategory::Other);
  e.description = s.text(3);
  e.serial_number = s.text(4);
  e.delivered_on = optional_date(s, 5);
  e.state = domain::parse_equipment_state(s.text(6)).value_or(domain::EquipmentState::InUse);
  e.note = s.text(7);
  return e;
}

class SqlEquipment final : public EquipmentRepository {
 public:
  explicit SqlEquipment(Connection& c) : c_(c) {}

  domain::EquipmentId insert(const domain::EquipmentItem& e) override {
    require_centre(c_, e.centre_id);
    return c_
        .prepare(
            "INSERT INTO equipment (centre_id, category, description, serial_number, delivered_on, state, note) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id")
        .bind(1, e.centre_id)
        .bind(2, domain::to_string(e.category))
        .bind(3, e.description)
        .bind(4, e.serial_number)
        .bind(5, optional_iso(e.delivered_on))
        .bind(6, domain::to_string(e.state))
        .bind(7, e.note)
        .returning_id();
  }

  std::optional<domain::EquipmentItem> find(domain::EquipmentId id) override {
    Statement s = c_.prepare("SELECT " + std::string(kEquipmentColumns) + " FROM equipment WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_equipment(s);
  }

  std::vector<domain::EquipmentItem> of_centre(domain::CentreId centre) override {
    Statement s = c_.prepare("SELECT " + std::string(kEquipmentColumns) +
                             " FROM equipment WHERE centre_id = ?1 ORDER BY " + std::string(kCategoryOrder) + ", id");
    s.bind(1, centre);
    return all_of(s);
  }

  std::vector<domain::EquipmentItem> all() override {
    Statement s = c_.prepare("SELECT " + std::string(kEquipmentColumns) + " FROM equipment ORDER BY centre_id, " +
                             std::string(kCategoryOrder) + ", id");
    return all_of(s);
  }

  void update(const domain::EquipmentItem& e) override {
    if (!find(e.id)) throw StoreError(StoreError::Kind::NotFound, "équipement inconnu : " + std::to_string(e.id));
    // A transfer to another centre is an update too; the centre must exist like at insertion.
    require_centre(c_, e.centre_id);
    c_.prepare(
          "UPDATE equipment SET centre_id = ?2, category = ?3, description = ?4, serial_number = ?5, "
          "delivered_on = ?6, state = ?7, note = ?8 WHERE id = ?1")
        .bind(1, e.id)
        .bind(2, e.centre_id)
        .bind(3, domain::to_string(e.category))
        .bind(4, e.description)
        .bind(5, e.serial_number)
        .bind(6, optional_iso(e.delivered_on))
        .bind(7, domain::to_string(e.state))
        .bind(8, e.note)
        .run();
  }

 private:
  static std::vector<domain::EquipmentItem> all_of(Statement& s) {
    std::vector<domain::EquipmentItem> out;
    while (s.step()) out.push_back(read_equipment(s));
    return out;
  }
  Connection& c_;
};

// ---- occupancy agreements ----

constexpr std::string_view kAgreementColumns =
    "id, centre_id, post_id, person_id, from_date, to_date, ended_on, ended_reason, created_at";

domain::OccupancyAgreement read_agreement(const Statement& s) {
  domain::OccupancyAgreement a;
  a.id = s.int64(0);
  a.centre_id = s.int64(1);
  a.post_id = s.int64(2);
  a.person_id = s.int64(3);
  a.from = date_column(s, 4);
  a.to = optional_date(s, 5);
  a.ended_on = optional_date(s, 6);
  a.ended_reason = s.text(7);
  a.created_at = s.text(8);
  return a;
}

std::string select_agreements(std::string_view where) {
  return "SELECT " + std::string(kAgreementColumns) + " FROM occupancy_agreements WHERE " + std::string(where) +
         " ORDER BY from_date, id";
}

class SqlAgreements final : public AgreementRepository {
 public:
  explicit SqlAgreements(Connection& c) : c_(c) {}

  domain::AgreementId insert(const domain::OccupancyAgreement& a) override {
    // The grant counts the post for the agreement's centre: a post of another centre would count twice.
    Statement check =
        c_.prepare("SELECT 1 FROM posts p JOIN offices o ON o.id = p.office_id WHERE p.id = ?1 AND o.centre_id = ?2");
    check.bind(1, a.post_id).bind(2, a.centre_id);
    if (!check.step())
      throw StoreError(
          StoreError::Kind::NotFound,
          "le poste " + std::to_string(a.post_id) + " n'appartient pas au télécentre " + std::to_string(a.centre_id));
    return c_
        .prepare(
            "INSERT INTO occupancy_agreements (centre_id, post_id, person_id, from_date, to_date, ended_on, "
            "ended_reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id")
        .bind(1, a.centre_id)
        .bind(2, a.post_id)
        .bind(3, a.person_id)
        .bind(4, a.from.iso())
        .bind(5, optional_iso(a.to))
        .bind(6, optional_iso(a.ended_on))
        .bind(7, a.ended_reason)
        .bind(8, a.created_at)
        .returning_id();
  }

  std::optional<domain::OccupancyAgreement> find(domain::AgreementId id) override {
    Statement s = c_.prepare("SELECT " + std::string(kAgreementColumns) + " FROM occupancy_agreements WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_agreement(s);
  }

  std::vector<domain::OccupancyAgreement> of_centre(domain::CentreId centre) override {
    Statement s = c_.prepare(select_agreements("centre_id = ?1"));
    s.bind(1, centre);
    return all_of(s);
  }

  std::vector<domain::OccupancyAgreement> overlapping(domain::Date from, domain::Date to) override {
    Statement s = c_.prepare(
        select_agreements("from_date <= ?2 AND (to_date IS NULL OR to_date >= ?1) AND (ended_on IS NULL OR ended_on "
                          ">= ?1)"));
    s.bind(1, from.iso()).bind(2, to.iso());
    return all_of(s);
  }

  std::vector<domain::OccupancyAgreement> of_post(domain::PostId post) override {
    Statement s = c_.prepare(select_agreements("post_id = ?1"));
    s.bind(1, post);
    return all_of(s);
  }

  std::vector<domain::OccupancyAgreement> of_person(domain::PersonId person) override {
    Statement s = c_.prepare(select_agreements("person_id = ?1"));
    s.bind(1, person);
    return all_of(s);
  }

  void end(domain::AgreementId id, Date ended_on, std::string_view reason) override {
    if (c_.prepare("UPDATE occupancy_agreements SET ended_on = ?2, ended_reason = ?3 WHERE id = ?1")
            .bind(1, id)
            .bind(2, ended_on.iso())
            .bind(3, reason)
            .run() == 0)
      throw StoreError(StoreError::Kind::NotFound, "convention d'occupation inconnue : " + std::to_string(id));
  }

 private:
  static std::vector<domain::OccupancyAgreement> all_of(Statement& s) {
    std::vector<domain::OccupancyAgreement> out;
    while (s.step()) out.push_back(read_agreement(s));
    return out;
  }
  Connection& c_;
};

// ---- grant rulesets ----

constexpr std::string_view kRulesetColumns =
    "id, name, description, valid_from, valid_to, centre_zrr_cents, centre_other_cents, post_zrr_cents, "
    "post_other_cents, envelope_cents, agreements_count, booked_share_percent, min_broadband_mbps";

domain::GrantRuleset read_ruleset(const Statement& s) {
  domain::GrantRuleset r;
  r.id = s.int64(0);
  r.name = s.text(1);
  r.description = s.text(2);
  r.valid_from = date_column(s, 3);
  r.valid_to = optional_date(s, 4);
  r.centre_zrr_cents = s.int64(5);
  r.centre_other_cents = s.int64(6);
  r.post_zrr_cents = s.int64(7);
  r.post_other_cents = s.int64(8);
  r.envelope_cents = s.int64(9);
  r.occupancy.agreements_count = s.int64(10) != 0;
  r.occupancy.booked_share_percent = s.integer(11);
  r.min_broadband_mbps = s.real(12);
  return r;
}

class SqlGrantRulesets final : public GrantRulesetRepository {
 public:
  explicit SqlGrantRulesets(Connection& c) : c_(c) {}

  std::vector<domain::GrantRuleset> all() override {
    Statement s =
        c_.prepare("SELECT " + std::string(kRulesetColumns) + " FROM grant_rulesets ORDER BY valid_from, name");
    std::vector<domain::GrantRuleset> out;
    while (s.step()) out.push_back(read_ruleset(s));
    return out;
  }

  std::optional<domain::GrantRuleset> find_by_name(std::string_view name) override {
    Statement s = c_.prepare("SELECT " + std::string(kRulesetColumns) + " FROM grant_rulesets WHERE name = ?1");
    s.bind(1, name);
    if (!s.step()) return std::nullopt;
    return read_ruleset(s);
  }

  std::int64_t insert(const domain::GrantRuleset& r) override {
    // Asked first for a message people can read; the unique constraint stays the guard.
    if (find_by_name(r.name))
      throw StoreError(StoreError::Kind::Conflict, "un barème nommé « " + r.name + " » existe déjà");
    return c_
        .prepare(
            "INSERT INTO grant_rulesets (name, description, valid_from, valid_to, centre_zrr_cents, "
            "centre_other_cents, post_zrr_cents, post_other_cents, envelope_cents, agreements_count, "
            "booked_share_percent, min_broadband_mbps) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
            "RETURNING id")
        .bind(1, r.name)
        .bind(2, r.description)
        .bind(3, r.valid_from.iso())
        .bind(4, optional_iso(r.valid_to))
        .bind(5, r.centre_zrr_cents)
        .bind(6, r.centre_other_cents)
        .bind(7, r.post_zrr_cents)
        .bind(8, r.post_other_cents)
        .bind(9, r.envelope_cents)
        .bind(10, r.occupancy.agreements_count)
        .bind(11, r.occupancy.booked_share_percent)
        .bind(12, r.min_broadband_mbps)
        .returning_id();
  }

 private:
  Connection& c_;
};

}  // namespace

std::unique_ptr<EquipmentRepository> make_equipment_repository(Connection& c) {
  return std::make_unique<SqlEquipment>(c);
}
std::unique_ptr<AgreementRepository> make_agreement_repository(Connection& c) {
  return std::make_unique<SqlAgreements>(c);
}
std::unique_ptr<GrantRulesetRepository> make_grant_ruleset_repository(Connection& c) {
  return std::make_unique<SqlGrantRulesets>(c);
}

}  // namespace tc::store::sql
