#include "domain/application.h"

#include <algorithm>
#include <utility>

#include "domain/timestamp.h"

namespace tc::domain {

namespace {
using S = ApplicationState;

// The life cycle alone, whoever asks.
bool edge_exists(S from, S to) {
  if (to == S::Withdrawn) return is_open(from);
  switch (from) {
    case S::Submitted: return to == S::UnderReview || to == S::Accepted || to == S::Waitlisted || to == S::Declined;
    case S::UnderReview: return to == S::Accepted || to == S::Waitlisted || to == S::Declined;
    case S::Waitlisted: return to == S::Accepted || to == S::Declined;
    case S::Accepted: return to == S::Active;
    case S::Active: return to == S::Ended;
    case S::Declined:
    case S::Ended:
    case S::Withdrawn: return false;
  }
  return false;
}

bool party_may_enter(Party who, S to) {
  switch (who) {
    case Party::Applicant: return to == S::Withdrawn;
    case Party::Reviewer: return to != S::Withdrawn && to != S::Submitted;
    case Party::System: return to == S::Active;
  }
  return false;
}

std::string refusal_for_party(Party who, S to) {
  if (to == S::Withdrawn) return "Seul le candidat peut retirer sa candidature.";
  if (who == Party::Applicant) return "Le candidat peut seulement retirer sa candidature.";
  return "Cette décision revient à l'accueil du télécentre ou à un administrateur.";
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; });
}
}  // namespace

std::string_view to_string(ApplicationState s) {
  switch (s) {
    case S::Submitted: return "submitted";
    case S::UnderReview: return "under_review";
    case S::Accepted: return "accepted";
    case S::Waitlisted: return "waitlisted";
    case S::Declined: return "declined";
    case S::Active: return "active";
    case S::Ended: return "ended";
    case S::Withdrawn: return "withdrawn";
  }
  return "submitted";
}

std::optional<ApplicationState> parse_application_state(std::string_view s) {
  for (S state : kAllApplicationStates)
    if (to_string(state) == s) return state;
  return std::nullopt;
}

std::string_view label_fr(ApplicationState s) {
  switch (s) {
    case S::Submitted: return "Déposée";
    case S::UnderReview: return "En cours d'examen";
    case S::Accepted: return "Acceptée";
    case S::Waitlisted: return "En liste d'attente";
    case S::Declined: return "Refusée";
    case S::Active: return "Active";
    case S::Ended: return "Terminée";
    case S::Withdrawn: return "Retirée";
  }
  return "";
}

std::string_view label_en(ApplicationState s) {
  switch (s) {
    case S::Submitted: return "Submitted";
    case S::UnderReview: return "Under review";
    case S::Accepted: return "Accepted";
    case S::Waitlisted: return "Waitlisted";
    case S::Declined: return "Declined";
    case S::Active: return "Active";
    case S::Ended: return "Ended";
    case S::Withdrawn: return "Withdrawn";
  }
  return "";
}

bool is_open(ApplicationState s) { return s != S::Ended && s != S::Declined && s != S::Withdrawn; }

bool can_transition(ApplicationState from, ApplicationState to, Party who) {
  // The system also offers a freed place to the first in the waiting list.
  if (who == Party::System && from == S::Waitlisted && to == S::Accepted) return true;
  return edge_exists(from, to) && party_may_enter(who, to);
}

std::optional<std::string> transition(Application& a, ApplicationState to, Party who, PersonId by, std::string at_utc,
                                      std::string message) {
  if (!edge_exists(a.state, to))
    return "Une candidature « " + std::string(label_fr(a.state)) + " » ne peut pas passer à l'état « " +
           std::string(label_fr(to)) + " ».";
  if (!can_transition(a.state, to, who)) return refusal_for_party(who, to);
  const auto at = parse_timestamp(at_utc);
  if (!at) return "Horodatage invalide : attendu AAAA-MM-JJTHH:MM:SSZ, en UTC.";
  const std::string& last = a.history.empty() ? a.submitted_at_utc : a.history.back().at_utc;
  if (const auto last_at = parse_timestamp(last); last_at && *at < *last_at)
    return "Un changement d'état ne peut pas précéder le précédent (" + last + ").";
  if (count_code_points(message) > kTransitionMessageMaxCodePoints)
    return "Le message est trop long (" + std::to_string(kTransitionMessageMaxCodePoints) + " caractères au plus).";
  a.history.push_back({a.state, to, by, std::move(at_utc), std::move(message)});
  a.state = to;
  return std::nullopt;
}

std::vector<FieldError> validate_new(const Application& a, const Date& today) {
  std::vector<FieldError> errors;
  if (a.rank < 1)
    errors.push_back({"rank", "L'ordre de préférence commence à 1 (premier choix).",
                      "The preference rank starts at 1 (first choice)."});
  if (a.days_per_week < 1 || a.days_per_week > 5)
    errors.push_back({"days_per_week", "Le nombre de jours par semaine va de 1 à 5.",
                      "The number of days per week is from 1 to 5."});
  if (a.start_date < today)
    errors.push_back(
        {"start_date", "La date de début ne peut pas être déjà passée.", "The start date cannot be in the past."});
  if (is_blank(a.motivation))
    errors.push_back({"motivation", "Dites en quelques mots pourquoi vous souhaitez rejoindre ce télécentre.",
                      "Say in a few words why you would like to join this telecentre."});
  else if (count_code_points(a.motivation) > kMotivationMaxCodePoints)
    errors.push_back(
        {"motivation",
         "La motivation est trop longue (" + std::to_string(kMotivationMaxCodePoints) + " caractères au plus).",
         "The motivation is too long (" + std::to_string(kMotivationMaxCodePoints) + " characters at most)."});
  return errors;
}

}  // namespace tc::domain
