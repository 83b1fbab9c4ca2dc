// How people type place names: every reasonable spelling of a commune must find it, and the list must put the
// commune they meant first.
#include "geo/commune_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "geo/communes_csv.h"

namespace tc::geo {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const CommuneIndex& cantal() {
  static const CommuneIndex index(
      read_communes_csv(read_file(std::string(TC_SOURCE_DIR) + "/data/communes-15-cantal-2025.csv")));
  return index;
}

std::vector<std::string> names(const std::vector<const domain::Commune*>& communes) {
  std::vector<std::string> out;
  out.reserve(communes.size());
  for (const domain::Commune* c : communes) out.push_back(c->name);
  return out;
}

domain::Commune commune(std::string insee, std::string name, int population, std::vector<std::string> postcodes = {}) {
  domain::Commune c;
  c.insee = std::move(insee);
  c.name = std::move(name);
  c.population = population;
  c.postcodes = std::move(postcodes);
  return c;
}

TEST(NormalisePlaceNameTest, EverySpellingOfSaintFlourIsTheSame) {
  for (const char* spelling : {"st flour", "Saint Flour", "SAINT-FLOUR", "Saint-Flour", "St-Flour", "ST. FLOUR",
                               "  saint   flour  ", "Saint–Flour"}) {
    EXPECT_EQ(normalise_place_name(spelling), "saint flour") << spelling;
  }
}

TEST(NormalisePlaceNameTest, FoldsFrenchAccentsAndLigatures) {
  EXPECT_EQ(normalise_place_name("Saint-Rémy-de-Chaudes-Aigues"), "saint remy de chaudes aigues");
  EXPECT_EQ(normalise_place_name("ÉGLISENEUVE-D'ENTRAIGUES"), "egliseneuve d entraigues");
  EXPECT_EQ(normalise_place_name("àâäéèêëîïôöùûüÿç"), "aaaeeeeiioouuuyc");
  EXPECT_EQ(normalise_place_name("ÀÂÄÉÈÊËÎÏÔÖÙÛÜŸÇ"), "aaaeeeeiioouuuyc");
  EXPECT_EQ(normalise_place_name("Œuvre cœur Æ æ"), "oeuvre coeur ae ae");
  EXPECT_EQ(normalise_place_name("L’Hôpital"), "l hopital");
}

TEST(NormalisePlaceNameTest, ExpandsAbbreviationsAsWholeWordsOnly) {
  EXPECT_EQ(normalise_place_name("Ste-Anastasie"), "sainte anastasie");
  EXPECT_EQ(normalise_place_name("Neuvéglise s/ Truyère"), "neuveglise sur truyere");
  EXPECT_EQ(normalise_place_name("Neuvéglise-S/Truyère"), "neuveglise sur truyere");
  EXPECT_EQ(normalise_place_name("N.-D.-de-la-Garde"), "notre dame de la garde");
  EXPECT_EQ(normalise_place_name("ND des Neiges"), "notre dame des neiges");
  EXPECT_EQ(normalise_place_name("Stains"), "stains");
  EXPECT_EQ(normalise_place_name("Best"), "best");
  EXPECT_EQ(normalise_place_name("Lens/Liévin"), "lens lievin");
}

TEST(NormalisePlaceNameTest, PunctuationAloneNormalisesToNothing) {
  EXPECT_EQ(normalise_place_name(""), "");
  EXPECT_EQ(normalise_place_name(" - ' . "), "");
}

TEST(NormalisePlaceNameTest, MalformedUtf8SeparatesWordsInsteadOfFailing) {
  EXPECT_EQ(normalise_place_name("Saint\xFF"
                                 "Flour"),
            "saint flour");
  EXPECT_EQ(normalise_place_name("Flour\xC3"), "flour");
}

TEST(CommuneIndexTest, AbbreviatedSaintFindsSaintFlour) {
  const auto found = cantal().search("st flour");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0]->insee, "15187");
}

