// A real SMTP server for tests: aiosmtpd under /usr/bin/python3 (Debian's python3-aiosmtpd), on a free loopback
// port, keeping every message it accepts as a file. Mail code is tested against what a server actually
// received — nothing is mocked. The process never outlives the sink object, nor the test binary if it crashes.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace tc::test {

struct ReceivedMail {
  std::string mail_from;             // the envelope sender (MAIL FROM), without angle brackets
  std::vector<std::string> rcpt_to;  // the envelope recipients the server accepted
  std::string data;                  // the message as received: dot-unstuffed, CRLF line endings
};

class SmtpSink {
 public:
  // Starts the server and waits until it answers with its SMTP greeting. Throws std::runtime_error saying
  // what to do when it cannot (python3-aiosmtpd missing: run scripts/install-deps.sh --test).
  // The server refuses, with 550, any recipient whose local part starts with "refuse".
  explicit SmtpSink(const std::string& python = "/usr/bin/python3");
  ~SmtpSink();  // SIGTERM, then SIGKILL if it lingers; removes the temporary directory
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  unsigned short port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // Messages accepted so far, in the order they arrived.
  std::vector<ReceivedMail> messages() const;
  // Waits until at least `count` messages arrived (or the timeout passed); returns them all.
  std::vector<ReceivedMail> wait_for(std::size_t count,
                                     std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;
  // SMTP connections opened by clients since the sink started (its own readiness check not counted).
  int connections() const;

 private:
  int connections_file_value() const;

  std::string dir_;  // the script, its log, and the messages (NNNNNN.eml + NNNNNN.envelope)
  int pid_ = -1;
  int stdin_fd_ = -1;  // the write end of the child's stdin: closing it (or dying) tells the child to stop
  unsigned short port_ = 0;
  int baseline_connections_ = 0;
};

}  // namespace tc::test
