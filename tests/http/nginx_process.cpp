#include "nginx_process.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "server_process.h"

namespace tc::test {

namespace {

// A port that was free a moment ago (nginx binds it right after; a clash would show in its error log).
unsigned short free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket");
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  close(fd);
  return ntohs(a.sin_port);
}

std::string config(const std::string& dir, unsigned short port, const std::vector<unsigned short>& upstreams) {
  std::ostringstream c;
  c << "# Written by tests/http/nginx_process.cpp for one test; removed with its directory.\n"
    << "worker_processes 1;\n"
    << "pid " << dir << "/nginx.pid;\n"
    << "error_log " << dir << "/error.log warn;\n"
    << "daemon off;\n"
    << "master_process on;\n"
    << "events { worker_connections 4096; }\n"
    << "http {\n"
    << "  access_log off;\n";
  for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
    c << "  " << temp << "_temp_path " << dir << "/" << temp << ";\n";
  c << "  upstream telecentres {\n";
  for (unsigned short p : upstreams) c << "    server 127.0.0.1:" << p << " max_fails=3 fail_timeout=10s;\n";
  c << "    keepalive 32;\n"
    << "  }\n"
    << "  server {\n"
    << "    listen 127.0.0.1:" << port << ";\n"
    << "    client_max_body_size 1m;\n"
    << "    proxy_http_version 1.1;\n"
    << "    proxy_set_header Connection \"\";\n"
    << "    proxy_set_header Host $host;\n"
    << "    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
    << "    proxy_set_header X-Forwarded-Proto $scheme;\n"
    << "    proxy_connect_timeout 2s;\n"
    << "    proxy_read_timeout 30s;\n"
    << "    proxy_next_upstream error timeout;\n"
    << "    location / { proxy_pass http://telecentres; }\n"
    << "  }\n"
    << "}\n";
  return c.str();
}

}  // namespace

bool NginxProcess::available() { return access(kBinary, X_OK) == 0; }

NginxProcess::NginxProcess(const std::vector<unsigned short>& upstream_ports) {
  std::string pattern = (std::filesystem::temp_directory_path() / "tc-nginx-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp");
  dir_ = pattern;
  // nginx's workers drop to `nobody` when the master runs as root: they must reach the temporary paths.
  chmod(dir_.c_str(), 0755);
  port_ = free_port();
  std::ofstream(dir_ + "/nginx.conf") << config(dir_, port_, upstream_ports);
  const std::string conf = dir_ + "/nginx.conf";
  const std::string prefix = dir_ + "/";
  const std::string errors = dir_ + "/error.log";
  const std::string output = dir_ + "/output.log";
  pid_ = fork();
  if (pid_ == 0) {
    const int fd = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execl(kBinary, kBinary, "-p", prefix.c_str(), "-c", conf.c_str(), "-e", errors.c_str(), nullptr);
    _exit(127);
  }
  if (pid_ < 0) throw std::runtime_error("fork");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      const std::string why = error_log();
      std::filesystem::remove_all(dir_);
      throw std::runtime_error("nginx exited at start: " + why);
    }
    try {
      if (http_request(port_, "GET", "/healthz").status == 200) return;
    } catch (const std::exception&) {  // not listening yet
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const std::string why = error_log();
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  std::filesystem::remove_all(dir_);
  throw std::runtime_error("nginx does not answer /healthz: " + why);
}

NginxProcess::~NginxProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);  // fast shutdown: the test is over
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    bool ended = false;
    while (!ended && std::chrono::steady_clock::now() < deadline) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_)
        ended = true;
      else
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!ended) {
      kill(pid_, SIGKILL);  // the master only: its workers exit when it is gone
      waitpid(pid_, nullptr, 0);
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string NginxProcess::error_log() const {
  std::ostringstream out;
  for (const char* name : {"/error.log", "/output.log"}) {
    if (std::ifstream in(dir_ + name); in && in.peek() != std::ifstream::traits_type::eof()) out << in.rdbuf();
  }
  return out.str();
}

}  // namespace tc::test
