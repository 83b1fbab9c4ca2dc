// GET /api/v1/communes?q=… — autocomplete over the reference communes.
#include <charconv>

#include "web/app.h"

namespace tc::web {

namespace {
constexpr std::size_t kMaxQueryLength = 100;

Response search(App& app, const RequestContext& req) {
  const auto q = req.param("q");
  if (!q) return problem(req, 400, "Le paramètre « q » est obligatoire.", "The \"q\" parameter is required.", "q");
  if (q->size() > kMaxQueryLength)
    return problem(req, 400, "Le paramètre « q » dépasse 100 caractères.",
                   "The \"q\" parameter exceeds 100 characters.", "q");
  std::size_t limit = 20;
  if (auto l = req.param("limit")) {
    int v = 0;
    auto [p, ec] = std::from_chars(l->data(), l->data() + l->size(), v);
    if (ec != std::errc{} || p != l->data() + l->size() || v < 1 || v > 20)
      return problem(req, 400, "Le paramètre « limit » doit être un entier de 1 à 20.",
                     "The \"limit\" parameter must be an integer from 1 to 20.", "limit");
    limit = static_cast<std::size_t>(v);
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : app.directory.search_communes(*q, limit))
    items.push_back({{"insee", c.insee},
                     {"name", c.name},
                     {"postcodes", c.postcodes},
                     {"population", c.population},
                     {"location", {{"lat", c.centre.lat}, {"lon", c.centre.lon}}}});
  return with_etag(req, json_response({{"communes", items}}));
}
}  // namespace

void add_commune_api_routes(Router& r, App& app) {
  r.add({Method::Get, "/api/v1/communes", [&app](const RequestContext& req) { return search(app, req); }, Exec::Pool,
         "Autocomplete communes by name, postcode or INSEE code"});
}

}  // namespace tc::web
