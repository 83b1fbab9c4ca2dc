#include "store/sql/write_batcher.h"

#include <algorithm>

namespace tc::store::sql {

void WriteBatcher::submit(const std::function<void(Transaction&)>& work, const RunBatch& run_batch,
                          const AfterCommit& after_commit) {
  Part me{&work, nullptr, false, {}};
  std::unique_lock lock(mutex_);
  queued_.push_back(&me);
  // Each waiter sleeps on its own condition: only the parts of a finished batch, and the one that leads the
  // next batch, are woken (a shared condition woke every worker at every step).
  while (!me.done) {
    const bool queued = std::find(queued_.begin(), queued_.end(), &me) != queued_.end();
    if (running_ || !queued) {
      me.wake.wait(lock);
      continue;
    }
    // No batch is running: this thread runs everything queued so far, its own work included. The next batch
    // may start as soon as this one is committed, while this one waits for the disk.
    running_ = true;
    std::vector<Part*> batch;
    batch.swap(queued_);
    lock.unlock();
    const std::uint64_t seq = run_batch(batch);
    lock.lock();
    running_ = false;
    if (!queued_.empty()) queued_.front()->wake.notify_one();  // it leads the next batch
    lock.unlock();
    if (seq > 0 && after_commit) {
      try {
        after_commit(seq);
      } catch (...) {
        for (Part* p : batch)
          if (!p->error) p->error = std::current_exception();
      }
    }
    lock.lock();
    for (Part* p : batch) {
      p->done = true;
      if (p != &me) p->wake.notify_one();
    }
  }
  lock.unlock();
  if (me.error) std::rethrow_exception(me.error);
}

}  // namespace tc::store::sql
