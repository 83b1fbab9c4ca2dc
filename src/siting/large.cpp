// Geometry of the large instances: the travel model on unit vectors, the spatial grid and the neighbour lists.
#include "siting/large.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "siting/errors.h"

namespace tc::siting {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

void unit_vector(double lat_deg, double lon_deg, double* out) {
  const double lat = lat_deg * std::numbers::pi / 180;
  const double lon = lon_deg * std::numbers::pi / 180;
  out[0] = std::cos(lat) * std::cos(lon);
  out[1] = std::cos(lat) * std::sin(lon);
  out[2] = std::sin(lat);
}

// A uniform 3-D grid over the sites' unit vectors. Chord length is Euclidean distance in 3-D, so a site in a cell
// k rings away (Chebyshev distance between cell indices) is at least (k − 1) × cell from the query point.
class SiteGrid {
 public:
  SiteGrid(const std::vector<double>& xyz, double cell) : cell_(cell) {
    const std::size_t m = xyz.size() / 3;
    std::vector<std::pair<std::int64_t, int>> keyed(m);
    for (std::size_t j = 0; j < m; ++j) keyed[j] = {key(cell_of(&xyz[3 * j])), static_cast<int>(j)};
    std::sort(keyed.begin(), keyed.end());
    sites_.reserve(m);
    for (std::size_t k = 0; k < m;) {
      std::size_t e = k;
      while (e < m && keyed[e].first == keyed[k].first) ++e;
      cells_.emplace(keyed[k].first, std::make_pair(sites_.size(), e - k));
      for (std::size_t t = k; t < e; ++t) sites_.push_back(keyed[t].second);
      k = e;
    }
  }

  double cell() const { return cell_; }
  std::size_t cell_count() const { return cells_.size(); }

  struct Index {
    std::int64_t x = 0, y = 0, z = 0;
  };
  Index cell_of(const double* v) const {
    return {static_cast<std::int64_t>(std::floor(v[0] / cell_)), static_cast<std::int64_t>(std::floor(v[1] / cell_)),
            static_cast<std::int64_t>(std::floor(v[2] / cell_))};
  }

  // Calls fn(site) for every site of the cells exactly `ring` rings away from `c`.
  template <class Fn>
  void visit_ring(Index c, std::int64_t ring, Fn&& fn) const {
    for (std::int64_t dx = -ring; dx <= ring; ++dx) {
      for (std::int64_t dy = -ring; dy <= ring; ++dy) {
        const bool edge = std::abs(dx) == ring || std::abs(dy) == ring;
        for (std::int64_t dz = -ring; dz <= ring; dz += (edge || ring == 0) ? 1 : 2 * ring) {
          const auto it = cells_.find(key({c.x + dx, c.y + dy, c.z + dz}));
          if (it == cells_.end()) continue;
          for (std::size_t t = 0; t < it->second.second; ++t) fn(sites_[it->second.first + t]);
        }
      }
    }
  }

 private:
  // Unit vectors over cells no smaller than ~1e-6 give indices well inside 21 bits each.
  static std::int64_t key(Index c) {
    constexpr std::int64_t kBias = 1 << 20;
    return ((c.x + kBias) << 42) | ((c.y + kBias) << 21) | (c.z + kBias);
  }
  double cell_;
  std::unordered_map<std::int64_t, std::pair<std::size_t, std::size_t>> cells_;
  std::vector<int> sites_;
};

struct Candidate {
  double chord2 = 0;
  int site = 0;
  bool operator<(const Candidate& o) const { return chord2 < o.chord2 || (chord2 == o.chord2 && site < o.site); }
};

}  // namespace

LargeCosts::LargeCosts(const LargeInstance& in)
    : client_xyz_(3 * in.clients.size()),
      site_xyz_(3 * in.sites.size()),
      minutes_per_radian_(kMeanEarthRadiusKm * in.circuity / in.speed_kmh * 60) {
  for (std::size_t i = 0; i < in.clients.size(); ++i)
    unit_vector(in.clients[i].lat, in.clients[i].lon, &client_xyz_[3 * i]);
  for (std::size_t j = 0; j < in.sites.size(); ++j) unit_vector(in.sites[j].lat, in.sites[j].lon, &site_xyz_[3 * j]);
}

double LargeCosts::chord2(int client, int site) const {
  const double* a = &client_xyz_[3 * static_cast<std::size_t>(client)];
  const double* b = &site_xyz_[3 * static_cast<std::size_t>(site)];
  const double dx = a[0] - b[0];
  const double dy = a[1] - b[1];
  const double dz = a[2] - b[2];
  return dx * dx + dy * dy + dz * dz;
}

double LargeCosts::minutes_of_chord2(double c2) const {
  return 2 * std::asin(std::min(1.0, std::sqrt(c2) / 2)) * minutes_per_radian_;
}

double LargeCosts::chord2_of_minutes(double minutes) const {
  const double angle = minutes / minutes_per_radian_;
  if (angle >= std::numbers::pi) return 4;
  const double chord = 2 * std::sin(angle / 2);
  return chord * chord;
}

