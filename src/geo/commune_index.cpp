// Place names are compared in one folded form (ASCII, lower case, single spaces, abbreviations expanded) so that
// the way a name is typed never decides whether it is found. The index keeps the communes sorted by INSEE code
// for exact look-ups; autocomplete scans the precomputed folded names, which is fast enough for the whole of
// France (35 000 names) and keeps ranking rules in one readable place.
#include "geo/commune_index.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace tc::geo {

namespace {

bool is_ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char to_lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// ASCII spelling of a Latin-1 letter (U+00C0–U+00FF), or "" for the signs of that block (×, ÷).
std::string_view fold_latin1(char32_t cp) {
  static constexpr std::string_view kFolded[64] = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // À–Ï
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // Ð–ß
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // à–ï
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",   // ð–ÿ
  };
  return kFolded[cp - 0xC0];
}

// ASCII spelling of a code point; "" when it has none, which makes it a word separator.
std::string_view fold_code_point(char32_t cp) {
  if (cp >= 0xC0 && cp <= 0xFF) return fold_latin1(cp);
  switch (cp) {
    case 0x152:
    case 0x153: return "oe";
    case 0x178: return "y";
    default: return "";
  }
}

// Decodes the UTF-8 sequence at text[i], advancing i past it. Malformed bytes decode to U+FFFD one at a time.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  char32_t cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    cp = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07u;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + length > text.size()) {
    ++i;
    return 0xFFFD;
  }
  for (std::size_t k = 1; k < length; ++k) {
    const auto byte = static_cast<unsigned char>(text[i + k]);
    if ((byte & 0xC0u) != 0x80u) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte & 0x3Fu);
  }
  i += length;
  return cp;
}

// Splits text into folded words. "s/" at the start of a word is "sur", before "/" becomes a separator.
std::vector<std::string> folded_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  auto end_word = [&] {
    if (!word.empty()) words.push_back(std::exchange(word, {}));
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      if ((c == 's' || c == 'S') && word.empty() && i + 1 < text.size() && text[i + 1] == '/') {
        words.emplace_back("sur");
        i += 2;
      } else if (is_ascii_alnum(c)) {
        word.push_back(to_lower_ascii(c));
        ++i;
      } else {
        end_word();
        ++i;
      }
      continue;
    }
    const std::string_view folded = fold_code_point(next_code_point(text, i));
    if (folded.empty()) {
      end_word();
    } else {
      word += folded;
    }
  }
  end_word();
  return words;
}

// The full form of an abbreviated word, or the word itself.
std::string_view expansion(std::string_view word) {
  static constexpr std::pair<std::string_view, std::string_view> kAbbreviations[] = {
      {"st", "saint"}, {"ste", "sainte"}, {"sts", "saints"}, {"stes", "saintes"}, {"nd", "notre dame"}};
  for (const auto& [abbreviation, full] : kAbbreviations) {
    if (word == abbreviation) return full;
  }
  return word;
}

std::string normalise(std::string_view text, bool expand_abbreviations) {
  const std::vector<std::string> words = folded_words(text);
  std::string out;
  auto append = [&out](std::string_view w) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!expand_abbreviations) {
      append(words[i]);
    } else if (words[i] == "n" && i + 1 < words.size() && words[i + 1] == "d") {
      append("notre dame");
      ++i;
    } else {
      append(expansion(words[i]));
    }
  }
  return out;
}

// A query that designates codes rather than a name: digits, or a Corsican "2A…"/"2B…" INSEE code.
bool is_code_query(std::string_view q) {
  if (q.empty()) return false;
  std::size_t i = 0;
  if (q.size() >= 2 && q[0] == '2' && (q[1] == 'A' || q[1] == 'a' || q[1] == 'B' || q[1] == 'b')) i = 2;
  return std::all_of(q.begin() + static_cast<std::ptrdiff_t>(i), q.end(), is_digit);
}

bool iequals_prefix(std::string_view text, std::string_view prefix) {
  if (prefix.size() > text.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (to_lower_ascii(text[i]) != to_lower_ascii(prefix[i])) return false;
  }
  return true;
}

constexpr int kNoMatch = 99;

