// Experiment results made up in memory for the report tests: one run on a named CPU, with a chosen float and
// quantized average inference time per model.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "experiment/experiment_results.h"
#include "experiment/experiment_spec.h"

namespace qb::report::testing {

struct ModelTimes {
  std::string model;
  double float_ms, quant_ms;
};

inline experiment::ExperimentResults SyntheticRun(const std::string& cpu, const std::vector<ModelTimes>& times) {
  experiment::ExperimentResults r;
  r.hardware.cpu_name = cpu;
  r.hardware.architecture = "x86_64";
  r.hardware.cores = r.hardware.threads = 4;
  r.hardware.isa.fma = r.hardware.isa.avx2 = r.hardware.isa.avx512f = r.hardware.isa.avx512bw = true;
  r.hardware.isa.avx512_vnni = true;
  r.spec.trials = 2;
  r.started_at = "2026-11-27T00:00:00Z";
  r.finished_at = "2026-11-27T00:01:00Z";
  for (const ModelTimes& t : times) {
    r.spec.models.push_back(t.model);
    experiment::PreparedModel m;
    m.name = t.model;
    m.float_bytes = 4 << 20;
    m.quant_bytes = 1 << 20;
    m.float_kernels = m.quant_kernels = "reference";
    r.models.push_back(m);
    for (experiment::Variant v : experiment::kVariants) {
      for (int trial = 0; trial < 2; ++trial) {
        experiment::TrialRecord record;
        record.model = t.model;
        record.variant = v;
        record.trial = trial;
        const double ms = (v == experiment::Variant::kFloat ? t.float_ms : t.quant_ms) + 0.1 * trial;
        record.bench.inference_avg_us = ms * 1000;
        record.bench.init_session_ms = 3;
        record.bench.memory_overall_mb = v == experiment::Variant::kFloat ? 40 : 12;
        record.metrics = experiment::MetricsFromBenchOutput(record.bench);
        r.trials.push_back(record);
      }
    }
  }
  return r;
}

}  // namespace qb::report::testing
