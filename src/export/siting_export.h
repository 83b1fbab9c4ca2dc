// A siting study's result as CSV files for French Excel: the proposed sites, and every commune with its nearest
// site (what a council pastes into its own maps and reports).
#pragma once

#include <string>
#include <vector>

namespace tc::exports {

struct SitingSiteRow {
  std::string insee;
  std::string name;
  bool fixed = false;  // open already
  double served = 0;   // demand it serves
  double marginal = 0;
};

struct SitingCommuneRow {
  std::string insee;
  std::string name;
  double demand = 0;
  std::string nearest;  // INSEE code of the nearest open site
  std::string nearest_name;
  double minutes = 0;
  bool covered = false;
};

// insee;commune;statut;demande_desservie;gain_marginal — statut "existant" or "proposé"; decimals with a comma.
std::string siting_sites_csv(const std::vector<SitingSiteRow>& rows);
// insee;commune;demande;site_le_plus_proche;nom_du_site;minutes;couverte — couverte "oui"/"non".
std::string siting_communes_csv(const std::vector<SitingCommuneRow>& rows);

}  // namespace tc::exports
