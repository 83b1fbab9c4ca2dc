// The siting study's CSV files: French Excel's shape (BOM, ";", CRLF, decimal comma), statuses in words, a
// formula-like commune name neutralised.
#include "export/siting_export.h"

#include <gtest/gtest.h>

namespace tc::exports {
namespace {

TEST(SitingExport, SitesSayExistingOrProposedWithDecimalCommas) {
  const std::string csv =
      siting_sites_csv({{"15187", "Saint-Flour", true, 1234.56, 78.9}, {"15014", "Aurillac", false, 2000, -0.04}});
  EXPECT_EQ(csv,
            "\xEF\xBB\xBFinsee;commune;statut;demande_desservie;gain_marginal\r\n"
            "15187;Saint-Flour;existant;1234,6;78,9\r\n"
            "15014;Aurillac;proposé;2000,0;0,0\r\n");
}

TEST(SitingExport, CommunesGiveTheirNearestSiteAndCoverage) {
  const std::string csv = siting_communes_csv({{"15138", "Murat", 97.5, "15138", "Murat", 0, true},
                                               {"15001", "=Bizarre;nom", 3.26, "15187", "Saint-Flour", 42.04, false}});
  EXPECT_EQ(csv,
            "\xEF\xBB\xBFinsee;commune;demande;site_le_plus_proche;nom_du_site;minutes;couverte\r\n"
            "15138;Murat;97,5;15138;Murat;0,0;oui\r\n"
            "15001;\"'=Bizarre;nom\";3,3;15187;Saint-Flour;42,0;non\r\n");
}

}  // namespace
}  // namespace tc::exports
