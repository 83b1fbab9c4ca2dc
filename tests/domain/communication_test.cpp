// The communication plan: axes and channels by name, what makes an action valid, and the year's totals per axis,
// per channel and overall, with the applications that cite each action.
#include "domain/communication.h"

#include <gtest/gtest.h>

namespace tc::domain {
namespace {

CommAction action(CommActionId id, Axis axis, Channel channel, Date date, Cents cost, int reach, int contacts) {
  CommAction a;
  a.id = id;
  a.title = "Action " + std::to_string(id);
  a.axis = axis;
  a.channel = channel;
  a.date = date;
  a.cost = cost;
  a.reach = reach;
  a.contacts = contacts;
  return a;
}

TEST(Communication, NamesRoundTrip) {
  for (const Axis a : kAllAxes) EXPECT_EQ(parse_axis(to_string(a)), a);
  for (const Channel c : kAllChannels) EXPECT_EQ(parse_channel(to_string(c)), c);
  EXPECT_EQ(to_string(Channel::SocialMedia), "social_media");
  EXPECT_EQ(label_fr(Channel::SocialMedia), "Réseaux sociaux");
  EXPECT_EQ(label_en(Axis::Attract), "Attract new working people");
  EXPECT_FALSE(parse_axis("inform "));
  EXPECT_FALSE(parse_channel("tv"));
}

TEST(Communication, Validation) {
  CommAction a = action(1, Axis::Inform, Channel::Press, {2026, 3, 12}, 120000, 5000, 12);
  EXPECT_TRUE(validate(a).empty());
  a.title = "  ";
  EXPECT_EQ(validate(a).at(0).field, "title");
  a.title = std::string(201, 'x');
  EXPECT_EQ(validate(a).at(0).field, "title");
  a.title = std::string(200, 'x');
  EXPECT_TRUE(validate(a).empty());
  a.cost = -1;
  EXPECT_EQ(validate(a).at(0).field, "cost");
  a.cost = 0;
  a.reach = -3;
  EXPECT_EQ(validate(a).at(0).field, "reach");
  a.reach = 0;
  a.contacts = -1;
  EXPECT_EQ(validate(a).at(0).field, "contacts");
  a.contacts = 0;
  a.date = {1970, 1, 1};
  EXPECT_EQ(validate(a).at(0).field, "date");
}

TEST(Communication, SummaryPerAxisChannelAndOverall) {
  const std::vector<CommAction> actions{
      action(1, Axis::Inform, Channel::Press, {2026, 3, 12}, 120000, 5000, 12),
      action(2, Axis::Inform, Channel::Meeting, {2026, 4, 2}, 15000, 40, 9),
      action(3, Axis::Attract, Channel::Fair, {2026, 10, 20}, 250050, 800, 35),
      action(4, Axis::Attract, Channel::Press, {2025, 12, 31}, 99900, 3000, 4),  // another year
  };
  const std::map<CommActionId, int> citing{{1, 3}, {3, 2}, {4, 7}};
  const CommSummary s = summarise(2026, actions, citing);
  EXPECT_EQ(s.year, 2026);
  EXPECT_EQ(s.total.actions, 3);
  EXPECT_EQ(s.total.cost, 385050);
  EXPECT_EQ(s.total.reach, 5840);
  EXPECT_EQ(s.total.contacts, 56);
  EXPECT_EQ(s.total.applications, 5);
  EXPECT_EQ(s.per_axis.at(Axis::Inform).actions, 2);
  EXPECT_EQ(s.per_axis.at(Axis::Inform).cost, 135000);
  EXPECT_EQ(s.per_axis.at(Axis::Inform).applications, 3);
  EXPECT_EQ(s.per_axis.at(Axis::Attract).actions, 1);
  EXPECT_EQ(s.per_axis.at(Axis::Attract).reach, 800);
  EXPECT_EQ(s.per_channel.size(), kAllChannels.size());
  EXPECT_EQ(s.per_channel.at(Channel::Press).actions, 1);
  EXPECT_EQ(s.per_channel.at(Channel::Press).cost, 120000);
  EXPECT_EQ(s.per_channel.at(Channel::Fair).applications, 2);
  EXPECT_EQ(s.per_channel.at(Channel::Film).actions, 0);
  const CommSummary empty = summarise(2024, actions, citing);
  EXPECT_EQ(empty.total.actions, 0);
  EXPECT_EQ(empty.per_axis.size(), 2U);
}

}  // namespace
}  // namespace tc::domain
