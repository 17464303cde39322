#include "report/reading.h"

#include <algorithm>

#include <fmt/format.h>

#include "experiment/kernel_path.h"
#include "hw/isa_features.h"
#include "core/text.h"
#include "report/comparisons.h"

namespace qb::report {
namespace {

using experiment::Variant;

std::string Range(const std::vector<double>& values, int decimals, const char* unit) {
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  if (values.size() == 1 || fmt::format("{:.{}f}", *lo, decimals) == fmt::format("{:.{}f}", *hi, decimals)) {
    return fmt::format("{:.{}f}{}", *lo, decimals, unit);
  }
  return fmt::format("{:.{}f}–{:.{}f}{}", *lo, decimals, *hi, decimals, unit);
}

std::string SpeedSentence(const experiment::ExperimentSummary& run) {
  std::vector<double> faster, slower;
  std::vector<std::string> slower_names;
  int measured = 0;
  for (const std::string& model : run.models) {
    const auto speedup = Speedup(run, model);
    if (!speedup) continue;
    ++measured;
    if (*speedup > 1.0) {
      faster.push_back(*speedup);
    } else {
      slower.push_back(*ChangePercent(run, model));
      slower_names.push_back(model);
    }
  }
  std::string text = fmt::format("Quantization made {} of {} models faster", faster.size(), measured);
  if (!faster.empty()) text += ", " + Range(faster, 1, "×");
  if (!slower.empty()) {
    std::string names;
    for (const std::string& n : slower_names) AppendListItem(names, n);
    text += fmt::format("; slower: {} (+{} average inference time, Qin et al.'s effect)", names, Range(slower, 0, "%"));
  }
  return text + ".";
}

std::string CpuSentence(const experiment::ExperimentSummary& run) {
  const std::string best = hw::BestInt8Feature(run.hardware.isa);
  std::string text = best.empty()
                         ? fmt::format("This CPU ({}) has no int8 dot-product instructions", run.hardware.cpu_name)
                         : fmt::format("This CPU ({}) has {}", run.hardware.cpu_name, best);
  if (hw::IsEmulatedIsa(run.isa, run.hardware.isa)) {
    text += fmt::format("; this run was capped at --isa={}, an emulation of an older CPU generation on it", run.isa);
  }
  return text + ".";
}

std::string KernelSentence(const experiment::ExperimentSummary& run) {
  if (run.kernel_path.empty()) return "";
  std::string text = "Kernels: " + run.kernel_path + ".";
  if (experiment::OnlyReferenceKernels(run.kernel_path)) {
    text += " These are the plain C++ reference kernels: the times show the arithmetic, not what optimized int8 "
            "instructions can do.";
  }
  return text;
}

std::string MemorySentence(const experiment::ExperimentSummary& run) {
  std::vector<double> ratios, size_ratios;
  for (const std::string& model : run.models) {
    const auto f = MetricMean(run, model, Variant::kFloat, experiment::kMemoryOverallMetric);
    const auto q = MetricMean(run, model, Variant::kQuant, experiment::kMemoryOverallMetric);
    if (f && q && *q > 0 && *f > 0) ratios.push_back(*f / *q);
  }
  for (const experiment::ModelFacts& f : run.facts) {
    if (f.quant_bytes > 0) size_ratios.push_back(static_cast<double>(f.float_bytes) / static_cast<double>(f.quant_bytes));
  }
  std::string text;
  if (!size_ratios.empty()) text += "Quantized files are " + Range(size_ratios, 1, "×") + " smaller";
  if (!ratios.empty()) {
    text += std::string(text.empty() ? "Memory" : "; memory") + " overall, float / quantized: " + Range(ratios, 1, "×");
  }
  return text.empty() ? "" : text + ".";
}

std::string FidelitySentence(const experiment::ExperimentSummary& run) {
  std::vector<double> top1, sqnr;
  bool seven_bit = false;
  for (const experiment::ModelFacts& f : run.facts) {
    seven_bit = seven_bit || f.hybrid_input_bits == 7;
    if (f.top1) top1.push_back(*f.top1 * 100.0);
    if (f.sqnr_db) sqnr.push_back(*f.sqnr_db);
  }
  if (top1.empty() && sqnr.empty()) return "";
  std::string text = "Against the float models, the quantized outputs have";
  if (!top1.empty()) text += " top-1 agreement " + Range(top1, 0, "%");
  if (!sqnr.empty()) text += std::string(top1.empty() ? "" : " and") + " SQNR " + Range(sqnr, 1, " dB");
  text += " (seeded random inputs";
  if (seven_bit) text += "; hybrid inputs quantized to 7 bits, as this run's kernels do below VNNI";
  return text + ").";
}

// How much the trials of one model and variant differ (sample sd / mean of their average inference): a
// speedup compared between runs or machines is only as certain as this.
std::string NoiseSentence(const experiment::ExperimentSummary& run) {
  constexpr double kNoisyPercent = 3.0;
  std::vector<double> spreads;
  double worst = -1;
  std::string worst_row;
  for (const experiment::RowResult& row : run.rows) {
    const experiment::MeanSd& avg = row.stats[experiment::kAvgInferenceMetric];
    if (avg.n < 2 || avg.mean <= 0) continue;
    const double percent = 100.0 * avg.sd / avg.mean;
    spreads.push_back(percent);
    if (percent > worst) {
      worst = percent;
      worst_row = row.name();
    }
  }
  if (spreads.empty()) return "";
  std::string text = fmt::format("Trial-to-trial spread of the average inference (sd / mean): {}, largest for {}",
                                 Range(spreads, 1, "%"), worst_row);
  if (worst >= kNoisyPercent) {
    text += "; the machine was noisy during this run: speedups that differ by a few percent between runs or "
            "machines are within that noise (repeat the run, or add trials, before comparing them)";
  }
  return text + ".";
}

}  // namespace

std::vector<std::string> ReadingOf(const experiment::ExperimentSummary& run) {
  std::vector<std::string> sentences;
  for (const std::string& s : {SpeedSentence(run), NoiseSentence(run), CpuSentence(run), KernelSentence(run),
                               MemorySentence(run), FidelitySentence(run)}) {
    if (!s.empty()) sentences.push_back(s);
  }
  return sentences;
}

}  // namespace qb::report
