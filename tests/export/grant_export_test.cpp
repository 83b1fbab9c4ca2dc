#include "export/grant_export.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <system_error>
#include <vector>

#include "export_test_support.h"

namespace tc::exports {
namespace {

using domain::CentreStatus;
using domain::Date;
using domain::GrantCentreInput;
using domain::GrantStatement;
using nlohmann::json;
using testing::cell;
using testing::find_row;
using testing::ref;

const std::string kState = "État";
const std::string kPosts = "Postes occupés";
const std::string kGeneratedAt = "2008-01-15T09:30:00Z";
constexpr Date kFrom{2007, 1, 1};
constexpr Date kTo{2007, 12, 31};

GrantCentreInput centre(domain::CentreId id, std::string name, std::string commune, CentreStatus status, bool zrr,
                        int posts, int occupied) {
  GrantCentreInput c;
  c.id = id;
  c.name = std::move(name);
  c.commune = std::move(commune);
  c.status = status;
  c.zrr = zrr;
  c.posts = posts;
  c.occupied_posts = occupied;
  return c;
}

// Four ZRR centres with 3 occupied posts (4 × 18,000) and one outside with 2 (11,000): €83,000 within the
// €100,000 envelope; a planned ZRR centre of 4 posts (20,000) takes the forecast over it; a closed one is left out.
std::vector<GrantCentreInput> network() {
  return {
      centre(1, "Télécentre de Murat", "Murat", CentreStatus::InService, true, 4, 3),
      centre(2, "Télécentre \"Les Volcans\"; Riom", "Riom-ès-Montagnes", CentreStatus::InService, true, 3, 3),
      centre(3, "Télécentre de Mauriac", "Mauriac", CentreStatus::Opening, true, 5, 3),
      centre(4, "Télécentre de Salers", "Salers", CentreStatus::InService, true, 3, 3),
      centre(5, "Télécentre d'Aurillac", "Aurillac", CentreStatus::InService, false, 6, 2),
      centre(6, "Télécentre de Pleaux", "Pleaux", CentreStatus::Planned, true, 4, 0),
      centre(7, "Télécentre de Saint-Flour", "Saint-Flour", CentreStatus::Closed, false, 4, 4),
  };
}

GrantStatement within_envelope() { return domain::compute_statement(domain::diact_2006(), kFrom, kTo, network()); }

GrantStatement over_envelope() {
  std::vector<GrantCentreInput> in;
  for (int i = 1; i <= 6; ++i)
    in.push_back(centre(i, "Centre " + std::to_string(i), "Commune " + std::to_string(i), CentreStatus::InService, true,
                        4, 4));  // 6 × (12,000 + 4 × 2,000) = 120,000
  return domain::compute_statement(domain::diact_2006(), kFrom, kTo, in);
}

std::vector<domain::CentreOccupancy> occupancy() {
  domain::CentreOccupancy murat;
  murat.centre_id = 1;
  murat.name = "Télécentre de Murat";
  using domain::OccupiedBy;
  murat.posts = {
      {11, "Bureau 1", "Poste 1", 40, 3, 501, 9, OccupiedBy::Agreement},
      {12, "Bureau 1", "Poste 2", 40, 10, std::nullopt, 0, OccupiedBy::Bookings},  // exactly 25 %
      {13, "Bureau 2", "Poste 3", 40, 9, std::nullopt, 0, OccupiedBy::None},
      {14, "Bureau 2", "Poste 4", 0, 0, std::nullopt, 0, OccupiedBy::None},  // never open: no share
  };
  domain::CentreOccupancy pleaux;
  pleaux.centre_id = 6;
  pleaux.name = "Télécentre de Pleaux";
  return {murat, pleaux};
}

double number(const json& c) { return c.at("value").get<double>(); }
double euros(domain::Cents c) { return static_cast<double>(c) / 100.0; }

class GrantXlsxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    statement_ = within_envelope();
    book_ = testing::read_xlsx(grant_xlsx(domain::diact_2006(), statement_, occupancy(), kGeneratedAt));
    header_ = find_row(book_, kState, "A", "Centre");
    ASSERT_GT(header_, 0) << "no header row on " << kState;
  }
  const json& at(const std::string& col, int row) const { return cell(book_, kState, ref(col, row)); }
  // The amount column of the summary row labelled `label`, with its formula.
  const json& total_of(const std::string& label) const {
    const int row = find_row(book_, kState, "A", label);
    EXPECT_GT(row, 0) << "no row " << label;
    return at("H", row);
  }

