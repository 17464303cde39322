// OpProfiler: per-op timing for --enable_op_profiling. It observes the interpreter (OpObserver) and
// listens to the benchmark so that only regular runs are recorded, as TensorFlow Lite's
// ProfilingListener does; warmup runs are not.
#pragma once

#include <cstdint>
#include <vector>

#include "bench/benchmark_result.h"
#include "bench/listeners.h"
#include "runtime/interpreter.h"

namespace qb::bench {

class OpProfiler : public OpObserver, public BenchmarkListener {
 public:
  // `ops` describes each op (index, type, name, implementation); their times start empty.
  explicit OpProfiler(std::vector<OpTiming> ops);
  // Describes every op of the interpreter (does not attach itself: call set_observer).
  static std::vector<OpTiming> DescribeOps(const Interpreter& interpreter);

  void OnOpEnd(size_t op_index, int64_t start_us, int64_t end_us) override;
  void OnSingleRunStart(RunType type) override;
  void OnSingleRunEnd(RunType type, int64_t duration_us) override;

  const OpProfile& profile() const { return profile_; }

 private:
  OpProfile profile_;
  bool recording_ = false;
  int64_t run_total_us_ = 0;
};

// "[out_a, out_b]:7": TensorFlow Lite's node name (output tensor names, then the node index).
std::string NodeName(const std::vector<std::string>& output_names, size_t index);

}  // namespace qb::bench
