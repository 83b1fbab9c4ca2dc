// The server-drawn line chart: round ticks, an accessible image (title and description referenced), one marker
// with a title per point, text escaped, and the study's p marked.
#include "web/svg_chart.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tc::web {
namespace {

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(SvgChart, NiceTicksAreRoundAndCoverTheRange) {
  EXPECT_EQ(nice_ticks(0, 100, 5), (std::vector<double>{0, 20, 40, 60, 80, 100}));
  EXPECT_EQ(nice_ticks(0, 93, 5), (std::vector<double>{0, 20, 40, 60, 80, 100}));
  EXPECT_EQ(nice_ticks(0, 10, 4), (std::vector<double>{0, 2.5, 5, 7.5, 10}));
  const auto big = nice_ticks(0, 41'230, 5);
  EXPECT_EQ(big.front(), 0);
  EXPECT_GE(big.back(), 41'230);
  EXPECT_EQ(big[1], 10'000);
  EXPECT_EQ(nice_ticks(3, 3, 5), (std::vector<double>{3}));
}

TEST(SvgChart, IsAnAccessibleImageWithOneTitledMarkerPerPoint) {
  LineChart c;
  c.id = "courbe";
  c.title = "Demande couverte";
  c.description = "Trois points <b>";
  c.x_axis = "Centres";
  c.y_axis = "Personnes";
  c.points = {{1, 10, "1 centre"}, {2, 25, "2 centres"}, {3, 31, "3 centres & plus"}};
  c.marked_x = 2;
  const std::string svg = render_line_chart(c);
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(svg.find("role=\"img\" aria-labelledby=\"courbe-title courbe-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"courbe-title\">Demande couverte</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"courbe-desc\">Trois points &lt;b&gt;</desc>"), std::string::npos);
  EXPECT_EQ(count(svg, "<circle "), 3u);
  EXPECT_NE(svg.find("<title>3 centres &amp; plus</title>"), std::string::npos);
  EXPECT_EQ(count(svg, "class=\"chart__mark\""), 1u);
  EXPECT_EQ(count(svg, "<polyline"), 1u);
  // Higher values are drawn higher (smaller y): the line's three points rise.
  const auto points = svg.substr(svg.find("points=\"") + 8);
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0, x3 = 0, y3 = 0;
  ASSERT_EQ(std::sscanf(points.c_str(), "%lf,%lf %lf,%lf %lf,%lf", &x1, &y1, &x2, &y2, &x3, &y3), 6);
  EXPECT_LT(x1, x2);
  EXPECT_LT(x2, x3);
  EXPECT_GT(y1, y2);
  EXPECT_GT(y2, y3);
}

TEST(SvgChart, AnIdCannotInjectAndNoPointsStillDrawsAxes) {
  LineChart c;
  c.id = "x\" onload=\"alert(1)";
  c.title = "Vide";
  const std::string svg = render_line_chart(c);
  EXPECT_EQ(svg.find("onload="), std::string::npos);
  EXPECT_EQ(svg.find("<polyline"), std::string::npos);
  EXPECT_EQ(count(svg, "class=\"chart__axis\""), 2u);
}

TEST(SvgChart, BarsAreProportionalWithTheirValueWrittenAndTheTargetMarked) {
  BarChart c;
  c.id = "candidatures";
  c.title = "Candidatures par télécentre";
  c.description = "Deux télécentres <i>";
  c.value_axis = "Candidatures";
  c.bars = {{"Murat", 30, "30"}, {"Saint-Flour et sa très longue dénomination", 15, "15"}};
  c.target = 40;
  c.target_label = "Objectif : 40";
  const std::string svg = render_bar_chart(c);
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(svg.find("aria-labelledby=\"candidatures-title candidatures-desc\""), std::string::npos);
  EXPECT_NE(svg.find("Deux télécentres &lt;i&gt;"), std::string::npos);
  EXPECT_EQ(count(svg, "<rect class=\"chart__bar\""), 2u);
  // The axis runs to 40 (the target), over 640 − 200 − 100 = 340 px: 30 → 255 px, 15 → 127.5 px.
  EXPECT_NE(svg.find("width=\"255.0\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"127.5\""), std::string::npos);
  // The whole label in the bar's title, a shortened one drawn, never a split accent.
  EXPECT_NE(svg.find("<title>Saint-Flour et sa très longue dénomination : 15</title>"), std::string::npos);
  EXPECT_NE(svg.find(">Saint-Flour et sa très l…</text>"), std::string::npos);
  EXPECT_NE(svg.find("Objectif : 40"), std::string::npos);
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);
}

TEST(SvgChart, NoBarsDrawsTheAxisOnly) {
  BarChart c;
  c.id = "vide";
  c.title = "Rien";
  const std::string svg = render_bar_chart(c);
  EXPECT_EQ(count(svg, "chart__bar\""), 0u);
  EXPECT_NE(svg.find("chart__axis"), std::string::npos);
}

}  // namespace
}  // namespace tc::web
