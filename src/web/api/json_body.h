// Reading JSON request bodies the same way on every write endpoint: the content type is checked, the body must
// be an object, and a missing or mistyped field is a 400 naming it.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <variant>

#include "web/response.h"

namespace tc::web {

// The body as a JSON object, or the 415/400 problem to answer.
std::variant<nlohmann::json, Response> json_body(const RequestContext& req);

std::optional<std::string> string_field(const nlohmann::json& body, const char* name);
std::optional<long> integer_field(const nlohmann::json& body, const char* name);

}  // namespace tc::web
