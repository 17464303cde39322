#include "experiment/results_json.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/build_info.h"
#include "core/text.h"
#include "experiment/kernel_path.h"
#include "hw/fingerprint_format.h"

namespace qb::experiment {
namespace {

constexpr const char* kSchema = "quantbench-results";
constexpr int kSchemaVersion = 1;

nlohmann::json ModelToJson(const PreparedModel& m) {
  nlohmann::json fidelity = nullptr;
  if (m.fidelity) fidelity = nlohmann::json::parse(FidelityReportToJson(*m.fidelity, m.float_path, m.quant_path));
  return {{"name", m.name},
          {"float_file", m.float_path},
          {"quant_file", m.quant_path},
          {"float_bytes", m.float_bytes},
          {"quant_bytes", m.quant_bytes},
          {"float_kernels", m.float_kernels},
          {"quant_kernels", m.quant_kernels},
          {"fidelity", fidelity}};
}

nlohmann::json RowToJson(const RowResult& row) {
  nlohmann::json mean = nlohmann::json::object(), sd = nlohmann::json::object();
  for (size_t m = 0; m < kMetricCount; ++m) {
    mean[std::string(MetricName(m))] = row.stats[m].mean;
    sd[std::string(MetricName(m))] = row.stats[m].sd;
  }
  return {{"row", row.name()}, {"model", row.model}, {"variant", VariantName(row.variant)},
          {"n", row.stats[0].n}, {"mean", mean}, {"sd", sd}};
}

std::string KernelPathOf(const ExperimentResults& r) {
  std::vector<std::string> float_lists, quant_lists;
  for (const PreparedModel& m : r.models) {
    float_lists.push_back(m.float_kernels);
    quant_lists.push_back(m.quant_kernels);
  }
  return KernelPath(float_lists, quant_lists);
}

std::optional<double> OptionalNumber(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object.at(key).is_number()) return std::nullopt;
  return object.at(key).get<double>();
}

ModelFacts FactsFromJson(const nlohmann::json& j) {
  ModelFacts f;
  f.name = j.at("name").get<std::string>();
  f.float_bytes = j.value("float_bytes", uint64_t{0});
  f.quant_bytes = j.value("quant_bytes", uint64_t{0});
  f.float_kernels = j.value("float_kernels", "");
  f.quant_kernels = j.value("quant_kernels", "");
  const nlohmann::json& fidelity = j.contains("fidelity") ? j.at("fidelity") : nlohmann::json();
  if (fidelity.is_object() && fidelity.contains("outputs") && !fidelity.at("outputs").empty()) {
    const nlohmann::json& out = fidelity.at("outputs").at(0);
    f.top1 = OptionalNumber(out, "top1_agreement");
    f.sqnr_db = OptionalNumber(out, "sqnr_db");
    f.cosine = OptionalNumber(out, "cosine");
    f.hybrid_input_bits = fidelity.value("hybrid_input_bits", 8);
  }
  return f;
}

Result<RowResult> RowFromJson(const nlohmann::json& j) {
  RowResult row;
  row.model = j.at("model").get<std::string>();
  const std::string variant = j.at("variant").get<std::string>();
  if (variant != "float" && variant != "quant") return Errorf("summary: unknown variant '{}'", variant);
  row.variant = variant == "float" ? Variant::kFloat : Variant::kQuant;
  const int n = j.at("n").get<int>();
  for (size_t m = 0; m < kMetricCount; ++m) {
    const std::string name(MetricName(m));
    row.stats[m] = {j.at("mean").at(name).get<double>(), j.at("sd").at(name).get<double>(), n};
  }
  return row;
}

}  // namespace

