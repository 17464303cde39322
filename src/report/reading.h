// A short generated reading of one run's results, in plain sentences: how many models quantization made
// faster and by how much, how much the trials differed (and whether that makes the machine noisy), which
// int8 instructions the CPU has (and whether the run was an ISA emulation), what ran the kernels, how memory
// and output fidelity changed.
#pragma once

#include <string>
#include <vector>

#include "experiment/results_json.h"

namespace qb::report {

std::vector<std::string> ReadingOf(const experiment::ExperimentSummary& run);

}  // namespace qb::report
