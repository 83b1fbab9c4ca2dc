// Money as the grant handles it: integer euro cents end to end, so that sums and caps are exact; text only at the
// edges, in the French way people and the State's forms expect.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tc::domain {

using Cents = std::int64_t;

// "12 000,00 €": thousands separated by a narrow no-break space (U+202F) and the euro sign after a no-break
// space (U+00A0), as CLDR's fr-FR and Intl.NumberFormat write it, so a line never breaks inside an amount.
std::string format_euros(Cents cents);
// "12000.00": plain decimal euros for CSV and machine readers.
std::string plain_euros(Cents cents);
// Reads "12000", "12 000", "12000,50", "12000.5", "12 000,00 €" (spaces of any kind ignored); nullopt otherwise.
// Negative amounts and more than two decimals are refused.
std::optional<Cents> parse_euros(std::string_view text);

}  // namespace tc::domain
