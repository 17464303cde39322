// The per-op-type summary of an OpProfile, computed as TensorFlow Lite's StatsCalculator does for its
// "Summary by node type" table (per-node average per run truncated to whole microseconds, types ordered
// by total time, then by name, both descending). Shared by the text and JSON outputs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/benchmark_result.h"

namespace qb::bench {

struct OpTypeSummary {
  std::string type;
  int64_t count = 0;         // nodes of this type
  int64_t total_us = 0;      // per run
  float avg_ms = 0;          // total_us / 1000
  float percent = 0;         // of the time of all nodes
  float cdf_percent = 0;     // cumulative over the rows so far
  int64_t times_called = 0;  // per run
  std::vector<std::string> implementations;  // distinct, in execution order
};

std::vector<OpTypeSummary> SummarizeByType(const OpProfile& profile);

}  // namespace qb::bench
