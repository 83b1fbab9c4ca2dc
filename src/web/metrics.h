// Counters the server exposes at /metrics in Prometheus text format: requests by route and status, a latency
// histogram, and the worker pool's queue depth. Recording is a short critical section per request.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace tc::web {

class Metrics {
 public:
  void record(const std::string& method, const std::string& route, unsigned status, double seconds);
  void set_queue_depth_source(std::function<std::size_t()> f) { queue_depth_ = std::move(f); }
  void set_connections_source(std::function<std::size_t()> f) { connections_ = std::move(f); }
  void set_refused_source(std::function<std::uint64_t()> f) { refused_ = std::move(f); }
  std::string prometheus_text() const;

  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

 private:
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, unsigned>, std::uint64_t> requests_;
  std::array<std::uint64_t, kBuckets.size()> bucket_counts_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
  std::function<std::size_t()> queue_depth_;
  std::function<std::size_t()> connections_;
  std::function<std::uint64_t()> refused_;
};

}  // namespace tc::web
