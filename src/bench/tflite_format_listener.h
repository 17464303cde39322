// TfliteFormatListener: prints the benchmark as TensorFlow Lite's benchmark_model does, line by line
// as it happens ("INFO: " prefix, flushed after every message, a blank line after each count= line),
// followed by quantbench's percentile lines and, with op profiling, the per-op report.
#pragma once

#include <ostream>
#include <string>

#include "bench/listeners.h"

namespace qb::bench {

class TfliteFormatListener : public BenchmarkListener {
 public:
  explicit TfliteFormatListener(std::ostream& out) : out_(out) {}

  void OnBenchmarkStart(const BenchParams& params) override;
  void OnInitEnd(const InitSummary& init) override;
  void OnLoopStart(RunType type, const LoopLimits& limits) override;
  void OnLoopEnd(RunType type, const RunStats& stats) override;
  void OnBenchmarkEnd(const BenchmarkResult& result) override;

 private:
  void Info(const std::string& message);
  std::ostream& out_;
};

}  // namespace qb::bench