double LargeCosts::minutes(int client, int site) const { return minutes_of_chord2(chord2(client, site)); }

void validate_large(const LargeInstance& in) {
  if (in.sites.empty()) throw SitingError("instance vide : aucun site candidat");
  if (!(in.circuity > 0) || !std::isfinite(in.circuity) || !(in.speed_kmh > 0) || !std::isfinite(in.speed_kmh)) {
    throw SitingError("le coefficient de détour et la vitesse doivent être positifs");
  }
  auto check_point = [](const Point& pt) {
    if (!(pt.lat >= -90 && pt.lat <= 90) || !(pt.lon >= -180 && pt.lon <= 180)) {
      throw SitingError("coordonnées hors du globe pour " + pt.id);
    }
  };
  for (const Point& c : in.clients) {
    check_point(c);
    if (!(c.weight >= 0) || !std::isfinite(c.weight)) throw SitingError("poids négatif ou invalide pour " + c.id);
  }
  for (const Point& s : in.sites) check_point(s);
  for (const int f : in.fixed) {
    if (f < 0 || static_cast<std::size_t>(f) >= in.sites.size()) {
      throw SitingError("site imposé hors de l'instance : " + std::to_string(f));
    }
  }
}

std::vector<Point> read_communes_csv(std::string_view text, std::vector<std::string>* names) {
  std::vector<Point> points;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1 || line.empty()) continue;  // header
    std::string_view fields[4];
    std::string_view rest = line;
    bool ok = true;
    for (auto& field : fields) {
      const std::size_t comma = rest.find(',');
      if (comma == std::string_view::npos && &field != &fields[3]) {
        ok = false;
        break;
      }
      field = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    Point pt;
    try {
      if (!ok || fields[0].empty()) throw std::invalid_argument("fields");
      pt.id = std::string(fields[0]);
      std::size_t used = 0;
      pt.lat = std::stod(std::string(fields[1]), &used);
      pt.lon = std::stod(std::string(fields[2]), &used);
      pt.weight = std::stod(std::string(fields[3]), &used);
    } catch (const std::exception&) {
      throw SitingError("fichier de communes, ligne " + std::to_string(line_no) +
                        " : attendu insee,lat,lon,population,nom");
    }
    if (names != nullptr) {
      std::string name(rest);
      if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
        name = name.substr(1, name.size() - 2);
        for (std::size_t q = name.find("\"\""); q != std::string::npos; q = name.find("\"\"", q + 1)) name.erase(q, 1);
      }
      names->push_back(name);
    }
    points.push_back(std::move(pt));
  }
  return points;
}

Instance dense_instance(const LargeInstance& in) {
  validate_large(in);
  const LargeCosts costs(in);
  Instance out;
  out.clients = static_cast<int>(in.clients.size());
  out.sites = static_cast<int>(in.sites.size());
  out.cost.resize(in.clients.size() * in.sites.size());
  for (int i = 0; i < out.clients; ++i) {
    out.weight.push_back(in.clients[static_cast<std::size_t>(i)].weight);
    out.client_ids.push_back(in.clients[static_cast<std::size_t>(i)].id);
    for (int j = 0; j < out.sites; ++j) {
      out.cost[static_cast<std::size_t>(i) * in.sites.size() + static_cast<std::size_t>(j)] = costs.minutes(i, j);
    }
  }
  for (const Point& s : in.sites) out.site_ids.push_back(s.id);
  out.fixed = in.fixed;
  return out;
}