TEST(CommuneIndexTest, HyphenatedCapitalisedAndSpacedSpellingsFindSaintFlourFirst) {
  for (const char* query : {"Saint Flour", "SAINT-FLOUR", "Saint-Flour", "saint-fl"}) {
    const auto found = cantal().search(query);
    ASSERT_FALSE(found.empty()) << query;
    EXPECT_EQ(found[0]->name, "Saint-Flour") << query;
  }
}

TEST(CommuneIndexTest, WordPrefixFindsEveryCommuneContainingTheWord) {
  EXPECT_EQ(names(cantal().search("flour")), (std::vector<std::string>{"Saint-Flour", "Anglards-de-Saint-Flour"}));
}

TEST(CommuneIndexTest, ExactNameComesBeforeCommunesContainingIt) {
  EXPECT_EQ(names(cantal().search("saint flour")),
            (std::vector<std::string>{"Saint-Flour", "Anglards-de-Saint-Flour"}));
}

TEST(CommuneIndexTest, AccentlessAbbreviatedQueryFindsAccentedName) {
  const auto found = cantal().search("st remy");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->name, "Saint-Rémy-de-Chaudes-Aigues");
  EXPECT_EQ(names(cantal().search("Saint-Rémy")), names(found));
}

TEST(CommuneIndexTest, InseeCodeFindsSaintFlour) {
  const auto found = cantal().search("15187");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->name, "Saint-Flour");
}

TEST(CommuneIndexTest, SharedPostcodeListsEveryCommuneThatHasIt) {
  const auto by_postcode = cantal().by_postcode("15100");
  ASSERT_EQ(by_postcode.size(), 17u);
  for (const domain::Commune* c : by_postcode) {
    EXPECT_NE(std::find(c->postcodes.begin(), c->postcodes.end(), "15100"), c->postcodes.end()) << c->name;
  }
  const auto found = cantal().search("15100");
  for (const domain::Commune* c : by_postcode) {
    EXPECT_NE(std::find(found.begin(), found.end(), c), found.end()) << c->name;
  }
  // 15100 is also the INSEE code of Laveissenet, which comes first.
  ASSERT_EQ(found.size(), 18u);
  EXPECT_EQ(found[0]->name, "Laveissenet");
}

TEST(CommuneIndexTest, PostcodeListIsSortedByNameIgnoringAccents) {
  const auto listed = names(cantal().by_postcode("15100"));
  EXPECT_EQ(listed.front(), "Alleuze");
  EXPECT_EQ(listed.back(), "Villedieu");
  const auto vabres = std::find(listed.begin(), listed.end(), "Vabres");
  const auto vedrines = std::find(listed.begin(), listed.end(), "Védrines-Saint-Loup");
  EXPECT_LT(vabres, vedrines);
}

TEST(CommuneIndexTest, SecondPostcodeOfACommuneFindsIt) {
  EXPECT_EQ(names(cantal().by_postcode("15260")), (std::vector<std::string>{"Neuvéglise-sur-Truyère"}));
  // 15260 is also the INSEE code of Vieillevie, which comes first.
  EXPECT_EQ(names(cantal().search("15260")), (std::vector<std::string>{"Vieillevie", "Neuvéglise-sur-Truyère"}));
}

TEST(CommuneIndexTest, PartialCodeMatchesAsAPrefix) {
  const auto found = cantal().search("1518", 50);
  ASSERT_FALSE(found.empty());
  for (const domain::Commune* c : found) EXPECT_TRUE(c->insee.starts_with("1518")) << c->insee;
  EXPECT_EQ(found.size(), 10u);
  EXPECT_EQ(found[0]->name, "Saint-Flour");  // the most populous of 15180–15189
}

TEST(CommuneIndexTest, ResolveCodeGivesTheInseeCommuneFirstThenThePostcodeOnes) {
  const auto resolved = cantal().resolve_code("15100");
  ASSERT_EQ(resolved.size(), 18u);
  EXPECT_EQ(resolved[0]->name, "Laveissenet");
  EXPECT_EQ(resolved[1]->name, "Alleuze");
  EXPECT_TRUE(cantal().resolve_code("99999").empty());
}

