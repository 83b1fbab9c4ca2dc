// The FNADT grant statement as files the State's services and the council's finance office work with: a workbook
// a reviewer can check (every total is a live formula over the lines, with the computed figure cached for readers
// that do not recalculate) and a CSV for French Excel. The arithmetic is domain::compute_statement's; this only
// lays it out.
#pragma once

#include <string>
#include <vector>

#include "domain/grant.h"
#include "domain/occupancy.h"

namespace tc::exports {

// .xlsx bytes. Sheet "État": the ruleset, the period, the dates that decide ZRR classification and status, one line
// per eligible centre (total = base + posts × amount per post, as a formula), the network total, envelope, payable,
// shortfall and remainder, then the forecast for planned centres, and a sign-off line. Sheet "Postes occupés": each
// post of `occupancy` with its open and booked half-days, share, agreement and the rule that made it count.
// Throws std::runtime_error (or std::system_error) when the file cannot be written.
std::string grant_xlsx(const domain::GrantRuleset& r, const domain::GrantStatement& s,
                       const std::vector<domain::CentreOccupancy>& occupancy, const std::string& generated_at);

// UTF-8 CSV with a byte order mark, ";" separated, CRLF, RFC 4180 quoting; amounts in plain decimal euros with a
// comma ("12000,00"), which French Excel reads as numbers. Every row has the header's nine fields:
//   centre_id;name;commune;status;zrr;base_eur;occupied_posts;per_post_eur;total_eur
// Centre rows have a numeric centre_id. Other rows carry a key in the first column and a French label in the second,
// their amount in total_eur: total, envelope, payable, shortfall, remaining; then a "forecast" row introducing the
// planned centres' lines, then forecast_total, forecast_network_total, forecast_payable, forecast_shortfall; last
// ruleset, period_from and period_to (value in the second column). Keeping one width lets Excel line amounts up
// under total_eur and a simple reader split rows on the first column.
std::string grant_csv(const domain::GrantRuleset& r, const domain::GrantStatement& s);

// "En projet", "En cours d'ouverture", "En service", "Fermé": the words the site uses.
std::string status_label_fr(domain::CentreStatus s);

}  // namespace tc::exports
