// Peak resident set size of this process, the memory figure TensorFlow Lite's benchmark_model reports. It
// reads VmHWM from /proc/self/status rather than getrusage's ru_maxrss (benchmark_model's source): Linux
// carries ru_maxrss across execve, so a benchmark started by a large parent (quantbench experiment, which
// has just generated the models) would start at the parent's peak and report a delta of 0. VmHWM belongs
// to the process's own address space. Falls back to ru_maxrss where /proc is absent. An interface so
// tests can script it.
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

class PeakRssMemoryProbe : public MemoryProbe {
 public:
  std::optional<int64_t> PeakRssKb() override;
};

}  // namespace qb::bench
