// Centres as the council administers them: creation, edits, status and premises conformity, ZRR
// reclassifications. Equipment and agreements are in network_inventory.cpp, the grant in network_grant.cpp.
#include "service/network.h"

#include <algorithm>

#include "calendar/time_zone.h"
#include "service/network_detail.h"

namespace tc::service {

namespace network_detail {

void require_admin(const domain::Actor& actor) {
  if (!actor.is_admin())
    throw ServiceError(ServiceError::Kind::Forbidden, "Réservé aux administrateurs du réseau.",
                       "For the network's administrators only.");
}

domain::Centre managed_or_throw(store::Transaction& tx, const domain::Actor& actor, domain::CentreId id) {
  auto c = actor.reviews(id) ? tx.centres().find(id) : std::nullopt;
  if (!c) throw ServiceError(ServiceError::Kind::NotFound, "Télécentre introuvable.", "Centre not found.");
  return *c;
}

domain::Date date_or_throw(const std::string& text, const char* field) {
  auto d = domain::parse_date(text);
  if (!d)
    throw ServiceError(ServiceError::Kind::Invalid, std::string("« ") + field + " » doit être une date AAAA-MM-JJ.",
                       std::string("\"") + field + "\" must be a YYYY-MM-DD date.", field);
  return *d;
}

domain::Date today(const Clock& clock) {
  static const auto paris = calendar::find_zone("Europe/Paris");
  return paris->local_date(clock());
}

void audit(store::Transaction& tx, const Clock& clock, const domain::Actor& actor, std::string action,
           std::string subject, std::string detail) {
  const std::optional<std::int64_t> who = actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt;
  tx.audit().append({0, clock().iso(), who, std::move(action), std::move(subject), std::move(detail)});
}

void refuse(ServiceError::Kind kind, std::string fr, std::string en, std::string reason, std::string field) {
  ServiceError e(kind, std::move(fr), std::move(en), std::move(field));
  e.reason = std::move(reason);
  throw e;
}

}  // namespace network_detail

using namespace network_detail;

namespace {

// Domain validation, the commune's existence and the time zone, as one refusal listing every problem.
void check_centre(store::Transaction& tx, const domain::Centre& c) {
  std::vector<std::string> problems = domain::validate(c);
  if (!c.commune_insee.empty() && !tx.communes().find(c.commune_insee))
    problems.push_back("Commune inconnue : " + c.commune_insee + ".");
  if (calendar::find_zone(c.time_zone) == nullptr) problems.push_back("Fuseau horaire inconnu : " + c.time_zone + ".");
  for (const auto& p : domain::validate(domain::apply(domain::BookingRules{}, c.booking_rules))) problems.push_back(p);
  if (c.name.size() > 200) problems.emplace_back("Le nom compte 200 caractères au plus.");
  if (problems.empty()) return;
  std::string fr;
  for (const auto& p : problems) fr += (fr.empty() ? "" : " ") + p;
  refuse(ServiceError::Kind::Invalid, fr, "The centre is not valid: " + fr, "invalid");
}

std::string summary(const domain::Centre& c) {
  return c.name + " (" + c.commune_insee + "), " + std::to_string(c.offices.size()) + " bureau(x), " +
         std::to_string(c.post_count()) + " poste(s)";
}

// Which fields a patch changes, for the audit log.
std::string patched_fields(const CentrePatch& p) {
  std::string out;
  auto add = [&out](bool set, const char* name) {
    if (set) out += (out.empty() ? "" : ", ") + std::string(name);
  };
  add(p.name.has_value(), "name");
  add(p.host_authority.has_value(), "host_authority");
  add(p.commune_insee.has_value(), "commune_insee");
  add(p.address.has_value(), "address");
  add(p.location.has_value(), "location");
  add(p.description.has_value(), "description");
  add(p.time_zone.has_value(), "time_zone");
  add(p.open_on_public_holidays.has_value(), "open_on_public_holidays");
  add(p.services.has_value(), "services");
  add(p.accessibility.has_value(), "accessibility");
  add(p.hours.has_value(), "hours");
  add(p.closures.has_value(), "closures");
  add(p.offices.has_value(), "offices");
  add(p.specialities.has_value(), "specialities");
  add(p.zrr_override.has_value(), "zrr_override");
  add(p.booking_rules.has_value(), "booking_rules");
  return out;
}

std::string ruleset_setting(store::Transaction& tx) {
  return tx.settings().get("conformity.ruleset").value_or("DIACT-2006");
}

std::string status_fr(domain::CentreStatus s) {
  switch (s) {
    case domain::CentreStatus::Planned: return "en projet";
    case domain::CentreStatus::Opening: return "en ouverture";
    case domain::CentreStatus::InService: return "en service";
    case domain::CentreStatus::Closed: return "fermé";
  }
  return "";
}

}  // namespace

domain::Actor system_admin() { return domain::Actor{0, {domain::Role::Admin}, {}}; }

bool CentrePatch::only_host_fields() const {
  return !name && !host_authority && !commune_insee && !address && !location && !description && !time_zone &&
         !open_on_public_holidays && !accessibility && !offices && !specialities && !zrr_override && !booking_rules;
}

NetworkAdmin::NetworkAdmin(store::Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

domain::Centre NetworkAdmin::create_centre(const domain::Actor& actor, domain::Centre c) {
  require_admin(actor);
  auto tx = store_.begin(store::Access::Write);
  c.id = 0;
  for (auto& o : c.offices) {
    o.id = 0;
    for (auto& p : o.posts) p.id = 0;
  }
  if (c.time_zone.empty()) c.time_zone = "Europe/Paris";
  if (c.location.lat == 0 && c.location.lon == 0)
    if (auto commune = tx->communes().find(c.commune_insee)) c.location = commune->centre;
  c.status = domain::CentreStatus::Planned;
  c.history = {{domain::CentreStatus::Planned, today(clock_), ""}};
  check_centre(*tx, c);
  tx->centres().insert(c);
  audit(*tx, clock_, actor, "centre.create", "centre:" + std::to_string(c.id), summary(c));
  tx->commit();
  return c;
}

domain::Centre NetworkAdmin::update_centre(const domain::Actor& actor, domain::CentreId id, const CentrePatch& p) {
  auto tx = store_.begin(store::Access::Write);
  domain::Centre c = managed_or_throw(*tx, actor, id);
  if (!actor.is_admin() && !p.only_host_fields())
    throw ServiceError(ServiceError::Kind::Forbidden,
                       "L'accueil d'un télécentre modifie ses horaires, fermetures et services ; le reste revient au "
                       "conseil départemental.",
                       "A centre's host edits its hours, closures and services; the rest is the council's.");
  if (p.name) c.name = *p.name;
  if (p.host_authority) c.host_authority = *p.host_authority;
  if (p.commune_insee) c.commune_insee = *p.commune_insee;
  if (p.address) c.address = *p.address;
  if (p.location) c.location = *p.location;
  if (p.description) c.description = *p.description;
  if (p.time_zone) c.time_zone = *p.time_zone;
  if (p.open_on_public_holidays) c.open_on_public_holidays = *p.open_on_public_holidays;
  if (p.services) c.services = *p.services;
  if (p.accessibility) c.accessibility = *p.accessibility;
  if (p.hours) c.hours = *p.hours;
  if (p.closures) c.closures = *p.closures;
  if (p.offices) c.offices = *p.offices;
  if (p.specialities) c.specialities = *p.specialities;
  if (p.zrr_override) c.zrr_override = *p.zrr_override;
  if (p.booking_rules) c.booking_rules = *p.booking_rules;
  check_centre(*tx, c);
  try {
    tx->centres().update(c);
  } catch (const store::StoreError& e) {
    if (e.kind == store::StoreError::Kind::Conflict)
      refuse(ServiceError::Kind::Conflict, e.what(),
             "A post to remove has bookings or occupancy agreements: it cannot be deleted.", "in_use", "offices");
    if (e.kind == store::StoreError::Kind::Invalid)
      refuse(ServiceError::Kind::Invalid, e.what(), std::string("Invalid offices or posts: ") + e.what(), "invalid",
             "offices");
    if (e.kind == store::StoreError::Kind::NotFound)
      refuse(ServiceError::Kind::Invalid, std::string("Bureau ou poste inconnu : ") + e.what(),
             std::string("Unknown office or post: ") + e.what(), "unknown_post", "offices");
    throw;
  }
  audit(*tx, clock_, actor, "centre.update", "centre:" + std::to_string(id), patched_fields(p));
  tx->commit();
  return c;
}

domain::Centre NetworkAdmin::change_status(const domain::Actor& actor, domain::CentreId id, const StatusRequest& r) {
  require_admin(actor);
  auto tx = store_.begin(store::Access::Write);
  domain::Centre c = managed_or_throw(*tx, actor, id);
  const domain::Date on = r.on.empty() ? today(clock_) : date_or_throw(r.on, "on");
  if (!domain::can_transition(c.status, r.status))
    refuse(ServiceError::Kind::Unprocessable,
           "Un télécentre " + status_fr(c.status) + " ne peut pas passer " + status_fr(r.status) +
               " : les étapes sont en projet → en ouverture → en service → fermé.",
           "A centre cannot go from " + std::string(domain::to_string(c.status)) + " to " +
               std::string(domain::to_string(r.status)) + ": planned → opening → in_service → closed.",
           "transition", "status");
  std::string override_reason;
  if (r.status == domain::CentreStatus::InService) {
    const std::string ruleset_name = ruleset_setting(*tx);
    auto ruleset = tx->grant_rulesets().find_by_name(ruleset_name);
    const domain::ConformityRules rules = ruleset ? ruleset->conformity() : domain::diact_2006().conformity();
    const auto result = domain::evaluate_conformity(c, rules);
    if (!result.conforming()) {
      if (r.override_reason.empty()) {
        std::string fr = "Les locaux ne sont pas conformes (" + rules.ruleset + ") :";
        std::string en = "The premises do not conform (" + rules.ruleset + "):";
        for (const auto* f : result.failed()) {
          fr += " " + f->message_fr;
          en += " " + f->message_en;
        }
        refuse(
            ServiceError::Kind::Unprocessable, fr + " Une mise en service reste possible avec une dérogation motivée.",
            en + " An admin may still put it in service with a recorded reason.", "not_conforming", "override_reason");
      }
      override_reason = r.override_reason;
    }
  }
  const domain::CentreStatus from = c.status;
  if (!domain::change_status(c, r.status, on))
    refuse(ServiceError::Kind::Unprocessable, "La date du changement précède le dernier changement de statut.",
           "The change's date is earlier than the last status change.", "date_order", "on");
  c.history.back().override_reason = override_reason;
  tx->centres().record_status(id, c.history.back());
  audit(*tx, clock_, actor, "centre.status", "centre:" + std::to_string(id),
        std::string(domain::to_string(from)) + " → " + std::string(domain::to_string(r.status)) + " le " + on.iso() +
            (override_reason.empty() ? "" : " ; dérogation : " + override_reason));
  tx->commit();
  return c;
}

std::vector<domain::Centre> NetworkAdmin::managed_centres(const domain::Actor& actor) {
  auto tx = store_.begin(store::Access::Read);
  std::vector<domain::Centre> out;
  for (auto& c : tx->centres().all())
    if (actor.reviews(c.id)) out.push_back(std::move(c));
  return out;
}

domain::Centre NetworkAdmin::managed_centre(const domain::Actor& actor, domain::CentreId id) {
  auto tx = store_.begin(store::Access::Read);
  return managed_or_throw(*tx, actor, id);
}

std::string NetworkAdmin::conformity_ruleset() {
  auto tx = store_.begin(store::Access::Read);
  return ruleset_setting(*tx);
}

void NetworkAdmin::set_conformity_ruleset(const domain::Actor& actor, const std::string& name) {
  require_admin(actor);
  auto tx = store_.begin(store::Access::Write);
  if (!tx->grant_rulesets().find_by_name(name))
    throw ServiceError(ServiceError::Kind::NotFound, "Barème inconnu : " + name + ".", "Unknown ruleset: " + name + ".",
                       "ruleset");
  tx->settings().put("conformity.ruleset", name);
  audit(*tx, clock_, actor, "conformity.ruleset", "settings", name);
  tx->commit();
}

namespace {
domain::ConformityRules rules_named(store::Transaction& tx, const std::string& name) {
  auto r = tx.grant_rulesets().find_by_name(name);
  if (!r)
    throw ServiceError(ServiceError::Kind::NotFound, "Barème inconnu : " + name + ".", "Unknown ruleset: " + name + ".",
                       "ruleset");
  return r->conformity();
}
}  // namespace

ConformityView NetworkAdmin::conformity(const domain::Actor& actor, domain::CentreId id, const std::string& ruleset) {
  auto tx = store_.begin(store::Access::Read);
  const std::string name = ruleset.empty() ? ruleset_setting(*tx) : ruleset;
  domain::Centre c = managed_or_throw(*tx, actor, id);
  const auto rules = rules_named(*tx, name);
  return {c, domain::evaluate_conformity(c, rules)};
}

std::vector<ConformityView> NetworkAdmin::network_conformity(const domain::Actor& actor, const std::string& ruleset) {
  require_admin(actor);
  auto tx = store_.begin(store::Access::Read);
  const std::string name = ruleset.empty() ? ruleset_setting(*tx) : ruleset;
  const auto rules = rules_named(*tx, name);
  std::vector<ConformityView> out;
  for (auto& c : tx->centres().all()) {
    auto result = domain::evaluate_conformity(c, rules);
    out.push_back({std::move(c), std::move(result)});
  }
  return out;
}

domain::ZrrChange NetworkAdmin::record_zrr_change(const domain::Actor& actor, const std::string& insee,
                                                  const std::string& from, bool zrr, const std::string& note) {
  require_admin(actor);
  domain::ZrrChange change{insee, date_or_throw(from, "from"), zrr, note};
  if (domain::count_code_points(note) > 500)
    throw ServiceError(ServiceError::Kind::Invalid, "La note compte 500 caractères au plus.",
                       "The note has at most 500 characters.", "note");
  auto tx = store_.begin(store::Access::Write);
  if (!tx->communes().find(insee))
    throw ServiceError(ServiceError::Kind::NotFound, "Commune inconnue : " + insee + ".",
                       "Unknown commune: " + insee + ".");
  try {
    tx->communes().add_zrr_change(change);
  } catch (const store::StoreError& e) {
    if (e.kind == store::StoreError::Kind::Conflict)
      refuse(ServiceError::Kind::Conflict, "Un reclassement de cette commune est déjà enregistré à cette date.",
             "This commune already has a reclassification on that date.", "duplicate", "from");
    throw;
  }
  audit(*tx, clock_, actor, "commune.zrr", "commune:" + insee,
        std::string(zrr ? "classée en ZRR" : "sortie de la ZRR") + " à partir du " + change.from.iso() +
            (note.empty() ? "" : " (" + note + ")"));
  tx->commit();
  return change;
}

std::vector<domain::ZrrChange> NetworkAdmin::zrr_changes(const domain::Actor& actor, const std::string& insee) {
  require_admin(actor);
  auto tx = store_.begin(store::Access::Read);
  return tx->communes().zrr_changes(insee);
}

}  // namespace tc::service
