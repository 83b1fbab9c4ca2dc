#include "web/api/json_body.h"

namespace tc::web {

using nlohmann::json;

std::variant<json, Response> json_body(const RequestContext& req) {
  if (req.header("content-type").find("application/json") == std::string_view::npos)
    return problem(req, 415, "Le corps de la requête doit être du JSON (Content-Type: application/json).",
                   "The request body must be JSON (Content-Type: application/json).");
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return problem(req, 400, "Le corps de la requête n'est pas un objet JSON valide.",
                   "The request body is not a valid JSON object.");
  return body;
}

std::optional<std::string> string_field(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<long> integer_field(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<long>();
}

}  // namespace tc::web
