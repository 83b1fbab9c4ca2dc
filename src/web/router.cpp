#include "web/router.h"

#include <algorithm>

namespace tc::web {

namespace {
std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const std::size_t j = path.find('/', i);
    out.push_back(path.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
    if (j == std::string_view::npos) break;
    i = j;
  }
  return out;
}

bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  const auto ps = segments(pattern), xs = segments(path);
  if (ps.size() != xs.size()) return false;
  // A trailing slash is a different resource ("/centres/" is not "/centres"), except for the root.
  if (path.size() > 1 && path.back() == '/') return false;
  std::map<std::string, std::string> captured;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (ps[i].size() > 2 && ps[i].front() == '{' && ps[i].back() == '}') {
      captured.emplace(std::string(ps[i].substr(1, ps[i].size() - 2)), std::string(xs[i]));
    } else if (ps[i] != xs[i]) {
      return false;
    }
  }
  params = std::move(captured);
  return true;
}
}  // namespace

void Router::add(Route r) { routes_.push_back(std::move(r)); }

Router::Match Router::match(Method m, std::string_view path) const {
  Match result;
  for (const Route& r : routes_) {
    std::map<std::string, std::string> params;
    if (!match_pattern(r.pattern, path, params)) continue;
    if (r.method == m || (m == Method::Head && r.method == Method::Get)) {
      result.route = &r;
      result.params = std::move(params);
      return result;
    }
    if (std::find(result.allowed.begin(), result.allowed.end(), r.method) == result.allowed.end())
      result.allowed.push_back(r.method);
  }
  return result;
}

std::string_view method_name(Method m) {
  switch (m) {
    case Method::Get: return "GET";
    case Method::Head: return "HEAD";
    case Method::Post: return "POST";
    case Method::Put: return "PUT";
    case Method::Patch: return "PATCH";
    case Method::Delete: return "DELETE";
    case Method::Options: return "OPTIONS";
    case Method::Other: return "OTHER";
  }
  return "OTHER";
}

}  // namespace tc::web
