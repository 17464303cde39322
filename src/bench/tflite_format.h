// The text of TensorFlow Lite benchmark_model's log lines, built exactly as its C++ streams build them
// (benchmark_model.cc, benchmark_tflite_model.cc, tsl/util/stats_calculator.{h,cc}), so scripts that
// parse its output parse quantbench's unchanged. Each function returns one message without the
// "INFO: " prefix; TfliteFormatListener adds it.
#pragma once

#include <string>
#include <vector>

#include "bench/bench_params.h"
#include "bench/benchmark_result.h"
#include "bench/run_stats.h"

namespace qb::bench {

// A double as a default-formatted std::ostream writes it (6 significant digits, %g-like): 20925.4.
std::string StreamNumber(double value);

// "Graph: [m.tflite]" and the other parameter echoes, in TensorFlow Lite's order and wording. Like
// benchmark_model without --verbose, a parameter is echoed only when it differs from its default;
// "Graph" and "#threads used for CPU inference" always are.
std::vector<std::string> FormatParamLines(const BenchParams& params);
// "Loaded model m.tflite", "The input model file size (MB): 16.9008", "Initialized session in 3.08ms."
std::vector<std::string> FormatInitLines(const InitSummary& init);
// "Running benchmark for at least 50 iterations and at least 1 seconds but terminate if exceeding 150 seconds."
std::string FormatLoopStart(const LoopLimits& limits);
// Stat<int64_t>::OutputToStream: "count=0", "count=1 curr=5", "count=3 curr=5(all same)" or
// "count=24 first=21547 curr=20870 min=20712 max=21547 avg=20925.4 std=214".
std::string FormatStat(const RunStats& stats);
// "Inference timings in us: Init: 3080, First inference: 21547, Warmup (avg): 20925.4, Inference (avg): 20840.3"
std::string FormatInferenceTimings(const BenchmarkResult& result);
// The "Note: as the benchmark tool itself affects memory footprint, ..." line.
std::string FormatMemoryNote();
// "Memory footprint delta from the start of the tool (MB): init=12.5 overall=40.2"
std::string FormatMemoryFootprint(const BenchmarkResult& result);
// quantbench's addition, worded so no benchmark_model parser matches it:
// "Warmup percentiles in us: p5=20712 median=20870 p95=21547"
std::string FormatPercentiles(const std::string& label, const RunStats& stats);
// The --enable_op_profiling report: TensorFlow Lite's "Operator-wise Profiling Info for Regular
// Benchmark Runs:" block (Run Order, Top by Computation Time, Summary by node type, totals), tab
// separated like StatsCalculator's, with an [impl] column appended last so column positions hold.
std::string FormatOpProfile(const OpProfile& profile);

}  // namespace qb::bench
