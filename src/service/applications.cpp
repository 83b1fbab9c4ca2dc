#include "service/applications.h"

#include <algorithm>

#include "service/errors.h"

namespace tc::service {

namespace {

using domain::ApplicationState;
using S = domain::ApplicationState;

ServiceError not_found() {
  return ServiceError(ServiceError::Kind::NotFound, "Cette candidature n'existe pas.",
                      "This application does not exist.");
}

ServiceError refused(const std::string& fr, const std::string& en, const std::string& field = {}) {
  return ServiceError(ServiceError::Kind::Conflict, fr, en, field);
}

bool occupies_a_place(S s) { return s == S::Accepted || s == S::Active; }

}  // namespace

Applications::Applications(store::Store& store, Clock clock, domain::WaitingPolicy policy)
    : store_(store), clock_(std::move(clock)), policy_(std::move(policy)) {}

domain::WaitingPolicy Applications::default_policy() {
  domain::WaitingPolicy p;
  p.priority_categories = {domain::Category::JobSeeker};
  p.rqth_priority = true;
  return p;
}

bool Applications::may_see(const domain::Actor& actor, const store::ApplicationRow& row) const {
  const auto& a = row.application;
  return a.person_id == actor.id || actor.reviews(a.centre_id) || actor.has(domain::Role::Animator);
}

ApplicationView Applications::view(store::Transaction& tx, const domain::Actor& actor, store::ApplicationRow row) {
  ApplicationView v;
  if (auto c = tx.centres().find(row.application.centre_id)) v.centre_name = c->name;
  v.show_applicant = row.application.person_id == actor.id || actor.reviews(row.application.centre_id) ||
                     actor.has(domain::Role::Animator);
  v.show_rqth = row.application.person_id == actor.id || actor.is_admin();
  if (!v.show_rqth) row.applicant_rqth = false;
  v.row = std::move(row);
  return v;
}

void Applications::ensure_may_apply(const domain::Actor& actor) {
  if (!actor.has(domain::Role::Teleworker))
    throw ServiceError(ServiceError::Kind::Forbidden, "Seuls les télétravailleurs peuvent déposer une candidature.",
                       "Only teleworkers can apply.");
}

ApplicationView Applications::apply(const domain::Actor& actor, const NewApplication& in) {
  ensure_may_apply(actor);
  const auto now = clock_();
  domain::Application a;
  a.person_id = actor.id;
  a.centre_id = in.centre_id;
  a.days_per_week = in.days_per_week;
  auto start = domain::parse_date(in.start_date);
  if (!start)
    throw ServiceError(ServiceError::Kind::Invalid, "La date de début doit être une date AAAA-MM-JJ.",
                       "The start date must be a YYYY-MM-DD date.", "start_date");
  a.start_date = *start;
  a.motivation = in.motivation;
  a.submitted_at_utc = now.iso();
  auto tx = store_.begin(store::Access::Write);
  auto centre = tx->centres().find(in.centre_id);
  if (!centre)
    throw ServiceError(ServiceError::Kind::NotFound, "Ce télécentre n'existe pas.", "This centre does not exist.",
                       "centre_id");
  if (centre->status == domain::CentreStatus::Closed)
    throw refused("Ce télécentre est fermé.", "This centre is closed.", "centre_id");
  store::ApplicationFilter mine;
  mine.person_id = actor.id;
  int open = 0;
  for (const auto& r : tx->applications().list(mine)) {
    if (!domain::is_open(r.application.state)) continue;
    ++open;
    if (r.application.centre_id == in.centre_id)
      throw refused("Vous avez déjà une candidature en cours pour ce télécentre.",
                    "You already have an open application for this centre.", "centre_id");
  }
  a.rank = in.rank.value_or(open + 1);
  if (in.heard_via_action) {
    if (!tx->communication().find(*in.heard_via_action))
      throw ServiceError(ServiceError::Kind::Invalid, "Cette action de communication n'existe pas.",
                         "This communication action does not exist.", "heard_via_action");
    a.heard_via_action = in.heard_via_action;
  }
  if (auto errors = domain::validate_new(a, now.utc_date()); !errors.empty())
    throw ServiceError(ServiceError::Kind::Invalid, errors.front().message_fr, errors.front().message_en,
                       errors.front().field);
  a.id = tx->applications().insert(a, domain::utf8_prefix(in.heard_from, 200));
  auto row = tx->applications().find(a.id);
  auto v = view(*tx, actor, std::move(*row));
  tx->commit();
  return v;
}

std::vector<ApplicationView> Applications::list(const domain::Actor& actor, const ApplicationQuery& q) {
  store::ApplicationFilter f;
  f.state = q.state;
  f.category = q.category;
  if (!q.from.empty()) f.submitted_from = q.from;
  if (!q.to.empty()) {
    if (auto d = domain::parse_date(q.to)) f.submitted_to = d->plus_days(1).iso();
  }
  const bool network_wide = actor.is_admin() || actor.has(domain::Role::Animator);
  if (!network_wide) {
    if (actor.has(domain::Role::Host) && !actor.host_centres.empty()) {
      f.centre_ids = actor.host_centres;
    } else {
      f.person_id = actor.id;
    }
  }
  if (q.centre_id) {
    if (!f.centre_ids.empty() &&
        std::find(f.centre_ids.begin(), f.centre_ids.end(), *q.centre_id) == f.centre_ids.end())
      return {};
    f.centre_ids = {*q.centre_id};
  }
  auto tx = store_.begin(store::Access::Read);
  std::vector<ApplicationView> out;
  for (auto& row : tx->applications().list(f))
    if (may_see(actor, row)) out.push_back(view(*tx, actor, std::move(row)));
  // A host who also applied somewhere sees their own applications too.
  if (!network_wide && f.person_id != actor.id) {
    store::ApplicationFilter own = f;
    own.centre_ids.clear();
    own.person_id = actor.id;
    for (auto& row : tx->applications().list(own))
      if (std::none_of(out.begin(), out.end(),
                       [&](const auto& v) { return v.row.application.id == row.application.id; }))
        out.push_back(view(*tx, actor, std::move(row)));
  }
  return out;
}

std::optional<ApplicationView> Applications::get(const domain::Actor& actor, domain::ApplicationId id) {
  auto tx = store_.begin(store::Access::Read);
  auto row = tx->applications().find(id);
  if (!row || !may_see(actor, *row)) return std::nullopt;
  return view(*tx, actor, std::move(*row));
}

ApplicationView Applications::decide(const domain::Actor& actor, domain::ApplicationId id, ApplicationState decision,
                                     const std::string& message) {
  const std::string now = clock_().iso();
  auto tx = store_.begin(store::Access::Write);
  auto row = tx->applications().find(id);
  if (!row || !may_see(actor, *row)) throw not_found();
  if (!actor.reviews(row->application.centre_id))
    throw ServiceError(ServiceError::Kind::Forbidden,
                       "Cette décision revient à l'accueil du télécentre ou à un administrateur.",
                       "Only the centre's hosts or an admin can decide.");
  const S before = row->application.state;
  if (auto err = domain::transition(row->application, decision, domain::Party::Reviewer, actor.id, now, message))
    throw refused(*err, "This decision is not possible in the application's current state.", "decision");
  tx->applications().record_transition(row->application);
  tx->audit().append({0, now, actor.id, "application.decision", "application:" + std::to_string(id),
                      std::string(domain::to_string(before)) + " → " + std::string(domain::to_string(decision))});
  auto centre = tx->centres().find(row->application.centre_id);
  const std::string centre_name = centre ? centre->name : "";
  notify(*tx, *row, centre_name);
  if (occupies_a_place(before) && !occupies_a_place(decision))
    offer_freed_place(*tx, row->application.centre_id, actor.id);
  auto v = view(*tx, actor, std::move(*row));
  tx->commit();
  return v;
}

ApplicationView Applications::withdraw(const domain::Actor& actor, domain::ApplicationId id,
                                       const std::string& message) {
  const std::string now = clock_().iso();
  auto tx = store_.begin(store::Access::Write);
  auto row = tx->applications().find(id);
  if (!row || !may_see(actor, *row)) throw not_found();
  if (row->application.person_id != actor.id)
    throw ServiceError(ServiceError::Kind::Forbidden, "Seul le candidat peut retirer sa candidature.",
                       "Only the applicant can withdraw their application.");
  const S before = row->application.state;
  if (auto err = domain::transition(row->application, S::Withdrawn, domain::Party::Applicant, actor.id, now, message))
    throw refused(*err, "This application can no longer be withdrawn.");
  tx->applications().record_transition(row->application);
  if (occupies_a_place(before)) offer_freed_place(*tx, row->application.centre_id, actor.id);
  auto v = view(*tx, actor, std::move(*row));
  tx->commit();
  return v;
}

void Applications::offer_freed_place(store::Transaction& tx, domain::CentreId centre, domain::PersonId trigger) {
  auto c = tx.centres().find(centre);
  if (!c) return;
  const int taken = tx.applications().count_in_states(centre, {S::Accepted, S::Active});
  if (taken >= c->post_count()) return;
  store::ApplicationFilter f;
  f.centre_ids = {centre};
  f.state = S::Waitlisted;
  std::vector<domain::WaitingEntry> entries;
  std::vector<store::ApplicationRow> rows = tx.applications().list(f);
  entries.reserve(rows.size());
  // The row carries when its state began, so the waiting order needs no per-application history read.
  for (const auto& r : rows)
    entries.push_back({r.application.id, r.applicant_category.value_or(domain::Category::DistantEmployee),
                       r.applicant_rqth, r.state_since_utc});
  auto next = domain::next_offer(entries, policy_);
  if (!next) return;
  auto row = tx.applications().find(*next);
  if (!row) return;
  if (domain::transition(row->application, S::Accepted, domain::Party::System, trigger, clock_().iso(),
                         "Une place s'est libérée : elle vous est proposée."))
    return;
  tx.applications().record_transition(row->application);
  notify(tx, *row, c->name);
}

void Applications::notify(store::Transaction& tx, const store::ApplicationRow& row, const std::string& centre_name) {
  if (row.applicant_email.empty()) return;
  const auto& a = row.application;
  const std::string state(domain::label_fr(a.state));
  std::string body = "Bonjour " + row.applicant_name + ",\n\nVotre candidature au " + centre_name +
                     " est désormais : " + state + ".\n";
  if (!a.history.empty() && !a.history.back().message.empty()) body += "\nMessage : " + a.history.back().message + "\n";
  body += "\nVous la retrouvez sur votre espace : /candidatures/" + std::to_string(a.id) +
          "\n\n— Le réseau des télécentres du Cantal\n";
  tx.outbox().enqueue(row.applicant_email, "Votre candidature : " + state, body, clock_().iso());
}

int Applications::purge_older_than(int months) {
  const auto now = clock_();
  const domain::Timestamp before{now.unix_seconds - static_cast<std::int64_t>(months) * 30 * 24 * 3600};
  auto tx = store_.begin(store::Access::Write);
  int n = tx->applications().purge(S::Declined, before.iso()) + tx->applications().purge(S::Withdrawn, before.iso());
  tx->audit().append({0, now.iso(), std::nullopt, "application.purge", "applications",
                      std::to_string(n) + " candidatures refusées ou retirées supprimées (plus de " +
                          std::to_string(months) + " mois)"});
  tx->commit();
  return n;
}

}  // namespace tc::service
