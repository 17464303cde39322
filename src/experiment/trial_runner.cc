#include "experiment/trial_runner.h"

#include <chrono>

#include "core/child_process.h"

namespace qb::experiment {
std::vector<std::string> BenchCommandLine(const ExperimentSpec& spec, const std::string& graph) {
  std::vector<std::string> argv;
  if (spec.bench_tool.empty()) {
    argv = {SelfExecutablePath(), "bench"};
  } else {
    argv = {spec.bench_tool};
  }
  const bench::BenchParams& b = spec.bench;
  argv.push_back("--graph=" + graph);
  argv.push_back(fmt::format("--num_threads={}", b.num_threads));
  argv.push_back(fmt::format("--num_runs={}", b.num_runs));
  argv.push_back(fmt::format("--min_secs={}", b.min_secs));
  argv.push_back(fmt::format("--max_secs={}", b.max_secs));
  argv.push_back(fmt::format("--warmup_runs={}", b.warmup_runs));
  argv.push_back(fmt::format("--warmup_min_secs={}", b.warmup_min_secs));
  if (b.run_delay > 0) argv.push_back(fmt::format("--run_delay={}", b.run_delay));
  if (!spec.isa.empty()) argv.push_back("--isa=" + spec.isa);
  if (!b.kernels.hybrid_backend.empty()) argv.push_back("--hybrid_backend=" + b.kernels.hybrid_backend);
  return argv;
}

Result<TrialRecord> RunTrial(const ExperimentSpec& spec, const std::string& graph, const std::string& model,
                             Variant variant, int trial) {
  const std::string what = fmt::format("{} trial {}", RowName(model, variant), trial + 1);
  TrialRecord record;
  record.model = model;
  record.variant = variant;
  record.trial = trial;
  record.started_at = UtcTimestampNow();
  const auto start = std::chrono::steady_clock::now();
  auto child = RunChildProcess(BenchCommandLine(spec, graph));
  if (!child.ok()) return child.status().WithContext(what);
  record.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!child->succeeded()) {
    const std::string why = child->LastErrorLine();
    return Errorf("{}: the benchmark failed ({}): {}", what, child->Describe(), why.empty() ? "no output" : why);
  }
  auto parsed = ParseBenchOutput(child->out);
  if (!parsed.ok()) return parsed.status().WithContext(what);
  record.bench = std::move(parsed).value();
  record.metrics = MetricsFromBenchOutput(record.bench);
  return record;
}

}  // namespace qb::experiment
