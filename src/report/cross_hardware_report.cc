#include "report/cross_hardware_report.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "core/file_io.h"
#include "report/comparisons.h"
#include "report/experiment_report.h"
#include "report/markdown.h"
#include "report/reading.h"
#include "report/report_charts.h"
#include "report/report_sections.h"

namespace qb::report {
namespace {

using experiment::ExperimentSummary;
using experiment::Variant;

bool SharesAModel(const ExperimentSummary& a, const ExperimentSummary& b) {
  for (const experiment::RowResult& row : a.rows) {
    if (b.Find(row.model, row.variant) != nullptr) return true;
  }
  return false;
}

// Two runs with the same label get their folder name appended, so columns and chart keys stay distinct.
void MakeLabelsUnique(LoadedRuns& loaded) {
  for (size_t i = 0; i < loaded.runs.size(); ++i) {
    for (size_t j = 0; j < loaded.runs.size(); ++j) {
      if (i != j && loaded.runs[i].label == loaded.runs[j].label) {
        loaded.runs[i].label += " [" + std::filesystem::path(loaded.dirs[i]).filename().string() + "]";
        break;
      }
    }
  }
}

template <typename Cell>
std::string PerModelTable(const std::vector<const ExperimentSummary*>& runs, const std::vector<std::string>& columns,
                          Cell cell) {
  std::vector<std::string> header = {"Model"};
  header.insert(header.end(), columns.begin(), columns.end());
  std::vector<std::vector<std::string>> rows;
  for (const std::string& model : ModelsOf(runs)) {
    std::vector<std::string> row = {model};
    for (const ExperimentSummary* run : runs) {
      for (const std::string& c : cell(*run, model)) row.push_back(c);
    }
    rows.push_back(row);
  }
  return MarkdownTable(header, rows);
}

std::vector<std::string> PairColumns(const std::vector<const ExperimentSummary*>& runs) {
  std::vector<std::string> columns;
  for (const ExperimentSummary* run : runs) {
    columns.push_back(run->label + " float");
    columns.push_back(run->label + " quant");
  }
  return columns;
}

std::vector<std::string> RunColumns(const std::vector<const ExperimentSummary*>& runs) {
  std::vector<std::string> columns;
  for (const ExperimentSummary* run : runs) columns.push_back(run->label);
  return columns;
}

std::vector<std::string> MetricPair(const ExperimentSummary& run, const std::string& model, size_t metric) {
  std::vector<std::string> cells;
  for (Variant v : experiment::kVariants) {
    const experiment::RowResult* row = run.Find(model, v);
    cells.push_back(row ? MeanSd(row->stats[metric].mean, row->stats[metric].sd) : "n/a");
  }
  return cells;
}

}  // namespace

LoadedRuns LoadRuns(const std::vector<std::string>& dirs) {
  LoadedRuns loaded;
  for (const std::string& dir : dirs) {
    auto summary = experiment::LoadSummary(dir);
    if (!summary.ok()) {
      loaded.skipped.push_back(summary.status().message());
      continue;
    }
    if (!loaded.runs.empty() && !SharesAModel(loaded.runs.front(), *summary)) {
      loaded.skipped.push_back(fmt::format("{}: incompatible: it measured none of the models of {}", dir, loaded.dirs.front()));
      continue;
    }
    loaded.runs.push_back(std::move(summary).value());
    loaded.dirs.push_back(dir);
  }
  MakeLabelsUnique(loaded);
  return loaded;
}

Status WriteCrossHardwareReport(const LoadedRuns& loaded, const std::string& out_dir, std::FILE* log) {
  for (const std::string& why : loaded.skipped) std::fprintf(log, "skipped %s\n", why.c_str());
  if (loaded.runs.empty()) return Errorf("no results folder could be merged ({} skipped)", loaded.skipped.size());
  QB_RETURN_IF_ERROR(EnsureWritableFolder(out_dir));
  std::vector<const ExperimentSummary*> runs;
  for (const ExperimentSummary& run : loaded.runs) runs.push_back(&run);
  const std::vector<BarChart> charts = ReportCharts(runs);
  QB_ASSIGN_OR_RETURN(bool rendered, WriteCharts(charts, ChartsDir(out_dir)));
  if (!rendered) std::fprintf(log, "note: gnuplot not found: charts skipped (their data and scripts are in %s)\n", ChartsDir(out_dir).c_str());

  std::string md = fmt::format("# quantbench cross-hardware report: {} run(s)\n\n", runs.size());
  md += "Float32 vs dynamic-range quantized models on each machine. A run with an `--isa` cap is an emulation of an "
        "older CPU generation on the real CPU named in its column.\n\n## Machines\n\n";
  md += HardwareTable(runs);
  md += "\n## Average inference (ms, mean ± sd)\n\n" +
        PerModelTable(runs, PairColumns(runs), [](const ExperimentSummary& run, const std::string& model) {
          return MetricPair(run, model, experiment::kAvgInferenceMetric);
        });
  md += "\n## Speedup (float / quantized; above 1 = quantization made it faster)\n\n" +
        PerModelTable(runs, RunColumns(runs), [](const ExperimentSummary& run, const std::string& model) {
          return std::vector<std::string>{Times(Speedup(run, model))};
        });
  md += "\n## Change of average inference after quantization (Qin et al.'s view: positive = slower)\n\n" +
        PerModelTable(runs, RunColumns(runs), [](const ExperimentSummary& run, const std::string& model) {
          return std::vector<std::string>{SignedPercent(ChangePercent(run, model))};
        });
  md += "\n## Memory Overall (MB, mean ± sd)\n\n" +
        PerModelTable(runs, PairColumns(runs), [](const ExperimentSummary& run, const std::string& model) {
          return MetricPair(run, model, experiment::kMemoryOverallMetric);
        });
  md += "\n## Reading\n\n";
  for (const ExperimentSummary* run : runs) {
    md += "**" + run->label + "**\n\n";
    for (const std::string& sentence : ReadingOf(*run)) md += "- " + sentence + "\n";
    md += "\n";
  }
  md += "## Sources\n\n";
  for (size_t i = 0; i < runs.size(); ++i) md += "- " + runs[i]->label + ": `" + loaded.dirs[i] + "`\n";
  for (const std::string& why : loaded.skipped) md += "- skipped: " + why + "\n";
  md += "\n" + ChartsSection(charts, rendered);
  return WriteTextFileAtomically((std::filesystem::path(out_dir) / kReportFileName).string(), md);
}

}  // namespace qb::report
