#include "bench/memory_probe.h"

#include <sys/resource.h>

namespace qb::bench {

std::optional<int64_t> RusageMemoryProbe::PeakRssKb() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return std::nullopt;
  return static_cast<int64_t>(usage.ru_maxrss);
}

}  // namespace qb::bench
