// French first, English on request. The language of a request comes from `?lang=` (fr|en), else the first
// supported language in Accept-Language, else French. Messages are looked up by key; a missing English
// message falls back to French, a missing key shows the key (so a gap is visible, never a crash).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace tc::web {

enum class Lang { Fr, En };

std::string_view code(Lang l);  // "fr", "en"
Lang negotiate_language(std::string_view query_lang, std::string_view accept_language);

// The message `key` in `lang` (keys and texts in i18n.cpp).
std::string_view tr(Lang lang, std::string_view key);

// All messages of a language, for templates ({{t.key}}): key → text, English falling back to French.
const std::map<std::string, std::string, std::less<>>& messages(Lang lang);

}  // namespace tc::web
