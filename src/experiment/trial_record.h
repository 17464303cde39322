// One finished benchmark trial: which model, variant and trial, when, and the figures its output gave.
// A journal line and an entry of results.json's "trials" hold exactly this.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "experiment/bench_output_parser.h"
#include "experiment/experiment_spec.h"
#include "experiment/metrics.h"

namespace qb::experiment {

struct TrialRecord {
  std::string model;
  Variant variant = Variant::kFloat;
  int trial = 0;  // 0-based
  std::string started_at;  // UTC, ISO 8601
  double wall_seconds = 0;  // the child process, start to exit
  BenchOutput bench;
  MetricValues metrics{};  // derived from `bench` (metrics.h)
};

nlohmann::json TrialToJson(const TrialRecord& record);
Result<TrialRecord> TrialFromJson(const nlohmann::json& json);

// "2026-11-27T21:13:26Z"
std::string UtcTimestampNow();

}  // namespace qb::experiment
