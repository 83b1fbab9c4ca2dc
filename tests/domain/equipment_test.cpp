#include "domain/equipment.h"

#include <gtest/gtest.h>

namespace tc::domain {
namespace {

EquipmentItem item(EquipmentCategory category, EquipmentState state) {
  EquipmentItem e;
  e.centre_id = 3;
  e.category = category;
  e.state = state;
  e.description = "Poste de travail Dell OptiPlex";
  return e;
}

std::string repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  out.reserve(errors.size());
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(EquipmentNamesTest, CategoriesRoundTrip) {
  for (auto c : kAllEquipmentCategories) EXPECT_EQ(parse_equipment_category(to_string(c)), c) << to_string(c);
  EXPECT_EQ(to_string(EquipmentCategory::Furniture), "furniture");
  EXPECT_EQ(to_string(EquipmentCategory::Copier), "copier");
  EXPECT_EQ(label_fr(EquipmentCategory::Furniture), "Mobilier");
  EXPECT_EQ(label_fr(EquipmentCategory::Computer), "Ordinateur");
  EXPECT_EQ(label_fr(EquipmentCategory::Screen), "Écran");
  EXPECT_EQ(label_fr(EquipmentCategory::Copier), "Copieur numérique");
  EXPECT_EQ(label_fr(EquipmentCategory::Other), "Autre");
  EXPECT_EQ(label_en(EquipmentCategory::Copier), "Digital copier");
  EXPECT_EQ(parse_equipment_category("Copier"), std::nullopt);  // names are exact
  EXPECT_EQ(parse_equipment_category(""), std::nullopt);
  EXPECT_EQ(parse_equipment_category("printer"), std::nullopt);
}

TEST(EquipmentNamesTest, StatesRoundTrip) {
  for (auto s : kAllEquipmentStates) EXPECT_EQ(parse_equipment_state(to_string(s)), s) << to_string(s);
  EXPECT_EQ(to_string(EquipmentState::InUse), "in_use");
  EXPECT_EQ(to_string(EquipmentState::Broken), "broken");
  EXPECT_EQ(to_string(EquipmentState::Returned), "returned");
  EXPECT_EQ(label_fr(EquipmentState::InUse), "En service");
  EXPECT_EQ(label_fr(EquipmentState::Broken), "En panne");
  EXPECT_EQ(label_fr(EquipmentState::Returned), "Restitué");
  EXPECT_EQ(label_en(EquipmentState::Returned), "Returned");
  EXPECT_EQ(parse_equipment_state("in use"), std::nullopt);
  EXPECT_EQ(parse_equipment_state("lost"), std::nullopt);
}

TEST(EquipmentValidationTest, ValidItem) {
  EXPECT_TRUE(validate(item(EquipmentCategory::Computer, EquipmentState::InUse)).empty());
  auto e = item(EquipmentCategory::Screen, EquipmentState::Returned);
  e.serial_number = "CN-0F525M";
  e.delivered_on = Date{2007, 3, 12};
  e.note = "Rendu au conseil général le 2 juin.";
  EXPECT_TRUE(validate(e).empty());
}

TEST(EquipmentValidationTest, DescriptionIsRequired) {
  auto e = item(EquipmentCategory::Furniture, EquipmentState::InUse);
  e.description.clear();
  auto errors = validate(e);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "description");
  EXPECT_EQ(errors[0].message_fr, "Décrivez le matériel (200 caractères au plus).");

  e.description = "  \t ";  // blank is no description
  EXPECT_EQ(fields(validate(e)), std::vector<std::string>{"description"});
}

TEST(EquipmentValidationTest, LengthsAreCountedInCharacters) {
  auto e = item(EquipmentCategory::Other, EquipmentState::InUse);
  e.description = repeat("é", 200);  // 400 bytes, 200 characters
  EXPECT_TRUE(validate(e).empty());
  e.description = repeat("é", 201);
  EXPECT_EQ(fields(validate(e)), std::vector<std::string>{"description"});

  e = item(EquipmentCategory::Other, EquipmentState::InUse);
  e.serial_number = repeat("É", 100);
  EXPECT_TRUE(validate(e).empty());
  e.serial_number += "1";
  EXPECT_EQ(fields(validate(e)), std::vector<std::string>{"serial_number"});

  e = item(EquipmentCategory::Other, EquipmentState::InUse);
  e.note = repeat("à", 1000);
  EXPECT_TRUE(validate(e).empty());
  e.note += ".";
  EXPECT_EQ(fields(validate(e)), std::vector<std::string>{"note"});
}

TEST(EquipmentValidationTest, EveryProblemAtOnce) {
  auto e = item(EquipmentCategory::Other, EquipmentState::InUse);
  e.description.clear();
  e.serial_number = std::string(101, 'S');
  e.note = std::string(1001, 'n');
  EXPECT_EQ(fields(validate(e)), (std::vector<std::string>{"description", "serial_number", "note"}));
}

TEST(EquipmentSummaryTest, CountsPerCategoryAndState) {
  using C = EquipmentCategory;
  using S = EquipmentState;
  const std::vector<EquipmentItem> items{
      item(C::Computer, S::InUse),     item(C::Computer, S::InUse),  item(C::Computer, S::Broken),
      item(C::Screen, S::InUse),       item(C::Screen, S::Returned), item(C::Copier, S::InUse),
      item(C::Furniture, S::InUse),    item(C::Furniture, S::InUse), item(C::Furniture, S::InUse),
      item(C::Furniture, S::Returned), item(C::Other, S::Broken),
  };
  const auto s = summarise(items);
  EXPECT_EQ(s.total(), 11);

  EXPECT_EQ(s.count(C::Computer, S::InUse), 2);
  EXPECT_EQ(s.count(C::Computer, S::Broken), 1);
  EXPECT_EQ(s.count(C::Computer, S::Returned), 0);
  EXPECT_EQ(s.count(C::Screen, S::Returned), 1);
  EXPECT_EQ(s.count(C::Furniture, S::InUse), 3);
  EXPECT_EQ(s.count(C::Other, S::Broken), 1);
  EXPECT_EQ(s.count(C::Copier, S::Broken), 0);

  EXPECT_EQ(s.of_category(C::Furniture), 4);
  EXPECT_EQ(s.of_category(C::Computer), 3);
  EXPECT_EQ(s.of_category(C::Screen), 2);
  EXPECT_EQ(s.of_category(C::Copier), 1);
  EXPECT_EQ(s.of_category(C::Other), 1);

  EXPECT_EQ(s.of_state(S::InUse), 7);
  EXPECT_EQ(s.of_state(S::Broken), 2);
  EXPECT_EQ(s.of_state(S::Returned), 2);

  int by_category = 0;
  for (auto c : kAllEquipmentCategories) by_category += s.of_category(c);
  int by_state = 0;
  for (auto st : kAllEquipmentStates) by_state += s.of_state(st);
  EXPECT_EQ(by_category, s.total());
  EXPECT_EQ(by_state, s.total());
}

TEST(EquipmentSummaryTest, EmptyInventory) {
  const auto s = summarise({});
  EXPECT_EQ(s.total(), 0);
  for (auto c : kAllEquipmentCategories) {
    EXPECT_EQ(s.of_category(c), 0);
    for (auto st : kAllEquipmentStates) EXPECT_EQ(s.count(c, st), 0);
  }
  for (auto st : kAllEquipmentStates) EXPECT_EQ(s.of_state(st), 0);
}

}  // namespace
}  // namespace tc::domain
