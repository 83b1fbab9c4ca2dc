#include "domain/waiting_list.h"

#include <gtest/gtest.h>

#include <vector>

namespace tc::domain {
namespace {

std::vector<ApplicationId> ids(const std::vector<WaitingEntry>& entries) {
  std::vector<ApplicationId> out;
  out.reserve(entries.size());
  for (const auto& e : entries) out.push_back(e.id);
  return out;
}

WaitingEntry entry(ApplicationId id, const char* since, Category c = Category::DistantEmployee, bool rqth = false) {
  return {id, c, rqth, since};
}

TEST(WaitingListTest, FirstComeFirstServedWithoutPriorities) {
  const std::vector<WaitingEntry> list = {entry(10, "2026-03-02T10:00:00Z"), entry(11, "2026-01-15T08:30:00Z"),
                                          entry(12, "2026-02-01T17:45:00Z")};
  EXPECT_EQ(ids(order(list, {})), (std::vector<ApplicationId>{11, 12, 10}));
  EXPECT_EQ(next_offer(list, {}), 11);
}

TEST(WaitingListTest, PriorityCategoryJumpsAhead) {
  const std::vector<WaitingEntry> list = {
      entry(1, "2026-01-01T09:00:00Z", Category::DistantEmployee),
      entry(2, "2026-03-01T09:00:00Z", Category::JobSeeker),
      entry(3, "2026-02-01T09:00:00Z", Category::Independent),
      entry(4, "2026-02-15T09:00:00Z", Category::JobSeeker),
  };
  const WaitingPolicy policy{{Category::JobSeeker}, false};
  // Job seekers first, in their own arrival order; then the others in theirs.
  EXPECT_EQ(ids(order(list, policy)), (std::vector<ApplicationId>{4, 2, 1, 3}));
  EXPECT_EQ(next_offer(list, policy), 4);
}

TEST(WaitingListTest, SeveralPriorityCategoriesShareOneQueue) {
  const std::vector<WaitingEntry> list = {
      entry(1, "2026-01-01T09:00:00Z", Category::DistantEmployee),
      entry(2, "2026-03-01T09:00:00Z", Category::ReducedMobilityOrAtHome),
      entry(3, "2026-02-01T09:00:00Z", Category::JobSeeker),
  };
  const WaitingPolicy policy{{Category::JobSeeker, Category::ReducedMobilityOrAtHome}, false};
  EXPECT_EQ(ids(order(list, policy)), (std::vector<ApplicationId>{3, 2, 1}));
}

TEST(WaitingListTest, RqthGoesFirstOnlyWhenThePolicySaysSo) {
  const std::vector<WaitingEntry> list = {
      entry(1, "2026-01-01T09:00:00Z"),
      entry(2, "2026-03-01T09:00:00Z", Category::DistantEmployee, true),
      entry(3, "2026-02-01T09:00:00Z"),
  };
  EXPECT_EQ(ids(order(list, {})), (std::vector<ApplicationId>{1, 3, 2}));
  const WaitingPolicy policy{{}, true};
  EXPECT_EQ(ids(order(list, policy)), (std::vector<ApplicationId>{2, 1, 3}));
  EXPECT_EQ(next_offer(list, policy), 2);
}

TEST(WaitingListTest, RqthAndPriorityCategoryAreOnePriorityGroup) {
  const std::vector<WaitingEntry> list = {
      entry(1, "2026-02-01T09:00:00Z", Category::JobSeeker),
      entry(2, "2026-01-01T09:00:00Z", Category::Independent, true),
      entry(3, "2025-12-01T09:00:00Z", Category::Independent),
  };
  const WaitingPolicy policy{{Category::JobSeeker}, true};
  EXPECT_EQ(ids(order(list, policy)), (std::vector<ApplicationId>{2, 1, 3}));
}

TEST(WaitingListTest, SameInstantIsBrokenBySmallerId) {
  const std::vector<WaitingEntry> list = {entry(30, "2026-01-01T09:00:00Z"), entry(7, "2026-01-01T09:00:00Z"),
                                          entry(19, "2026-01-01T09:00:00Z")};
  EXPECT_EQ(ids(order(list, {})), (std::vector<ApplicationId>{7, 19, 30}));
  EXPECT_EQ(next_offer(list, {}), 7);
}

TEST(WaitingListTest, EmptyListOffersNothing) {
  EXPECT_TRUE(order({}, {}).empty());
  EXPECT_EQ(next_offer({}, WaitingPolicy{{Category::JobSeeker}, true}), std::nullopt);
}

TEST(WaitingListTest, OrderKeepsEveryEntryIntact) {
  const std::vector<WaitingEntry> list = {entry(1, "2026-02-01T09:00:00Z", Category::PassingThrough, true),
                                          entry(2, "2026-01-01T09:00:00Z", Category::Independent)};
  const auto sorted = order(list, {});
  ASSERT_EQ(sorted.size(), 2u);
  EXPECT_EQ(sorted[1].id, 1);
  EXPECT_EQ(sorted[1].category, Category::PassingThrough);
  EXPECT_TRUE(sorted[1].rqth);
  EXPECT_EQ(sorted[1].since_utc, "2026-02-01T09:00:00Z");
}

}  // namespace
}  // namespace tc::domain
