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

// Throwing readers, for handlers with many fields: a bad value throws ServiceError{Invalid} naming the field,
// which the dispatcher answers with a 400 problem. "Optional" ones give nullopt for an absent or null field.
std::int64_t path_id(const RequestContext& req, const char* name = "id");  // a positive integer path parameter
std::string required_string(const nlohmann::json& body, const char* name);
std::optional<std::string> optional_string(const nlohmann::json& body, const char* name);
std::int64_t required_id(const nlohmann::json& body, const char* name);  // a positive integer
std::optional<std::int64_t> optional_integer(const nlohmann::json& body, const char* name);
std::optional<bool> optional_bool(const nlohmann::json& body, const char* name);
std::optional<double> optional_number(const nlohmann::json& body, const char* name);

}  // namespace tc::web
