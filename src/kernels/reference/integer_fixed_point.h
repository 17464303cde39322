// TensorFlow Lite's fixed-point arithmetic for integer kernels: a real multiplier is stored as a Q0.31
// significand and a power-of-two exponent (QuantizeMultiplier), and applied to an int32 accumulator with
// two roundings — a saturating rounding doubling high multiply, then a rounding right shift (the default
// build of TensorFlow Lite, not its TFLITE_SINGLE_ROUNDING variant). Results are bit-exact with it.
#pragma once

#include <cstdint>

namespace qb {

// A real multiplier m = multiplier * 2^(shift - 31), with multiplier in [2^30, 2^31) (or 0).
struct QuantizedMultiplier {
  int32_t multiplier = 0;
  int shift = 0;  // positive = left shift
};

// Decomposes a non-negative real multiplier; multipliers below 2^-32 become 0.
QuantizedMultiplier QuantizeMultiplier(double real_multiplier);

// round(a * b / 2^31) as gemmlowp computes it (a negative tie rounds toward zero); the single overflow
// case, INT32_MIN * INT32_MIN, saturates.
int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b);

// a + b in two's complement, wrapping on overflow as TensorFlow Lite's int32 accumulators do in practice
// (files from the TOCO converter carry biases near INT32_MIN for all-zero channels); defined behaviour.
inline int32_t WrappingAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}

// x / 2^exponent rounded to nearest, ties away from zero; exponent in [0, 31].
int32_t RoundingDivideByPOT(int32_t x, int exponent);

// x * multiplier * 2^(shift - 31) with TensorFlow Lite's double rounding. Where a positive shift
// overflows int32 (undefined in TensorFlow Lite) the exact product is saturated.
int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift);
inline int32_t MultiplyByQuantizedMultiplier(int32_t x, QuantizedMultiplier m) {
  return MultiplyByQuantizedMultiplier(x, m.multiplier, m.shift);
}

}  // namespace qb
