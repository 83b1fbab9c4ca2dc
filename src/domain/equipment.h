// What the council lends each centre (furniture, computers, screens, the digital copier…): an inventory it must be
// able to account for, item by item, until each is returned.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/centre.h"
#include "domain/date.h"
#include "domain/person.h"

namespace tc::domain {

using EquipmentId = std::int64_t;

enum class EquipmentCategory { Furniture, Computer, Screen, Copier, Other };
inline constexpr std::array<EquipmentCategory, 5> kAllEquipmentCategories{
    EquipmentCategory::Furniture, EquipmentCategory::Computer, EquipmentCategory::Screen, EquipmentCategory::Copier,
    EquipmentCategory::Other};
std::string_view to_string(EquipmentCategory c);  // "furniture", "computer", "screen", "copier", "other"
std::optional<EquipmentCategory> parse_equipment_category(std::string_view s);
std::string_view label_fr(EquipmentCategory c);  // "Mobilier", "Ordinateur", "Écran", "Copieur numérique", "Autre"
std::string_view label_en(EquipmentCategory c);

enum class EquipmentState { InUse, Broken, Returned };
inline constexpr std::array<EquipmentState, 3> kAllEquipmentStates{EquipmentState::InUse, EquipmentState::Broken,
                                                                   EquipmentState::Returned};
std::string_view to_string(EquipmentState s);  // "in_use", "broken", "returned"
std::optional<EquipmentState> parse_equipment_state(std::string_view s);
std::string_view label_fr(EquipmentState s);  // "En service", "En panne", "Restitué"
std::string_view label_en(EquipmentState s);

struct EquipmentItem {
  EquipmentId id = 0;
  CentreId centre_id = 0;
  EquipmentCategory category = EquipmentCategory::Other;
  std::string description;    // required, e.g. "Poste de travail Dell OptiPlex"
  std::string serial_number;  // optional
  std::optional<Date> delivered_on;
  EquipmentState state = EquipmentState::InUse;
  std::string note;
};

std::vector<FieldError> validate(const EquipmentItem& e);

// Counts per category and state, for a centre or the network.
struct EquipmentSummary {
  std::array<std::array<int, kAllEquipmentStates.size()>, kAllEquipmentCategories.size()> counts{};
  int count(EquipmentCategory c, EquipmentState s) const;
  int of_category(EquipmentCategory c) const;
  int of_state(EquipmentState s) const;
  int total() const;
};

EquipmentSummary summarise(const std::vector<EquipmentItem>& items);

}  // namespace tc::domain
