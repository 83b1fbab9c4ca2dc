// Cookie and header parsing: the Cookie header (session and form CSRF cookies), Accept-Language negotiation,
// X-Forwarded-For behind trusted proxies, and the --trusted-proxy list itself. The input is split at NUL bytes
// into header values. Nothing may throw but TrustedProxies::parse's documented std::invalid_argument; checked:
// the client address is the peer or one of the forwarded entries, a valid address.
#include <boost/asio/ip/address.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "web/auth.h"
#include "web/client_address.h"
#include "web/i18n.h"
#include "web/pages/account_forms.h"
#include "web/request.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tc::web;
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      parts.emplace_back();
    } else {
      parts.back().push_back(static_cast<char>(data[i]));
    }
  }
  parts.resize(std::max<std::size_t>(parts.size(), 4));

  RequestContext req;
  req.headers["cookie"] = parts[0];
  (void)cookie_value(req, kSessionCookie);
  (void)cookie_value(req, "tc_csrf");
  (void)form_token(req, false);
  (void)negotiate_language(parts[1], parts[1]);

  TrustedProxies proxies;
  try {
    proxies = TrustedProxies::parse({parts[2]});
  } catch (const std::invalid_argument&) {
    proxies = TrustedProxies::parse({"127.0.0.1", "::1"});
  }
  const std::string peer = "127.0.0.1";
  const std::string client = proxies.client_address(peer, parts[3]);
  boost::system::error_code ec;
  (void)boost::asio::ip::make_address(client, ec);
  if (ec) {
    std::fprintf(stderr, "headers_fuzz: client_address gave \"%s\", not an address\n", client.c_str());
    std::abort();
  }
  return 0;
}
