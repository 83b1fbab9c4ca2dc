// The map is drawn on every directory page, so all the geometry work happens once, in the constructor: contours
// are projected into a fixed space 1000 units wide and kept as compact path strings (relative moves in tenths of
// a unit, repeated points dropped). render() only concatenates them and places the markers; the requested width
// sets the size of the element, not its coordinates.
#include "geo/svg_map.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>

#include "geo/distance.h"

namespace tc::geo {

namespace {

using nlohmann::json;

constexpr double kViewWidth = 1000;
constexpr double kMargin = 10;
constexpr double kMarkerSize = 9;

std::runtime_error invalid(const std::string& why) { return std::runtime_error("GeoJSON invalide : " + why); }

// Writes a number given in tenths: "12", "-3.4", "0.5".
void append_tenths(std::string& out, std::int64_t tenths) {
  if (tenths < 0) {
    out.push_back('-');
    tenths = -tenths;
  }
  out += std::to_string(tenths / 10);
  if (tenths % 10 != 0) {
    out.push_back('.');
    out.push_back(static_cast<char>('0' + tenths % 10));
  }
}

std::int64_t to_tenths(double v) { return std::llround(v * 10); }

std::string number(double v) {
  std::string out;
  append_tenths(out, to_tenths(v));
  return out;
}

// Writes path data as tersely as the SVG grammar allows: no leading zero (".5"), and no separator where the
// next number cannot be read as part of the previous one ("1.2-3.4", "1.2.5"). Contours are most of a page's
// map, so every byte counts.
class PathWriter {
 public:
  explicit PathWriter(std::string& out) : out_(out) {}

  void command(char c) {
    out_.push_back(c);
    after_number_ = false;
  }

  void pair(std::int64_t x, std::int64_t y) {
    write(x);
    write(y);
  }

 private:
  void write(std::int64_t tenths) {
    const bool negative = tenths < 0;
    const std::uint64_t magnitude =
        negative ? 0 - static_cast<std::uint64_t>(tenths) : static_cast<std::uint64_t>(tenths);
    const std::uint64_t whole = magnitude / 10;
    const std::uint64_t fraction = magnitude % 10;
    const bool starts_with_dot = whole == 0 && fraction != 0;
    if (after_number_ && !negative && (!starts_with_dot || !last_had_dot_)) out_.push_back(' ');
    if (negative) out_.push_back('-');
    if (!starts_with_dot) out_ += std::to_string(whole);
    if (fraction != 0) {
      out_.push_back('.');
      out_.push_back(static_cast<char>('0' + fraction));
    }
    after_number_ = true;
    last_had_dot_ = fraction != 0;
  }

  std::string& out_;
  bool after_number_ = false;
  bool last_had_dot_ = false;
};

template <typename... Parts>
void append(std::string& out, const Parts&... parts) {
  (out.append(std::string_view(parts)), ...);
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// A kind becomes a CSS class: anything but [a-z0-9_-] is dropped rather than trusted.
std::string class_suffix(std::string_view kind) {
  std::string out;
  for (char c : kind) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') out.push_back(c);
  }
  return out;
}

domain::LatLon position(const json& p, const std::string& where) {
  if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) {
    throw invalid("position non numérique dans " + where);
  }
  const double lon = p[0].get<double>();
  const double lat = p[1].get<double>();
  if (!std::isfinite(lon) || !std::isfinite(lat) || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    throw invalid("position hors du globe dans " + where);
  }
  return {lat, lon};
}

struct Feature {
  std::string insee;
  std::vector<std::vector<domain::LatLon>> rings;
};

std::vector<Feature> read_features(std::string_view geojson) {
  json doc;
  try {
    doc = json::parse(geojson);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for a number too large (fuzz/geojson_fuzz)
    throw invalid(std::string("JSON illisible (") + e.what() + ")");
  }
  if (!doc.is_object() || doc.value("type", json()) != "FeatureCollection") {
    throw invalid("une FeatureCollection est attendue");
  }
  const auto features = doc.find("features");
  if (features == doc.end() || !features->is_array()) throw invalid("le tableau « features » manque");

  std::vector<Feature> out;
  for (std::size_t i = 0; i < features->size(); ++i) {
    const json& f = (*features)[i];
    std::string where = "l'entité n° " + std::to_string(i + 1);
    if (!f.is_object()) throw invalid(where + " n'est pas un objet");
    const auto properties = f.find("properties");
    if (properties == f.end() || !properties->is_object() || !properties->contains("code") ||
        !(*properties)["code"].is_string()) {
      throw invalid(where + " n'a pas de propriété « code » (code INSEE)");
    }
    Feature feature;
    feature.insee = (*properties)["code"].get<std::string>();
    where += " (" + feature.insee + ")";

    const auto geometry = f.find("geometry");
    if (geometry == f.end() || !geometry->is_object()) throw invalid(where + " n'a pas de géométrie");
    const json type = geometry->value("type", json());
    const auto coordinates = geometry->find("coordinates");
    if (coordinates == geometry->end() || !coordinates->is_array()) throw invalid(where + " n'a pas de coordonnées");
    std::vector<const json*> polygons;
    if (type == "Polygon") {
      polygons.push_back(&*coordinates);
    } else if (type == "MultiPolygon") {
      for (const json& polygon : *coordinates) polygons.push_back(&polygon);
    } else {
      throw invalid(where + " : géométrie Polygon ou MultiPolygon attendue");
    }
    for (const json* polygon : polygons) {
      if (!polygon->is_array()) throw invalid(where + " : polygone mal formé");
      for (const json& ring : *polygon) {
        if (!ring.is_array() || ring.empty()) throw invalid(where + " : contour mal formé");
        std::vector<domain::LatLon> points;
        points.reserve(ring.size());
        for (const json& p : ring) points.push_back(position(p, where));
        feature.rings.push_back(std::move(points));
      }
    }
    if (feature.rings.empty()) throw invalid(where + " n'a aucun contour");
    out.push_back(std::move(feature));
  }
  if (out.empty()) throw invalid("aucune commune");
  return out;
}

}  // namespace

