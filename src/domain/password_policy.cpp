#include "domain/password_policy.h"

#include <algorithm>
#include <string>

namespace tc::domain {

namespace {
std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// Shorter local parts ("jo@…") would refuse too many innocent passwords to be worth it.
constexpr std::size_t kMinLocalPartToRefuse = 4;
}  // namespace

CommonPasswords::CommonPasswords(std::string_view file_text) {
  while (!file_text.empty()) {
    const auto eol = file_text.find('\n');
    const std::string_view line = trim(file_text.substr(0, eol));
    if (!line.empty()) entries_.push_back(ascii_lower(line));
    file_text.remove_prefix(eol == std::string_view::npos ? file_text.size() : eol + 1);
  }
  std::sort(entries_.begin(), entries_.end());
  entries_.erase(std::unique(entries_.begin(), entries_.end()), entries_.end());
}

bool CommonPasswords::contains(std::string_view password) const {
  return std::binary_search(entries_.begin(), entries_.end(), ascii_lower(password));
}

std::vector<FieldError> check_password(std::string_view password, std::string_view email,
                                       const CommonPasswords& common) {
  std::vector<FieldError> errors;
  const std::size_t length = count_code_points(password);
  if (length < kPasswordMinCodePoints)
    errors.push_back(
        {"password", "Le mot de passe doit compter au moins " + std::to_string(kPasswordMinCodePoints) + " caractères.",
         "The password must be at least " + std::to_string(kPasswordMinCodePoints) + " characters long."});
  if (length > kPasswordMaxCodePoints)
    errors.push_back(
        {"password", "Le mot de passe ne doit pas dépasser " + std::to_string(kPasswordMaxCodePoints) + " caractères.",
         "The password must not be longer than " + std::to_string(kPasswordMaxCodePoints) + " characters."});
  if (common.contains(password))
    errors.push_back({"password", "Ce mot de passe fait partie des plus courants : choisissez-en un autre.",
                      "This password is one of the most common: choose another one."});
  const auto at = email.rfind('@');
  const std::string local = ascii_lower(email.substr(0, at == std::string_view::npos ? 0 : at));
  if (count_code_points(local) >= kMinLocalPartToRefuse && ascii_lower(password).find(local) != std::string::npos)
    errors.push_back({"password", "Le mot de passe ne doit pas contenir votre adresse e-mail.",
                      "The password must not contain your e-mail address."});
  return errors;
}

}  // namespace tc::domain
