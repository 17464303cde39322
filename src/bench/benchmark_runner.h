// BenchmarkRunner: the benchmark as a template method, in the shape of TensorFlow Lite's
// BenchmarkModel::Run. Run() validates the parameters, times Init() (load + build + allocate), reads
// the peak memory after it, prepares input data, runs the warmup loop and the regular loop into
// RunStats, reads the memory again and hands the result to every listener. A subclass supplies what is
// measured (Init, RunImpl, ...); the clock and the memory probe are injectable so tests can drive the
// loops without real time passing.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "bench/bench_clock.h"
#include "bench/bench_params.h"
#include "bench/benchmark_result.h"
#include "bench/listeners.h"
#include "bench/memory_probe.h"
#include "core/status.h"

namespace qb::bench {

class BenchmarkRunner {
 public:
  // `clock` and `memory` are not owned; nullptr selects the system clock and getrusage.
  explicit BenchmarkRunner(BenchParams params, BenchClock* clock = nullptr, MemoryProbe* memory = nullptr);
  virtual ~BenchmarkRunner();
  BenchmarkRunner(const BenchmarkRunner&) = delete;
  BenchmarkRunner& operator=(const BenchmarkRunner&) = delete;

  // Listeners are told in the order they were added; they must outlive Run().
  void AddListener(BenchmarkListener* listener) { listeners_.Add(listener); }
  // Runs the whole benchmark once. Fails on bad parameters, a failed Init or a failed run.
  Result<BenchmarkResult> Run();

  const BenchParams& params() const { return params_; }

 protected:
  virtual Status ValidateParams() { return ValidateBenchParams(params_); }
  // Size of the model file in bytes, or -1 when unknown.
  virtual int64_t ModelFileSize() { return -1; }
  // Load, build and allocate: everything the "Init" time covers.
  virtual Status Init() = 0;
  // The kernels Init chose, for the listeners (not timed).
  virtual std::optional<KernelSummary> DescribeKernels() { return std::nullopt; }
  // Creates the input values once, after Init (not timed).
  virtual Status PrepareInputData() { return OkStatus(); }
  // Copies the input values in before each run (not timed).
  virtual Status ResetInputs() { return OkStatus(); }
  // One inference: the timed part of a run.
  virtual Status RunImpl() = 0;
  // Per-op times of the regular runs, when the subclass profiled them.
  virtual std::optional<OpProfile> TakeOpProfile() { return std::nullopt; }

 private:
  Result<RunStats> RunLoop(RunType type, const LoopLimits& limits);
  std::optional<int64_t> MemoryDeltaKb(const std::optional<int64_t>& start);

  BenchParams params_;
  std::unique_ptr<BenchClock> owned_clock_;
  std::unique_ptr<MemoryProbe> owned_memory_;
  BenchClock* clock_;
  MemoryProbe* memory_;
  ListenerList listeners_;
};

}  // namespace qb::bench
