#include "siting/demand.h"

#include <charconv>
#include <cmath>

#include "siting/errors.h"

namespace tc::siting {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '"')) s.remove_suffix(1);
  return s;
}

// The fields of each non-blank line, split on "," or ";", with its line number.
template <typename F>
void each_line(std::string_view text, F&& f) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a spreadsheet's byte order mark
  int number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++number;
    if (line.empty()) continue;
    std::vector<std::string_view> fields;
    std::string_view rest = line;
    while (true) {
      const auto sep = rest.find_first_of(",;");
      fields.push_back(trim(rest.substr(0, sep)));
      if (sep == std::string_view::npos) break;
      rest.remove_prefix(sep + 1);
    }
    f(number, fields);
  }
}

bool number(std::string_view s, double& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size() && std::isfinite(out);
}

bool is_code(std::string_view s) {
  if (s.size() != 5) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == 'A' || c == 'B')) return false;
  return true;
}

[[noreturn]] void bad(int line, const std::string& what) {
  throw SitingError("Ligne " + std::to_string(line) + " : " + what);
}

}  // namespace

double modelled_demand(int population, const DemandRates& r) {
  return std::max(0, population) * r.employed_share * r.teleworkable_share * r.far_commute_share;
}

std::vector<std::pair<std::string, double>> read_demand_csv(std::string_view text) {
  std::vector<std::pair<std::string, double>> out;
  each_line(text, [&out](int n, const std::vector<std::string_view>& f) {
    double w = 0;
    if (n == 1 && !is_code(f[0])) return;  // header
    if (f.size() < 2) bad(n, "deux colonnes attendues : insee,weight.");
    if (!is_code(f[0])) bad(n, "« " + std::string(f[0]) + " » n'est pas un code INSEE.");
    if (!number(f[1], w) || w < 0) bad(n, "« " + std::string(f[1]) + " » n'est pas un poids positif.");
    out.emplace_back(std::string(f[0]), w);
  });
  return out;
}

std::vector<std::tuple<std::string, std::string, double>> read_matrix_csv(std::string_view text) {
  std::vector<std::tuple<std::string, std::string, double>> out;
  each_line(text, [&out](int n, const std::vector<std::string_view>& f) {
    double m = 0;
    if (n == 1 && !is_code(f[0])) return;
    if (f.size() < 3) bad(n, "trois colonnes attendues : from_insee,to_insee,minutes.");
    if (!is_code(f[0]) || !is_code(f[1])) bad(n, "codes INSEE attendus dans les deux premières colonnes.");
    if (!number(f[2], m) || m < 0) bad(n, "« " + std::string(f[2]) + " » n'est pas un nombre de minutes positif.");
    out.emplace_back(std::string(f[0]), std::string(f[1]), m);
  });
  return out;
}

std::vector<std::string> read_candidates(std::string_view text) {
  std::vector<std::string> out;
  each_line(text, [&out](int n, const std::vector<std::string_view>& f) {
    if (n == 1 && !is_code(f[0])) return;
    if (!is_code(f[0])) bad(n, "« " + std::string(f[0]) + " » n'est pas un code INSEE.");
    out.emplace_back(f[0]);
  });
  return out;
}

}  // namespace tc::siting