  GrantStatement statement_;
  json book_;
  int header_ = 0;
};

TEST_F(GrantXlsxTest, SheetsAreTheStatementAndThePosts) { EXPECT_EQ(book_.at("sheets"), (json{kState, kPosts})); }

TEST_F(GrantXlsxTest, StatesRulesetPeriodAndTheDatesThatDecide) {
  EXPECT_EQ(at("A", 1).at("value").get<std::string>().find("FNADT") != std::string::npos, true);
  const int ruleset = find_row(book_, kState, "A", "Barème");
  ASSERT_GT(ruleset, 0);
  EXPECT_EQ(at("B", ruleset).at("value"), "DIACT-2006");
  const int period = find_row(book_, kState, "A", "Période du");
  ASSERT_GT(period, 0);
  EXPECT_EQ(at("B", period).at("type"), "d");
  EXPECT_EQ(at("B", period).at("value"), "2007-01-01");
  EXPECT_EQ(at("D", period).at("type"), "d");
  EXPECT_EQ(at("D", period).at("value"), "2007-12-31");
  const int zrr = find_row(book_, kState, "A", "Classement ZRR au");
  ASSERT_GT(zrr, 0);
  EXPECT_EQ(at("B", zrr).at("type"), "d");
  EXPECT_EQ(at("B", zrr).at("value"), "2007-01-01");  // the period's first day
  const int status = find_row(book_, kState, "A", "Statut au");
  ASSERT_GT(status, 0);
  EXPECT_EQ(at("B", status).at("value"), "2007-12-31");  // its last day
}

TEST_F(GrantXlsxTest, EachCentreTotalIsAFormulaWithTheComputedValue) {
  ASSERT_EQ(statement_.centres.size(), 5u);
  for (std::size_t i = 0; i < statement_.centres.size(); ++i) {
    const auto& l = statement_.centres[i];
    const int row = header_ + 1 + static_cast<int>(i);
    SCOPED_TRACE(l.name);
    EXPECT_EQ(at("A", row).at("value"), l.name);
    EXPECT_EQ(at("B", row).at("value"), l.commune);
    EXPECT_EQ(at("C", row).at("value"), l.status == CentreStatus::Opening ? "En cours d'ouverture" : "En service");
    EXPECT_EQ(at("D", row).at("value"), l.zrr ? "Oui" : "Non");
    EXPECT_DOUBLE_EQ(number(at("E", row)), euros(l.base_cents));
    EXPECT_EQ(at("F", row).at("value"), l.occupied_posts);
    EXPECT_DOUBLE_EQ(number(at("G", row)), euros(l.per_post_cents));
    EXPECT_EQ(at("H", row).at("formula"), "=" + ref("E", row) + "+" + ref("F", row) + "*" + ref("G", row));
    EXPECT_DOUBLE_EQ(number(at("H", row)), euros(l.total_cents));
    // The formula, recomputed from the cells it names, gives the cached figure.
    EXPECT_DOUBLE_EQ(number(at("E", row)) + number(at("F", row)) * number(at("G", row)), number(at("H", row)));
    EXPECT_NE(at("E", row).at("number_format").get<std::string>().find("€"), std::string::npos);
  }
  EXPECT_DOUBLE_EQ(number(at("H", header_ + 1)), 18000.0);  // ZRR: 12,000 + 3 × 2,000
  EXPECT_DOUBLE_EQ(number(at("H", header_ + 5)), 11000.0);  // outside: 8,000 + 2 × 1,500
  // Neither the planned nor the closed centre is a line of the claim.
  EXPECT_EQ(find_row(book_, kState, "A", "Télécentre de Saint-Flour"), 0);
}

