// Everything one experiment produced: its settings, the machine, the prepared models (sizes, kernels,
// fidelity), every trial, and the per-row aggregates (mean and sd of each metric).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "experiment/aggregate.h"
#include "experiment/experiment_spec.h"
#include "experiment/metrics.h"
#include "experiment/model_preparation.h"
#include "experiment/trial_record.h"
#include "hw/hardware_fingerprint.h"

namespace qb::experiment {

struct ExperimentResults {
  ExperimentSpec spec;
  hw::HardwareFingerprint hardware;
  std::string started_at, finished_at;
  std::vector<PreparedModel> models;
  std::vector<TrialRecord> trials;
};

// One row of finalResult.csv: a model's variant, mean and sd of every metric over its trials.
struct RowResult {
  std::string model;
  Variant variant = Variant::kFloat;
  std::array<MeanSd, kMetricCount> stats{};
  std::string name() const { return RowName(model, variant); }
};

// In the spec's model order, float before quant.
std::vector<RowResult> AggregateRows(const ExperimentResults& results);

}  // namespace qb::experiment
