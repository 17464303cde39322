#include "report/comparisons.h"

#include <algorithm>

namespace qb::report {

using experiment::kAvgInferenceMetric;
using experiment::Variant;

std::optional<double> MetricMean(const ExperimentSummary& run, const std::string& model, Variant variant, size_t metric) {
  const experiment::RowResult* row = run.Find(model, variant);
  if (row == nullptr) return std::nullopt;
  return row->stats[metric].mean;
}

std::optional<double> Speedup(const ExperimentSummary& run, const std::string& model) {
  const auto f = MetricMean(run, model, Variant::kFloat, kAvgInferenceMetric);
  const auto q = MetricMean(run, model, Variant::kQuant, kAvgInferenceMetric);
  if (!f || !q || *q <= 0) return std::nullopt;
  return *f / *q;
}

std::optional<double> ChangePercent(const ExperimentSummary& run, const std::string& model) {
  const auto f = MetricMean(run, model, Variant::kFloat, kAvgInferenceMetric);
  const auto q = MetricMean(run, model, Variant::kQuant, kAvgInferenceMetric);
  if (!f || !q || *f <= 0) return std::nullopt;
  return (*q - *f) / *f * 100.0;
}

std::vector<std::string> ModelsOf(const std::vector<const ExperimentSummary*>& runs) {
  std::vector<std::string> models;
  for (const ExperimentSummary* run : runs) {
    for (const experiment::RowResult& row : run->rows) {
      if (std::find(models.begin(), models.end(), row.model) == models.end()) models.push_back(row.model);
    }
  }
  return models;
}

}  // namespace qb::report
