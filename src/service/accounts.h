// Accounts and sessions: sign-up, sign-in with throttling, sessions by cookie, personal API tokens, and the
// command line's user creation. Answers never tell whether an e-mail has an account: a wrong e-mail and a wrong
// password get the same message and cost the same time.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/password_policy.h"
#include "domain/person.h"
#include "service/clock.h"
#include "store/store.h"

namespace tc::service {

struct AccountsConfig {
  std::chrono::seconds session_lifetime{std::chrono::hours(24 * 14)};
  int free_failures = 5;                    // failed sign-ins allowed before delays start
  std::chrono::seconds max_delay{15 * 60};  // delays double from 1 s up to this
};

struct SignUp {
  std::string email;
  std::string password;
  std::string display_name;
  std::string privacy_notice_version;  // the notice the person agreed to; required
};

// What a successful sign-in hands to the client: the session token (for the cookie, never stored as is) and the
// CSRF token that state-changing requests of this session must echo.
struct NewSession {
  std::string token;
  std::string csrf_token;
  domain::Timestamp expires_at;
  domain::Actor actor;
};

// Who is asking, once their credentials checked out.
struct Caller {
  domain::Actor actor;
  std::string email;
  std::string csrf_token;  // empty when authenticated by API token (no CSRF needed: not sent by browsers)
  bool by_session = false;
};

struct ApiTokenInfo {
  std::int64_t id = 0;
  std::string label;
  std::string created_at;
  bool revoked = false;
};

class Accounts {
 public:
  Accounts(store::Store& store, Clock clock, const domain::CommonPasswords& common, AccountsConfig config = {});

  // Creates a teleworker account. ServiceError{Invalid, field} for a bad e-mail, password or name,
  // {Conflict, "email"} when the e-mail is taken.
  domain::PersonId sign_up(const SignUp& s);

  // ServiceError{Unauthenticated} for wrong credentials, {TooManyRequests, retry_after_s} while throttled (per
  // e-mail and per address).
  NewSession sign_in(std::string_view email, std::string_view password, std::string_view address);

  std::optional<Caller> from_session(std::string_view token);
  std::optional<Caller> from_api_token(std::string_view token);
  void sign_out(std::string_view token);
  void sign_out_everywhere(domain::PersonId person);

  // Returns the new token; shown once, only its hash is kept.
  std::string create_api_token(domain::PersonId person, std::string_view label);
  std::vector<ApiTokenInfo> api_tokens(domain::PersonId person);
  bool revoke_api_token(domain::PersonId person, std::int64_t token_id);

  // Admins only: replaces a person's roles (and the centres a host works for); audit-logged. A host needs at least
  // one centre; an admin cannot remove their own admin role (the council must keep one).
  void set_roles(const domain::Actor& actor, domain::PersonId person, const std::vector<domain::Role>& roles,
                 const std::vector<std::int64_t>& host_centres);

  // Password reset: when the e-mail has an account, queues a mail with a single-use link valid one hour; says
  // nothing either way. `link_base` is the site's address (e.g. "https://telecentres.cantal.fr").
  void request_password_reset(std::string_view email, std::string_view link_base);
  // Sets the new password from a reset token and ends every session of the person. ServiceError{Invalid} for
  // an unknown, used or expired token, or a password against the policy.
  void reset_password(std::string_view token, std::string_view new_password);

  // For the command line: any role, no consent step (the operator creates the account). The password follows the
  // same policy. Returns the new id; audit-logged.
  domain::PersonId add_user(std::string_view email, std::string_view password, domain::Role role,
                            std::optional<std::int64_t> centre);
  // For the command line: a token for an existing account; ServiceError{NotFound} otherwise.
  std::string create_api_token_for(std::string_view email, std::string_view label);

  domain::Profile profile(domain::PersonId person);
  long session_lifetime_s() const { return static_cast<long>(config_.session_lifetime.count()); }

  // The actor for a stored person (roles parsed, host centres attached).
  static domain::Actor actor_of(const store::PersonRecord& p);

  // Replaces the person's profile. ServiceError{Invalid, field} for a field domain::validate refuses or a commune
  // (home_commune_insee, workplace_commune_insee) that is not in the reference list.
  void update_profile(domain::PersonId person, const domain::Profile& p);

 private:
  void check_password_policy(std::string_view password, std::string_view email) const;
  void check_not_throttled(store::Transaction& tx, const std::vector<std::string>& keys, domain::Timestamp now);
  void record_failure(store::Transaction& tx, const std::string& key, domain::Timestamp now);

  store::Store& store_;
  Clock clock_;
  const domain::CommonPasswords& common_;
  AccountsConfig config_;
};

}  // namespace tc::service
