#include "report/markdown.h"

#include <fmt/format.h>

namespace qb::report {
namespace {

std::string Escape(const std::string& cell) {
  std::string out;
  for (char c : cell) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string MarkdownTable(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string table = "|";
  for (const std::string& h : header) table.append(" ").append(Escape(h)).append(" |");
  table += "\n|";
  for (size_t i = 0; i < header.size(); ++i) table += i == 0 ? "---|" : "---:|";
  table += "\n";
  for (const auto& row : rows) {
    table += "|";
    for (const std::string& cell : row) table.append(" ").append(Escape(cell)).append(" |");
    table += "\n";
  }
  return table;
}

std::string Number(std::optional<double> value, int decimals) {
  return value ? fmt::format("{:.{}f}", *value, decimals) : std::string("n/a");
}

std::string Times(std::optional<double> ratio) {
  return ratio ? fmt::format("{:.2f}×", *ratio) : std::string("n/a");
}

std::string SignedPercent(std::optional<double> percent) {
  return percent ? fmt::format("{:+.1f}%", *percent) : std::string("n/a");
}

std::string MeanSd(double mean, double sd, int decimals) {
  return fmt::format("{:.{}f} ± {:.{}f}", mean, decimals, sd, decimals);
}

std::string ChartImage(const std::string& title, const std::string& stem) {
  return fmt::format("![{0}](charts/{1}.png)  \n[SVG](charts/{1}.svg)\n", title, stem);
}

}  // namespace qb::report
