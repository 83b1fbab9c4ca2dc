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

std::string render_bar_chart(const BarChart& c) {
  const std::string id = safe_id(c.id);
  constexpr double kWidth = 640, kLabel = 200, kRight = 100, kTop = 34, kRow = 30, kBottom = 56;
  const auto tick_text = c.value_ticks ? c.value_ticks : plain;
  const double height = kTop + kRow * static_cast<double>(std::max<std::size_t>(c.bars.size(), 1)) + kBottom;
  double hi = c.target.value_or(0);
  for (const auto& b : c.bars) hi = std::max(hi, b.value);
  if (!(hi > 0)) hi = 1;
  const std::vector<double> ticks = nice_ticks(0, hi, 5);
  hi = ticks.back();
  auto px = [&](double v) { return kLabel + std::max(0.0, v) / hi * (kWidth - kLabel - kRight); };
  const double axis_y = height - kBottom;

  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart--bars\" viewBox=\"0 0 640 " +
                    num(height) + "\" width=\"" + std::to_string(c.width) + "\" height=\"" +
                    std::to_string(static_cast<int>(c.width * height / kWidth)) + "\" role=\"img\" aria-labelledby=\"" +
                    id + "-title " + id + "-desc\">";
  out += "<title id=\"" + id + "-title\">" + escape(c.title) + "</title>";
  out += "<desc id=\"" + id + "-desc\">" + escape(c.description) + "</desc>";
  out += "<g class=\"chart__grid\" aria-hidden=\"true\">";
  for (const double t : ticks) {
    out += "<line x1=\"" + num(px(t)) + "\" x2=\"" + num(px(t)) + "\" y1=\"" + num(kTop - 6) + "\" y2=\"" +
           num(axis_y) + "\"/>";
    out += "<text class=\"chart__tick\" x=\"" + num(px(t)) + "\" y=\"" + num(axis_y + 20) +
           "\" text-anchor=\"middle\">" + escape(tick_text(t)) + "</text>";
  }
  out += "<line class=\"chart__axis\" x1=\"" + num(kLabel) + "\" x2=\"" + num(kLabel) + "\" y1=\"" + num(kTop - 6) +
         "\" y2=\"" + num(axis_y) + "\"/>";
  out += "<text class=\"chart__caption\" x=\"" + num((kLabel + kWidth - kRight) / 2) + "\" y=\"" + num(height - 10) +
         "\" text-anchor=\"middle\">" + escape(c.value_axis) + "</text>";
  out += "</g><g class=\"chart__bars\">";
  for (std::size_t i = 0; i < c.bars.size(); ++i) {
    const Bar& b = c.bars[i];
    const double y = kTop + kRow * static_cast<double>(i);
    // Labels are cut by characters, not bytes, so that a French accent is never split.
    std::string shown;
    std::size_t chars = 0;
    for (std::size_t k = 0; k < b.label.size(); ++k) {
      const auto byte = static_cast<unsigned char>(b.label[k]);
      if ((byte & 0xC0) != 0x80 && ++chars > 24) {
        shown += "…";
        break;
      }
      shown += b.label[k];
    }
    out += "<g><title>" + escape(b.label + " : " + b.value_text) + "</title>";
    out += "<text class=\"chart__label\" x=\"" + num(kLabel - 8) + "\" y=\"" + num(y + kRow / 2 + 5) +
           "\" text-anchor=\"end\" aria-hidden=\"true\">" + escape(shown) + "</text>";
    out += "<rect class=\"chart__bar\" x=\"" + num(kLabel) + "\" y=\"" + num(y + 5) + "\" width=\"" +
           num(px(b.value) - kLabel) + "\" height=\"" + num(kRow - 10) + "\"/>";
    out += "<text class=\"chart__value\" x=\"" + num(px(b.value) + 6) + "\" y=\"" + num(y + kRow / 2 + 5) +
           "\" aria-hidden=\"true\">" + escape(b.value_text) + "</text></g>";
  }
  out += "</g>";
  if (c.target && *c.target >= 0) {
    const double x = px(*c.target);
    out += "<g class=\"chart__target\" aria-hidden=\"true\"><line class=\"chart__mark\" x1=\"" + num(x) + "\" x2=\"" +
           num(x) + "\" y1=\"" + num(kTop - 10) + "\" y2=\"" + num(axis_y) + "\" stroke-dasharray=\"6 4\"/>";
    out += "<text class=\"chart__caption\" x=\"" + num(x) + "\" y=\"" + num(kTop - 14) + "\" text-anchor=\"middle\">" +
           escape(c.target_label) + "</text></g>";
  }
  out += "</svg>";
  return out;
}

}  // namespace tc::web
