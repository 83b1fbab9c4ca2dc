// How the booking pages write the field's values in words, in French and English: dates with their weekday
// ("mardi 1er décembre"), half-days, a booking's status, a half-day's availability ("Libre : 3 postes sur 6",
// "Complet", "Fermé (Noël)"), and why something was refused. The week grid, "Mes réservations" and the host's
// day all write them the same way because they all come from here.
//
// Refusals travel through a redirect as a short code (?refus=full): the service's machine reason when it has
// one ("full", "over_quota", …), else one of the pages' own codes below. The words are always ours, never text
// taken from the address.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/booking.h"
#include "service/bookings.h"
#include "service/errors.h"
#include "web/i18n.h"

namespace tc::web {

// "mardi 1er décembre" / "Tuesday 1 December"; with the year: "mardi 1er décembre 2026".
std::string weekday_date(domain::Date d, Lang lang, bool with_year);
// "Lundi" / "Monday": a weekday (ISO 1..7) on its own, capitalised.
std::string weekday_name(int iso_weekday, Lang lang);

// "Matin" / "Morning", and "matin" / "morning" inside a sentence.
std::string slot_label(domain::Slot s, Lang lang);
std::string slot_in_sentence(domain::Slot s, Lang lang);

// "Réservé", "Présent", "Annulé", "Absent" / "Booked", "Checked in", "Cancelled", "No-show".
std::string booking_status_label(domain::BookingStatus s, Lang lang);

// "Fermé (Noël)", "Fermé (Fêtes de fin d'année)" or "Fermé": why a closed half-day is closed, when there is a
// reason to give. Holidays are named in the page's language; a centre's own closure reason is French only.
std::string closed_text(const domain::SlotOpening& opening, domain::Date date, Lang lang);
// A half-day as the grid and the day view write it: "Libre : 3 postes sur 6", "Complet" or closed_text().
std::string availability_text(const service::SlotAvailability& a, Lang lang);
// "free", "full" or "closed": a class for the cell's colour, which only supplements the words.
std::string_view availability_kind(const service::SlotAvailability& a);

// The pages' own refusal codes, for errors the service gives no machine reason for.
inline constexpr std::string_view kRefusedAlreadyClosed = "already_closed";  // cancelled, no-show, or over
inline constexpr std::string_view kRefusedStarted = "cancel_started";        // too late to cancel
inline constexpr std::string_view kRefusedCheckInTime = "check_in_time";     // outside the check-in window
inline constexpr std::string_view kRefusedOther = "other";

// The code a refusal travels as: the service's reason when the pages know it, else `fallback`.
std::string refusal_code(const service::ServiceError& e, std::string_view fallback);
// The words for a code (a known one; anything else gets the generic "could not be done").
std::string refusal_text(std::string_view code, Lang lang);
// One letter per code, for the results of a weekly series carried in an address ('R' booked); '?' unknown.
char refusal_letter(std::string_view code);
std::string refusal_of_letter(char letter);

}  // namespace tc::web
