// Peak resident set size of this process, the memory figure TensorFlow Lite's benchmark_model reports
// (getrusage's ru_maxrss, KiB on Linux). An interface so tests can script it.
#pragma once

#include <cstdint>
#include <optional>

namespace qb::bench {

class MemoryProbe {
 public:
  virtual ~MemoryProbe() = default;
  // Peak RSS so far in KiB, or nullopt when the platform cannot say.
  virtual std::optional<int64_t> PeakRssKb() = 0;
};

class RusageMemoryProbe : public MemoryProbe {
 public:
  std::optional<int64_t> PeakRssKb() override;
};

}  // namespace qb::bench
