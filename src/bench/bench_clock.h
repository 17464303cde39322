// The time source of the benchmark loops. The runner reads time and sleeps only through it, so tests
// drive the loop termination rules with a fake clock in no real time.
#pragma once

#include <cstdint>

namespace qb::bench {

class BenchClock {
 public:
  virtual ~BenchClock() = default;
  virtual int64_t NowMicros() = 0;
  virtual void SleepMicros(int64_t micros) = 0;
};

// The monotonic system clock (core/clock.h).
class SystemClock : public BenchClock {
 public:
  int64_t NowMicros() override;
  void SleepMicros(int64_t micros) override;
};

}  // namespace qb::bench
