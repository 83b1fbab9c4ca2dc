#include "service/events.h"

#include <algorithm>
#include <cstdio>

#include "calendar/ical_feed.h"
#include "calendar/time_zone.h"
#include "service/errors.h"
#include "service/secrets.h"

namespace tc::service {

namespace {

using Kind = ServiceError::Kind;

constexpr std::size_t kNameMax = 120;

bool organises(const domain::Actor& a) { return a.is_admin() || a.has(domain::Role::Animator); }

void audit(store::Transaction& tx, const std::string& at, const domain::Actor& actor, std::string action,
           std::string subject, std::string detail) {
  const std::optional<std::int64_t> who = actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt;
  tx.audit().append({0, at, who, std::move(action), std::move(subject), std::move(detail)});
}

[[noreturn]] void not_found() {
  throw ServiceError(Kind::NotFound, "Cet événement n'existe pas.", "This event does not exist.", "id");
}

std::string hour_text(int minute) {
  char buffer[16];
  if (minute % 60 == 0)
    std::snprintf(buffer, sizeof buffer, "%d h", minute / 60);
  else
    std::snprintf(buffer, sizeof buffer, "%d h %02d", minute / 60, minute % 60);
  return buffer;
}

// "10 décembre 2026, de 18 h à 20 h, Place de l'Hôtel de ville, Murat".
std::string when_where(const EventView& v) {
  static constexpr const char* kMonths[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                            "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  const auto& e = v.event;
  std::string out = std::to_string(e.date.day) + (e.date.day == 1 ? "er " : " ") +
                    kMonths[std::clamp(e.date.month, 1, 12) - 1] + " " + std::to_string(e.date.year) + ", de " +
                    hour_text(e.start_minute) + " à " + hour_text(e.end_minute);
  if (!v.centre_name.empty()) out += ", " + v.centre_name;
  if (!e.address.empty()) out += ", " + e.address;
  if (!v.commune_name.empty()) out += ", " + v.commune_name;
  return out;
}

EventView view_of(store::Transaction& tx, const domain::Event& e) {
  EventView v;
  v.event = e;
  if (const auto c = tx.communes().find(e.commune_insee)) v.commune_name = c->name;
  if (e.centre_id)
    if (const auto c = tx.centres().find(*e.centre_id)) v.centre_name = c->name;
  for (const auto& r : tx.events().registrations_of(e.id)) {
    if (r.status == domain::RegistrationStatus::Confirmed) ++v.confirmed;
    if (r.status == domain::RegistrationStatus::Waiting) ++v.waiting;
  }
  return v;
}

// The views of a period's events with a bounded number of queries: the registrations counted in one, and each
// place's name read once however many events it has (not once per event).
std::vector<EventView> views_between(store::Transaction& tx, domain::Date from, domain::Date to, bool public_only) {
  const auto counts = tx.events().registration_counts(from, to);
  std::map<std::string, std::string> communes;
  std::map<domain::CentreId, std::string> centres;
  std::vector<EventView> out;
  for (const auto& e : tx.events().between(from, to, public_only)) {
    EventView v;
    v.event = e;
    auto commune = communes.find(e.commune_insee);
    if (commune == communes.end()) {
      const auto c = tx.communes().find(e.commune_insee);
      commune = communes.emplace(e.commune_insee, c ? c->name : std::string()).first;
    }
    v.commune_name = commune->second;
    if (e.centre_id) {
      auto centre = centres.find(*e.centre_id);
      if (centre == centres.end()) {
        const auto c = tx.centres().find(*e.centre_id);
        centre = centres.emplace(*e.centre_id, c ? c->name : std::string()).first;
      }
      v.centre_name = centre->second;
    }
    if (const auto n = counts.find(e.id); n != counts.end()) std::tie(v.confirmed, v.waiting) = n->second;
    out.push_back(std::move(v));
  }
  return out;
}

domain::Date paris_today(const Clock& clock) {
  static const auto paris = calendar::find_zone("Europe/Paris");
  return paris->local_date(clock());
}

calendar::FeedEvent feed_event(const EventView& v, const std::string& stamp) {
  calendar::FeedEvent f;
  f.uid = "event-" + std::to_string(v.event.id) + "@telecentres";
  f.zone = v.event.zone;
  f.date = v.event.date;
  f.start_minute = v.event.start_minute;
  f.end_minute = v.event.end_minute;
  f.summary = v.event.title;
  std::string place = v.centre_name;
  for (const std::string* part : {&v.event.address, &v.commune_name})
    if (!part->empty()) place += (place.empty() ? "" : ", ") + *part;
  f.location = place;
  f.description = v.event.description;
  f.cancelled = v.event.cancelled;
  f.stamp_utc = stamp;
  return f;
}

}  // namespace

Events::Events(store::Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

EventView Events::create(const domain::Actor& actor, domain::Event e) {
  if (!organises(actor))
    throw ServiceError(Kind::Forbidden, "Les événements sont publiés par l'animation du réseau et le conseil.",
                       "Events are published by the network's animator and the council.");
  auto tx = store_.begin(store::Access::Write);
  if (e.centre_id) {
    const auto c = tx->centres().find(*e.centre_id);
    if (!c)
      throw ServiceError(Kind::Invalid, "Ce télécentre n'existe pas.", "This centre does not exist.", "centre_id");
    e.commune_insee = c->commune_insee;
    if (e.address.empty()) e.address = c->address;
  }
  if (auto errors = domain::validate(e); !errors.empty())
    throw ServiceError(Kind::Invalid, errors.front().message_fr, errors.front().message_en, errors.front().field);
  if (!tx->communes().find(e.commune_insee))
    throw ServiceError(Kind::Invalid, "Commune inconnue : " + e.commune_insee + ".",
                       "Unknown commune: " + e.commune_insee + ".", "commune");
  e.organiser = actor.id;
  e.created_at = clock_().iso();
  e.cancelled = false;
  e.id = tx->events().insert(e);
  audit(*tx, e.created_at, actor, "event.create", "event:" + std::to_string(e.id), e.title);
  EventView v = view_of(*tx, e);
  tx->commit();
  return v;
}

EventView Events::update(const domain::Actor& actor, domain::Event e) {
  auto tx = store_.begin(store::Access::Write);
  const auto stored = tx->events().find(e.id);
  if (!stored) not_found();
  if (!organises(actor) && stored->organiser != actor.id)
    throw ServiceError(Kind::Forbidden, "Un événement est modifié par son organisateur et l'animation.",
                       "An event is changed by its organiser and the animator.");
  e.organiser = stored->organiser;
  e.created_at = stored->created_at;
  e.cancelled = stored->cancelled;
  e.zone = stored->zone;
  if (e.centre_id) {
    const auto c = tx->centres().find(*e.centre_id);
    if (!c)
      throw ServiceError(Kind::Invalid, "Ce télécentre n'existe pas.", "This centre does not exist.", "centre_id");
    e.commune_insee = c->commune_insee;
    if (e.address.empty()) e.address = c->address;
  }
  if (auto errors = domain::validate(e); !errors.empty())
    throw ServiceError(Kind::Invalid, errors.front().message_fr, errors.front().message_en, errors.front().field);
  if (!tx->communes().find(e.commune_insee))
    throw ServiceError(Kind::Invalid, "Commune inconnue : " + e.commune_insee + ".",
                       "Unknown commune: " + e.commune_insee + ".", "commune");
  const int confirmed = tx->events().confirmed_count(e.id);
  if (e.capacity > 0 && e.capacity < confirmed)
    throw ServiceError(Kind::Invalid,
                       std::to_string(confirmed) +
                           " places sont déjà confirmées : la capacité ne peut descendre "
                           "en dessous.",
                       std::to_string(confirmed) + " places are already confirmed: the capacity cannot go below.",
                       "capacity");
  tx->events().update(e);
  audit(*tx, clock_().iso(), actor, "event.update", "event:" + std::to_string(e.id), e.title);
  EventView v = view_of(*tx, e);
  tx->commit();
  return v;
}

std::vector<EventView> Events::offer_advice_slots(const domain::Actor& actor, const AdviceSlotsRequest& r) {
  if (!organises(actor))
    throw ServiceError(Kind::Forbidden, "Les créneaux de conseil sont proposés par l'animation du réseau.",
                       "Advice slots are offered by the network's animator.");
  if (r.minutes < 15 || r.minutes > 180)
    throw ServiceError(Kind::Invalid, "Un créneau dure de 15 à 180 minutes.", "A slot lasts 15 to 180 minutes.",
                       "minutes");
  if (r.from_minute < 0 || r.from_minute >= 24 * 60)
    throw ServiceError(Kind::Invalid, "L'heure de début est entre 0 h et 23 h 59.",
                       "The start time is between 00:00 and 23:59.", "starts");
  if (r.to_minute <= r.from_minute || r.to_minute > 24 * 60)
    throw ServiceError(Kind::Invalid, "L'heure de fin vient après celle du début, le même jour.",
                       "The end time comes after the start time, on the same day.", "ends");
  const int count = (r.to_minute - r.from_minute) / r.minutes;
  if (count == 0)
    throw ServiceError(Kind::Invalid,
                       "La plage est plus courte qu'un créneau : allongez-la ou raccourcissez les créneaux.",
                       "The range is shorter than one slot: lengthen it or shorten the slots.", "ends");
  if (count > kMaxAdviceSlots)
    throw ServiceError(Kind::Invalid,
                       "Une offre compte au plus " + std::to_string(kMaxAdviceSlots) +
                           " créneaux ; celle-ci en ferait " + std::to_string(count) + ".",
                       "One offer has at most " + std::to_string(kMaxAdviceSlots) + " slots; this one would make " +
                           std::to_string(count) + ".",
                       "minutes");
  static const auto paris = calendar::find_zone("Europe/Paris");
  const domain::Timestamp now = clock_();
  if (r.date < paris->local_date(now) || paris->instant(r.date, r.from_minute) <= now)
    throw ServiceError(Kind::Invalid, "Ce jour ou cette heure est déjà passé.", "That day or time is already past.",
                       "date");
  const std::string at = now.iso();
  auto tx = store_.begin(store::Access::Write);
  domain::Event base;
  base.type = domain::EventType::Advice;
  base.title = r.title.empty() ? std::string(domain::label_fr(domain::EventType::Advice)) : r.title;
  base.description = r.description;
  base.date = r.date;
  base.centre_id = r.centre_id;
  base.commune_insee = r.commune_insee;
  base.address = r.address;
  base.capacity = 1;
  base.audiences = r.open_to_public
                       ? std::vector<domain::Audience>{domain::Audience::Teleworkers, domain::Audience::Public}
                       : std::vector<domain::Audience>{domain::Audience::Teleworkers};
  base.organiser = actor.id;
  base.created_at = at;
  if (base.centre_id) {
    const auto c = tx->centres().find(*base.centre_id);
    if (!c)
      throw ServiceError(Kind::Invalid, "Ce télécentre n'existe pas.", "This centre does not exist.", "centre_id");
    base.commune_insee = c->commune_insee;
    if (base.address.empty()) base.address = c->address;
  }
  if (!tx->communes().find(base.commune_insee))
    throw ServiceError(Kind::Invalid, "Indiquez la commune du lieu (code INSEE).",
                       "Give the place's commune (INSEE code).", "commune");
  std::vector<EventView> out;
  for (int k = 0; k < count; ++k) {
    domain::Event e = base;
    e.start_minute = r.from_minute + k * r.minutes;
    e.end_minute = e.start_minute + r.minutes;
    if (auto errors = domain::validate(e); !errors.empty())
      throw ServiceError(Kind::Invalid, errors.front().message_fr, errors.front().message_en, errors.front().field);
    e.id = tx->events().insert(e);
    out.push_back(view_of(*tx, e));
  }
  audit(*tx, at, actor, "event.advice_slots", "event:" + std::to_string(out.front().event.id),
        std::to_string(count) + " créneaux le " + r.date.iso());
  tx->commit();
  return out;
}

std::vector<EventView> Events::free_advice_slots(const domain::Actor* actor, domain::Date from, domain::Date to) {
  static const auto paris = calendar::find_zone("Europe/Paris");
  const domain::Timestamp now = clock_();
  const domain::Date today = paris->local_date(now);
  if (from < today) from = today;
  auto tx = store_.begin(store::Access::Read);
  std::vector<EventView> out;
  if (to < from) return out;
  for (auto& v : views_between(*tx, from, to, actor == nullptr)) {
    const domain::Event& e = v.event;
    if (e.type != domain::EventType::Advice || e.cancelled || e.capacity <= 0) continue;
    if (paris->instant(e.date, e.start_minute) <= now) continue;
    if (v.confirmed < e.capacity) out.push_back(std::move(v));
  }
  return out;
}

std::vector<EventView> Events::list(const domain::Actor* actor, domain::Date from, domain::Date to) {
  auto tx = store_.begin(store::Access::Read);
  std::vector<EventView> out;
  out = views_between(*tx, from, to, actor == nullptr);
  return out;
}

EventView Events::get(const domain::Actor* actor, domain::EventId id) {
  auto tx = store_.begin(store::Access::Read);
  const auto e = tx->events().find(id);
  if (!e || (actor == nullptr && !e->is_public())) not_found();
  return view_of(*tx, *e);
}

RegistrationOutcome Events::register_for(const domain::Actor* actor, domain::EventId id, const RegistrationRequest& r,
                                         std::string_view link_base) {
  const std::string now = clock_().iso();
  auto tx = store_.begin(store::Access::Write);
  const auto e = tx->events().find(id);
  if (!e || (actor == nullptr && !e->is_public())) not_found();
  if (e->cancelled)
    throw ServiceError(Kind::Unprocessable, "Cet événement est annulé.", "This event is cancelled.", "id");
  if (e->date < paris_today(clock_))
    throw ServiceError(Kind::Unprocessable, "Cet événement est passé.", "This event is over.", "id");
  domain::Registration reg;
  reg.event_id = id;
  reg.created_at = now;
  if (actor != nullptr && actor->id > 0) {
    const auto person = tx->people().find(actor->id);
    if (!person) not_found();
    reg.person_id = actor->id;
    reg.email = person->email;
    reg.name = tx->people().profile(actor->id).display_name;
    if (reg.name.empty()) reg.name = person->email;
  } else {
    if (!e->is_public())
      throw ServiceError(Kind::Unprocessable, "Connectez-vous pour vous inscrire à cet événement.",
                         "Sign in to register for this event.", "id");
    reg.name = r.name;
    while (!reg.name.empty() && reg.name.back() == ' ') reg.name.pop_back();
    if (reg.name.empty() || domain::count_code_points(reg.name) > kNameMax)
      throw ServiceError(Kind::Invalid, "Indiquez votre nom (120 caractères au plus).",
                         "Give your name (at most 120 characters).", "name");
    reg.email = domain::normalise_email(r.email);
    if (const auto problem = domain::validate_email(reg.email))
      throw ServiceError(Kind::Invalid, *problem, "Give a valid e-mail address.", "email");
  }
  reg.status = domain::admit(*e, tx->events().confirmed_count(id));
  if (reg.status == domain::RegistrationStatus::Waiting && !domain::keeps_waiting_list(*e)) {
    ServiceError taken(Kind::Conflict, "Ce créneau vient d'être réservé : choisissez-en un autre.",
                       "This slot has just been booked: choose another one.", "id");
    taken.reason = "taken";
    throw taken;
  }
  const std::string token = random_token();
  reg.token = token_hash(token);
  try {
    reg.id = tx->events().insert_registration(reg);
  } catch (const store::StoreError& err) {
    if (err.kind != store::StoreError::Kind::Conflict) throw;
    throw ServiceError(Kind::Conflict, "Cette adresse est déjà inscrite à cet événement.",
                       "This address is already registered for this event.", "email");
  }
  const EventView v = view_of(*tx, *e);
  const bool confirmed = reg.status == domain::RegistrationStatus::Confirmed;
  tx->outbox().enqueue(
      reg.email, (confirmed ? "Inscription confirmée : " : "Liste d'attente : ") + e->title,
      "Bonjour " + reg.name + ",\n\n" +
          (confirmed ? "Votre inscription est confirmée pour « " + e->title + " »,\n"
                     : "L'événement « " + e->title +
                           " » est complet : vous êtes sur la liste d'attente et recevrez un message si une place "
                           "se libère.\nL'événement a lieu le ") +
          when_where(v) + ".\n\nPour annuler votre inscription : " + std::string(link_base) +
          "/evenements/desinscription/" + token + "\n\n— Le réseau des télécentres du Cantal\n",
      now);
  tx->commit();
  return {reg, token};
}

domain::Registration Events::cancel_registration(std::string_view token) {
  const std::string now = clock_().iso();
  auto tx = store_.begin(store::Access::Write);
  auto reg = tx->events().registration_by_token(token_hash(token));
  if (!reg)
    throw ServiceError(Kind::NotFound, "Ce lien d'annulation n'est pas valable.",
                       "This cancellation link is not valid.", "token");
  if (reg->status == domain::RegistrationStatus::Cancelled) return *reg;
  const bool had_place = reg->status == domain::RegistrationStatus::Confirmed;
  reg->status = domain::RegistrationStatus::Cancelled;
  tx->events().update_registration(*reg);
  const auto e = tx->events().find(reg->event_id);
  if (had_place && e && !e->cancelled) {
    std::vector<domain::Registration> waiting;
    for (const auto& r : tx->events().registrations_of(e->id))
      if (r.status == domain::RegistrationStatus::Waiting) waiting.push_back(r);
    const EventView v = view_of(*tx, *e);
    for (const auto id : domain::promote(*e, tx->events().confirmed_count(e->id), waiting)) {
      auto promoted = *tx->events().find_registration(id);
      promoted.status = domain::RegistrationStatus::Confirmed;
      tx->events().update_registration(promoted);
      tx->outbox().enqueue(promoted.email, "Une place s'est libérée : " + e->title,
                           "Bonjour " + promoted.name + ",\n\nUne place s'est libérée : votre inscription à « " +
                               e->title + " » est confirmée, le " + when_where(v) +
                               ".\n\nLe lien d'annulation de votre premier message reste valable.\n\n— Le réseau "
                               "des télécentres du Cantal\n",
                           now);
    }
  }
  tx->commit();
  return *reg;
}

std::vector<domain::Registration> Events::registrations(const domain::Actor& actor, domain::EventId id) {
  auto tx = store_.begin(store::Access::Read);
  const auto e = tx->events().find(id);
  if (!e) not_found();
  if (!organises(actor) && e->organiser != actor.id)
    throw ServiceError(Kind::Forbidden, "Les inscriptions sont pour l'organisateur et l'animation.",
                       "Registrations are for the organiser and the animator.");
  return tx->events().registrations_of(id);
}

void Events::mark_attendance(const domain::Actor& actor, domain::RegistrationId id, bool attended) {
  auto tx = store_.begin(store::Access::Write);
  auto reg = tx->events().find_registration(id);
  if (!reg)
    throw ServiceError(Kind::NotFound, "Cette inscription n'existe pas.", "This registration does not exist.", "id");
  const auto e = tx->events().find(reg->event_id);
  if (!e || (!organises(actor) && e->organiser != actor.id))
    throw ServiceError(Kind::Forbidden, "La présence est notée par l'organisateur et l'animation.",
                       "Attendance is marked by the organiser and the animator.");
  if (reg->status != domain::RegistrationStatus::Confirmed)
    throw ServiceError(Kind::Unprocessable, "Seules les inscriptions confirmées ont une présence.",
                       "Only confirmed registrations have an attendance.", "id");
  reg->attended = attended;
  tx->events().update_registration(*reg);
  audit(*tx, clock_().iso(), actor, "event.attendance", "registration:" + std::to_string(id),
        attended ? "présent" : "absent");
  tx->commit();
}

int Events::send_reminders() {
  const std::string now = clock_().iso();
  const domain::Date tomorrow = paris_today(clock_).plus_days(1);
  auto tx = store_.begin(store::Access::Write);
  int sent = 0;
  for (const auto& e : tx->events().between(tomorrow, tomorrow, false)) {
    if (e.cancelled) continue;
    const EventView v = view_of(*tx, e);
    for (auto r : tx->events().registrations_of(e.id)) {
      if (r.status != domain::RegistrationStatus::Confirmed || !r.reminded_at.empty()) continue;
      tx->outbox().enqueue(r.email, "Rappel : " + e.title + " demain",
                           "Bonjour " + r.name + ",\n\nNous vous rappelons « " + e.title + " », demain " +
                               when_where(v) +
                               ".\n\nSi vous ne pouvez pas venir, le lien d'annulation de votre premier message "
                               "libère votre place pour quelqu'un d'autre.\n\n— Le réseau des télécentres du "
                               "Cantal\n",
                           now);
      r.reminded_at = now;
      tx->events().update_registration(r);
      ++sent;
    }
  }
  tx->commit();
  return sent;
}

std::string Events::public_ical(domain::Date from) {
  calendar::Feed feed;
  feed.name = "Télécentres du Cantal — événements";
  feed.product_id = "-//telecentres//Événements//FR";
  const std::string stamp = clock_().iso();
  // Without the advice slots: the feed tells subscribers what happens in the network, and forty one-person
  // appointments a week would bury that; a booked slot is besides someone's private appointment. Whoever books
  // one gets it through the event's own .ics.
  for (const auto& v : list(nullptr, from, domain::Date{9999, 12, 31}))
    if (v.event.type != domain::EventType::Advice) feed.events.push_back(feed_event(v, stamp));
  return calendar::render_ical(feed);
}

std::string Events::event_ical(const domain::Actor* actor, domain::EventId id) {
  calendar::Feed feed;
  feed.product_id = "-//telecentres//Événements//FR";
  feed.events.push_back(feed_event(get(actor, id), clock_().iso()));
  return calendar::render_ical(feed);
}

}  // namespace tc::service
