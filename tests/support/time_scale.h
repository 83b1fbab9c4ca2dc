// How much longer a time-bounded test should allow in this build: the sanitizers (TELECENTRES_SANITIZE,
// scripts/sanitize.sh) make code two to three times slower, so a solver given "1.5 s" does less in them.
#pragma once

namespace tc::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr double kTimeScale = 4;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr double kTimeScale = 4;
#else
inline constexpr double kTimeScale = 1;
#endif
#else
inline constexpr double kTimeScale = 1;
#endif

}  // namespace tc::test
