// Reads the figures of one benchmark out of its text output: quantbench bench's, or TensorFlow Lite
// benchmark_model's unchanged (with or without the "INFO: " prefix, old "Peak memory footprint" wording too).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace qb::experiment {

// One "count=24 first=21547 curr=20870 min=20712 max=21547 avg=20925.4 std=214" line (microseconds); the short
// forms "count=1 curr=5" and "count=3 curr=5(all same)" leave the missing fields equal to curr.
struct LoopStats {
  int64_t count = 0;
  double first = 0, curr = 0, min = 0, max = 0, avg = 0, std = 0;
};

struct BenchOutput {
  double init_session_ms = 0;  // "Initialized session in 3.08ms."
  double init_us = 0;          // "Inference timings in us: Init: 3080, ..."
  double first_inference_us = 0;
  double warmup_avg_us = 0;
  double inference_avg_us = 0;
  double memory_init_mb = 0;  // "Memory footprint delta from the start of the tool (MB): init=12.5 overall=40.2"
  double memory_overall_mb = 0;
  std::optional<LoopStats> warmup_loop;   // the first count= line
  std::optional<LoopStats> regular_loop;  // the second
  // quantbench's "Float backend: ..." and "Kernels (ops per implementation): ..." lines; empty in
  // TensorFlow Lite's output.
  std::string float_backend;
  std::string kernels;
};

// Fails naming the first line that is missing, e.g. "no 'Inference timings in us:' line in the output".
Result<BenchOutput> ParseBenchOutput(std::string_view text);

nlohmann::json BenchOutputToJson(const BenchOutput& output);
Result<BenchOutput> BenchOutputFromJson(const nlohmann::json& json);

}  // namespace qb::experiment
