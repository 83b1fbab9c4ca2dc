// Files compiled into the program (see cmake/embed.cmake), by their path in the source tree.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace tc::resources {

std::optional<std::string_view> find(std::string_view path);
std::vector<std::string_view> list(std::string_view prefix);

}  // namespace tc::resources
