#include "gateway/http/web/charts.h"

#include <algorithm>

namespace aduan::gateway::web {

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string BarChartSvg(const std::vector<std::pair<std::string, int>>& bars) {
  if (bars.empty()) return "<p>Belum ada data.</p>";
  int max = 1;
  for (const auto& b : bars) max = std::max(max, b.second);
  const int row = 22, label_w = 150, bar_w = 180;
  const int h = row * static_cast<int>(bars.size());
  std::string svg = "<svg role=\"img\" viewBox=\"0 0 " + std::to_string(label_w + bar_w + 40) +
                    " " + std::to_string(h) + "\" width=\"100%\" style=\"max-width:30rem\">";
  int y = 0;
  for (const auto& [label, value] : bars) {
    int w = value * bar_w / max;
    svg += "<text x=\"0\" y=\"" + std::to_string(y + 15) + "\" font-size=\"12\">" +
           XmlEscape(label.substr(0, 24)) + "</text><rect x=\"" + std::to_string(label_w) +
           "\" y=\"" + std::to_string(y + 4) + "\" width=\"" + std::to_string(std::max(w, 1)) +
           "\" height=\"14\" fill=\"#14532d\"/><text x=\"" + std::to_string(label_w + w + 4) +
           "\" y=\"" + std::to_string(y + 15) + "\" font-size=\"12\">" + std::to_string(value) +
           "</text>";
    y += row;
  }
  return svg + "</svg>";
}

std::string DailySeriesSvg(const std::vector<std::pair<std::string, std::vector<int>>>& series) {
  if (series.empty()) return "<p>Belum ada data.</p>";
  int max = 1;
  size_t days = 0;
  for (const auto& s : series) {
    days = std::max(days, s.second.size());
    for (int v : s.second) max = std::max(max, v);
  }
  const int row = 34, label_w = 90, step = 14;
  const int width = label_w + step * static_cast<int>(days) + 10;
  std::string svg = "<svg role=\"img\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(row * static_cast<int>(series.size())) +
                    "\" width=\"100%\" style=\"max-width:30rem\">";
  int y = 0;
  for (const auto& [label, counts] : series) {
    svg += "<text x=\"0\" y=\"" + std::to_string(y + 22) + "\" font-size=\"12\">" +
           XmlEscape(label.substr(0, 12)) + "</text>";
    for (size_t d = 0; d < counts.size(); ++d) {
      int h = counts[d] * 26 / max;
      if (counts[d] > 0) h = std::max(h, 2);
      svg += "<rect x=\"" + std::to_string(label_w + step * static_cast<int>(d)) + "\" y=\"" +
             std::to_string(y + 28 - h) + "\" width=\"10\" height=\"" + std::to_string(h) +
             "\" fill=\"#14532d\"><title>" + std::to_string(counts[d]) + "</title></rect>";
    }
    svg += "<line x1=\"" + std::to_string(label_w) + "\" x2=\"" + std::to_string(width) +
           "\" y1=\"" + std::to_string(y + 28) + "\" y2=\"" + std::to_string(y + 28) +
           "\" stroke=\"#999\"/>";
    y += row;
  }
  return svg + "</svg>";
}

}  // namespace aduan::gateway::web
