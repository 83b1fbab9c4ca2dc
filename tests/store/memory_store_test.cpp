// open_store(":memory:"): a private in-memory database (tools, fuzz targets) must take writes like a file.
#include <gtest/gtest.h>

#include "service/demo_network.h"
#include "store/store.h"

namespace tc::store {
namespace {

// Found by fuzz/harness.h: every commit on an in-memory store threw StoreError ("écriture sur disque impossible :
// file:telecentres-mem-0?mode=memory&cache=shared-wal"), since the durability sync looked for a WAL file.
TEST(MemoryStoreTest, CommitsWrites) {
  auto db = open_store(":memory:");
  EXPECT_GT(service::load_demo(*db), 0U);
  EXPECT_EQ(service::load_demo(*db), 0U);  // the centres are there: a demo never loads twice
}

}  // namespace
}  // namespace tc::store
