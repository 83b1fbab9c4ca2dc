// Mustache rendering with kainjow::mustache. Pages build their data as JSON (easy to write and to test); it is
// converted here, once per render, into mustache data. The language's messages are a tree built once per language
// and shared read-only by every render, pushed beneath the page's data in the lookup context, so {{t.x.y}} costs
// no copy. Templates whose name starts with "_" are partials ({{> _card}}), available to every template.
//
// Escaping: {{x}} is HTML-escaped (& < > " '), {{{x}}} is not and is kept for trusted HTML only: a page's
// rendered content inside the layout and the SVG maps drawn by geo::DepartementMap.
#include "web/templates.h"

#include <stdexcept>
#include <string>

// kainjow's header shadows names in its own lambdas; its warnings are not ours to fix.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#include <mustache.hpp>
#pragma GCC diagnostic pop

#include "resources/resources.h"

namespace tc::web {

namespace {

namespace mstch = kainjow::mustache;
using nlohmann::json;

constexpr std::string_view kTemplateDir = "src/web/templates/";
constexpr std::string_view kTemplateExt = ".mustache";

mstch::data to_data(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      mstch::data out{mstch::data::type::object};
      for (const auto& [key, value] : j.items()) out.set(key, to_data(value));
      return out;
    }
    case json::value_t::array: {
      mstch::data out{mstch::data::type::list};
      for (const auto& value : j) out.push_back(to_data(value));
      return out;
    }
    case json::value_t::string: return mstch::data{j.get_ref<const std::string&>()};
    case json::value_t::boolean: return mstch::data{j.get<bool>()};
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return mstch::data{j.dump()};
    case json::value_t::null:
    case json::value_t::binary:
    case json::value_t::discarded: break;
  }
  return mstch::data{false};  // null is falsy: {{#x}} skipped, {{^x}} shown
}

// The messages of a language as nested objects: "search.q_label" → {"search": {"q_label": …}}.
json message_tree(Lang lang) {
  json tree = json::object();
  for (const auto& [key, text] : messages(lang)) {
    json* node = &tree;
    std::size_t start = 0;
    while (true) {
      const std::size_t dot = key.find('.', start);
      const std::string part = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (part.empty()) throw std::runtime_error("message key with an empty part: " + key);
      if (dot == std::string::npos) {
        if (node->contains(part)) throw std::runtime_error("message key is also a prefix of another: " + key);
        (*node)[part] = text;
        break;
      }
      json& child = (*node)[part];
      if (child.is_null()) child = json::object();
      if (!child.is_object()) throw std::runtime_error("message key extends another key: " + key);
      node = &child;
      start = dot + 1;
    }
  }
  return tree;
}

// {"t": messages} of a language, built on first use and then shared read-only.
const mstch::data& messages_data(Lang lang) {
  static const mstch::data fr{"t", to_data(message_tree(Lang::Fr))};
  static const mstch::data en{"t", to_data(message_tree(Lang::En))};
  return lang == Lang::En ? en : fr;
}

void set_language_fields(mstch::data& d, Lang lang) {
  const bool en = lang == Lang::En;
  d.set("lang", std::string(code(lang)));
  d.set("is_fr", !en);
  d.set("is_en", en);
  d.set("lang_query", std::string(en ? "?lang=en" : ""));  // after a path without a query
  d.set("lang_amp", std::string(en ? "&lang=en" : ""));    // after a query
}

}  // namespace

Templates::Templates() {
  for (std::string_view path : resources::list(kTemplateDir)) {
    if (!path.ends_with(kTemplateExt)) continue;
    std::string name(path.substr(kTemplateDir.size(), path.size() - kTemplateDir.size() - kTemplateExt.size()));
    const auto text = resources::find(path);
    if (!text) continue;
    std::string source(*text);
    mstch::mustache parsed{source};
    if (!parsed.is_valid()) {
      throw std::runtime_error("template " + name + " does not parse: " + parsed.error_message());
    }
    sources_.emplace(std::move(name), std::move(source));
  }
  if (sources_.find("layout") == sources_.end()) throw std::runtime_error("template layout is missing");
  // Build the message trees now, so that a key that breaks the naming rule stops the start, not a request.
  messages_data(Lang::Fr);
  messages_data(Lang::En);
}

std::string Templates::render(std::string_view name, const json& data, Lang lang) const {
  const auto it = sources_.find(name);
  if (it == sources_.end()) throw std::runtime_error("unknown template " + std::string(name));

  mstch::data page = data.is_object() ? to_data(data) : mstch::data{mstch::data::type::object};
  set_language_fields(page, lang);

  mstch::data partials{mstch::data::type::object};
  for (const auto& [partial_name, source] : sources_) {
    if (partial_name.starts_with('_')) partials.set(partial_name, source);
  }

  mstch::mustache tmpl{it->second};
  mstch::context<std::string> ctx;
  ctx.push(&messages_data(lang));  // looked up last
  ctx.push(&partials);
  ctx.push(&page);  // looked up first
  std::string out = tmpl.render(ctx);
  if (!tmpl.is_valid()) throw std::runtime_error("template " + std::string(name) + ": " + tmpl.error_message());
  return out;
}

std::string Templates::page(std::string_view name, const json& data, Lang lang, std::string_view title,
                            std::string_view lang_switch_url) const {
  const Lang other = lang == Lang::En ? Lang::Fr : Lang::En;
  json layout = {
      {"content", render(name, data, lang)},
      {"title", std::string(title)},
      {"lang_switch_url", std::string(lang_switch_url)},
      {"switch_lang", std::string(code(other))},
      {"switch_label", std::string(tr(lang, "layout.switch_label"))},
  };
  if (data.is_object() && data.contains("current")) layout["current"] = data["current"];
  // A page that follows a background run reloads itself (and says how to stop it: RGAA 13.1).
  if (data.is_object() && data.contains("refresh_seconds")) layout["refresh_seconds"] = data["refresh_seconds"];
  return render("layout", layout, lang);
}

}  // namespace tc::web
