#include "domain/money.h"

#include <cstdlib>
#include <limits>

namespace tc::domain {

namespace {

std::string group_thousands(std::int64_t units, std::string_view separator) {
  std::string digits = std::to_string(units);
  std::string out;
  const auto n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}

std::string two_digits(std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); }

}  // namespace

std::string format_euros(Cents cents) {
  const bool negative = cents < 0;
  // Work in unsigned magnitude so that the smallest int64 does not overflow when negated.
  const auto magnitude = negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  const auto units = static_cast<std::int64_t>(magnitude / 100);
  const auto rest = static_cast<std::int64_t>(magnitude % 100);
  return std::string(negative ? "-" : "") + group_thousands(units, "\u202F") + "," + two_digits(rest) + "\u00A0€";
}

std::string plain_euros(Cents cents) {
  const bool negative = cents < 0;
  const auto magnitude = negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  return std::string(negative ? "-" : "") + std::to_string(magnitude / 100) + "." +
         two_digits(static_cast<std::int64_t>(magnitude % 100));
}

std::optional<Cents> parse_euros(std::string_view text) {
  std::string compact;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t') {
      ++i;
    } else if (text.substr(i, 2) == "\u00A0") {
      i += 2;
    } else if (text.substr(i, 3) == "\u202F" || text.substr(i, 3) == "€") {
      i += 3;
    } else {
      compact += text[i++];
    }
  }
  if (compact.empty()) return std::nullopt;
  std::int64_t units = 0;
  std::size_t i = 0;
  constexpr std::int64_t kMaxUnits = std::numeric_limits<std::int64_t>::max() / 100 - 1;
  for (; i < compact.size() && compact[i] >= '0' && compact[i] <= '9'; ++i) {
    units = units * 10 + (compact[i] - '0');
    if (units > kMaxUnits) return std::nullopt;
  }
  if (i == 0) return std::nullopt;
  std::int64_t fraction = 0;
  if (i < compact.size()) {
    if (compact[i] != ',' && compact[i] != '.') return std::nullopt;
    const std::string_view decimals = std::string_view(compact).substr(i + 1);
    if (decimals.empty() || decimals.size() > 2) return std::nullopt;
    for (char d : decimals) {
      if (d < '0' || d > '9') return std::nullopt;
      fraction = fraction * 10 + (d - '0');
    }
    if (decimals.size() == 1) fraction *= 10;
  }
  return units * 100 + fraction;
}

}  // namespace tc::domain
