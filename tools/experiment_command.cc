// `quantbench experiment`: the published experiment as one command — models × {float, quantized} × trials,
// one child `bench` process per trial, resumable — then finalResult.csv, results.json, charts and report.md in
// the results folder (src/experiment, src/report). `--isa-sweep` repeats it per ISA level of this CPU into
// sub-folders and adds the cross-hardware report of them.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "commands.h"
#include "experiment/experiment_runner.h"
#include "experiment/results_json.h"
#include "hw/hardware_fingerprint.h"
#include "hw/isa_features.h"
#include "models/model_registry.h"
#include "report/cross_hardware_report.h"
#include "report/experiment_report.h"

namespace qb::tools {
namespace {

struct ExperimentArgs {
  experiment::ExperimentSpec spec;
  std::string models;
  bool quick = false;
  bool isa_sweep = false;
  bool models_given = false, trials_given = false;
};

Status RunOne(const experiment::ExperimentSpec& spec) {
  QB_ASSIGN_OR_RETURN(experiment::ExperimentResults results, experiment::RunExperiment(spec, stderr));
  QB_RETURN_IF_ERROR(experiment::WriteResultFiles(results, spec.out_dir));
  // The report reads back what was written, exactly as `quantbench report` reads other machines' folders.
  QB_ASSIGN_OR_RETURN(experiment::ExperimentSummary summary, experiment::LoadSummary(spec.out_dir));
  QB_RETURN_IF_ERROR(report::WriteExperimentReport(summary, spec.out_dir, stderr));
  std::printf("results: %s/{finalResult.csv, results.json, report.md, charts/}\n", spec.out_dir.c_str());
  std::fflush(stdout);
  return OkStatus();
}

Status RunSweep(experiment::ExperimentSpec spec) {
  const hw::HardwareFingerprint fp = hw::CollectFingerprint();
  const std::vector<std::string> levels = hw::AvailableIsaLevels(fp.isa);
  if (levels.empty()) return Errorf("--isa-sweep: this CPU ({}) has no --isa level to sweep", fp.cpu_name);
  const std::string root = spec.out_dir;
  if (spec.models_dir.empty()) spec.models_dir = (std::filesystem::path(root) / "models").string();
  std::vector<std::string> dirs;
  for (const std::string& level : levels) {
    experiment::ExperimentSpec one = spec;
    one.isa = level;
    one.out_dir = (std::filesystem::path(root) / level).string();
    one.label = level == levels.front() ? level + " (" + fp.cpu_name + "'s best)"
                                        : level + " (emulated on " + fp.cpu_name + ")";
    std::fprintf(stderr, "== --isa=%s ==\n", level.c_str());
    QB_RETURN_IF_ERROR(RunOne(one));
    dirs.push_back(one.out_dir);
  }
  QB_RETURN_IF_ERROR(report::WriteCrossHardwareReport(report::LoadRuns(dirs), root, stderr));
  std::printf("cross-ISA report: %s/report.md\n", root.c_str());
  return OkStatus();
}

Status RunExperimentCommand(ExperimentArgs& args) {
  experiment::ExperimentSpec spec = args.spec;
  if (args.quick) {
    experiment::ExperimentSpec quick;
    experiment::ApplyQuick(quick);
    if (!args.models_given) spec.models = quick.models;
    if (!args.trials_given) spec.trials = quick.trials;
  }
  if (args.models_given) {
    auto selected = models::SelectModels(args.models);
    if (!selected.ok()) return selected.status().WithContext("--models");
    spec.models.clear();
    for (const models::ModelInfo* info : *selected) spec.models.emplace_back(info->name);
  }
  QB_RETURN_IF_ERROR(experiment::ValidateSpec(spec));
  if (args.isa_sweep) {
    if (!spec.isa.empty()) return Errorf("--isa-sweep runs every --isa level itself; drop --isa={}", spec.isa);
    return RunSweep(spec);
  }
  return RunOne(spec);
}

}  // namespace

void AddExperimentCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExperimentArgs>();
  args->spec.models = models::StandardModelNames();
  args->spec.out_dir = "results";
  experiment::ExperimentSpec& spec = args->spec;
  CLI::App* cmd = app.add_subcommand(
      "experiment",
      "Run the published experiment: float32 vs quantized models, N trials each in fresh processes, results + report");
  cmd->add_option("--out", spec.out_dir, "Results folder (created when missing; rerun the same command to resume)")
      ->capture_default_str();
  cmd->add_option("--models", args->models,
                  "Comma-separated models (default: the seven; also TinyMobileNet, TinyInception, TinyResNet, TinyVGG)");
  cmd->add_option("--trials", spec.trials, "Benchmark processes per model and variant")->capture_default_str();
  cmd->add_option("--threads", spec.bench.num_threads, "Threads of every benchmark (--num_threads)")->capture_default_str();
  cmd->add_option("--isa", spec.isa, "Cap the kernels' ISA (passed to every benchmark as --isa=NAME), e.g. avx2");
  cmd->add_option("--hybrid_backend", spec.bench.kernels.hybrid_backend,
                  "Who runs the quantized models' hybrid ops (passed to every benchmark), e.g. qgemm: exact 8-bit "
                  "inputs on AVX2 CPUs, where oneDNN's int8 uses 7 bits");
  cmd->add_flag("--isa-sweep", args->isa_sweep,
                "One experiment per --isa level this CPU has, in sub-folders, plus a cross-ISA report");
  cmd->add_flag("--quick", args->quick, "MobileNet and ResNet50, 3 trials (unless --models / --trials say otherwise)");
  cmd->add_flag("--restart", spec.restart, "Discard the results folder's journal instead of resuming it");
  cmd->add_option("--models-dir", spec.models_dir, "Where the .tflite models are or are generated (default: OUT/models)");
  cmd->add_option("--seed", spec.seed, "Seed of the weights of generated models")->capture_default_str();
  cmd->add_option("--fidelity-samples", spec.fidelity_samples,
                  "Seeded inputs of the float-vs-quantized comparison per model (0 skips it)")
      ->capture_default_str();
  cmd->add_option("--bench-tool", spec.bench_tool,
                  "Run this benchmark_model-compatible binary per trial instead of `quantbench bench`");
  cmd->add_option("--num_runs", spec.bench.num_runs, "Passed to bench")->capture_default_str();
  cmd->add_option("--min_secs", spec.bench.min_secs, "Passed to bench")->capture_default_str();
  cmd->add_option("--max_secs", spec.bench.max_secs, "Passed to bench")->capture_default_str();
  cmd->add_option("--warmup_runs", spec.bench.warmup_runs, "Passed to bench")->capture_default_str();
  cmd->add_option("--warmup_min_secs", spec.bench.warmup_min_secs, "Passed to bench")->capture_default_str();
  cmd->add_option("--run_delay", spec.bench.run_delay, "Passed to bench")->capture_default_str();
  cmd->callback([args, cmd, &exit_code] {
    args->models_given = cmd->count("--models") > 0;
    args->trials_given = cmd->count("--trials") > 0;
    Status status = RunExperimentCommand(*args);
    if (!status.ok()) exit_code = ReportError(status);
  });
}

}  // namespace qb::tools
