#include "web/pages/account_forms.h"

#include <algorithm>

#include "service/secrets.h"
#include "web/auth.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using nlohmann::json;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// Our tokens are service::random_token()'s: 43 URL-safe base64 characters. Anything else in the cookie was not
// set by us and is replaced.
bool looks_like_token(std::string_view t) {
  return t.size() == 43 && std::all_of(t.begin(), t.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
         });
}

}  // namespace

std::string FormData::text(std::string_view name) const { return trim(raw(name)); }

std::string FormData::raw(std::string_view name) const {
  const auto it = fields_.find(std::string(name));
  return it == fields_.end() ? std::string() : it->second;
}

std::vector<std::string> FormData::all(std::string_view name) const {
  std::vector<std::string> out;
  const auto [first, last] = fields_.equal_range(std::string(name));
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  return out;
}

bool FormData::oversized() const {
  return std::any_of(fields_.begin(), fields_.end(),
                     [](const auto& f) { return f.first.size() > kMaxFieldBytes || f.second.size() > kMaxFieldBytes; });
}

FormToken form_token(const RequestContext& req, bool secure) {
  std::string current = cookie_value(req, kFormCsrfCookie);
  if (looks_like_token(current)) return {std::move(current), {}};
  FormToken t{service::random_token(), {}};
  t.set_cookie = std::string(kFormCsrfCookie) + "=" + t.value + "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) t.set_cookie += "; Secure";
  return t;
}

bool form_token_ok(const RequestContext& req, const FormData& form) {
  const std::string cookie = cookie_value(req, kFormCsrfCookie);
  const std::string sent = form.raw("csrf");
  return looks_like_token(cookie) && !sent.empty() && service::constant_time_equal(cookie, sent);
}

bool is_local_path(std::string_view target) {
  if (target.empty() || target.size() > 500 || target.front() != '/') return false;
  if (target.size() > 1 && (target[1] == '/' || target[1] == '\\')) return false;
  return std::none_of(target.begin(), target.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '\\';
  });
}

std::string with_query_value(std::string_view path, std::string_view name, std::string_view value) {
  std::string encoded = percent_encode(value);
  for (std::size_t at = encoded.find("%2F"); at != std::string::npos; at = encoded.find("%2F", at + 1))
    encoded.replace(at, 3, "/");
  std::string out(path);
  out += path.find('?') == std::string_view::npos ? '?' : '&';
  out += name;
  out += '=';
  out += encoded;
  return out;
}

void FormErrors::add(std::string_view field_id, std::string_view message_fr, std::string_view message_en) {
  if (has(field_id)) return;
  const std::string_view text = lang_ == Lang::En && !message_en.empty() ? message_en : message_fr;
  items_.push_back({std::string(field_id), std::string(text), true});
}

void FormErrors::add_general(std::string_view first_field, std::string_view message_fr, std::string_view message_en) {
  const std::string_view text = lang_ == Lang::En && !message_en.empty() ? message_en : message_fr;
  items_.push_back({std::string(first_field), std::string(text), false});
}

bool FormErrors::has(std::string_view field_id) const {
  return std::any_of(items_.begin(), items_.end(), [&](const Item& i) { return i.marks_field && i.field == field_id; });
}

std::string FormErrors::message(std::string_view field_id) const {
  for (const Item& i : items_)
    if (i.marks_field && i.field == field_id) return i.message;
  return {};
}

json FormErrors::summary() const {
  if (items_.empty()) return false;
  json items = json::array();
  for (const Item& i : items_) items.push_back({{"field", i.field}, {"message", i.message}});
  return {{"title", format_count(lang_, "form.errors", static_cast<long>(items_.size()))}, {"items", std::move(items)}};
}

json described_by(std::string_view id, bool has_hint, const FormErrors& errors) {
  std::string ids;
  if (has_hint) ids = std::string(id) + "-hint";
  if (errors.has(id)) ids += (ids.empty() ? "" : " ") + std::string(id) + "-error";
  return ids.empty() ? json(false) : json(ids);
}

json field_json(Lang lang, const FieldSpec& spec, std::string value, const FormErrors& errors) {
  const std::string error = errors.message(spec.id);
  return {{"id", std::string(spec.id)},
          {"type", std::string(spec.type)},
          {"label", std::string(tr(lang, spec.label_key))},
          {"hint", spec.hint_key.empty() ? json(false) : json(std::string(tr(lang, spec.hint_key)))},
          {"value", std::move(value)},
          {"error", error.empty() ? json(false) : json(error)},
          {"describedby", described_by(spec.id, !spec.hint_key.empty(), errors)},
          {"autocomplete", spec.autocomplete.empty() ? json(false) : json(std::string(spec.autocomplete))},
          {"required", spec.required}};
}

}  // namespace tc::web
