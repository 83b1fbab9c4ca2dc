// The map is public HTML: it must draw every commune, stay light enough to send on every page, be readable by a
// screen reader, never let a label inject markup, and show a centre's status by shape, not colour alone.
#include "geo/svg_map.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

namespace tc::geo {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const DepartementMap& cantal() {
  static const DepartementMap map(read_file(std::string(TC_SOURCE_DIR) + "/data/communes-15-cantal-2025.geojson"));
  return map;
}

std::size_t count(const std::string& text, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

// The value of the first `name="…"` attribute after `from`.
double attribute(const std::string& svg, std::string_view name, std::size_t from = 0) {
  const std::string key = " " + std::string(name) + "=\"";
  const std::size_t at = svg.find(key, from);
  if (at == std::string::npos) throw std::runtime_error("no attribute " + std::string(name));
  return std::stod(svg.substr(at + key.size()));
}

constexpr domain::LatLon kAurillac{44.92447, 2.44162};
constexpr domain::LatLon kSaintFlour{45.02861, 3.08295};

// A square commune of 0.1°, enough to exercise the parser without the real file.
std::string square_feature(std::string_view code) {
  return R"({"type":"Feature","properties":{"code":")" + std::string(code) +
         R"("},"geometry":{"type":"Polygon","coordinates":[[[2.0,45.0],[2.1,45.0],[2.1,45.1],[2.0,45.1],[2.0,45.0]]]}})";
}

std::string collection(const std::string& features) {
  return R"({"type":"FeatureCollection","features":[)" + features + "]}";
}

MapOptions titled(std::string title, std::string description = "") {
  MapOptions options;
  options.title = std::move(title);
  options.description = std::move(description);
  return options;
}

MapOptions of_width(int width) {
  MapOptions options;
  options.width = width;
  return options;
}

MapOptions highlighting(std::string insee) {
  MapOptions options;
  options.highlight_insee = std::move(insee);
  return options;
}

MapOptions with_radius(double km, domain::LatLon centre) {
  MapOptions options;
  options.radius_km = km;
  options.radius_centre = centre;
  return options;
}

std::string marker_svg(std::string_view kind) {
  const std::string svg = cantal().render({{kSaintFlour, "Centre", std::string(kind), ""}}, {});
  const std::size_t start = svg.find("<g class=\"markers\">");
  return svg.substr(start);
}

TEST(DepartementMapTest, DrawsOnePathPerCommune) {
  EXPECT_EQ(cantal().commune_count(), 250u);
  const std::string svg = cantal().render({}, {});
  EXPECT_EQ(count(svg, "<path class=\"commune\""), 250u);
  EXPECT_EQ(count(svg, "data-insee=\""), 250u);
  EXPECT_NE(svg.find("data-insee=\"15187\""), std::string::npos);
}

TEST(DepartementMapTest, WholeMapStaysSmallEnoughForEveryPage) {
  const std::string svg = cantal().render({}, titled("Cantal", "Carte"));
  std::cout << "rendered Cantal map: " << svg.size() << " bytes\n";
  EXPECT_LT(svg.size(), 200u * 1024);
}

TEST(DepartementMapTest, IsAnAccessibleImageWithTitleAndDescription) {
  const std::string svg = cantal().render({}, titled("Centres du Cantal", "Trois centres"));
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_TRUE(svg.ends_with("</svg>"));
  EXPECT_NE(svg.find(" role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find(" aria-labelledby=\"map-title map-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"map-title\">Centres du Cantal</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"map-desc\">Trois centres</desc>"), std::string::npos);
  EXPECT_NE(svg.find("<g class=\"communes\">"), std::string::npos);
  EXPECT_NE(svg.find("<g class=\"markers\">"), std::string::npos);
}

TEST(DepartementMapTest, WithoutDescriptionLabelsByTitleOnly) {
  const std::string svg = cantal().render({}, titled("Cantal"));
  EXPECT_NE(svg.find(" aria-labelledby=\"map-title\""), std::string::npos);
  EXPECT_EQ(svg.find("<desc"), std::string::npos);
}

