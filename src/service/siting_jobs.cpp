#include "service/siting_jobs.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

#include <spdlog/spdlog.h>

#include "service/errors.h"
#include "service/siting_json.h"
#include "siting/errors.h"

namespace tc::service {

namespace {

constexpr std::size_t kTitleMax = 120;
constexpr double kMaxJobSeconds = 600;

void require_planner(const domain::Actor& actor) {
  if (!actor.is_admin() && !actor.has(domain::Role::Animator))
    throw ServiceError(ServiceError::Kind::Forbidden,
                       "L'étude d'implantation est réservée au conseil et à l'animation.",
                       "The siting study is for the council and the network's animator.");
}

void audit(store::Transaction& tx, const std::string& at, const domain::Actor& actor, std::string action,
           domain::StudyId id, std::string detail) {
  const std::optional<std::int64_t> who = actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt;
  tx.audit().append({0, at, who, std::move(action), "siting_study:" + std::to_string(id), std::move(detail)});
}

std::string minutes_text(double m) {
  const double rounded = std::round(m * 10) / 10;
  std::string s = std::to_string(rounded);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::string study_title(const SitingRequest& r) {
  const std::string p = std::to_string(r.params.p);
  const std::string t = minutes_text(r.params.within);
  switch (r.params.model) {
    case siting::Model::Lscp: return "Couverture complète en " + t + " min";
    case siting::Model::Mclp: return "Couverture maximale, " + p + " centres en " + t + " min";
    case siting::Model::PMedian: return "p-médiane, " + p + " centres";
  }
  return "Étude d'implantation";
}

SitingJobs::SitingJobs(store::Store& store, SitingStudy& study, Clock clock)
    : store_(store), study_(study), clock_(std::move(clock)) {}

domain::StudyId SitingJobs::submit(const domain::Actor& actor, const SitingRequest& r, std::string title) {
  require_planner(actor);
  if (r.params.time_limit_s > kMaxJobSeconds || !(r.params.time_limit_s > 0))
    throw ServiceError(ServiceError::Kind::Invalid, "La durée maximale va de 1 à 600 secondes.",
                       "The time limit is 1 to 600 seconds.", "time_limit_s");
  while (!title.empty() && (title.back() == ' ' || title.back() == '\n')) title.pop_back();
  if (title.size() > kTitleMax)
    throw ServiceError(ServiceError::Kind::Invalid, "Le titre tient en 120 caractères.",
                       "The title is at most 120 characters.", "title");
  study_.check(r);
  domain::StudyRecord s;
  s.created_by = actor.id;
  s.title = title.empty() ? study_title(r) : title;
  s.created_at = clock_().iso();
  s.request_json = siting_request_json(r).dump();
  auto tx = store_.begin(store::Access::Write);
  const domain::StudyId id = tx->studies().insert(s);
  audit(*tx, s.created_at, actor, "siting.submit", id, s.title);
  tx->commit();
  return id;
}

domain::StudyRecord SitingJobs::get(const domain::Actor& actor, domain::StudyId id) {
  require_planner(actor);
  auto tx = store_.begin(store::Access::Read);
  auto s = tx->studies().find(id);
  if (!s)
    throw ServiceError(ServiceError::Kind::NotFound, "Cette étude n'existe pas.", "This study does not exist.", "id");
  return *s;
}

std::vector<domain::StudyRecord> SitingJobs::recent(const domain::Actor& actor, int limit) {
  require_planner(actor);
  auto tx = store_.begin(store::Access::Read);
  return tx->studies().recent(limit);
}

void SitingJobs::cancel(const domain::Actor& actor, domain::StudyId id) {
  require_planner(actor);
  auto tx = store_.begin(store::Access::Write);
  if (!tx->studies().find(id))
    throw ServiceError(ServiceError::Kind::NotFound, "Cette étude n'existe pas.", "This study does not exist.", "id");
  const std::string now = clock_().iso();
  if (!tx->studies().request_cancel(id, now))
    throw ServiceError(ServiceError::Kind::Conflict, "Cette étude est déjà terminée.", "This study has already ended.",
                       "id");
  audit(*tx, now, actor, "siting.cancel", id, "");
  tx->commit();
}

bool SitingJobs::run_next(std::chrono::milliseconds progress_every) {
  std::optional<domain::StudyRecord> claimed;
  {
    auto tx = store_.begin(store::Access::Write);
    claimed = tx->studies().claim_next(clock_().iso());
    tx->commit();
  }
  if (!claimed) return false;
  domain::StudyRecord s = *claimed;
  // A pulse thread writes the latest progress and the heartbeat at a steady pace, whatever the solver is doing
  // (a long LP may not report for a while), and reads back the cancel flag; the solver's own progress callback
  // only notes where it is and throws when the pulse saw a cancel.
  std::mutex mutex;
  std::condition_variable wake;
  double reached = 0;
  std::string stage;
  bool over = false;
  std::atomic<bool> cancel{false};
  auto pulse_once = [&] {
    double f = 0;
    std::string st;
    {
      const std::lock_guard lock(mutex);
      f = reached;
      st = stage;
    }
    try {
      auto tx = store_.begin(store::Access::Write);
      if (tx->studies().progress(s.id, f, st, clock_().iso())) cancel = true;
      tx->commit();
    } catch (const std::exception& e) {
      spdlog::warn("avancement de l'étude {} : {}", s.id, e.what());
    }
  };
  std::thread pulse([&] {
    std::unique_lock lock(mutex);
    while (!over) {
      if (wake.wait_for(lock, progress_every, [&] { return over; })) break;
      lock.unlock();
      pulse_once();
      lock.lock();
    }
  });
  const siting::Progress progress = [&](double fraction, std::string_view now_stage) {
    {
      const std::lock_guard lock(mutex);
      reached = std::max(reached, std::clamp(fraction, 0.0, 1.0));
      stage = std::string(now_stage);
    }
    if (cancel || stopping_) throw siting::Cancelled();
  };
  auto stop_pulse = [&] {
    {
      const std::lock_guard lock(mutex);
      over = true;
    }
    wake.notify_all();
    pulse.join();
  };
  try {
    const SitingRequest r = siting_request_from_json(nlohmann::json::parse(s.request_json), kMaxJobSeconds);
    const SitingResult result = study_.run(r, progress);
    s.status = domain::StudyStatus::Done;
    s.progress = 1;
    s.stage = "terminé";
    s.result_json = siting_result_json(r, result).dump();
  } catch (const siting::Cancelled&) {
    s.status = !cancel && stopping_ ? domain::StudyStatus::Queued : domain::StudyStatus::Cancelled;
    {
      const std::lock_guard lock(mutex);
      s.progress = reached;
      s.stage = stage;
    }
    if (s.status == domain::StudyStatus::Queued) {
      s.progress = 0;
      s.stage.clear();
    } else {
      s.error_fr = "Annulée pendant le calcul.";
      s.error_en = "Cancelled while running.";
    }
  } catch (const ServiceError& e) {
    s.status = domain::StudyStatus::Failed;
    s.error_fr = e.message_fr;
    s.error_en = e.message_en;
    s.error_field = e.field;
  } catch (const std::exception& e) {
    spdlog::error("étude d'implantation {} : {}", s.id, e.what());
    s.status = domain::StudyStatus::Failed;
    s.error_fr = "L'étude a échoué : erreur interne.";
    s.error_en = "The study failed: internal error.";
  }
  stop_pulse();
  s.finished_at = s.status == domain::StudyStatus::Queued ? std::string() : clock_().iso();
  auto tx = store_.begin(store::Access::Write);
  tx->studies().finish(s);
  tx->commit();
  return true;
}

int SitingJobs::fail_stale(std::chrono::seconds silence) {
  const domain::Timestamp now = clock_();
  const domain::Timestamp before{now.unix_seconds - silence.count()};
  auto tx = store_.begin(store::Access::Write);
  const int n =
      tx->studies().fail_stale(before.iso(), now.iso(), "Interrompue : le serveur qui la calculait s'est arrêté.",
                               "Interrupted: the server running it stopped.");
  tx->commit();
  return n;
}

}  // namespace tc::service
