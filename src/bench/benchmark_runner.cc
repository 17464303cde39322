#include "bench/benchmark_runner.h"

#include <cmath>
#include <utility>

namespace qb::bench {
namespace {

int64_t SecondsToMicros(double seconds) { return static_cast<int64_t>(std::llround(seconds * 1e6)); }

}  // namespace

BenchmarkRunner::BenchmarkRunner(BenchParams params, BenchClock* clock, MemoryProbe* memory)
    : params_(std::move(params)), clock_(clock), memory_(memory) {
  if (clock_ == nullptr) {
    owned_clock_ = std::make_unique<SystemClock>();
    clock_ = owned_clock_.get();
  }
  if (memory_ == nullptr) {
    owned_memory_ = std::make_unique<PeakRssMemoryProbe>();
    memory_ = owned_memory_.get();
  }
}

BenchmarkRunner::~BenchmarkRunner() = default;

std::optional<int64_t> BenchmarkRunner::MemoryDeltaKb(const std::optional<int64_t>& start) {
  std::optional<int64_t> now = memory_->PeakRssKb();
  if (!start || !now) return std::nullopt;
  return *now - *start;
}

Result<BenchmarkResult> BenchmarkRunner::Run() {
  QB_RETURN_IF_ERROR(ValidateParams());
  listeners_.OnBenchmarkStart(params_);

  BenchmarkResult result;
  result.params = params_;
  result.init.graph = params_.graph;
  const int64_t file_bytes = ModelFileSize();
  result.init.model_size_mb = file_bytes > 0 ? static_cast<double>(file_bytes) / 1e6 : 0.0;

  const std::optional<int64_t> start_mem_kb = memory_->PeakRssKb();
  const int64_t init_start_us = clock_->NowMicros();
  QB_RETURN_IF_ERROR(Init());
  const std::optional<int64_t> init_mem_kb = MemoryDeltaKb(start_mem_kb);
  result.init.init_us = clock_->NowMicros() - init_start_us;
  result.init.kernels = DescribeKernels();
  listeners_.OnInitEnd(result.init);

  QB_RETURN_IF_ERROR(PrepareInputData());

  const LoopLimits warmup_limits{params_.warmup_runs, params_.warmup_min_secs, params_.max_secs};
  QB_ASSIGN_OR_RETURN(result.warmup_us, RunLoop(RunType::kWarmup, warmup_limits));
  const LoopLimits regular_limits{params_.num_runs, params_.min_secs, params_.max_secs};
  QB_ASSIGN_OR_RETURN(result.inference_us, RunLoop(RunType::kRegular, regular_limits));
  const std::optional<int64_t> overall_mem_kb = MemoryDeltaKb(start_mem_kb);

  result.mem_supported = init_mem_kb.has_value() && overall_mem_kb.has_value();
  result.init_mem_kb = init_mem_kb.value_or(0);
  result.overall_mem_kb = overall_mem_kb.value_or(0);
  result.op_profile = TakeOpProfile();
  listeners_.OnBenchmarkEnd(result);
  return result;
}

// TensorFlow Lite's rule: keep running while fewer than min_runs runs are done OR less than min_secs
// has passed, but start no run once max_secs has passed (a run under way is finished).
Result<RunStats> BenchmarkRunner::RunLoop(RunType type, const LoopLimits& limits) {
  listeners_.OnLoopStart(type, limits);
  RunStats stats;
  int64_t now_us = clock_->NowMicros();
  const int64_t min_finish_us = now_us + SecondsToMicros(limits.min_secs);
  const int64_t max_finish_us = now_us + SecondsToMicros(limits.max_secs);
  const int64_t delay_us = params_.run_delay > 0 ? SecondsToMicros(params_.run_delay) : 0;
  for (int run = 0; (run < limits.min_runs || now_us < min_finish_us) && now_us <= max_finish_us; ++run) {
    QB_RETURN_IF_ERROR(ResetInputs());
    listeners_.OnSingleRunStart(type);
    const int64_t start_us = clock_->NowMicros();
    Status status = RunImpl();
    const int64_t end_us = clock_->NowMicros();
    listeners_.OnSingleRunEnd(type, end_us - start_us);
    if (!status.ok()) {
      return status.WithContext(fmt::format("{} run {}", type == RunType::kWarmup ? "warmup" : "inference", run));
    }
    stats.Add(end_us - start_us);
    if (delay_us > 0) clock_->SleepMicros(delay_us);
    now_us = clock_->NowMicros();
  }
  listeners_.OnLoopEnd(type, stats);
  return stats;
}

}  // namespace qb::bench
