#include "bench/bench_clock.h"

#include <chrono>
#include <thread>

#include "core/clock.h"

namespace qb::bench {

int64_t SystemClock::NowMicros() { return qb::NowMicros(); }

void SystemClock::SleepMicros(int64_t micros) {
  if (micros > 0) std::this_thread::sleep_for(std::chrono::microseconds(micros));
}

}  // namespace qb::bench
