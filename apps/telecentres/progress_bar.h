// The command line's progress bar: one line on stderr, redrawn only when the percentage moves (long CLI jobs:
// siting studies, copies between databases).
#pragma once

#include <functional>
#include <string_view>

namespace tc::app {

std::function<void(double fraction, std::string_view stage)> progress_bar();

}  // namespace tc::app
