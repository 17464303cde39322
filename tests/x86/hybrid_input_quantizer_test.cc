// The x86-64 hybrid kernels' AVX2 input quantizer against the reference quantizer (hybrid_quantize.h),
// value for value, on 8 and 7 bits, as u8 (oneDNN) and as int8 (the own kernels): rounding ties, values
// far outside the range, infinities, NaN, signed zeros, tiny and huge ranges, all-zero images, lengths
// around its 32-value step, the zero-point padding it writes, and large padded images on several threads.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "kernels/x86/hybrid_input_quantizer.h"
#include "kernels/reference/hybrid_quantize.h"

namespace qb {
namespace {

// Checks one image of `values` (a 1 x n x 1 layout) on both widths.
void ExpectSameAsReference(const std::vector<float>& values) {
  for (HybridInputBits bits : {HybridInputBits::k8, HybridInputBits::k7}) {
    const HybridInputRange range = InputRangeOf(bits);
    std::vector<int8_t> q(values.size());
    const QuantizedImage expected = QuantizeImageAsymmetric(values.data(), values.size(), q.data(), bits);
    std::vector<uint8_t> u(values.size());
    const U8ImageLayout layout{1, static_cast<int32_t>(values.size()), 1};
    const U8Image actual = QuantizeImageToU8(values.data(), layout, bits, u.data());
    EXPECT_EQ(actual.scale, expected.scale);
    EXPECT_EQ(actual.zero_point, expected.zero_point - range.min);
    for (size_t i = 0; i < values.size(); ++i) {
      ASSERT_EQ(int{u[i]}, q[i] - range.min) << "value " << values[i] << " at " << i;
    }
  }
  // The own kernels' signed form: the reference's int8 values themselves, on both widths.
  for (HybridInputBits bits : {HybridInputBits::k8, HybridInputBits::k7}) {
    std::vector<int8_t> expected(values.size()), actual(values.size());
    const QuantizedImage reference = QuantizeImageAsymmetric(values.data(), values.size(), expected.data(), bits);
    const QuantizedImage s8 = QuantizeImageToS8(values.data(), values.size(), actual.data(), bits);
    EXPECT_EQ(s8.scale, reference.scale);
    EXPECT_EQ(s8.zero_point, reference.zero_point);
    for (size_t i = 0; i < values.size(); ++i) {
      ASSERT_EQ(actual[i], expected[i]) << "value " << values[i] << " at " << i;
    }
  }
}

TEST(HybridInputQuantizerTest, MatchesReferenceOnRandomImagesOfEveryTailLength) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-3.0f, 5.0f);
  for (size_t n : {1, 7, 8, 31, 32, 33, 63, 64, 65, 100, 1000}) {
    std::vector<float> values(n);
    for (float& v : values) v = dist(rng);
    ExpectSameAsReference(values);
  }
}

TEST(HybridInputQuantizerTest, MatchesReferenceOnTiesAndSpecialValues) {
  // Range [-1.275, 1.275] * 100 gives scale 1 on 8 bits: k + 0.5 are rounding ties.
  std::vector<float> values = {-127.5f, 127.5f, 0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 0.0f, -0.0f, 3.49999f};
  values.resize(40, 0.25f);
  ExpectSameAsReference(values);
  std::vector<float> special(64, 1.0f);
  special[3] = std::numeric_limits<float>::quiet_NaN();
  special[40] = std::numeric_limits<float>::quiet_NaN();
  special[5] = 1e30f;
  special[45] = -1e30f;
  ExpectSameAsReference(special);
  // +inf only: with -inf the reference's zero point is nearbyint(-inf / inf), undefined.
  std::vector<float> infinite(40, -2.0f);
  infinite[1] = std::numeric_limits<float>::infinity();
  infinite[35] = 3.0f;
  ExpectSameAsReference(infinite);
}

TEST(HybridInputQuantizerTest, MatchesReferenceOnTinyAndHugeRanges) {
  // The quantizer leaves out the float clamp where the scale is a normal number or infinite (the products
  // stay within int32) and keeps it for a zero or subnormal scale. Ranges on both sides of that line (scales
  // ~1e-32, ~1e-39 subnormal, 0), and one whose hi - lo overflows to an infinite scale.
  for (float span : {1e-30f, 1e-37f, 1e-43f, std::numeric_limits<float>::denorm_min()}) {
    std::vector<float> values(70);
    for (size_t i = 0; i < values.size(); ++i) values[i] = span * (static_cast<float>(i % 9) / 4.0f - 1.0f);
    values[3] = std::numeric_limits<float>::quiet_NaN();
    ExpectSameAsReference(values);
  }
  std::vector<float> huge(70, 1.0f);
  huge[0] = 3e38f;
  huge[50] = -3e38f;
  ExpectSameAsReference(huge);
}

TEST(HybridInputQuantizerTest, MatchesReferenceOnEveryTieAndItsNeighbours) {
  // Scale 1 on 8 bits again (the range ends are in the image): every k + 0.5 in the range and the floats
  // just below and above it, where rounding in float and the clamp-then-convert order could part.
  std::vector<float> values = {-127.5f, 127.5f};
  for (int k = -128; k <= 127; ++k) {
    const float tie = static_cast<float>(k) + 0.5f;
    for (float v : {std::nextafter(tie, -1e9f), tie, std::nextafter(tie, 1e9f)}) {
      if (v >= -127.5f && v <= 127.5f) values.push_back(v);
    }
  }
  ExpectSameAsReference(values);
}

