#include "service/communication.h"

#include <algorithm>

#include "calendar/time_zone.h"
#include "service/errors.h"

namespace tc::service {

namespace {

using Kind = ServiceError::Kind;

void require_communicator(const domain::Actor& a) {
  if (!a.is_admin() && !a.has(domain::Role::Animator))
    throw ServiceError(Kind::Forbidden, "Le plan de communication est réservé à l'animation du réseau et au conseil.",
                       "The communication plan is for the network's animator and the council.");
}

[[noreturn]] void not_found() {
  throw ServiceError(Kind::NotFound, "Cette action de communication n'existe pas.",
                     "This communication action does not exist.", "id");
}

void check_year(int year) {
  if (year < 2000 || year > 2100)
    throw ServiceError(Kind::Invalid, "L'année est entre 2000 et 2100.", "The year is between 2000 and 2100.", "year");
}

void check(store::Transaction& tx, const domain::CommAction& a) {
  if (auto errors = domain::validate(a); !errors.empty())
    throw ServiceError(Kind::Invalid, errors.front().message_fr, errors.front().message_en, errors.front().field);
  if (a.centre && !tx.centres().find(*a.centre))
    throw ServiceError(Kind::Invalid, "Télécentre inconnu : " + std::to_string(*a.centre) + ".",
                       "Unknown centre: " + std::to_string(*a.centre) + ".", "centre");
}

std::optional<std::int64_t> who(const domain::Actor& a) {
  return a.id > 0 ? std::optional<std::int64_t>(a.id) : std::nullopt;
}

}  // namespace

Communication::Communication(store::Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

domain::Date Communication::today() const {
  static const auto paris = calendar::find_zone("Europe/Paris");
  return paris->local_date(clock_());
}

domain::CommAction Communication::create(const domain::Actor& actor, domain::CommAction a) {
  require_communicator(actor);
  auto tx = store_.begin(store::Access::Write);
  check(*tx, a);
  a.created_at = clock_().iso();
  a.id = tx->communication().insert(a);
  tx->audit().append(
      {0, a.created_at, who(actor), "communication.create", "comm_action:" + std::to_string(a.id), a.title});
  tx->commit();
  return a;
}

domain::CommAction Communication::update(const domain::Actor& actor, domain::CommAction a) {
  require_communicator(actor);
  auto tx = store_.begin(store::Access::Write);
  const auto old = tx->communication().find(a.id);
  if (!old) not_found();
  check(*tx, a);
  a.created_at = old->created_at;
  tx->communication().update(a);
  tx->audit().append(
      {0, clock_().iso(), who(actor), "communication.update", "comm_action:" + std::to_string(a.id), a.title});
  tx->commit();
  return a;
}

domain::CommAction Communication::get(const domain::Actor& actor, domain::CommActionId id) {
  require_communicator(actor);
  auto tx = store_.begin(store::Access::Read);
  auto a = tx->communication().find(id);
  if (!a) not_found();
  return *a;
}

std::vector<domain::CommAction> Communication::list(const domain::Actor& actor, int year) {
  return this->year(actor, year).actions;
}

domain::CommSummary Communication::summary(const domain::Actor& actor, int year) {
  return this->year(actor, year).summary;
}

CommYear Communication::year(const domain::Actor& actor, int year) {
  require_communicator(actor);
  check_year(year);
  CommYear out;
  out.year = year;
  {
    auto tx = store_.begin(store::Access::Read);
    const domain::Date from{year, 1, 1}, to{year, 12, 31};
    out.actions = tx->communication().between(from, to);
    out.citing = tx->communication().citing(from, to);
  }
  out.summary = domain::summarise(year, out.actions, out.citing);
  return out;
}

std::vector<domain::CommAction> Communication::recent() {
  const domain::Date to = today();
  const domain::Date from{to.year - 2, to.month, to.month == 2 && to.day == 29 ? 28 : to.day};
  auto tx = store_.begin(store::Access::Read);
  auto out = tx->communication().between(from, to);
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace tc::service
