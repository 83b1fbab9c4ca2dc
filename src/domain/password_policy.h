// What a password must be to be accepted: long enough to resist guessing, not one everybody else uses, and not
// made of the holder's own address. Following the ANSSI and NIST SP 800-63B advice, length and a blocklist
// matter; composition rules (a digit, a capital…) do not, and are not imposed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/person.h"

namespace tc::domain {

inline constexpr std::size_t kPasswordMinCodePoints = 10;
inline constexpr std::size_t kPasswordMaxCodePoints = 256;

// The commonest passwords (data/common-passwords.txt, one per line, lower-case). Built from the file's text so
// the domain reads no file: the service passes the content it embeds. Blank lines are skipped; spaces and CRs
// around an entry are trimmed.
class CommonPasswords {
 public:
  explicit CommonPasswords(std::string_view file_text);

  // Case-insensitive for ASCII letters: "AZERTY" is as common as "azerty".
  bool contains(std::string_view password) const;
  std::size_t size() const { return entries_.size(); }

 private:
  std::vector<std::string> entries_;  // lower-cased, sorted, unique
};

// Problems with `password` for the account `email` (already normalised); empty means accepted. Lengths count
// UTF-8 code points, so accented letters count once. Every problem found is reported, all on field "password".
std::vector<FieldError> check_password(std::string_view password, std::string_view email,
                                       const CommonPasswords& common);

}  // namespace tc::domain
