// Charts drawn on the server as inline SVG, so the dashboard needs no chart library and no
// script. Labels are XML-escaped here, since the layout inserts the SVG as markup.
#ifndef ADUAN_GATEWAY_WEB_CHARTS_H_
#define ADUAN_GATEWAY_WEB_CHARTS_H_

#include <string>
#include <utility>
#include <vector>

namespace aduan::gateway::web {

// Horizontal bars, one per (label, value), longest first as given.
std::string BarChartSvg(const std::vector<std::pair<std::string, int>>& bars);

// One row of small daily bars per series (label, counts per day oldest first), on one scale.
std::string DailySeriesSvg(const std::vector<std::pair<std::string, std::vector<int>>>& series);

std::string XmlEscape(const std::string& s);

}  // namespace aduan::gateway::web

#endif  // ADUAN_GATEWAY_WEB_CHARTS_H_
