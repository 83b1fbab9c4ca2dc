// A test suite whose tests share one demo server, started before the suite's first test and stopped after its
// last: for suites that only read, or whose writes do not disturb one another.
#pragma once

#include <gtest/gtest.h>

#include "server_process.h"

namespace tc::test {

template <typename Suite>
class SharedServer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServerProcess(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static inline ServerProcess* server_ = nullptr;
};

}  // namespace tc::test
