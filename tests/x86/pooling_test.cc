// The x86-64 pooling kernels (kernels/x86/pooling.h, the oneDNN backend's pools) against the reference
// kernels, bit for bit: SAME and VALID windows, windows cut by the border (average divisor), every fused
// activation, channel counts around the AVX2 blocks (8, 32), batches, NaN and infinities, and 1 and 3
// threads.
#include <gtest/gtest.h>
#include <malloc.h>

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
    ExpectBitIdentical(RunFloat(own), expected);
  }
}

const PoolCase kCases[] = {
    {1, 15, 13, 19, 3, 3, 2, Padding::kValid, Activation::kNone},
    {1, 16, 15, 64, 3, 3, 2, Padding::kSame, Activation::kRelu},       // ResNet's pool: 2 blocks of 32
    {2, 9, 11, 41, 3, 3, 1, Padding::kSame, Activation::kRelu6},       // a block, a vector, a tail
    {1, 10, 7, 5, 2, 2, 2, Padding::kValid, Activation::kReluN1To1},   // tail only
    {1, 8, 8, 96, 8, 8, 8, Padding::kValid, Activation::kNone},        // one global window
    {1, 7, 9, 8, 3, 2, 3, Padding::kSame, Activation::kNone},          // uneven window and strides
    {1, 3, 4, 9, 40, 50, 1, Padding::kSame, Activation::kNone},        // a window far larger than the image
};

// Every case twice, plain and with NaN, infinities and -0, seeds counting up from `seed`.
void ExpectEveryCaseSameAsReference(OpType type, uint32_t seed) {
  for (const PoolCase& c : kCases) {
    SCOPED_TRACE(::testing::Message() << "case with seed " << seed);
    ExpectSameAsReference(type, c, seed++, false);
    ExpectSameAsReference(type, c, seed++, true);
  }
}

TEST(X86PoolingTest, MaxPoolMatchesTheReferenceBitForBit) { ExpectEveryCaseSameAsReference(OpType::kMaxPool2D, 10); }

TEST(X86PoolingTest, AveragePoolMatchesTheReferenceBitForBit) {
  ExpectEveryCaseSameAsReference(OpType::kAveragePool2D, 50);
}

// The bytes malloc has handed out (heap and mmap); 0 where a sanitizer replaces malloc.
size_t AllocatedBytes() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

// A SAME window of 2^15 x 2^15 over a 3x4 image (a file's pool has no weights to bound its window): the
// kernel's scratch holds the in-bounds taps only, and it keeps nothing per tap of the window (2^30 of them;
// the fuzzer once found a 2 GB allocation of such offsets).
TEST(X86PoolingTest, ScratchDoesNotGrowWithTheWindowBeyondTheImage) {
  Pool2DOptions options{.padding = Padding::kSame, .stride_w = 1, .stride_h = 1, .filter_w = 1 << 15,
                        .filter_h = 1 << 15};
  const size_t allocated_before = AllocatedBytes();
  OpHarness h(OpType::kMaxPool2D, options);
  h.AddInput(DType::kFloat32, {1, 3, 4, 2}, F32(Iota(24)));
  h.AddOutput(DType::kFloat32, {1, 3, 4, 2});
  h.set_factory(&X86Pool<true, 3>);
  const std::vector<float> out = RunFloat(h);
  EXPECT_LT(AllocatedBytes(), allocated_before + (size_t{1} << 20));
  EXPECT_LE(h.kernel().ScratchBytes(), 3 * 12 * sizeof(const float*));
  ASSERT_EQ(out.size(), 24u);
  EXPECT_EQ(out[0], 22.0f);  // every window covers the whole image
  EXPECT_EQ(out[23], 23.0f);
}

}  // namespace
}  // namespace qb::testing
