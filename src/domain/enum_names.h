// Reading an enum back from its stable name: one loop over the enum's values and their to_string, shared by every
// domain enum that the API and forms name.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace tc::domain {

template <typename E, std::size_t N>
std::optional<E> parse_by_name(std::string_view s, const std::array<E, N>& all) {
  for (E e : all)
    if (to_string(e) == s) return e;
  return std::nullopt;
}

}  // namespace tc::domain
