// Rows ↔ values for siting studies. Claiming is one UPDATE guarded by the status, inside the write transaction, so
// that two runners (two server processes on one database) never take the same study.

#include <algorithm>

#include "store/sql/rows.h"

namespace tc::store::sql {

namespace {

constexpr std::string_view kColumns =
    "id, created_by, title, created_at, started_at, heartbeat_at, finished_at, status, progress, stage, "
    "cancel_requested, error_fr, error_en, error_field";

domain::StudyRecord read_study(const Statement& s, bool with_json) {
  domain::StudyRecord r;
  r.id = s.int64(0);
  r.created_by = s.int64(1);
  r.title = s.text(2);
  r.created_at = s.text(3);
  r.started_at = s.text(4);
  r.heartbeat_at = s.text(5);
  r.finished_at = s.text(6);
  const auto status = domain::parse_study_status(s.text(7));
  if (!status) throw StoreError(StoreError::Kind::Internal, "état d'étude illisible en base : " + s.text(7));
  r.status = *status;
  r.progress = s.real(8);
  r.stage = s.text(9);
  r.cancel_requested = s.int64(10) != 0;
  r.error_fr = s.text(11);
  r.error_en = s.text(12);
  r.error_field = s.text(13);
  if (with_json) {
    r.request_json = s.text(14);
    r.result_json = s.text(15);
  }
  return r;
}

class SqlStudies final : public StudyRepository {
 public:
  explicit SqlStudies(Connection& c) : c_(c) {}

  domain::StudyId insert(const domain::StudyRecord& s) override {
    return c_
        .prepare(
            "INSERT INTO siting_studies (created_by, title, created_at, status, request_json) "
            "VALUES (?1, ?2, ?3, 'queued', ?4) RETURNING id")
        .bind(1, s.created_by)
        .bind(2, s.title)
        .bind(3, s.created_at)
        .bind(4, s.request_json)
        .returning_id();
  }

  std::optional<domain::StudyRecord> find(domain::StudyId id) override {
    Statement s =
        c_.prepare("SELECT " + std::string(kColumns) + ", request_json, result_json FROM siting_studies WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_study(s, true);
  }

  std::vector<domain::StudyRecord> recent(int limit) override {
    Statement s = c_.prepare("SELECT " + std::string(kColumns) + " FROM siting_studies ORDER BY id DESC LIMIT ?1");
    s.bind(1, limit);
    std::vector<domain::StudyRecord> out;
    while (s.step()) out.push_back(read_study(s, false));
    return out;
  }

  std::optional<domain::StudyRecord> claim_next(std::string_view now) override {
    std::int64_t id = 0;
    {
      Statement s = c_.prepare("SELECT id FROM siting_studies WHERE status = 'queued' ORDER BY id LIMIT 1");
      if (!s.step()) return std::nullopt;
      id = s.int64(0);
    }
    if (c_.prepare("UPDATE siting_studies SET status = 'running', started_at = ?2, heartbeat_at = ?2 "
                   "WHERE id = ?1 AND status = 'queued'")
            .bind(1, id)
            .bind(2, now)
            .run() == 0)
      return std::nullopt;
    return find(id);
  }

  bool progress(domain::StudyId id, double fraction, std::string_view stage, std::string_view now) override {
    c_.prepare(
          "UPDATE siting_studies SET progress = ?2, stage = ?3, heartbeat_at = ?4 WHERE id = ?1 AND status = "
          "'running'")
        .bind(1, id)
        .bind(2, std::clamp(fraction, 0.0, 1.0))
        .bind(3, stage)
        .bind(4, now)
        .run();
    Statement s = c_.prepare("SELECT cancel_requested FROM siting_studies WHERE id = ?1");
    s.bind(1, id);
    return s.step() && s.int64(0) != 0;
  }

  void finish(const domain::StudyRecord& r) override {
    if (c_.prepare(
              "UPDATE siting_studies SET status = ?2, finished_at = ?3, heartbeat_at = ?3, progress = ?4, stage = ?5, "
              "result_json = ?6, error_fr = ?7, error_en = ?8, error_field = ?9 WHERE id = ?1")
            .bind(1, r.id)
            .bind(2, to_string(r.status))
            .bind(3, r.finished_at)
            .bind(4, std::clamp(r.progress, 0.0, 1.0))
            .bind(5, r.stage)
            .bind(6, r.result_json)
            .bind(7, r.error_fr)
            .bind(8, r.error_en)
            .bind(9, r.error_field)
            .run() == 0)
      throw StoreError(StoreError::Kind::NotFound, "étude inconnue : " + std::to_string(r.id));
  }

  bool request_cancel(domain::StudyId id, std::string_view now) override {
    if (c_.prepare("UPDATE siting_studies SET status = 'cancelled', finished_at = ?2, error_fr = 'Annulée avant son "
                   "lancement.', error_en = 'Cancelled before it started.' WHERE id = ?1 AND status = 'queued'")
            .bind(1, id)
            .bind(2, now)
            .run() > 0)
      return true;
    return c_.prepare("UPDATE siting_studies SET cancel_requested = 1 WHERE id = ?1 AND status = 'running'")
               .bind(1, id)
               .run() > 0;
  }

  int fail_stale(std::string_view before, std::string_view now, std::string_view error_fr,
                 std::string_view error_en) override {
    Statement s = c_.prepare(
        "UPDATE siting_studies SET status = 'failed', finished_at = ?2, error_fr = ?3, error_en = ?4 "
        "WHERE status = 'running' AND heartbeat_at < ?1");
    return static_cast<int>(s.bind(1, before).bind(2, now).bind(3, error_fr).bind(4, error_en).run());
  }

 private:
  Connection& c_;
};

}  // namespace

std::unique_ptr<StudyRepository> make_study_repository(Connection& c) { return std::make_unique<SqlStudies>(c); }

}  // namespace tc::store::sql
