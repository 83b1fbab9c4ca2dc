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

// Thrown by a Progress callback to stop a run (a cancelled background study). Solvers let it through and leave
// nothing behind; it is not an error of the input, so it is not a SitingError.
class Cancelled : public std::exception {
 public:
  const char* what() const noexcept override { return "étude annulée"; }
};

}  // namespace tc::siting
