// Group commit for write_together(), the same on every backend: callers queue their part; one of them (the
// leader) runs every part queued so far in one shared transaction, each part in a savepoint of its own, while the
// next ones queue up for the following batch. One commit (and one disk sync) then serves the whole batch.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "store/store.h"

namespace tc::store::sql {

class WriteBatcher {
 public:
  struct Part {
    const std::function<void(Transaction&)>* work;
    std::exception_ptr error;  // the part's own failure, or the whole batch's
    bool done = false;
    std::condition_variable wake;
  };
  // Runs the parts in one transaction and commits it, setting each failed part's error (and every part's when
  // the batch fails as a whole); returns a number for `after_commit` (0: nothing was committed).
  using RunBatch = std::function<std::uint64_t(const std::vector<Part*>&)>;
  // Called by the leader once the next batch may start, outside the lock: e.g. waiting for the disk.
  using AfterCommit = std::function<void(std::uint64_t)>;

  // Returns once `work`'s part is committed (and after_commit has returned); rethrows its error.
  void submit(const std::function<void(Transaction&)>& work, const RunBatch& run_batch,
              const AfterCommit& after_commit = {});

 private:
  std::mutex mutex_;
  std::vector<Part*> queued_;
  bool running_ = false;
};

}  // namespace tc::store::sql
