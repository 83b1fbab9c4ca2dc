// Every JSON route the program serves is documented in docs/api/openapi.yaml (and nothing documented is gone).
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "server_process.h"

namespace tc::test {
namespace {

std::set<std::string> documented_paths() {
  std::ifstream in(std::string(TC_SOURCE_DIR) + "/docs/api/openapi.yaml");
  std::set<std::string> paths;
  std::string line;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (line.rfind("paths:", 0) == 0) {
      in_paths = true;
      continue;
    }
    if (in_paths && !line.empty() && line[0] != ' ' && line[0] != '#') break;
    // Path keys are indented by two spaces: "  /api/v1/centres:".
    if (in_paths && line.size() > 3 && line.rfind("  /", 0) == 0 && line.back() == ':')
      paths.insert(line.substr(2, line.size() - 3));
  }
  return paths;
}

TEST(OpenApi, EveryApiRouteIsDocumented) {
  auto r = run_program({"routes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto documented = documented_paths();
  ASSERT_FALSE(documented.empty()) << "no paths found in docs/api/openapi.yaml";
  std::istringstream lines(r.out);
  std::string line;
  int api_routes = 0;
  std::set<std::string> served;
  while (std::getline(lines, line)) {
    const auto space = line.find(' '), tab = line.find('\t');
    const std::string path = line.substr(space + 1, tab - space - 1);
    served.insert(path);
    if (path.rfind("/api/", 0) != 0 && path != "/healthz" && path != "/metrics") continue;
    ++api_routes;
    EXPECT_TRUE(documented.count(path)) << path << " is served but not in docs/api/openapi.yaml";
  }
  EXPECT_GE(api_routes, 5);
  for (const auto& p : documented) EXPECT_TRUE(served.count(p)) << p << " is documented but not served";
}

}  // namespace
}  // namespace tc::test
