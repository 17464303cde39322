// quantbench bench: TensorFlow Lite benchmark_model's measurement of one .tflite model, with its flags
// (--flag=value) and its output lines on stdout, plus an optional JSON result (--json_output=FILE).
#include <iostream>
#include <memory>

#include "bench/bench_params.h"
#include "bench/json_listener.h"
#include "bench/tflite_benchmark.h"
#include "bench/tflite_format_listener.h"
#include "commands.h"

namespace qb::tools {
namespace {

int RunBench(const bench::BenchParams& params) {
  bench::TfliteBenchmark runner(params);
  bench::TfliteFormatListener printer(std::cout);
  runner.AddListener(&printer);
  std::unique_ptr<bench::JsonListener> json;
  if (!params.json_output.empty()) {
    json = std::make_unique<bench::JsonListener>(params.json_output);
    runner.AddListener(json.get());
  }
  auto result = runner.Run();
  if (!result.ok()) return ReportError(result.status());
  if (json && !json->status().ok()) return ReportError(json->status());
  return 0;
}

}  // namespace

void AddBenchCommand(CLI::App& app, int& exit_code) {
  auto params = std::make_shared<bench::BenchParams>();
  CLI::App* cmd = app.add_subcommand(
      "bench", "Benchmark one .tflite model like TensorFlow Lite's benchmark_model (same flags, same output lines)");
  cmd->add_option("--graph", params->graph, "The .tflite model to benchmark");
  cmd->add_option("--num_threads", params->num_threads, "Number of threads")->capture_default_str();
  cmd->add_option("--num_runs", params->num_runs, "Minimum number of regular runs, see also --min_secs, --max_secs")
      ->capture_default_str();
  cmd->add_option("--min_secs", params->min_secs, "Minimum seconds of regular runs (more runs than --num_runs if needed)")
      ->capture_default_str();
  cmd->add_option("--max_secs", params->max_secs,
                  "No run starts after this many seconds of a loop (fewer runs than --num_runs if needed)")
      ->capture_default_str();
  cmd->add_option("--warmup_runs", params->warmup_runs, "Minimum number of warmup runs, see also --warmup_min_secs")
      ->capture_default_str();
  cmd->add_option("--warmup_min_secs", params->warmup_min_secs, "Minimum seconds of warmup runs")->capture_default_str();
  cmd->add_option("--run_delay", params->run_delay, "Seconds to sleep after each run (when > 0)")->capture_default_str();
  cmd->add_flag("--enable_op_profiling", params->enable_op_profiling,
                "Per-op times of the regular runs (also --enable_op_profiling=true|false)");
  cmd->add_option("--json_output", params->json_output, "Also write the result as JSON to this file");
  AddKernelFlags(*cmd, params->kernels);
  cmd->callback([params, &exit_code] { exit_code = RunBench(*params); });
}

}  // namespace qb::tools
