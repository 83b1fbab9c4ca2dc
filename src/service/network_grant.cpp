// The FNADT grant: rulesets, occupied posts over a reference period, and the statement the council sends the State.
#include <algorithm>
#include <map>

#include "service/network.h"
#include "service/network_detail.h"

namespace tc::service {

using namespace network_detail;

namespace {

constexpr long kMaxPeriodDays = 3660;  // ten years: beyond that a statement means nothing and costs much

// Every post of the centre judged over [from, to] by the ruleset's occupancy rule, from the network's held
// half-days per post and the agreements covering the period (read once for all centres).
domain::CentreOccupancy occupancy_of(const domain::Centre& c, const domain::GrantRuleset& r, domain::Date from,
                                     domain::Date to, const std::map<domain::PostId, int>& held,
                                     const std::map<domain::PostId, const domain::OccupancyAgreement*>& covering) {
  domain::CentreOccupancy out;
  out.centre_id = c.id;
  out.name = c.name;
  const int open = domain::open_half_days(c, from, to);
  for (const auto& office : c.offices)
    for (const auto& post : office.posts) {
      domain::PostOccupancy p;
      p.post_id = post.id;
      p.office = office.name;
      p.label = post.label;
      p.open_half_days = open;
      if (const auto it = held.find(post.id); it != held.end()) p.booked_half_days = it->second;
      if (auto it = covering.find(post.id); it != covering.end()) {
        p.agreement_id = it->second->id;
        p.agreement_person = it->second->person_id;
      }
      p.by = domain::judge(r.occupancy, p.agreement_id.has_value(), p.open_half_days, p.booked_half_days);
      out.posts.push_back(std::move(p));
    }
  return out;
}

}  // namespace

std::vector<domain::GrantRuleset> NetworkAdmin::rulesets(const domain::Actor& actor) {
  require_admin(actor);
  auto tx = store_.begin(store::Access::Read);
  return tx->grant_rulesets().all();
}

domain::GrantRuleset NetworkAdmin::add_ruleset(const domain::Actor& actor, domain::GrantRuleset r) {
  require_admin(actor);
  const auto errors = domain::validate(r);
  if (!errors.empty()) {
    std::string fr;
    std::string en;
    for (const auto& e : errors) {
      fr += (fr.empty() ? "" : " ") + e.message_fr;
      en += (en.empty() ? "" : " ") + e.message_en;
    }
    refuse(ServiceError::Kind::Invalid, fr, en, "invalid", errors.front().field);
  }
  auto tx = store_.begin(store::Access::Write);
  try {
    r.id = tx->grant_rulesets().insert(r);
  } catch (const store::StoreError& e) {
    if (e.kind == store::StoreError::Kind::Conflict)
      refuse(ServiceError::Kind::Conflict, "Un barème porte déjà le nom « " + r.name + " ».",
             "A ruleset is already named \"" + r.name + "\".", "duplicate", "name");
    throw;
  }
  audit(*tx, clock_, actor, "grant.ruleset", "ruleset:" + r.name,
        "centre " + domain::plain_euros(r.centre_zrr_cents) + "/" + domain::plain_euros(r.centre_other_cents) +
            " €, poste " + domain::plain_euros(r.post_zrr_cents) + "/" + domain::plain_euros(r.post_other_cents) +
            " €, enveloppe " + domain::plain_euros(r.envelope_cents) + " €");
  tx->commit();
  return r;
}

GrantReport NetworkAdmin::grant(const domain::Actor& actor, const std::string& ruleset, const std::string& from_text,
                                const std::string& to_text) {
  require_admin(actor);
  const domain::Date from = date_or_throw(from_text, "from");
  const domain::Date to = date_or_throw(to_text, "to");
  if (to < from)
    throw ServiceError(ServiceError::Kind::Invalid, "La fin de la période doit suivre son début.",
                       "The period must end after it starts.", "to");
  if (to.days_since_epoch() - from.days_since_epoch() > kMaxPeriodDays)
    throw ServiceError(ServiceError::Kind::Invalid, "La période de référence couvre dix ans au plus.",
                       "The reference period covers at most ten years.", "to");
  auto tx = store_.begin(store::Access::Read);
  auto r = tx->grant_rulesets().find_by_name(ruleset);
  if (!r)
    throw ServiceError(ServiceError::Kind::NotFound, "Barème inconnu : " + ruleset + ".",
                       "Unknown ruleset: " + ruleset + ".", "ruleset");
  std::map<std::string, std::vector<domain::ZrrChange>> changes;
  for (auto& z : tx->communes().all_zrr_changes()) changes[z.insee].push_back(std::move(z));
  // A constant number of queries whatever the number of centres: communes, held half-days and agreements are read
  // once for the whole network.
  std::map<std::string, domain::Commune> communes;
  for (auto& c : tx->communes().all()) communes.emplace(c.insee, std::move(c));
  std::map<domain::PostId, int> held;
  for (const auto& [post, n] : tx->reports().held_per_post(from, to.plus_days(1))) held[post] = n;
  const auto agreements = tx->agreements().overlapping(from, to);
  std::map<domain::PostId, const domain::OccupancyAgreement*> covering;  // the first by from date, then id
  for (const auto& a : agreements)
    if (a.overlaps(from, to) && !covering.contains(a.post_id)) covering[a.post_id] = &a;
  std::vector<domain::GrantCentreInput> inputs;
  std::vector<domain::CentreOccupancy> occupancy;
  for (const auto& c : tx->centres().all()) {
    const domain::CentreStatus status = domain::status_on(c, to);
    if (status == domain::CentreStatus::Closed) continue;
    const auto found = communes.find(c.commune_insee);
    const domain::Commune* commune = found == communes.end() ? nullptr : &found->second;
    domain::GrantCentreInput in;
    in.id = c.id;
    in.name = c.name;
    in.commune = commune ? commune->name : c.commune_insee;
    in.status = status;
    in.zrr =
        c.zrr_override ? c.zrr_override->zrr : domain::zrr_on(commune && commune->zrr, changes[c.commune_insee], from);
    in.posts = c.post_count();
    auto occ = occupancy_of(c, *r, from, to, held, covering);
    in.occupied_posts = occ.occupied();
    inputs.push_back(std::move(in));
    occupancy.push_back(std::move(occ));
  }
  GrantReport report;
  report.statement = domain::compute_statement(*r, from, to, inputs);
  // The occupancy table follows the statement: eligible centres first, then the forecast's.
  std::map<domain::CentreId, const domain::CentreOccupancy*> occupancy_of_centre;
  for (const auto& occ : occupancy) occupancy_of_centre[occ.centre_id] = &occ;
  for (const auto* lines : {&report.statement.centres, &report.statement.forecast_centres})
    for (const auto& line : *lines)
      if (const auto it = occupancy_of_centre.find(line.centre_id); it != occupancy_of_centre.end())
        report.occupancy.push_back(*it->second);
  report.ruleset = std::move(*r);
  report.generated_at = clock_().iso();
  return report;
}

}  // namespace tc::service
