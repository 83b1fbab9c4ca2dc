#include "export/equipment_export.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "export_test_support.h"

namespace tc::exports {
namespace {

using domain::EquipmentCategory;
using domain::EquipmentState;
using nlohmann::json;
using testing::cell;
using testing::find_row;
using testing::ref;

const std::string kInventory = "Inventaire";
const std::string kSummary = "Synthèse";

EquipmentRow item(domain::EquipmentId id, domain::CentreId centre, std::string centre_name, EquipmentCategory c,
                  std::string description, EquipmentState s, std::optional<domain::Date> delivered = std::nullopt,
                  std::string serial = {}, std::string note = {}) {
  EquipmentRow r;
  r.item.id = id;
  r.item.centre_id = centre;
  r.item.category = c;
  r.item.description = std::move(description);
  r.item.serial_number = std::move(serial);
  r.item.delivered_on = delivered;
  r.item.state = s;
  r.item.note = std::move(note);
  r.centre_name = std::move(centre_name);
  return r;
}

// Murat: 2 computers (one broken), a screen; Riom: a copier, a screen returned, a desk. The third centre's name has
// COUNTIFS wildcards in it, which must match literally.
std::vector<EquipmentRow> inventory() {
  const std::string murat = "Télécentre de Murat";
  const std::string riom = "Télécentre \"Les Volcans\"; Riom";
  const std::string odd = "Centre * test?";
  return {
      item(1, 1, murat, EquipmentCategory::Computer, "Poste de travail Dell OptiPlex", EquipmentState::InUse,
           domain::Date{2007, 3, 15}, "SN-0001"),
      item(2, 1, murat, EquipmentCategory::Computer, "Poste de travail Dell OptiPlex", EquipmentState::Broken,
           domain::Date{2007, 3, 15}, "SN-0002", "Alimentation HS; renvoyé au SAV \"Dell\""),
      item(3, 1, murat, EquipmentCategory::Screen, "Écran 19 pouces", EquipmentState::InUse),
      item(4, 2, riom, EquipmentCategory::Copier, "Copieur numérique Canon\nmodèle iR", EquipmentState::InUse,
           domain::Date{2006, 11, 2}),
      item(5, 2, riom, EquipmentCategory::Screen, "Écran 17 pouces", EquipmentState::Returned),
      item(6, 2, riom, EquipmentCategory::Furniture, "Bureau et fauteuil", EquipmentState::InUse),
      item(7, 3, odd, EquipmentCategory::Other, "Vidéoprojecteur", EquipmentState::InUse),
  };
}

// Evaluates a COUNTIFS(range, criterion, …) the way Excel would for the forms the export writes: ranges of one
// column of the inventory sheet, criteria either a literal ("=text" with ~ escapes) or an absolute reference to a
// cell of the summary sheet holding the text. Recounting from the inventory's cells checks the formula, not only
// its cached value.
int evaluate_countifs(const json& book, const std::string& formula) {
  static const std::regex whole(R"(^=COUNTIFS\((.*)\)$)");
  std::smatch m;
  if (!std::regex_match(formula, m, whole)) throw std::runtime_error("not a COUNTIFS: " + formula);
  // Split the arguments on commas outside string literals.
  std::vector<std::string> args;
  std::string current;
  bool in_string = false;
  for (char c : m[1].str()) {
    if (c == '"') in_string = !in_string;
    if (c == ',' && !in_string) {
      args.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  args.push_back(current);
  if (args.size() % 2 != 0) throw std::runtime_error("odd argument count: " + formula);

  static const std::regex range_re(R"(^Inventaire!\$([A-Z])\$(\d+):\$([A-Z])\$(\d+)$)");
  static const std::regex ref_re(R"(^\$([A-Z]+)\$(\d+)$)");
  struct Condition {
    std::string col;
    int first = 0;
    int last = 0;
    std::string wanted;
  };
  std::vector<Condition> conditions;
  for (std::size_t i = 0; i < args.size(); i += 2) {
    std::smatch r;
    if (!std::regex_match(args[i], r, range_re) || r[1] != r[3]) throw std::runtime_error("range: " + args[i]);
    Condition cond{r[1], std::stoi(r[2]), std::stoi(r[4]), {}};
    const std::string& crit = args[i + 1];
    std::smatch c;
    if (crit.size() >= 3 && crit.front() == '"' && crit.back() == '"') {
      std::string literal;
      for (std::size_t k = 1; k + 1 < crit.size(); ++k) {
        if (crit[k] == '"') ++k;  // doubled quote
        literal += crit[k];
      }
      if (literal.empty() || literal.front() != '=') throw std::runtime_error("criterion is not exact: " + crit);
      for (std::size_t k = 1; k < literal.size(); ++k) {
        if (literal[k] == '~')
          ++k;
        else if (literal[k] == '*' || literal[k] == '?')
          throw std::runtime_error("unescaped wildcard: " + crit);
        if (k < literal.size()) cond.wanted += literal[k];
      }
    } else if (std::regex_match(crit, c, ref_re)) {
      cond.wanted = cell(book, kSummary, c[1].str() + c[2].str()).at("value").get<std::string>();
    } else {
      throw std::runtime_error("criterion: " + crit);
    }
    conditions.push_back(cond);
  }
  int count = 0;
  for (int row = conditions.front().first; row <= conditions.front().last; ++row) {
    bool all = true;
    for (const auto& cond : conditions) {
      const json& v = cell(book, kInventory, ref(cond.col, row));
      all = all && v.is_object() && v.at("type") == "s" && v.at("value") == cond.wanted;
    }
    count += all ? 1 : 0;
  }
  return count;
}

class EquipmentXlsxTest : public ::testing::Test {
 protected:
  void SetUp() override { book_ = testing::read_xlsx(equipment_xlsx(inventory())); }
  const json& inv(const std::string& col, int row) const { return cell(book_, kInventory, ref(col, row)); }
  const json& sum(const std::string& col, int row) const { return cell(book_, kSummary, ref(col, row)); }
  json book_;
};

TEST_F(EquipmentXlsxTest, SheetsAreTheInventoryAndItsSummary) {
  EXPECT_EQ(book_.at("sheets"), (json{kInventory, kSummary}));
}

TEST_F(EquipmentXlsxTest, InventoryHasOneRowPerItemWithRealDates) {
  const std::vector<std::string> header{"Centre",   "Catégorie", "Description", "N° de série",
                                        "Livré le", "État",      "Remarque"};
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string col(1, static_cast<char>('A' + c));
    EXPECT_EQ(inv(col, 1).at("value"), header[c]);
    EXPECT_TRUE(inv(col, 1).at("bold").get<bool>());
    EXPECT_TRUE(book_.at("widths").at(kInventory).contains(col)) << col;
  }
  EXPECT_EQ(book_.at("frozen").at(kInventory), "A2");
  EXPECT_EQ(inv("A", 2).at("value"), "Télécentre de Murat");
  EXPECT_EQ(inv("B", 2).at("value"), "Ordinateur");
  EXPECT_EQ(inv("C", 2).at("value"), "Poste de travail Dell OptiPlex");
  EXPECT_EQ(inv("D", 2).at("value"), "SN-0001");
  EXPECT_EQ(inv("E", 2).at("type"), "d");
  EXPECT_EQ(inv("E", 2).at("value"), "2007-03-15");
  EXPECT_EQ(inv("F", 2).at("value"), "En service");
  EXPECT_EQ(inv("F", 3).at("value"), "En panne");
  EXPECT_EQ(inv("G", 3).at("value"), "Alimentation HS; renvoyé au SAV \"Dell\"");
  EXPECT_TRUE(inv("E", 4).is_null());  // delivery date unknown: empty, not 1900-01-00
  EXPECT_EQ(inv("B", 4).at("value"), "Écran");
  EXPECT_EQ(inv("B", 5).at("value"), "Copieur numérique");
  EXPECT_EQ(inv("C", 5).at("value"), "Copieur numérique Canon\nmodèle iR");
  EXPECT_EQ(inv("F", 6).at("value"), "Restitué");
  EXPECT_EQ(inv("B", 7).at("value"), "Mobilier");
  EXPECT_EQ(inv("A", 8).at("value"), "Centre * test?");
  EXPECT_TRUE(inv("A", 9).is_null());
}

TEST_F(EquipmentXlsxTest, SummaryCountsAreFormulasThatRecountTheInventory) {
  const int header = find_row(book_, kSummary, "A", "Centre");
  ASSERT_GT(header, 0);
  EXPECT_EQ(book_.at("frozen").at(kSummary), "A" + std::to_string(header + 1));
  const std::vector<std::string> columns{"Mobilier", "Ordinateur", "Écran", "Copieur numérique", "Autre", "En service",
                                         "En panne", "Restitué",   "Total"};
  for (std::size_t c = 0; c < columns.size(); ++c)
    EXPECT_EQ(sum(std::string(1, static_cast<char>('B' + c)), header).at("value"), columns[c]);

  // Expected per centre: furniture, computer, screen, copier, other | in use, broken, returned | total.
  const std::vector<std::pair<std::string, std::vector<int>>> expected{
      {"Télécentre de Murat", {0, 2, 1, 0, 0, 2, 1, 0, 3}},
      {"Télécentre \"Les Volcans\"; Riom", {1, 0, 1, 1, 0, 2, 0, 1, 3}},
      {"Centre * test?", {0, 0, 0, 0, 1, 1, 0, 0, 1}},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const int row = header + 1 + static_cast<int>(i);
    SCOPED_TRACE(expected[i].first);
    EXPECT_EQ(sum("A", row).at("value"), expected[i].first);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const json& v = sum(std::string(1, static_cast<char>('B' + c)), row);
      SCOPED_TRACE(columns[c]);
      EXPECT_EQ(v.at("value"), expected[i].second[c]);
      const std::string formula = v.at("formula").get<std::string>();
      EXPECT_NE(formula.find("Inventaire!$A$2:$A$8"), std::string::npos) << formula;
      EXPECT_EQ(evaluate_countifs(book_, formula), expected[i].second[c]) << formula;
    }
  }
  const int network = find_row(book_, kSummary, "A", "Réseau");
  ASSERT_EQ(network, header + 4);
  const std::vector<int> totals{1, 2, 2, 1, 1, 5, 1, 1, 7};
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string col(1, static_cast<char>('B' + c));
    EXPECT_EQ(sum(col, network).at("value"), totals[c]) << col;
    EXPECT_EQ(sum(col, network).at("formula"), "=SUM(" + ref(col, header + 1) + ":" + ref(col, header + 3) + ")");
  }
}

TEST_F(EquipmentXlsxTest, NetworkCategoryByStateTable) {
  const int header = find_row(book_, kSummary, "A", "Catégorie");
  ASSERT_GT(header, 0);
  EXPECT_EQ(sum("B", header).at("value"), "En service");
  EXPECT_EQ(sum("E", header).at("value"), "Total");
  const int screens = find_row(book_, kSummary, "A", "Écran");
  ASSERT_GT(screens, header);
  EXPECT_EQ(sum("B", screens).at("value"), 1);  // in use
  EXPECT_EQ(sum("D", screens).at("value"), 1);  // returned
  EXPECT_EQ(sum("E", screens).at("value"), 2);
  EXPECT_EQ(sum("E", screens).at("formula"), "=SUM(" + ref("B", screens) + ":" + ref("D", screens) + ")");
  const int computers = find_row(book_, kSummary, "A", "Ordinateur");
  EXPECT_EQ(sum("C", computers).at("value"), 1);  // broken
  for (int row = header + 1; row <= header + 5; ++row)
    for (const char* col : {"B", "C", "D"}) {
      const json& v = sum(col, row);
      EXPECT_EQ(evaluate_countifs(book_, v.at("formula").get<std::string>()), v.at("value").get<int>())
          << ref(col, row);
    }
  const int total = header + 6;
  EXPECT_EQ(sum("A", total).at("value"), "Total");
  EXPECT_EQ(sum("E", total).at("value"), 7);
  EXPECT_EQ(sum("B", total).at("value"), 5);
}

TEST(EquipmentXlsxEmptyTest, AnEmptyInventoryStillMakesAWorkbookOfZeros) {
  const json book = testing::read_xlsx(equipment_xlsx({}));
  EXPECT_EQ(book.at("sheets"), (json{kInventory, kSummary}));
  EXPECT_TRUE(cell(book, kInventory, "A2").is_null());
  const int network = find_row(book, kSummary, "A", "Réseau");
  ASSERT_GT(network, 0);
  EXPECT_EQ(cell(book, kSummary, ref("J", network)).at("value"), 0);
  const int screens = find_row(book, kSummary, "A", "Écran");
  ASSERT_GT(screens, 0);
  const json& v = cell(book, kSummary, ref("B", screens));
  EXPECT_EQ(v.at("value"), 0);
  // The range covers the empty row 2, never the header row.
  EXPECT_NE(v.at("formula").get<std::string>().find("Inventaire!$B$2:$B$2"), std::string::npos);
}

TEST(EquipmentCsvTest, OneQuotedRowPerItemWithFrenchLabelsAndIsoDates) {
  const std::string text = equipment_csv(inventory());
  const auto csv = testing::parse_csv(text);
  EXPECT_TRUE(csv.bom);
  ASSERT_EQ(csv.rows.size(), 8u);
  EXPECT_EQ(csv.rows[0], (std::vector<std::string>{"equipment_id", "centre_id", "centre", "category", "description",
                                                   "serial_number", "delivered_on", "state", "note"}));
  for (const auto& row : csv.rows) EXPECT_EQ(row.size(), 9u);
  EXPECT_EQ(csv.rows[1],
            (std::vector<std::string>{"1", "1", "Télécentre de Murat", "Ordinateur", "Poste de travail Dell OptiPlex",
                                      "SN-0001", "2007-03-15", "En service", ""}));
  EXPECT_EQ(csv.rows[2][8], "Alimentation HS; renvoyé au SAV \"Dell\"");
  EXPECT_EQ(csv.rows[2][7], "En panne");
  EXPECT_EQ(csv.rows[3][6], "");  // no delivery date
  EXPECT_EQ(csv.rows[4][2], "Télécentre \"Les Volcans\"; Riom");
  EXPECT_EQ(csv.rows[4][4], "Copieur numérique Canon\nmodèle iR");  // a line break inside a quoted field
  EXPECT_NE(text.find("\"Copieur numérique Canon\nmodèle iR\""), std::string::npos);
  EXPECT_EQ(csv.rows[5][7], "Restitué");
  EXPECT_EQ(text.substr(text.size() - 2), "\r\n");
}

TEST(EquipmentCsvTest, EmptyInventoryIsTheHeaderAlone) {
  const auto csv = testing::parse_csv(equipment_csv({}));
  ASSERT_EQ(csv.rows.size(), 1u);
  EXPECT_EQ(csv.rows[0][0], "equipment_id");
}

}  // namespace
}  // namespace tc::exports
