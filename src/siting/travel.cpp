#include "siting/travel.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "siting/errors.h"

namespace tc::siting {
namespace {

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

void check_points(const std::vector<Point>& points, const std::string& what, bool check_weight) {
  std::unordered_set<std::string> seen;
  seen.reserve(points.size());
  for (const Point& p : points) {
    if (!std::isfinite(p.lat) || !std::isfinite(p.lon) || std::abs(p.lat) > 90 || std::abs(p.lon) > 180) {
      throw SitingError(what + " « " + p.id + " » : position hors du globe");
    }
    if (check_weight && (!std::isfinite(p.weight) || p.weight < 0)) {
      throw SitingError(what + " « " + p.id + " » : poids négatif ou non numérique");
    }
    if (!seen.insert(p.id).second) throw SitingError(what + " « " + p.id + " » en double");
  }
}

// Common part of both instances: ids and weights; the cost is filled by the caller.
Instance skeleton(const std::vector<Point>& clients, const std::vector<Point>& sites) {
  Instance inst;
  inst.clients = static_cast<int>(clients.size());
  inst.sites = static_cast<int>(sites.size());
  inst.weight.reserve(clients.size());
  inst.client_ids.reserve(clients.size());
  for (const Point& c : clients) {
    inst.weight.push_back(c.weight);
    inst.client_ids.push_back(c.id);
  }
  inst.site_ids.reserve(sites.size());
  for (const Point& s : sites) inst.site_ids.push_back(s.id);
  inst.cost.assign(clients.size() * sites.size(), 0.0);
  return inst;
}

std::string format_minutes(double m) {
  if (std::isnan(m)) return "non numérique";
  return std::to_string(m) + " min";
}

}  // namespace

double great_circle_km(double lat1, double lon1, double lat2, double lon2) {
  const double phi1 = radians(lat1);
  const double phi2 = radians(lat2);
  const double dphi = radians(lat2 - lat1);
  const double dlambda = radians(lon2 - lon1);
  const double s = std::sin(dphi / 2);
  const double t = std::sin(dlambda / 2);
  const double h = s * s + std::cos(phi1) * std::cos(phi2) * t * t;
  // min() guards asin against rounding just above 1 for antipodal points.
  return 2 * kMeanEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

double travel_minutes(const Point& a, const Point& b, double circuity, double speed_kmh) {
  return great_circle_km(a.lat, a.lon, b.lat, b.lon) * circuity / speed_kmh * 60.0;
}

Instance travel_instance(const std::vector<Point>& clients, const std::vector<Point>& sites, double circuity,
                         double speed_kmh) {
  if (!std::isfinite(circuity) || circuity <= 0) throw SitingError("facteur de détour invalide (> 0 attendu)");
  if (!std::isfinite(speed_kmh) || speed_kmh <= 0) throw SitingError("vitesse moyenne invalide (> 0 km/h attendu)");
  check_points(clients, "commune", true);
  check_points(sites, "site candidat", false);
  Instance inst = skeleton(clients, sites);
  for (std::size_t i = 0; i < clients.size(); ++i) {
    for (std::size_t j = 0; j < sites.size(); ++j) {
      inst.cost[i * sites.size() + j] = travel_minutes(clients[i], sites[j], circuity, speed_kmh);
    }
  }
  return inst;
}

Instance matrix_instance(const std::vector<Point>& clients, const std::vector<Point>& sites,
                         const std::vector<std::tuple<std::string, std::string, double>>& od_minutes) {
  // Coordinates are not used here, only ids and weights; still reject duplicates, which would make lookups
  // ambiguous.
  std::unordered_map<std::string, std::size_t> client_index;
  std::unordered_map<std::string, std::size_t> site_index;
  client_index.reserve(clients.size());
  site_index.reserve(sites.size());
  for (std::size_t i = 0; i < clients.size(); ++i) {
    const Point& c = clients[i];
    if (!std::isfinite(c.weight) || c.weight < 0) {
      throw SitingError("commune « " + c.id + " » : poids négatif ou non numérique");
    }
    if (!client_index.emplace(c.id, i).second) throw SitingError("commune « " + c.id + " » en double");
  }
  for (std::size_t j = 0; j < sites.size(); ++j) {
    if (!site_index.emplace(sites[j].id, j).second) {
      throw SitingError("site candidat « " + sites[j].id + " » en double");
    }
  }

  Instance inst = skeleton(clients, sites);
  std::vector<char> given(inst.cost.size(), 0);
  for (const auto& od : od_minutes) {
    // Not a structured binding: the message lambda below captures these.
    const std::string& from = std::get<0>(od);
    const std::string& to = std::get<1>(od);
    const double minutes = std::get<2>(od);
    const auto c = client_index.find(from);
    const auto s = site_index.find(to);
    if (c == client_index.end() || s == site_index.end()) continue;
    // Built only for the messages.
    const auto pair = [&] {
      std::string out = from;
      out += "→";
      out += to;
      return out;
    };
    if (!std::isfinite(minutes) || minutes < 0) {
      throw SitingError("matrice origine–destination : temps invalide pour " + pair() + " (" + format_minutes(minutes) +
                        ")");
    }
    const std::size_t k = c->second * sites.size() + s->second;
    if (given[k] != 0 && inst.cost[k] != minutes) {
      throw SitingError("matrice origine–destination : " + pair() + " donnée deux fois avec des temps différents (" +
                        format_minutes(inst.cost[k]) + " et " + format_minutes(minutes) + ")");
    }
    given[k] = 1;
    inst.cost[k] = minutes;
  }

  constexpr std::size_t kNamed = 10;
  std::size_t missing = 0;
  std::string named;
  for (std::size_t i = 0; i < clients.size(); ++i) {
    for (std::size_t j = 0; j < sites.size(); ++j) {
      if (given[i * sites.size() + j] != 0) continue;
      if (missing < kNamed) named += (missing == 0 ? "" : ", ") + clients[i].id + "→" + sites[j].id;
      ++missing;
    }
  }
  if (missing > 0) {
    throw SitingError("matrice origine–destination incomplète : " + std::to_string(missing) +
                      (missing == 1 ? " paire manquante : " : " paires manquantes : ") + named +
                      (missing > kNamed ? ", …" : ""));
  }
  return inst;
}

}  // namespace tc::siting
