// Session life: wait for a first byte (idle timeout) → read the whole request (request deadline) → dispatch →
// write → loop while keep-alive. Errors on the I/O path are error_codes, never exceptions.
#include "web/server.h"

#include <spdlog/spdlog.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace tc::web {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

Method to_method(http::verb v) {
  switch (v) {
    case http::verb::get: return Method::Get;
    case http::verb::head: return Method::Head;
    case http::verb::post: return Method::Post;
    case http::verb::put: return Method::Put;
    case http::verb::patch: return Method::Patch;
    case http::verb::delete_: return Method::Delete;
    case http::verb::options: return Method::Options;
    default: return Method::Other;
  }
}

std::string json_escape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// The target as logged: a password-reset token in the query string never reaches the access log.
std::string redact_secrets(const std::string& target) {
  const auto at = target.find("jeton=");
  if (at == std::string::npos) return target;
  const auto end = target.find('&', at);
  return target.substr(0, at) + "jeton=[masqué]" + (end == std::string::npos ? "" : target.substr(end));
}

// X-Forwarded-Proto as set by the nearest proxy (the right-most value when proxies appended theirs) is "https".
bool forwarded_https(std::string_view proto) {
  const auto comma = proto.rfind(',');
  if (comma != std::string_view::npos) proto.remove_prefix(comma + 1);
  while (!proto.empty() && proto.front() == ' ') proto.remove_prefix(1);
  while (!proto.empty() && proto.back() == ' ') proto.remove_suffix(1);
  return beast::iequals(beast::string_view(proto.data(), proto.size()), "https");
}

// On every answer, whatever produced it (a handler may only make them stricter, by setting its own).
constexpr std::pair<std::string_view, std::string_view> kSecurityHeaders[] = {
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; "
     "form-action 'self'; base-uri 'none'"},
};

// The whole answer to a connection over --max-connections, written before closing it: 503 with Retry-After, so
// that a client (or a load balancer) retries instead of seeing a reset.
std::string over_capacity_answer() {
  const std::string body =
      R"({"type":"about:blank","title":"Service indisponible","status":503,)"
      R"("detail":"Le serveur a atteint son nombre maximal de connexions ; réessayez dans un instant."})";
  std::string out =
      "HTTP/1.1 503 Service Unavailable\r\nServer: telecentres\r\n"
      "Content-Type: application/problem+json\r\nContent-Language: fr\r\nRetry-After: 1\r\n"
      "Cache-Control: no-store\r\n";
  for (const auto& [name, value] : kSecurityHeaders) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  out += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  return out;
}

// A bare error response for failures before a request could be parsed (no language negotiated yet: French,
// as the rest of the site by default).
Response early_problem(unsigned status, std::string_view detail) {
  RequestContext none;
  return problem(none, status, detail, detail);
}

}  // namespace

class Session;

struct Server::Impl {
  ServerConfig config;
  Dispatcher dispatcher;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> connections{0};
  std::atomic<std::uint64_t> refused{0};
  const std::string refusal = over_capacity_answer();
  std::mutex sessions_mutex;
  std::set<std::shared_ptr<Session>> sessions;  // to close idle ones on stop
  std::condition_variable drained;
  // Held from stop() until the drain ends: a request waiting in the worker pool has no operation pending on the
  // I/O context, which would otherwise run out of work and return before that request's answer is written.
  std::optional<net::executor_work_guard<net::io_context::executor_type>> draining;
  std::thread drainer;                         // joined by ~Server: it waits on `drained`, which must outlive it
  std::shared_ptr<spdlog::logger> access_log;  // looked up once: spdlog::get takes a global lock

