#include "hw/hardware_fingerprint.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include "core/build_info.h"

namespace qb::hw {
namespace {

std::string ReadSmallFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Trim(std::string_view s) {
  const auto not_space = [](char c) { return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\0'; };
  auto begin = std::find_if(s.begin(), s.end(), not_space);
  auto end = std::find_if(s.rbegin(), s.rend(), not_space).base();
  return begin < end ? std::string(begin, end) : std::string();
}

double ToDouble(const std::string& s) {
  try {
    return std::stod(s);
  } catch (...) {
    return 0;
  }
}

// ARM's "CPU part" numbers (implementer 0x41) of the cores quantbench is likely to meet.
std::string ArmCoreName(const std::string& part) {
  static const std::pair<const char*, const char*> kParts[] = {
      {"0xd03", "Cortex-A53"}, {"0xd04", "Cortex-A35"}, {"0xd05", "Cortex-A55"}, {"0xd07", "Cortex-A57"},
      {"0xd08", "Cortex-A72"}, {"0xd09", "Cortex-A73"}, {"0xd0a", "Cortex-A75"}, {"0xd0b", "Cortex-A76"},
      {"0xd0c", "Neoverse-N1"}, {"0xd0d", "Cortex-A77"}, {"0xd40", "Neoverse-V1"}, {"0xd41", "Cortex-A78"},
      {"0xd49", "Neoverse-N2"}, {"0xd4f", "Neoverse-V2"}, {"0xd80", "Cortex-A520"}, {"0xd81", "Cortex-A720"}};
  for (const auto& [id, name] : kParts) {
    if (part == id) return std::string("ARM ") + name;
  }
  return "ARM CPU part " + part;
}

std::vector<CacheLevel> ReadCaches() {
  std::vector<CacheLevel> caches;
  for (int index = 0; index < 8; ++index) {
    const std::string dir = "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index) + "/";
    const std::string level = Trim(ReadSmallFile(dir + "level"));
    if (level.empty()) break;
    const std::string type = Trim(ReadSmallFile(dir + "type"));
    std::string name = "L" + level;
    if (type == "Data") name += "d";
    if (type == "Instruction") name += "i";
    caches.push_back({name, Trim(ReadSmallFile(dir + "size"))});
  }
  return caches;
}

std::string OsName() {
  std::istringstream lines(ReadSmallFile("/etc/os-release"));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("PRETTY_NAME=", 0) == 0) {
      std::string value = line.substr(12);
      value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
      return value;
    }
  }
  return "";
}

}  // namespace

CpuinfoSummary ParseCpuinfo(std::string_view text) {
  CpuinfoSummary summary;
  std::set<std::pair<std::string, std::string>> cores;
  std::string physical_id, cpu_part;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = Trim(std::string_view(line).substr(0, colon));
    const std::string value = Trim(std::string_view(line).substr(colon + 1));
    if (key == "processor") {
      ++summary.processors;
    } else if (key == "model name" && summary.model_name.empty()) {
      summary.model_name = value;
    } else if (key == "CPU part" && cpu_part.empty()) {
      cpu_part = value;
    } else if (key == "physical id") {
      physical_id = value;
    } else if (key == "core id") {
      cores.insert({physical_id, value});
    } else if (key == "cpu MHz") {
      summary.max_mhz = std::max(summary.max_mhz, ToDouble(value));
    } else if ((key == "bogomips" || key == "BogoMIPS") && summary.bogomips == 0) {
      summary.bogomips = ToDouble(value);
    }
  }
  if (summary.model_name.empty() && !cpu_part.empty()) summary.model_name = ArmCoreName(cpu_part);
  summary.cores = static_cast<int>(cores.size());
  return summary;
}

HardwareFingerprint CollectFingerprint() {
  HardwareFingerprint fp;
  const CpuinfoSummary cpuinfo = ParseCpuinfo(ReadSmallFile("/proc/cpuinfo"));
  utsname uts{};
  if (::uname(&uts) == 0) {
    fp.architecture = uts.machine;
    fp.kernel = std::string(uts.sysname) + " " + uts.release;
  }
  fp.cpu_name = cpuinfo.model_name.empty() ? "unknown CPU" : cpuinfo.model_name;
  fp.machine = Trim(ReadSmallFile("/proc/device-tree/model"));
  fp.threads = static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN));
  fp.cores = cpuinfo.cores > 0 ? cpuinfo.cores : fp.threads;
  const double max_khz = ToDouble(Trim(ReadSmallFile("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq")));
  fp.max_mhz = max_khz > 0 ? max_khz / 1000.0 : cpuinfo.max_mhz;
  fp.bogomips = cpuinfo.bogomips;
  fp.caches = ReadCaches();
  fp.isa = DetectIsaFeatures();
  fp.os = OsName();
  fp.compiler = kCompiler;
  return fp;
}

}  // namespace qb::hw