TEST(DepartementMapTest, WidthSetsTheElementSizeAndKeepsTheAspectRatio) {
  const std::string narrow = cantal().render({}, of_width(320));
  const std::string wide = cantal().render({}, of_width(640));
  EXPECT_NE(narrow.find(" viewBox=\"0 0 1000 "), std::string::npos);
  EXPECT_DOUBLE_EQ(attribute(narrow, "width"), 320);
  EXPECT_DOUBLE_EQ(attribute(wide, "width"), 640);
  EXPECT_NEAR(attribute(wide, "height"), 2 * attribute(narrow, "height"), 1);
  // Once longitudes are shrunk by cos(45°), the Cantal is a little wider than tall.
  const double view_height = std::stod(narrow.substr(narrow.find("viewBox=\"0 0 1000 ") + 18));
  EXPECT_GT(view_height, 850);
  EXPECT_LT(view_height, 1000);
  EXPECT_NEAR(attribute(wide, "height"), 640 * view_height / 1000, 1);
}

TEST(DepartementMapTest, EscapesEveryTextItDraws) {
  MapOptions options = titled("<b>Cantal</b>", "A & B");
  options.highlight_insee = "\"><script>";
  const std::string svg = cantal().render(
      {{kSaintFlour, "<script>alert('x')</script> & \"co\"", "in_service", "/centres/1?a=1&b=\"2\""}}, options);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("<title>&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;co&quot;</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("href=\"/centres/1?a=1&amp;b=&quot;2&quot;\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"map-title\">&lt;b&gt;Cantal&lt;/b&gt;</title>"), std::string::npos);
  EXPECT_NE(svg.find("A &amp; B"), std::string::npos);
}

TEST(DepartementMapTest, MarkerKindBecomesAClassWithoutInjection) {
  EXPECT_NE(marker_svg("in_service").find("class=\"marker marker--in_service\""), std::string::npos);
  const std::string injected = marker_svg("x\" onclick=\"alert(1)");
  EXPECT_EQ(injected.find("onclick="), std::string::npos);
  EXPECT_NE(injected.find("class=\"marker marker--xonclickalert1\""), std::string::npos);
  EXPECT_NE(marker_svg("").find("class=\"marker\""), std::string::npos);
}

TEST(DepartementMapTest, MarkerShapeDependsOnKind) {
  EXPECT_NE(marker_svg("in_service").find("<circle class=\"marker__shape\""), std::string::npos);
  EXPECT_NE(marker_svg("in_service").find("fill=\"currentColor\""), std::string::npos);
  EXPECT_NE(marker_svg("opening").find("<path class=\"marker__shape\""), std::string::npos);
  EXPECT_NE(marker_svg("planned").find("<rect class=\"marker__shape\""), std::string::npos);
  EXPECT_NE(marker_svg("planned").find("fill=\"none\""), std::string::npos);
  EXPECT_NE(marker_svg("closed").find("<path class=\"marker__shape\""), std::string::npos);
  EXPECT_NE(marker_svg("closed").find("fill=\"none\""), std::string::npos);
  EXPECT_NE(marker_svg("unknown").find("<circle class=\"marker__shape\""), std::string::npos);

  // Shapes compared without their numbers: only "other" shares a form, the circle, and it is smaller.
  std::set<std::string> shapes;
  for (const char* kind : {"in_service", "opening", "planned", "closed", "proposed"}) {
    const std::string svg = marker_svg(kind);
    const std::size_t start = svg.find("</title>") + 8;
    std::string shape = svg.substr(start, svg.find("/>", start) - start);
    shapes.insert(std::regex_replace(shape, std::regex("[-0-9. ]+"), "#"));
  }
  EXPECT_EQ(shapes.size(), 5u) << "two kinds share a shape";
  EXPECT_LT(attribute(marker_svg("other"), "r"), attribute(marker_svg("in_service"), "r"));
}

