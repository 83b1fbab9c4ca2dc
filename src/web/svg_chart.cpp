#include "web/svg_chart.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace tc::web {

namespace {

std::string escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

std::string plain(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

// Only [A-Za-z0-9_-] in ids: they go into attributes and references.
std::string safe_id(const std::string& id) {
  std::string out;
  for (const char c : id)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') out += c;
  return out.empty() ? std::string("chart") : out;
}

}  // namespace

std::vector<double> nice_ticks(double low, double high, int count) {
  if (!(high > low) || count < 1) return {low};
  const double raw = (high - low) / count;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * power >= raw) {
      step = m * power;
      break;
    }
  std::vector<double> ticks;
  for (double t = std::floor(low / step) * step; t <= high + step * 1e-9; t += step) ticks.push_back(t);
  if (!ticks.empty() && ticks.back() < high - step * 1e-9) ticks.push_back(ticks.back() + step);
  return ticks;
}

std::string render_line_chart(const LineChart& c) {
  const std::string id = safe_id(c.id);
  constexpr double kWidth = 640, kHeight = 360, kLeft = 90, kRight = 20, kTop = 20, kBottom = 60;
  const auto x_text = c.x_text ? c.x_text : plain;
  const auto y_text = c.y_text ? c.y_text : plain;

  double x_lo = 0, x_hi = 1, y_lo = 0, y_hi = 1;
  if (!c.points.empty()) {
    x_lo = x_hi = c.points.front().x;
    y_hi = c.points.front().y;
    for (const auto& p : c.points) {
      x_lo = std::min(x_lo, p.x);
      x_hi = std::max(x_hi, p.x);
      y_lo = std::min(y_lo, p.y);
      y_hi = std::max(y_hi, p.y);
    }
    if (x_hi == x_lo) x_hi = x_lo + 1;
    if (y_hi == y_lo) y_hi = y_lo + 1;
  }
  const std::vector<double> yt = nice_ticks(y_lo, y_hi, 5);
  y_lo = yt.front();
  y_hi = yt.back();
  std::vector<double> xt = nice_ticks(x_lo, x_hi, std::min(10, static_cast<int>(x_hi - x_lo) + 1));
  xt.erase(std::remove_if(xt.begin(), xt.end(), [&](double t) { return t < x_lo - 1e-9 || t > x_hi + 1e-9; }),
           xt.end());
  auto px = [&](double x) { return kLeft + (x - x_lo) / (x_hi - x_lo) * (kWidth - kLeft - kRight); };
  auto py = [&](double y) { return kHeight - kBottom - (y - y_lo) / (y_hi - y_lo) * (kHeight - kTop - kBottom); };

  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 640 360\" width=\"" +
                    std::to_string(c.width) + "\" height=\"" + std::to_string(c.width * 360 / 640) +
                    "\" role=\"img\" aria-labelledby=\"" + id + "-title " + id + "-desc\">";
  out += "<title id=\"" + id + "-title\">" + escape(c.title) + "</title>";
  out += "<desc id=\"" + id + "-desc\">" + escape(c.description) + "</desc>";
  out += "<g class=\"chart__grid\" aria-hidden=\"true\">";
  for (const double t : yt) {
    out += "<line x1=\"" + num(kLeft) + "\" x2=\"" + num(kWidth - kRight) + "\" y1=\"" + num(py(t)) + "\" y2=\"" +
           num(py(t)) + "\"/>";
    out += "<text class=\"chart__tick\" x=\"" + num(kLeft - 8) + "\" y=\"" + num(py(t) + 5) +
           "\" text-anchor=\"end\">" + escape(y_text(t)) + "</text>";
  }
  for (const double t : xt)
    out += "<text class=\"chart__tick\" x=\"" + num(px(t)) + "\" y=\"" + num(kHeight - kBottom + 22) +
           "\" text-anchor=\"middle\">" + escape(x_text(t)) + "</text>";
  out += "<line class=\"chart__axis\" x1=\"" + num(kLeft) + "\" x2=\"" + num(kLeft) + "\" y1=\"" + num(kTop) +
         "\" y2=\"" + num(kHeight - kBottom) + "\"/>";
  out += "<line class=\"chart__axis\" x1=\"" + num(kLeft) + "\" x2=\"" + num(kWidth - kRight) + "\" y1=\"" +
         num(kHeight - kBottom) + "\" y2=\"" + num(kHeight - kBottom) + "\"/>";
  out += "<text class=\"chart__caption\" x=\"" + num((kLeft + kWidth - kRight) / 2) + "\" y=\"" + num(kHeight - 12) +
         "\" text-anchor=\"middle\">" + escape(c.x_axis) + "</text>";
  out += "<text class=\"chart__caption\" transform=\"translate(18 " + num((kTop + kHeight - kBottom) / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + escape(c.y_axis) + "</text>";
  out += "</g>";
  if (c.marked_x && *c.marked_x >= x_lo && *c.marked_x <= x_hi)
    out += "<line class=\"chart__mark\" x1=\"" + num(px(*c.marked_x)) + "\" x2=\"" + num(px(*c.marked_x)) + "\" y1=\"" +
           num(kTop) + "\" y2=\"" + num(kHeight - kBottom) + "\" stroke-dasharray=\"6 4\"/>";
  if (!c.points.empty()) {
    out += "<polyline class=\"chart__line\" fill=\"none\" points=\"";
    for (std::size_t i = 0; i < c.points.size(); ++i)
      out += (i ? " " : "") + num(px(c.points[i].x)) + "," + num(py(c.points[i].y));
    out += "\"/><g class=\"chart__points\">";
    for (const auto& p : c.points)
      out += "<circle cx=\"" + num(px(p.x)) + "\" cy=\"" + num(py(p.y)) + "\" r=\"5\"><title>" + escape(p.label) +
             "</title></circle>";
    out += "</g>";
  }
  out += "</svg>";
  return out;
}

}  // namespace tc::web