TEST_F(GrantXlsxTest, NetworkTotalEnvelopePayableShortfallAndRemainderAreFormulas) {
  const int first = header_ + 1;
  const int last = header_ + 5;
  const json& total = total_of("Total du réseau");
  EXPECT_EQ(total.at("formula"), "=SUM(" + ref("H", first) + ":" + ref("H", last) + ")");
  EXPECT_DOUBLE_EQ(number(total), 83000.0);
  ASSERT_EQ(statement_.total_cents, 8'300'000);
  double sum = 0;
  for (int r = first; r <= last; ++r) sum += number(at("H", r));
  EXPECT_DOUBLE_EQ(sum, number(total));

  const int total_row = find_row(book_, kState, "A", "Total du réseau");
  const int envelope_row = find_row(book_, kState, "A", "Enveloppe du programme");
  const int payable_row = find_row(book_, kState, "A", "Montant payable (plafonné à l'enveloppe)");
  const json& envelope = at("H", envelope_row);
  EXPECT_TRUE(envelope.at("formula").is_null());  // an input, not a result
  EXPECT_DOUBLE_EQ(number(envelope), 100000.0);
  const json& payable = at("H", payable_row);
  EXPECT_EQ(payable.at("formula"), "=MIN(" + ref("H", total_row) + "," + ref("H", envelope_row) + ")");
  EXPECT_DOUBLE_EQ(number(payable), 83000.0);
  const json& shortfall = total_of("Dépassement non financé");
  EXPECT_EQ(shortfall.at("formula"), "=" + ref("H", total_row) + "-" + ref("H", payable_row));
  EXPECT_DOUBLE_EQ(number(shortfall), 0.0);
  const json& remaining = total_of("Reste de l'enveloppe");
  EXPECT_EQ(remaining.at("formula"), "=" + ref("H", envelope_row) + "-" + ref("H", payable_row));
  EXPECT_DOUBLE_EQ(number(remaining), 17000.0);

  EXPECT_EQ(book_.at("defined_names").at("Enveloppe"), "'État'!$H$" + std::to_string(envelope_row));
  EXPECT_EQ(book_.at("defined_names").at("Total_reseau"), "'État'!$H$" + std::to_string(total_row));
}

TEST_F(GrantXlsxTest, ForecastAddsPlannedCentresWithAllTheirPosts) {
  const int title = find_row(book_, kState, "A", "Prévision : centres en projet, comptés avec tous leurs postes");
  ASSERT_GT(title, 0);
  const int line = find_row(book_, kState, "A", "Télécentre de Pleaux");
  ASSERT_EQ(line, title + 2);  // after its own header
  EXPECT_EQ(at("C", line).at("value"), "En projet");
  EXPECT_EQ(at("F", title + 1).at("value"), "Postes prévus");
  EXPECT_EQ(at("F", line).at("value"), 4);
  EXPECT_EQ(at("H", line).at("formula"), "=" + ref("E", line) + "+" + ref("F", line) + "*" + ref("G", line));
  EXPECT_DOUBLE_EQ(number(at("H", line)), 20000.0);

  const int total_row = find_row(book_, kState, "A", "Total du réseau");
  const int envelope_row = find_row(book_, kState, "A", "Enveloppe du programme");
  const int forecast_row = find_row(book_, kState, "A", "Total des centres en projet");
  EXPECT_EQ(at("H", forecast_row).at("formula"), "=SUM(" + ref("H", line) + ":" + ref("H", line) + ")");
  EXPECT_DOUBLE_EQ(number(at("H", forecast_row)), 20000.0);
  const int with_row = find_row(book_, kState, "A", "Total du réseau avec la prévision");
  EXPECT_EQ(at("H", with_row).at("formula"), "=" + ref("H", total_row) + "+" + ref("H", forecast_row));
  EXPECT_DOUBLE_EQ(number(at("H", with_row)), 103000.0);
  const json& payable = total_of("Montant payable avec la prévision");
  EXPECT_EQ(payable.at("formula"), "=MIN(" + ref("H", with_row) + "," + ref("H", envelope_row) + ")");
  EXPECT_DOUBLE_EQ(number(payable), 100000.0);
  EXPECT_DOUBLE_EQ(number(total_of("Dépassement avec la prévision")), 3000.0);
}

