#include "bench/tflite_format.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

#include "bench/op_profile_summary.h"

namespace qb::bench {
namespace {

constexpr int kNodeTypeWidth = 40;
constexpr int kTopByTimeLimit = 10;
constexpr const char* kRule = "==============================";

std::ostream& Field(std::ostream& stream, int width) {
  return stream << '\t' << std::right << std::setw(width) << std::fixed << std::setprecision(3);
}

std::string Join(const std::vector<std::string>& parts, const char* separator) {
  std::string joined;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) joined += separator;
    joined += parts[i];
  }
  return joined;
}

void NodeHeader(std::ostream& out, const std::string& title) {
  out << kRule << ' ' << title << ' ' << kRule << '\n';
  Field(out, kNodeTypeWidth) << "[node type]";
  Field(out, 9) << "[first]";
  Field(out, 9) << "[avg ms]";
  Field(out, 8) << "[%]";
  Field(out, 8) << "[cdf%]";
  Field(out, 10) << "[mem KB]";
  Field(out, 9) << "[times called]";
  out << "\t[Name]\t[impl]\n";
}

void NodeRow(std::ostream& out, const OpTiming& op, int64_t cumulative_us, const RunStats& run_total) {
  const double total = static_cast<double>(run_total.sum());
  Field(out, kNodeTypeWidth) << op.type;
  Field(out, 9) << static_cast<double>(op.time_us.first()) / 1000.0;
  Field(out, 9) << op.time_us.avg() / 1000.0;
  Field(out, 7) << static_cast<double>(op.time_us.sum()) * 100.0 / total << '%';
  Field(out, 7) << static_cast<double>(cumulative_us) * 100.0 / total << '%';
  Field(out, 10) << 0.0;
  Field(out, 9) << op.time_us.count() / run_total.count();
  out << '\t' << op.name << '\t' << op.implementation << '\n';
}

void NodeTable(std::ostream& out, const std::string& title, const std::vector<const OpTiming*>& ops,
               const RunStats& run_total) {
  NodeHeader(out, title);
  int64_t cumulative_us = 0;
  for (const OpTiming* op : ops) {
    cumulative_us += op->time_us.sum();
    NodeRow(out, *op, cumulative_us, run_total);
  }
  out << '\n';
}

void TypeTable(std::ostream& out, const OpProfile& profile) {
  out << "Number of nodes executed: " << profile.ops.size() << '\n';
  out << kRule << " Summary by node type " << kRule << '\n';
  Field(out, kNodeTypeWidth) << "[Node type]";
  Field(out, 9) << "[count]";
  Field(out, 10) << "[avg ms]";
  Field(out, 11) << "[avg %]";
  Field(out, 11) << "[cdf %]";
  Field(out, 10) << "[mem KB]";
  Field(out, 10) << "[times called]";
  out << "\t[impl]\n";
  for (const OpTypeSummary& row : SummarizeByType(profile)) {
    Field(out, kNodeTypeWidth) << row.type;
    Field(out, 9) << row.count;
    Field(out, 10) << row.avg_ms;
    Field(out, 10) << row.percent << '%';
    Field(out, 10) << row.cdf_percent << '%';
    Field(out, 10) << 0.0f;
    Field(out, 9) << row.times_called;
    out << '\t' << Join(row.implementations, ", ") << '\n';
  }
  out << '\n';
}

}  // namespace

