// French public holidays (jours fériés), computed rather than listed so that any year works. A centre is closed
// on them unless it chose to open; bookings and availability ask is_public_holiday().
//
// The national list (Code du travail, L3133-1): 1 January, Easter Monday, 1 May, 8 May, Ascension Thursday,
// Whit Monday, 14 July, 15 August, 1 November, 11 November, 25 December. Alsace-Moselle adds Good Friday and
// 26 December, the overseas départements their abolition-of-slavery day: a centre there records those days as
// closures.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/date.h"

namespace tc::domain {

struct PublicHoliday {
  Date date;
  std::string_view name_fr;  // "Lundi de Pâques"
  std::string_view name_en;  // "Easter Monday"
};

// Gregorian Easter Sunday (anonymous Gregorian computus, valid for every year from 1583).
Date easter_sunday(int year);

// The eleven national holidays of `year`, in date order.
std::vector<PublicHoliday> french_public_holidays(int year);

// The holiday falling on `d`, if any.
std::optional<PublicHoliday> french_public_holiday(Date d);

}  // namespace tc::domain
