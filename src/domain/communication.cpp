#include "domain/communication.h"

#include <algorithm>

#include "domain/enum_names.h"

namespace tc::domain {

namespace {

struct Words {
  std::string_view name, fr, en;
};

constexpr std::array<Words, kAllAxes.size()> kAxisWords{{
    {"inform", "Informer les télétravailleurs et demandeurs d'emploi", "Inform teleworkers and job seekers"},
    {"attract", "Attirer de nouveaux actifs", "Attract new working people"},
}};

constexpr std::array<Words, kAllChannels.size()> kChannelWords{{
    {"meeting", "Réunion", "Meeting"},
    {"press", "Presse", "Press"},
    {"poster", "Affichage", "Poster"},
    {"fair", "Salon", "Fair"},
    {"film", "Film", "Film"},
    {"colloquium", "Colloque", "Colloquium"},
    {"contest", "Concours", "Contest"},
    {"web", "Site web", "Web"},
    {"social_media", "Réseaux sociaux", "Social media"},
}};

const Words& words(Axis a) { return kAxisWords[std::min(static_cast<std::size_t>(a), kAxisWords.size() - 1)]; }
const Words& words(Channel c) { return kChannelWords[std::min(static_cast<std::size_t>(c), kChannelWords.size() - 1)]; }

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

void add(CommTotals& t, const CommAction& a, int citing) {
  ++t.actions;
  t.cost += a.cost;
  t.reach += a.reach;
  t.contacts += a.contacts;
  t.applications += citing;
}

}  // namespace

std::string_view to_string(Axis a) { return words(a).name; }
std::optional<Axis> parse_axis(std::string_view s) { return parse_by_name(s, kAllAxes); }
std::string_view label_fr(Axis a) { return words(a).fr; }
std::string_view label_en(Axis a) { return words(a).en; }

std::string_view to_string(Channel c) { return words(c).name; }
std::optional<Channel> parse_channel(std::string_view s) { return parse_by_name(s, kAllChannels); }
std::string_view label_fr(Channel c) { return words(c).fr; }
std::string_view label_en(Channel c) { return words(c).en; }

std::vector<FieldError> validate(const CommAction& a) {
  std::vector<FieldError> out;
  const std::size_t title = count_code_points(a.title);
  if (title == 0 || blank(a.title)) out.push_back({"title", "Donnez un titre à l'action.", "Give the action a title."});
  if (title > kCommTitleMaxCodePoints)
    out.push_back({"title", "Le titre tient en 200 caractères.", "The title is at most 200 characters."});
  if (a.date.year < 2000 || a.date.year > 2100)
    out.push_back(
        {"date", "La date de l'action est entre 2000 et 2100.", "The action's date is between 2000 and 2100."});
  if (a.cost < 0) out.push_back({"cost", "Le coût n'est pas négatif.", "The cost is not negative."});
  if (a.reach < 0)
    out.push_back({"reach", "Le nombre de personnes touchées n'est pas négatif.", "The reach is not negative."});
  if (a.contacts < 0)
    out.push_back({"contacts", "Le nombre de contacts n'est pas négatif.", "The number of contacts is not negative."});
  if (count_code_points(a.description) > kCommDescriptionMaxCodePoints)
    out.push_back(
        {"description", "La description tient en 4000 caractères.", "The description is at most 4000 characters."});
  return out;
}

CommSummary summarise(int year, const std::vector<CommAction>& actions, const std::map<CommActionId, int>& citing) {
  CommSummary s;
  s.year = year;
  for (const Axis a : kAllAxes) s.per_axis[a] = {};
  for (const Channel c : kAllChannels) s.per_channel[c] = {};
  for (const auto& a : actions) {
    if (a.date.year != year) continue;
    const auto it = citing.find(a.id);
    const int n = it == citing.end() ? 0 : it->second;
    add(s.per_axis[a.axis], a, n);
    add(s.per_channel[a.channel], a, n);
    add(s.total, a, n);
  }
  return s;
}

}  // namespace tc::domain
