#include "domain/holidays.h"

#include <algorithm>

namespace tc::domain {

Date easter_sunday(int year) {
  // Meeus/Jones/Butcher algorithm.
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date{year, month, day};
}

std::vector<PublicHoliday> french_public_holidays(int year) {
  const Date easter = easter_sunday(year);
  std::vector<PublicHoliday> out = {
      {Date{year, 1, 1}, "Jour de l'an", "New Year's Day"},
      {easter.plus_days(1), "Lundi de Pâques", "Easter Monday"},
      {Date{year, 5, 1}, "Fête du Travail", "Labour Day"},
      {Date{year, 5, 8}, "Victoire 1945", "Victory in Europe Day"},
      {easter.plus_days(39), "Ascension", "Ascension Day"},
      {easter.plus_days(50), "Lundi de Pentecôte", "Whit Monday"},
      {Date{year, 7, 14}, "Fête nationale", "Bastille Day"},
      {Date{year, 8, 15}, "Assomption", "Assumption Day"},
      {Date{year, 11, 1}, "Toussaint", "All Saints' Day"},
      {Date{year, 11, 11}, "Armistice 1918", "Armistice Day"},
      {Date{year, 12, 25}, "Noël", "Christmas Day"},
  };
  // Ascension can fall on 1 or 8 May; both stay listed, in date order.
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.date < y.date; });
  return out;
}

std::optional<PublicHoliday> french_public_holiday(Date d) {
  for (const PublicHoliday& h : french_public_holidays(d.year))
    if (h.date == d) return h;
  return std::nullopt;
}

}  // namespace tc::domain
