#include "domain/equipment.h"
#include "domain/enum_names.h"

#include <algorithm>

namespace tc::domain {

namespace {

std::size_t index_of(EquipmentCategory c) { return static_cast<std::size_t>(c); }
std::size_t index_of(EquipmentState s) { return static_cast<std::size_t>(s); }

// Only spaces, tabs or line breaks: as good as no text at all.
bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; });
}
}  // namespace

std::string_view to_string(EquipmentCategory c) {
  switch (c) {
    case EquipmentCategory::Furniture: return "furniture";
    case EquipmentCategory::Computer: return "computer";
    case EquipmentCategory::Screen: return "screen";
    case EquipmentCategory::Copier: return "copier";
    case EquipmentCategory::Other: return "other";
  }
  return "other";
}

std::optional<EquipmentCategory> parse_equipment_category(std::string_view s) {
  return parse_by_name(s, kAllEquipmentCategories);
}

std::string_view label_fr(EquipmentCategory c) {
  switch (c) {
    case EquipmentCategory::Furniture: return "Mobilier";
    case EquipmentCategory::Computer: return "Ordinateur";
    case EquipmentCategory::Screen: return "Écran";
    case EquipmentCategory::Copier: return "Copieur numérique";
    case EquipmentCategory::Other: return "Autre";
  }
  return "Autre";
}

std::string_view label_en(EquipmentCategory c) {
  switch (c) {
    case EquipmentCategory::Furniture: return "Furniture";
    case EquipmentCategory::Computer: return "Computer";
    case EquipmentCategory::Screen: return "Screen";
    case EquipmentCategory::Copier: return "Digital copier";
    case EquipmentCategory::Other: return "Other";
  }
  return "Other";
}

std::string_view to_string(EquipmentState s) {
  switch (s) {
    case EquipmentState::InUse: return "in_use";
    case EquipmentState::Broken: return "broken";
    case EquipmentState::Returned: return "returned";
  }
  return "in_use";
}

std::optional<EquipmentState> parse_equipment_state(std::string_view s) {
  return parse_by_name(s, kAllEquipmentStates);
}

std::string_view label_fr(EquipmentState s) {
  switch (s) {
    case EquipmentState::InUse: return "En service";
    case EquipmentState::Broken: return "En panne";
    case EquipmentState::Returned: return "Restitué";
  }
  return "En service";
}

std::string_view label_en(EquipmentState s) {
  switch (s) {
    case EquipmentState::InUse: return "In use";
    case EquipmentState::Broken: return "Broken";
    case EquipmentState::Returned: return "Returned";
  }
  return "In use";
}

std::vector<FieldError> validate(const EquipmentItem& e) {
  std::vector<FieldError> out;
  const auto described = count_code_points(e.description);
  if (is_blank(e.description) || described > 200)
    out.push_back({"description", "Décrivez le matériel (200 caractères au plus).",
                   "Describe the item (at most 200 characters)."});
  if (count_code_points(e.serial_number) > 100)
    out.push_back({"serial_number", "Le numéro de série compte 100 caractères au plus.",
                   "The serial number has at most 100 characters."});
  if (count_code_points(e.note) > 1000)
    out.push_back({"note", "La remarque compte 1 000 caractères au plus.", "The note has at most 1,000 characters."});
  return out;
}

int EquipmentSummary::count(EquipmentCategory c, EquipmentState s) const { return counts[index_of(c)][index_of(s)]; }

int EquipmentSummary::of_category(EquipmentCategory c) const {
  int n = 0;
  for (int v : counts[index_of(c)]) n += v;
  return n;
}

int EquipmentSummary::of_state(EquipmentState s) const {
  int n = 0;
  for (const auto& row : counts) n += row[index_of(s)];
  return n;
}

int EquipmentSummary::total() const {
  int n = 0;
  for (const auto& row : counts)
    for (int v : row) n += v;
  return n;
}

EquipmentSummary summarise(const std::vector<EquipmentItem>& items) {
  EquipmentSummary s;
  for (const auto& i : items) ++s.counts[index_of(i.category)][index_of(i.state)];
  return s;
}

}  // namespace tc::domain
