#include "domain/grant.h"

#include <algorithm>

namespace tc::domain {

ConformityRules GrantRuleset::conformity() const {
  ConformityRules c;
  c.ruleset = name;
  c.min_broadband_mbps = min_broadband_mbps;
  return c;
}

bool GrantRuleset::valid_on(Date d) const { return valid_from <= d && (!valid_to || d <= *valid_to); }

GrantRuleset diact_2006() {
  GrantRuleset r;
  r.name = "DIACT-2006";
  r.description = "Appel à projets DIACT « télécentres » de 2006, financement FNADT.";
  r.valid_from = Date{2006, 1, 1};
  r.centre_zrr_cents = 1'200'000;
  r.centre_other_cents = 800'000;
  r.post_zrr_cents = 200'000;
  r.post_other_cents = 150'000;
  r.envelope_cents = 10'000'000;
  r.occupancy = OccupancyRule{true, 25};
  r.min_broadband_mbps = 2;
  return r;
}

std::vector<FieldError> validate(const GrantRuleset& r) {
  std::vector<FieldError> out;
  if (r.name.empty() || r.name.size() > 60)
    out.push_back({"name", "Le nom du barème est obligatoire (60 caractères au plus).",
                   "The ruleset's name is required (at most 60 characters)."});
  if (r.valid_to && *r.valid_to < r.valid_from)
    out.push_back({"valid_to", "La fin de validité doit suivre son début.", "The validity must end after it starts."});
  const auto amount = [&out](Cents v, const char* field) {
    if (v < 0) out.push_back({field, "Un montant ne peut pas être négatif.", "An amount cannot be negative."});
  };
  amount(r.centre_zrr_cents, "centre_zrr_cents");
  amount(r.centre_other_cents, "centre_other_cents");
  amount(r.post_zrr_cents, "post_zrr_cents");
  amount(r.post_other_cents, "post_other_cents");
  amount(r.envelope_cents, "envelope_cents");
  if (r.occupancy.booked_share_percent < 0 || r.occupancy.booked_share_percent > 100)
    out.push_back({"booked_share_percent", "Le seuil d'occupation va de 0 à 100 %.",
                   "The occupancy threshold is between 0 and 100%."});
  if (r.min_broadband_mbps < 0)
    out.push_back({"min_broadband_mbps", "Le débit minimal ne peut pas être négatif.",
                   "The minimum bandwidth cannot be negative."});
  return out;
}

GrantLine grant_line(const GrantRuleset& r, const GrantCentreInput& c, int posts_counted) {
  GrantLine l;
  l.centre_id = c.id;
  l.name = c.name;
  l.commune = c.commune;
  l.status = c.status;
  l.zrr = c.zrr;
  l.base_cents = c.zrr ? r.centre_zrr_cents : r.centre_other_cents;
  l.occupied_posts = posts_counted;
  l.per_post_cents = c.zrr ? r.post_zrr_cents : r.post_other_cents;
  l.total_cents = l.base_cents + std::int64_t{posts_counted} * l.per_post_cents;
  return l;
}

GrantStatement compute_statement(const GrantRuleset& r, Date from, Date to,
                                 const std::vector<GrantCentreInput>& centres) {
  GrantStatement s;
  s.ruleset = r.name;
  s.from = from;
  s.to = to;
  s.zrr_date = from;
  s.status_date = to;
  s.envelope_cents = r.envelope_cents;
  for (const auto& c : centres) {
    if (c.status == CentreStatus::Opening || c.status == CentreStatus::InService) {
      s.centres.push_back(grant_line(r, c, c.occupied_posts));
      s.total_cents += s.centres.back().total_cents;
    } else if (c.status == CentreStatus::Planned) {
      s.forecast_centres.push_back(grant_line(r, c, c.posts));
      s.forecast_cents += s.forecast_centres.back().total_cents;
    }
  }
  s.payable_cents = std::min(s.total_cents, s.envelope_cents);
  s.shortfall_cents = s.total_cents - s.payable_cents;
  s.remaining_cents = s.envelope_cents - s.payable_cents;
  s.forecast_network_cents = s.total_cents + s.forecast_cents;
  s.forecast_payable_cents = std::min(s.forecast_network_cents, s.envelope_cents);
  s.forecast_shortfall_cents = s.forecast_network_cents - s.forecast_payable_cents;
  if (!r.valid_on(from) || !r.valid_on(to))
    s.warnings.push_back({"ruleset",
                          "La période de référence sort de la validité du barème " + r.name + " (à partir du " +
                              r.valid_from.iso() + (r.valid_to ? ", jusqu'au " + r.valid_to->iso() : "") + ").",
                          "The reference period is outside the validity of ruleset " + r.name + "."});
  return s;
}

}  // namespace tc::domain
