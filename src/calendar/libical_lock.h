// libical caches inside its builtin zones (loaded lazily, transitions expanded on demand) without locking them:
// every call that touches a builtin zone, from any file of calendar/, holds this one mutex.
#pragma once

#include <mutex>

namespace tc::calendar {

inline std::mutex& libical_mutex() {
  static std::mutex m;
  return m;
}

}  // namespace tc::calendar