TEST(HybridInputQuantizerTest, AllZeroAndOneSignedImages) {
  ExpectSameAsReference(std::vector<float>(70, 0.0f));
  ExpectSameAsReference(std::vector<float>(70, -0.0f));
  ExpectSameAsReference(std::vector<float>(70, 3.0f));
  ExpectSameAsReference(std::vector<float>(70, -3.0f));
}

TEST(HybridInputQuantizerTest, PaddingHoldsTheZeroPoint) {
  const U8ImageLayout layout{2, 3, 5, 1, 2, 2, 1};  // 2x3 image of 5 channels, padded to 5x6
  std::vector<float> x(layout.InputSize());
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i) - 10.0f;
  std::vector<uint8_t> u(layout.PaddedSize(), 0xEE);
  const U8Image image = QuantizeImageToU8(x.data(), layout, HybridInputBits::k8, u.data());
  std::vector<int8_t> q(x.size());
  QuantizeImageAsymmetric(x.data(), x.size(), q.data());
  const int padded_w = 3 + 2 + 1;
  for (int y = 0; y < 5; ++y) {
    for (int px = 0; px < padded_w; ++px) {
      const bool inside = y >= 1 && y < 3 && px >= 2 && px < 5;
      for (int c = 0; c < 5; ++c) {
        const int value = u[(size_t(y) * padded_w + px) * 5 + c];
        const int expected = inside ? q[(size_t(y - 1) * 3 + (px - 2)) * 5 + c] + 128 : image.zero_point;
        ASSERT_EQ(value, expected) << "row " << y << " column " << px << " channel " << c;
      }
    }
  }
}

TEST(HybridInputQuantizerTest, SampledRowsAndColumnsOnlyWithTheWholeImagesParameters) {
  // A 7x8 image of 5 channels, every 2nd row and 3rd column written (4x3 pixels): the values of those
  // pixels, quantized with the scale and zero point of the whole image (its extremes are elsewhere).
  const U8ImageLayout layout{7, 8, 5, 0, 0, 0, 0, 2, 3};
  ASSERT_EQ(layout.SampledHeight(), 4);
  ASSERT_EQ(layout.SampledWidth(), 3);
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> dist(-1.0f, 2.0f);
  std::vector<float> x(layout.InputSize());
  for (float& v : x) v = dist(rng);
  x[5 * 1 + 2] = -4.0f;           // row 0, column 1: not sampled
  x[(8 * 3 + 4) * 5 + 1] = 6.0f;  // row 3: not sampled
  for (HybridInputBits bits : {HybridInputBits::k8, HybridInputBits::k7}) {
    const HybridInputRange range = InputRangeOf(bits);
    std::vector<int8_t> q(x.size());
    const QuantizedImage expected = QuantizeImageAsymmetric(x.data(), x.size(), q.data(), bits);
    std::vector<uint8_t> u(layout.PaddedSize(), 0xEE);
    const U8Image actual = QuantizeImageToU8(x.data(), layout, bits, u.data());
    EXPECT_EQ(actual.scale, expected.scale);
    EXPECT_EQ(actual.zero_point, expected.zero_point - range.min);
    for (int32_t r = 0; r < layout.SampledHeight(); ++r) {
      for (int32_t c = 0; c < layout.SampledWidth(); ++c) {
        for (int32_t k = 0; k < layout.channels; ++k) {
          const size_t from = (size_t(r * layout.row_step) * layout.width + c * layout.column_step) * layout.channels + k;
          ASSERT_EQ(int{u[(size_t(r) * layout.SampledWidth() + c) * layout.channels + k]}, q[from] - range.min)
              << "row " << r << " column " << c << " channel " << k;
        }
      }
    }
  }
}

TEST(HybridInputQuantizerTest, ThreadsShareLargePaddedImagesExactly) {
  const U8ImageLayout layout{37, 41, 64, 1, 1, 2, 1};  // 97 K values: several parts of rows
  std::vector<float> x(layout.InputSize());
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> dist(-2.0f, 6.0f);
  for (float& v : x) v = dist(rng);
  x[1000] = std::numeric_limits<float>::quiet_NaN();
  x[x.size() - 1] = 9.0f;  // the maximum in the last rows only
  std::vector<uint8_t> serial(layout.PaddedSize());
  const U8Image one = QuantizeImageToU8(x.data(), layout, HybridInputBits::k8, serial.data(), 1);
  for (int threads : {2, 3, 7}) {
    std::vector<uint8_t> u(layout.PaddedSize(), 0xEE);
    const U8Image image = QuantizeImageToU8(x.data(), layout, HybridInputBits::k8, u.data(), threads);
    EXPECT_EQ(image.scale, one.scale);
    EXPECT_EQ(image.zero_point, one.zero_point);
    EXPECT_EQ(u, serial) << threads << " threads";
  }
  std::vector<int8_t> expected(x.size()), actual(x.size());
  const QuantizedImage reference = QuantizeImageAsymmetric(x.data(), x.size(), expected.data());
  const QuantizedImage s8 = QuantizeImageToS8(x.data(), x.size(), actual.data(), HybridInputBits::k8, 3);
  EXPECT_EQ(s8.scale, reference.scale);
  EXPECT_EQ(s8.zero_point, reference.zero_point);
  EXPECT_EQ(actual, expected);
}

}  // namespace
}  // namespace qb
