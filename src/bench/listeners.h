// BenchmarkListener: told about every stage of a benchmark, in the order BenchmarkRunner::Run goes
// through them. Printing (TensorFlow Lite's format, JSON) and op profiling are listeners; the runner
// only measures. Every method has an empty default.
#pragma once

#include <cstdint>
#include <vector>

#include "bench/bench_params.h"
#include "bench/benchmark_result.h"

namespace qb::bench {

class BenchmarkListener {
 public:
  virtual ~BenchmarkListener() = default;
  // Before Init, with the validated parameters.
  virtual void OnBenchmarkStart(const BenchParams& params) {}
  virtual void OnInitEnd(const InitSummary& init) {}
  virtual void OnLoopStart(RunType type, const LoopLimits& limits) {}
  virtual void OnSingleRunStart(RunType type) {}
  virtual void OnSingleRunEnd(RunType type, int64_t duration_us) {}
  virtual void OnLoopEnd(RunType type, const RunStats& stats) {}
  virtual void OnBenchmarkEnd(const BenchmarkResult& result) {}
};

// Forwards each event to every listener, in the order they were added. Listeners are not owned.
class ListenerList : public BenchmarkListener {
 public:
  void Add(BenchmarkListener* listener) { listeners_.push_back(listener); }
  void OnBenchmarkStart(const BenchParams& params) override {
    for (auto* l : listeners_) l->OnBenchmarkStart(params);
  }
  void OnInitEnd(const InitSummary& init) override {
    for (auto* l : listeners_) l->OnInitEnd(init);
  }
  void OnLoopStart(RunType type, const LoopLimits& limits) override {
    for (auto* l : listeners_) l->OnLoopStart(type, limits);
  }
  void OnSingleRunStart(RunType type) override {
    for (auto* l : listeners_) l->OnSingleRunStart(type);
  }
  void OnSingleRunEnd(RunType type, int64_t duration_us) override {
    for (auto* l : listeners_) l->OnSingleRunEnd(type, duration_us);
  }
  void OnLoopEnd(RunType type, const RunStats& stats) override {
    for (auto* l : listeners_) l->OnLoopEnd(type, stats);
  }
  void OnBenchmarkEnd(const BenchmarkResult& result) override {
    for (auto* l : listeners_) l->OnBenchmarkEnd(result);
  }

 private:
  std::vector<BenchmarkListener*> listeners_;
};

}  // namespace qb::bench
