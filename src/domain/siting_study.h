// A siting study as the platform keeps it: who asked, what (the request, as JSON text the service writes and
// reads back), how far a background run has gone, and its result or why it stopped. Studies are records: a council
// can show which demand and which parameters a proposal came from, months later.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/enum_names.h"
#include "domain/person.h"

namespace tc::domain {

using StudyId = std::int64_t;

// queued → running → done | failed | cancelled; queued → cancelled.
enum class StudyStatus { Queued, Running, Done, Failed, Cancelled };

constexpr std::string_view to_string(StudyStatus s) {
  switch (s) {
    case StudyStatus::Queued: return "queued";
    case StudyStatus::Running: return "running";
    case StudyStatus::Done: return "done";
    case StudyStatus::Failed: return "failed";
    case StudyStatus::Cancelled: return "cancelled";
  }
  return "queued";
}

inline constexpr std::array kStudyStatuses{StudyStatus::Queued, StudyStatus::Running, StudyStatus::Done,
                                           StudyStatus::Failed, StudyStatus::Cancelled};

inline std::optional<StudyStatus> parse_study_status(std::string_view s) { return parse_by_name(s, kStudyStatuses); }

constexpr bool finished(StudyStatus s) {
  return s == StudyStatus::Done || s == StudyStatus::Failed || s == StudyStatus::Cancelled;
}

struct StudyRecord {
  StudyId id = 0;
  PersonId created_by = 0;
  std::string title;         // given by the person, or made from the parameters
  std::string created_at;    // ISO timestamps (domain/timestamp.h)
  std::string started_at;    // empty until a runner takes it
  std::string heartbeat_at;  // last progress written by the runner: a stale one means the runner died
  std::string finished_at;
  StudyStatus status = StudyStatus::Queued;
  double progress = 0;  // 0..1
  std::string stage;    // the solver's current stage, in French ("recherche locale par échanges")
  bool cancel_requested = false;
  std::string request_json;
  std::string result_json;  // with Done
  std::string error_fr;     // with Failed (and Cancelled: who or what stopped it)
  std::string error_en;
  std::string error_field;  // the request's field the error is about, if any
};

}  // namespace tc::domain