TEST_F(GrantXlsxTest, HeaderIsBoldAndFrozenColumnsAreSizedAndItIsSigned) {
  EXPECT_EQ(book_.at("frozen").at(kState), "A" + std::to_string(header_ + 1));
  for (const char* col : {"A", "B", "C", "D", "E", "F", "G", "H"}) {
    EXPECT_TRUE(at(col, header_).at("bold").get<bool>()) << col;
    EXPECT_TRUE(book_.at("widths").at(kState).contains(col)) << col;
  }
  EXPECT_GE(book_.at("widths").at(kState).at("A").get<double>(), 30.0);
  bool signed_off = false;
  for (const auto& [r, c] : book_.at("cells").at(kState).items()) {
    if (c.at("type") != "s") continue;
    const auto text = c.at("value").get<std::string>();
    if (text.find(kGeneratedAt) != std::string::npos && text.find("DIACT-2006") != std::string::npos) signed_off = true;
  }
  EXPECT_TRUE(signed_off);
}

TEST_F(GrantXlsxTest, PostsSheetSaysWhichRuleMadeEachPostCount) {
  const int header = find_row(book_, kPosts, "A", "Centre");
  ASSERT_GT(header, 0);
  EXPECT_EQ(book_.at("frozen").at(kPosts), "A" + std::to_string(header + 1));
  EXPECT_TRUE(cell(book_, kPosts, ref("H", header)).at("bold").get<bool>());
  const auto at = [this](const std::string& col, int row) -> const json& { return cell(book_, kPosts, ref(col, row)); };
  const int p1 = header + 1;
  EXPECT_EQ(at("A", p1).at("value"), "Télécentre de Murat");
  EXPECT_EQ(at("B", p1).at("value"), "Bureau 1");
  EXPECT_EQ(at("C", p1).at("value"), "Poste 1");
  EXPECT_EQ(at("D", p1).at("value"), 40);
  EXPECT_EQ(at("E", p1).at("value"), 3);
  EXPECT_EQ(at("G", p1).at("value"), 501);
  EXPECT_EQ(at("H", p1).at("value"), "Convention");
  EXPECT_EQ(at("F", p1).at("formula"), "=" + ref("E", p1) + "/" + ref("D", p1));
  EXPECT_DOUBLE_EQ(number(at("F", p1)), 3.0 / 40);
  EXPECT_NE(at("F", p1).at("number_format").get<std::string>().find('%'), std::string::npos);
  EXPECT_EQ(at("H", p1 + 1).at("value"), "Réservations ≥ 25 %");
  EXPECT_DOUBLE_EQ(number(at("F", p1 + 1)), 0.25);
  EXPECT_TRUE(at("G", p1 + 1).is_null());  // no agreement: empty
  EXPECT_EQ(at("H", p1 + 2).at("value"), "Non occupé");
  EXPECT_TRUE(at("F", p1 + 3).is_null());  // never open: no share, no division by zero
  EXPECT_EQ(at("H", p1 + 3).at("value"), "Non occupé");

  const int subtotal = find_row(book_, kPosts, "A", "Postes occupés — Télécentre de Murat");
  ASSERT_EQ(subtotal, p1 + 4);
  EXPECT_EQ(at("H", subtotal).at("formula"),
            "=COUNTIF(" + ref("H", p1) + ":" + ref("H", p1 + 3) + ",\"<>Non occupé\")");
  EXPECT_EQ(at("H", subtotal).at("value"), 2);
  const int pleaux = find_row(book_, kPosts, "A", "Postes occupés — Télécentre de Pleaux");
  ASSERT_EQ(pleaux, subtotal + 1);
  EXPECT_EQ(at("H", pleaux).at("value"), 0);
  EXPECT_TRUE(at("H", pleaux).at("formula").is_null());  // no post: nothing to count over
}