DepartementMap::DepartementMap(std::string_view geojson) {
  const std::vector<Feature> features = read_features(geojson);

  double min_lat = std::numeric_limits<double>::infinity();
  double max_lat = -min_lat;
  for (const Feature& f : features) {
    for (const auto& ring : f.rings) {
      for (const domain::LatLon& p : ring) {
        min_lat = std::min(min_lat, p.lat);
        max_lat = std::max(max_lat, p.lat);
      }
    }
  }
  lat0_cos_ = std::cos((min_lat + max_lat) / 2 * std::numbers::pi / 180);
  min_x_ = min_y_ = std::numeric_limits<double>::infinity();
  max_x_ = max_y_ = -min_x_;
  for (const Feature& f : features) {
    for (const auto& ring : f.rings) {
      for (const domain::LatLon& p : ring) {
        const double x = p.lon * lat0_cos_;
        const double y = -p.lat;
        min_x_ = std::min(min_x_, x);
        max_x_ = std::max(max_x_, x);
        min_y_ = std::min(min_y_, y);
        max_y_ = std::max(max_y_, y);
      }
    }
  }
  if (!(max_x_ > min_x_) || !(max_y_ > min_y_)) throw invalid("les contours n'ont pas d'étendue");

  shapes_.reserve(features.size());
  for (const Feature& f : features) {
    Shape shape{f.insee, {}};
    for (const auto& ring : f.rings) {
      std::vector<std::pair<std::int64_t, std::int64_t>> points;
      points.reserve(ring.size());
      for (const domain::LatLon& p : ring) {
        double x = 0, y = 0;
        project(p, x, y);
        const std::pair<std::int64_t, std::int64_t> point{to_tenths(x), to_tenths(y)};
        if (points.empty() || points.back() != point) points.push_back(point);
      }
      // GeoJSON rings repeat their first point; "z" closes them without it.
      if (points.size() > 1 && points.back() == points.front()) points.pop_back();
      PathWriter path(shape.path);
      path.command('M');
      path.pair(points[0].first, points[0].second);
      if (points.size() > 1) path.command('l');
      for (std::size_t i = 1; i < points.size(); ++i) {
        path.pair(points[i].first - points[i - 1].first, points[i].second - points[i - 1].second);
      }
      path.command('z');
    }
    shapes_.push_back(std::move(shape));
  }
}

void DepartementMap::project(domain::LatLon p, double& x, double& y) const {
  const double scale = (kViewWidth - 2 * kMargin) / (max_x_ - min_x_);
  x = kMargin + (p.lon * lat0_cos_ - min_x_) * scale;
  y = kMargin + (-p.lat - min_y_) * scale;
}

std::size_t DepartementMap::commune_count() const { return shapes_.size(); }