std::string StreamNumber(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::vector<std::string> FormatParamLines(const BenchParams& params) {
  const BenchParams defaults;
  std::vector<std::string> lines;
  lines.push_back("Log parameter values verbosely: [0]");
  auto echo_number = [&](const char* description, double value, double default_value) {
    if (value != default_value) lines.push_back(std::string(description) + ": [" + StreamNumber(value) + "]");
  };
  echo_number("Min num runs", params.num_runs, defaults.num_runs);
  echo_number("Min runs duration (seconds)", params.min_secs, defaults.min_secs);
  echo_number("Max runs duration (seconds)", params.max_secs, defaults.max_secs);
  echo_number("Inter-run delay (seconds)", params.run_delay, defaults.run_delay);
  echo_number("Num threads", params.num_threads, defaults.num_threads);
  echo_number("Min warmup runs", params.warmup_runs, defaults.warmup_runs);
  echo_number("Min warmup runs duration (seconds)", params.warmup_min_secs, defaults.warmup_min_secs);
  lines.push_back("Graph: [" + params.graph + "]");
  if (params.enable_op_profiling != defaults.enable_op_profiling) {
    lines.push_back(std::string("Enable op profiling: [") + (params.enable_op_profiling ? "1" : "0") + "]");
  }
  lines.push_back("#threads used for CPU inference: [" + std::to_string(params.num_threads) + "]");
  return lines;
}

std::vector<std::string> FormatInitLines(const InitSummary& init) {
  std::vector<std::string> lines;
  lines.push_back("Loaded model " + init.graph);
  if (init.model_size_mb > 0) lines.push_back("The input model file size (MB): " + StreamNumber(init.model_size_mb));
  lines.push_back("Initialized session in " + StreamNumber(static_cast<double>(init.init_us) / 1e3) + "ms.");
  if (init.kernels) {
    lines.push_back("Float backend: " + init.kernels->description);
    std::string used;
    for (const auto& [implementation, ops] : init.kernels->implementations) {
      used += (used.empty() ? "" : ", ") + std::to_string(ops) + " " + implementation;
    }
    lines.push_back("Kernels (ops per implementation): " + used);
    if (init.kernels->shared_quantized_inputs > 0) {
      lines.push_back("Quantized inputs shared: " + std::to_string(init.kernels->shared_quantized_inputs) +
                      " tensors, each quantized once for the " + std::to_string(init.kernels->ops_sharing_them) +
                      " hybrid ops reading them");
    }
  }
  return lines;
}

std::string FormatLoopStart(const LoopLimits& limits) {
  return "Running benchmark for at least " + std::to_string(limits.min_runs) + " iterations and at least " +
         StreamNumber(limits.min_secs) + " seconds but terminate if exceeding " + StreamNumber(limits.max_secs) +
         " seconds.";
}

std::string FormatStat(const RunStats& stats) {
  std::ostringstream out;
  if (stats.empty()) {
    out << "count=0";
  } else if (stats.all_same()) {
    out << "count=" << stats.count() << " curr=" << stats.newest();
    if (stats.count() > 1) out << "(all same)";
  } else {
    out << "count=" << stats.count() << " first=" << stats.first() << " curr=" << stats.newest()
        << " min=" << stats.min() << " max=" << stats.max() << " avg=" << stats.avg()
        << " std=" << stats.std_deviation();
  }
  return out.str();
}

std::string FormatInferenceTimings(const BenchmarkResult& result) {
  std::ostringstream out;
  out << "Inference timings in us: Init: " << result.init.init_us << ", First inference: " << result.warmup_us.first()
      << ", Warmup (avg): " << result.warmup_us.avg() << ", Inference (avg): " << result.inference_us.avg();
  return out.str();
}

std::string FormatMemoryNote() {
  return "Note: as the benchmark tool itself affects memory footprint, the following is only APPROXIMATE to the "
         "actual memory footprint of the model at runtime. Take the information at your discretion.";
}

std::string FormatMemoryFootprint(const BenchmarkResult& result) {
  return "Memory footprint delta from the start of the tool (MB): init=" +
         StreamNumber(static_cast<double>(result.init_mem_kb) / 1024.0) +
         " overall=" + StreamNumber(static_cast<double>(result.overall_mem_kb) / 1024.0);
}

std::string FormatPercentiles(const std::string& label, const RunStats& stats) {
  return label + " percentiles in us: p5=" + StreamNumber(stats.Percentile(5)) +
         " median=" + StreamNumber(stats.Percentile(50)) + " p95=" + StreamNumber(stats.Percentile(95));
}

std::string FormatOpProfile(const OpProfile& profile) {
  std::ostringstream out;
  out << "Operator-wise Profiling Info for Regular Benchmark Runs:\n";
  std::vector<const OpTiming*> ops;
  for (const OpTiming& op : profile.ops) ops.push_back(&op);
  NodeTable(out, "Run Order", ops, profile.run_total_us);

  std::stable_sort(ops.begin(), ops.end(),
                   [](const OpTiming* a, const OpTiming* b) { return a->time_us.avg() > b->time_us.avg(); });
  if (ops.size() > static_cast<size_t>(kTopByTimeLimit)) ops.resize(kTopByTimeLimit);
  NodeTable(out, "Top by Computation Time", ops, profile.run_total_us);

  TypeTable(out, profile);
  out << "Timings (microseconds): " << FormatStat(profile.run_total_us) << '\n';
  out << "Memory (bytes): count=0\n";
  out << profile.ops.size() << " nodes observed\n\n\n";
  return out.str();
}

}  // namespace qb::bench
