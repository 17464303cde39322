// quantbench's own hybrid kernels (src/kernels/qgemm) against the reference hybrid kernels, bit for bit, at
// every ISA level of the build's architecture the CPU offers (ARM64: neon, neondot — skipped where absent;
// x86-64: avx2), on one thread and on three (the threads share row blocks, or channels, unevenly): odd
// shapes, strides, padding, dilation, depth multipliers, per-tensor and per-channel scales, fused
// activations, full-range INT8 weights (-128 too).
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdlib>
#include <ostream>
#include <string>
#include <vector>

#include "../float_test_util.h"
#include "kernels/qgemm/qgemm_hybrid_kernels.h"

namespace qb::testing {
namespace {

// One level on a number of threads.
struct QGemmRun {
  QGemmIsa level;
  int threads;
};
// gtest prints the run by name ("neondot_3_threads") in test lists and failures.
std::string RunName(const QGemmRun& run) {
  return std::string(QGemmIsaName(run.level)) + "_" + std::to_string(run.threads) +
         (run.threads == 1 ? "_thread" : "_threads");
}
void PrintTo(const QGemmRun& run, std::ostream* os) { *os << RunName(run); }

// The own kernel at level L on `Threads` threads, or an error when the factory does not take the op.
template <QGemmIsa L, int Threads>
Result<std::unique_ptr<OpKernel>> QGemmKernelAt(const Op& op, const KernelIo& io) {
  QB_ASSIGN_OR_RETURN(std::unique_ptr<OpKernel> kernel, CreateQGemmHybridKernel(op, io, L, Threads));
  if (!kernel) return Errorf("no own hybrid kernel for this op");
  return kernel;
}
template <int Threads>
OpHarness::Factory QGemmFactoryOn(QGemmIsa level) {
  switch (level) {
    case QGemmIsa::kNeon: return &QGemmKernelAt<QGemmIsa::kNeon, Threads>;
    case QGemmIsa::kNeonDot: return &QGemmKernelAt<QGemmIsa::kNeonDot, Threads>;
    case QGemmIsa::kAvx2: return &QGemmKernelAt<QGemmIsa::kAvx2, Threads>;
  }
  return nullptr;
}
OpHarness::Factory QGemmFactory(const QGemmRun& run) {
  return run.threads == 1 ? QGemmFactoryOn<1>(run.level) : QGemmFactoryOn<3>(run.level);
}
constexpr int kThreadCounts[] = {1, 3};  // QGemmFactory has a kernel for each

// Seeded INT8 values over the full range [-128, 127].
std::vector<int8_t> RandomInt8(size_t count, uint32_t seed) {
  SeededInput gen(seed);
  std::vector<int8_t> values(count);
  for (auto& v : values) v = static_cast<int8_t>(std::clamp(std::lround(gen.Next(-128.5, 127.5)), -128L, 127L));
  return values;
}

// Seeded floats in [lo, hi).
std::vector<float> RandomFloats(size_t count, float lo, float hi, uint32_t seed) {
  std::vector<float> values = SeededInput(seed).Fill(count);
  for (auto& v : values) v = lo + (v + 1.0f) * 0.5f * (hi - lo);
  return values;
}

std::vector<float> Scales(int32_t channels, bool per_channel, uint32_t seed) {
  if (!per_channel) return {0.0123f};
  std::vector<float> scales = RandomFloats(static_cast<size_t>(channels), 0.001f, 0.05f, seed);
  scales[0] = 0.0f;  // a channel of zeros gets scale 0 from the quantizer
  return scales;
}

int32_t OutputSize(Padding padding, int32_t in, int32_t kernel, int32_t stride, int32_t dilation) {
  const int32_t effective = (kernel - 1) * dilation + 1;
  return padding == Padding::kSame ? (in + stride - 1) / stride : (in - effective + stride) / stride;
}

// Runs `build` twice, once on the reference kernel and once on the own kernel at `level`, and expects
// identical output bits. Returns the own kernel's Implementation().
template <typename Build>
std::string ExpectBitExact(const QGemmRun& level, OpType type, const OpOptions& options, Build build) {
  OpHarness reference(type, options);
  build(reference);
  OpHarness arm(type, options);
  build(arm);
  arm.set_factory(QGemmFactory(level));
  const std::vector<float> expected = RunFloat(reference);
  const std::vector<float> actual = RunFloat(arm);
  EXPECT_EQ(actual.size(), expected.size());
  if (actual.size() != expected.size()) return "";
  size_t mismatches = 0;
  for (size_t i = 0; i < actual.size() && mismatches < 5; ++i) {
    if (std::bit_cast<uint32_t>(actual[i]) != std::bit_cast<uint32_t>(expected[i])) {
      ADD_FAILURE() << "element " << i << ": own " << actual[i] << " vs reference " << expected[i];
      ++mismatches;
    }
  }
  return arm.kernel().Implementation();
}

class QGemmHybridTest : public ::testing::TestWithParam<QGemmRun> {
 public:
  void SetUp() override {
    const QGemmIsa level = GetParam().level;
    if (CapQGemmIsa(level) != level) {
      GTEST_SKIP() << "this CPU has no " << QGemmIsaName(level) << "; best is " << QGemmIsaName(DetectQGemmIsa());
    }
  }
  // GEMM kernels name the microkernel that ran, ending in its level ("..._neon", "..._neondot"): a cap to
  // NEON must be obeyed on a dotprod CPU. (Depthwise has one microkernel per architecture.)
  void ExpectLevel(const std::string& implementation) {
    std::string suffix = "_";
    suffix += QGemmIsaName(GetParam().level);
    EXPECT_TRUE(implementation.ends_with(suffix)) << implementation;
  }
};

struct ConvCase {
  int32_t batch, in_h, in_w, in_c, out_c, kernel_h, kernel_w;
  Conv2DOptions options;
  bool per_channel, bias;
  float lo, hi;  // input range
};

void RunConvCase(const QGemmRun& level, const ConvCase& c, uint32_t seed, QGemmHybridTest& test) {
  SCOPED_TRACE(::testing::Message() << "conv case seed " << seed);
  const auto& o = c.options;
  const int32_t out_h = OutputSize(o.padding, c.in_h, c.kernel_h, o.stride_h, o.dilation_h);
  const int32_t out_w = OutputSize(o.padding, c.in_w, c.kernel_w, o.stride_w, o.dilation_w);
  const auto input = RandomFloats(size_t(c.batch) * c.in_h * c.in_w * c.in_c, c.lo, c.hi, seed);
  const auto weights = RandomInt8(size_t(c.out_c) * c.kernel_h * c.kernel_w * c.in_c, seed + 1);
  const auto scales = Scales(c.out_c, c.per_channel, seed + 2);
  const auto bias = RandomFloats(size_t(c.out_c), -2.0f, 2.0f, seed + 3);
  const std::string implementation = ExpectBitExact(level, OpType::kConv2D, o, [&](OpHarness& h) {
    h.AddInput(DType::kFloat32, {c.batch, c.in_h, c.in_w, c.in_c}, F32(input));
    h.AddConstant(DType::kInt8, {c.out_c, c.kernel_h, c.kernel_w, c.in_c}, Bytes(weights),
                  Quant(scales, std::vector<int64_t>(scales.size(), 0), 0));
    if (c.bias) {
      h.AddConstant(DType::kFloat32, {c.out_c}, F32(bias));
    } else {
      h.AddOmittedInput();
    }
    h.AddOutput(DType::kFloat32, {c.batch, out_h, out_w, c.out_c});
  });
  test.ExpectLevel(implementation);
}

Conv2DOptions Conv(Padding padding, int32_t stride_h, int32_t stride_w, int32_t dilation_h, int32_t dilation_w,
                   Activation activation) {
  return Conv2DOptions{.padding = padding, .stride_w = stride_w, .stride_h = stride_h, .activation = activation,
                       .dilation_w = dilation_w, .dilation_h = dilation_h};
}

TEST_P(QGemmHybridTest, Conv2DMatchesReference) {
  const ConvCase cases[] = {
      {2, 7, 9, 3, 5, 3, 3, Conv(Padding::kSame, 1, 1, 1, 1, Activation::kRelu), true, true, -1, 1},
      {1, 8, 8, 16, 8, 1, 1, Conv(Padding::kSame, 1, 1, 1, 1, Activation::kNone), false, true, -3, 0.5f},  // direct
      {1, 6, 5, 32, 7, 1, 1, Conv(Padding::kValid, 1, 1, 1, 1, Activation::kRelu6), true, false, 0, 4},      // direct
      {1, 9, 7, 5, 6, 1, 1, Conv(Padding::kSame, 2, 2, 1, 1, Activation::kNone), true, true, -1, 1},
      {1, 11, 10, 17, 13, 5, 3, Conv(Padding::kSame, 2, 1, 1, 2, Activation::kReluN1To1), true, true, -0.2f, 1},
      {2, 12, 13, 33, 9, 3, 3, Conv(Padding::kValid, 2, 3, 2, 1, Activation::kRelu6), false, true, -5, 5},
      {1, 10, 10, 64, 20, 3, 3, Conv(Padding::kSame, 1, 1, 1, 1, Activation::kRelu), true, true, -1, 1},
      {1, 3, 4, 1, 1, 2, 2, Conv(Padding::kSame, 1, 1, 1, 1, Activation::kNone), false, false, -1, 1},
      {1, 5, 5, 4, 3, 3, 3, Conv(Padding::kSame, 1, 1, 1, 1, Activation::kNone), true, true, 0, 0},  // all zero
      // Several blocks of tiles (qgemm.h), the last one short, and a partial channel block.
      {1, 12, 11, 16, 10, 1, 1, Conv(Padding::kSame, 1, 1, 1, 1, Activation::kRelu), true, true, -1, 2},
      {1, 13, 12, 8, 6, 3, 3, Conv(Padding::kSame, 1, 1, 1, 1, Activation::kNone), true, true, -2, 1},
      // Two output positions and 40 channels: on three threads, blocks split by channels.
      {1, 1, 2, 9, 40, 1, 1, Conv(Padding::kSame, 1, 1, 1, 1, Activation::kRelu), true, true, -1, 1},
  };
  uint32_t seed = 100;
  for (const ConvCase& c : cases) RunConvCase(GetParam(), c, seed += 10, *this);
}

// Seeded random geometries: sizes, channels (rarely multiples of the 4x4 tile), kernels, strides,
// dilations, padding and activations drawn from a fixed stream.
TEST_P(QGemmHybridTest, Conv2DRandomGeometriesMatchReference) {
  SeededInput gen(77);
  auto pick = [&](int32_t lo, int32_t hi) {
    return std::min(hi, static_cast<int32_t>(std::floor(gen.Next(lo, hi + 1.0))));
  };
  const Activation activations[] = {Activation::kNone, Activation::kRelu, Activation::kReluN1To1, Activation::kRelu6};
  for (uint32_t i = 0; i < 24; ++i) {
    ConvCase c{};
    c.batch = pick(1, 2);
    c.kernel_h = pick(1, 4);
    c.kernel_w = pick(1, 4);
    c.options = Conv(pick(0, 1) == 0 ? Padding::kSame : Padding::kValid, pick(1, 3), pick(1, 3), pick(1, 2),
                     pick(1, 2), activations[pick(0, 3)]);
    c.in_h = (c.kernel_h - 1) * c.options.dilation_h + pick(1, 9);
    c.in_w = (c.kernel_w - 1) * c.options.dilation_w + pick(1, 9);
    c.in_c = pick(1, 40);
    c.out_c = pick(1, 19);
    c.per_channel = pick(0, 1) == 1;
    c.bias = pick(0, 3) != 0;
    c.lo = -static_cast<float>(gen.Next(0.0, 3.0));
    c.hi = static_cast<float>(gen.Next(0.0, 3.0));
    RunConvCase(GetParam(), c, 700 + 10 * i, *this);
  }
}

struct DepthwiseCase {
  int32_t batch, in_h, in_w, in_c, multiplier, kernel_h, kernel_w;
  DepthwiseConv2DOptions options;
  bool per_channel, bias;
};

DepthwiseConv2DOptions Depthwise(Padding padding, int32_t stride_h, int32_t stride_w, int32_t dilation_h,
                                 int32_t dilation_w, Activation activation, int32_t multiplier) {
  return DepthwiseConv2DOptions{.padding = padding, .stride_w = stride_w, .stride_h = stride_h,
                                .depth_multiplier = multiplier, .activation = activation,
                                .dilation_w = dilation_w, .dilation_h = dilation_h};
}

TEST_P(QGemmHybridTest, DepthwiseConv2DMatchesReference) {
  const DepthwiseCase cases[] = {
      {2, 7, 9, 8, 1, 3, 3, Depthwise(Padding::kSame, 1, 1, 1, 1, Activation::kRelu6, 1), true, true},
      {1, 9, 8, 13, 1, 3, 3, Depthwise(Padding::kSame, 2, 2, 1, 1, Activation::kNone, 1), true, true},
      {1, 10, 11, 5, 2, 3, 5, Depthwise(Padding::kValid, 1, 2, 2, 1, Activation::kRelu, 2), false, true},
      {1, 6, 6, 3, 3, 2, 2, Depthwise(Padding::kSame, 1, 1, 1, 1, Activation::kReluN1To1, 3), true, false},
      {1, 14, 14, 32, 1, 3, 3, Depthwise(Padding::kSame, 2, 2, 1, 1, Activation::kRelu6, 1), true, true},
      {1, 4, 4, 1, 1, 3, 3, Depthwise(Padding::kSame, 1, 1, 2, 2, Activation::kNone, 1), false, true},
      // Vector blocks and a remainder for both architectures' channel blocks (8 on NEON, 16 on AVX2).
      {1, 5, 6, 40, 1, 3, 3, Depthwise(Padding::kSame, 1, 1, 1, 1, Activation::kRelu, 1), true, true},
      {1, 6, 5, 9, 2, 3, 3, Depthwise(Padding::kValid, 1, 1, 1, 1, Activation::kNone, 2), true, true},
  };
  uint32_t seed = 300;
  for (const DepthwiseCase& c : cases) {
    SCOPED_TRACE(::testing::Message() << "depthwise case seed " << seed);
    seed += 10;
    const auto& o = c.options;
    const int32_t out_c = c.in_c * c.multiplier;
    const int32_t out_h = OutputSize(o.padding, c.in_h, c.kernel_h, o.stride_h, o.dilation_h);
    const int32_t out_w = OutputSize(o.padding, c.in_w, c.kernel_w, o.stride_w, o.dilation_w);
    const auto input = RandomFloats(size_t(c.batch) * c.in_h * c.in_w * c.in_c, -1.5f, 2.5f, seed);
    const auto weights = RandomInt8(size_t(c.kernel_h) * c.kernel_w * out_c, seed + 1);
    const auto scales = Scales(out_c, c.per_channel, seed + 2);
    const auto bias = RandomFloats(size_t(out_c), -1.0f, 1.0f, seed + 3);
    const std::string implementation = ExpectBitExact(GetParam(), OpType::kDepthwiseConv2D, o, [&](OpHarness& h) {
      h.AddInput(DType::kFloat32, {c.batch, c.in_h, c.in_w, c.in_c}, F32(input));
      h.AddConstant(DType::kInt8, {1, c.kernel_h, c.kernel_w, out_c}, Bytes(weights),
                    Quant(scales, std::vector<int64_t>(scales.size(), 0), 3));
      if (c.bias) {
        h.AddConstant(DType::kFloat32, {out_c}, F32(bias));
      } else {
        h.AddOmittedInput();
      }
      h.AddOutput(DType::kFloat32, {c.batch, out_h, out_w, out_c});
    });
    EXPECT_NE(implementation.find("dwconv"), std::string::npos) << implementation;
  }
}

struct FullyConnectedCase {
  Shape input;
  int32_t channels;
  Activation activation;
  bool keep_num_dims, per_channel, bias;
};

TEST_P(QGemmHybridTest, FullyConnectedMatchesReference) {
  const FullyConnectedCase cases[] = {
      {{1, 100}, 10, Activation::kNone, false, true, true},
      {{3, 17}, 7, Activation::kRelu, false, true, true},
      {{5, 16}, 4, Activation::kRelu6, false, false, true},
      {{2, 3, 15}, 9, Activation::kReluN1To1, true, true, false},
      {{9, 1}, 1, Activation::kNone, false, false, true},
      {{4, 2, 48}, 33, Activation::kRelu, false, true, true},  // rows of 48 from a rank-3 input
      {{70, 24}, 12, Activation::kRelu6, false, true, true},   // several blocks of tiles, the last one short
      {{1, 64}, 70, Activation::kRelu, false, true, true},     // one row: threads split the channels
      {{6, 40}, 37, Activation::kNone, false, true, true},     // two tiles, three threads: rows and channels
  };
  uint32_t seed = 500;
  for (const FullyConnectedCase& c : cases) {
    SCOPED_TRACE(::testing::Message() << "fully connected case seed " << seed);
    seed += 10;
    const int32_t depth = c.input.back();
    const int64_t elements = ElementCount(c.input);
    const int32_t rows = static_cast<int32_t>(elements / depth);
    Shape out_shape{rows, c.channels};
    if (c.keep_num_dims) {
      out_shape = c.input;
      out_shape.back() = c.channels;
    }
    const auto input = RandomFloats(size_t(elements), -2.0f, 1.0f, seed);
    const auto weights = RandomInt8(size_t(c.channels) * depth, seed + 1);
    const auto scales = Scales(c.channels, c.per_channel, seed + 2);
    const auto bias = RandomFloats(size_t(c.channels), -1.0f, 1.0f, seed + 3);
    const FullyConnectedOptions options{.activation = c.activation, .keep_num_dims = c.keep_num_dims,
                                        .asymmetric_quantize_inputs = true};
    const std::string implementation = ExpectBitExact(GetParam(), OpType::kFullyConnected, options, [&](OpHarness& h) {
      h.AddInput(DType::kFloat32, c.input, F32(input));
      h.AddConstant(DType::kInt8, {c.channels, depth}, Bytes(weights),
                    Quant(scales, std::vector<int64_t>(scales.size(), 0), 0));
      if (c.bias) {
        h.AddConstant(DType::kFloat32, {c.channels}, F32(bias));
      } else {
        h.AddOmittedInput();
      }
      h.AddOutput(DType::kFloat32, out_shape);
    });
    ExpectLevel(implementation);
  }
}

TEST_P(QGemmHybridTest, PrepareReportsTheReferenceErrors) {
  OpHarness h(OpType::kConv2D, Conv(Padding::kValid, 1, 1, 1, 1, Activation::kNone));
  h.AddInput(DType::kFloat32, {1, 5, 5, 3}, F32(Iota(75)));
  h.AddConstant(DType::kInt8, {3, 2, 2, 3}, Bytes(RandomInt8(36, 1)), Quant({0.1f}, {0}));
  h.AddOutput(DType::kFloat32, {1, 5, 5, 3});
  h.set_factory(QGemmFactory(GetParam()));
  EXPECT_EQ(PrepareError(h), "output shape [1, 5, 5, 3] does not match the computed [1, 4, 4, 3]");
}

TEST_P(QGemmHybridTest, LeavesFloatAndGroupedOpsToOthers) {
  OpHarness float_conv(OpType::kConv2D, Conv(Padding::kValid, 1, 1, 1, 1, Activation::kNone));
  float_conv.AddInput(DType::kFloat32, {1, 1, 1, 2}, F32({1, 2}));
  float_conv.AddConstant(DType::kFloat32, {1, 1, 1, 2}, F32({1, 1}));
  float_conv.AddOutput(DType::kFloat32, {1, 1, 1, 1});
  float_conv.set_factory(QGemmFactory(GetParam()));
  EXPECT_EQ(PrepareError(float_conv), "no own hybrid kernel for this op");

  OpHarness grouped(OpType::kConv2D, Conv(Padding::kValid, 1, 1, 1, 1, Activation::kNone));
  grouped.AddInput(DType::kFloat32, {1, 1, 1, 4}, F32({1, 2, 3, 4}));
  grouped.AddConstant(DType::kInt8, {2, 1, 1, 2}, Bytes(std::vector<int8_t>{1, 1, 1, -1}), Quant({0.5f}, {0}));
  grouped.AddOutput(DType::kFloat32, {1, 1, 1, 2});
  grouped.set_factory(QGemmFactory(GetParam()));
  EXPECT_EQ(PrepareError(grouped), "no own hybrid kernel for this op");
}

std::vector<QGemmRun> AllRuns() {
  std::vector<QGemmRun> runs;
  for (QGemmIsa level : QGemmIsaLevels()) {
    for (int threads : kThreadCounts) runs.push_back({level, threads});
  }
  return runs;
}
INSTANTIATE_TEST_SUITE_P(Levels, QGemmHybridTest, ::testing::ValuesIn(AllRuns()),
                         [](const auto& info) { return RunName(info.param); });

// Under qemu, scripts/build-arm64.sh sets QB_CPU to the emulated CPU: dotprod must be detected on `max`
// and must not be on `cortex-a72` (the Raspberry Pi 4).
TEST(QGemmIsaTest, DetectsTheEmulatedCpu) {
  const char* cpu = std::getenv("QB_CPU");
  if (cpu == nullptr) GTEST_SKIP() << "QB_CPU is not set (not run by scripts/build-arm64.sh)";
  const std::string name = cpu;
  if (name == "cortex-a72") {
    EXPECT_EQ(DetectQGemmIsa(), QGemmIsa::kNeon);
  } else if (name == "max" || name == "cortex-a76") {
    EXPECT_EQ(DetectQGemmIsa(), QGemmIsa::kNeonDot);
  } else {
    GTEST_SKIP() << "no expectation for QB_CPU=" << name;
  }
  EXPECT_EQ(CapQGemmIsa(QGemmIsa::kNeon), QGemmIsa::kNeon);
}

}  // namespace
}  // namespace qb::testing
