#include "experiment/experiment_spec.h"

#include "core/build_info.h"
#include "models/model_registry.h"

namespace qb::experiment {

const char* VariantName(Variant variant) { return variant == Variant::kFloat ? "float" : "quant"; }

std::string RowName(const std::string& model, Variant variant) {
  return variant == Variant::kFloat ? model : model + "_quant";
}

void ApplyQuick(ExperimentSpec& spec) {
  spec.models = {"MobileNet", "ResNet50"};
  spec.trials = 3;
}

Status ValidateSpec(const ExperimentSpec& spec) {
  if (spec.models.empty()) return Errorf("--models: no model selected");
  for (const std::string& name : spec.models) {
    if (models::FindModel(name) == nullptr) {
      // SelectModels words the error with the list of valid names.
      return models::SelectModels(name).status().WithContext("--models");
    }
  }
  if (spec.trials < 1 || spec.trials > 100000) return Errorf("--trials must be between 1 and 100000, got {}", spec.trials);
  if (spec.fidelity_samples < 0) return Errorf("--fidelity-samples must be >= 0, got {}", spec.fidelity_samples);
  if (spec.out_dir.empty()) return Errorf("--out: no results folder given");
  bench::BenchParams params = spec.bench;
  params.graph = "model.tflite";  // checked per trial
  return bench::ValidateBenchParams(params);
}

nlohmann::json ResumeKey(const ExperimentSpec& spec) {
  const bench::BenchParams& b = spec.bench;
  return {{"models", spec.models},
          {"trials", spec.trials},
          {"threads", b.num_threads},
          {"isa", spec.isa},
          {"hybrid_backend", b.kernels.hybrid_backend},
          {"num_runs", b.num_runs},
          {"min_secs", b.min_secs},
          {"max_secs", b.max_secs},
          {"warmup_runs", b.warmup_runs},
          {"warmup_min_secs", b.warmup_min_secs},
          {"run_delay", b.run_delay},
          {"bench_tool", spec.bench_tool.empty() ? "quantbench bench" : spec.bench_tool},
          {"seed", spec.seed},
          {"tool_version", kToolVersion},
          {"git_commit", kGitCommit}};
}

}  // namespace qb::experiment
