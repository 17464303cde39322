// The x86-64 hybrid depthwise convolution (kernels/x86/hybrid_depthwise_conv2d.h, the oneDNN backend's under
// the avx2 cap) against the reference hybrid kernel at the same input width, bit for bit: seeded random
// geometries (kernels 1x1 to 5x5 with odd and even tap counts, strides and dilations per axis, SAME and
// VALID, channel counts around the 16-channel groups, batches), every fused activation, per-tensor and
// per-channel scales (a channel of scale 0), with and without bias, inputs of mixed sign, non-negative or all
// zero, full-range INT8 weights (-128 too), 8 and 7 bits, on 1 and 3 threads.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "../kernels/float_test_util.h"
#include "kernels/cpu_features.h"
#include "kernels/reference/float_kernels.h"
#include "kernels/x86/hybrid_depthwise_conv2d.h"

namespace qb::testing {
namespace {

HybridInputBits g_bits = HybridInputBits::k8;

Result<std::unique_ptr<OpKernel>> Reference(const Op&, const KernelIo&) {
  return MakeFloatDepthwiseConv2DKernel(g_bits);
}
template <int kThreads>
Result<std::unique_ptr<OpKernel>> Own(const Op&, const KernelIo&) {
  return MakeX86HybridDepthwiseConv2DKernel(g_bits, kThreads);
}

int32_t OutputSize(Padding padding, int32_t in, int32_t kernel, int32_t stride, int32_t dilation) {
  const int32_t effective = (kernel - 1) * dilation + 1;
  return padding == Padding::kSame ? (in + stride - 1) / stride : (in - effective + stride) / stride;
}

TEST(X86HybridDepthwiseTest, RandomGeometriesMatchTheReferenceBitForBit) {
  if (!DetectCpuFeatures().avx2) GTEST_SKIP() << "this CPU has no AVX2";
  SeededInput gen(31);
  auto pick = [&](int32_t lo, int32_t hi) {
    return std::min(hi, static_cast<int32_t>(std::floor(gen.Next(lo, hi + 1.0))));
  };
  const Activation activations[] = {Activation::kNone, Activation::kRelu, Activation::kReluN1To1, Activation::kRelu6};
  for (int32_t i = 0; i < 40; ++i) {
    SCOPED_TRACE(::testing::Message() << "geometry " << i);
    const int32_t batch = pick(1, 2), kernel_h = pick(1, 5), kernel_w = pick(1, 5);
    DepthwiseConv2DOptions o{.padding = pick(0, 1) == 0 ? Padding::kSame : Padding::kValid,
                             .stride_w = pick(1, 3), .stride_h = pick(1, 3), .depth_multiplier = 1,
                             .activation = activations[pick(0, 3)], .dilation_w = pick(1, 2),
                             .dilation_h = pick(1, 2)};
    const int32_t in_h = (kernel_h - 1) * o.dilation_h + pick(1, 9);
    const int32_t in_w = (kernel_w - 1) * o.dilation_w + pick(1, 9);
    const int32_t channels = i < 4 ? 16 * (i + 1) : pick(1, 70);
    const bool per_channel = pick(0, 2) != 0, bias = pick(0, 3) != 0;
    // Mixed signs; every third geometry non-negative (the u8 zero point is 0); every ninth all zero.
    const float lo = i % 3 == 1 || i % 9 == 8 ? 0.0f : -static_cast<float>(gen.Next(0.0, 3.0));
    const float hi = i % 9 == 8 ? 0.0f : static_cast<float>(gen.Next(0.0, 4.0));
    const Shape in{batch, in_h, in_w, channels};
    const Shape out{batch, OutputSize(o.padding, in_h, kernel_h, o.stride_h, o.dilation_h),
                    OutputSize(o.padding, in_w, kernel_w, o.stride_w, o.dilation_w), channels};
    const std::vector<float> input = SeededInput(100 + i).Fill(static_cast<size_t>(ElementCount(in)), lo, hi);
    std::vector<int8_t> weights(static_cast<size_t>(kernel_h) * kernel_w * channels);
    for (int8_t& w : weights) w = static_cast<int8_t>(std::clamp<long>(std::lround(gen.Next(-128.5, 127.5)), -128, 127));
    std::vector<float> scales = per_channel ? SeededInput(200 + i).Fill(static_cast<size_t>(channels), 0.001, 0.05)
                                            : std::vector<float>{0.0123f};
    if (per_channel) scales[0] = 0.0f;
    const std::vector<float> biases = SeededInput(300 + i).Fill(static_cast<size_t>(channels), -2.0, 2.0);
    auto build = [&](OpHarness& h) {
      h.AddInput(DType::kFloat32, in, F32(input));
      h.AddConstant(DType::kInt8, {1, kernel_h, kernel_w, channels}, Bytes(weights),
                    Quant(scales, std::vector<int64_t>(scales.size(), 0), 3));
      if (bias) {
        h.AddConstant(DType::kFloat32, {channels}, F32(biases));
      } else {
        h.AddOmittedInput();
      }
      h.AddOutput(DType::kFloat32, out);
    };
    for (HybridInputBits bits : {HybridInputBits::k8, HybridInputBits::k7}) {
      SCOPED_TRACE(bits == HybridInputBits::k8 ? "8 bits" : "7 bits");
      g_bits = bits;
      OpHarness reference(OpType::kDepthwiseConv2D, o);
      build(reference);
      reference.set_factory(&Reference);
      const std::vector<float> expected = RunFloat(reference);
      for (OpHarness::Factory factory : {&Own<1>, &Own<3>}) {
        OpHarness own(OpType::kDepthwiseConv2D, o);
        build(own);
        own.set_factory(factory);
        ExpectBitIdentical(RunFloat(own), expected);
      }
    }
  }
}

TEST(X86HybridDepthwiseTest, RefusesDepthMultipliersAboveOne) {
  OpHarness h(OpType::kDepthwiseConv2D, DepthwiseConv2DOptions{.padding = Padding::kSame, .depth_multiplier = 2});
  h.AddInput(DType::kFloat32, {1, 4, 4, 3}, F32(std::vector<float>(48, 1.0f)));
  h.AddConstant(DType::kInt8, {1, 3, 3, 6}, Bytes(std::vector<int8_t>(54, 1)), Quant({0.1f}, {0}, 3));
  h.AddOmittedInput();
  h.AddOutput(DType::kFloat32, {1, 4, 4, 6});
  h.set_factory(&Own<1>);
  EXPECT_NE(PrepareError(h).find("depth multiplier 1"), std::string::npos);
}

}  // namespace
}  // namespace qb::testing
