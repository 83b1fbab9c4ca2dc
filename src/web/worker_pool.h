// A fixed set of threads that run the handlers touching the store, fed by a bounded queue. When the queue is
// full, try_submit refuses at once and the caller answers 503 with Retry-After: under overload the server stays
// responsive and its memory bounded, instead of queueing work nobody will wait for.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tc::web {

class WorkerPool {
 public:
  WorkerPool(std::size_t threads, std::size_t max_queue);
  ~WorkerPool();  // finishes the queued tasks, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  bool try_submit(std::function<void()> task);
  std::size_t queue_depth() const;
  void stop();  // no new tasks; queued ones still run
  // stop(), then waits until the queued tasks have run and the threads have ended. Tasks answer through the
  // server's I/O context: join before the server is destroyed.
  void join();

 private:
  void run();
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::size_t max_queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tc::web
