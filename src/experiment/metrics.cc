#include "experiment/metrics.h"

namespace qb::experiment {
namespace {

constexpr std::array<std::string_view, kMetricCount> kNames = {
    "Init Time (ms)",         "Init Inference (ms)", "First Inference (ms)", "Warmup Inference (ms)",
    "Avg Inference (ms)",     "Memory Init (MB)",    "Memory Overall (MB)"};
constexpr std::array<std::string_view, kMetricCount> kSlugs = {
    "init_time_ms",       "init_inference_ms", "first_inference_ms", "warmup_inference_ms",
    "avg_inference_ms",   "memory_init_mb",    "memory_overall_mb"};

}  // namespace

std::string_view MetricName(size_t metric) { return kNames.at(metric); }
std::string_view MetricSlug(size_t metric) { return kSlugs.at(metric); }

MetricValues MetricsFromBenchOutput(const BenchOutput& o) {
  return {o.init_session_ms,       o.init_us / 1e3,          o.first_inference_us / 1e3, o.warmup_avg_us / 1e3,
          o.inference_avg_us / 1e3, o.memory_init_mb,        o.memory_overall_mb};
}

}  // namespace qb::experiment
