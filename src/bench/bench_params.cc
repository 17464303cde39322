#include "bench/bench_params.h"

#include <cmath>

namespace qb::bench {
namespace {

Status CheckCount(const char* flag, int value, int minimum) {
  if (value < minimum) return Errorf("--{} must be >= {}, got {}", flag, minimum, value);
  return OkStatus();
}

Status CheckSeconds(const char* flag, double value, bool allow_negative) {
  if (!std::isfinite(value)) return Errorf("--{} must be a finite number of seconds, got {}", flag, value);
  if (!allow_negative && value < 0) return Errorf("--{} must be >= 0 seconds, got {}", flag, value);
  return OkStatus();
}

}  // namespace

Status ValidateBenchParams(const BenchParams& params) {
  if (params.graph.empty()) {
    return Errorf("--graph is missing: pass the .tflite model to benchmark, e.g. --graph=model.tflite");
  }
  QB_RETURN_IF_ERROR(CheckCount("num_threads", params.num_threads, 1));
  QB_RETURN_IF_ERROR(CheckCount("num_runs", params.num_runs, 0));
  QB_RETURN_IF_ERROR(CheckCount("warmup_runs", params.warmup_runs, 0));
  QB_RETURN_IF_ERROR(CheckSeconds("min_secs", params.min_secs, false));
  QB_RETURN_IF_ERROR(CheckSeconds("warmup_min_secs", params.warmup_min_secs, false));
  QB_RETURN_IF_ERROR(CheckSeconds("max_secs", params.max_secs, false));
  if (params.max_secs <= 0) {
    return Errorf("--max_secs must be > 0 seconds (the time after which no new run starts), got {}", params.max_secs);
  }
  QB_RETURN_IF_ERROR(CheckSeconds("run_delay", params.run_delay, true));
  return KernelConfigOf(params).status();
}

Result<KernelConfig> KernelConfigOf(const BenchParams& params) {
  return ResolveKernelConfig(params.kernels, params.num_threads);
}

}  // namespace qb::bench
