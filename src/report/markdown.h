// Small Markdown builders shared by the reports.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace qb::report {

std::string MarkdownTable(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);
// "12.35" / "n/a"
std::string Number(std::optional<double> value, int decimals = 2);
// "3.87×" / "n/a"
std::string Times(std::optional<double> ratio);
// "+7.2%" / "-61.3%" / "n/a"
std::string SignedPercent(std::optional<double> percent);
// "12.35 ± 0.41"
std::string MeanSd(double mean, double sd, int decimals = 2);
// "![title](charts/stem.png)" with a link to the SVG.
std::string ChartImage(const std::string& title, const std::string& stem);

}  // namespace qb::report
