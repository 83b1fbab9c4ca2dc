// Debian's nginx as a child process of a test: a load balancer on a free loopback port in front of several
// `telecentres serve` processes, configured as deploy/nginx-telecentres.conf proxies (HTTP/1.1 keep-alive to the
// upstream, X-Forwarded-For, the next server tried on a connection error), without TLS. Everything it writes
// (configuration, pid, logs, temporary files) is in a temporary directory of its own: the system's nginx, its
// service and its files are never touched. As bench/directory/run.sh does it.
#pragma once

#include <string>
#include <vector>

namespace tc::test {

class NginxProcess {
 public:
  static constexpr const char* kBinary = "/usr/sbin/nginx";
  static bool available();  // the binary is installed

  // Starts `nginx -p DIR -c DIR/nginx.conf` with `daemon off` in front of 127.0.0.1:upstream_ports (round
  // robin) and waits until it answers GET /healthz; throws std::runtime_error with nginx's error log if not.
  explicit NginxProcess(const std::vector<unsigned short>& upstream_ports);
  ~NginxProcess();  // SIGTERM, SIGKILL if it lingers; removes the directory
  NginxProcess(const NginxProcess&) = delete;
  NginxProcess& operator=(const NginxProcess&) = delete;

  unsigned short port() const { return port_; }
  // nginx's error log so far (to explain a failure).
  std::string error_log() const;

 private:
  std::string dir_;
  int pid_ = -1;
  unsigned short port_ = 0;
};

}  // namespace tc::test
