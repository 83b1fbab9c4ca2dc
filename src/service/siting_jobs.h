// Siting studies run in the background: a person queues a study (checked at once, so that a wrong commune or a
// p too large is a 400 rather than a failed job), any server's runner takes it, writes its progress and heartbeat
// to the database, and reads back a cancel request with each progress. Nothing of a study lives only in one
// process's memory, so a page served by another server shows the same progress and can stop the run.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "domain/person.h"
#include "domain/siting_study.h"
#include "service/clock.h"
#include "service/siting.h"
#include "store/store.h"

namespace tc::service {

class SitingJobs {
 public:
  SitingJobs(store::Store& store, SitingStudy& study, Clock clock);

  // Admins and the animator (ServiceError{Forbidden} otherwise). Checks the request against the communes and the
  // network (SitingStudy::check), records it queued, and audits it. An empty title gets one made of the model and
  // its parameters ("p-médiane, 8 centres").
  domain::StudyId submit(const domain::Actor& actor, const SitingRequest& r, std::string title);
  // The study with its request and result; NotFound for an unknown id.
  domain::StudyRecord get(const domain::Actor& actor, domain::StudyId id);
  std::vector<domain::StudyRecord> recent(const domain::Actor& actor, int limit = 50);
  // A queued study ends at once; a running one stops at its next progress. Conflict when it has already ended.
  void cancel(const domain::Actor& actor, domain::StudyId id);

  // The runner: takes the oldest queued study and runs it to its end (done, failed or cancelled); false when
  // none was queued. Progress reaches the database at most every `progress_every`, and so does the cancel check.
  bool run_next(std::chrono::milliseconds progress_every = std::chrono::milliseconds(500));
  // Running studies without a heartbeat for `silence` (their server died) become failed; how many.
  int fail_stale(std::chrono::seconds silence = std::chrono::seconds(60));
  // The server is stopping: a run in progress stops at its next progress and goes back to the queue, for this
  // server after its restart or for another one.
  void stop() { stopping_ = true; }

 private:
  std::atomic<bool> stopping_{false};
  store::Store& store_;
  SitingStudy& study_;
  Clock clock_;
};

// "p-médiane, 8 centres", "couverture maximale, 8 centres en 20 min", "moins de centres pour tous en 20 min".
std::string study_title(const SitingRequest& r);

}  // namespace tc::service
