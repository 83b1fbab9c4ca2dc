// Time comes in through a Clock so that use cases are testable at any instant (expiry, throttling, DST).
#pragma once

#include <functional>

#include "domain/timestamp.h"

namespace tc::service {

using Clock = std::function<domain::Timestamp()>;

// The machine's UTC clock, to the second.
Clock system_clock();

}  // namespace tc::service
