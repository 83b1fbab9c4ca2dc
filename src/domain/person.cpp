#include "domain/person.h"
#include "domain/enum_names.h"

#include <algorithm>

namespace tc::domain {

namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

// INSEE commune codes: five digits, or 2A/2B and three digits for Corsica.
bool is_insee_shape(std::string_view code) {
  if (code.size() != 5) return false;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const bool corsica = code[0] == '2' && (code[1] == 'A' || code[1] == 'B');
  if (!corsica && !(digit(code[0]) && digit(code[1]))) return false;
  return std::all_of(code.begin() + 2, code.end(), digit);
}

void check_insee(std::vector<FieldError>& errors, const std::string& field, const std::string& code,
                 std::string_view what_fr, std::string_view what_en) {
  if (code.empty() || is_insee_shape(code)) return;
  errors.push_back(
      {field, "Le code INSEE " + std::string(what_fr) + " n'est pas valide : 5 caractères attendus, par exemple 15014.",
       "The INSEE code of the " + std::string(what_en) + " is not valid: 5 characters expected, e.g. 15014."});
}
}  // namespace

std::size_t count_code_points(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string_view to_string(Role r) {
  switch (r) {
    case Role::Teleworker: return "teleworker";
    case Role::Host: return "host";
    case Role::Animator: return "animator";
    case Role::Admin: return "admin";
  }
  return "teleworker";
}

std::optional<Role> parse_role(std::string_view s) { return parse_by_name(s, kAllRoles); }

std::string_view to_string(Category c) {
  switch (c) {
    case Category::DistantEmployee: return "distant_employee";
    case Category::SecondHomeEmployee: return "second_home_employee";
    case Category::Independent: return "independent";
    case Category::JobSeeker: return "job_seeker";
    case Category::PassingThrough: return "passing_through";
    case Category::ReducedMobilityOrAtHome: return "reduced_mobility_or_at_home";
    case Category::RelocatedEmployee: return "relocated_employee";
  }
  return "distant_employee";
}

std::optional<Category> parse_category(std::string_view s) { return parse_by_name(s, kAllCategories); }

std::string_view label_fr(Category c) {
  switch (c) {
    case Category::DistantEmployee: return "Salarié d'une entreprise éloignée, habitant le Cantal";
    case Category::SecondHomeEmployee: return "Salarié d'une entreprise éloignée, en résidence secondaire";
    case Category::Independent: return "Travailleur indépendant éloigné de ses clients";
    case Category::JobSeeker: return "Demandeur d'emploi qui prépare son installation en indépendant";
    case Category::PassingThrough: return "De passage";
    case Category::ReducedMobilityOrAtHome: return "Personne à mobilité réduite ou au foyer, avec compétences et temps";
    case Category::RelocatedEmployee: return "Salarié dont l'entreprise nationale a relocalisé le poste";
  }
  return "";
}

std::string_view label_en(Category c) {
  switch (c) {
    case Category::DistantEmployee: return "Employee of a distant company, living here";
    case Category::SecondHomeEmployee: return "Employee of a distant company, staying in a second home";
    case Category::Independent: return "Independent worker far from their clients";
    case Category::JobSeeker: return "Job seeker planning to become independent";
    case Category::PassingThrough: return "Passing through";
    case Category::ReducedMobilityOrAtHome: return "Person with reduced mobility, or at home with skills and time";
    case Category::RelocatedEmployee: return "Employee relocated by a national company";
  }
  return "";
}

bool Actor::has(Role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

bool Actor::hosts(std::int64_t centre_id) const {
  return has(Role::Host) && std::find(host_centres.begin(), host_centres.end(), centre_id) != host_centres.end();
}

std::string normalise_email(std::string_view email) {
  while (!email.empty() && is_ascii_space(email.front())) email.remove_prefix(1);
  while (!email.empty() && is_ascii_space(email.back())) email.remove_suffix(1);
  std::string out(email);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<std::string> validate_email(std::string_view email) {
  if (email.empty()) return "L'adresse e-mail est obligatoire.";
  if (email.size() > 254) return "L'adresse e-mail est trop longue (254 caractères au plus).";
  if (std::any_of(email.begin(), email.end(), [](char c) { return c == ' ' || is_control(c); }))
    return "L'adresse e-mail ne doit contenir ni espace ni caractère de contrôle.";
  const auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos)
    return "L'adresse e-mail doit contenir un seul « @ ».";
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.empty()) return "Il manque la partie avant le « @ » de l'adresse e-mail.";
  if (local.size() > 64) return "La partie avant le « @ » de l'adresse e-mail est trop longue (64 caractères au plus).";
  // A dot with a non-empty label on each side: "exemple.fr", not "exemple", ".fr", "exemple." or "exemple..fr".
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos)
    return "Le domaine de l'adresse e-mail n'est pas valide (par exemple : exemple.fr).";
  return std::nullopt;
}

std::vector<FieldError> validate(const Profile& p) {
  std::vector<FieldError> errors;
  const bool blank_name =
      std::all_of(p.display_name.begin(), p.display_name.end(), [](char c) { return is_ascii_space(c); });
  if (blank_name)
    errors.push_back({"display_name", "Le nom affiché est obligatoire.", "The display name is required."});
  else if (count_code_points(p.display_name) > 100)
    errors.push_back({"display_name", "Le nom affiché est trop long (100 caractères au plus).",
                      "The display name is too long (100 characters at most)."});
  else if (std::any_of(p.display_name.begin(), p.display_name.end(), is_control))
    errors.push_back({"display_name",
                      "Le nom affiché ne doit pas contenir de saut de ligne ni de caractère de contrôle.",
                      "The display name must not contain line breaks or control characters."});
  if (count_code_points(p.employer) > 200)
    errors.push_back({"employer", "Le nom de l'employeur est trop long (200 caractères au plus).",
                      "The employer's name is too long (200 characters at most)."});
  check_insee(errors, "home_commune_insee", p.home_commune_insee, "de la commune de résidence", "home commune");
  check_insee(errors, "workplace_commune_insee", p.workplace_commune_insee, "de la commune de travail",
              "workplace commune");
  return errors;
}

std::string_view utf8_prefix(std::string_view utf8, std::size_t max_code_points) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    // A code point starts at every byte that is not a continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) {
      if (seen == max_code_points) return utf8.substr(0, i);
      ++seen;
    }
  }
  return utf8;
}

}  // namespace tc::domain
