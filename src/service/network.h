// The council's administration of the network: creating and editing centres, their status and premises
// conformity, the equipment it lends, occupancy agreements, and the FNADT grant's statement. Who may do what is
// decided here for pages and API alike: admins everything; a centre's hosts edit its hours, closures and services,
// see its conformity and equipment, and record its agreements; only admins see the grant. A centre the caller may
// not see is "not found".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/centre.h"
#include "domain/conformity.h"
#include "domain/equipment.h"
#include "domain/grant.h"
#include "domain/occupancy.h"
#include "domain/person.h"
#include "service/clock.h"
#include "store/store.h"

namespace tc::service {

// A partial change to a centre: only what is set changes. Hosts may set hours, closures and services only.
struct CentrePatch {
  std::optional<std::string> name;
  std::optional<std::string> host_authority;
  std::optional<std::string> commune_insee;
  std::optional<std::string> address;
  std::optional<domain::LatLon> location;
  std::optional<std::string> description;
  std::optional<std::string> time_zone;
  std::optional<bool> open_on_public_holidays;
  std::optional<domain::Services> services;
  std::optional<domain::Accessibility> accessibility;
  std::optional<std::vector<domain::OpeningSlot>> hours;
  std::optional<std::vector<domain::Closure>> closures;
  std::optional<std::vector<domain::Office>> offices;  // posts/offices with id 0 are new; missing ones are removed
  std::optional<std::vector<std::string>> specialities;
  std::optional<std::optional<domain::ZrrOverride>> zrr_override;  // set to nullopt to remove the override
  std::optional<domain::BookingRulesOverride> booking_rules;

  bool only_host_fields() const;  // touches nothing but hours, closures and services
};

struct StatusRequest {
  domain::CentreStatus status = domain::CentreStatus::Planned;
  std::string on;               // YYYY-MM-DD; empty: today
  std::string override_reason;  // required to put a non-conforming centre in service
};

struct ConformityView {
  domain::Centre centre;
  domain::ConformityResult result;
};

struct AgreementRequest {
  domain::PostId post_id = 0;
  domain::PersonId person_id = 0;
  std::string from;  // YYYY-MM-DD
  std::string to;    // YYYY-MM-DD or empty (open-ended)
};

struct AgreementView {
  domain::OccupancyAgreement agreement;
  std::string person_name;  // the teleworker's display name ("" once erased)
  std::string office;
  std::string post_label;
  bool active_today = false;
};

// A partial change to an item of equipment.
struct EquipmentPatch {
  std::optional<domain::EquipmentCategory> category;
  std::optional<std::string> description;
  std::optional<std::string> serial_number;
  std::optional<std::optional<domain::Date>> delivered_on;
  std::optional<domain::EquipmentState> state;
  std::optional<std::string> note;
};

struct EquipmentView {
  domain::EquipmentItem item;
  std::string centre_name;
};

struct GrantReport {
  domain::GrantRuleset ruleset;
  domain::GrantStatement statement;
  std::vector<domain::CentreOccupancy> occupancy;  // every centre of the statement and of the forecast, in its order
  std::string generated_at;                        // ISO 8601 UTC
};

// The command line acts as an admin of its own, recorded in the audit log without a person.
domain::Actor system_admin();

class NetworkAdmin {
 public:
  NetworkAdmin(store::Store& store, Clock clock);

  // --- centres ---
  // Admins only. A new centre is planned as of today; offices and posts get their ids. Without a location, the
  // commune's centroid.
  domain::Centre create_centre(const domain::Actor& actor, domain::Centre c);
  domain::Centre update_centre(const domain::Actor& actor, domain::CentreId id, const CentrePatch& patch);
  // Admins only. One step forward (planned → opening → in_service → closed); into service only when the premises
  // conform under the network's conformity ruleset, or with an override reason (recorded in the history and audit).
  domain::Centre change_status(const domain::Actor& actor, domain::CentreId id, const StatusRequest& r);
  // What the caller administers: every centre for admins, their own for hosts; by name.
  std::vector<domain::Centre> managed_centres(const domain::Actor& actor);
  domain::Centre managed_centre(const domain::Actor& actor, domain::CentreId id);  // NotFound when not the caller's

  // --- conformity ---
  // ruleset: a grant ruleset's name; empty: the network's (setting "conformity.ruleset", default DIACT-2006).
  ConformityView conformity(const domain::Actor& actor, domain::CentreId id, const std::string& ruleset = {});
  std::vector<ConformityView> network_conformity(const domain::Actor& actor, const std::string& ruleset = {});
  std::string conformity_ruleset();
  // Admins: the ruleset whose thresholds decide conformity from now on (it must exist).
  void set_conformity_ruleset(const domain::Actor& actor, const std::string& name);

  // --- ZRR reclassifications (admins) ---
  domain::ZrrChange record_zrr_change(const domain::Actor& actor, const std::string& insee, const std::string& from,
                                      bool zrr, const std::string& note);
  std::vector<domain::ZrrChange> zrr_changes(const domain::Actor& actor, const std::string& insee);

  // --- equipment (admins write; hosts read their centre's) ---
  EquipmentView add_equipment(const domain::Actor& actor, domain::CentreId centre, domain::EquipmentItem item);
  EquipmentView update_equipment(const domain::Actor& actor, domain::EquipmentId id, const EquipmentPatch& patch);
  std::vector<EquipmentView> equipment_of(const domain::Actor& actor, domain::CentreId centre);
  std::vector<EquipmentView> all_equipment(const domain::Actor& actor);  // admins

  // --- occupancy agreements (admins, and the centre's hosts) ---
  AgreementView add_agreement(const domain::Actor& actor, domain::CentreId centre, const AgreementRequest& r);
  AgreementView end_agreement(const domain::Actor& actor, domain::AgreementId id, const std::string& on,
                              const std::string& reason);
  std::vector<AgreementView> agreements_of(const domain::Actor& actor, domain::CentreId centre);

  // --- the grant (admins) ---
  std::vector<domain::GrantRuleset> rulesets(const domain::Actor& actor);
  domain::GrantRuleset add_ruleset(const domain::Actor& actor, domain::GrantRuleset r);
  // The statement for a ruleset over [from, to] (both inclusive, YYYY-MM-DD; at most ten years).
  GrantReport grant(const domain::Actor& actor, const std::string& ruleset, const std::string& from,
                    const std::string& to);

 private:
  store::Store& store_;
  Clock clock_;
};

}  // namespace tc::service
