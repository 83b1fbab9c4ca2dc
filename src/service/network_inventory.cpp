// The council's equipment in each centre, and occupancy agreements (conventions d'occupation) of posts.
#include <algorithm>
#include <map>

#include "service/network.h"
#include "service/network_detail.h"

namespace tc::service {

using namespace network_detail;

namespace {

void throw_fields(const std::vector<domain::FieldError>& errors) {
  if (errors.empty()) return;
  const auto& e = errors.front();
  std::string fr;
  std::string en;
  for (const auto& x : errors) {
    fr += (fr.empty() ? "" : " ") + x.message_fr;
    en += (en.empty() ? "" : " ") + x.message_en;
  }
  refuse(ServiceError::Kind::Invalid, fr, en, "invalid", e.field);
}

std::string centre_name(store::Transaction& tx, domain::CentreId id) {
  auto c = tx.centres().find(id);
  return c ? c->name : "";
}

// Where a post sits in its centre: (office name, post label); nullopt when the post is not the centre's.
std::optional<std::pair<std::string, std::string>> locate_post(const domain::Centre& c, domain::PostId post) {
  for (const auto& o : c.offices)
    for (const auto& p : o.posts)
      if (p.id == post) return std::make_pair(o.name, p.label);
  return std::nullopt;
}

}  // namespace

EquipmentView NetworkAdmin::add_equipment(const domain::Actor& actor, domain::CentreId centre,
                                          domain::EquipmentItem item) {
  require_admin(actor);
  auto tx = store_.begin(store::Access::Write);
  const domain::Centre c = managed_or_throw(*tx, actor, centre);
  item.id = 0;
  item.centre_id = centre;
  throw_fields(domain::validate(item));
  item.id = tx->equipment().insert(item);
  audit(*tx, clock_, actor, "equipment.add", "equipment:" + std::to_string(item.id),
        c.name + " : " + std::string(domain::label_fr(item.category)) + " — " + item.description +
            (item.serial_number.empty() ? "" : " (n° " + item.serial_number + ")"));
  tx->commit();
  return {item, c.name};
}

EquipmentView NetworkAdmin::update_equipment(const domain::Actor& actor, domain::EquipmentId id,
                                             const EquipmentPatch& p) {
  require_admin(actor);
  auto tx = store_.begin(store::Access::Write);
  auto item = tx->equipment().find(id);
  if (!item) throw ServiceError(ServiceError::Kind::NotFound, "Matériel introuvable.", "Item not found.");
  const domain::EquipmentState before = item->state;
  if (p.category) item->category = *p.category;
  if (p.description) item->description = *p.description;
  if (p.serial_number) item->serial_number = *p.serial_number;
  if (p.delivered_on) item->delivered_on = *p.delivered_on;
  if (p.state) item->state = *p.state;
  if (p.note) item->note = *p.note;
  throw_fields(domain::validate(*item));
  tx->equipment().update(*item);
  std::string detail = item->description;
  if (item->state != before)
    detail += " : " + std::string(domain::label_fr(before)) + " → " + std::string(domain::label_fr(item->state));
  audit(*tx, clock_, actor, "equipment.update", "equipment:" + std::to_string(id), detail);
  std::string name = centre_name(*tx, item->centre_id);
  tx->commit();
  return {*item, std::move(name)};
}

std::vector<EquipmentView> NetworkAdmin::equipment_of(const domain::Actor& actor, domain::CentreId centre) {
  auto tx = store_.begin(store::Access::Read);
  const domain::Centre c = managed_or_throw(*tx, actor, centre);
  std::vector<EquipmentView> out;
  for (auto& i : tx->equipment().of_centre(centre)) out.push_back({std::move(i), c.name});
  return out;
}

std::vector<EquipmentView> NetworkAdmin::all_equipment(const domain::Actor& actor) {
  require_admin(actor);
  auto tx = store_.begin(store::Access::Read);
  std::map<domain::CentreId, std::string> names;
  for (const auto& c : tx->centres().all()) names[c.id] = c.name;
  std::vector<EquipmentView> out;
  for (auto& i : tx->equipment().all()) {
    const auto id = i.centre_id;
    out.push_back({std::move(i), names[id]});
  }
  return out;
}

namespace {

AgreementView agreement_view(store::Transaction& tx, const domain::Centre& c, domain::OccupancyAgreement a,
                             domain::Date today) {
  AgreementView v;
  v.person_name = tx.people().profile(a.person_id).display_name;
  if (auto where = locate_post(c, a.post_id)) std::tie(v.office, v.post_label) = *where;
  v.active_today = a.active_on(today);
  v.agreement = std::move(a);
  return v;
}

}  // namespace

AgreementView NetworkAdmin::add_agreement(const domain::Actor& actor, domain::CentreId centre,
                                          const AgreementRequest& r) {
  domain::OccupancyAgreement a;
  a.centre_id = centre;
  a.post_id = r.post_id;
  a.person_id = r.person_id;
  a.from = date_or_throw(r.from, "from");
  if (!r.to.empty()) a.to = date_or_throw(r.to, "to");
  a.created_at = clock_().iso();
  throw_fields(domain::validate(a));
  auto tx = store_.begin(store::Access::Write);
  const domain::Centre c = managed_or_throw(*tx, actor, centre);
  if (!locate_post(c, a.post_id))
    refuse(ServiceError::Kind::Unprocessable, "Ce poste n'est pas l'un de ceux du télécentre.",
           "This post is not one of the centre's.", "post_unknown", "post_id");
  auto person = tx->people().find(a.person_id);
  if (!person || person->email.empty() ||
      std::find(person->roles.begin(), person->roles.end(), "teleworker") == person->roles.end())
    refuse(ServiceError::Kind::Unprocessable, "Une convention d'occupation se signe avec un télétravailleur inscrit.",
           "An occupancy agreement is signed with a registered teleworker.", "not_teleworker", "person_id");
  for (const auto& other : tx->agreements().of_post(a.post_id))
    if (domain::overlap(a, other))
      refuse(ServiceError::Kind::Conflict,
             "Ce poste est déjà couvert par la convention n° " + std::to_string(other.id) + " sur ces dates.",
             "This post is already covered by agreement " + std::to_string(other.id) + " on these dates.",
             "post_covered", "post_id");
  for (const auto& other : tx->agreements().of_person(a.person_id))
    if (domain::overlap(a, other))
      refuse(ServiceError::Kind::Conflict,
             "Cette personne a déjà la convention n° " + std::to_string(other.id) + " sur ces dates.",
             "This person already has agreement " + std::to_string(other.id) + " on these dates.", "person_covered",
             "person_id");
  a.id = tx->agreements().insert(a);
  auto view = agreement_view(*tx, c, a, today(clock_));
  audit(*tx, clock_, actor, "agreement.add", "agreement:" + std::to_string(a.id),
        c.name + ", " + view.office + " " + view.post_label + ", personne " + std::to_string(a.person_id) + ", du " +
            a.from.iso() + (a.to ? " au " + a.to->iso() : " sans terme"));
  tx->commit();
  return view;
}

AgreementView NetworkAdmin::end_agreement(const domain::Actor& actor, domain::AgreementId id, const std::string& on,
                                          const std::string& reason) {
  const domain::Date last = on.empty() ? today(clock_) : date_or_throw(on, "on");
  if (domain::count_code_points(reason) > 500)
    throw ServiceError(ServiceError::Kind::Invalid, "Le motif compte 500 caractères au plus.",
                       "The reason has at most 500 characters.", "reason");
  auto tx = store_.begin(store::Access::Write);
  auto a = tx->agreements().find(id);
  if (!a || !actor.reviews(a->centre_id))
    throw ServiceError(ServiceError::Kind::NotFound, "Convention introuvable.", "Agreement not found.");
  if (a->ended_on)
    refuse(ServiceError::Kind::Conflict, "Cette convention a déjà pris fin le " + a->ended_on->iso() + ".",
           "This agreement already ended on " + a->ended_on->iso() + ".", "already_ended");
  if (last < a->from)
    refuse(ServiceError::Kind::Unprocessable, "Une convention ne peut pas finir avant d'avoir commencé.",
           "An agreement cannot end before it starts.", "before_start", "on");
  tx->agreements().end(id, last, reason);
  a->ended_on = last;
  a->ended_reason = reason;
  const domain::Centre c = managed_or_throw(*tx, actor, a->centre_id);
  auto view = agreement_view(*tx, c, *a, today(clock_));
  audit(*tx, clock_, actor, "agreement.end", "agreement:" + std::to_string(id),
        "fin le " + last.iso() + (reason.empty() ? "" : " : " + reason));
  tx->commit();
  return view;
}

std::vector<AgreementView> NetworkAdmin::agreements_of(const domain::Actor& actor, domain::CentreId centre) {
  auto tx = store_.begin(store::Access::Read);
  const domain::Centre c = managed_or_throw(*tx, actor, centre);
  const domain::Date now = today(clock_);
  std::vector<AgreementView> out;
  for (auto& a : tx->agreements().of_centre(centre)) out.push_back(agreement_view(*tx, c, std::move(a), now));
  return out;
}

}  // namespace tc::service
