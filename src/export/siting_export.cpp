#include "export/siting_export.h"

#include "export/csv_writer.h"

namespace tc::exports {

std::string siting_sites_csv(const std::vector<SitingSiteRow>& rows) {
  CsvWriter csv;
  for (const char* h : {"insee", "commune", "statut", "demande_desservie", "gain_marginal"}) csv.raw(h);
  csv.end_row();
  for (const auto& r : rows) {
    csv.raw(r.insee).text(r.name).raw(r.fixed ? "existant" : "proposé").decimal(r.served, 1).decimal(r.marginal, 1);
    csv.end_row();
  }
  return csv.str();
}

std::string siting_communes_csv(const std::vector<SitingCommuneRow>& rows) {
  CsvWriter csv;
  for (const char* h : {"insee", "commune", "demande", "site_le_plus_proche", "nom_du_site", "minutes", "couverte"})
    csv.raw(h);
  csv.end_row();
  for (const auto& r : rows) {
    csv.raw(r.insee).text(r.name).decimal(r.demand, 1).raw(r.nearest).text(r.nearest_name).decimal(r.minutes, 1);
    csv.raw(r.covered ? "oui" : "non");
    csv.end_row();
  }
  return csv.str();
}

}  // namespace tc::exports
