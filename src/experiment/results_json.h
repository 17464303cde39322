// results.json, the complete record of one experiment (schema "quantbench-results", version 1), and the
// summary read back from it — by the report of this run and by `quantbench report` for other machines' runs.
//
//   schema, schema_version, label, tool {version, git_commit, compiler}, hardware (fingerprint),
//   settings {models, trials, threads, isa, bench flags, bench_tool, seed}, kernel_path, started_at, finished_at,
//   models [{name, float_file, quant_file, float_bytes, quant_bytes, float_kernels, quant_kernels, fidelity}],
//   summary [{row, model, variant, n, mean {metric: v}, sd {metric: v}}],
//   trials [{model, variant, trial, started_at, wall_seconds, metrics {...}, bench {raw figures}}]
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "experiment/experiment_results.h"
#include "hw/hardware_fingerprint.h"

namespace qb::experiment {

inline constexpr const char* kResultsFileName = "results.json";
inline constexpr const char* kFinalResultFileName = "finalResult.csv";

nlohmann::json ResultsToJson(const ExperimentResults& results);

// What a report needs of one model besides its rows.
struct ModelFacts {
  std::string name;
  uint64_t float_bytes = 0, quant_bytes = 0;
  std::string float_kernels, quant_kernels;
  std::optional<double> top1, sqnr_db, cosine;  // of the first output, when measured
  int hybrid_input_bits = 8;                     // of the quantized run the fidelity describes
};

struct ExperimentSummary {
  std::string label;  // how reports name this run
  hw::HardwareFingerprint hardware;
  int threads = 1;
  int trials = 0;
  std::string isa, tool_version, git_commit, started_at, finished_at;
  std::string kernel_path;  // every kernel implementation the models ran (kernel_path.h), e.g. "31 reference"
  std::vector<std::string> models;
  std::vector<ModelFacts> facts;
  std::vector<RowResult> rows;

  const RowResult* Find(const std::string& model, Variant variant) const;
};

// Fails with the first missing or malformed field.
Result<ExperimentSummary> SummaryFromJson(const nlohmann::json& json);
// Reads <dir>/results.json; errors name the folder.
Result<ExperimentSummary> LoadSummary(const std::string& dir);

}  // namespace qb::experiment
