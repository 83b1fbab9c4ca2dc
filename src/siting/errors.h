// Errors raised by the siting readers and solvers: malformed input files and impossible parameters. Messages are
// in French (they reach the user) and name the offending line when there is one.
#pragma once

#include <stdexcept>
#include <string>

namespace tc::siting {

class SitingError : public std::runtime_error {
 public:
  explicit SitingError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace tc::siting
