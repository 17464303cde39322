#include "report/report_sections.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "hw/fingerprint_format.h"
#include "hw/isa_features.h"
#include "report/markdown.h"

namespace qb::report {
namespace {

std::vector<std::pair<std::string, std::string>> RunRows(const experiment::ExperimentSummary& run) {
  auto rows = hw::FingerprintRows(run.hardware);
  rows.emplace_back("Threads", std::to_string(run.threads));
  rows.emplace_back("--isa cap", run.isa.empty()                              ? "none (best the CPU has)"
                                 : hw::IsEmulatedIsa(run.isa, run.hardware.isa) ? run.isa + " (emulation)"
                                                                                : run.isa + " (the CPU's best)");
  rows.emplace_back("Trials per model and variant", std::to_string(run.trials));
  rows.emplace_back("Kernel path", run.kernel_path.empty() ? "unknown" : run.kernel_path);
  rows.emplace_back("quantbench", run.tool_version + " (" + run.git_commit + ")");
  rows.emplace_back("Run", run.started_at + " – " + run.finished_at);
  return rows;
}

}  // namespace

std::string HardwareTable(const std::vector<const experiment::ExperimentSummary*>& runs) {
  std::vector<std::string> header = {""};
  std::vector<std::string> fields;
  std::vector<std::map<std::string, std::string>> values;
  for (const experiment::ExperimentSummary* run : runs) {
    header.push_back(run->label);
    values.emplace_back();
    for (const auto& [field, value] : RunRows(*run)) {
      if (std::find(fields.begin(), fields.end(), field) == fields.end()) fields.push_back(field);
      values.back()[field] = value;
    }
  }
  std::vector<std::vector<std::string>> rows;
  for (const std::string& field : fields) {
    std::vector<std::string> row = {field};
    for (const auto& v : values) row.push_back(v.count(field) ? v.at(field) : "");
    rows.push_back(row);
  }
  return MarkdownTable(header, rows);
}

std::string ChartsSection(const std::vector<BarChart>& charts, bool rendered) {
  std::string md = "## Charts\n\n";
  if (!rendered) {
    return md + "gnuplot was not found, so the charts were skipped: their data (`charts/*.dat`) and scripts "
                "(`charts/*.gp`) are written; install `gnuplot-nox` and run `gnuplot charts/<name>.gp`.\n";
  }
  md += "Bars are means over the trials, error bars ±1 sample standard deviation. Data and gnuplot scripts are in "
        "`charts/`.\n\n";
  for (const BarChart& chart : charts) md += "### " + chart.title + "\n\n" + ChartImage(chart.title, chart.stem) + "\n";
  return md;
}

std::string ChartsDir(const std::string& report_dir) { return (std::filesystem::path(report_dir) / "charts").string(); }

}  // namespace qb::report
