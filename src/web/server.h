// The HTTP/1.1 server on Boost.Beast. It reads requests under strict limits, hands each complete request to a
// Dispatcher with a way to answer, and writes the answer; it never looks at routes or the store. Limits:
// header size (431), body size (413), a deadline for a whole request (slow clients are dropped), an idle
// keep-alive timeout and a maximum number of connections. stop() is graceful: no new connections, in-flight
// requests finish, idle connections close.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "web/client_address.h"
#include "web/request.h"
#include "web/response.h"

namespace tc::web {

struct ServerConfig {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 = any free port (see Server::port())
  int io_threads = 2;
  std::size_t max_header_bytes = std::size_t{8} * 1024;
  std::size_t max_body_bytes = std::size_t{1024} * 1024;
  std::chrono::milliseconds request_deadline{10'000};  // from a request's first byte to its last
  std::chrono::milliseconds idle_timeout{30'000};      // keep-alive wait for the next request
  std::size_t max_connections = 2048;
  std::chrono::milliseconds shutdown_grace{10'000};  // how long stop() waits for in-flight requests
  // Reverse proxies whose X-Forwarded-For names the client (RequestContext::remote, the access log's "remote").
  TrustedProxies trusted_proxies;
  // Told of every response sent (method, route label, status, seconds since the request's first byte).
  std::function<void(const std::string&, const std::string&, unsigned, double)> on_response;
};

// Called on an I/O thread with a complete request; must eventually call `respond` exactly once, from any
// thread. `route` labels the request in logs and metrics.
using Respond = std::function<void(Response response, std::string route)>;
using Dispatcher = std::function<void(RequestContext&& request, Respond respond)>;

class Server {
 public:
  Server(ServerConfig config, Dispatcher dispatcher);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; throws std::runtime_error with a readable message (address in use, bad address).
  void listen();
  unsigned short port() const;
  // Runs the I/O threads until stop() completes.
  void run();
  // Thread-safe and signal-handler-free: call from any thread (main's signal_set does).
  void stop();
  std::size_t open_connections() const;
  std::uint64_t refused_connections() const;  // over --max-connections, since start

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tc::web
