// The x86-64 pooling kernels (kernels/x86/pooling.h, the oneDNN backend's pools) against the reference
// kernels, bit for bit: SAME and VALID windows, windows cut by the border (average divisor), every fused
// activation, channel counts around the AVX2 blocks (8, 32), batches, NaN and infinities, and 1 and 3
// threads.
#include <gtest/gtest.h>

#include <bit>
#include <limits>
#include <string>
#include <vector>

#include "../kernels/float_test_util.h"
#include "kernels/x86/pooling.h"

namespace qb::testing {
namespace {

template <bool kMax, int kThreads>
Result<std::unique_ptr<OpKernel>> X86Pool(const Op&, const KernelIo&) {
  return kMax ? MakeX86MaxPool2DKernel(kThreads) : MakeX86AveragePool2DKernel(kThreads);
}

struct PoolCase {
  int32_t batch, height, width, channels, window_h, window_w, stride;
  Padding padding;
  Activation activation;
};

void ExpectSameAsReference(OpType type, const PoolCase& c, uint32_t seed, bool specials) {
  Pool2DOptions options{.padding = c.padding, .stride_w = c.stride, .stride_h = c.stride, .filter_w = c.window_w,
                        .filter_h = c.window_h, .activation = c.activation};
  const Shape in{c.batch, c.height, c.width, c.channels};
  std::vector<float> values = SeededInput(seed).Fill(static_cast<size_t>(ElementCount(in)), -3.0, 3.0);
  if (specials) {
    values[3] = std::numeric_limits<float>::quiet_NaN();
    values[values.size() / 2] = std::numeric_limits<float>::infinity();
    values[values.size() - 2] = -std::numeric_limits<float>::infinity();
    values[7] = -0.0f;
  }
  const auto out_size = [&](int32_t size, int32_t window) {
    return c.padding == Padding::kSame ? (size + c.stride - 1) / c.stride : (size - window + c.stride) / c.stride;
  };
  const Shape out{c.batch, out_size(c.height, c.window_h), out_size(c.width, c.window_w), c.channels};
  auto build = [&](OpHarness& h) {
    h.AddInput(DType::kFloat32, in, F32(values));
    h.AddOutput(DType::kFloat32, out);
  };
  OpHarness reference(type, options);
  build(reference);
  const std::vector<float> expected = RunFloat(reference);
  const bool max = type == OpType::kMaxPool2D;
  const OpHarness::Factory factories[] = {max ? &X86Pool<true, 1> : &X86Pool<false, 1>,
                                          max ? &X86Pool<true, 3> : &X86Pool<false, 3>};
  for (OpHarness::Factory factory : factories) {
    OpHarness own(type, options);
    build(own);
    own.set_factory(factory);
    const std::vector<float> actual = RunFloat(own);
    ASSERT_EQ(actual.size(), expected.size());
    for (size_t i = 0; i < actual.size(); ++i) {
      ASSERT_EQ(std::bit_cast<uint32_t>(actual[i]), std::bit_cast<uint32_t>(expected[i]))
          << "element " << i << ": " << actual[i] << " vs reference " << expected[i];
    }
  }
}

const PoolCase kCases[] = {
    {1, 15, 13, 19, 3, 3, 2, Padding::kValid, Activation::kNone},
    {1, 16, 15, 64, 3, 3, 2, Padding::kSame, Activation::kRelu},       // ResNet's pool: 2 blocks of 32
    {2, 9, 11, 41, 3, 3, 1, Padding::kSame, Activation::kRelu6},       // a block, a vector, a tail
    {1, 10, 7, 5, 2, 2, 2, Padding::kValid, Activation::kReluN1To1},   // tail only
    {1, 8, 8, 96, 8, 8, 8, Padding::kValid, Activation::kNone},        // one global window
    {1, 7, 9, 8, 3, 2, 3, Padding::kSame, Activation::kNone},          // uneven window and strides
};

TEST(X86PoolingTest, MaxPoolMatchesTheReferenceBitForBit) {
  uint32_t seed = 10;
  for (const PoolCase& c : kCases) {
    SCOPED_TRACE(::testing::Message() << "case with seed " << seed);
    ExpectSameAsReference(OpType::kMaxPool2D, c, seed++, false);
    ExpectSameAsReference(OpType::kMaxPool2D, c, seed++, true);
  }
}

TEST(X86PoolingTest, AveragePoolMatchesTheReferenceBitForBit) {
  uint32_t seed = 50;
  for (const PoolCase& c : kCases) {
    SCOPED_TRACE(::testing::Message() << "case with seed " << seed);
    ExpectSameAsReference(OpType::kAveragePool2D, c, seed++, false);
    ExpectSameAsReference(OpType::kAveragePool2D, c, seed++, true);
  }
}

}  // namespace
}  // namespace qb::testing
