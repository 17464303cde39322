// The own kernels' per-image input quantizer (each level's quantize_image: an ISA's exact copy of the
// reference's QuantizeImageAsymmetric, split into parts on several threads for large images) against the
// reference, value for value: images of one part and of many, specials (NaN, infinity, huge values,
// signed zeros) on the parts' edges, all-zero images.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/seeded_input.h"
#include "kernels/qgemm/qgemm_isa.h"
#include "kernels/threading/parallel_quantize.h"

namespace qb::testing {
namespace {

void ExpectSameAsReference(const std::vector<float>& values, const std::string& what) {
  for (HybridInputBits bits : {HybridInputBits::k8, HybridInputBits::k7}) {
    std::vector<int8_t> expected(values.size());
    const QuantizedImage reference = QuantizeImageAsymmetric(values.data(), values.size(), expected.data(), bits);
    for (QGemmIsa level : QGemmIsaLevels()) {
      if (CapQGemmIsa(level) != level) continue;  // not on this CPU
      for (int threads : {1, 2, 3, 8}) {
        SCOPED_TRACE(what + " at " + std::string(QGemmIsaName(level)) + " on " + std::to_string(threads) +
                     " threads, " + (bits == HybridInputBits::k8 ? "8" : "7") + " bits");
        std::vector<int8_t> actual(values.size(), 99);
        const QuantizedImage image =
            MicrokernelsFor(level).quantize_image(values.data(), values.size(), actual.data(), bits, threads);
        EXPECT_EQ(image.scale, reference.scale);
        EXPECT_EQ(image.zero_point, reference.zero_point);
        for (size_t i = 0; i < values.size(); ++i) {
          ASSERT_EQ(actual[i], expected[i]) << "value " << values[i] << " at " << i;
        }
      }
    }
  }
}

std::vector<float> Random(size_t n, uint32_t seed) {
  std::vector<float> values = SeededInput(seed).Fill(n);
  for (float& v : values) v = v * 3.0f + 0.5f;  // [-2.5, 3.5)
  return values;
}

TEST(QGemmQuantizeImageTest, SmallAndLargeImagesMatchTheReference) {
  for (size_t n : {1, 7, 15, 16, 17, 31, 32, 33, 37, 100}) ExpectSameAsReference(Random(n, 1), std::to_string(n) + " values");
  ExpectSameAsReference(Random(kQuantizeValuesPerPart - 1, 2), "one part less one");
  ExpectSameAsReference(Random(3 * kQuantizeValuesPerPart + 17, 3), "three parts and a tail");
}

TEST(QGemmQuantizeImageTest, SpecialValuesOnThePartEdgesMatchTheReference) {
  const size_t n = 4 * kQuantizeValuesPerPart + 5;
  std::vector<float> values = Random(n, 4);
  for (int32_t parts : {2, 3, 4}) {
    for (int32_t p = 1; p < parts; ++p) {
      const size_t edge = EvenShare(n, p, parts).begin;
      values[edge - 1] = std::numeric_limits<float>::quiet_NaN();
      values[edge] = -0.0f;
    }
  }
  values[n - 1] = 1e30f;  // the maximum sits in the last part only
  values[0] = std::numeric_limits<float>::quiet_NaN();
  ExpectSameAsReference(values, "specials");
  values[7] = std::numeric_limits<float>::infinity();
  ExpectSameAsReference(values, "with +inf");
}

TEST(QGemmQuantizeImageTest, TiesAndOutOfRangeValuesMatchTheReference) {
  // [-127.5, 127.5] gives scale 1: k + 0.5 are rounding ties (to even).
  std::vector<float> ties = {-127.5f, 127.5f, 0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 0.0f, -0.0f, 3.49999f, -2.5f, 126.5f};
  ties.resize(40, 0.25f);
  ExpectSameAsReference(ties, "ties");
  std::vector<float> huge(48, 1.0f);
  huge[3] = 1e30f;
  huge[20] = -1e30f;
  huge[33] = std::numeric_limits<float>::quiet_NaN();
  ExpectSameAsReference(huge, "huge");
}

TEST(QGemmQuantizeImageTest, AllZeroImagesMatchTheReference) {
  ExpectSameAsReference(std::vector<float>(3 * kQuantizeValuesPerPart, 0.0f), "zeros");
  ExpectSameAsReference(std::vector<float>(3 * kQuantizeValuesPerPart, -0.0f), "negative zeros");
}

}  // namespace
}  // namespace qb::testing
