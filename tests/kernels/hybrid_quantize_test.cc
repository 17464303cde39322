// The per-image input quantization shared by the hybrid reference kernels (hybrid_quantize.h).
#include "kernels/reference/hybrid_quantize.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/seeded_input.h"

namespace qb {
namespace {

TEST(HybridQuantizeTest, HandComputed) {
  // lo = -0.51, hi = 2.04: scale = 2.55 / 255 ~ 0.01, zero_point = round(-128 + 51) = -77;
  // q = [-51 - 77, 0 - 77, 12 - 77, 204 - 77 -> 127] = [-128, -77, -65, 127].
  const std::vector<float> x{-0.51f, 0.0f, 0.123f, 2.04f};
  std::vector<int8_t> q(4);
  const QuantizedImage image = QuantizeImageAsymmetric(x.data(), x.size(), q.data());
  EXPECT_EQ(image.scale, (2.04f - -0.51f) / 255.0f);
  EXPECT_EQ(image.zero_point, -77);
  EXPECT_EQ(q, (std::vector<int8_t>{-128, -77, -65, 127}));
}

TEST(HybridQuantizeTest, AllZeroImage) {
  const std::vector<float> x(5, 0.0f);
  std::vector<int8_t> q(5, 9);
  const QuantizedImage image = QuantizeImageAsymmetric(x.data(), x.size(), q.data());
  EXPECT_EQ(image.scale, 1.0f);
  EXPECT_EQ(image.zero_point, 0);
  EXPECT_EQ(q, std::vector<int8_t>(5, 0));
}

TEST(HybridQuantizeTest, PositiveOnlyUsesZeroAsLow) {
  // lo = min(0, 1) = 0, hi = 2.55: zero_point = -128 and 0 maps to -128 exactly.
  const std::vector<float> x{1.0f, 2.55f};
  std::vector<int8_t> q(2);
  const QuantizedImage image = QuantizeImageAsymmetric(x.data(), x.size(), q.data());
  EXPECT_EQ(image.zero_point, -128);
  EXPECT_EQ(q, (std::vector<int8_t>{-28, 127}));
}

TEST(HybridQuantizeTest, NegativeOnlyUsesZeroAsHigh) {
  // hi = 0, lo = -2.55: zero_point = round(-128 + 255) = 127; -1 -> -100 + 127 = 27.
  const std::vector<float> x{-1.0f, -2.55f};
  std::vector<int8_t> q(2);
  const QuantizedImage image = QuantizeImageAsymmetric(x.data(), x.size(), q.data());
  EXPECT_EQ(image.zero_point, 127);
  EXPECT_EQ(q, (std::vector<int8_t>{27, -128}));
}

TEST(HybridQuantizeTest, RoundTripErrorWithinHalfStep) {
  const std::vector<float> x = SeededInput(3).Fill(1000, -3.0, 1.0);
  std::vector<int8_t> q(x.size());
  const QuantizedImage image = QuantizeImageAsymmetric(x.data(), x.size(), q.data());
  for (size_t i = 0; i < x.size(); ++i) {
    const float back = image.scale * static_cast<float>(q[i] - image.zero_point);
    EXPECT_NEAR(back, x[i], image.scale * 0.5f + 1e-6f) << i;
  }
}

TEST(HybridQuantizeTest, SevenBitsHandComputed) {
  // 7 bits: lo = -0.51, hi = 0.76: scale = 1.27 / 127 ~ 0.01, zero_point = round(-64 + 51) = -13;
  // q = [-51 - 13, 0 - 13, 12 - 13, 76 - 13] = [-64, -13, -1, 63].
  const std::vector<float> x{-0.51f, 0.0f, 0.123f, 0.76f};
  std::vector<int8_t> q(4);
  const QuantizedImage image = QuantizeImageAsymmetric(x.data(), x.size(), q.data(), HybridInputBits::k7);
  EXPECT_EQ(image.scale, (0.76f - -0.51f) / 127.0f);
  EXPECT_EQ(image.zero_point, -13);
  EXPECT_EQ(q, (std::vector<int8_t>{-64, -13, -1, 63}));
}

TEST(HybridQuantizeTest, SevenBitsStayInRangeWithHalfStepError) {
  const std::vector<float> x = SeededInput(4).Fill(1000, -1.0, 3.0);
  std::vector<int8_t> q(x.size());
  const QuantizedImage image = QuantizeImageAsymmetric(x.data(), x.size(), q.data(), HybridInputBits::k7);
  for (size_t i = 0; i < x.size(); ++i) {
    ASSERT_GE(q[i], -64);
    ASSERT_LE(q[i], 63);
    const float back = image.scale * static_cast<float>(q[i] - image.zero_point);
    EXPECT_NEAR(back, x[i], image.scale * 0.5f + 1e-6f) << i;
  }
}

TEST(HybridOutputTermsTest, FoldsTheBiasIntoAccumulatorUnits) {
  HybridOutputTerms terms(2);
  const std::vector<float> filter_scales{0.5f, 0.25f};
  const std::vector<float> bias{0.1f, -0.2f};
  const float input_scale = 0.01f;
  terms.Set(input_scale, filter_scales, bias.data());
  EXPECT_TRUE(terms.all_folded());
  for (size_t c = 0; c < 2; ++c) {
    const float s = input_scale * filter_scales[c];
    EXPECT_EQ(terms.scale(c), s);
    EXPECT_EQ(terms.bias_in_accumulator_units(c), bias[c] / s);
    EXPECT_EQ(terms.Apply(801, c), (801.0f + bias[c] / s) * s);
    EXPECT_NEAR(terms.Apply(801, c), 801.0f * s + bias[c], 1e-6f);  // TensorFlow Lite's order, within rounding
  }
}

TEST(HybridOutputTermsTest, WithoutBiasScalesOnly) {
  HybridOutputTerms terms(1);
  terms.Set(0.01f, {0.5f}, nullptr);
  EXPECT_TRUE(terms.all_folded());
  EXPECT_EQ(terms.Apply(-77, 0), -77.0f * (0.01f * 0.5f));
}

TEST(HybridOutputTermsTest, ZeroScaleChannelOutputsItsBias) {
  HybridOutputTerms terms(2);
  const std::vector<float> bias{0.75f, -1.5f};
  terms.Set(0.01f, {0.0f, 0.5f}, bias.data());
  EXPECT_FALSE(terms.all_folded());
  EXPECT_FALSE(terms.folded(0));
  EXPECT_TRUE(terms.folded(1));
  EXPECT_EQ(terms.Apply(1234, 0), 0.75f);
  EXPECT_EQ(terms.unfolded_bias(0), 0.75f);
}

TEST(HybridOutputTermsTest, SubnormalScaleOrHugeQuotientStaysUnfolded) {
  HybridOutputTerms terms(2);
  const std::vector<float> bias{1.0f, 3e38f};
  terms.Set(1e-30f, {1e-10f, 0.5f}, bias.data());  // s = 1e-40 (subnormal); 3e38 / 5e-31 overflows
  EXPECT_FALSE(terms.folded(0));
  EXPECT_FALSE(terms.folded(1));
  EXPECT_EQ(terms.Apply(5, 0), 5.0f * (1e-30f * 1e-10f) + 1.0f);
  EXPECT_EQ(terms.Apply(5, 1), 5.0f * (1e-30f * 0.5f) + 3e38f);
}

}  // namespace
}  // namespace qb
