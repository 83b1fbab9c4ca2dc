// Rows ↔ records for people, sessions, API tokens, sign-in throttling and the audit log.

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "store/sql/rows.h"

namespace tc::store::sql {

namespace {

constexpr std::array<std::size_t, 4> kNameChunks{1, 8, 64, 512};

class SqlPeople final : public PersonRepository {
 public:
  explicit SqlPeople(Connection& c) : c_(c) {}

  std::int64_t insert(const PersonRecord& p) override {
    const std::int64_t id =
        c_.prepare("INSERT INTO people (email, password_hash, created_at) VALUES (?1, ?2, ?3) RETURNING id")
            .bind(1, p.email)
            .bind(2, p.password_hash.empty() ? std::optional<std::string_view>() : std::string_view(p.password_hash))
            .bind(3, p.created_at)
            .returning_id();
    set_roles(id, p.roles, p.host_centres);
    return id;
  }

  std::optional<PersonRecord> find(std::int64_t id) override {
    Statement s =
        c_.prepare("SELECT id, coalesce(email, ''), coalesce(password_hash, ''), created_at FROM people WHERE id = ?1");
    s.bind(1, id);
    return read_one(s);
  }

  std::optional<PersonRecord> find_by_email(std::string_view email) override {
    Statement s = c_.prepare(
        "SELECT id, coalesce(email, ''), coalesce(password_hash, ''), created_at FROM people WHERE email = ?1");
    s.bind(1, email);
    return read_one(s);
  }

  void set_password_hash(std::int64_t id, std::string_view hash) override {
    c_.prepare("UPDATE people SET password_hash = ?2 WHERE id = ?1").bind(1, id).bind(2, hash).run();
  }