  Impl(ServerConfig c, Dispatcher d) : config(std::move(c)), dispatcher(std::move(d)) {}
  void accept();
  void remove(const std::shared_ptr<Session>& s);
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Server::Impl& server) : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
    client_ = remote_;
    peer_trusted_ = !server.config.trusted_proxies.empty() && server.config.trusted_proxies.trusts(remote_);
  }

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_for_request(); });
  }

  // Called on stop: closes the connection if it is between requests; a busy one closes after its response.
  void close_if_idle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.cancel();
      }
    });
  }

 private:
  void wait_for_request() {
    busy_ = false;
    if (server_.stopping) return finish();
    if (buffer_.size() > 0) return read_request();
    stream_.expires_after(server_.config.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec) return self->finish();
      self->buffer_.commit(n);
      self->read_request();
    });
  }

  void read_request() {
    busy_ = true;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.config.max_header_bytes));
    parser_->body_limit(server_.config.max_body_bytes);
    started_ = std::chrono::steady_clock::now();
    // Most requests arrive whole in the first read: parse what is buffered before asking for more.
    if (buffer_.size() > 0) {
      beast::error_code ec;
      while (buffer_.size() > 0 && !parser_->is_done()) {
        const std::size_t used = parser_->put(buffer_.data(), ec);
        buffer_.consume(used);
        if (ec == http::error::need_more) {
          ec = {};
          break;
        }
        if (ec || used == 0) break;
      }
      if (ec || parser_->is_done()) return on_read(ec);
    }
    stream_.expires_after(server_.config.request_deadline);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == net::error::connection_reset || ec == net::error::eof)
      return finish();
    if (ec == http::error::header_limit)
      return send_early(431, "Les en-têtes de la requête dépassent " +
                                 std::to_string(server_.config.max_header_bytes / 1024) + " Kio.");
    if (ec == http::error::body_limit)
      return send_early(413, "Le corps de la requête dépasse la taille autorisée (" +
                                 std::to_string(server_.config.max_body_bytes / 1024) + " Kio).");
    if (ec) return send_early(400, "Requête HTTP mal formée.");

    auto& req = parser_->get();
    keep_alive_ = req.keep_alive();
    head_ = req.method() == http::verb::head;
    version_ = req.version();
    RequestContext ctx;
    ctx.method = to_method(req.method());
    ctx.target = std::string(req.target());
    const auto q = ctx.target.find('?');
    ctx.path = percent_decode(std::string_view(ctx.target).substr(0, q), false);
    if (q != std::string::npos) ctx.query = parse_query(std::string_view(ctx.target).substr(q + 1));
    for (const auto& field : req) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      auto [it, inserted] = ctx.headers.emplace(name, std::string(field.value()));
      if (!inserted) it->second += ", " + std::string(field.value());
    }
    ctx.body = std::move(req.body());
    // Behind a trusted proxy the client is named by X-Forwarded-For; from anyone else that header is ignored.
    client_ =
        peer_trusted_ ? server_.config.trusted_proxies.client_address(remote_, ctx.header("x-forwarded-for")) : remote_;
    ctx.remote = client_;
    // TLS ends at the proxy: only a trusted one may say the client used https (then cookies are marked Secure).
    ctx.https = peer_trusted_ && forwarded_https(ctx.header("x-forwarded-proto"));
    method_ = std::string(req.method_string());
    target_ = redact_secrets(ctx.target);

    auto self = shared_from_this();
    // dispatch, not post: an answer given inline on this strand is written at once, without a trip through the
    // scheduler (and a wake-up of another I/O thread); an answer from a worker thread is queued to the strand.
    server_.dispatcher(std::move(ctx), [self](Response r, std::string route) {
      net::dispatch(self->stream_.get_executor(),
                    [self, r = std::move(r), route = std::move(route)]() mutable { self->write(std::move(r), route); });
    });
  }

  void send_early(unsigned status, const std::string& detail) {
    keep_alive_ = false;
    head_ = false;
    method_ = "-";
    target_ = "-";
    client_ = remote_;
    write(early_problem(status, detail), "-");
  }

  // The response is serialised by hand into one reused buffer: one write, no per-header allocation. Headers
  // a handler sets replace the defaults of the same name.
  void write(Response r, const std::string& route) {
    const bool closing = !keep_alive_ || server_.stopping;
    const std::size_t bytes = r.body.size();
    out_.clear();
    out_ += version_ == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    out_ += std::to_string(r.status);
    out_ += ' ';
    const auto reason = http::obsolete_reason(static_cast<http::status>(r.status));
    out_.append(reason.data(), reason.size());
    out_ += "\r\n";
    auto header = [&](std::string_view name, std::string_view value) {
      for (const auto& [n, v] : r.headers)
        if (beast::iequals(n, beast::string_view(name.data(), name.size()))) return;
      out_ += name;
      out_ += ": ";
      out_ += value;
      out_ += "\r\n";
    };
    for (const auto& [name, value] : r.headers) {
      // No header splitting, whatever a handler copied into a value (a redirect target, a file name…).
      out_ += name;
      out_ += ": ";
      for (char c : value) out_ += (c == '\r' || c == '\n') ? ' ' : c;
      out_ += "\r\n";
    }
    header("Server", "telecentres");
    header("Content-Type", r.content_type);
    for (const auto& [name, value] : kSecurityHeaders) header(name, value);
    if (r.status != 304 && r.status != 204) header("Content-Length", std::to_string(bytes));
    if (closing)
      out_ += "Connection: close\r\n";
    else if (version_ == 10)
      out_ += "Connection: keep-alive\r\n";
    out_ += "\r\n";
    if (!head_) out_ += r.body;
    const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    if (const auto& logger = server_.access_log)
      logger->info(R"({{"remote":"{}","method":"{}","target":"{}","route":"{}","status":{},"bytes":{},"ms":{:.3f}}})",
                   json_escape(client_), json_escape(method_), json_escape(target_), json_escape(route), r.status,
                   bytes, elapsed * 1000);
    if (server_.config.on_response) server_.config.on_response(method_, route, r.status, elapsed);
    stream_.expires_after(server_.config.request_deadline);
    net::async_write(stream_, net::buffer(out_),
                     [self = shared_from_this(), closing](beast::error_code ec, std::size_t) {
                       self->release_if_big();
                       if (ec || closing) return self->finish();
                       self->wait_for_request();
                     });
  }

  // A report of a national network is megabytes of JSON or HTML: once sent, give its buffer back rather than keep
  // it for the rest of a keep-alive connection, and let glibc return the freed pages to the system.
  void release_if_big() {
    constexpr std::size_t kBig = std::size_t{1} << 20;
    if (out_.capacity() < kBig) return;
    std::string().swap(out_);
#ifdef __GLIBC__
    malloc_trim(0);
#endif
  }

  void finish() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
    busy_ = false;
    server_.remove(shared_from_this());
  }

 private:
  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_{std::size_t{16} * 1024};
  std::string out_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::chrono::steady_clock::time_point started_;
  std::string remote_, method_, target_;
  std::string client_;  // the request's client: remote_, or the address a trusted proxy forwarded
  bool peer_trusted_ = false;
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool head_ = false;
  std::atomic<bool> busy_{false};
};

