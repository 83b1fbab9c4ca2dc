// Rows ↔ values for the prospection of national companies.

#include <sstream>

#include <nlohmann/json.hpp>

#include "store/sql/rows.h"

namespace tc::store::sql {

namespace {

using nlohmann::json;

constexpr std::string_view kColumns =
    "id, name, siren, sector, head_office_insee, employees, partner, contacts_json, stage, lost_reason, "
    "potential_jobs, jobs_relocated, target_centres, next_action, next_action_on, created_at";

domain::Stage stage_of(const std::string& text) {
  const auto s = domain::parse_stage(text);
  if (!s) throw StoreError(StoreError::Kind::Internal, "étape illisible en base : " + text);
  return *s;
}

std::string contacts_text(const std::vector<domain::CompanyContact>& contacts) {
  json out = json::array();
  for (const auto& c : contacts)
    out.push_back({{"name", c.name}, {"role", c.role}, {"email", c.email}, {"phone", c.phone}});
  return out.dump();
}

std::string centres_text(const std::vector<domain::CentreId>& ids) {
  std::string out;
  for (const auto id : ids) out += (out.empty() ? "" : " ") + std::to_string(id);
  return out;
}

domain::Company read_company(const Statement& s) {
  domain::Company c;
  c.id = s.int64(0);
  c.name = s.text(1);
  c.siren = s.text(2);
  c.sector = s.text(3);
  c.head_office_insee = s.text(4);
  c.employees = s.integer(5);
  c.partner = s.text(6);
  for (const auto& contact : json::parse(s.text(7)))
    c.contacts.push_back(
        {contact.value("name", ""), contact.value("role", ""), contact.value("email", ""), contact.value("phone", "")});
  c.stage = stage_of(s.text(8));
  c.lost_reason = s.text(9);
  c.potential_jobs = s.integer(10);
  c.jobs_relocated = s.integer(11);
  std::istringstream ids(s.text(12));
  domain::CentreId id = 0;
  while (ids >> id) c.target_centres.push_back(id);
  c.next_action = s.text(13);
  if (!s.is_null(14)) c.next_action_on = domain::parse_date(s.text(14));
  c.created_at = s.text(15);
  return c;
}

class SqlCompanies final : public CompanyRepository {
 public:
  explicit SqlCompanies(Connection& c) : c_(c) {}

  domain::CompanyId insert(const domain::Company& c) override {
    Statement s = c_.prepare(
        "INSERT INTO companies (name, siren, sector, head_office_insee, employees, partner, contacts_json, stage, "
        "lost_reason, potential_jobs, jobs_relocated, target_centres, next_action, next_action_on, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id");
    return bind(s, c).returning_id();
  }