  void set_roles(std::int64_t id, const std::vector<std::string>& roles,
                 const std::vector<domain::CentreId>& host_centres) override {
    c_.prepare("DELETE FROM person_roles WHERE person_id = ?1").bind(1, id).run();
    c_.prepare("DELETE FROM host_centres WHERE person_id = ?1").bind(1, id).run();
    for (const auto& r : roles)
      c_.prepare("INSERT INTO person_roles (person_id, role) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
          .bind(1, id)
          .bind(2, r)
          .run();
    for (auto centre : host_centres)
      c_.prepare("INSERT INTO host_centres (person_id, centre_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
          .bind(1, id)
          .bind(2, centre)
          .run();
  }

  void set_display_name(std::int64_t id, std::string_view name) override {
    c_.prepare("UPDATE people SET display_name = ?2 WHERE id = ?1").bind(1, id).bind(2, name).run();
  }

  domain::Profile profile(std::int64_t id) override {
    domain::Profile p;
    Statement s = c_.prepare(
        "SELECT display_name, coalesce(home_insee, ''), coalesce(category, ''), coalesce(workplace_insee, ''), "
        "employer, need_step_free, need_fax, need_printing, need_videoconference, rqth FROM people WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) return p;
    p.display_name = s.text(0);
    p.home_commune_insee = s.text(1);
    p.category = domain::parse_category(s.text(2)).value_or(domain::Category::DistantEmployee);
    p.workplace_commune_insee = s.text(3);
    p.employer = s.text(4);
    p.needs = {s.int64(5) != 0, s.int64(6) != 0, s.int64(7) != 0, s.int64(8) != 0};
    if (!s.is_null(9)) p.rqth = s.int64(9) != 0;
    return p;
  }

  std::map<std::int64_t, std::string> display_names(const std::vector<std::int64_t>& ids) override {
    // Chunks of a few fixed sizes, padded by repeating an id: each connection caches at most four shapes of the
    // statement, and no list reaches a backend's limit on parameters.
    std::vector<std::int64_t> wanted = ids;
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    std::map<std::int64_t, std::string> out;
    for (std::size_t at = 0; at < wanted.size();) {
      const std::size_t left = wanted.size() - at;
      std::size_t size = 1;
      for (const std::size_t bucket : kNameChunks)
        if (size < left) size = bucket;
      const std::size_t take = std::min(left, size);
      Statement s = c_.prepare("SELECT id, display_name FROM people WHERE id IN (" + placeholders(1, size) + ")");
      for (std::size_t i = 0; i < size; ++i) s.bind(static_cast<int>(i + 1), wanted[at + std::min(i, take - 1)]);
      while (s.step()) out.emplace(s.int64(0), s.text(1));
      at += take;
    }
    return out;
  }

  void set_profile(std::int64_t id, const domain::Profile& p) override {
    auto opt = [](const std::string& v) { return v.empty() ? std::optional<std::string_view>() : std::string_view(v); };
    c_.prepare(
          "UPDATE people SET display_name = ?2, home_insee = ?3, category = ?4, workplace_insee = ?5, employer = ?6, "
          "need_step_free = ?7, need_fax = ?8, need_printing = ?9, need_videoconference = ?10, rqth = ?11 "
          "WHERE id = ?1")
        .bind(1, id)
        .bind(2, p.display_name)
        .bind(3, opt(p.home_commune_insee))
        .bind(4, domain::to_string(p.category))
        .bind(5, opt(p.workplace_commune_insee))
        .bind(6, p.employer)
        .bind(7, p.needs.step_free)
        .bind(8, p.needs.fax)
        .bind(9, p.needs.printing)
        .bind(10, p.needs.videoconference)
        .bind(11, p.rqth)
        .run();
  }

  bool set_category(std::int64_t id, domain::Category to, domain::Date on, std::string_view at) override {
    std::optional<std::string> from;
    {
      Statement s = c_.prepare("SELECT category FROM people WHERE id = ?1");
      s.bind(1, id);
      if (!s.step()) throw StoreError(StoreError::Kind::NotFound, "personne inconnue : " + std::to_string(id));
      if (!s.is_null(0)) from = s.text(0);
    }
    if (from && domain::parse_category(*from) == to) return false;
    c_.prepare("UPDATE people SET category = ?2 WHERE id = ?1").bind(1, id).bind(2, domain::to_string(to)).run();
    c_.prepare(
          "INSERT INTO person_categories (person_id, from_category, to_category, changed_on, at) "
          "VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, id)
        .bind(2, from)
        .bind(3, domain::to_string(to))
        .bind(4, on.iso())
        .bind(5, at)
        .run();
    return true;
  }

  std::vector<CategoryChange> category_history(std::int64_t id) override {
    Statement s = c_.prepare(
        "SELECT person_id, from_category, to_category, changed_on, at FROM person_categories WHERE person_id = ?1 "
        "ORDER BY changed_on, id");
    s.bind(1, id);
    return read_changes(s);
  }

  std::vector<CategoryChange> category_changes(domain::Date from, domain::Date to) override {
    Statement s = c_.prepare(
        "SELECT person_id, from_category, to_category, changed_on, at FROM person_categories "
        "WHERE changed_on >= ?1 AND changed_on <= ?2 ORDER BY changed_on, id");
    s.bind(1, from.iso()).bind(2, to.iso());
    return read_changes(s);
  }

  void record_consent(std::int64_t id, std::string_view notice_version, std::string_view at) override {
    c_.prepare("INSERT INTO consents (person_id, notice_version, given_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
        .bind(1, id)
        .bind(2, notice_version)
        .bind(3, at)
        .run();
  }

  std::vector<std::pair<std::string, std::string>> consents(std::int64_t id) override {
    std::vector<std::pair<std::string, std::string>> out;
    Statement s = c_.prepare("SELECT notice_version, given_at FROM consents WHERE person_id = ?1 ORDER BY given_at");
    s.bind(1, id);
    while (s.step()) out.emplace_back(s.text(0), s.text(1));
    return out;
  }

  void erase(std::int64_t id, std::string_view at) override {
    c_.prepare(
          "UPDATE people SET email = NULL, password_hash = NULL, display_name = '', employer = '', erased_at = ?2 "
          "WHERE id = ?1")
        .bind(1, id)
        .bind(2, at)
        .run();
    static constexpr std::string_view kErase[] = {
        "DELETE FROM sessions WHERE person_id = ?1",
        "DELETE FROM api_tokens WHERE person_id = ?1",
        "DELETE FROM password_resets WHERE person_id = ?1",
        "DELETE FROM consents WHERE person_id = ?1",
        "DELETE FROM person_categories WHERE person_id = ?1",
        "DELETE FROM company_employees WHERE person_id = ?1",
        "UPDATE applications SET motivation = '', heard_from = '' WHERE person_id = ?1",
        // One statement on two lines:
        "UPDATE application_events SET message = '' WHERE application_id IN (SELECT id FROM applications "  // NOLINT
        "WHERE person_id = ?1)",
    };
    for (std::string_view sql : kErase) c_.prepare(sql).bind(1, id).run();
  }

  void add_reset_token(std::int64_t id, std::string_view token_hash, std::string_view at,
                       std::string_view expires_at) override {
    c_.prepare("INSERT INTO password_resets (token_hash, person_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)")
        .bind(1, token_hash)
        .bind(2, id)
        .bind(3, at)
        .bind(4, expires_at)
        .run();
  }

  std::optional<std::int64_t> use_reset_token(std::string_view token_hash, std::string_view now) override {
    Statement s = c_.prepare(
        "SELECT person_id FROM password_resets WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2");
    s.bind(1, token_hash).bind(2, now);
    if (!s.step()) return std::nullopt;
    const std::int64_t person = s.int64(0);
    c_.prepare("UPDATE password_resets SET used_at = ?2 WHERE token_hash = ?1").bind(1, token_hash).bind(2, now).run();
    return person;
  }

  std::int64_t count() override {
    Statement s = c_.prepare("SELECT count(*) FROM people");
    s.step();
    return s.int64(0);
  }

 private:
  static std::vector<CategoryChange> read_changes(Statement& s) {
    std::vector<CategoryChange> out;
    while (s.step()) {
      CategoryChange ch;
      ch.person_id = s.int64(0);
      if (!s.is_null(1)) ch.from = domain::parse_category(s.text(1));
      ch.to = domain::parse_category(s.text(2)).value_or(domain::Category::DistantEmployee);
      ch.on = domain::parse_date(s.text(3)).value_or(domain::Date{});
      ch.at = s.text(4);
      out.push_back(std::move(ch));
    }
    return out;
  }

  std::optional<PersonRecord> read_one(Statement& s) {
    if (!s.step()) return std::nullopt;
    PersonRecord p;
    p.id = s.int64(0);
    p.email = s.text(1);
    p.password_hash = s.text(2);
    p.created_at = s.text(3);
    {
      Statement r = c_.prepare("SELECT role FROM person_roles WHERE person_id = ?1 ORDER BY role");
      r.bind(1, p.id);
      while (r.step()) p.roles.push_back(r.text(0));
    }
    {
      Statement h = c_.prepare("SELECT centre_id FROM host_centres WHERE person_id = ?1 ORDER BY centre_id");
      h.bind(1, p.id);
      while (h.step()) p.host_centres.push_back(h.int64(0));
    }
    return p;
  }
  Connection& c_;
};

class SqlSessions final : public SessionRepository {
 public:
  explicit SqlSessions(Connection& c) : c_(c) {}
  void insert(const SessionRecord& r) override {
    c_.prepare(
          "INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, expires_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, r.token_hash)
        .bind(2, r.person_id)
        .bind(3, r.csrf_token)
        .bind(4, r.created_at)
        .bind(5, r.expires_at)
        .run();
  }
  std::optional<SessionRecord> find(std::string_view token_hash) override {
    Statement s = c_.prepare(
        "SELECT token_hash, person_id, csrf_token, created_at, expires_at FROM sessions WHERE token_hash = ?1");
    s.bind(1, token_hash);
    if (!s.step()) return std::nullopt;
    return SessionRecord{s.text(0), s.int64(1), s.text(2), s.text(3), s.text(4)};
  }
  void remove(std::string_view token_hash) override {
    c_.prepare("DELETE FROM sessions WHERE token_hash = ?1").bind(1, token_hash).run();
  }
  void remove_all_of(std::int64_t person_id) override {
    c_.prepare("DELETE FROM sessions WHERE person_id = ?1").bind(1, person_id).run();
  }
  void remove_expired(std::string_view now) override {
    c_.prepare("DELETE FROM sessions WHERE expires_at <= ?1").bind(1, now).run();
  }

 private:
  Connection& c_;
};

class SqlApiTokens final : public ApiTokenRepository {
 public:
  explicit SqlApiTokens(Connection& c) : c_(c) {}
  std::int64_t insert(const ApiTokenRecord& t) override {
    return c_
        .prepare(
            "INSERT INTO api_tokens (person_id, token_hash, label, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id")
        .bind(1, t.person_id)
        .bind(2, t.token_hash)
        .bind(3, t.label)
        .bind(4, t.created_at)
        .returning_id();
  }
  std::optional<ApiTokenRecord> find_by_hash(std::string_view token_hash) override {
    Statement s = c_.prepare(
        "SELECT id, person_id, token_hash, label, created_at, coalesce(revoked_at, '') FROM api_tokens "
        "WHERE token_hash = ?1");
    s.bind(1, token_hash);
    if (!s.step()) return std::nullopt;
    return read(s);
  }
  std::vector<ApiTokenRecord> of_person(std::int64_t person_id) override {
    std::vector<ApiTokenRecord> out;
    Statement s = c_.prepare(
        "SELECT id, person_id, token_hash, label, created_at, coalesce(revoked_at, '') FROM api_tokens "
        "WHERE person_id = ?1 ORDER BY id");
    s.bind(1, person_id);
    while (s.step()) out.push_back(read(s));
    return out;
  }
  bool revoke(std::int64_t token_id, std::int64_t person_id, std::string_view at) override {
    return c_.prepare("UPDATE api_tokens SET revoked_at = ?3 WHERE id = ?1 AND person_id = ?2 AND revoked_at IS NULL")
               .bind(1, token_id)
               .bind(2, person_id)
               .bind(3, at)
               .run() > 0;
  }

 private:
  static ApiTokenRecord read(const Statement& s) {
    return ApiTokenRecord{s.int64(0), s.int64(1), s.text(2), s.text(3), s.text(4), s.text(5)};
  }
  Connection& c_;
};

class SqlThrottle final : public ThrottleRepository {
 public:
  explicit SqlThrottle(Connection& c) : c_(c) {}
  std::optional<ThrottleRecord> find(std::string_view key) override {
    Statement s = c_.prepare("SELECT key, failures, last_failure, blocked_until FROM sign_in_throttle WHERE key = ?1");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return ThrottleRecord{s.text(0), s.integer(1), s.text(2), s.text(3)};
  }
  void put(const ThrottleRecord& r) override {
    c_.prepare(
          "INSERT INTO sign_in_throttle (key, failures, last_failure, blocked_until) VALUES (?1, ?2, ?3, ?4) "
          "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure = excluded.last_failure, "
          "blocked_until = excluded.blocked_until")
        .bind(1, r.key)
        .bind(2, r.failures)
        .bind(3, r.last_failure)
        .bind(4, r.blocked_until)
        .run();
  }
  void clear(std::string_view key) override {
    c_.prepare("DELETE FROM sign_in_throttle WHERE key = ?1").bind(1, key).run();
  }

 private:
  Connection& c_;
};

class SqlAudit final : public AuditRepository {
 public:
  explicit SqlAudit(Connection& c) : c_(c) {}
  void append(const AuditEntry& e) override {
    c_.prepare("INSERT INTO audit_log (at, actor_id, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, e.at)
        .bind(2, e.actor_id)
        .bind(3, e.action)
        .bind(4, e.subject)
        .bind(5, e.detail)
        .run();
  }
  std::vector<AuditEntry> latest(int limit, int offset) override {
    std::vector<AuditEntry> out;
    Statement s = c_.prepare(
        "SELECT id, at, actor_id, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?1 OFFSET ?2");
    s.bind(1, limit).bind(2, offset);
    while (s.step()) {
      AuditEntry e{s.int64(0), s.text(1), std::nullopt, s.text(3), s.text(4), s.text(5)};
      if (!s.is_null(2)) e.actor_id = s.int64(2);
      out.push_back(std::move(e));
    }
    return out;
  }

 private:
  Connection& c_;
};

}  // namespace

std::unique_ptr<PersonRepository> make_person_repository(Connection& c) { return std::make_unique<SqlPeople>(c); }
std::unique_ptr<SessionRepository> make_session_repository(Connection& c) { return std::make_unique<SqlSessions>(c); }
std::unique_ptr<ApiTokenRepository> make_api_token_repository(Connection& c) {
  return std::make_unique<SqlApiTokens>(c);
}
std::unique_ptr<ThrottleRepository> make_throttle_repository(Connection& c) { return std::make_unique<SqlThrottle>(c); }
std::unique_ptr<AuditRepository> make_audit_repository(Connection& c) { return std::make_unique<SqlAudit>(c); }

}  // namespace tc::store::sql
