// How use cases say no. The web layer maps `kind` to an HTTP status and shows `message` in the asker's language;
// `field` names the offending parameter when there is one.
#pragma once

#include <stdexcept>
#include <string>

namespace tc::service {

struct ServiceError : std::runtime_error {
  // Unprocessable: well-formed but against a rule (a closed slot, a quota): HTTP 422.
  enum class Kind {
    NotFound,
    Invalid,
    Conflict,
    Forbidden,
    Unavailable,
    Unauthenticated,
    TooManyRequests,
    Unprocessable
  };
  ServiceError(Kind k, std::string fr, std::string en, std::string field_name = {})
      : std::runtime_error(fr),
        kind(k),
        message_fr(std::move(fr)),
        message_en(std::move(en)),
        field(std::move(field_name)) {}
  Kind kind;
  std::string message_fr;
  std::string message_en;
  std::string field;
  int retry_after_s = 0;  // with TooManyRequests (and Unavailable): when to come back
  std::string reason;     // a stable machine code for clients, e.g. "full", "over_quota" (problem's "reason")
};

}  // namespace tc::service
