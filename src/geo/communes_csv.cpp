// The reference file is edited by hand and by spreadsheets, so the reader accepts what they write (quoted
// fields, CRLF, a BOM, columns in any order, extra columns) and refuses everything else with a message that
// names the line, so that whoever fixes the file knows where to look.
#include "geo/communes_csv.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <optional>
#include <unordered_map>

namespace tc::geo {

namespace {

struct Record {
  std::size_t line = 0;  // where the record starts, 1 for the header
  std::vector<std::string> fields;
};

std::string quoted(std::string_view value) { return "« " + std::string(value) + " »"; }

CsvError error_at(std::size_t line, std::string_view what) {
  return CsvError("ligne " + std::to_string(line) + " : " + std::string(what));
}

class RecordReader {
 public:
  explicit RecordReader(std::string_view text) : text_(text) {
    if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);
  }

  // The next record, skipping blank lines; nullopt at the end of the text.
  std::optional<Record> next() {
    while (pos_ < text_.size()) {
      Record record;
      record.line = line_;
      bool quoted_field = false;
      for (;;) {
        auto [field, was_quoted] = read_field();
        quoted_field = quoted_field || was_quoted;
        record.fields.push_back(std::move(field));
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        skip_line_end();
        break;
      }
      const bool blank = record.fields.size() == 1 && record.fields[0].empty() && !quoted_field;
      if (!blank) return record;
    }
    return std::nullopt;
  }

 private:
  std::pair<std::string, bool> read_field() {
    std::string field;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      const std::size_t start_line = line_;
      ++pos_;
      for (;;) {
        if (pos_ >= text_.size()) throw error_at(start_line, "guillemet ouvrant sans guillemet fermant");
        const char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field.push_back('"');
            ++pos_;
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        field.push_back(c);
      }
      if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\r' && text_[pos_] != '\n') {
        throw error_at(line_, "caractère inattendu après un champ entre guillemets");
      }
      return {std::move(field), true};
    }
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\r' && text_[pos_] != '\n') {
      field.push_back(text_[pos_++]);
    }
    return {std::move(field), false};
  }

  void skip_line_end() {
    if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<int> parse_int(std::string_view s) {
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

std::optional<double> parse_double(std::string_view s) {
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// INSEE codes are five characters: digits, or 2A/2B followed by three digits for Corsica.
bool valid_insee(std::string_view s) {
  if (s.size() != 5) return false;
  if (s.starts_with("2A") || s.starts_with("2B")) return all_digits(s.substr(2));
  return all_digits(s);
}

enum Column { kInsee, kName, kPopulation, kPostcodes, kLat, kLon, kZrr, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {"insee", "name", "population", "postcodes",
                                                                     "lat",   "lon",  "zrr"};
constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

domain::Commune parse_commune(const Record& record, const std::array<std::size_t, kColumnCount>& at) {
  const auto field = [&](Column c) { return trim(record.fields[at[c]]); };
  const auto fail = [&](std::string_view what, std::string_view value) {
    return error_at(record.line, std::string(what) + " " + quoted(value));
  };
  domain::Commune commune;

  commune.insee = std::string(field(kInsee));
  if (!valid_insee(commune.insee)) throw fail("code INSEE invalide", commune.insee);

  commune.name = std::string(field(kName));
  if (commune.name.empty()) throw error_at(record.line, "nom de commune vide");

  const auto population = parse_int(field(kPopulation));
  if (!population || *population < 0) throw fail("population invalide", field(kPopulation));
  commune.population = *population;

  std::string_view postcodes = field(kPostcodes);
  while (!postcodes.empty()) {
    const std::size_t space = postcodes.find_first_of(" \t");
    const std::string_view code = postcodes.substr(0, space);
    if (code.size() != 5 || !all_digits(code)) throw fail("code postal invalide", code);
    commune.postcodes.emplace_back(code);
    postcodes = space == std::string_view::npos ? std::string_view() : trim(postcodes.substr(space));
  }

  const auto lat = parse_double(field(kLat));
  if (!lat || *lat < -90 || *lat > 90) throw fail("latitude invalide", field(kLat));
  const auto lon = parse_double(field(kLon));
  if (!lon || *lon < -180 || *lon > 180) throw fail("longitude invalide", field(kLon));
  commune.centre = {*lat, *lon};

  if (at[kZrr] != kAbsent) {
    const std::string_view zrr = field(kZrr);
    if (zrr == "1") {
      commune.zrr = true;
    } else if (zrr != "0" && !zrr.empty()) {
      throw fail("zrr invalide (0 ou 1 attendu)", zrr);
    }
  }
  return commune;
}

}  // namespace

std::vector<domain::Commune> read_communes_csv(std::string_view text) {
  RecordReader reader(text);
  const std::optional<Record> header = reader.next();
  if (!header) throw CsvError("fichier vide : en-tête insee,name,population,postcodes,lat,lon attendu");

  std::array<std::size_t, kColumnCount> at;
  at.fill(kAbsent);
  for (std::size_t i = 0; i < header->fields.size(); ++i) {
    const std::string name = lower(trim(header->fields[i]));
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      if (name != kColumnNames[c]) continue;
      if (at[c] != kAbsent) throw error_at(header->line, "colonne « " + name + " » en double dans l'en-tête");
      at[c] = i;
    }
  }
  std::string missing;
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    if (at[c] != kAbsent || c == kZrr) continue;
    if (!missing.empty()) missing += ", ";
    missing += kColumnNames[c];
  }
  if (!missing.empty()) throw CsvError("colonnes manquantes dans l'en-tête : " + missing);

  std::vector<domain::Commune> communes;
  std::unordered_map<std::string, std::size_t> line_of_insee;
  while (const std::optional<Record> record = reader.next()) {
    if (record->fields.size() != header->fields.size()) {
      throw error_at(record->line, std::to_string(record->fields.size()) + " champs au lieu des " +
                                       std::to_string(header->fields.size()) + " de l'en-tête");
    }
    domain::Commune commune = parse_commune(*record, at);
    const auto [seen, inserted] = line_of_insee.emplace(commune.insee, record->line);
    if (!inserted) {
      throw error_at(record->line,
                     "code INSEE " + commune.insee + " déjà présent ligne " + std::to_string(seen->second));
    }
    communes.push_back(std::move(commune));
  }
  return communes;
}

}  // namespace tc::geo
