#include "report/experiment_report.h"

#include <filesystem>

#include <fmt/format.h>

#include "core/file_io.h"
#include "report/comparisons.h"
#include "report/markdown.h"
#include "report/reading.h"
#include "report/report_charts.h"
#include "report/report_sections.h"

namespace qb::report {
namespace {

using experiment::ExperimentSummary;
using experiment::kMetricCount;
using experiment::Variant;

std::string ResultsTable(const ExperimentSummary& run) {
  std::vector<std::string> header = {"Model"};
  for (size_t m = 0; m < kMetricCount; ++m) header.emplace_back(experiment::MetricName(m));
  std::vector<std::vector<std::string>> rows;
  for (const experiment::RowResult& row : run.rows) {
    std::vector<std::string> cells = {row.name()};
    for (size_t m = 0; m < kMetricCount; ++m) cells.push_back(MeanSd(row.stats[m].mean, row.stats[m].sd));
    rows.push_back(cells);
  }
  return MarkdownTable(header, rows);
}

double MiB(uint64_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

std::string EffectTable(const ExperimentSummary& run) {
  std::vector<std::vector<std::string>> rows;
  for (const std::string& model : run.models) {
    const auto mem = [&](Variant v) { return MetricMean(run, model, v, experiment::kMemoryOverallMetric); };
    std::vector<std::string> row = {model,
                                    Number(MetricMean(run, model, Variant::kFloat, experiment::kAvgInferenceMetric)),
                                    Number(MetricMean(run, model, Variant::kQuant, experiment::kAvgInferenceMetric)),
                                    Times(Speedup(run, model)),
                                    SignedPercent(ChangePercent(run, model)),
                                    Number(mem(Variant::kFloat), 1),
                                    Number(mem(Variant::kQuant), 1)};
    std::string sizes = "n/a", top1 = "n/a", sqnr = "n/a";
    for (const experiment::ModelFacts& f : run.facts) {
      if (f.name != model) continue;
      sizes = fmt::format("{:.2f} / {:.2f}", MiB(f.float_bytes), MiB(f.quant_bytes));
      if (f.top1) top1 = fmt::format("{:.0f}%", *f.top1 * 100.0);
      if (f.sqnr_db) sqnr = fmt::format("{:.1f}", *f.sqnr_db);
      if (f.hybrid_input_bits != 8) sqnr += fmt::format(" ({}-bit inputs)", f.hybrid_input_bits);
    }
    row.insert(row.end(), {sizes, top1, sqnr});
    rows.push_back(row);
  }
  return MarkdownTable({"Model", "Float avg (ms)", "Quantized avg (ms)", "Speedup", "Change", "Float mem (MB)",
                        "Quantized mem (MB)", "File MiB float / quant", "Top-1 agreement", "SQNR (dB)"},
                       rows);
}

}  // namespace

Status WriteExperimentReport(const ExperimentSummary& run, const std::string& dir, std::FILE* log) {
  const std::vector<const ExperimentSummary*> runs = {&run};
  const std::vector<BarChart> charts = ReportCharts(runs);
  QB_ASSIGN_OR_RETURN(bool rendered, WriteCharts(charts, ChartsDir(dir)));
  if (!rendered) std::fprintf(log, "note: gnuplot not found: charts skipped (their data and scripts are in %s)\n", ChartsDir(dir).c_str());

  std::string md = fmt::format("# quantbench experiment: {}\n\n", run.label);
  md += fmt::format("Float32 vs dynamic-range quantized models, {} trial(s) each, one fresh `bench` process per trial, "
                    "{} thread(s). Raw figures: `results.json`; means and standard deviations: `finalResult.csv`.\n\n",
                    run.trials, run.threads);
  md += "## Reading\n\n";
  for (const std::string& sentence : ReadingOf(run)) md.append("- ").append(sentence).append("\n");
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on 'literal + std::string' here.
  md.append("\n## Hardware\n\n").append(HardwareTable(runs));
  md.append("\n## Results (mean ± sample sd over the trials)\n\n").append(ResultsTable(run));
  md.append("\n## Effect of quantization per model\n\n"
            "Speedup = float / quantized average inference; change = (quantized − float) / float (positive = slower, "
            "Qin et al.'s view). Memory = Memory Overall (peak RSS growth). Fidelity of the quantized outputs against "
            "the float ones on seeded random inputs.\n\n")
      .append(EffectTable(run));
  md.append("\n").append(ChartsSection(charts, rendered));
  return WriteTextFileAtomically((std::filesystem::path(dir) / kReportFileName).string(), md);
}

}  // namespace qb::report
