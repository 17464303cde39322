#include "hw/fingerprint_format.h"

#include <fmt/format.h>

#include "core/text.h"

namespace qb::hw {

nlohmann::json FingerprintToJson(const HardwareFingerprint& fp) {
  nlohmann::json caches = nlohmann::json::object();
  for (const CacheLevel& c : fp.caches) caches[c.name] = c.size;
  nlohmann::json features = nlohmann::json::object();
  for (const auto& [name, present] : FeatureList(fp.isa)) features[name] = present;
  return {{"cpu_name", fp.cpu_name}, {"machine", fp.machine},   {"architecture", fp.architecture},
          {"cores", fp.cores},       {"threads", fp.threads},   {"max_mhz", fp.max_mhz},
          {"bogomips", fp.bogomips}, {"caches", caches},        {"isa_features", features},
          {"isa_levels", AvailableIsaLevels(fp.isa)},           {"os", fp.os},
          {"kernel", fp.kernel},     {"compiler", fp.compiler}};
}

Result<HardwareFingerprint> FingerprintFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Errorf("hardware: not a JSON object");
  for (const char* field : {"cpu_name", "architecture", "cores", "threads", "isa_features"}) {
    if (!json.contains(field)) return Errorf("hardware: the field '{}' is missing", field);
  }
  try {
    HardwareFingerprint fp;
    fp.cpu_name = json.at("cpu_name").get<std::string>();
    fp.machine = json.value("machine", "");
    fp.architecture = json.at("architecture").get<std::string>();
    fp.cores = json.at("cores").get<int>();
    fp.threads = json.at("threads").get<int>();
    fp.max_mhz = json.value("max_mhz", 0.0);
    fp.bogomips = json.value("bogomips", 0.0);
    const nlohmann::json caches = json.value("caches", nlohmann::json::object());
    for (const auto& [name, size] : caches.items()) {
      fp.caches.push_back({name, size.get<std::string>()});
    }
    std::vector<std::string> present;
    for (const auto& [name, on] : json.at("isa_features").items()) {
      if (on.get<bool>()) present.push_back(name);
    }
    fp.isa = FeaturesFromNames(present);
    fp.os = json.value("os", "");
    fp.kernel = json.value("kernel", "");
    fp.compiler = json.value("compiler", "");
    return fp;
  } catch (const nlohmann::json::exception& e) {
    return Errorf("hardware: {}", e.what());
  }
}

std::string PresentFeatures(const IsaFeatures& isa) {
  std::string list;
  for (const auto& [name, present] : FeatureList(isa)) {
    if (present) AppendListItem(list, name);
  }
  return list.empty() ? "none" : list;
}

std::vector<std::pair<std::string, std::string>> FingerprintRows(const HardwareFingerprint& fp) {
  std::vector<std::pair<std::string, std::string>> rows;
  rows.emplace_back("CPU", fp.cpu_name);
  if (!fp.machine.empty()) rows.emplace_back("Machine", fp.machine);
  rows.emplace_back("Architecture", fp.architecture);
  rows.emplace_back("Cores / threads", fmt::format("{} / {}", fp.cores, fp.threads));
  rows.emplace_back("Max clock", fp.max_mhz > 0 ? fmt::format("{:.0f} MHz", fp.max_mhz) : "unknown");
  rows.emplace_back("BogoMIPS", fp.bogomips > 0 ? fmt::format("{:.2f}", fp.bogomips) : "unknown");
  std::string caches;
  for (const CacheLevel& c : fp.caches) AppendListItem(caches, c.name + " " + c.size);
  rows.emplace_back("Caches", caches.empty() ? "unknown" : caches);
  rows.emplace_back("Deep-learning ISA features", PresentFeatures(fp.isa));
  std::string levels;
  for (const std::string& l : AvailableIsaLevels(fp.isa)) AppendListItem(levels, l);
  rows.emplace_back("--isa levels", levels.empty() ? "none" : levels);
  rows.emplace_back("OS", fp.os.empty() ? "unknown" : fp.os);
  rows.emplace_back("Kernel", fp.kernel);
  rows.emplace_back("Compiler", fp.compiler);
  return rows;
}

}  // namespace qb::hw
