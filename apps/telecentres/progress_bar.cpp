#include "progress_bar.h"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <string>

namespace tc::app {

std::function<void(double fraction, std::string_view stage)> progress_bar() {
  auto last = std::make_shared<int>(-1);
  return [last](double fraction, std::string_view stage) {
    const int percent = static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 100));
    if (percent == *last) return;
    *last = percent;
    const int filled = percent / 5;
    std::cerr << "\r" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(20 - filled), '.') << ' ' << percent << " % " << stage
              << "          " << (percent == 100 ? "\n" : "") << std::flush;
  };
}

}  // namespace tc::app
