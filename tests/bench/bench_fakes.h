// Test doubles for the benchmark runner: a clock that only moves when told, a scripted memory probe,
// a benchmark whose runs "take" scripted durations, and a listener that records the event order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bench/bench_clock.h"
#include "bench/benchmark_runner.h"
#include "bench/listeners.h"
#include "bench/memory_probe.h"

namespace qb::bench::testing {

class FakeClock : public BenchClock {
 public:
  int64_t NowMicros() override { return now_us_; }
  void SleepMicros(int64_t micros) override {
    now_us_ += micros;
    slept_us_ += micros;
  }
  void Advance(int64_t micros) { now_us_ += micros; }
  int64_t slept_us() const { return slept_us_; }

 private:
  int64_t now_us_ = 1'000'000'000;
  int64_t slept_us_ = 0;
};

// Returns the scripted values in order, then repeats the last one.
class FakeMemoryProbe : public MemoryProbe {
 public:
  explicit FakeMemoryProbe(std::vector<std::optional<int64_t>> values) : values_(std::move(values)) {}
  std::optional<int64_t> PeakRssKb() override {
    const size_t i = next_ < values_.size() ? next_++ : values_.size() - 1;
    return values_[i];
  }

 private:
  std::vector<std::optional<int64_t>> values_;
  size_t next_ = 0;
};

// Each run advances the clock by the next scripted duration (cycling); Init by init_us.
class FakeBenchmark : public BenchmarkRunner {
 public:
  FakeBenchmark(BenchParams params, FakeClock* clock, MemoryProbe* memory, std::vector<int64_t> run_us)
      : BenchmarkRunner(std::move(params), clock, memory), clock_(clock), run_us_(std::move(run_us)) {}

  int64_t init_us = 3080;
  int64_t file_bytes = 16'893'448;
  Status init_status;
  int fail_at_run = -1;
  int runs = 0;
  int resets = 0;
  bool init_called = false;

 protected:
  int64_t ModelFileSize() override { return file_bytes; }
  Status Init() override {
    init_called = true;
    clock_->Advance(init_us);
    return init_status;
  }
  Status ResetInputs() override {
    ++resets;
    return OkStatus();
  }
  Status RunImpl() override {
    if (runs == fail_at_run) return Errorf("kernel exploded");
    clock_->Advance(run_us_[static_cast<size_t>(runs) % run_us_.size()]);
    ++runs;
    return OkStatus();
  }

 private:
  FakeClock* clock_;
  std::vector<int64_t> run_us_;
};

class RecordingListener : public BenchmarkListener {
 public:
  std::vector<std::string> events;
  void OnBenchmarkStart(const BenchParams&) override { events.push_back("start"); }
  void OnInitEnd(const InitSummary& init) override { events.push_back("init " + std::to_string(init.init_us)); }
  void OnLoopStart(RunType type, const LoopLimits&) override { events.push_back("loop " + Name(type)); }
  void OnSingleRunStart(RunType type) override { events.push_back("run " + Name(type)); }
  void OnSingleRunEnd(RunType type, int64_t duration_us) override {
    events.push_back("end " + Name(type) + " " + std::to_string(duration_us));
  }
  void OnLoopEnd(RunType type, const RunStats& stats) override {
    events.push_back("loop end " + Name(type) + " " + std::to_string(stats.count()));
  }
  void OnBenchmarkEnd(const BenchmarkResult&) override { events.push_back("finish"); }

 private:
  static std::string Name(RunType type) { return type == RunType::kWarmup ? "warmup" : "regular"; }
};

inline BenchParams TestParams() {
  BenchParams params;
  params.graph = "model.tflite";
  return params;
}

}  // namespace qb::bench::testing
