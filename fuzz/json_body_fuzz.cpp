// The JSON body of every write endpoint of /api (POST, PUT, PATCH, DELETE): the first byte picks the endpoint,
// the second the id put in its path parameters, the rest is the body. Each endpoint's handler is called directly,
// as the demo admin (API token), over an in-memory demo store: its body decoding and validation run as in
// production (json_body, the field readers, centre_from_json…), then the use case. A ServiceError (a 4xx) is the
// documented refusal; any other exception or a 500 aborts (harness.h). POST /api/v1/siting runs a solver for up
// to 30 s, so its body goes to siting_request_from_json alone, with the round trip through siting_request_json.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "harness.h"
#include "service/siting_json.h"

namespace {

void siting_body(const std::string& body) {
  const auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded()) return;
  try {
    const auto request = tc::service::siting_request_from_json(parsed, 30);
    const auto again = tc::service::siting_request_from_json(tc::service::siting_request_json(request), 30);
    if (tc::service::siting_request_json(again) != tc::service::siting_request_json(request)) {
      std::fprintf(stderr, "json_body_fuzz: siting_request_from_json(siting_request_json(r)) != r\n");
      std::abort();
    }
  } catch (const tc::service::ServiceError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static tc::fuzz::Harness harness;
  static const auto routes = harness.write_routes(true);
  if (size < 2) return 0;
  std::string body(reinterpret_cast<const char*>(data) + 2, size - 2);
  const std::size_t pick = data[0] % (routes.size() + 1);
  if (pick == routes.size()) {
    siting_body(body);
    return 0;
  }
  const auto& route = *routes[pick];
  const std::string id = std::to_string(data[1] % 12);  // 0 (never an id) to 11: the demo's first rows
  tc::fuzz::call_handler(route, harness.request(route, id, std::move(body), "application/json"));
  return 0;
}
