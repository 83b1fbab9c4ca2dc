#include "service/clock.h"

#include <chrono>

namespace tc::service {

Clock system_clock() {
  return [] {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return domain::Timestamp{std::chrono::duration_cast<std::chrono::seconds>(now).count()};
  };
}

}  // namespace tc::service
