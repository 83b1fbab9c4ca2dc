#include "domain/booking_rules.h"

#include <initializer_list>

namespace tc::domain {

bool BookingRulesOverride::empty() const {
  return !horizon_days && !min_notice_minutes && !max_half_days_per_week && !no_show_morning_minute &&
         !no_show_afternoon_minute;
}

BookingRules apply(BookingRules network, const BookingRulesOverride& centre) {
  if (centre.horizon_days) network.horizon_days = *centre.horizon_days;
  if (centre.min_notice_minutes) network.min_notice_minutes = *centre.min_notice_minutes;
  if (centre.max_half_days_per_week) network.max_half_days_per_week = *centre.max_half_days_per_week;
  if (centre.no_show_morning_minute) network.no_show_morning_minute = *centre.no_show_morning_minute;
  if (centre.no_show_afternoon_minute) network.no_show_afternoon_minute = *centre.no_show_afternoon_minute;
  return network;
}

std::vector<std::string> validate(const BookingRules& r) {
  std::vector<std::string> problems;
  if (r.horizon_days < 0 || r.horizon_days > 731)
    problems.emplace_back("L'horizon de réservation va de 0 à 731 jours.");
  if (r.min_notice_minutes < 0 || r.min_notice_minutes > 14 * 24 * 60)
    problems.emplace_back("Le délai de prévenance va de 0 minute à 14 jours.");
  if (r.max_half_days_per_week < 1 || r.max_half_days_per_week > 14)
    problems.emplace_back("Le maximum de demi-journées par semaine va de 1 à 14.");
  for (int m : {r.no_show_morning_minute, r.no_show_afternoon_minute})
    if (m < 0 || m >= 24 * 60) problems.emplace_back("Une heure limite d'arrivée doit être une heure de la journée.");
  return problems;
}

}  // namespace tc::domain
