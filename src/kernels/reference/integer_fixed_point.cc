// Fixed-point multiplier helpers; see integer_fixed_point.h.
#include "kernels/reference/integer_fixed_point.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qb {

QuantizedMultiplier QuantizeMultiplier(double real_multiplier) {
  QuantizedMultiplier result;
  if (!(real_multiplier > 0.0) || !std::isfinite(real_multiplier)) return result;  // zero; callers validate scales
  int exponent = 0;
  const double significand = std::frexp(real_multiplier, &exponent);
  auto fixed = static_cast<int64_t>(std::round(significand * static_cast<double>(int64_t{1} << 31)));
  if (fixed == (int64_t{1} << 31)) {
    fixed /= 2;
    ++exponent;
  }
  if (exponent < -31) {
    exponent = 0;
    fixed = 0;
  }
  result.multiplier = static_cast<int32_t>(fixed);
  result.shift = exponent;
  return result;
}

int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == b && a == std::numeric_limits<int32_t>::min()) return std::numeric_limits<int32_t>::max();
  const int64_t product = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int64_t nudge = product >= 0 ? (int64_t{1} << 30) : (1 - (int64_t{1} << 30));
  return static_cast<int32_t>((product + nudge) / (int64_t{1} << 31));
}

int32_t RoundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  const int64_t shifted = static_cast<int64_t>(x) * (int64_t{1} << left_shift);
  if (shifted > std::numeric_limits<int32_t>::max() || shifted < std::numeric_limits<int32_t>::min()) {
    // TensorFlow Lite's int32 left shift overflows here (undefined); return the saturated real product.
    const double exact = std::ldexp(static_cast<double>(x) * multiplier, shift - 31);
    return static_cast<int32_t>(std::clamp<double>(std::round(exact), std::numeric_limits<int32_t>::min(),
                                                   std::numeric_limits<int32_t>::max()));
  }
  return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(static_cast<int32_t>(shifted), multiplier),
                             right_shift);
}

}  // namespace qb
