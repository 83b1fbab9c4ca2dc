// Request target parsing and routing, as the server does it for every request: the first byte picks the method,
// the rest is the request target ("/api/v1/centres/3?near=15187&lang=en"). Split at '?', percent-decode the path,
// decode the query, match against the program's real route table. Nothing may throw; checked: a match fills every
// `{name}` of its pattern, percent_decode undoes percent_encode, and the language-switch link parses back to the
// same path.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "harness.h"
#include "web/i18n.h"
#include "web/request.h"

namespace {
void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "route_fuzz: %s\n", what);
    std::abort();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tc::web;
  static const tc::fuzz::Harness harness;
  if (size == 0) return 0;
  static constexpr Method kMethods[] = {Method::Get,   Method::Head,   Method::Post,    Method::Put,
                                        Method::Patch, Method::Delete, Method::Options, Method::Other};
  RequestContext ctx;
  ctx.method = kMethods[data[0] % 8];
  ctx.target.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto q = ctx.target.find('?');
  ctx.path = percent_decode(std::string_view(ctx.target).substr(0, q), false);
  if (q != std::string::npos) ctx.query = parse_query(std::string_view(ctx.target).substr(q + 1));
  ctx.lang = negotiate_language(ctx.param("lang").value_or(""), "");

  const auto match = harness.router().match(ctx.method, ctx.path);
  if (match.route) {
    std::size_t captures = 0;
    for (char c : match.route->pattern) captures += c == '{';
    check(match.params.size() == captures, "a match left a {name} of its pattern unfilled");
  }

  check(percent_decode(percent_encode(ctx.path), false) == ctx.path, "percent_decode(percent_encode(x)) != x");
  const std::string link = ctx.url_with_lang(Lang::En);
  const auto lq = link.find('?');
  check(lq != std::string::npos, "url_with_lang gave no query");
  check(percent_decode(std::string_view(link).substr(0, lq), false) == ctx.path, "url_with_lang changed the path");
  const auto back = parse_query(std::string_view(link).substr(lq + 1));
  check(back.count("lang") == 1, "url_with_lang: not exactly one lang");
  return 0;
}
