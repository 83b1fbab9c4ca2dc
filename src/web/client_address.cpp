#include "web/client_address.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace tc::web {

namespace ip = boost::asio::ip;

namespace {

// An IPv4 client seen through an IPv6 socket (::ffff:192.0.2.1) is the IPv4 client.
ip::address normalised(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

// One address, bare or in brackets ("[2001:db8::1]"); nullopt for anything else (ports included).
std::optional<ip::address> parse_address(std::string_view text) {
  text = trimmed(text);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  if (text.empty()) return std::nullopt;
  boost::system::error_code ec;
  const auto a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return normalised(a);
}

}  // namespace

TrustedProxies TrustedProxies::parse(const std::vector<std::string>& items) {
  TrustedProxies out;
  for (const auto& item : items) {
    std::string_view rest = item;
    while (!rest.empty()) {
      const auto cut = rest.find_first_of(", \t");
      const std::string_view one = rest.substr(0, cut);
      rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 1);
      if (one.empty()) continue;
      const auto a = parse_address(one);
      if (!a)
        throw std::invalid_argument("--trusted-proxy attend des adresses IP, par exemple 127.0.0.1 ou ::1 (reçu « " +
                                    std::string(one) + " »)");
      if (!out.trusts(*a)) out.addresses_.push_back(*a);
    }
  }
  return out;
}

bool TrustedProxies::trusts(const ip::address& address) const {
  return std::find(addresses_.begin(), addresses_.end(), address) != addresses_.end();
}

bool TrustedProxies::trusts(std::string_view address) const {
  const auto a = parse_address(address);
  return a && trusts(*a);
}

std::string TrustedProxies::client_address(std::string_view peer, std::string_view forwarded_for) const {
  if (addresses_.empty() || !trusts(peer)) return std::string(peer);
  // The walk, right to left: `client` is the last address accepted so far (the peer, at first).
  std::string client(peer);
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const std::string_view entry = trimmed(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (entry.empty()) continue;  // "a, , b": an empty field, as a careless proxy may leave
    const auto a = parse_address(entry);
    if (!a) break;
    client = a->to_string();
    if (!trusts(*a)) break;
  }
  return client;
}

}  // namespace tc::web