TEST(GrantXlsxOverEnvelopeTest, PayableIsCappedAndTheShortfallShown) {
  const auto s = over_envelope();
  ASSERT_EQ(s.total_cents, 12'000'000);
  const json book = testing::read_xlsx(grant_xlsx(domain::diact_2006(), s, {}, kGeneratedAt));
  const auto value = [&book](const std::string& label) {
    const int row = find_row(book, kState, "A", label);
    EXPECT_GT(row, 0) << label;
    return cell(book, kState, ref("H", row));
  };
  EXPECT_DOUBLE_EQ(number(value("Total du réseau")), 120000.0);
  EXPECT_DOUBLE_EQ(number(value("Montant payable (plafonné à l'enveloppe)")), 100000.0);
  EXPECT_NE(value("Montant payable (plafonné à l'enveloppe)").at("formula").get<std::string>().find("MIN("),
            std::string::npos);
  EXPECT_DOUBLE_EQ(number(value("Dépassement non financé")), 20000.0);
  EXPECT_DOUBLE_EQ(number(value("Reste de l'enveloppe")), 0.0);
  // No planned centre: the forecast adds nothing, written as a plain 0 (an empty SUM range cannot be).
  EXPECT_GT(find_row(book, kState, "A", "Aucun centre en projet."), 0);
  EXPECT_DOUBLE_EQ(number(value("Total des centres en projet")), 0.0);
  EXPECT_DOUBLE_EQ(number(value("Total du réseau avec la prévision")), 120000.0);
  EXPECT_DOUBLE_EQ(number(value("Dépassement avec la prévision")), 20000.0);
}

