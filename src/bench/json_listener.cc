#include "bench/json_listener.h"

#include <cstdint>
#include <span>

#include "bench/op_profile_summary.h"
#include "core/file_io.h"

namespace qb::bench {
namespace {

nlohmann::json StatsToJson(const RunStats& stats) {
  nlohmann::json j;
  j["count"] = stats.count();
  if (stats.empty()) {
    for (const char* key : {"first_us", "curr_us", "min_us", "max_us", "avg_us", "std_us", "p5_us", "median_us",
                            "p95_us"}) {
      j[key] = nullptr;
    }
  } else {
    j["first_us"] = stats.first();
    j["curr_us"] = stats.newest();
    j["min_us"] = stats.min();
    j["max_us"] = stats.max();
    j["avg_us"] = stats.avg();
    j["std_us"] = stats.std_deviation();
    j["p5_us"] = stats.Percentile(5);
    j["median_us"] = stats.Percentile(50);
    j["p95_us"] = stats.Percentile(95);
  }
  j["samples_us"] = std::vector<int64_t>(stats.samples().begin(), stats.samples().end());
  return j;
}

nlohmann::json OpProfileToJson(const OpProfile& profile) {
  nlohmann::json ops = nlohmann::json::array();
  for (const OpTiming& op : profile.ops) {
    ops.push_back({{"index", op.index},
                   {"type", op.type},
                   {"name", op.name},
                   {"implementation", op.implementation},
                   {"count", op.time_us.count()},
                   {"first_us", op.time_us.first()},
                   {"avg_us", op.time_us.avg()},
                   {"sum_us", op.time_us.sum()}});
  }
  nlohmann::json by_type = nlohmann::json::array();
  for (const OpTypeSummary& row : SummarizeByType(profile)) {
    by_type.push_back({{"type", row.type},
                       {"count", row.count},
                       {"avg_ms", row.avg_ms},
                       {"percent", row.percent},
                       {"cdf_percent", row.cdf_percent},
                       {"times_called", row.times_called},
                       {"implementations", row.implementations}});
  }
  return {{"runs", profile.run_total_us.count()},
          {"run_total", StatsToJson(profile.run_total_us)},
          {"ops", ops},
          {"by_type", by_type}};
}

}  // namespace

nlohmann::json ResultToJson(const BenchmarkResult& result) {
  const BenchParams& p = result.params;
  nlohmann::json j;
  j["graph"] = p.graph;
  j["params"] = {{"num_threads", p.num_threads},
                 {"num_runs", p.num_runs},
                 {"min_secs", p.min_secs},
                 {"max_secs", p.max_secs},
                 {"warmup_runs", p.warmup_runs},
                 {"warmup_min_secs", p.warmup_min_secs},
                 {"run_delay", p.run_delay},
                 {"enable_op_profiling", p.enable_op_profiling},
                 {"float_backend", p.kernels.float_backend},
                 {"hybrid_backend", p.kernels.hybrid_backend},
                 {"isa", p.kernels.isa}};
  j["model_size_mb"] = result.init.model_size_mb;
  j["init_us"] = result.init.init_us;
  if (const auto& k = result.init.kernels) {
    nlohmann::json implementations = nlohmann::json::object();
    for (const auto& [implementation, ops] : k->implementations) implementations[implementation] = ops;
    j["kernels"] = {{"float_backend", k->float_backend},
                    {"isa", k->isa},
                    {"best_isa", k->best_isa},
                    {"emulated", k->isa != k->best_isa},
                    {"description", k->description},
                    {"implementations", implementations},
                    {"shared_quantized_inputs",
                     {{"tensors", k->shared_quantized_inputs}, {"ops", k->ops_sharing_them}}}};
  }
  j["warmup"] = StatsToJson(result.warmup_us);
  j["inference"] = StatsToJson(result.inference_us);
  if (result.mem_supported) {
    j["memory_mb"] = {{"init", static_cast<double>(result.init_mem_kb) / 1024.0},
                      {"overall", static_cast<double>(result.overall_mem_kb) / 1024.0}};
  } else {
    j["memory_mb"] = nullptr;
  }
  if (result.op_profile) j["op_profile"] = OpProfileToJson(*result.op_profile);
  return j;
}

void JsonListener::OnBenchmarkEnd(const BenchmarkResult& result) {
  const std::string text = ResultToJson(result).dump(2) + "\n";
  status_ = WriteFileAtomically(
      path_, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  if (!status_.ok()) status_ = status_.WithContext("--json_output");
}

}  // namespace qb::bench