void Server::Impl::accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!stopping && acceptor.is_open()) accept();
      return;
    }
    if (connections.load() >= config.max_connections) {
      // Over the limit: refuse at once rather than let the queue of half-served clients grow. The answer is small
      // enough for the socket's send buffer: one non-blocking write, never a wait on a client that does not read.
      beast::error_code ignored;
      socket.non_blocking(true, ignored);
      net::write(socket, net::buffer(refusal), ignored);
      socket.shutdown(tcp::socket::shutdown_send, ignored);
      // What the client already sent (a request: at most a few reads) is dropped, since closing over unread bytes
      // would send a reset that may destroy the answer before the client reads it.
      char discard[4096];
      for (int i = 0; i < 4 && socket.read_some(net::buffer(discard), ignored) > 0; ++i) {
      }
      socket.close(ignored);
      refused.fetch_add(1, std::memory_order_relaxed);
    } else {
      auto s = std::make_shared<Session>(std::move(socket), *this);
      {
        std::lock_guard lock(sessions_mutex);
        sessions.insert(s);
        ++connections;
      }
      s->start();
    }
    if (!stopping) accept();
  });
}

void Server::Impl::remove(const std::shared_ptr<Session>& s) {
  std::lock_guard lock(sessions_mutex);
  if (sessions.erase(s) > 0) --connections;
  if (sessions.empty()) drained.notify_all();
}

Server::Server(ServerConfig config, Dispatcher dispatcher)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(dispatcher))) {}

Server::~Server() {
  if (impl_->drainer.joinable()) impl_->drainer.join();
}

void Server::listen() {
  impl_->access_log = spdlog::get("access");
  beast::error_code ec;
  const auto address = net::ip::make_address(impl_->config.host, ec);
  if (ec) throw std::runtime_error("adresse d'écoute invalide : « " + impl_->config.host + " »");
  const tcp::endpoint endpoint{address, impl_->config.port};
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error("impossible d'écouter sur " + impl_->config.host + ":" +
                             std::to_string(impl_->config.port) + " : " + ec.message());
  impl_->accept();
}

unsigned short Server::port() const { return impl_->acceptor.local_endpoint().port(); }

std::size_t Server::open_connections() const { return impl_->connections.load(); }
std::uint64_t Server::refused_connections() const { return impl_->refused.load(); }

void Server::run() {
  std::vector<std::thread> threads;
  const int n = std::max(1, impl_->config.io_threads);
  for (int i = 1; i < n; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
}

void Server::stop() {
  if (impl_->stopping.exchange(true)) return;
  impl_->draining.emplace(impl_->ioc.get_executor());
  net::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
  });
  std::vector<std::shared_ptr<Session>> snapshot;
  {
    std::lock_guard lock(impl_->sessions_mutex);
    snapshot.assign(impl_->sessions.begin(), impl_->sessions.end());
  }
  for (auto& s : snapshot) s->close_if_idle();
  // Wait (off the I/O threads) for in-flight requests to be answered, then stop the loop.
  impl_->drainer = std::thread([this] {
    std::unique_lock lock(impl_->sessions_mutex);
    impl_->drained.wait_for(lock, impl_->config.shutdown_grace, [&] { return impl_->sessions.empty(); });
    lock.unlock();
    impl_->draining.reset();
    impl_->ioc.stop();
  });
}

}  // namespace tc::web