NeighbourLists neighbour_lists(const LargeInstance& in, int nearest, double within, int threads,
                               const Progress& progress) {
  validate_large(in);
  const LargeCosts costs(in);
  const std::size_t n = in.clients.size();
  const std::size_t m = in.sites.size();
  const auto k_near = static_cast<std::size_t>(std::clamp(nearest, 0, static_cast<int>(m)));
  const double within_c2 = within >= 0 ? costs.chord2_of_minutes(within) : -1;

  std::vector<double> site_xyz(3 * m);
  for (std::size_t j = 0; j < m; ++j) unit_vector(in.sites[j].lat, in.sites[j].lon, &site_xyz[3 * j]);
  // Cell size: about the radius that holds `nearest` sites at the sites' mean density (area from the bounding box
  // of the two widest axes), and no smaller than the covering radius, so that a few rings suffice.
  double lo[3] = {kInf, kInf, kInf};
  double hi[3] = {-kInf, -kInf, -kInf};
  for (std::size_t j = 0; j < m; ++j) {
    for (int a = 0; a < 3; ++a) {
      lo[a] = std::min(lo[a], site_xyz[3 * j + static_cast<std::size_t>(a)]);
      hi[a] = std::max(hi[a], site_xyz[3 * j + static_cast<std::size_t>(a)]);
    }
  }
  double ext[3] = {hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]};
  std::sort(ext, ext + 3);
  const double area = std::max(ext[1] * ext[2], 1e-10);
  // Half the radius holding `nearest` sites at the mean density: the search then stops after about three rings,
  // having computed about four times `nearest` distances (bigger cells compute many more, smaller ones visit more).
  double cell = 0.5 * std::sqrt(area * static_cast<double>(std::max<std::size_t>(k_near, 1)) /
                                (std::numbers::pi * static_cast<double>(m)));
  if (within_c2 > 0) cell = std::max(cell, std::sqrt(within_c2) / 2);
  cell = std::clamp(cell, 1e-5, 2.0);
  const SiteGrid grid(site_xyz, cell);

  // Each client's list, computed independently: chunks of clients per thread, concatenated in order.
  struct Part {
    std::vector<std::size_t> count;
    std::vector<int> site;
    std::vector<double> minutes;
    std::vector<double> radius;
  };
  auto build = [&](std::size_t cb, std::size_t ce, Part& part) {
    std::vector<Candidate> seen;
    double v[3];
    for (std::size_t i = cb; i < ce; ++i) {
      unit_vector(in.clients[i].lat, in.clients[i].lon, v);
      const SiteGrid::Index c = grid.cell_of(v);
      seen.clear();
      double threshold = -1;  // chord² up to which every site is in `seen`
      bool all = false;
      auto add = [&](int j) { seen.push_back({costs.chord2(static_cast<int>(i), j), j}); };
      for (std::int64_t ring = 0;; ++ring) {
        // Rings grow as the cube of their radius: past the number of occupied cells, scan every site instead.
        const auto cells_in_ring =
            static_cast<double>(std::pow(2 * ring + 1, 3) - std::pow(std::max<std::int64_t>(0, 2 * ring - 1), 3));
        if (cells_in_ring > static_cast<double>(grid.cell_count()) + 64) {
          seen.clear();
          for (std::size_t j = 0; j < m; ++j) add(static_cast<int>(j));
          all = true;
          break;
        }
        grid.visit_ring(c, ring, add);
        if (seen.size() == m) {
          all = true;
          break;
        }
        // Sites not yet seen are at least `ring` cells away: chord >= ring × cell.
        const double reach = static_cast<double>(ring) * grid.cell();
        const double reach2 = reach * reach;
        double need = within_c2;
        if (k_near > 0) {
          if (seen.size() < k_near) continue;
          std::nth_element(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(k_near - 1), seen.end());
          need = std::max(need, seen[k_near - 1].chord2);
        }
        if (need < reach2) {
          threshold = need;
          break;
        }
      }
      if (all && (k_near < m || within_c2 >= 0)) {
        // Everything was scanned: keep what the rule asks for, the rest lies beyond the threshold.
        threshold = within_c2;
        if (k_near > 0) {
          std::nth_element(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(k_near - 1), seen.end());
          threshold = std::max(threshold, seen[k_near - 1].chord2);
        }
        all = false;
      }
      std::size_t kept = seen.size();
      if (!all) {
        const double limit = threshold;
        kept = static_cast<std::size_t>(
            std::partition(seen.begin(), seen.end(), [limit](const Candidate& x) { return x.chord2 <= limit; }) -
            seen.begin());
      }
      std::sort(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(kept));
      part.count.push_back(kept);
      for (std::size_t t = 0; t < kept; ++t) {
        part.site.push_back(seen[t].site);
        part.minutes.push_back(costs.minutes_of_chord2(seen[t].chord2));
      }
      part.radius.push_back(kept == m ? kInf : costs.minutes_of_chord2(std::max(threshold, 0.0)));
    }
  };
  // Blocks of clients, each split between the threads and appended in order; progress between blocks, when no
  // thread runs, so a Cancelled thrown there leaves nothing behind.
  const std::size_t t = static_cast<std::size_t>(std::max(1, threads));
  constexpr std::size_t kBlock = 4096;
  NeighbourLists out;
  out.begin.reserve(n + 1);
  out.begin.push_back(0);
  for (std::size_t block = 0; block < n; block += kBlock) {
    const std::size_t block_end = std::min(n, block + kBlock);
    const std::size_t size = block_end - block;
    const std::size_t used = size < 256 ? 1 : t;
    std::vector<Part> parts(used);
    const std::size_t chunk = (size + used - 1) / used;
    {
      std::vector<std::thread> pool;
      for (std::size_t k = 1; k < used; ++k) {
        pool.emplace_back(
            [&, k] { build(block + std::min(size, k * chunk), block + std::min(size, (k + 1) * chunk), parts[k]); });
      }
      build(block, block + std::min(size, chunk), parts[0]);
      for (auto& th : pool) th.join();
    }
    for (Part& part : parts) {
      for (const std::size_t c : part.count) out.begin.push_back(out.begin.back() + c);
      out.site.insert(out.site.end(), part.site.begin(), part.site.end());
      out.minutes.insert(out.minutes.end(), part.minutes.begin(), part.minutes.end());
      out.radius.insert(out.radius.end(), part.radius.begin(), part.radius.end());
    }
    if (progress) progress(static_cast<double>(block_end) / static_cast<double>(n), "listes de voisins");
  }
  return out;
}

}  // namespace tc::siting