TEST(CommuneIndexTest, ByInseeFindsExactCodesOnly) {
  ASSERT_NE(cantal().by_insee("15014"), nullptr);
  EXPECT_EQ(cantal().by_insee("15014")->name, "Aurillac");
  EXPECT_EQ(cantal().by_insee("1501"), nullptr);
  EXPECT_EQ(cantal().by_insee(""), nullptr);
}

TEST(CommuneIndexTest, LimitIsRespected) {
  EXPECT_EQ(cantal().search("saint", 5).size(), 5u);
  EXPECT_EQ(cantal().search("saint").size(), 20u);
  EXPECT_TRUE(cantal().search("saint", 0).empty());
  EXPECT_EQ(cantal().search("15", 3).size(), 3u);
}

TEST(CommuneIndexTest, EqualMatchesAreRankedByPopulation) {
  EXPECT_EQ(names(cantal().search("saint", 3)),
            (std::vector<std::string>{"Saint-Flour", "Saint-Paul-des-Landes", "Saint-Mamet-la-Salvetat"}));
}

TEST(CommuneIndexTest, EmptyOrBlankQueryFindsNothing) {
  EXPECT_TRUE(cantal().search("").empty());
  EXPECT_TRUE(cantal().search("   ").empty());
  EXPECT_TRUE(cantal().search(" -' ").empty());
}

TEST(CommuneIndexTest, UnknownNameFindsNothing) { EXPECT_TRUE(cantal().search("Paris").empty()); }

TEST(CommuneIndexTest, RanksExactNameThenNamePrefixThenWordPrefixBeforePopulation) {
  const CommuneIndex index({
      commune("01001", "Bourg-de-Marcolès", 9000),
      commune("01002", "Marcolès-le-Haut", 5000),
      commune("01003", "Marcolès", 100),
      commune("01004", "Marcolesse", 50),
  });
  EXPECT_EQ(names(index.search("marcoles")),
            (std::vector<std::string>{"Marcolès", "Marcolès-le-Haut", "Marcolesse", "Bourg-de-Marcolès"}));
}

TEST(CommuneIndexTest, EqualRankAndPopulationAreOrderedByName) {
  const CommuneIndex index({commune("01002", "Vèze", 10), commune("01001", "Vabres", 10)});
  EXPECT_EQ(names(index.search("v")), (std::vector<std::string>{"Vabres", "Vèze"}));
}

TEST(CommuneIndexTest, AbbreviationLettersStillFindNamesStartingWithThem) {
  const CommuneIndex index({commune("93072", "Stains", 40000), commune("01001", "Saint-Amour", 1000)});
  EXPECT_EQ(names(index.search("st")), (std::vector<std::string>{"Stains", "Saint-Amour"}));
  EXPECT_EQ(names(index.search("sta")), (std::vector<std::string>{"Stains"}));
}

TEST(CommuneIndexTest, CorsicanInseeCodesAreSearchableAsCodes) {
  const CommuneIndex index({commune("2A004", "Ajaccio", 70000, {"20000"}), commune("2B033", "Bastia", 48000)});
  EXPECT_EQ(names(index.search("2a0")), (std::vector<std::string>{"Ajaccio"}));
  EXPECT_EQ(names(index.search("2B033")), (std::vector<std::string>{"Bastia"}));
  EXPECT_EQ(names(index.search("20000")), (std::vector<std::string>{"Ajaccio"}));
  ASSERT_NE(index.by_insee("2B033"), nullptr);
}

TEST(CommuneIndexTest, SearchesThirtyFiveThousandNamesFastEnoughForAutocomplete) {
  std::vector<domain::Commune> many;
  const auto& base = cantal().all();
  for (int copy = 0; copy < 140; ++copy) {
    for (const domain::Commune& c : base) {
      domain::Commune d = c;
      d.insee = std::to_string(10000 + copy * 250 + static_cast<int>(many.size() % 250));
      many.push_back(std::move(d));
    }
  }
  const CommuneIndex index(std::move(many));
  ASSERT_EQ(index.all().size(), 35000u);
  const auto start = std::chrono::steady_clock::now();
  for (const char* query : {"s", "st fl", "saint", "flour", "15", "zz"}) index.search(query);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::milliseconds(300));
}

}  // namespace
}  // namespace tc::geo