// The siting study's thematic map: classes and titles per commune (never markup from them), and a hatched
// overlay drawn over exactly the communes asked.
TEST(DepartementMapTest, ThematicClassesTitlesAndHatching) {
  MapOptions options;
  options.title = "Étude";
  options.commune_classes = {{"15187", "d4 covered"}, {"15014", "d1 \" onload=\"x"}};
  options.commune_titles = {{"15187", "Saint-Flour <b>"}};
  options.hatched = {"15014", "15138"};
  const std::string svg = cantal().render({}, options);
  EXPECT_NE(svg.find("class=\"commune commune--d4 commune--covered\" data-insee=\"15187\""), std::string::npos);
  EXPECT_NE(svg.find("<title>Saint-Flour &lt;b&gt;</title></path>"), std::string::npos);
  EXPECT_EQ(svg.find("onload="), std::string::npos);
  EXPECT_EQ(count(svg, "class=\"commune-hatch\""), 2u);
  EXPECT_EQ(count(svg, "<pattern id=\"map-hatch\""), 1u);
  EXPECT_EQ(count(cantal().render({}, MapOptions{}), "map-hatch"), 0u);
}

TEST(DepartementMapTest, MarkerWithHrefIsALinkWithTitleAndLabel) {
  const std::string svg = cantal().render(
      {{kAurillac, "Télécentre d'Aurillac", "opening", "/centres/3"}, {kSaintFlour, "Saint-Flour", "planned", ""}}, {});
  EXPECT_NE(
      svg.find("<a class=\"marker marker--opening\" href=\"/centres/3\"><title>Télécentre d&apos;Aurillac</title>"),
      std::string::npos);
  EXPECT_NE(svg.find("<g class=\"marker marker--planned\"><title>Saint-Flour</title>"), std::string::npos);
  EXPECT_NE(svg.find(">Saint-Flour</text>"), std::string::npos);
  EXPECT_EQ(count(svg, "</a>"), 1u);
}

TEST(DepartementMapTest, MarkersLandInsideTheMap) {
  const std::string svg = cantal().render({{kAurillac, "A", "in_service", ""}}, {});
  const std::size_t markers = svg.find("<g class=\"markers\">");
  const double cx = attribute(svg, "cx", markers);
  const double cy = attribute(svg, "cy", markers);
  EXPECT_GT(cx, 0);
  EXPECT_LT(cx, 1000);
  EXPECT_GT(cy, 0);
  EXPECT_LT(cy, attribute(svg, "height") * 1000 / 640);
}

TEST(DepartementMapTest, HighlightedCommuneIsMarkedAndDrawnLast) {
  const std::string svg = cantal().render({}, highlighting("15187"));
  EXPECT_EQ(count(svg, "commune--highlight"), 1u);
  const std::size_t highlight = svg.find("<path class=\"commune commune--highlight\" data-insee=\"15187\"");
  ASSERT_NE(highlight, std::string::npos);
  EXPECT_EQ(svg.find("<path", highlight + 1), std::string::npos);
  EXPECT_EQ(count(svg, "data-insee=\"15187\""), 1u);
  EXPECT_EQ(count(cantal().render({}, {}), "commune--highlight"), 0u);
}

TEST(DepartementMapTest, RadiusCircleIsDrawnOnlyWhenAsked) {
  EXPECT_EQ(cantal().render({}, {}).find("class=\"radius\""), std::string::npos);
  EXPECT_NE(cantal().render({}, with_radius(30, kAurillac)).find("<circle class=\"radius\""), std::string::npos);
}

TEST(DepartementMapTest, RadiusMatchesDistancesOnTheMap) {
  // Saint-Flour is 51.76 km from Aurillac: a circle of that radius around Aurillac passes through it.
  const std::string svg = cantal().render({{kAurillac, "A", "in_service", ""}, {kSaintFlour, "S", "in_service", ""}},
                                          with_radius(51.76, kAurillac));
  const std::size_t circle = svg.find("<circle class=\"radius\"");
  const double r = attribute(svg, "r", circle);
  const std::size_t first = svg.find("<g class=\"markers\">");
  const std::size_t second = svg.find("<g class=\"marker", first + 20);
  const double dx = attribute(svg, "cx", second) - attribute(svg, "cx", first);
  const double dy = attribute(svg, "cy", second) - attribute(svg, "cy", first);
  EXPECT_NEAR(std::hypot(dx, dy), r, r * 0.01);
  EXPECT_NEAR(attribute(svg, "cx", circle), attribute(svg, "cx", first), 0.1);
}

