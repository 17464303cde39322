#include "report/report_charts.h"

#include <string>

#include "report/comparisons.h"

namespace qb::report {
namespace {

using experiment::ExperimentSummary;
using experiment::Variant;

BarSeries MetricSeries(const ExperimentSummary& run, const std::vector<std::string>& models, Variant variant,
                       size_t metric, const std::string& label) {
  BarSeries series;
  series.label = label;
  for (const std::string& model : models) {
    const experiment::RowResult* row = run.Find(model, variant);
    series.values.push_back(row ? std::optional<double>(row->stats[metric].mean) : std::nullopt);
    series.errors.push_back(row ? row->stats[metric].sd : 0.0);
  }
  return series;
}

BarChart MetricChart(const std::vector<const ExperimentSummary*>& runs, const std::vector<std::string>& models,
                     size_t metric) {
  BarChart chart;
  chart.stem = std::string(experiment::MetricSlug(metric));
  const std::string name(experiment::MetricName(metric));
  chart.title = name + ": original vs quantized (mean ± 1 sd)";
  chart.y_label = name;
  chart.categories = models;
  for (const ExperimentSummary* run : runs) {
    const std::string prefix = runs.size() > 1 ? run->label + " " : "";
    chart.series.push_back(MetricSeries(*run, models, Variant::kFloat, metric, prefix + (runs.size() > 1 ? "original" : "Original")));
    chart.series.push_back(MetricSeries(*run, models, Variant::kQuant, metric, prefix + (runs.size() > 1 ? "quantized" : "Quantized")));
  }
  return chart;
}

template <typename Figure>
BarChart PerRunChart(const std::vector<const ExperimentSummary*>& runs, const std::vector<std::string>& models,
                     Figure figure) {
  BarChart chart;
  chart.categories = models;
  for (const ExperimentSummary* run : runs) {
    BarSeries series;
    series.label = run->label;
    for (const std::string& model : models) series.values.push_back(figure(*run, model));
    chart.series.push_back(series);
  }
  return chart;
}

}  // namespace

std::vector<BarChart> ReportCharts(const std::vector<const ExperimentSummary*>& runs) {
  const std::vector<std::string> models = ModelsOf(runs);
  std::vector<BarChart> charts;
  for (size_t m = 0; m < experiment::kMetricCount; ++m) charts.push_back(MetricChart(runs, models, m));

  BarChart change = PerRunChart(runs, models, ChangePercent);
  change.stem = "avg_inference_change_pct";
  change.title = "Change of average inference time after quantization (positive = slower)";
  change.y_label = "change (%)";
  change.reference_line = 0.0;
  charts.push_back(change);

  BarChart speedup = PerRunChart(runs, models, Speedup);
  speedup.stem = "speedup";
  speedup.title = "Speedup of quantization: float / quantized average inference (above 1 = faster)";
  speedup.y_label = "speedup (x)";
  speedup.reference_line = 1.0;
  charts.push_back(speedup);
  return charts;
}

}  // namespace qb::report
