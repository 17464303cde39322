// Sections both reports share: the hardware table (one column per run), the charts section, the note when
// gnuplot is missing.
#pragma once

#include <string>
#include <vector>

#include "experiment/results_json.h"
#include "report/gnuplot_chart.h"

namespace qb::report {

// | | run 1 | run 2 |: CPU, architecture, cores, clock, BogoMIPS, caches, ISA features, OS, plus the run's
// threads, --isa cap, trials, kernel path and quantbench version.
std::string HardwareTable(const std::vector<const experiment::ExperimentSummary*>& runs);
// "## Charts" with every chart (PNG, SVG link), or the note that they were skipped.
std::string ChartsSection(const std::vector<BarChart>& charts, bool rendered);
// The charts folder of a report folder.
std::string ChartsDir(const std::string& report_dir);

}  // namespace qb::report
