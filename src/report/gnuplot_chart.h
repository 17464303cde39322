// Bar charts rendered by gnuplot (Debian gnuplot-nox: pngcairo and svg terminals). Every chart is a data file
// (<stem>.dat) and a script (<stem>.gp) written beside the images, so a chart can be re-rendered or restyled by
// hand: `gnuplot <stem>.gp` writes <stem>.png and <stem>.svg. Clustered bars, one cluster per category (model),
// one bar per series; with error bars (±1 sd) when every series has them. Missing values are "?" (no bar).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace qb::report {

struct BarSeries {
  std::string label;
  std::vector<std::optional<double>> values;  // one per category
  std::vector<double> errors;                 // one per category, or empty: no error bars
};

struct BarChart {
  std::string stem;  // file name without extension, e.g. "avg_inference_ms"
  std::string title, y_label;
  std::vector<std::string> categories;
  std::vector<BarSeries> series;
  std::optional<double> reference_line;  // a horizontal line, e.g. at 0 % or 1×
};

std::string ChartData(const BarChart& chart);
// The script, run in the charts folder: reads <stem>.dat, writes <stem>.png.tmp and <stem>.svg.tmp (renamed into
// place by RenderCharts; by hand: `cd charts && gnuplot <stem>.gp`).
std::string ChartScript(const BarChart& chart);

// Writes <dir>/<stem>.dat and .gp for each chart (atomically).
Status WriteChartSources(const std::vector<BarChart>& charts, const std::string& dir);
bool GnuplotAvailable();
// Runs gnuplot on each chart's script and moves the finished images into place.
Status RenderCharts(const std::vector<BarChart>& charts, const std::string& dir);
// Sources always, images when gnuplot is installed: returns whether the images were rendered.
Result<bool> WriteCharts(const std::vector<BarChart>& charts, const std::string& dir);

}  // namespace qb::report
