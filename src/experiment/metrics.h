// The seven metrics of the original notebook and how each is read from benchmark_model's output lines:
//
//   Init Time (ms)          "Initialized session in X ms."                         X
//   Init Inference (ms)     "Inference timings in us: Init: X, ..."                X / 1000
//   First Inference (ms)    "... First inference: X, ..."                          X / 1000
//   Warmup Inference (ms)   "... Warmup (avg): X, ..."                             X / 1000
//   Avg Inference (ms)      "... Inference (avg): X"                               X / 1000
//   Memory Init (MB)        "Memory footprint delta ... (MB): init=X overall=Y"    X
//   Memory Overall (MB)     same line                                              Y
//
// The notebook named the four fields of the "Inference timings" line "<field> Inference", so "Init Inference" is
// that line's Init field: the same init (load + build + allocate) as "Init Time", printed in microseconds rather
// than rounded milliseconds. Both are kept for the notebook's layout.
#pragma once

#include <array>
#include <string_view>

#include "experiment/bench_output_parser.h"

namespace qb::experiment {

inline constexpr size_t kMetricCount = 7;
inline constexpr size_t kAvgInferenceMetric = 4;
inline constexpr size_t kMemoryOverallMetric = 6;
using MetricValues = std::array<double, kMetricCount>;

// "Init Time (ms)", ... in the notebook's order (the finalResult.csv column names).
std::string_view MetricName(size_t metric);
// "init_time_ms", ... (file names of the charts, JSON keys).
std::string_view MetricSlug(size_t metric);

MetricValues MetricsFromBenchOutput(const BenchOutput& output);

}  // namespace qb::experiment
