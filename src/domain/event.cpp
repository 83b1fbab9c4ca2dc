#include "domain/event.h"

#include <algorithm>
#include <set>

#include "domain/enum_names.h"

namespace tc::domain {

namespace {

// One row per value, in the enum's order: its stable name, then its French and English words.
struct Words {
  std::string_view name, fr, en;
};

constexpr std::array<Words, kAllEventTypes.size()> kTypeWords{{
    {"information_meeting", "Réunion d'information", "Information meeting"},
    {"training", "Formation", "Training session"},
    {"advice", "Conseil individuel", "Individual advice"},
    {"fair", "Salon", "Fair"},
    {"colloquium", "Colloque", "Colloquium"},
    {"press_conference", "Conférence de presse", "Press conference"},
    {"film_screening", "Projection de film", "Film screening"},
    {"contest", "Concours", "Contest"},
}};

constexpr std::array<Words, kAllAudiences.size()> kAudienceWords{{
    {"teleworkers", "Télétravailleurs", "Teleworkers"},
    {"job_seekers", "Demandeurs d'emploi", "Job seekers"},
    {"companies", "Entreprises", "Companies"},
    {"elected_officials", "Élus", "Elected officials"},
    {"public", "Grand public", "General public"},
}};

template <typename E, std::size_t N>
const Words& words(E e, const std::array<Words, N>& table) {
  return table[std::min(static_cast<std::size_t>(e), N - 1)];
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

void add(std::vector<FieldError>& out, std::string field, std::string fr, std::string en) {
  out.push_back({std::move(field), std::move(fr), std::move(en)});
}

}  // namespace

std::string_view to_string(EventType t) { return words(t, kTypeWords).name; }
std::optional<EventType> parse_event_type(std::string_view s) { return parse_by_name(s, kAllEventTypes); }
std::string_view label_fr(EventType t) { return words(t, kTypeWords).fr; }
std::string_view label_en(EventType t) { return words(t, kTypeWords).en; }

std::string_view to_string(Audience a) { return words(a, kAudienceWords).name; }
std::optional<Audience> parse_audience(std::string_view s) { return parse_by_name(s, kAllAudiences); }
std::string_view label_fr(Audience a) { return words(a, kAudienceWords).fr; }
std::string_view label_en(Audience a) { return words(a, kAudienceWords).en; }

std::string_view to_string(RegistrationStatus s) {
  switch (s) {
    case RegistrationStatus::Confirmed: return "confirmed";
    case RegistrationStatus::Waiting: return "waiting";
    case RegistrationStatus::Cancelled: return "cancelled";
  }
  return "confirmed";
}

std::optional<RegistrationStatus> parse_registration_status(std::string_view s) {
  static constexpr std::array kAll{RegistrationStatus::Confirmed, RegistrationStatus::Waiting,
                                   RegistrationStatus::Cancelled};
  return parse_by_name(s, kAll);
}

bool Event::is_public() const {
  return std::find(audiences.begin(), audiences.end(), Audience::Public) != audiences.end();
}

std::vector<FieldError> validate(const Event& e) {
  std::vector<FieldError> out;
  const std::size_t title = count_code_points(e.title);
  if (title == 0 || is_blank(e.title))
    add(out, "title", "Donnez un titre à l'événement.", "Give the event a title.");
  else if (title > 120)
    add(out, "title", "Le titre tient en 120 caractères.", "The title is at most 120 characters.");
  if (count_code_points(e.description) > 4000)
    add(out, "description", "La description tient en 4 000 caractères.",
        "The description is at most 4,000 characters.");
  if (!parse_date(e.date.iso())) add(out, "date", "Choisissez une date réelle.", "Choose a real date.");
  if (e.start_minute < 0 || e.start_minute >= 24 * 60)
    add(out, "starts", "L'heure de début est entre 0 h et 23 h 59.", "The start time is between 00:00 and 23:59.");
  else if (e.end_minute <= e.start_minute || e.end_minute > 24 * 60)
    add(out, "ends", "L'heure de fin vient après celle du début, le même jour.",
        "The end time comes after the start time, on the same day.");
  if (e.commune_insee.size() != 5)
    add(out, "commune", "Indiquez la commune du lieu (code INSEE).", "Give the place's commune (INSEE code).");
  if (count_code_points(e.address) > 300)
    add(out, "address", "L'adresse tient en 300 caractères.", "The address is at most 300 characters.");
  if (e.capacity < 0 || e.capacity > 10'000)
    add(out, "capacity", "Le nombre de places va de 0 (sans inscription) à 10 000.",
        "The number of places is 0 (no registration) to 10,000.");
  if (e.audiences.empty())
    add(out, "audiences", "Choisissez au moins un public.", "Choose at least one audience.");
  else if (std::set<Audience>(e.audiences.begin(), e.audiences.end()).size() != e.audiences.size())
    add(out, "audiences", "Chaque public n'est donné qu'une fois.", "Give each audience once.");
  return out;
}

RegistrationStatus admit(const Event& e, int confirmed) {
  if (e.capacity <= 0 || confirmed < e.capacity) return RegistrationStatus::Confirmed;
  return RegistrationStatus::Waiting;
}

bool keeps_waiting_list(const Event& e) { return e.type != EventType::Advice; }

std::vector<RegistrationId> promote(const Event& e, int confirmed, const std::vector<Registration>& waiting) {
  std::vector<RegistrationId> out;
  for (const auto& r : waiting) {
    if (r.status != RegistrationStatus::Waiting) continue;
    if (e.capacity > 0 && confirmed >= e.capacity) break;
    out.push_back(r.id);
    ++confirmed;
  }
  return out;
}

}  // namespace tc::domain
