// Server-side HTML from the mustache templates in src/web/templates/ (compiled into the program). Every page
// is its template rendered into layout.mustache, with the language's messages available as {{t.key}}.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "web/i18n.h"

namespace tc::web {

class Templates {
 public:
  Templates();  // parses every template once; throws std::runtime_error naming a template that does not parse

  // Renders `name` (e.g. "home") with `data` (a JSON object: objects, arrays, strings, numbers, booleans),
  // then the layout around it. `title` is the page's <title> (before " — Télécentres du Cantal").
  std::string page(std::string_view name, const nlohmann::json& data, Lang lang, std::string_view title,
                   std::string_view lang_switch_url) const;
  // Renders one template alone (no layout).
  std::string render(std::string_view name, const nlohmann::json& data, Lang lang) const;

 private:
  std::map<std::string, std::string, std::less<>> sources_;
};

}  // namespace tc::web
