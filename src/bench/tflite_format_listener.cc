#include "bench/tflite_format_listener.h"

#include "bench/tflite_format.h"

namespace qb::bench {

void TfliteFormatListener::Info(const std::string& message) { out_ << "INFO: " << message << std::endl; }

void TfliteFormatListener::OnBenchmarkStart(const BenchParams& params) {
  for (const std::string& line : FormatParamLines(params)) Info(line);
}

void TfliteFormatListener::OnInitEnd(const InitSummary& init) {
  for (const std::string& line : FormatInitLines(init)) Info(line);
}

void TfliteFormatListener::OnLoopStart(RunType type, const LoopLimits& limits) { Info(FormatLoopStart(limits)); }

void TfliteFormatListener::OnLoopEnd(RunType type, const RunStats& stats) { Info(FormatStat(stats) + "\n"); }

void TfliteFormatListener::OnBenchmarkEnd(const BenchmarkResult& result) {
  Info(FormatInferenceTimings(result));
  if (result.mem_supported) {
    Info(FormatMemoryNote());
    Info(FormatMemoryFootprint(result));
  }
  Info(FormatPercentiles("Warmup", result.warmup_us));
  Info(FormatPercentiles("Inference", result.inference_us));
  if (result.op_profile && !result.op_profile->run_total_us.empty()) Info(FormatOpProfile(*result.op_profile));
}

}  // namespace qb::bench
