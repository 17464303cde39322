// TfliteBenchmark: the BenchmarkRunner that measures a .tflite model with quantbench's runtime. Init
// maps and reads the file (qb::ReadTfliteFile) and builds the interpreter (plan + allocate); inputs get
// the fixtures' seeded values (core/seeded_input.h, seed 1 + input index, [-1, 1)), created once after
// Init and copied in before every run, outside the timed part, as benchmark_model does.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "bench/benchmark_runner.h"
#include "bench/op_profiler.h"
#include "graph/graph.h"
#include "runtime/interpreter.h"

namespace qb::bench {

class TfliteBenchmark : public BenchmarkRunner {
 public:
  explicit TfliteBenchmark(BenchParams params, BenchClock* clock = nullptr, MemoryProbe* memory = nullptr)
      : BenchmarkRunner(std::move(params), clock, memory) {}

 protected:
  int64_t ModelFileSize() override;
  Status Init() override;
  std::optional<KernelSummary> DescribeKernels() override;
  Status PrepareInputData() override;
  Status ResetInputs() override;
  Status RunImpl() override;
  std::optional<OpProfile> TakeOpProfile() override;

 private:
  std::shared_ptr<const Graph> graph_;
  std::unique_ptr<Interpreter> interpreter_;
  std::unique_ptr<OpProfiler> profiler_;
  std::vector<std::vector<float>> inputs_;
};

}  // namespace qb::bench
