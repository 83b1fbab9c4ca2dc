#include "web/metrics.h"

#include <fmt/format.h>

namespace tc::web {

void Metrics::record(const std::string& method, const std::string& route, unsigned status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  ++count_;
  sum_ += seconds;
}

namespace {
std::string label_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}
}  // namespace

std::string Metrics::prometheus_text() const {
  std::string out;
  std::lock_guard lock(mutex_);
  out += "# HELP telecentres_http_requests_total HTTP requests answered, by method, route and status.\n";
  out += "# TYPE telecentres_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out += fmt::format("telecentres_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       label_escape(method), label_escape(route), status, n);
  }
  out += "# HELP telecentres_http_request_duration_seconds Time from the first byte of a request to its response.\n";
  out += "# TYPE telecentres_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    out += fmt::format("telecentres_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kBuckets[i],
                       bucket_counts_[i]);
  out += fmt::format("telecentres_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", count_);
  out += fmt::format("telecentres_http_request_duration_seconds_sum {}\n", sum_);
  out += fmt::format("telecentres_http_request_duration_seconds_count {}\n", count_);
  out += "# HELP telecentres_worker_queue_depth Tasks waiting for a worker thread.\n";
  out += "# TYPE telecentres_worker_queue_depth gauge\n";
  out += fmt::format("telecentres_worker_queue_depth {}\n", queue_depth_ ? queue_depth_() : 0);
  out += "# HELP telecentres_open_connections Client connections currently open.\n";
  out += "# TYPE telecentres_open_connections gauge\n";
  out += fmt::format("telecentres_open_connections {}\n", connections_ ? connections_() : 0);
  // Refused connections never reach the router, so they are not among the requests above: an operator sees the
  // overload here (their answer is a 503 with Retry-After).
  out += "# HELP telecentres_connections_refused_total Connections refused over --max-connections (503).\n";
  out += "# TYPE telecentres_connections_refused_total counter\n";
  out += fmt::format("telecentres_connections_refused_total {}\n", refused_ ? refused_() : 0);
  return out;
}

}  // namespace tc::web
