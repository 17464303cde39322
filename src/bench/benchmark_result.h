// What one benchmark measured: the result every listener receives at the end, and the pieces the
// listeners see while it runs (init summary, loop limits).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bench/bench_params.h"
#include "bench/run_stats.h"

namespace qb::bench {

enum class RunType { kWarmup, kRegular };

// The termination rule of one loop: at least min_runs runs AND at least min_secs, but no run starts
// once max_secs have passed.
struct LoopLimits {
  int min_runs = 0;
  double min_secs = 0;
  double max_secs = 0;
};

// Which kernels run: the configuration and how many ops each implementation runs.
struct KernelSummary {
  std::string float_backend;  // "onednn"
  std::string isa;            // the cap, "avx2"
  std::string best_isa;       // the CPU's best level; differs from isa when emulating an older CPU
  std::string description;    // DescribeKernelConfig's line
  std::vector<std::pair<std::string, int>> implementations;  // "onednn brgconv:avx512_core" -> ops, by first use
  // Tensors quantized once for several hybrid ops (runtime/shared_quantized_inputs.h), and those ops.
  int shared_quantized_inputs = 0;
  int ops_sharing_them = 0;
};

struct InitSummary {
  std::string graph;
  double model_size_mb = 0;  // file bytes / 1e6, as TensorFlow Lite reports it; 0 when unknown
  int64_t init_us = 0;       // load + build + allocate
  std::optional<KernelSummary> kernels{};  // set by runners that know their kernels
};

// One op's times over the regular runs (op profiling).
struct OpTiming {
  size_t index = 0;
  std::string type;            // "CONV_2D"
  std::string name;            // "[output tensor names]:index", as TensorFlow Lite names nodes
  std::string implementation;  // the kernel that ran, e.g. "reference"
  RunStats time_us;            // one sample per call
};

struct OpProfile {
  std::vector<OpTiming> ops;  // in execution order
  RunStats run_total_us;      // per run: the sum of the op times
};

struct BenchmarkResult {
  BenchParams params;
  InitSummary init;
  RunStats warmup_us;
  RunStats inference_us;
  // Peak resident set size growth since the tool started, in KiB (TensorFlow Lite prints it / 1024.0 as MB).
  int64_t init_mem_kb = 0;
  int64_t overall_mem_kb = 0;
  bool mem_supported = true;
  std::optional<OpProfile> op_profile;
};

}  // namespace qb::bench
