// The report of one results folder: charts/ (data, gnuplot scripts, PNG and SVG) and report.md — the reading,
// the hardware table, the results table, the effect of quantization per model (speed, memory, size,
// fidelity) and the charts. Every file is written atomically.
#pragma once

#include <cstdio>
#include <string>

#include "core/status.h"
#include "experiment/results_json.h"

namespace qb::report {

inline constexpr const char* kReportFileName = "report.md";

// Notes (e.g. charts skipped) go to `log`.
Status WriteExperimentReport(const experiment::ExperimentSummary& run, const std::string& dir, std::FILE* log);

}  // namespace qb::report
