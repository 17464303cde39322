// What one experiment measures: which models, which variants, how many trials, with which benchmark settings,
// and where the models and results live. Validated once, before anything runs.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/bench_params.h"
#include "core/status.h"

namespace qb::experiment {

enum class Variant { kFloat, kQuant };
inline constexpr Variant kVariants[] = {Variant::kFloat, Variant::kQuant};

// "float" / "quant"
const char* VariantName(Variant variant);
// The finalResult.csv row: "MobileNet" / "MobileNet_quant"; also the file stem of the model.
std::string RowName(const std::string& model, Variant variant);

struct ExperimentSpec {
  std::vector<std::string> models;  // registry names, in order
  int trials = 10;
  std::string isa;           // passed to every benchmark as --isa=NAME; empty = the best the CPU has
  bench::BenchParams bench;  // num_threads and the loop flags of every trial (graph is set per trial)
  std::string out_dir;
  std::string models_dir;   // where <Model>.tflite and <Model>_quant.tflite are (generated when missing)
  std::string bench_tool;   // empty: `quantbench bench` (this executable); else a benchmark_model binary
  uint32_t seed = 1;        // weights of generated models
  int fidelity_samples = 3;  // inputs of the float-vs-quantized comparison per model; 0 skips it
  bool restart = false;      // discard a journal from a different configuration
  std::string label;         // how reports name this run, e.g. "avx2 (emulated on <CPU>)"; empty = the CPU
};

// --quick: MobileNet and ResNet50, 3 trials.
void ApplyQuick(ExperimentSpec& spec);
Status ValidateSpec(const ExperimentSpec& spec);

// Everything that must match for a journal to be resumed: models, trials, threads, isa, the benchmark flags
// (incl. --hybrid_backend),
// the benchmark tool, the seed, quantbench's version and git commit.
nlohmann::json ResumeKey(const ExperimentSpec& spec);

}  // namespace qb::experiment
