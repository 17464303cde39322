// The seeded input generator of the fixtures (../shared/fixtures/README.md): xorshift32, 24-bit
// uniform values in [lo, hi). Same seed, same values, on every machine.
#pragma once

#include <cstdint>
#include <vector>

namespace qb {

class SeededInput {
 public:
  explicit SeededInput(uint32_t seed = 1) : state_(seed == 0 ? 0x9E3779B9u : seed) {}
  float Next(double lo = -1.0, double hi = 1.0) {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    double u = static_cast<double>(state_ >> 8) / 16777216.0;
    return static_cast<float>(lo + (hi - lo) * u);
  }
  std::vector<float> Fill(size_t count, double lo = -1.0, double hi = 1.0) {
    std::vector<float> values(count);
    for (auto& v : values) v = Next(lo, hi);
    return values;
  }

 private:
  uint32_t state_;
};

}  // namespace qb
