// One benchmark trial in a fresh child process: `quantbench bench --graph=M --num_threads=N ...` (this
// executable), or TensorFlow Lite's benchmark_model with the same flags, and its output parsed.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "experiment/experiment_spec.h"
#include "experiment/trial_record.h"

namespace qb::experiment {

// The child's argv: the tool, then --graph, --num_threads, the loop flags and, when set, --isa and
// --hybrid_backend (passed verbatim: the benchmark tool checks them).
std::vector<std::string> BenchCommandLine(const ExperimentSpec& spec, const std::string& graph);

// Runs the trial and parses its output; an error names the trial and quotes the child's last error line.
Result<TrialRecord> RunTrial(const ExperimentSpec& spec, const std::string& graph, const std::string& model,
                             Variant variant, int trial);

}  // namespace qb::experiment
