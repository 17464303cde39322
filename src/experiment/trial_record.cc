#include "experiment/trial_record.h"

#include <ctime>

namespace qb::experiment {

nlohmann::json TrialToJson(const TrialRecord& r) {
  nlohmann::json metrics = nlohmann::json::object();
  for (size_t m = 0; m < kMetricCount; ++m) metrics[std::string(MetricName(m))] = r.metrics[m];
  return {{"model", r.model},        {"variant", VariantName(r.variant)}, {"trial", r.trial},
          {"started_at", r.started_at}, {"wall_seconds", r.wall_seconds}, {"metrics", metrics},
          {"bench", BenchOutputToJson(r.bench)}};
}

Result<TrialRecord> TrialFromJson(const nlohmann::json& json) {
  try {
    TrialRecord r;
    r.model = json.at("model").get<std::string>();
    const std::string variant = json.at("variant").get<std::string>();
    if (variant != "float" && variant != "quant") return Errorf("unknown variant '{}'", variant);
    r.variant = variant == "float" ? Variant::kFloat : Variant::kQuant;
    r.trial = json.at("trial").get<int>();
    r.started_at = json.value("started_at", "");
    r.wall_seconds = json.value("wall_seconds", 0.0);
    QB_ASSIGN_OR_RETURN(r.bench, BenchOutputFromJson(json.at("bench")));
    r.metrics = MetricsFromBenchOutput(r.bench);
    return r;
  } catch (const nlohmann::json::exception& e) {
    return Errorf("{}", e.what());
  }
}

std::string UtcTimestampNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace qb::experiment
