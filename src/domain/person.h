// A person on the platform: who they are to the network (roles), what they tell it about themselves (profile),
// and the checks their entries must pass. Whether a commune exists, or an e-mail is already taken, needs the
// reference data or the store and is the service's to check; here is only what the text itself can tell.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tc::domain {

using PersonId = std::int64_t;

// A problem with one field as entered, in both languages of the interface; `field` is the form's and the API's
// name for it (e.g. "display_name"). Every validation in the domain returns these; empty means valid.
struct FieldError {
  std::string field;
  std::string message_fr;
  std::string message_en;
};

// Length as people count it: UTF-8 code points, not bytes ("é" is one). Stray continuation bytes are not counted.
std::size_t count_code_points(std::string_view utf8);
// The first `max_code_points` characters of a UTF-8 text, never cutting one in two.
std::string_view utf8_prefix(std::string_view utf8, std::size_t max_code_points);

enum class Role {
  Teleworker,  // applies to centres and books posts
  Host,        // works for the authority hosting a centre: reviews its applications, runs its reception
  Animator,    // the network's contractor (prestataire): animation, training, advice
  Admin,       // the council's project team
};
inline constexpr std::array<Role, 4> kAllRoles{Role::Teleworker, Role::Host, Role::Animator, Role::Admin};
std::string_view to_string(Role r);  // "teleworker", "host", "animator", "admin"
std::optional<Role> parse_role(std::string_view s);

// The publics the seed names when siting centres; the network reports on them and may give some priority.
enum class Category {
  DistantEmployee,          // employee of a distant company, living here
  SecondHomeEmployee,       // employee of a distant company, staying in a second home
  Independent,              // independent worker far from their clients
  JobSeeker,                // job seeker planning to set up as an independent
  PassingThrough,           // person passing through
  ReducedMobilityOrAtHome,  // person with reduced mobility, or at home with skills and time
  RelocatedEmployee,        // employee whose job a national company relocated to the Cantal
};
inline constexpr std::array<Category, 7> kAllCategories{
    Category::DistantEmployee, Category::SecondHomeEmployee,      Category::Independent,      Category::JobSeeker,
    Category::PassingThrough,  Category::ReducedMobilityOrAtHome, Category::RelocatedEmployee};
std::string_view to_string(Category c);  // snake_case, e.g. "second_home_employee"
std::optional<Category> parse_category(std::string_view s);
std::string_view label_fr(Category c);  // e.g. "Salarié d'une entreprise éloignée, en résidence secondaire"
std::string_view label_en(Category c);

// What a person needs from a centre, matched against its services and accessibility.
struct Needs {
  bool step_free = false;
  bool fax = false;
  bool printing = false;
  bool videoconference = false;
};

struct Profile {
  std::string display_name;        // required, at most 100 characters
  std::string home_commune_insee;  // optional; 5 characters when given
  Category category = Category::DistantEmployee;
  std::string workplace_commune_insee;  // optional: the employer's or clients' commune, possibly outside the Cantal
  std::string employer;                 // optional, at most 200 characters
  Needs needs;
  // Reconnaissance de la qualité de travailleur handicapé. Sensitive health data: only ever given by the person,
  // never required; nullopt means "not said", which is not "no".
  std::optional<bool> rqth;
};

// Who is acting, as the service has established it; the domain's rules take this rather than a session.
struct Actor {
  PersonId id = 0;
  std::vector<Role> roles;
  std::vector<std::int64_t> host_centres;  // the centres this person hosts, meaningful with Role::Host

  bool has(Role r) const;
  // Needs the Host role as well as the centre: a revoked role revokes the centres with it.
  bool hosts(std::int64_t centre_id) const;
  bool is_admin() const { return has(Role::Admin); }
  // A reviewer of that centre's applications: its host, or an admin.
  bool reviews(std::int64_t centre_id) const { return is_admin() || hosts(centre_id); }
};

// Trims ASCII white space and lower-cases ASCII letters; other bytes are kept as they are. Addresses are
// stored and compared in this form, so call it before validate_email and before any lookup.
std::string normalise_email(std::string_view email);

// A pragmatic check, not RFC 5322: exactly one "@", a local part of 1 to 64 bytes, a domain with a dot between
// non-empty labels, no white space or control character, 254 bytes at most. Returns a French message, or
// nullopt when the address is acceptable. Whether mail reaches it is for a confirmation e-mail to tell.
std::optional<std::string> validate_email(std::string_view email);

// Checks the profile's text fields (lengths, INSEE code shape); empty means valid.
std::vector<FieldError> validate(const Profile& p);

}  // namespace tc::domain