TEST(DepartementMapTest, DropsRepeatedPointsAndClosesRingsWithZ) {
  const DepartementMap map(
      collection(R"({"type":"Feature","properties":{"code":"01001"},"geometry":{"type":"Polygon","coordinates":)"
                 R"([[[2.0,45.0],[2.0,45.0],[2.1,45.0],[2.1,45.1],[2.0,45.1],[2.0,45.0]]]}})"));
  const std::string svg = map.render({}, {});
  const std::size_t d = svg.find(" d=\"") + 4;
  const std::string path = svg.substr(d, svg.find('"', d) - d);
  // 0.1° of longitude is cos(45°) × 0.1° of latitude: the square is drawn 980 wide and 1387.1 tall.
  EXPECT_EQ(path, "M10 1397.1l980 0 0-1387.1-980 0z");
}

TEST(DepartementMapTest, MultiPolygonDrawsEveryPartInOnePath) {
  const DepartementMap map(
      collection(R"({"type":"Feature","properties":{"code":"01001"},"geometry":{"type":"MultiPolygon","coordinates":[)"
                 R"([[[2.0,45.0],[2.1,45.0],[2.1,45.1],[2.0,45.0]]],)"
                 R"([[[2.2,45.0],[2.3,45.0],[2.3,45.1],[2.2,45.0]]]]}},)" +
                 square_feature("01002")));
  EXPECT_EQ(map.commune_count(), 2u);
  const std::string svg = map.render({}, {});
  const std::size_t d = svg.find(" d=\"") + 4;
  EXPECT_EQ(count(svg.substr(d, svg.find('"', d) - d), "M"), 2u);
}

TEST(DepartementMapTest, RefusesMalformedGeoJson) {
  const std::string ok = square_feature("01001");
  for (
      const std::string& bad : {
          std::string("not json"),
          std::string("{}"),
          std::string(R"({"type":"FeatureCollection"})"),
          collection(""),
          collection(R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[]}})"),
          collection(
              R"({"type":"Feature","properties":{"code":"01001"},"geometry":{"type":"Point","coordinates":[2,45]}})"),
          collection(R"({"type":"Feature","properties":{"code":"01001"},"geometry":null})"),
          collection(
              R"({"type":"Feature","properties":{"code":"01001"},"geometry":{"type":"Polygon","coordinates":[[["a",45]]]}})"),
          collection(
              R"({"type":"Feature","properties":{"code":"01001"},"geometry":{"type":"Polygon","coordinates":[[[2,95]]]}})"),
          collection(
              R"({"type":"Feature","properties":{"code":"01001"},"geometry":{"type":"Polygon","coordinates":[[[2,45]]]}})"),
          collection(ok + ",42"),
      }) {
    EXPECT_THROW(DepartementMap{bad}, std::runtime_error) << bad;
  }
}

// Found by fuzz/geojson_fuzz.cpp: a number too large for a double made the JSON library throw out_of_range, which
// is not a parse_error and escaped as a library exception rather than the reader's own error.
TEST(DepartementMapTest, RefusesNumberTooLargeAsReadableError) {
  const std::string crash("{\"tyhe\":99999999999990000000000000963233704036E746\0\08\0\",\"aUr;rest\":[{", 69);
  EXPECT_THROW(DepartementMap{crash}, std::runtime_error);
  try {
    const DepartementMap map{R"({"type":"FeatureCollection","features":[],"x":1e400})"};
    ADD_FAILURE() << "no error, " << map.commune_count() << " communes";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("JSON illisible"), std::string::npos) << e.what();
  }
}

TEST(DepartementMapTest, ErrorMessagesSayWhatIsWrongInFrench) {
  try {
    DepartementMap map(collection(square_feature("01001") +
                                  R"(,{"type":"Feature","properties":{"code":"01002"},"geometry":{"type":"Point"}})"));
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "GeoJSON invalide : l'entité n° 2 (01002) n'a pas de coordonnées");
  }
}

}  // namespace
}  // namespace tc::geo
