// The cross-hardware report: the results folders of several machines (or of the ISA levels of one machine,
// from `experiment --isa-sweep`) side by side — hardware table, average inference per model per machine (float
// vs quantized), speedup and % change per machine, memory, the charts, and a reading per machine.
//
// Folders whose results.json is missing, corrupt, of another schema version, or shares no model with the first
// good folder are listed with the reason and skipped, never merged.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "core/status.h"
#include "experiment/results_json.h"

namespace qb::report {

struct LoadedRuns {
  std::vector<experiment::ExperimentSummary> runs;
  std::vector<std::string> dirs;     // of each run
  std::vector<std::string> skipped;  // "DIR: why"
};

LoadedRuns LoadRuns(const std::vector<std::string>& dirs);

// Writes <out>/report.md and <out>/charts/; fails when no folder could be merged.
Status WriteCrossHardwareReport(const LoadedRuns& loaded, const std::string& out_dir, std::FILE* log);

}  // namespace qb::report
