// The fixture of the store contract suites: a fresh store per test, for every backend in backends().
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/store.h"
#include "support/pg_test.h"

namespace tc::store {

namespace fs = std::filesystem;

struct Backend {
  std::string name;
  // Makes a fresh, empty location and returns it; the test fixture removes what it created.
  std::function<std::string(const std::string& test_name)> fresh_location;
};

inline std::string temp_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("tc-store-tests-" + std::to_string(getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir.string();
}

inline const std::vector<Backend>& backends() {
  static const std::vector<Backend> all = [] {
    std::vector<Backend> v = {{"sqlite", [](const std::string& test) { return temp_dir() + "/" + test + ".db"; }}};
    // PostgreSQL joins when scripts/test.sh started a test server (TELECENTRES_TEST_PG).
    if (!test::pg_base_url().empty())
      v.push_back({"postgresql", [](const std::string& test) { return test::fresh_pg_schema(test); }});
    return v;
  }();
  return all;
}

class StoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "_" + info->name();
    for (char& c : name)
      if (c == '/') c = '_';
    location_ = GetParam().fresh_location(name);
    if (test::is_pg_url(location_)) {
      store_ = open_store(location_);
      return;
    }
    fs::remove(location_);
    fs::remove(location_ + "-wal");
    fs::remove(location_ + "-shm");
    store_ = open_store(location_);
  }
  void TearDown() override {
    store_.reset();
    if (test::is_pg_url(location_)) {
      test::drop_pg_schema(location_);
      return;
    }
    fs::remove(location_);
    fs::remove(location_ + "-wal");
    fs::remove(location_ + "-shm");
  }

  domain::Commune commune(std::string insee, std::string name) {
    domain::Commune c;
    c.insee = std::move(insee);
    c.name = std::move(name);
    c.population = 1000;
    c.postcodes = {"15100", "15260"};
    c.centre = {45.0, 3.0};
    c.zrr = true;
    return c;
  }

  std::string location_;
  std::unique_ptr<Store> store_;
};

}  // namespace tc::store
