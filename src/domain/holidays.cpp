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

namespace {

struct FixedHoliday {
  int month;
  int day;
  std::string_view name_fr;
  std::string_view name_en;
};
constexpr FixedHoliday kFixed[] = {
    {1, 1, "Jour de l'an", "New Year's Day"},         {5, 1, "Fête du Travail", "Labour Day"},
    {5, 8, "Victoire 1945", "Victory in Europe Day"}, {7, 14, "Fête nationale", "Bastille Day"},
    {8, 15, "Assomption", "Assumption Day"},          {11, 1, "Toussaint", "All Saints' Day"},
    {11, 11, "Armistice 1918", "Armistice Day"},      {12, 25, "Noël", "Christmas Day"},
};

struct MovableHoliday {
  int days_after_easter;
  std::string_view name_fr;
  std::string_view name_en;
};
constexpr MovableHoliday kMovable[] = {
    {1, "Lundi de Pâques", "Easter Monday"},
    {39, "Ascension", "Ascension Day"},
    {50, "Lundi de Pentecôte", "Whit Monday"},
};

}  // namespace

std::vector<PublicHoliday> french_public_holidays(int year) {
  const Date easter = easter_sunday(year);
  std::vector<PublicHoliday> out;
  out.reserve(std::size(kFixed) + std::size(kMovable));
  for (const auto& h : kFixed) out.push_back({Date{year, h.month, h.day}, h.name_fr, h.name_en});
  for (const auto& h : kMovable) out.push_back({easter.plus_days(h.days_after_easter), h.name_fr, h.name_en});
  // Ascension can fall on 1 or 8 May; both stay listed, in date order.
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.date < y.date; });
  return out;
}

// Asked for every half-day of a year's reports over thousands of centres: answered without building the list.
std::optional<PublicHoliday> french_public_holiday(Date d) {
  for (const auto& h : kFixed)
    if (h.month == d.month && h.day == d.day) return PublicHoliday{d, h.name_fr, h.name_en};
  if (d.month < 3 || d.month > 6) return std::nullopt;  // Easter Monday to Whit Monday: 23 March to 14 June
  const Date easter = easter_sunday(d.year);
  for (const auto& h : kMovable)
    if (easter.plus_days(h.days_after_easter) == d) return PublicHoliday{d, h.name_fr, h.name_en};
  return std::nullopt;
}

}  // namespace tc::domain
