#include "service/secrets.h"

#include <sodium.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace tc::service {

namespace {
void ensure_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium ne s'initialise pas");
  });
}
// At most one Argon2id computation per CPU at a time: each takes 64 MiB and a full core, so a storm of
// sign-ins on a large worker pool would otherwise take gigabytes and starve everything else. Turns are taken in
// arrival order (a ticket queue), so that no sign-in waits behind later ones for ever.
class Argon2Turns {
 public:
  Argon2Turns() : slots_(std::max(1U, std::thread::hardware_concurrency())) {}
  void acquire() {
    std::unique_lock lock(mutex_);
    const std::uint64_t ticket = next_ticket_++;
    turn_.wait(lock, [&] { return ticket == serving_ && running_ < slots_; });
    ++serving_;
    ++running_;
    turn_.notify_all();  // the next ticket may fit in a free slot too
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      --running_;
    }
    turn_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable turn_;
  unsigned slots_;
  unsigned running_ = 0;
  std::uint64_t next_ticket_ = 0;
  std::uint64_t serving_ = 0;
};

Argon2Turns& argon2_turns() {
  static Argon2Turns turns;
  return turns;
}

struct Argon2Slot {
  Argon2Slot() { argon2_turns().acquire(); }
  ~Argon2Slot() { argon2_turns().release(); }
  Argon2Slot(const Argon2Slot&) = delete;
  Argon2Slot& operator=(const Argon2Slot&) = delete;
};
}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  const Argon2Slot slot;
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("mémoire insuffisante pour hacher le mot de passe");
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  ensure_sodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string h(hash);  // NUL-terminated copy, as libsodium wants
  const Argon2Slot slot;
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

const std::string& decoy_password_hash() {
  static const std::string decoy = [] {
    std::string seed = random_token();
    return hash_password(seed);
  }();
  return decoy;
}

std::string random_token() {
  ensure_sodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string token_hash(std::string_view token) {
  ensure_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  ensure_sodium();
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tc::service