TEST(GrantXlsxFilesTest, LeavesNoTemporaryFileBehindEvenOnError) {
  testing::ScopedTmpDir tmp;
  const auto s = within_envelope();
  const std::string bytes = grant_xlsx(domain::diact_2006(), s, occupancy(), kGeneratedAt);
  EXPECT_EQ(bytes.rfind("PK", 0), 0u);  // a zip container
  EXPECT_EQ(tmp.entries(), 0u);

  auto too_long = s;
  too_long.centres.front().name = std::string(40'000, 'x');  // over Excel's 32,767 characters a cell
  EXPECT_THROW(grant_xlsx(domain::diact_2006(), too_long, {}, kGeneratedAt), std::runtime_error);
  EXPECT_EQ(tmp.entries(), 0u);
}

TEST(GrantXlsxFilesTest, FailsCleanlyWithoutATemporaryDirectory) {
  testing::ScopedTmpDir tmp;
  ::setenv("TMPDIR", (tmp.path() + "/missing").c_str(), 1);
  EXPECT_THROW(grant_xlsx(domain::diact_2006(), within_envelope(), {}, kGeneratedAt), std::system_error);
}

// ---- CSV ----

TEST(GrantCsvTest, HeaderCentreRowsAndSummaryInFrenchExcelConventions) {
  const std::string text = grant_csv(domain::diact_2006(), within_envelope());
  const auto csv = testing::parse_csv(text);
  EXPECT_TRUE(csv.bom);
  ASSERT_GE(csv.rows.size(), 1u);
  EXPECT_EQ(csv.rows[0], (std::vector<std::string>{"centre_id", "name", "commune", "status", "zrr", "base_eur",
                                                   "occupied_posts", "per_post_eur", "total_eur"}));
  for (const auto& row : csv.rows) EXPECT_EQ(row.size(), 9u) << row[0];
  ASSERT_GE(csv.rows.size(), 6u);
  EXPECT_EQ(csv.rows[1], (std::vector<std::string>{"1", "Télécentre de Murat", "Murat", "En service", "Oui", "12000,00",
                                                   "3", "2000,00", "18000,00"}));
  // The name with a ";" and quotes survives the round trip, and was quoted on the wire.
  EXPECT_EQ(csv.rows[2][1], "Télécentre \"Les Volcans\"; Riom");
  EXPECT_NE(text.find("\"Télécentre \"\"Les Volcans\"\"; Riom\""), std::string::npos);
  EXPECT_EQ(csv.rows[3][3], "En cours d'ouverture");
  EXPECT_EQ(csv.rows[5], (std::vector<std::string>{"5", "Télécentre d'Aurillac", "Aurillac", "En service", "Non",
                                                   "8000,00", "2", "1500,00", "11000,00"}));

  const auto find = [&csv](const std::string& key) -> std::vector<std::string> {
    const auto it = std::find_if(csv.rows.begin(), csv.rows.end(), [&key](const auto& r) { return r[0] == key; });
    EXPECT_NE(it, csv.rows.end()) << key;
    return it == csv.rows.end() ? std::vector<std::string>(9) : *it;
  };
  EXPECT_EQ(find("total")[8], "83000,00");
  EXPECT_EQ(find("total")[1], "Total du réseau");
  EXPECT_EQ(find("envelope")[8], "100000,00");
  EXPECT_EQ(find("payable")[8], "83000,00");
  EXPECT_EQ(find("shortfall")[8], "0,00");
  EXPECT_EQ(find("remaining")[8], "17000,00");
  EXPECT_EQ(find("forecast_total")[8], "20000,00");
  EXPECT_EQ(find("forecast_network_total")[8], "103000,00");
  EXPECT_EQ(find("forecast_payable")[8], "100000,00");
  EXPECT_EQ(find("forecast_shortfall")[8], "3000,00");
  EXPECT_EQ(find("ruleset")[1], "DIACT-2006");
  EXPECT_EQ(find("period_from")[1], "2007-01-01");
  EXPECT_EQ(find("period_to")[1], "2007-12-31");

  // The planned centre follows the "forecast" marker, the closed one appears nowhere.
  const auto marker = std::find_if(csv.rows.begin(), csv.rows.end(), [](const auto& r) { return r[0] == "forecast"; });
  ASSERT_NE(marker, csv.rows.end());
  ASSERT_NE(marker + 1, csv.rows.end());
  EXPECT_EQ((marker + 1)->at(0), "6");
  EXPECT_EQ((marker + 1)->at(3), "En projet");
  EXPECT_EQ((marker + 1)->at(6), "4");
  EXPECT_EQ((marker + 1)->at(8), "20000,00");
  for (const auto& row : csv.rows) EXPECT_NE(row[0], "7");
}

TEST(GrantCsvTest, TextThatWouldRunAsAFormulaIsDefused) {
  auto in = network();
  in[0].name = "=HYPERLINK(\"http://evil.example\";\"x\")";
  in[1].commune = "-2+3";
  const auto csv = testing::parse_csv(
      grant_csv(domain::diact_2006(), domain::compute_statement(domain::diact_2006(), kFrom, kTo, in)));
  ASSERT_GE(csv.rows.size(), 3u);
  EXPECT_EQ(csv.rows[1][1], "'=HYPERLINK(\"http://evil.example\";\"x\")");
  EXPECT_EQ(csv.rows[2][2], "'-2+3");
}

TEST(GrantCsvTest, OverEnvelopeShowsTheShortfall) {
  const auto csv = testing::parse_csv(grant_csv(domain::diact_2006(), over_envelope()));
  std::vector<std::string> payable;
  std::vector<std::string> shortfall;
  for (const auto& r : csv.rows) {
    if (r[0] == "payable") payable = r;
    if (r[0] == "shortfall") shortfall = r;
  }
  ASSERT_EQ(payable.size(), 9u);
  ASSERT_EQ(shortfall.size(), 9u);
  EXPECT_EQ(payable[8], "100000,00");
  EXPECT_EQ(shortfall[8], "20000,00");
}

}  // namespace
}  // namespace tc::exports
