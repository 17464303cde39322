// Runs one experiment end to end: prepares every model (generate, quantize, fidelity), then every
// model × variant × trial as a child benchmark process, journaling each finished trial, resuming a stopped
// run, and finally writes results.json and finalResult.csv (atomically) into the results folder.
// Charts and report.md are src/report's job.
#pragma once

#include <cstdio>

#include "core/status.h"
#include "experiment/experiment_results.h"
#include "experiment/experiment_spec.h"

namespace qb::experiment {

// Progress and notes go to `log` (stderr in the tool).
Result<ExperimentResults> RunExperiment(const ExperimentSpec& spec, std::FILE* log);

// results.json and finalResult.csv, each through a temporary file and a rename.
Status WriteResultFiles(const ExperimentResults& results, const std::string& dir);

}  // namespace qb::experiment
