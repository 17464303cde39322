// The charts of a report, for one run or several (machines, or ISA levels of one machine):
//   <metric slug>        one per metric: Original vs Quantized per model, ±1 sd (the original notebook's charts);
//                        with several runs one pair of bars per run
//   avg_inference_change_pct   % change of Avg Inference after quantization per model (positive = slower)
//   speedup              float / quantized Avg Inference per model (above the 1× line = faster)
#pragma once

#include <vector>

#include "experiment/results_json.h"
#include "report/gnuplot_chart.h"

namespace qb::report {

std::vector<BarChart> ReportCharts(const std::vector<const experiment::ExperimentSummary*>& runs);

}  // namespace qb::report
