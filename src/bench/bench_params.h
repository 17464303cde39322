// The parameters of one benchmark, with TensorFlow Lite benchmark_model's flag names and defaults
// (except num_threads, 1 here). A typed struct, validated once before anything runs.
#pragma once

#include <string>

#include "core/status.h"
#include "kernels/kernel_factory.h"

namespace qb::bench {

struct BenchParams {
  std::string graph;
  int num_threads = 1;
  int num_runs = 50;
  double min_secs = 1.0;
  double max_secs = 150.0;
  int warmup_runs = 1;
  double warmup_min_secs = 0.5;
  double run_delay = -1.0;  // seconds slept after each run when > 0
  bool enable_op_profiling = false;
  std::string json_output;  // where the JSON listener writes; empty = no JSON
  KernelFlags kernels;  // --float_backend, --hybrid_backend, --isa (kernels/kernel_factory.h); empty = default
};

// Names the first bad flag and what to pass instead, e.g. "--num_runs must be >= 0, got -3".
Status ValidateBenchParams(const BenchParams& params);
// The kernel configuration the flags select (float and hybrid backends, ISA cap, threads).
Result<KernelConfig> KernelConfigOf(const BenchParams& params);

}  // namespace qb::bench
