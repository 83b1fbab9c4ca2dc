#include "domain/centre.h"
#include "domain/enum_names.h"

#include <algorithm>
#include <string>

namespace tc::domain {

std::string_view to_string(CentreStatus s) {
  switch (s) {
    case CentreStatus::Planned: return "planned";
    case CentreStatus::Opening: return "opening";
    case CentreStatus::InService: return "in_service";
    case CentreStatus::Closed: return "closed";
  }
  return "planned";
}

std::optional<CentreStatus> parse_centre_status(std::string_view s) {
  return parse_by_name(
      s, std::array{CentreStatus::Planned, CentreStatus::Opening, CentreStatus::InService, CentreStatus::Closed});
}

bool can_transition(CentreStatus from, CentreStatus to) {
  switch (from) {
    case CentreStatus::Planned: return to == CentreStatus::Opening;
    case CentreStatus::Opening: return to == CentreStatus::InService;
    case CentreStatus::InService: return to == CentreStatus::Closed;
    case CentreStatus::Closed: return false;
  }
  return false;
}

std::string_view to_string(Reception r) {
  switch (r) {
    case Reception::None: return "none";
    case Reception::Secretariat: return "secretariat";
    case Reception::Animator: return "animator";
  }
  return "none";
}

std::optional<Reception> parse_reception(std::string_view s) {
  return parse_by_name(s, std::array{Reception::None, Reception::Secretariat, Reception::Animator});
}

std::string_view to_string(Service s) {
  switch (s) {
    case Service::Reception: return "reception";
    case Service::Copier: return "copier";
    case Service::Fax: return "fax";
    case Service::Printer: return "printer";
    case Service::Broadband: return "broadband";
    case Service::MeetingRoom: return "meeting_room";
    case Service::Videoconference: return "videoconference";
  }
  return "reception";
}

std::optional<Service> parse_service(std::string_view s) { return parse_by_name(s, kAllServices); }

bool Services::has(Service s) const {
  switch (s) {
    case Service::Reception: return reception != Reception::None;
    case Service::Copier: return copier;
    case Service::Fax: return fax;
    case Service::Printer: return printer;
    case Service::Broadband: return broadband_down_mbps > 0;
    case Service::MeetingRoom: return meeting_room;
    case Service::Videoconference: return videoconference;
  }
  return false;
}

std::string_view to_string(Slot s) { return s == Slot::Morning ? "morning" : "afternoon"; }

int Centre::post_count() const {
  int n = 0;
  for (const auto& o : offices) n += static_cast<int>(o.posts.size());
  return n;
}

std::vector<std::string> validate(const Centre& c) {
  std::vector<std::string> problems;
  if (c.name.empty()) problems.emplace_back("Le nom du télécentre est obligatoire.");
  if (c.commune_insee.empty()) problems.emplace_back("La commune du télécentre est obligatoire.");
  if (c.offices.empty() || c.offices.size() > 4)
    problems.emplace_back("Un télécentre compte de 1 à 4 bureaux (ici " + std::to_string(c.offices.size()) + ").");
  for (const auto& o : c.offices)
    if (o.posts.empty()) problems.emplace_back("Le bureau « " + o.name + " » n'a aucun poste.");
  if (c.zrr_override && c.zrr_override->reason.empty())
    problems.emplace_back("Une dérogation au classement ZRR de la commune doit être motivée.");
  if (c.accessibility.erp_category && (*c.accessibility.erp_category < 1 || *c.accessibility.erp_category > 5))
    problems.emplace_back("La catégorie ERP va de 1 à 5.");
  if (c.services.broadband_down_mbps < 0 || c.services.broadband_up_mbps < 0)
    problems.emplace_back("Un débit ne peut pas être négatif.");
  for (const auto& h : c.hours) {
    if (h.weekday < 1 || h.weekday > 7) problems.emplace_back("Jour d'ouverture invalide.");
    if (h.open_minute < 0 || h.close_minute > 24 * 60 || h.open_minute >= h.close_minute)
      problems.emplace_back("Horaires d'ouverture invalides : l'heure de fermeture doit suivre l'ouverture.");
  }
  for (const auto& cl : c.closures)
    if (!(cl.from < cl.to)) problems.emplace_back("Une fermeture doit finir après son début.");
  return problems;
}

bool change_status(Centre& c, CentreStatus to, Date on) {
  if (!can_transition(c.status, to)) return false;
  if (!c.history.empty() && on < c.history.back().on) return false;
  c.status = to;
  c.history.push_back({to, on, {}});
  return true;
}

}  // namespace tc::domain
