#include "web/api/json_body.h"

#include <cctype>
#include <charconv>
#include <string>

#include "service/errors.h"

namespace tc::web {

using nlohmann::json;

namespace {

// The media type without its parameters, lower-cased: "Application/JSON; charset=utf-8" → "application/json".
// Only the type itself counts: a cross-site form or a no-cors fetch may send "text/plain; x=application/json"
// without a preflight, and that must not pass for JSON.
std::string media_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  while (!content_type.empty() && (content_type.front() == ' ' || content_type.front() == '\t'))
    content_type.remove_prefix(1);
  while (!content_type.empty() && (content_type.back() == ' ' || content_type.back() == '\t'))
    content_type.remove_suffix(1);
  std::string out(content_type);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::variant<json, Response> json_body(const RequestContext& req) {
  if (media_type(req.header("content-type")) != "application/json")
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

namespace {

[[noreturn]] void bad_field(const char* name, const std::string& fr_type, const std::string& en_type) {
  throw service::ServiceError(service::ServiceError::Kind::Invalid,
                              std::string("Le champ « ") + name + " » doit être " + fr_type + ".",
                              std::string("\"") + name + "\" must be " + en_type + ".", name);
}

const json* present(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

std::int64_t path_id(const RequestContext& req, const char* name) {
  const std::string& raw = req.path_params.at(name);
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc{} || p != raw.data() + raw.size() || id <= 0)
    throw service::ServiceError(service::ServiceError::Kind::Invalid,
                                std::string("L'identifiant « ") + name + " » n'est pas un entier positif.",
                                std::string("The \"") + name + "\" id is not a positive integer.", name);
  return id;
}

std::string required_string(const json& body, const char* name) {
  auto v = optional_string(body, name);
  if (!v) bad_field(name, "une chaîne (obligatoire)", "a string (required)");
  return *v;
}

std::optional<std::string> optional_string(const json& body, const char* name) {
  const json* v = present(body, name);
  if (!v) return std::nullopt;
  if (!v->is_string()) bad_field(name, "une chaîne", "a string");
  return v->get<std::string>();
}

std::int64_t required_id(const json& body, const char* name) {
  auto v = optional_integer(body, name);
  if (!v || *v <= 0) bad_field(name, "un entier positif (obligatoire)", "a positive integer (required)");
  return *v;
}

std::optional<std::int64_t> optional_integer(const json& body, const char* name) {
  const json* v = present(body, name);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) bad_field(name, "un entier", "an integer");
  return v->get<std::int64_t>();
}

std::optional<bool> optional_bool(const json& body, const char* name) {
  const json* v = present(body, name);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) bad_field(name, "true ou false", "true or false");
  return v->get<bool>();
}

std::optional<double> optional_number(const json& body, const char* name) {
  const json* v = present(body, name);
  if (!v) return std::nullopt;
  if (!v->is_number()) bad_field(name, "un nombre", "a number");
  return v->get<double>();
}

}  // namespace tc::web
