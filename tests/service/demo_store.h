// The fixture of service tests that run over the demo network: a fresh SQLite file per test (named after it, in the
// temporary directory), the demo's communes and centres loaded, everything removed afterwards.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "service/demo_network.h"
#include "store/store.h"

namespace tc::service {

class DemoStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("tc-service-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    remove_files();
    store_ = store::open_store(path_);
    load_demo(*store_);
  }
  void TearDown() override {
    store_.reset();
    remove_files();
  }

  // A person with one role, as the tests' actors.
  static domain::PersonId person(store::Transaction& tx, const std::string& email, const std::string& role) {
    store::PersonRecord p;
    p.email = email;
    p.created_at = "2026-11-01T08:00:00Z";
    p.roles = {role};
    return tx.people().insert(p);
  }
  // The e-mails waiting in the outbox for that address, oldest first.
  std::vector<store::OutgoingMail> mail_to(const std::string& email) {
    auto tx = store_->begin(store::Access::Read);
    std::vector<store::OutgoingMail> out;
    for (const auto& m : tx->outbox().due("9999-12-31T00:00:00Z", 1000))
      if (m.recipient == email) out.push_back(m);
    return out;
  }

  std::string path_;
  std::unique_ptr<store::Store> store_;

 private:
  void remove_files() const {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
};

}  // namespace tc::service
