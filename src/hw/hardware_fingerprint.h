// The hardware fingerprint every result carries: which CPU, how many cores, how fast, which caches and
// deep-learning instructions, which OS and compiler — enough to tell machines apart in a cross-hardware report.
// Read from /proc/cpuinfo, /sys/devices/system/cpu, uname and /etc/os-release; ISA features from isa_features.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hw/isa_features.h"

namespace qb::hw {

struct CacheLevel {
  std::string name;  // "L1d", "L1i", "L2", "L3"
  std::string size;  // as sysfs writes it, e.g. "48K", "2048K"
};

struct HardwareFingerprint {
  std::string cpu_name;      // "Intel(R) Xeon(R) Platinum 8488C", "ARM Cortex-A76"
  std::string machine;       // board name when known ("Raspberry Pi 5 Model B Rev 1.0"), else ""
  std::string architecture;  // "x86_64", "aarch64"
  int cores = 0;             // physical cores (= threads when the CPU does not say)
  int threads = 0;           // logical CPUs online
  double max_mhz = 0;        // 0 when unknown
  double bogomips = 0;       // 0 when unknown (many ARM kernels print none)
  std::vector<CacheLevel> caches;
  IsaFeatures isa;
  std::string os;        // PRETTY_NAME of /etc/os-release
  std::string kernel;    // uname -sr
  std::string compiler;  // what built quantbench
};

HardwareFingerprint CollectFingerprint();

// What /proc/cpuinfo says, parsed from its text (x86-64 and ARM64 layouts).
struct CpuinfoSummary {
  std::string model_name;  // "model name" (x86), else the ARM "CPU part" named ("ARM Cortex-A76")
  int processors = 0;
  int cores = 0;  // distinct (physical id, core id) pairs; 0 when the file has none
  double max_mhz = 0;
  double bogomips = 0;
};
CpuinfoSummary ParseCpuinfo(std::string_view text);

}  // namespace qb::hw