// 0: exact name, 1: prefix of the name, 2: prefix of one of its words.
int text_rank(std::string_view name, std::string_view query) {
  if (query.empty()) return kNoMatch;
  if (name == query) return 0;
  if (name.starts_with(query)) return 1;
  for (std::size_t space = name.find(' '); space != std::string_view::npos; space = name.find(' ', space + 1)) {
    if (name.substr(space + 1).starts_with(query)) return 2;
  }
  return kNoMatch;
}

// 0: exact INSEE code, 1: exact postcode, 2: prefix of either.
int code_rank(const domain::Commune& c, std::string_view query) {
  int rank = kNoMatch;
  if (c.insee.size() == query.size() && iequals_prefix(c.insee, query)) return 0;
  if (iequals_prefix(c.insee, query)) rank = 2;
  for (const std::string& postcode : c.postcodes) {
    if (postcode == query) return 1;
    if (postcode.starts_with(query)) rank = 2;
  }
  return rank;
}

}  // namespace

std::string normalise_place_name(std::string_view text) { return normalise(text, true); }

CommuneIndex::CommuneIndex(std::vector<domain::Commune> communes) : communes_(std::move(communes)) {
  std::stable_sort(communes_.begin(), communes_.end(),
                   [](const domain::Commune& a, const domain::Commune& b) { return a.insee < b.insee; });
  normalised_.reserve(communes_.size());
  for (const domain::Commune& c : communes_) normalised_.push_back(normalise_place_name(c.name));
}

const domain::Commune* CommuneIndex::by_insee(std::string_view insee) const {
  const auto it = std::lower_bound(communes_.begin(), communes_.end(), insee,
                                   [](const domain::Commune& c, std::string_view code) { return c.insee < code; });
  if (it == communes_.end() || it->insee != insee) return nullptr;
  return &*it;
}

std::vector<const domain::Commune*> CommuneIndex::by_postcode(std::string_view postcode) const {
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < communes_.size(); ++i) {
    const auto& codes = communes_[i].postcodes;
    if (std::find(codes.begin(), codes.end(), postcode) != codes.end()) found.push_back(i);
  }
  std::sort(found.begin(), found.end(), [this](std::size_t a, std::size_t b) {
    return std::tie(normalised_[a], communes_[a].name) < std::tie(normalised_[b], communes_[b].name);
  });
  std::vector<const domain::Commune*> out;
  out.reserve(found.size());
  for (std::size_t i : found) out.push_back(&communes_[i]);
  return out;
}

std::vector<const domain::Commune*> CommuneIndex::resolve_code(std::string_view code) const {
  std::vector<const domain::Commune*> out;
  const domain::Commune* exact = by_insee(code);
  if (exact != nullptr) out.push_back(exact);
  for (const domain::Commune* c : by_postcode(code)) {
    if (c != exact) out.push_back(c);
  }
  return out;
}

std::vector<const domain::Commune*> CommuneIndex::search(std::string_view query, std::size_t limit) const {
  std::string compact;
  for (char c : query) {
    if (c != ' ' && c != '\t') compact.push_back(c);
  }
  const bool by_code = is_code_query(compact);
  // The query is also tried as typed, so that "st" still finds a name that merely starts with those letters.
  const std::string expanded = by_code ? std::string() : normalise(query, true);
  const std::string literal = by_code ? std::string() : normalise(query, false);
  if (limit == 0 || (!by_code && expanded.empty())) return {};

  struct Candidate {
    int rank;
    std::size_t index;
  };
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < communes_.size(); ++i) {
    const int rank = by_code ? code_rank(communes_[i], compact)
                             : std::min(text_rank(normalised_[i], expanded), text_rank(normalised_[i], literal));
    if (rank != kNoMatch) candidates.push_back({rank, i});
  }
  const auto better = [this](const Candidate& a, const Candidate& b) {
    const domain::Commune& ca = communes_[a.index];
    const domain::Commune& cb = communes_[b.index];
    return std::tie(a.rank, cb.population, normalised_[a.index], ca.name, ca.insee) <
           std::tie(b.rank, ca.population, normalised_[b.index], cb.name, cb.insee);
  };
  const std::size_t n = std::min(limit, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(n), candidates.end(), better);
  std::vector<const domain::Commune*> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(&communes_[candidates[i].index]);
  return out;
}

}  // namespace tc::geo
