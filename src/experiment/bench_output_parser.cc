#include "experiment/bench_output_parser.h"

#include <cstdlib>
#include <sstream>
#include <string>

namespace qb::experiment {
namespace {

// The number right after `key` in `line` (strtod: stops at "ms", ",", " "); nullopt when `key` is absent.
std::optional<double> NumberAfter(std::string_view line, std::string_view key) {
  const size_t at = line.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  const std::string rest(line.substr(at + key.size()));
  char* end = nullptr;
  const double value = std::strtod(rest.c_str(), &end);
  if (end == rest.c_str()) return std::nullopt;
  return value;
}

// The rest of `line` after `key`, when the line (after the optional "INFO: ") starts with it.
std::optional<std::string> TextAfter(std::string_view line, std::string_view key) {
  if (line.rfind("INFO: ", 0) == 0) line.remove_prefix(6);
  if (line.rfind(key, 0) != 0) return std::nullopt;
  return std::string(line.substr(key.size()));
}

std::optional<LoopStats> ParseLoopLine(std::string_view line) {
  // A stats line starts with "count=" after the optional "INFO: " prefix (never mid-sentence).
  size_t start = line.rfind("INFO: ", 0) == 0 ? 6 : 0;
  if (line.substr(start, 6) != "count=") return std::nullopt;
  line = line.substr(start);
  LoopStats stats;
  const auto count = NumberAfter(line, "count=");
  const auto curr = NumberAfter(line, "curr=");
  if (!count) return std::nullopt;
  stats.count = static_cast<int64_t>(*count);
  stats.curr = curr.value_or(0);
  stats.first = NumberAfter(line, "first=").value_or(stats.curr);
  stats.min = NumberAfter(line, "min=").value_or(stats.curr);
  stats.max = NumberAfter(line, "max=").value_or(stats.curr);
  stats.avg = NumberAfter(line, "avg=").value_or(stats.curr);
  stats.std = NumberAfter(line, "std=").value_or(0);
  return stats;
}

}  // namespace

Result<BenchOutput> ParseBenchOutput(std::string_view text) {
  BenchOutput out;
  bool have_session = false, have_timings = false, have_memory = false;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    if (auto ms = NumberAfter(line, "Initialized session in ")) {
      out.init_session_ms = *ms;
      have_session = true;
    } else if (line.find("Inference timings in us:") != std::string::npos) {
      const auto init = NumberAfter(line, "Init: ");
      const auto first = NumberAfter(line, "First inference: ");
      const auto warmup = NumberAfter(line, "Warmup (avg): ");
      const auto avg = NumberAfter(line, "Inference (avg): ");
      if (!init || !first || !warmup || !avg) {
        return Errorf("cannot read the 'Inference timings in us:' line: {}", line);
      }
      out.init_us = *init;
      out.first_inference_us = *first;
      out.warmup_avg_us = *warmup;
      out.inference_avg_us = *avg;
      have_timings = true;
    } else if (line.find("Memory footprint delta from the start of the tool (MB):") != std::string::npos ||
               (!have_memory && line.find("Peak memory footprint (MB):") != std::string::npos)) {
      const auto init = NumberAfter(line, "init=");
      const auto overall = NumberAfter(line, "overall=");
      if (!init || !overall) return Errorf("cannot read the memory footprint line: {}", line);
      out.memory_init_mb = *init;
      out.memory_overall_mb = *overall;
      have_memory = true;
    } else if (auto backend = TextAfter(line, "Float backend: ")) {
      out.float_backend = *backend;
    } else if (auto kernels = TextAfter(line, "Kernels (ops per implementation): ")) {
      out.kernels = *kernels;
    } else if (auto loop = ParseLoopLine(line)) {
      if (!out.warmup_loop) {
        out.warmup_loop = loop;
      } else if (!out.regular_loop) {
        out.regular_loop = loop;
      }
    }
  }
  if (!have_session) return Errorf("no 'Initialized session in' line in the benchmark output");
  if (!have_timings) return Errorf("no 'Inference timings in us:' line in the benchmark output");
  if (!have_memory) return Errorf("no 'Memory footprint delta from the start of the tool (MB):' line in the benchmark output");
  return out;
}

namespace {

nlohmann::json LoopToJson(const std::optional<LoopStats>& loop) {
  if (!loop) return nullptr;
  return {{"count", loop->count}, {"first", loop->first}, {"curr", loop->curr}, {"min", loop->min},
          {"max", loop->max},     {"avg", loop->avg},     {"std", loop->std}};
}

std::optional<LoopStats> LoopFromJson(const nlohmann::json& json) {
  if (json.is_null()) return std::nullopt;
  LoopStats s;
  s.count = json.at("count").get<int64_t>();
  s.first = json.at("first").get<double>();
  s.curr = json.at("curr").get<double>();
  s.min = json.at("min").get<double>();
  s.max = json.at("max").get<double>();
  s.avg = json.at("avg").get<double>();
  s.std = json.at("std").get<double>();
  return s;
}

}  // namespace

nlohmann::json BenchOutputToJson(const BenchOutput& o) {
  return {{"init_session_ms", o.init_session_ms},
          {"init_us", o.init_us},
          {"first_inference_us", o.first_inference_us},
          {"warmup_avg_us", o.warmup_avg_us},
          {"inference_avg_us", o.inference_avg_us},
          {"memory_init_mb", o.memory_init_mb},
          {"memory_overall_mb", o.memory_overall_mb},
          {"warmup_loop_us", LoopToJson(o.warmup_loop)},
          {"regular_loop_us", LoopToJson(o.regular_loop)},
          {"float_backend", o.float_backend},
          {"kernels", o.kernels}};
}

Result<BenchOutput> BenchOutputFromJson(const nlohmann::json& json) {
  try {
    BenchOutput o;
    o.init_session_ms = json.at("init_session_ms").get<double>();
    o.init_us = json.at("init_us").get<double>();
    o.first_inference_us = json.at("first_inference_us").get<double>();
    o.warmup_avg_us = json.at("warmup_avg_us").get<double>();
    o.inference_avg_us = json.at("inference_avg_us").get<double>();
    o.memory_init_mb = json.at("memory_init_mb").get<double>();
    o.memory_overall_mb = json.at("memory_overall_mb").get<double>();
    o.warmup_loop = LoopFromJson(json.at("warmup_loop_us"));
    o.regular_loop = LoopFromJson(json.at("regular_loop_us"));
    o.float_backend = json.value("float_backend", "");
    o.kernels = json.value("kernels", "");
    return o;
  } catch (const nlohmann::json::exception& e) {
    return Errorf("benchmark figures: {}", e.what());
  }
}

}  // namespace qb::experiment