  std::optional<domain::Company> find(domain::CompanyId id) override {
    Statement s = c_.prepare("SELECT " + std::string(kColumns) + " FROM companies WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    domain::Company c = read_company(s);
    c.history = history_of(c.id);
    c.linked = linked_of(c.id);
    return c;
  }

  std::vector<domain::Company> all() override {
    std::vector<domain::Company> out;
    {
      Statement s = c_.prepare("SELECT " + std::string(kColumns) + " FROM companies ORDER BY name, id");
      while (s.step()) out.push_back(read_company(s));
    }
    for (auto& c : out) {
      c.history = history_of(c.id);
      c.linked = linked_of(c.id);
    }
    return out;
  }

  void update(const domain::Company& c) override {
    Statement s = c_.prepare(
        "UPDATE companies SET name = ?1, siren = ?2, sector = ?3, head_office_insee = ?4, employees = ?5, "
        "partner = ?6, contacts_json = ?7, stage = ?8, lost_reason = ?9, potential_jobs = ?10, jobs_relocated = ?11, "
        "target_centres = ?12, next_action = ?13, next_action_on = ?14, created_at = ?15 WHERE id = ?16");
    if (bind(s, c).bind(16, c.id).run() == 0)
      throw StoreError(StoreError::Kind::NotFound, "entreprise inconnue : " + std::to_string(c.id));
  }

  void add_stage_change(domain::CompanyId id, const domain::StageChange& change) override {
    c_.prepare(
          "INSERT INTO company_stages (company_id, from_stage, to_stage, on_date, note, by_person) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, id)
        .bind(2, to_string(change.from))
        .bind(3, to_string(change.to))
        .bind(4, change.on.iso())
        .bind(5, change.note)
        .bind(6, change.by > 0 ? std::optional<std::int64_t>(change.by) : std::nullopt)
        .run();
  }

  void link_employee(domain::CompanyId id, domain::PersonId person, domain::Date on) override {
    if (employer_of(person))
      throw StoreError(StoreError::Kind::Conflict,
                       "la personne " + std::to_string(person) + " est déjà liée à une entreprise");
    c_.prepare("INSERT INTO company_employees (company_id, person_id, linked_on) VALUES (?1, ?2, ?3)")
        .bind(1, id)
        .bind(2, person)
        .bind(3, on.iso())
        .run();
  }

  bool unlink_employee(domain::CompanyId id, domain::PersonId person) override {
    return c_.prepare("DELETE FROM company_employees WHERE company_id = ?1 AND person_id = ?2")
               .bind(1, id)
               .bind(2, person)
               .run() > 0;
  }

  std::optional<domain::CompanyId> employer_of(domain::PersonId person) override {
    Statement s = c_.prepare("SELECT company_id FROM company_employees WHERE person_id = ?1");
    s.bind(1, person);
    if (!s.step()) return std::nullopt;
    return s.int64(0);
  }

 private:
  static Statement& bind(Statement& s, const domain::Company& c) {
    return s.bind(1, c.name)
        .bind(2, c.siren)
        .bind(3, c.sector)
        .bind(4, c.head_office_insee)
        .bind(5, c.employees)
        .bind(6, c.partner)
        .bind(7, contacts_text(c.contacts))
        .bind(8, to_string(c.stage))
        .bind(9, c.lost_reason)
        .bind(10, c.potential_jobs)
        .bind(11, c.jobs_relocated)
        .bind(12, centres_text(c.target_centres))
        .bind(13, c.next_action)
        .bind(14, c.next_action_on ? std::optional<std::string>(c.next_action_on->iso()) : std::nullopt)
        .bind(15, c.created_at);
  }

  std::vector<domain::StageChange> history_of(domain::CompanyId id) {
    Statement s = c_.prepare(
        "SELECT from_stage, to_stage, on_date, note, by_person FROM company_stages WHERE company_id = ?1 ORDER BY id");
    s.bind(1, id);
    std::vector<domain::StageChange> out;
    while (s.step()) {
      domain::StageChange ch;
      ch.from = stage_of(s.text(0));
      ch.to = stage_of(s.text(1));
      ch.on = domain::parse_date(s.text(2)).value_or(domain::Date{});
      ch.note = s.text(3);
      ch.by = s.is_null(4) ? 0 : s.int64(4);
      out.push_back(std::move(ch));
    }
    return out;
  }

  std::vector<domain::LinkedEmployee> linked_of(domain::CompanyId id) {
    Statement s = c_.prepare(
        "SELECT e.person_id, p.display_name, e.linked_on FROM company_employees e JOIN people p ON p.id = e.person_id "
        "WHERE e.company_id = ?1 ORDER BY p.display_name, e.person_id");
    s.bind(1, id);
    std::vector<domain::LinkedEmployee> out;
    while (s.step()) out.push_back({s.int64(0), s.text(1), domain::parse_date(s.text(2)).value_or(domain::Date{})});
    return out;
  }

  Connection& c_;
};

}  // namespace

std::unique_ptr<CompanyRepository> make_company_repository(Connection& c) { return std::make_unique<SqlCompanies>(c); }

}  // namespace tc::store::sql
