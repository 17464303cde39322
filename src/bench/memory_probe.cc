#include "bench/memory_probe.h"

#include <sys/resource.h>

#include <cstdio>
#include <cstring>

namespace qb::bench {
namespace {

// "VmHWM:   123456 kB" from /proc/self/status: the peak RSS of this process's own address space.
std::optional<int64_t> ProcStatusPeakKb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return std::nullopt;
  std::optional<int64_t> kb;
  char line[256];
  while (std::fgets(line, sizeof line, f)) {
    long long value = 0;
    if (std::strncmp(line, "VmHWM:", 6) == 0 && std::sscanf(line + 6, "%lld", &value) == 1) {
      kb = value;
      break;
    }
  }
  std::fclose(f);
  return kb;
}

}  // namespace

std::optional<int64_t> PeakRssMemoryProbe::PeakRssKb() {
  if (auto kb = ProcStatusPeakKb()) return kb;
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return std::nullopt;
  return static_cast<int64_t>(usage.ru_maxrss);
}

}  // namespace qb::bench
