// The contract every Store backend keeps. Parameterised by backend (store_fixture.h): a later PostgreSQL backend
// adds itself to backends() and runs exactly these tests.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "service/demo_network.h"
#include "service/reference_data.h"
#include "store/store.h"
#include "store_fixture.h"

namespace tc::store {
namespace {

TEST_P(StoreContract, FreshStoreIsMigratedToTheLatestSchema) {
  EXPECT_EQ(store_->schema_version(), latest_schema_version());
  EXPECT_GE(latest_schema_version(), 1);
}

TEST_P(StoreContract, CommuneRoundTripsWithAllFields) {
  {
    auto tx = store_->begin(Access::Write);
    tx->communes().upsert(commune("15187", "Saint-Flour"));
    tx->commit();
  }
  auto tx = store_->begin(Access::Read);
  auto c = tx->communes().find("15187");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->name, "Saint-Flour");
  EXPECT_EQ(c->postcodes, (std::vector<std::string>{"15100", "15260"}));
  EXPECT_DOUBLE_EQ(c->centre.lat, 45.0);
  EXPECT_TRUE(c->zrr);
  EXPECT_FALSE(tx->communes().find("99999"));
}

TEST_P(StoreContract, UpsertReplacesAnExistingCommune) {
  auto tx = store_->begin(Access::Write);
  tx->communes().upsert(commune("15187", "Saint-Flour"));
  auto c = commune("15187", "Saint-Flour (nouveau nom)");
  c.population = 7000;
  tx->communes().upsert(c);
  tx->commit();
  auto rx = store_->begin(Access::Read);
  EXPECT_EQ(rx->communes().count(), 1);
  EXPECT_EQ(rx->communes().find("15187")->population, 7000);
}

TEST_P(StoreContract, UncommittedTransactionLeavesNothing) {
  {
    auto tx = store_->begin(Access::Write);
    tx->communes().upsert(commune("15187", "Saint-Flour"));
  }  // dropped without commit
  auto tx = store_->begin(Access::Read);
  EXPECT_EQ(tx->communes().count(), 0);
}

TEST_P(StoreContract, RevisionMovesOnEveryCommittedWriteOnly) {
  const auto r0 = store_->revision();
  {
    auto tx = store_->begin(Access::Write);
    tx->communes().upsert(commune("15187", "Saint-Flour"));
  }
  EXPECT_EQ(store_->revision(), r0);
  {
    auto tx = store_->begin(Access::Write);
    tx->communes().upsert(commune("15187", "Saint-Flour"));
    tx->commit();
  }
  EXPECT_GT(store_->revision(), r0);
}

TEST_P(StoreContract, WritesOutsideTheDirectoryDoNotMoveTheRevision) {
  const auto r0 = store_->revision();
  const auto l0 = store_->local_commits();
  {
    auto tx = store_->begin(Access::Write);
    PersonRecord p;
    p.email = "revision@example.fr";
    p.created_at = "2026-11-26T08:00:00Z";
    p.roles = {"teleworker"};
    tx->people().insert(p);
    tx->commit();
  }
  EXPECT_EQ(store_->revision(), r0);
  EXPECT_EQ(store_->local_commits(), l0);
}

TEST_P(StoreContract, LocalCommitsCountOnlyCommittedWrites) {
  const auto before = store_->local_commits();
  {
    auto tx = store_->begin(Access::Read);
    tx->commit();
  }
  {
    auto tx = store_->begin(Access::Write);
    tx->communes().upsert(commune("15187", "Saint-Flour"));
  }  // rolled back
  EXPECT_EQ(store_->local_commits(), before);
  {
    auto tx = store_->begin(Access::Write);
    tx->communes().upsert(commune("15187", "Saint-Flour"));
    tx->commit();
  }
  EXPECT_EQ(store_->local_commits(), before + 1);
}

TEST_P(StoreContract, DemoCentresRoundTripWholly) {
  ASSERT_EQ(service::load_demo(*store_), 8u);
  auto expected = service::demo_centres();
  auto tx = store_->begin(Access::Read);
  auto stored = tx->centres().all();
  ASSERT_EQ(stored.size(), expected.size());
  const auto murat = std::find_if(stored.begin(), stored.end(), [](auto& c) { return c.commune_insee == "15138"; });
  ASSERT_NE(murat, stored.end());
  EXPECT_EQ(murat->offices.size(), 4u);
  EXPECT_EQ(murat->post_count(), 6);
  EXPECT_EQ(murat->status, domain::CentreStatus::InService);
  ASSERT_EQ(murat->history.size(), 3u);
  EXPECT_EQ(murat->history.back().on, (domain::Date{2007, 1, 15}));
  EXPECT_EQ(murat->hours.size(), 10u);
  EXPECT_EQ(murat->closures.size(), 1u);
  EXPECT_EQ(murat->specialities, std::vector<std::string>{"Santé & travail"});
  EXPECT_TRUE(murat->services.videoconference);
  EXPECT_EQ(murat->accessibility.erp_category, 5);
  for (const auto& o : murat->offices)
    for (const auto& p : o.posts) EXPECT_GT(p.id, 0);
  const auto aurillac = std::find_if(stored.begin(), stored.end(), [](auto& c) { return c.commune_insee == "15014"; });
  ASSERT_NE(aurillac, stored.end());
  ASSERT_TRUE(aurillac->zrr_override);
  EXPECT_FALSE(aurillac->zrr_override->zrr);
  EXPECT_FALSE(aurillac->zrr_override->reason.empty());
}

TEST_P(StoreContract, FindReturnsOneCentreWithItsOffices) {
  service::load_demo(*store_);
  auto tx = store_->begin(Access::Read);
  const auto all = tx->centres().all();
  const auto c = tx->centres().find(all.back().id);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->name, all.back().name);
  EXPECT_EQ(c->offices.size(), all.back().offices.size());
  EXPECT_FALSE(tx->centres().find(987654));
}

