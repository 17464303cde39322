// TensorFlow Lite's fixed-point helpers: multiplier decomposition and the double-rounding multiply.
#include "kernels/reference/integer_fixed_point.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/seeded_input.h"

namespace qb {
namespace {

TEST(IntegerFixedPointTest, QuantizeMultiplierKnownValues) {
  // 0.5 = 0.5 * 2^0 -> 2^30, shift 0; 1.0 = 0.5 * 2^1; 0.75 * 2^31 = 1610612736; 0.25 = 0.5 * 2^-1.
  EXPECT_EQ(QuantizeMultiplier(0.5).multiplier, 1 << 30);
  EXPECT_EQ(QuantizeMultiplier(0.5).shift, 0);
  EXPECT_EQ(QuantizeMultiplier(1.0).multiplier, 1 << 30);
  EXPECT_EQ(QuantizeMultiplier(1.0).shift, 1);
  EXPECT_EQ(QuantizeMultiplier(0.75).multiplier, 1610612736);
  EXPECT_EQ(QuantizeMultiplier(0.75).shift, 0);
  EXPECT_EQ(QuantizeMultiplier(0.25).shift, -1);
  EXPECT_EQ(QuantizeMultiplier(3.0).multiplier, 1610612736);
  EXPECT_EQ(QuantizeMultiplier(3.0).shift, 2);
  EXPECT_EQ(QuantizeMultiplier(0.0).multiplier, 0);
}

TEST(IntegerFixedPointTest, QuantizeMultiplierEdgeCases) {
  // A significand that rounds up to 2^31 renormalises: 1 - 2^-40 -> 2^30 with shift 1.
  const QuantizedMultiplier almost_one = QuantizeMultiplier(1.0 - std::ldexp(1.0, -40));
  EXPECT_EQ(almost_one.multiplier, 1 << 30);
  EXPECT_EQ(almost_one.shift, 1);
  // Below 2^-32 every result would be shifted out: TensorFlow Lite returns 0 with shift 0.
  const QuantizedMultiplier tiny = QuantizeMultiplier(1e-12);
  EXPECT_EQ(tiny.multiplier, 0);
  EXPECT_EQ(tiny.shift, 0);
}

TEST(IntegerFixedPointTest, RoundingDivideByPotRoundsHalfAwayFromZero) {
  EXPECT_EQ(RoundingDivideByPOT(5, 1), 3);    // 2.5 -> 3
  EXPECT_EQ(RoundingDivideByPOT(-5, 1), -3);  // -2.5 -> -3
  EXPECT_EQ(RoundingDivideByPOT(-6, 2), -2);  // -1.5 -> -2
  EXPECT_EQ(RoundingDivideByPOT(-5, 2), -1);  // -1.25 -> -1
  EXPECT_EQ(RoundingDivideByPOT(7, 0), 7);
}

TEST(IntegerFixedPointTest, SaturatingRoundingDoublingHighMul) {
  constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(kMin, kMin), std::numeric_limits<int32_t>::max());
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(1 << 30, 1 << 30), 1 << 29);  // 0.5 * 0.5 in Q31
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(3, 1 << 30), 2);              // 1.5 -> 2
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(-3, 1 << 30), -1);            // gemmlowp: -1.5 -> -1
  EXPECT_EQ(SaturatingRoundingDoublingHighMul(kMin, 1 << 30), kMin / 2);
}

TEST(IntegerFixedPointTest, MultiplyByQuantizedMultiplierKnownValues) {
  const QuantizedMultiplier half = QuantizeMultiplier(0.5);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(3, half), 2);    // 1.5 -> 2
  EXPECT_EQ(MultiplyByQuantizedMultiplier(-3, half), -1);  // shift 0: only the high multiply rounds
  const QuantizedMultiplier quarter = QuantizeMultiplier(0.25);
  // Double rounding: 5 * 0.5 = 2.5 -> 3 in the high multiply, then 3 / 2 = 1.5 -> 2 (not round(1.25) = 1).
  EXPECT_EQ(MultiplyByQuantizedMultiplier(5, quarter), 2);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(9, quarter), 3);  // 4.5 -> 5, then 2.5 -> 3 (real 2.25)
  EXPECT_EQ(MultiplyByQuantizedMultiplier(-6, quarter), -2);  // -3 exact, then the shift: -1.5 -> -2
  EXPECT_EQ(MultiplyByQuantizedMultiplier(3, QuantizeMultiplier(3.0)), 9);  // left shift 2
  EXPECT_EQ(MultiplyByQuantizedMultiplier(-1000, QuantizeMultiplier(1.0)), -1000);
}

TEST(IntegerFixedPointTest, MultiplyByQuantizedMultiplierSaturates) {
  // 2^30 * 2^3 overflows int32 before the high multiply; the exact product 2^32 saturates.
  EXPECT_EQ(MultiplyByQuantizedMultiplier(1 << 30, QuantizeMultiplier(4.0)), std::numeric_limits<int32_t>::max());
  EXPECT_EQ(MultiplyByQuantizedMultiplier(-(1 << 30), QuantizeMultiplier(1.0)), -(1 << 30));
}

TEST(IntegerFixedPointTest, MultiplyByQuantizedMultiplierMatchesRealProduct) {
  SeededInput gen(7);
  for (int i = 0; i < 20000; ++i) {
    const double m = std::ldexp(0.5 + 0.5 * gen.Next(0.0, 1.0), static_cast<int>(gen.Next(-20.0, 4.0)));
    const auto x = static_cast<int32_t>(gen.Next(-1e6, 1e6));
    const double exact = x * m;
    const int32_t got = MultiplyByQuantizedMultiplier(x, QuantizeMultiplier(m));
    ASSERT_LE(std::abs(got - exact), 1.0) << "x " << x << " m " << m;
  }
}

}  // namespace
}  // namespace qb
