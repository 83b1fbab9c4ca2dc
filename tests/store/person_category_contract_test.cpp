// The people's categories part of the store contract: a category change is kept with its date only when the
// category moves (the first one without `from`), changes are found by date, a relocated employee's account is
// linked to one company at most and comes back with it, and erasure removes both. The migration's backfill is
// checked on SQLite: one initial row per person already there, dated their account's creation.
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store_fixture.h"

namespace tc::store {
namespace {

using domain::Category;
using domain::Date;

class PersonCategoryContract : public StoreContract {
 protected:
  std::int64_t person(Transaction& tx, const std::string& email) {
    PersonRecord p;
    p.email = email;
    p.created_at = "2026-01-10T08:00:00Z";
    p.roles = {"teleworker"};
    return tx.people().insert(p);
  }
};

TEST_P(PersonCategoryContract, AChangeIsKeptOnlyWhenTheCategoryMoves) {
  auto tx = store_->begin(Access::Write);
  const auto id = person(*tx, "lea@example.fr");
  EXPECT_TRUE(tx->people().set_category(id, Category::JobSeeker, Date{2026, 2, 1}, "2026-02-01T09:00:00Z"));
  EXPECT_FALSE(tx->people().set_category(id, Category::JobSeeker, Date{2026, 3, 1}, "2026-03-01T09:00:00Z"));
  EXPECT_TRUE(tx->people().set_category(id, Category::Independent, Date{2026, 5, 4}, "2026-05-04T09:00:00Z"));
  tx->commit();

  auto rx = store_->begin(Access::Read);
  EXPECT_EQ(rx->people().profile(id).category, Category::Independent);
  const auto history = rx->people().category_history(id);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_FALSE(history[0].from.has_value());
  EXPECT_EQ(history[0].to, Category::JobSeeker);
  EXPECT_EQ(history[0].on, (Date{2026, 2, 1}));
  EXPECT_EQ(history[1].from, Category::JobSeeker);
  EXPECT_EQ(history[1].to, Category::Independent);
  EXPECT_EQ(history[1].at, "2026-05-04T09:00:00Z");
  // By date, both ends included.
  EXPECT_EQ(rx->people().category_changes(Date{2026, 5, 4}, Date{2026, 5, 4}).size(), 1u);
  EXPECT_EQ(rx->people().category_changes(Date{2026, 1, 1}, Date{2026, 12, 31}).size(), 2u);
  EXPECT_TRUE(rx->people().category_changes(Date{2026, 5, 5}, Date{2026, 12, 31}).empty());
}

TEST_P(PersonCategoryContract, AnUnknownPersonsCategoryIsNotFound) {
  auto tx = store_->begin(Access::Write);
  EXPECT_THROW(tx->people().set_category(999, Category::Independent, Date{2026, 5, 4}, "2026-05-04T09:00:00Z"),
               StoreError);
}

TEST_P(PersonCategoryContract, AnEmployeeIsLinkedToOneCompanyAtMost) {
  auto tx = store_->begin(Access::Write);
  const auto id = person(*tx, "marc@example.fr");
  tx->people().set_display_name(id, "Marc Fictif");
  domain::Company a, b;
  a.name = "Assurances Exemple";
  b.name = "Banque Exemple";
  a.created_at = b.created_at = "2026-01-10T08:00:00Z";
  a.id = tx->companies().insert(a);
  b.id = tx->companies().insert(b);
  tx->companies().link_employee(a.id, id, Date{2026, 6, 1});
  EXPECT_THROW(tx->companies().link_employee(b.id, id, Date{2026, 6, 2}), StoreError);
  tx->commit();

  {
    auto rx = store_->begin(Access::Read);
    EXPECT_EQ(rx->companies().employer_of(id), a.id);
    const auto found = rx->companies().find(a.id);
    ASSERT_TRUE(found);
    ASSERT_EQ(found->linked.size(), 1u);
    EXPECT_EQ(found->linked[0].person_id, id);
    EXPECT_EQ(found->linked[0].name, "Marc Fictif");
    EXPECT_EQ(found->linked[0].linked_on, (Date{2026, 6, 1}));
    EXPECT_TRUE(rx->companies().find(b.id)->linked.empty());
    EXPECT_EQ(rx->companies().all().front().linked.size(), 1u);  // Assurances first, by name
  }
  auto wx = store_->begin(Access::Write);
  EXPECT_FALSE(wx->companies().unlink_employee(b.id, id));
  EXPECT_TRUE(wx->companies().unlink_employee(a.id, id));
  EXPECT_FALSE(wx->companies().employer_of(id).has_value());
  wx->companies().link_employee(b.id, id, Date{2026, 7, 1});  // free again
  EXPECT_EQ(wx->companies().employer_of(id), b.id);
}

TEST_P(PersonCategoryContract, ErasureRemovesTheHistoryAndTheLink) {
  auto tx = store_->begin(Access::Write);
  const auto id = person(*tx, "ines@example.fr");
  const auto other = person(*tx, "paul@example.fr");
  tx->people().set_category(id, Category::RelocatedEmployee, Date{2026, 6, 1}, "2026-06-01T09:00:00Z");
  tx->people().set_category(other, Category::JobSeeker, Date{2026, 6, 1}, "2026-06-01T09:00:00Z");
  domain::Company c;
  c.name = "Assurances Exemple";
  c.created_at = "2026-01-10T08:00:00Z";
  c.id = tx->companies().insert(c);
  tx->companies().link_employee(c.id, id, Date{2026, 6, 1});
  tx->people().erase(id, "2026-11-26T10:00:00Z");
  tx->commit();

  auto rx = store_->begin(Access::Read);
  EXPECT_TRUE(rx->people().category_history(id).empty());
  EXPECT_FALSE(rx->companies().employer_of(id).has_value());
  EXPECT_TRUE(rx->companies().find(c.id)->linked.empty());
  EXPECT_EQ(rx->people().category_history(other).size(), 1u);                 // someone else's stays
  EXPECT_EQ(rx->people().profile(id).category, Category::RelocatedEmployee);  // the statistics' category stays
}

// A centre's day and feed read their bookers' names in one batch: every size of chunk (1, 8, 64, 512 ids, padded),
// duplicates and unknown ids, and an empty list.
TEST_P(PersonCategoryContract, DisplayNamesAreReadInBatchesWhateverTheirNumber) {
  auto tx = store_->begin(Access::Write);
  std::vector<std::int64_t> ids;
  std::map<std::int64_t, std::string> expected;
  for (int i = 0; i < 600; ++i) {
    const auto id = person(*tx, "personne" + std::to_string(i) + "@example.fr");
    tx->people().set_display_name(id, "Personne " + std::to_string(i));
    ids.push_back(id);
    expected[id] = "Personne " + std::to_string(i);
  }
  EXPECT_TRUE(tx->people().display_names({}).empty());
  EXPECT_EQ(tx->people().display_names({ids[3]}), (std::map<std::int64_t, std::string>{{ids[3], "Personne 3"}}));
  EXPECT_EQ(tx->people().display_names({ids[5], ids[2], ids[5], 999'999'999}),
            (std::map<std::int64_t, std::string>{{ids[2], "Personne 2"}, {ids[5], "Personne 5"}}));
  std::vector<std::int64_t> many(ids.rbegin(), ids.rend());  // 601 ids: 512, then 89 padded to 512
  many.push_back(ids[0]);
  EXPECT_EQ(tx->people().display_names(many), expected);
}

INSTANTIATE_TEST_SUITE_P(Backends, PersonCategoryContract, ::testing::ValuesIn(backends()),
                         [](const auto& param_info) { return param_info.param.name; });

// The migration records each existing person's category as their first change, dated their account's creation.
TEST(SqliteMigration, PeopleAlreadyThereGetTheirCategoryAsAFirstChange) {
  const std::string path = temp_dir() + "/backfill.db";
  fs::remove(path);
  std::int64_t with_category = 0, without = 0;
  {
    auto s = open_store(path);
    auto tx = s->begin(Access::Write);
    PersonRecord p;
    p.email = "avant@example.fr";
    p.created_at = "2025-03-04T10:00:00Z";
    with_category = tx->people().insert(p);
    domain::Profile profile;
    profile.display_name = "Avant";
    profile.category = Category::JobSeeker;
    tx->people().set_profile(with_category, profile);  // no history: as before the migration
    p.email = "sans@example.fr";
    without = tx->people().insert(p);  // never said their category
    tx->commit();
  }
  {
    // Back to the schema before 0009.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "DROP TABLE person_categories; DROP TABLE company_employees; "
                           "DELETE FROM schema_version WHERE version >= 9",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  {
    auto s = open_store(path);
    EXPECT_EQ(s->schema_version(), latest_schema_version());
    auto rx = s->begin(Access::Read);
    const auto history = rx->people().category_history(with_category);
    ASSERT_EQ(history.size(), 1u);
    EXPECT_FALSE(history[0].from.has_value());
    EXPECT_EQ(history[0].to, Category::JobSeeker);
    EXPECT_EQ(history[0].on, (Date{2025, 3, 4}));
    EXPECT_EQ(history[0].at, "2025-03-04T10:00:00Z");
    EXPECT_TRUE(rx->people().category_history(without).empty());
  }
  fs::remove(path);
  fs::remove(path + "-wal");
  fs::remove(path + "-shm");
}

}  // namespace
}  // namespace tc::store