std::string DepartementMap::render(const std::vector<MapMarker>& markers, const MapOptions& options) const {
  const double scale = (kViewWidth - 2 * kMargin) / (max_x_ - min_x_);
  const double view_height = std::round(((max_y_ - min_y_) * scale + 2 * kMargin) * 10) / 10;
  const int width = std::max(options.width, 1);
  const long height = std::lround(width * view_height / kViewWidth);

  std::size_t size = 1024 + markers.size() * 400;
  for (const Shape& s : shapes_) size += s.path.size() + s.insee.size() + 48;
  std::string out;
  out.reserve(size);

  const bool has_desc = !options.description.empty();
  append(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 ", number(kViewWidth), " ",
         number(view_height), "\" width=\"", std::to_string(width), "\" height=\"", std::to_string(height),
         "\" role=\"img\" aria-labelledby=\"map-title", has_desc ? " map-desc" : "", "\">");
  append(out, "<title id=\"map-title\">", xml_escape(options.title), "</title>");
  if (has_desc) append(out, "<desc id=\"map-desc\">", xml_escape(options.description), "</desc>");

  // The highlighted commune is drawn last so that its neighbours' outlines do not cover its own.
  const Shape* highlighted = nullptr;
  out += "<g class=\"communes\">";
  for (const Shape& s : shapes_) {
    if (!options.highlight_insee.empty() && s.insee == options.highlight_insee) {
      highlighted = &s;
      continue;
    }
    std::string classes = "commune";
    if (auto it = options.commune_classes.find(s.insee); it != options.commune_classes.end()) {
      std::size_t start = 0;
      while (start <= it->second.size()) {
        std::size_t end = it->second.find(' ', start);
        if (end == std::string::npos) end = it->second.size();
        const std::string suffix = class_suffix(std::string_view(it->second).substr(start, end - start));
        if (!suffix.empty()) append(classes, " commune--", suffix);
        start = end + 1;
      }
    }
    append(out, "<path class=\"", classes, "\" data-insee=\"", xml_escape(s.insee), "\" d=\"", s.path, "\"");
    if (auto it = options.commune_titles.find(s.insee); it != options.commune_titles.end())
      append(out, "><title>", xml_escape(it->second), "</title></path>");
    else
      out += "/>";
  }
  if (highlighted != nullptr) {
    append(out, "<path class=\"commune commune--highlight\" data-insee=\"", xml_escape(highlighted->insee), "\" d=\"",
           highlighted->path, "\"/>");
  }
  out += "</g>";
  if (!options.hatched.empty()) {
    // Diagonal lines over the commune's own shade; aria-hidden: the shape below already carries its title.
    out +=
        "<defs><pattern id=\"map-hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
        "patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#1b1b1b\" "
        "stroke-width=\"2\"/></pattern></defs><g class=\"hatched\" aria-hidden=\"true\">";
    for (const Shape& s : shapes_)
      if (options.hatched.contains(s.insee))
        append(out, "<path class=\"commune-hatch\" d=\"", s.path, "\" fill=\"url(#map-hatch)\"/>");
    out += "</g>";
  }

  if (options.radius_km > 0) {
    double cx = 0, cy = 0;
    project(options.radius_centre, cx, cy);
    const double km_per_degree = kEarthRadiusKm * std::numbers::pi / 180;
    const double r = options.radius_km / km_per_degree * scale;
    append(out, "<circle class=\"radius\" cx=\"", number(cx), "\" cy=\"", number(cy), "\" r=\"", number(r),
           "\" fill=\"none\" stroke=\"currentColor\" stroke-dasharray=\"8 6\"/>");
  }

  out += "<g class=\"markers\">";
  for (const MapMarker& m : markers) {
    double x = 0, y = 0;
    project(m.at, x, y);
    const std::string kind = class_suffix(m.kind);
    const std::string label = xml_escape(m.label);
    const std::string_view element = m.href.empty() ? "g" : "a";
    append(out, "<", element, " class=\"marker", kind.empty() ? "" : " marker--", kind, "\"");
    if (!m.href.empty()) append(out, " href=\"", xml_escape(m.href), "\"");
    append(out, "><title>", label, "</title>");

    constexpr double s = kMarkerSize;
    if (kind == "in_service") {
      append(out, "<circle class=\"marker__shape\" cx=\"", number(x), "\" cy=\"", number(y), "\" r=\"", number(s),
             "\" fill=\"currentColor\"/>");
    } else if (kind == "opening") {
      append(out, "<path class=\"marker__shape\" d=\"M", number(x), " ", number(y - s), "l", number(s), " ",
             number(1.6 * s), "h", number(-2 * s), "z\" fill=\"currentColor\"/>");
    } else if (kind == "planned") {
      append(out, "<rect class=\"marker__shape\" x=\"", number(x - 0.8 * s), "\" y=\"", number(y - 0.8 * s),
             "\" width=\"", number(1.6 * s), "\" height=\"", number(1.6 * s),
             "\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"3\"/>");
    } else if (kind == "closed") {
      const std::string d = number(1.6 * s);
      append(out, "<path class=\"marker__shape\" d=\"M", number(x - 0.8 * s), " ", number(y - 0.8 * s), "l", d, " ", d,
             "m0-", d, "l-", d, " ", d, "\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"3\"/>");
    } else if (kind == "proposed") {
      append(out, "<path class=\"marker__shape\" d=\"M", number(x), " ", number(y - 1.2 * s), "l", number(1.2 * s), " ",
             number(1.2 * s), "l", number(-1.2 * s), " ", number(1.2 * s), "l", number(-1.2 * s), " ", number(-1.2 * s),
             "z\" fill=\"currentColor\" stroke=\"#fff\" stroke-width=\"2\"/>");
    } else {
      append(out, "<circle class=\"marker__shape\" cx=\"", number(x), "\" cy=\"", number(y), "\" r=\"", number(0.6 * s),
             "\" fill=\"currentColor\"/>");
    }
    append(out, "<text class=\"marker__label\" x=\"", number(x + 1.4 * s), "\" y=\"", number(y + 0.6 * s),
           "\" font-size=\"20\">", label, "</text></", element, ">");
  }
  out += "</g></svg>";
  return out;
}

}  // namespace tc::geo