TEST_P(StoreContract, DemoIsNotLoadedTwice) {
  EXPECT_EQ(service::load_demo(*store_), 8u);
  EXPECT_EQ(service::load_demo(*store_), 0u);
  auto tx = store_->begin(Access::Read);
  EXPECT_EQ(tx->centres().count(), 8);
}

TEST_P(StoreContract, CentreInUnknownCommuneIsRefusedAndNothingIsWritten) {
  auto c = service::demo_centres().front();
  c.commune_insee = "99999";
  {
    auto tx = store_->begin(Access::Write);
    EXPECT_THROW(tx->centres().insert(c), StoreError);
  }
  auto tx = store_->begin(Access::Read);
  EXPECT_EQ(tx->centres().count(), 0);
}

TEST_P(StoreContract, StatusChangeIsRecordedInHistory) {
  service::load_demo(*store_);
  domain::CentreId id = 0;
  {
    auto tx = store_->begin(Access::Read);
    for (const auto& c : tx->centres().all())
      if (c.status == domain::CentreStatus::Opening) id = c.id;
  }
  ASSERT_GT(id, 0);
  {
    auto tx = store_->begin(Access::Write);
    tx->centres().record_status(id, {domain::CentreStatus::InService, {2026, 12, 1}, {}});
    tx->commit();
  }
  auto tx = store_->begin(Access::Read);
  auto c = tx->centres().find(id);
  EXPECT_EQ(c->status, domain::CentreStatus::InService);
  EXPECT_EQ(c->history.back().status, domain::CentreStatus::InService);
  EXPECT_EQ(c->history.back().on, (domain::Date{2026, 12, 1}));
}

TEST_P(StoreContract, ConcurrentReadersSeeConsistentData) {
  service::load_demo(*store_);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        auto tx = store_->begin(Access::Read);
        if (tx->centres().all().size() != 8) ++failures;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST_P(StoreContract, BundledCommunesImportAll250) {
  service::ensure_reference_data(*store_);
  auto tx = store_->begin(Access::Read);
  EXPECT_EQ(tx->communes().count(), 250);
  EXPECT_EQ(tx->communes().find("15014")->name, "Aurillac");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::ValuesIn(backends()),
                         [](const auto& param_info) { return param_info.param.name; });

// Opening errors are SQLite-specific (file paths), hence outside the contract.
TEST(SqliteOpen, MissingDirectoryIsAClearError) {
  try {
    open_store("/nonexistent-dir/x.db");
    FAIL() << "expected an error";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind, StoreError::Kind::Open);
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir"), std::string::npos);
  }
}

TEST(SqliteOpen, FileThatIsNotADatabaseIsRefused) {
  const std::string path = temp_dir() + "/garbage.db";
  {
    std::ofstream out(path);
    out << "this is not an SQLite database, just text long enough to fill a header page......................";
  }
  EXPECT_THROW(open_store(path), StoreError);
  fs::remove(path);
}

TEST(SqliteOpen, NewerSchemaIsRefusedWithAClearMessage) {
  const std::string path = temp_dir() + "/newer.db";
  fs::remove(path);
  { auto s = open_store(path); }
  {
    // A database written by a future version of the program.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "INSERT INTO schema_version VALUES (9999, 'future')", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  try {
    open_store(path);
    FAIL() << "expected an error";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind, StoreError::Kind::Schema);
    EXPECT_NE(std::string(e.what()).find("9999"), std::string::npos);
  }
  fs::remove(path);
  fs::remove(path + "-wal");
  fs::remove(path + "-shm");
}

}  // namespace
}  // namespace tc::store
