// The SMTP sink's process management (see smtp_sink.h): writes the Python script to a temporary directory,
// spawns it, reads the port it bound, checks the SMTP greeting, and reads back the files it wrote.
#include "smtp_sink.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace tc::test {

namespace fs = std::filesystem;

namespace {

constexpr int kMissingAiosmtpd = 3;  // the script's exit status when `import aiosmtpd` fails
const char* const kInstallHint = "run scripts/install-deps.sh --test";

// Binds port 0 (no race for a free port), prints it, and serves until SIGTERM or until its stdin closes (the
// test process is gone: then it also removes the temporary directory, which nobody else will). Each accepted message
// becomes NNNNNN.envelope then NNNNNN.eml, each written to a temporary name and renamed, so a file that exists is
// complete; "connections" counts SMTP sessions.
constexpr const char* kScript = R"PY(
import asyncio, os, shutil, signal, sys
try:
    from aiosmtpd.smtp import SMTP
except ImportError:
    sys.stderr.write("aiosmtpd is not importable by " + sys.executable + "\n")
    sys.exit(3)

out_dir, root_dir = sys.argv[1], sys.argv[2]
state = {"messages": 0, "connections": 0, "orphaned": False}

def put(name, data):
    tmp = os.path.join(out_dir, "." + name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, os.path.join(out_dir, name))

class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].startswith("refuse"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        state["messages"] += 1
        name = "%06d" % state["messages"]
        lines = ["MAIL FROM:" + envelope.mail_from] + ["RCPT TO:" + r for r in envelope.rcpt_tos]
        put(name + ".envelope", ("\n".join(lines) + "\n").encode())
        put(name + ".eml", envelope.original_content)
        return "250 2.0.0 Accepted"

class CountingSMTP(SMTP):
    def connection_made(self, transport):
        state["connections"] += 1
        put("connections", str(state["connections"]).encode())
        super().connection_made(transport)

async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: CountingSMTP(Handler(), hostname="sink.test"), "127.0.0.1", 0)
    done = loop.create_future()
    def stop():
        if not done.done():
            done.set_result(None)
    def on_stdin():
        if not os.read(0, 4096):
            state["orphaned"] = True
            stop()
    loop.add_signal_handler(signal.SIGTERM, stop)
    loop.add_reader(0, on_stdin)
    print(server.sockets[0].getsockname()[1], flush=True)
    await done
    server.close()
    if state["orphaned"]:
        shutil.rmtree(root_dir, ignore_errors=True)

asyncio.run(main())
)PY";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// True when something on 127.0.0.1:port greets with "220" within the deadline.
bool greets(unsigned short port, std::chrono::steady_clock::time_point deadline) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string got;
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
    while (got.find("\r\n") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      std::array<char, 512> buffer{};
      const ssize_t n = recv(fd, buffer.data(), buffer.size(), 0);
      if (n <= 0) break;
      got.append(buffer.data(), static_cast<std::size_t>(n));
    }
  }
  close(fd);
  return got.starts_with("220");
}

}  // namespace

SmtpSink::SmtpSink(const std::string& python) {
  std::string dir_template = (fs::temp_directory_path() / "tc-smtp-sink-XXXXXX").string();
  if (mkdtemp(dir_template.data()) == nullptr)
    throw std::runtime_error("cannot create a temporary directory for the SMTP sink: " +
                             std::string(std::strerror(errno)));
  dir_ = dir_template;
  const fs::path script = fs::path(dir_) / "sink.py";
  const fs::path log = fs::path(dir_) / "sink.log";
  const fs::path mail_dir = fs::path(dir_) / "mail";
  fs::create_directory(mail_dir);
  std::ofstream(script) << kScript;

  // stdin: we keep the write end; stdout: the port, read once; stderr: a log shown when startup fails.
  std::array<int, 2> in{-1, -1};
  std::array<int, 2> out{-1, -1};
  if (pipe2(in.data(), O_CLOEXEC) != 0 || pipe2(out.data(), O_CLOEXEC) != 0) {
    fs::remove_all(dir_);
    throw std::runtime_error("cannot create pipes for the SMTP sink");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  // -I: isolated from PYTHONPATH, PYTHONHOME and user site-packages, which a pyenv shell may set.
  std::vector<std::string> args = {python, "-I", script.string(), mail_dir.string(), dir_};
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, python.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  close(out[1]);
  stdin_fd_ = in[1];
  if (spawned != 0) {
    close(out[0]);
    close(stdin_fd_);
    fs::remove_all(dir_);
    throw std::runtime_error("cannot run " + python + " for the SMTP sink (" + std::strerror(spawned) +
                             "): the tests need Debian's python3 with python3-aiosmtpd; " + kInstallHint);
  }
  pid_ = pid;

  // The script prints its port once it listens.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::string said;
  while (said.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    std::array<char, 64> buffer{};
    const ssize_t n = read(out[0], buffer.data(), buffer.size());
    if (n <= 0) break;
    said.append(buffer.data(), static_cast<std::size_t>(n));
  }
  close(out[0]);
  if (said.find('\n') != std::string::npos) port_ = static_cast<unsigned short>(std::stoi(said));
  if (port_ == 0 || !greets(port_, deadline)) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    close(stdin_fd_);
    std::string why = read_file(log);
    while (!why.empty() && (why.back() == '\n' || why.back() == '\r')) why.pop_back();
    fs::remove_all(dir_);
    if (WIFEXITED(status) && WEXITSTATUS(status) == kMissingAiosmtpd)
      throw std::runtime_error("python3-aiosmtpd is missing (" + why + "), the mail tests need it: " + kInstallHint);
    throw std::runtime_error("the SMTP sink did not start; it said: " + why);
  }
  // The greeting proves the sink counted our check: wait for the count so that it is not a client's.
  while (connections_file_value() < 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  baseline_connections_ = connections_file_value();
}

SmtpSink::~SmtpSink() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    bool gone = false;
    while (!gone && std::chrono::steady_clock::now() < deadline) {
      gone = waitpid(pid_, nullptr, WNOHANG) == pid_;
      if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!gone) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(stdin_fd_);
  }
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

int SmtpSink::connections_file_value() const {
  const std::string count = read_file(fs::path(dir_) / "mail" / "connections");
  return count.empty() ? 0 : std::stoi(count);
}

int SmtpSink::connections() const { return connections_file_value() - baseline_connections_; }

std::vector<ReceivedMail> SmtpSink::messages() const {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(dir_) / "mail"))
    if (entry.path().extension() == ".eml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<ReceivedMail> mails;
  for (const auto& file : files) {
    ReceivedMail mail;
    mail.data = read_file(file);
    std::istringstream envelope(read_file(fs::path(file).replace_extension(".envelope")));
    for (std::string line; std::getline(envelope, line);) {
      if (line.starts_with("MAIL FROM:")) mail.mail_from = line.substr(10);
      if (line.starts_with("RCPT TO:")) mail.rcpt_to.push_back(line.substr(8));
    }
    mails.push_back(std::move(mail));
  }
  return mails;
}

std::vector<ReceivedMail> SmtpSink::wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto mails = messages();
  while (mails.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    mails = messages();
  }
  return mails;
}

}  // namespace tc::test
