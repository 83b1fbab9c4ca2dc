// Maps method + path to a handler. Patterns are literal segments and `{name}` captures, e.g.
// "/api/v1/centres/{id}". A path that matches a pattern with another method gets 405 with Allow.
#pragma once

#include <functional>
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
  Method method;
  std::string pattern;
  Handler handler;
  Exec exec = Exec::Pool;
  std::string summary;  // one line, for listings and the documentation check
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
