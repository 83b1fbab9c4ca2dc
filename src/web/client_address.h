// Who the client is behind reverse proxies. The TCP peer is the client unless it is one of the proxies named
// with `serve --trusted-proxy`; then the client is the right-most address of X-Forwarded-For that is not itself
// a trusted proxy (each proxy appends the address it received the request from, so everything left of the
// first untrusted address may have been written by the client). A peer that is not trusted never has its
// X-Forwarded-For read: a client cannot choose its own address, for the access log or the sign-in throttle.
#pragma once

#include <boost/asio/ip/address.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace tc::web {

class TrustedProxies {
 public:
  TrustedProxies() = default;

  // Addresses as given on the command line: each item may hold several, separated by commas or spaces.
  // Throws std::invalid_argument with a French message naming the first item that is not an IP address.
  static TrustedProxies parse(const std::vector<std::string>& items);

  bool empty() const { return addresses_.empty(); }
  std::size_t size() const { return addresses_.size(); }
  // `address` in text form (IPv4, IPv6, IPv4-mapped IPv6); false when it does not parse.
  bool trusts(std::string_view address) const;

  // The client's address for a request from `peer` carrying `forwarded_for` (the X-Forwarded-For header, its
  // repeated fields joined by commas; empty when absent): `peer` itself when it is not trusted; otherwise the
  // right-most entry that is not trusted. When every entry is trusted, the left-most one; an entry that is not
  // an address stops the walk at the trusted address to its right, so that nothing but an address comes out.
  std::string client_address(std::string_view peer, std::string_view forwarded_for) const;

 private:
  bool trusts(const boost::asio::ip::address& address) const;
  std::vector<boost::asio::ip::address> addresses_;
};

}  // namespace tc::web
