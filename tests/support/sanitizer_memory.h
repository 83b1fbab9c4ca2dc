// Tests that bound a server's resident memory measure the program's allocations, not AddressSanitizer's: in the
// sanitized build (scripts/test.sh, preset asan), freed blocks wait in ASan's quarantine (256 MB by default) to
// catch uses after free, so memory "grows" with every request whatever the program does. Such a test starts its
// server with the quarantine off; every other check (overflows, leaks, UBSan) stays on. Nothing in other builds.
#pragma once

#include <cstdlib>
#include <string>

namespace tc::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

inline void measure_program_memory_not_the_quarantine() {
  if (!kAddressSanitizer) return;
  const char* current = std::getenv("ASAN_OPTIONS");
  std::string options = current ? current : "";
  options += (options.empty() ? "" : ":") + std::string("quarantine_size_mb=0:thread_local_quarantine_size_kb=0");
  setenv("ASAN_OPTIONS", options.c_str(), 1);  // inherited by the server started next
}

}  // namespace tc::test
