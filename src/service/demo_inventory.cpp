#include "service/demo_inventory.h"

#include <algorithm>
#include <optional>
#include <string>

namespace tc::service {

namespace {

domain::Date opened_on(const domain::Centre& c) {
  for (const auto& h : c.history)
    if (h.status == domain::CentreStatus::Opening) return h.on;
  return c.history.empty() ? domain::Date{2006, 9, 1} : c.history.back().on;
}

}  // namespace

void add_demo_equipment(store::Transaction& tx, const std::vector<domain::Centre>& centres) {
  using domain::EquipmentCategory;
  using domain::EquipmentState;
  int serial = 0;
  auto add = [&](const domain::Centre& c, EquipmentCategory category, std::string description, domain::Date delivered,
                 EquipmentState state, std::string note) {
    domain::EquipmentItem e;
    e.centre_id = c.id;
    e.category = category;
    e.description = std::move(description);
    char number[32];
    std::snprintf(number, sizeof number, "CG15-%04d-%04d", delivered.year, ++serial);
    e.serial_number = category == EquipmentCategory::Furniture ? "" : number;
    e.delivered_on = delivered;
    e.state = state;
    e.note = std::move(note);
    tx.equipment().insert(e);
  };
  for (const auto& c : centres) {
    if (c.status != domain::CentreStatus::InService && c.status != domain::CentreStatus::Opening) continue;
    const domain::Date delivered = opened_on(c).plus_days(7);
    int post_no = 0;
    for (const auto& o : c.offices) {
      add(c, EquipmentCategory::Furniture, "Bureau, fauteuil et caisson — " + o.name, delivered, EquipmentState::InUse,
          "");
      for (const auto& p : o.posts) {
        ++post_no;
        // One computer of the oldest centre broke and one was given back: what a real inventory looks like.
        const bool broken = c.id == centres.front().id && post_no == 2;
        add(c, EquipmentCategory::Computer, "Ordinateur de bureau — " + o.name + ", " + p.label, delivered,
            broken ? EquipmentState::Broken : EquipmentState::InUse,
            broken ? "Alimentation en panne, devis demandé." : "");
        add(c, EquipmentCategory::Screen, "Écran 22 pouces — " + o.name + ", " + p.label, delivered,
            EquipmentState::InUse, "");
      }
    }
    add(c, EquipmentCategory::Copier, "Copieur numérique multifonction (copie, impression, numérisation, télécopie)",
        delivered, EquipmentState::InUse, "");
    if (c.status == domain::CentreStatus::InService)
      add(c, EquipmentCategory::Other, "Vidéoprojecteur de la salle de réunion", delivered.plus_days(120),
          c.id == centres.front().id ? EquipmentState::Returned : EquipmentState::InUse,
          c.id == centres.front().id ? "Rendu au conseil départemental, remplacé par un écran." : "");
  }
}

void add_demo_agreements(store::Transaction& tx, const std::vector<domain::Centre>& centres) {
  for (const auto& c : centres) {
    if (c.status != domain::CentreStatus::InService) continue;
    // Each post with the last day it is covered (nullopt: free; open-ended agreements keep it for good).
    std::vector<std::pair<domain::PostId, std::optional<domain::Date>>> posts;
    for (const auto& o : c.offices)
      for (const auto& p : o.posts) posts.emplace_back(p.id, std::nullopt);
    constexpr domain::Date kForever{9999, 12, 31};
    store::ApplicationFilter f;
    f.centre_ids = {c.id};
    auto rows = tx.applications().list(f);
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.application.start_date < b.application.start_date; });
    for (const auto& row : rows) {
      const auto& a = row.application;
      const bool ended = a.state == domain::ApplicationState::Ended;
      if (a.state != domain::ApplicationState::Active && !ended) continue;
      auto free = std::find_if(posts.begin(), posts.end(),
                               [&a](const auto& p) { return !p.second || *p.second < a.start_date; });
      if (free == posts.end()) continue;
      domain::OccupancyAgreement ag;
      ag.centre_id = c.id;
      ag.post_id = free->first;
      ag.person_id = a.person_id;
      ag.from = a.start_date;
      ag.created_at = a.submitted_at_utc;
      if (ended) {
        ag.to = a.start_date.plus_days(180);
        ag.ended_on = a.start_date.plus_days(150);
        ag.ended_reason = "Fin de l'activité au télécentre.";
      }
      free->second = ended ? *ag.ended_on : kForever;
      tx.agreements().insert(ag);
    }
  }
}

}  // namespace tc::service
