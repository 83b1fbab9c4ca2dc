// What the account pages' forms share: reading a submitted form, the anonymous forms' double-submit anti-CSRF
// cookie, the check that a redirect stays on this site, and the errors of a submission as the templates show
// them — a summary at the top (role="alert") linking to each field, and the message beside the field, which
// points to it with aria-describedby and is marked aria-invalid.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "web/i18n.h"
#include "web/request.h"

namespace tc::web {

// The version of the privacy notice (/confidentialite) people read and accept when they sign up; recorded with
// their consent. Change it whenever the notice's text changes.
inline constexpr std::string_view kPrivacyNoticeVersion = "2026-11";

// Months after which declined or withdrawn applications are purged, as the notice states it (the default of the
// purge's setting).
inline constexpr int kApplicationRetentionMonths = 12;

// The cookie holding the anonymous forms' anti-CSRF token (sign-in, sign-up): the form echoes it in its `csrf`
// field, and a cross-site page can neither read the cookie nor guess the value.
inline constexpr std::string_view kFormCsrfCookie = "tc_csrf";

// No field of these forms needs more; a longer value is refused, never silently cut.
inline constexpr std::size_t kMaxFieldBytes = 4096;

// An application/x-www-form-urlencoded body.
class FormData {
 public:
  explicit FormData(std::string_view body) : fields_(parse_query(body)) {}

  // The first value of `name` with surrounding white space trimmed; empty when absent.
  std::string text(std::string_view name) const;
  // The first value exactly as sent (passwords: spaces are part of them).
  std::string raw(std::string_view name) const;
  // Every value of a repeated field (checkboxes sharing a name).
  std::vector<std::string> all(std::string_view name) const;
  bool has(std::string_view name) const { return fields_.find(std::string(name)) != fields_.end(); }
  // True when some value is longer than kMaxFieldBytes.
  bool oversized() const;

 private:
  std::multimap<std::string, std::string> fields_;
};

// The token an anonymous form carries in its `csrf` field: the request's tc_csrf cookie when it holds one of
// ours, else a new one, with the Set-Cookie value that stores it (HttpOnly, SameSite=Strict, Path=/).
struct FormToken {
  std::string value;
  std::string set_cookie;  // empty when the request's cookie is kept
};
FormToken form_token(const RequestContext& req, bool secure);
// True when the form's `csrf` field and the tc_csrf cookie are both present and equal (in constant time).
bool form_token_ok(const RequestContext& req, const FormData& form);

// True for a target this site may redirect to after signing in: a path of this site ("/compte", "/?q=murat"),
// not "//evil.example" or "/\evil.example" (which browsers read as another host), with no control character
// or white space, 500 bytes at most.
bool is_local_path(std::string_view target);

// "/connexion?next=/compte": `path` with a query parameter whose value keeps its slashes readable.
std::string with_query_value(std::string_view path, std::string_view name, std::string_view value);

// The problems of one submission, in the order of the form's fields, each in the request's language.
class FormErrors {
 public:
  explicit FormErrors(Lang lang) : lang_(lang) {}

  // Records a problem with the field of that id; only the first problem of a field is kept.
  void add(std::string_view field_id, std::string_view message_fr, std::string_view message_en);
  // A problem of the whole form that no single field is to blame for (wrong e-mail *or* password: saying which
  // would tell whether the account exists). Listed in the summary, linked to `first_field`; no field is marked.
  void add_general(std::string_view first_field, std::string_view message_fr, std::string_view message_en);
  bool empty() const { return items_.empty(); }
  bool has(std::string_view field_id) const;
  // The message for that field, or empty.
  std::string message(std::string_view field_id) const;
  // {"title": "Le formulaire contient 2 erreurs", "items": [{"field": "email", "message": …}]}, or false when
  // there is none (templates show the summary with {{#error_summary}}).
  nlohmann::json summary() const;

 private:
  struct Item {
    std::string field;
    std::string message;
    bool marks_field = true;
  };
  Lang lang_;
  std::vector<Item> items_;
};

// A text-like input as the _field partial draws it: its label and hint are message keys.
struct FieldSpec {
  std::string_view id;  // also the input's name
  std::string_view label_key;
  std::string_view hint_key;  // empty: no hint
  std::string_view type = "text";
  std::string_view autocomplete;  // empty: none
  bool required = false;
};
// {"id", "type", "label", "hint", "value", "error", "describedby", "autocomplete", "required"}: every key set
// (false when absent), so that a section never falls through to an outer value of the same name.
nlohmann::json field_json(Lang lang, const FieldSpec& spec, std::string value, const FormErrors& errors);

// "id-hint id-error" as the field has them, or false.
nlohmann::json described_by(std::string_view id, bool has_hint, const FormErrors& errors);

}  // namespace tc::web
