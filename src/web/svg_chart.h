// Charts drawn on the server as SVG: they work without JavaScript, print, and carry a title and a description
// for screen readers (pages give the data as a table beside them too). Text is XML-escaped.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tc::web {

struct ChartPoint {
  double x = 0;
  double y = 0;
  std::string label;  // the point's <title>, e.g. "8 centres : 41 230 personnes"
};

struct LineChart {
  std::string id;  // unique on the page: prefixes the ids of the title and description
  std::string title;
  std::string description;
  std::string x_axis;  // axis captions
  std::string y_axis;
  std::vector<ChartPoint> points;             // drawn in order
  std::optional<double> marked_x;             // a vertical mark (the study's p), drawn dashed
  std::function<std::string(double)> x_text;  // tick labels; plain numbers when empty
  std::function<std::string(double)> y_text;
  int width = 640;
};

// An <svg role="img"> line chart: axes with about five rounded ticks each (y from 0 unless the data goes
// below), the line, a marker with a <title> per point. Empty points: the axes and a "no data" free chart.
std::string render_line_chart(const LineChart& chart);

struct Bar {
  std::string label;       // drawn left of the bar (shortened with "…" past 24 characters; whole in its <title>)
  double value = 0;        // ≥ 0
  std::string value_text;  // written at the bar's end, e.g. "12 (40 %)"
};

// Horizontal bars, one per line: applications per centre against a target, occupancy per month, a funnel.
struct BarChart {
  std::string id;
  std::string title;
  std::string description;
  std::string value_axis;
  std::vector<Bar> bars;
  std::optional<double> target;  // a dashed vertical line, e.g. the 30 applications expected per centre
  std::string target_label;      // written beside it
  std::function<std::string(double)> value_ticks;  // tick labels; plain numbers when empty
  int width = 640;
};

// An <svg role="img"> bar chart: a value axis from 0 with about five rounded ticks, a bar with a <title> and
// its value written at its end per line. Empty bars: the axis and nothing else.
std::string render_bar_chart(const BarChart& chart);

// Up to about `count` round tick values (1, 2, 2.5 or 5 × a power of ten apart) covering [low, high].
std::vector<double> nice_ticks(double low, double high, int count);

}  // namespace tc::web
