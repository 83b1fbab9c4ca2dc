// Today's teleworking figure beside the seed's (service/indicators.h): a few settings, stated by the council.
#include <cstdio>

#include "service/errors.h"
#include "service/indicators.h"

namespace tc::service {

namespace {

using Kind = ServiceError::Kind;

constexpr std::string_view kPercent = "context.telework_percent";
constexpr std::string_view kYear = "context.telework_year";
constexpr std::string_view kSource = "context.telework_source";

}  // namespace

TeleworkContext Indicators::context() {
  auto tx = store_.begin(store::Access::Read);
  TeleworkContext c;
  const auto percent = tx->settings().get(kPercent);
  const auto year = tx->settings().get(kYear);
  try {
    if (percent && !percent->empty()) c.percent = std::stod(*percent);
    if (year && !year->empty()) c.year = std::stoi(*year);
  } catch (const std::exception&) {
    return {};  // a hand-edited setting that does not read is as good as none
  }
  c.source = tx->settings().get(kSource).value_or("");
  return c;
}

void Indicators::set_context(const domain::Actor& actor, const TeleworkContext& c) {
  if (!actor.is_admin())
    throw ServiceError(Kind::Forbidden, "Seul le conseil indique le chiffre du télétravail.",
                       "Only the council states the teleworking figure.");
  if (!c.percent || *c.percent < 0 || *c.percent > 100)
    throw ServiceError(Kind::Invalid, "La part est un pourcentage entre 0 et 100.",
                       "The share is a percentage from 0 to 100.", "percent");
  if (c.year < 2005 || c.year > 2100)
    throw ServiceError(Kind::Invalid, "L'année est entre 2005 et 2100.", "The year is between 2005 and 2100.", "year");
  if (c.source.empty() || c.source.size() > 300)
    throw ServiceError(Kind::Invalid, "Indiquez la source du chiffre (300 caractères au plus).",
                       "Give the figure's source (300 characters at most).", "source");
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", *c.percent);
  auto tx = store_.begin(store::Access::Write);
  tx->settings().put(kPercent, text);
  tx->settings().put(kYear, std::to_string(c.year));
  tx->settings().put(kSource, c.source);
  tx->audit().append({0, clock_().iso(), actor.id > 0 ? std::optional<std::int64_t>(actor.id) : std::nullopt,
                      "indicators.context", "settings:context", std::string(text) + " % en " + std::to_string(c.year)});
  tx->commit();
}

}  // namespace tc::service
