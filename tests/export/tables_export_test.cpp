// Titled tables as a workbook and as a CSV, read back by independent readers: typed cells (a percentage stays a
// number under a percent format), one sheet per table with names Excel accepts, and text guarded in the CSV.
#include "export/tables_export.h"

#include <gtest/gtest.h>

#include "export_test_support.h"

namespace tc::exports {
namespace {

using testing::cell;
using testing::parse_csv;
using testing::read_xlsx;

std::vector<Table> sample() {
  Table applications{"Candidatures par centre",
                     "Candidatures par télécentre, du 1er janvier au 31 décembre 2026",
                     {"Télécentre", "Candidatures", "Objectif", "Part de l'objectif"},
                     {{Cell::of("Murat"), Cell::integer(12), Cell::integer(30), Cell::percent(0.4)},
                      {Cell::of("=Saint-Flour"), Cell::integer(0), Cell::integer(30), Cell::percent(0)}},
                     "Objectif : 30 candidatures par centre (document fondateur)."};
  Table grant{"Subvention [FNADT]: état",  // characters Excel refuses in a sheet name
              "Subvention",
              {"Poste", "Montant"},
              {{Cell::of("Total"), Cell::euros(1'400'000)}, {Cell::of("Km"), Cell::decimal(1234.56, 1)}},
              ""};
  Table same_name{"Candidatures par centre", "Encore", {"A"}, {{Cell::of("x")}}, ""};
  return {applications, grant, same_name};
}

TEST(TablesExport, WorkbookHasOneSheetPerTableWithTypedCells) {
  testing::ScopedTmpDir tmp;
  const auto book = read_xlsx(tables_xlsx("Indicateurs", sample()));
  ASSERT_EQ(book["sheets"].size(), 3u);
  EXPECT_EQ(book["sheets"][0], "Candidatures par centre");
  EXPECT_EQ(book["sheets"][1], "Subvention FNADT état");
  EXPECT_EQ(book["sheets"][2], "Candidatures par centre 2");
  EXPECT_EQ(cell(book, "Candidatures par centre", "A1")["value"],
            "Candidatures par télécentre, du 1er janvier au 31 décembre 2026");
  EXPECT_EQ(cell(book, "Candidatures par centre", "B3")["value"], "Candidatures");
  EXPECT_EQ(cell(book, "Candidatures par centre", "B4")["value"], 12);
  EXPECT_EQ(cell(book, "Candidatures par centre", "D4")["type"], "n");
  EXPECT_DOUBLE_EQ(cell(book, "Candidatures par centre", "D4")["value"].get<double>(), 0.4);
  EXPECT_NE(cell(book, "Candidatures par centre", "D4")["number_format"].get<std::string>().find('%'),
            std::string::npos);
  EXPECT_EQ(cell(book, "Candidatures par centre", "A5")["value"], "=Saint-Flour");  // text, not a formula
  EXPECT_EQ(cell(book, "Candidatures par centre", "A7")["value"],
            "Objectif : 30 candidatures par centre (document fondateur).");
  EXPECT_EQ(book["frozen"]["Candidatures par centre"], "A4");
  EXPECT_DOUBLE_EQ(cell(book, "Subvention FNADT état", "B4")["value"].get<double>(), 14000.0);
  EXPECT_EQ(tmp.entries(), 0u);
}

TEST(TablesExport, CsvPutsTablesOneAfterAnotherUnderTheirTitles) {
  const auto csv = parse_csv(tables_csv(sample()));
  EXPECT_TRUE(csv.bom);
  ASSERT_GE(csv.rows.size(), 8u);
  EXPECT_EQ(csv.rows[0][0], "Candidatures par télécentre, du 1er janvier au 31 décembre 2026");
  EXPECT_EQ(csv.rows[1], (std::vector<std::string>{"Télécentre", "Candidatures", "Objectif", "Part de l'objectif"}));
  EXPECT_EQ(csv.rows[2], (std::vector<std::string>{"Murat", "12", "30", "40,0"}));
  EXPECT_EQ(csv.rows[3][0], "'=Saint-Flour");  // a formula-looking name neutralised
  EXPECT_EQ(csv.rows[4][0], "Objectif : 30 candidatures par centre (document fondateur).");
  EXPECT_EQ(csv.rows[5], (std::vector<std::string>{"", "", "", ""}));
  EXPECT_EQ(csv.rows[6][0], "Subvention");
  EXPECT_EQ(csv.rows[8], (std::vector<std::string>{"Total", "14000,00"}));
  EXPECT_EQ(csv.rows[9], (std::vector<std::string>{"Km", "1234,6"}));
}

}  // namespace
}  // namespace tc::exports
