// Maps method + path to a handler. Patterns are literal segments and `{name}` captures, e.g.
// "/api/v1/centres/{id}". A path that matches a pattern with another method gets 405 with Allow.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "web/request.h"
#include "web/response.h"

namespace tc::web {

using Handler = std::function<Response(const RequestContext&)>;

enum class Exec {
  Inline,  // cheap, no store access: run on the I/O thread
  Pool     // touches the store or does real work: run on the bounded worker pool
};

struct Route {
  Route(Method m, std::string p, Handler h, Exec e = Exec::Pool, std::string s = {})
      : method(m), pattern(std::move(p)), handler(std::move(h)), exec(e), summary(std::move(s)) {}

  Method method;
  std::string pattern;
  Handler handler;
  Exec exec;
  std::string summary;  // one line, for listings and the documentation check
  // Optional, for Pool routes: tried first on the I/O thread; answers when it can without the store (e.g. from
  // a cache known to be current), else returns nullopt and the request goes to the pool as usual.
  std::function<std::optional<Response>(const RequestContext&)> fast_path;
};

class Router {
 public:
  void add(Route r);
  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<Method> allowed;  // when the path matched but not the method
  };
  Match match(Method m, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

std::string_view method_name(Method m);

}  // namespace tc::web
