// The network's communication plan: actions that inform teleworkers and job seekers or attract new working people,
// through a channel (a meeting, the press, a poster…), on a date, at a cost, and what they reached — people, contacts
// made, and the applications whose applicant says they heard of the network through them. Pure values and rules.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/centre.h"
#include "domain/date.h"
#include "domain/money.h"
#include "domain/person.h"

namespace tc::domain {

using CommActionId = std::int64_t;

// inform: teleworkers and job seekers already here; attract: new working people to the département.
enum class Axis { Inform, Attract };
inline constexpr std::array<Axis, 2> kAllAxes{Axis::Inform, Axis::Attract};
std::string_view to_string(Axis a);  // "inform", "attract"
std::optional<Axis> parse_axis(std::string_view s);
std::string_view label_fr(Axis a);
std::string_view label_en(Axis a);

enum class Channel { Meeting, Press, Poster, Fair, Film, Colloquium, Contest, Web, SocialMedia };
inline constexpr std::array<Channel, 9> kAllChannels{Channel::Meeting, Channel::Press, Channel::Poster,
                                                     Channel::Fair,    Channel::Film,  Channel::Colloquium,
                                                     Channel::Contest, Channel::Web,   Channel::SocialMedia};
std::string_view to_string(Channel c);  // "meeting", "press", …, "social_media"
std::optional<Channel> parse_channel(std::string_view s);
std::string_view label_fr(Channel c);
std::string_view label_en(Channel c);

struct CommAction {
  CommActionId id = 0;
  std::string title;
  Axis axis = Axis::Inform;
  Channel channel = Channel::Meeting;
  Date date;
  Cents cost = 0;
  std::string description;
  int reach = 0;                   // people reached (audience, readers, visitors)
  int contacts = 0;                // contacts made (names taken, questions asked)
  std::optional<CentreId> centre;  // the centre it was held at or for, when one
  std::string created_at;
};

inline constexpr std::size_t kCommTitleMaxCodePoints = 200;
inline constexpr std::size_t kCommDescriptionMaxCodePoints = 4000;

// Title 1–200 characters, description ≤ 4000, cost, reach and contacts ≥ 0, a date in 2000–2100.
std::vector<FieldError> validate(const CommAction& a);

// What a set of actions cost and brought.
struct CommTotals {
  int actions = 0;
  Cents cost = 0;
  long reach = 0;
  long contacts = 0;
  long applications = 0;  // applications citing one of the actions
};

struct CommSummary {
  int year = 0;
  std::map<Axis, CommTotals> per_axis;        // every axis, even without action
  std::map<Channel, CommTotals> per_channel;  // every channel, even without action
  CommTotals total;
};

// Totals of the actions dated in `year` (others are ignored), per axis, per channel and overall; `citing` gives the
// number of applications citing each action (absent: none).
CommSummary summarise(int year, const std::vector<CommAction>& actions, const std::map<CommActionId, int>& citing);

}  // namespace tc::domain