nlohmann::json ResultsToJson(const ExperimentResults& r) {
  const bench::BenchParams& b = r.spec.bench;
  nlohmann::json models = nlohmann::json::array(), summary = nlohmann::json::array(), trials = nlohmann::json::array();
  for (const PreparedModel& m : r.models) models.push_back(ModelToJson(m));
  for (const RowResult& row : AggregateRows(r)) summary.push_back(RowToJson(row));
  for (const TrialRecord& t : r.trials) trials.push_back(TrialToJson(t));
  return {{"schema", kSchema},
          {"schema_version", kSchemaVersion},
          {"label", r.spec.label.empty() ? r.hardware.cpu_name : r.spec.label},
          {"tool", {{"name", "quantbench"}, {"version", kToolVersion}, {"git_commit", kGitCommit}, {"compiler", kCompiler}}},
          {"hardware", hw::FingerprintToJson(r.hardware)},
          {"settings",
           {{"models", r.spec.models},
            {"trials", r.spec.trials},
            {"threads", b.num_threads},
            {"isa", r.spec.isa},
            {"hybrid_backend", b.kernels.hybrid_backend},
            {"num_runs", b.num_runs},
            {"min_secs", b.min_secs},
            {"max_secs", b.max_secs},
            {"warmup_runs", b.warmup_runs},
            {"warmup_min_secs", b.warmup_min_secs},
            {"run_delay", b.run_delay},
            {"bench_tool", r.spec.bench_tool.empty() ? "quantbench bench" : r.spec.bench_tool},
            {"seed", r.spec.seed},
            {"fidelity_samples", r.spec.fidelity_samples}}},
          {"kernel_path", KernelPathOf(r)},
          {"started_at", r.started_at},
          {"finished_at", r.finished_at},
          {"models", models},
          {"summary", summary},
          {"trials", trials}};
}

const RowResult* ExperimentSummary::Find(const std::string& model, Variant variant) const {
  for (const RowResult& row : rows) {
    if (row.model == model && row.variant == variant) return &row;
  }
  return nullptr;
}

Result<ExperimentSummary> SummaryFromJson(const nlohmann::json& json) {
  if (!json.is_object() || json.value("schema", "") != kSchema) {
    return Errorf("not a quantbench results file (no \"schema\": \"{}\")", kSchema);
  }
  if (json.value("schema_version", 0) != kSchemaVersion) {
    return Errorf("results schema version {} is not supported (this quantbench reads version {})",
                  json.value("schema_version", 0), kSchemaVersion);
  }
  try {
    ExperimentSummary s;
    QB_ASSIGN_OR_RETURN(s.hardware, hw::FingerprintFromJson(json.at("hardware")));
    s.label = json.value("label", s.hardware.cpu_name);
    const nlohmann::json& settings = json.at("settings");
    s.threads = settings.at("threads").get<int>();
    s.trials = settings.at("trials").get<int>();
    s.isa = settings.value("isa", "");
    s.models = settings.at("models").get<std::vector<std::string>>();
    s.tool_version = json.at("tool").value("version", "");
    s.git_commit = json.at("tool").value("git_commit", "");
    s.kernel_path = json.value("kernel_path", "");
    s.started_at = json.value("started_at", "");
    s.finished_at = json.value("finished_at", "");
    for (const nlohmann::json& m : json.at("models")) s.facts.push_back(FactsFromJson(m));
    for (const nlohmann::json& row : json.at("summary")) {
      QB_ASSIGN_OR_RETURN(RowResult parsed, RowFromJson(row));
      s.rows.push_back(parsed);
    }
    if (s.rows.empty()) return Errorf("the results hold no measured model");
    return s;
  } catch (const nlohmann::json::exception& e) {
    return Errorf("malformed results: {}", e.what());
  }
}

Result<ExperimentSummary> LoadSummary(const std::string& dir) {
  const std::string path = (std::filesystem::path(dir) / kResultsFileName).string();
  std::ifstream in(path);
  if (!in) return Errorf("{}: no {} (not a quantbench results folder, or the run has not finished)", dir, kResultsFileName);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Errorf("{}: corrupt (not valid JSON)", path);
  auto summary = SummaryFromJson(json);
  if (!summary.ok()) return summary.status().WithContext(path);
  return summary;
}

}  // namespace qb::experiment
