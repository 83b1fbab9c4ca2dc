// Passwords and tokens, on libsodium. Passwords are hashed with Argon2id at libsodium's "interactive" limits
// (the string format carries its parameters, so stronger limits later still verify old hashes). Tokens are 256
// random bits in URL-safe base64; only their SHA-256 is stored, so a stolen database opens no session.
#pragma once

#include <string>
#include <string_view>

namespace tc::service {

std::string hash_password(std::string_view password);  // throws std::runtime_error when memory is short
bool verify_password(std::string_view hash, std::string_view password);
// A hash that verifies nothing, computed once: lets an unknown e-mail cost as much time as a known one.
const std::string& decoy_password_hash();

std::string random_token();                      // 43 characters, URL-safe
std::string token_hash(std::string_view token);  // hex SHA-256
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace tc::service
