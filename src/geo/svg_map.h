// Draws a département as SVG, server-side, from its commune contours: the picture of the directory's results
// that works without JavaScript and prints. Contours come from a GeoJSON FeatureCollection (WGS84) whose
// features carry a `code` property (INSEE), as in data/communes-15-cantal-2025.geojson.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/commune.h"

namespace tc::geo {

struct MapMarker {
  domain::LatLon at;
  std::string label;  // shown in a <title> and as text beside the marker
  std::string kind;   // a CSS class suffix, e.g. "in_service"; the marker's shape also differs by kind
  std::string href;   // optional link
};

struct MapOptions {
  int width = 640;               // rendered width in px (the viewBox is fixed); height keeps the aspect ratio
  std::string title;             // <title> of the whole map (accessible name)
  std::string description;       // <desc>
  std::string highlight_insee;   // a commune drawn highlighted (the searched one), may be empty
  double radius_km = 0;          // when > 0, a circle of that radius around the highlighted commune's centre
  domain::LatLon radius_centre;  // centre of that circle
  // A thematic map (the siting study's): per commune, extra class suffixes ("d3" → "commune--d3", several
  // separated by spaces) and a <title> its shape carries (the commune's name and figures, read by screen readers
  // and shown on hover); communes in `hatched` get a hatched overlay, so that a second variable (uncovered demand)
  // reads without colour.
  std::map<std::string, std::string> commune_classes;
  std::map<std::string, std::string> commune_titles;
  std::set<std::string> hatched;
};

class DepartementMap {
 public:
  // Parses the GeoJSON and projects it once (equirectangular at the mean latitude, which keeps shapes true at
  // this scale); throws std::runtime_error with a readable message on malformed input.
  explicit DepartementMap(std::string_view geojson);

  // The SVG element (no XML prologue), with role="img", aria-labelledby pointing at its <title>/<desc>, one
  // <path> per commune (class "commune", plus "commune--highlight"), and markers. Text is XML-escaped.
  // Marker shapes by kind: in_service = filled circle, opening = triangle, planned = hollow square,
  // closed = cross, proposed (a siting study's) = diamond, anything else = small circle — so that status never depends
  // on colour alone.
  std::string render(const std::vector<MapMarker>& markers, const MapOptions& options) const;

  std::size_t commune_count() const;

 private:
  struct Shape {
    std::string insee;
    std::string path;  // SVG path data in projected coordinates (unit: viewBox of width 1000)
  };
  std::vector<Shape> shapes_;
  double min_x_ = 0, min_y_ = 0, max_x_ = 0, max_y_ = 0, lat0_cos_ = 1;
  void project(domain::LatLon p, double& x, double& y) const;
};

}  // namespace tc::geo
