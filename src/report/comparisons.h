// The float-vs-quantized figures every report shows, from a run's summary rows:
//   speedup         = float Avg Inference / quantized Avg Inference   (> 1: quantization made it faster)
//   change percent  = (quantized − float) / float × 100               (Qin et al.'s view: positive = slower)
// Both are unset when a row is missing or the float time is 0.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "experiment/results_json.h"

namespace qb::report {

using experiment::ExperimentSummary;

std::optional<double> Speedup(const ExperimentSummary& run, const std::string& model);
std::optional<double> ChangePercent(const ExperimentSummary& run, const std::string& model);
// The mean of a metric for a model's variant; unset when the row is missing.
std::optional<double> MetricMean(const ExperimentSummary& run, const std::string& model, experiment::Variant variant,
                                 size_t metric);
// Every model measured by any of the runs, in first-seen order.
std::vector<std::string> ModelsOf(const std::vector<const ExperimentSummary*>& runs);

}  // namespace qb::report
