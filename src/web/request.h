// One HTTP request, parsed once into an immutable context that handlers read: method, decoded path and query,
// path parameters captured by the router, the negotiated language, and the headers handlers need.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "web/i18n.h"

namespace tc::web {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };

struct RequestContext {
  Method method = Method::Get;
  std::string target;                              // as received, e.g. "/api/v1/centres?near=15187"
  std::string path;                                // percent-decoded path, without the query
  std::multimap<std::string, std::string> query;   // decoded; '+' is a space
  std::map<std::string, std::string> path_params;  // filled by the router, e.g. {"id": "3"}
  std::map<std::string, std::string> headers;      // lower-case names
  std::string body;
  Lang lang = Lang::Fr;
  std::string route;   // the matched route pattern, for metrics ("/api/v1/centres/{id}")
  std::string remote;  // the client's address (for throttling sign-ins)
  bool https = false;  // reached over TLS: a trusted proxy said so (X-Forwarded-Proto: https)

  // The first value of a query parameter; nullopt when absent.
  std::optional<std::string> param(std::string_view name) const;
  bool has_param(std::string_view name) const { return query.find(std::string(name)) != query.end(); }
  std::string_view header(std::string_view lower_name) const;
  // The path with the query string rebuilt, with `lang` replaced by `to` (for the language switch link).
  std::string url_with_lang(Lang to) const;
  // The path with the query string rebuilt, parameter `name` set to `value` (put last) or left out when nullopt.
  std::string url_with(std::string_view name, const std::optional<std::string>& value) const;
};

// Parses "a=1&b=x+y&c=%C3%A9" into decoded pairs; malformed escapes are kept literally.
std::multimap<std::string, std::string> parse_query(std::string_view qs);
std::string percent_decode(std::string_view s, bool plus_is_space);
std::string percent_encode(std::string_view s);

}  // namespace tc::web
