#include "service/accounts.h"

#include <algorithm>
#include <string>

#include "calendar/time_zone.h"
#include "service/errors.h"
#include "service/secrets.h"

namespace tc::service {

namespace {

using domain::Timestamp;

Timestamp plus(Timestamp t, std::chrono::seconds s) { return Timestamp{t.unix_seconds + s.count()}; }

ServiceError invalid(const domain::FieldError& e) {
  return ServiceError(ServiceError::Kind::Invalid, e.message_fr, e.message_en, e.field);
}

ServiceError wrong_credentials() {
  return ServiceError(ServiceError::Kind::Unauthenticated, "E-mail ou mot de passe incorrect.",
                      "Wrong e-mail or password.");
}

}  // namespace

Accounts::Accounts(store::Store& store, Clock clock, const domain::CommonPasswords& common, AccountsConfig config)
    : store_(store), clock_(std::move(clock)), common_(common), config_(config) {}

domain::Actor Accounts::actor_of(const store::PersonRecord& p) {
  domain::Actor a;
  a.id = p.id;
  for (const auto& r : p.roles)
    if (auto role = domain::parse_role(r)) a.roles.push_back(*role);
  a.host_centres = p.host_centres;
  return a;
}

void Accounts::check_password_policy(std::string_view password, std::string_view email) const {
  auto problems = domain::check_password(password, email, common_);
  if (!problems.empty()) throw invalid(problems.front());
}

domain::PersonId Accounts::sign_up(const SignUp& s) {
  const std::string email = domain::normalise_email(s.email);
  if (auto bad = domain::validate_email(email))
    throw ServiceError(ServiceError::Kind::Invalid, *bad, "The e-mail address is not valid.", "email");
  check_password_policy(s.password, email);
  domain::Profile profile;
  profile.display_name = s.display_name;
  for (const auto& e : domain::validate(profile))
    if (e.field == "display_name") throw invalid(e);
  if (s.privacy_notice_version.empty())
    throw ServiceError(ServiceError::Kind::Invalid, "Vous devez accepter la politique de confidentialité.",
                       "You must accept the privacy notice.", "consent");
  const std::string hash = hash_password(s.password);  // slow on purpose: outside the write transaction
  const std::string now = clock_().iso();
  auto tx = store_.begin(store::Access::Write);
  if (tx->people().find_by_email(email))
    throw ServiceError(ServiceError::Kind::Conflict, "Un compte existe déjà avec cette adresse e-mail.",
                       "An account already exists with this e-mail address.", "email");
  store::PersonRecord p;
  p.email = email;
  p.password_hash = hash;
  p.created_at = now;
  p.roles = {"teleworker"};
  const auto id = tx->people().insert(p);
  tx->people().set_display_name(id, s.display_name);
  tx->people().record_consent(id, s.privacy_notice_version, now);
  tx->commit();
  return id;
}

void Accounts::check_not_throttled(store::Transaction& tx, const std::vector<std::string>& keys, Timestamp now) {
  std::int64_t wait = 0;
  for (const auto& key : keys)
    if (auto r = tx.throttle().find(key))
      if (auto until = domain::parse_timestamp(r->blocked_until); until && until->unix_seconds > now.unix_seconds)
        wait = std::max(wait, until->unix_seconds - now.unix_seconds);
  if (wait > 0) {
    ServiceError e(ServiceError::Kind::TooManyRequests,
                   "Trop de tentatives de connexion. Réessayez dans " + std::to_string(wait) + " s.",
                   "Too many sign-in attempts. Try again in " + std::to_string(wait) + " s.");
    e.retry_after_s = static_cast<int>(wait);
    throw e;
  }
}

void Accounts::record_failure(store::Transaction& tx, const std::string& key, Timestamp now) {
  store::ThrottleRecord r = tx.throttle().find(key).value_or(store::ThrottleRecord{key, 0, "", ""});
  r.failures += 1;
  r.last_failure = now.iso();
  std::int64_t delay = 0;
  if (r.failures >= config_.free_failures) {
    const int doublings = std::min(r.failures - config_.free_failures, 30);
    delay = std::min<std::int64_t>(std::int64_t{1} << doublings, config_.max_delay.count());
  }
  r.blocked_until = Timestamp{now.unix_seconds + delay}.iso();
  tx.throttle().put(r);
}

NewSession Accounts::sign_in(std::string_view email_in, std::string_view password, std::string_view address) {
  const std::string email = domain::normalise_email(email_in);
  const std::vector<std::string> keys = {"email:" + email, "addr:" + std::string(address)};
  const Timestamp now = clock_();
  std::optional<store::PersonRecord> person;
  {
    auto tx = store_.begin(store::Access::Read);
    check_not_throttled(*tx, keys, now);
    person = tx->people().find_by_email(email);
  }
  // Same work whether or not the account exists.
  const bool ok = person && !person->password_hash.empty() ? verify_password(person->password_hash, password)
                                                           : (verify_password(decoy_password_hash(), password), false);
  auto tx = store_.begin(store::Access::Write);
  if (!ok) {
    for (const auto& key : keys) record_failure(*tx, key, now);
    tx->commit();
    throw wrong_credentials();
  }
  for (const auto& key : keys) tx->throttle().clear(key);
  NewSession s;
  s.token = random_token();
  s.csrf_token = random_token();
  s.expires_at = plus(now, config_.session_lifetime);
  s.actor = actor_of(*person);
  tx->sessions().remove_expired(now.iso());
  tx->sessions().insert({token_hash(s.token), person->id, s.csrf_token, now.iso(), s.expires_at.iso()});
  tx->commit();
  return s;
}

std::optional<Caller> Accounts::from_session(std::string_view token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  auto tx = store_.begin(store::Access::Read);
  auto s = tx->sessions().find(token_hash(token));
  if (!s) return std::nullopt;
  auto expires = domain::parse_timestamp(s->expires_at);
  if (!expires || expires->unix_seconds <= clock_().unix_seconds) return std::nullopt;
  auto p = tx->people().find(s->person_id);
  if (!p || p->email.empty()) return std::nullopt;
  return Caller{actor_of(*p), p->email, s->csrf_token, true};
}

std::optional<Caller> Accounts::from_api_token(std::string_view token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  auto tx = store_.begin(store::Access::Read);
  auto t = tx->api_tokens().find_by_hash(token_hash(token));
  if (!t || !t->revoked_at.empty()) return std::nullopt;
  auto p = tx->people().find(t->person_id);
  if (!p || p->email.empty()) return std::nullopt;
  return Caller{actor_of(*p), p->email, "", false};
}

domain::Profile Accounts::profile(domain::PersonId person) {
  auto tx = store_.begin(store::Access::Read);
  return tx->people().profile(person);
}

void Accounts::sign_out(std::string_view token) {
  auto tx = store_.begin(store::Access::Write);
  tx->sessions().remove(token_hash(token));
  tx->commit();
}

void Accounts::sign_out_everywhere(domain::PersonId person) {
  auto tx = store_.begin(store::Access::Write);
  tx->sessions().remove_all_of(person);
  tx->commit();
}

std::string Accounts::create_api_token(domain::PersonId person, std::string_view label) {
  std::string clean(domain::utf8_prefix(label, 100));
  if (clean.empty()) clean = "jeton";
  std::string token = random_token();
  auto tx = store_.begin(store::Access::Write);
  tx->api_tokens().insert({0, person, token_hash(token), clean, clock_().iso(), ""});
  tx->commit();
  return token;
}

std::vector<ApiTokenInfo> Accounts::api_tokens(domain::PersonId person) {
  std::vector<ApiTokenInfo> out;
  auto tx = store_.begin(store::Access::Read);
  for (const auto& t : tx->api_tokens().of_person(person))
    out.push_back({t.id, t.label, t.created_at, !t.revoked_at.empty()});
  return out;
}

bool Accounts::revoke_api_token(domain::PersonId person, std::int64_t token_id) {
  auto tx = store_.begin(store::Access::Write);
  const bool done = tx->api_tokens().revoke(token_id, person, clock_().iso());
  tx->commit();
  return done;
}

void Accounts::set_roles(const domain::Actor& actor, domain::PersonId person, const std::vector<domain::Role>& roles,
                         const std::vector<std::int64_t>& host_centres) {
  if (!actor.is_admin())
    throw ServiceError(ServiceError::Kind::Forbidden, "Seul un administrateur peut changer les rôles.",
                       "Only an admin can change roles.");
  const bool host = std::find(roles.begin(), roles.end(), domain::Role::Host) != roles.end();
  if (host && host_centres.empty())
    throw ServiceError(ServiceError::Kind::Invalid, "Un hôte d'accueil doit être rattaché à au moins un télécentre.",
                       "A host must be attached to at least one centre.", "host_centres");
  if (person == actor.id && std::find(roles.begin(), roles.end(), domain::Role::Admin) == roles.end())
    throw ServiceError(ServiceError::Kind::Conflict, "Vous ne pouvez pas retirer votre propre rôle d'administrateur.",
                       "You cannot remove your own admin role.", "roles");
  auto tx = store_.begin(store::Access::Write);
  auto p = tx->people().find(person);
  if (!p || p->email.empty())
    throw ServiceError(ServiceError::Kind::NotFound, "Compte introuvable.", "Account not found.");
  for (auto c : host_centres)
    if (!tx->centres().find(c))
      throw ServiceError(ServiceError::Kind::NotFound, "Aucun télécentre n'a l'identifiant " + std::to_string(c) + ".",
                         "No centre has the id " + std::to_string(c) + ".", "host_centres");
  std::vector<std::string> names;
  std::string detail;
  for (auto r : roles) {
    names.emplace_back(domain::to_string(r));
    detail += (detail.empty() ? "" : ", ") + names.back();
  }
  tx->people().set_roles(person, names, host ? host_centres : std::vector<std::int64_t>{});
  tx->audit().append({0, clock_().iso(), actor.id, "role.change", "person:" + std::to_string(person),
                      "rôles : " + (detail.empty() ? std::string("aucun") : detail)});
  tx->commit();
}

void Accounts::request_password_reset(std::string_view email_in, std::string_view link_base) {
  const std::string email = domain::normalise_email(email_in);
  if (domain::validate_email(email)) return;
  const auto now = clock_();
  auto tx = store_.begin(store::Access::Write);
  auto p = tx->people().find_by_email(email);
  if (!p) return;
  const std::string token = random_token();
  tx->people().add_reset_token(p->id, token_hash(token), now.iso(), Timestamp{now.unix_seconds + 3600}.iso());
  tx->outbox().enqueue(email, "Réinitialisation de votre mot de passe",
                       "Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien dans l'heure :\n" +
                           std::string(link_base) + "/mot-de-passe/nouveau?jeton=" + token +
                           "\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe reste "
                           "inchangé.\n\n— Le réseau des télécentres du Cantal\n",
                       now.iso());
  tx->commit();
}

void Accounts::reset_password(std::string_view token, std::string_view new_password) {
  const auto invalid_token = [] {
    return ServiceError(ServiceError::Kind::Invalid, "Ce lien de réinitialisation est invalide ou a expiré.",
                        "This reset link is invalid or has expired.", "token");
  };
  if (token.empty() || token.size() > 100) throw invalid_token();
  std::optional<store::PersonRecord> p;
  {
    // Check the token before the slow hashing, without consuming it yet.
    auto tx = store_.begin(store::Access::Write);
    auto person = tx->people().use_reset_token(token_hash(token), clock_().iso());
    if (!person) throw invalid_token();
    p = tx->people().find(*person);
    // Not committed: rolled back, the token stays usable until the password is really set.
  }
  if (!p) throw invalid_token();
  check_password_policy(new_password, p->email);
  const std::string hash = hash_password(new_password);
  auto tx = store_.begin(store::Access::Write);
  auto person = tx->people().use_reset_token(token_hash(token), clock_().iso());
  if (!person) throw invalid_token();
  tx->people().set_password_hash(*person, hash);
  tx->sessions().remove_all_of(*person);
  tx->audit().append({0, clock_().iso(), *person, "person.password_reset", "person:" + std::to_string(*person), ""});
  tx->commit();
}

domain::PersonId Accounts::add_user(std::string_view email_in, std::string_view password, domain::Role role,
                                    std::optional<std::int64_t> centre) {
  const std::string email = domain::normalise_email(email_in);
  if (auto bad = domain::validate_email(email))
    throw ServiceError(ServiceError::Kind::Invalid, *bad, "The e-mail address is not valid.", "email");
  check_password_policy(password, email);
  if (role == domain::Role::Host && !centre)
    throw ServiceError(ServiceError::Kind::Invalid, "Un hôte d'accueil doit être rattaché à un télécentre (--centre).",
                       "A host must be attached to a centre (--centre).", "centre");
  const std::string hash = hash_password(password);
  const std::string now = clock_().iso();
  auto tx = store_.begin(store::Access::Write);
  if (centre && !tx->centres().find(*centre))
    throw ServiceError(ServiceError::Kind::NotFound,
                       "Aucun télécentre n'a l'identifiant " + std::to_string(*centre) + ".",
                       "No centre has the id " + std::to_string(*centre) + ".", "centre");
  if (tx->people().find_by_email(email))
    throw ServiceError(ServiceError::Kind::Conflict, "Un compte existe déjà avec cette adresse e-mail.",
                       "An account already exists with this e-mail address.", "email");
  store::PersonRecord p;
  p.email = email;
  p.password_hash = hash;
  p.created_at = now;
  p.roles = {std::string(domain::to_string(role))};
  if (role == domain::Role::Host && centre) p.host_centres = {*centre};
  const auto id = tx->people().insert(p);
  tx->audit().append({0, now, std::nullopt, "person.create", "person:" + std::to_string(id),
                      "rôle " + std::string(domain::to_string(role)) + " (ligne de commande)"});
  tx->commit();
  return id;
}

std::string Accounts::create_api_token_for(std::string_view email_in, std::string_view label) {
  const std::string email = domain::normalise_email(email_in);
  std::optional<store::PersonRecord> p;
  {
    auto tx = store_.begin(store::Access::Read);
    p = tx->people().find_by_email(email);
  }
  if (!p)
    throw ServiceError(ServiceError::Kind::NotFound, "Aucun compte pour « " + email + " ».",
                       "No account for \"" + email + "\".", "email");
  return create_api_token(p->id, label);
}

void Accounts::update_profile(domain::PersonId person, const domain::Profile& p) {
  if (const auto errors = domain::validate(p); !errors.empty()) throw invalid(errors.front());
  auto tx = store_.begin(store::Access::Write);
  if (!p.home_commune_insee.empty() && !tx->communes().find(p.home_commune_insee))
    throw ServiceError(ServiceError::Kind::Invalid, "La commune de résidence est inconnue.",
                       "The home commune is unknown.", "home_commune_insee");
  if (!p.workplace_commune_insee.empty() && !tx->communes().find(p.workplace_commune_insee))
    throw ServiceError(ServiceError::Kind::Invalid, "La commune de travail est inconnue.",
                       "The workplace commune is unknown.", "workplace_commune_insee");
  if (!tx->people().find(person))
    throw ServiceError(ServiceError::Kind::NotFound, "Ce compte n'existe pas.", "This account does not exist.");
  // The category's history (what the evaluation counts) is kept with the change, in the same transaction.
  static const auto paris = calendar::find_zone("Europe/Paris");
  const Timestamp now = clock_();
  tx->people().set_category(person, p.category, paris->local_date(now), now.iso());
  tx->people().set_profile(person, p);
  tx->commit();
}

}  // namespace tc::service
