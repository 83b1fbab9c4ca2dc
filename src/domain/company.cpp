#include "domain/company.h"

#include <algorithm>

#include "domain/enum_names.h"

namespace tc::domain {

namespace {

struct Words {
  std::string_view name, fr, en;
};

constexpr std::array<Words, kAllStages.size()> kStageWords{{
    {"identified", "Identifiée", "Identified"},
    {"contacted", "Contactée", "Contacted"},
    {"meeting", "Rendez-vous", "Meeting"},
    {"proposal", "Proposition", "Proposal"},
    {"agreement_signed", "Accord signé", "Agreement signed"},
    {"jobs_relocated", "Emplois relocalisés", "Jobs relocated"},
    {"lost", "Perdue", "Lost"},
}};

const Words& words(Stage s) { return kStageWords[std::min(static_cast<std::size_t>(s), kStageWords.size() - 1)]; }

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

std::string_view to_string(Stage s) { return words(s).name; }
std::optional<Stage> parse_stage(std::string_view s) { return parse_by_name(s, kAllStages); }
std::string_view label_fr(Stage s) { return words(s).fr; }
std::string_view label_en(Stage s) { return words(s).en; }

bool Company::overdue(Date today) const {
  return next_action_on && *next_action_on < today && stage != Stage::Lost && stage != Stage::JobsRelocated;
}

bool valid_siren(std::string_view siren) {
  if (siren.size() != 9 || !std::all_of(siren.begin(), siren.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i) {
    int d = siren[i] - '0';
    if (i % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 == 0;
}

std::vector<FieldError> validate(const Company& c) {
  std::vector<FieldError> out;
  const std::size_t name = count_code_points(c.name);
  if (name == 0 || blank(c.name)) out.push_back({"name", "Donnez le nom de l'entreprise.", "Give the company's name."});
  if (name > 200) out.push_back({"name", "Le nom tient en 200 caractères.", "The name is at most 200 characters."});
  if (!c.siren.empty() && !valid_siren(c.siren))
    out.push_back({"siren", "Le SIREN compte 9 chiffres et sa clé doit être juste.",
                   "A SIREN has 9 digits and a valid check key."});
  if (!c.head_office_insee.empty() && c.head_office_insee.size() != 5)
    out.push_back(
        {"head_office", "Le siège est un code INSEE de commune.", "The head office is a commune's INSEE code."});
  if (c.employees < 0 || c.potential_jobs < 0 || c.jobs_relocated < 0)
    out.push_back({"potential_jobs", "Les effectifs et emplois ne sont pas négatifs.", "Headcounts are not negative."});
  for (const auto& contact : c.contacts) {
    if (blank(contact.name)) {
      out.push_back({"contacts", "Chaque contact a un nom.", "Each contact has a name."});
      break;
    }
    if (!contact.email.empty() && validate_email(contact.email)) {
      out.push_back({"contacts", "L'adresse e-mail d'un contact n'est pas valable : " + contact.email + ".",
                     "A contact's e-mail address is not valid: " + contact.email + "."});
      break;
    }
  }
  return out;
}

std::vector<FieldError> check_move(const Company& c, Stage to, std::string_view lost_reason, int jobs_relocated) {
  std::vector<FieldError> out;
  if (c.stage == Stage::Lost || c.stage == Stage::JobsRelocated) {
    out.push_back({"stage", "Cette entreprise a quitté la prospection (« " + std::string(label_fr(c.stage)) + " »).",
                   "This company has left the pipeline (\"" + std::string(label_en(c.stage)) + "\")."});
    return out;
  }
  if (to == Stage::Lost) {
    if (blank(lost_reason))
      out.push_back({"lost_reason", "Dites pourquoi la piste est perdue.", "Say why the lead is lost."});
    return out;
  }
  if (static_cast<int>(to) <= static_cast<int>(c.stage))
    out.push_back({"stage", "La prospection avance d'une étape à une étape suivante.",
                   "The pipeline moves forward, to a later stage."});
  if (to == Stage::JobsRelocated && jobs_relocated <= 0)
    out.push_back(
        {"jobs_relocated", "Indiquez le nombre d'emplois relocalisés.", "Give the number of jobs relocated."});
  return out;
}

}  // namespace tc::domain
