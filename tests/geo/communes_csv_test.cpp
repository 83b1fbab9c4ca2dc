// The reference file is maintained by hand and by spreadsheets: what they write must load, and every mistake
// must be reported with the line to fix.
#include "geo/communes_csv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

namespace tc::geo {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The message of the CsvError that reading `text` throws, or "" when it does not throw.
std::string error_of(std::string_view text) {
  try {
    read_communes_csv(text);
  } catch (const CsvError& e) {
    return e.what();
  }
  return "";
}

constexpr std::string_view kHeader = "insee,name,population,postcodes,lat,lon,zrr\n";

TEST(CommunesCsvTest, ReadsTheCantalReferenceFile) {
  const auto communes = read_communes_csv(read_file(std::string(TC_SOURCE_DIR) + "/data/communes-15-cantal-2025.csv"));
  ASSERT_EQ(communes.size(), 250u);
  const auto saint_flour =
      std::find_if(communes.begin(), communes.end(), [](const domain::Commune& c) { return c.insee == "15187"; });
  ASSERT_NE(saint_flour, communes.end());
  EXPECT_EQ(saint_flour->name, "Saint-Flour");
  EXPECT_EQ(saint_flour->population, 6391);
  EXPECT_EQ(saint_flour->postcodes, (std::vector<std::string>{"15100"}));
  EXPECT_DOUBLE_EQ(saint_flour->centre.lat, 45.02861);
  EXPECT_DOUBLE_EQ(saint_flour->centre.lon, 3.08295);
  EXPECT_TRUE(saint_flour->zrr);
}

TEST(CommunesCsvTest, SplitsSpaceSeparatedPostcodes) {
  const auto communes =
      read_communes_csv(std::string(kHeader) + "15142,Neuvéglise-sur-Truyère,1677,15100 15260,44.93444,2.98068,1\n");
  ASSERT_EQ(communes.size(), 1u);
  EXPECT_EQ(communes[0].postcodes, (std::vector<std::string>{"15100", "15260"}));
}

TEST(CommunesCsvTest, AcceptsColumnsInAnyOrderAndIgnoresExtraOnes) {
  const auto communes = read_communes_csv(
      "LON,lat,Name,comment,insee,postcodes,population\n"
      "2.44162,44.92447,Aurillac,préfecture,15014,15000,26214\n");
  ASSERT_EQ(communes.size(), 1u);
  EXPECT_EQ(communes[0].insee, "15014");
  EXPECT_EQ(communes[0].name, "Aurillac");
  EXPECT_EQ(communes[0].population, 26214);
  EXPECT_DOUBLE_EQ(communes[0].centre.lat, 44.92447);
  EXPECT_DOUBLE_EQ(communes[0].centre.lon, 2.44162);
  EXPECT_FALSE(communes[0].zrr);  // no zrr column
}

TEST(CommunesCsvTest, AcceptsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  const auto communes =
      read_communes_csv(std::string(kHeader) +
                        "\"15014\",\"Aurillac, \"\"la ville\"\"\nverte\",26214,\"15000\",44.9,2.4,\"0\"\n"
                        "15187,Saint-Flour,6391,15100,45.0,3.0,1\n");
  ASSERT_EQ(communes.size(), 2u);
  EXPECT_EQ(communes[0].name, "Aurillac, \"la ville\"\nverte");
  EXPECT_EQ(communes[1].name, "Saint-Flour");
}

TEST(CommunesCsvTest, AcceptsCrlfByteOrderMarkBlankLinesAndNoFinalNewline) {
  const auto communes = read_communes_csv(
      "\xEF\xBB\xBFinsee,name,population,postcodes,lat,lon,zrr\r\n"
      "15014,Aurillac,26214,15000,44.92447,2.44162,0\r\n"
      "\r\n"
      "15187,Saint-Flour,6391,15100,45.02861,3.08295,1");
  ASSERT_EQ(communes.size(), 2u);
  EXPECT_EQ(communes[0].name, "Aurillac");
  EXPECT_FALSE(communes[0].zrr);
  EXPECT_EQ(communes[1].name, "Saint-Flour");
  EXPECT_TRUE(communes[1].zrr);
}

TEST(CommunesCsvTest, HeaderAloneIsAnEmptyList) { EXPECT_TRUE(read_communes_csv(kHeader).empty()); }

TEST(CommunesCsvTest, EmptyFileIsRefused) { EXPECT_NE(error_of("").find("fichier vide"), std::string::npos); }

TEST(CommunesCsvTest, MissingColumnsAreNamed) {
  EXPECT_EQ(error_of("insee,name,population,postcodes\n15014,Aurillac,26214,15000\n"),
            "colonnes manquantes dans l'en-tête : lat, lon");
}

TEST(CommunesCsvTest, DuplicateColumnIsRefused) {
  EXPECT_EQ(error_of("insee,name,population,postcodes,lat,lon,name\n"),
            "ligne 1 : colonne « name » en double dans l'en-tête");
}

TEST(CommunesCsvTest, BadPopulationNamesTheLineAndTheValue) {
  EXPECT_EQ(
      error_of(std::string(kHeader) + "15014,Aurillac,26214,15000,44.9,2.4,1\n15187,Saint-Flour,abc,15100,45,3,1\n"),
      "ligne 3 : population invalide « abc »");
  EXPECT_EQ(error_of(std::string(kHeader) + "15014,Aurillac,12x,15000,44.9,2.4,1\n"),
            "ligne 2 : population invalide « 12x »");
  EXPECT_EQ(error_of(std::string(kHeader) + "15014,Aurillac,-3,15000,44.9,2.4,1\n"),
            "ligne 2 : population invalide « -3 »");
  EXPECT_EQ(error_of(std::string(kHeader) + "15014,Aurillac,99999999999,15000,44.9,2.4,1\n"),
            "ligne 2 : population invalide « 99999999999 »");
}

TEST(CommunesCsvTest, BadCoordinatesAreRefused) {
  EXPECT_EQ(error_of(std::string(kHeader) + "15014,Aurillac,1,15000,44;9,2.4,1\n"),
            "ligne 2 : latitude invalide « 44;9 »");
  EXPECT_EQ(error_of(std::string(kHeader) + "15014,Aurillac,1,15000,94.9,2.4,1\n"),
            "ligne 2 : latitude invalide « 94.9 »");
  EXPECT_EQ(error_of(std::string(kHeader) + "15014,Aurillac,1,15000,44.9,nan,1\n"),
            "ligne 2 : longitude invalide « nan »");
  EXPECT_EQ(error_of(std::string(kHeader) + "15014,Aurillac,1,15000,44.9,,1\n"), "ligne 2 : longitude invalide «  »");
}

TEST(CommunesCsvTest, BadCodesAreRefused) {
  EXPECT_EQ(error_of(std::string(kHeader) + "1501,Aurillac,1,15000,44.9,2.4,1\n"),
            "ligne 2 : code INSEE invalide « 1501 »");
  EXPECT_EQ(error_of(std::string(kHeader) + "15014,Aurillac,1,15000 150,44.9,2.4,1\n"),
            "ligne 2 : code postal invalide « 150 »");
  EXPECT_EQ(error_of(std::string(kHeader) + "15014,,1,15000,44.9,2.4,1\n"), "ligne 2 : nom de commune vide");
  EXPECT_EQ(error_of(std::string(kHeader) + "15014,Aurillac,1,15000,44.9,2.4,oui\n"),
            "ligne 2 : zrr invalide (0 ou 1 attendu) « oui »");
}

TEST(CommunesCsvTest, DuplicateInseeCodeNamesBothLines) {
  EXPECT_EQ(error_of(std::string(kHeader) + "15014,Aurillac,1,15000,44.9,2.4,1\n15014,Aurillac,1,15000,44.9,2.4,1\n"),
            "ligne 3 : code INSEE 15014 déjà présent ligne 2");
}

TEST(CommunesCsvTest, WrongFieldCountIsRefused) {
  EXPECT_EQ(error_of(std::string(kHeader) + "15014,Aurillac,1,15000,44.9\n"),
            "ligne 2 : 5 champs au lieu des 7 de l'en-tête");
}

TEST(CommunesCsvTest, UnterminatedQuoteNamesTheLineWhereItOpens) {
  EXPECT_EQ(error_of(std::string(kHeader) + "15014,\"Aurillac,1,15000,44.9,2.4,1\n15187,x\n"),
            "ligne 2 : guillemet ouvrant sans guillemet fermant");
}

TEST(CommunesCsvTest, TextAfterAClosingQuoteIsRefused) {
  EXPECT_EQ(error_of(std::string(kHeader) + "15014,\"Aurillac\"x,1,15000,44.9,2.4,1\n"),
            "ligne 2 : caractère inattendu après un champ entre guillemets");
}

TEST(CommunesCsvTest, LineNumbersCountTheLinesInsideQuotedFields) {
  EXPECT_EQ(error_of(std::string(kHeader) +
                     "15014,\"Aurillac\nsur\nJordanne\",1,15000,44.9,2.4,1\n15187,Saint-Flour,x,15100,45,3,1\n"),
            "ligne 5 : population invalide « x »");
}

}  // namespace
}  // namespace tc::geo
