// Residual ADD fusion (runtime/residual_fusion.h, kernels/residual_add.h): which ADDs fuse, and that the
// fused ops compute what the ADDs did — on oneDNN's convolutions (its own post-op; float and hybrid), on
// quantbench's own hybrid convolutions (their output pass) and, through ResidualAddKernel, on every other
// kernel — with the output in the residual's memory where the interpreter shares it.
#include "runtime/residual_fusion.h"

#include <gtest/gtest.h>

#include <memory>

#include "models/graph_builder.h"
#include "quant/dynamic_range_quantizer.h"
#include "runtime/interpreter.h"
#include "runtime/seeded_inputs.h"

namespace qb {
namespace {

using models::ConvSpec;
using models::GraphBuilder;

ConvSpec Spec(const std::string& name, int filters, int kernel, Activation activation) {
  ConvSpec spec;
  spec.name = name;
  spec.filters = filters;
  spec.kernel_h = spec.kernel_w = kernel;
  spec.activation = activation;
  return spec;
}

// Two residual blocks: an identity shortcut (x + conv(conv(x))) and a projection one (conv0(y) +
// conv(y)), both ADDs with RELU, then an ADD whose convolution has an activation (not fusible).
std::shared_ptr<const Graph> ResidualGraph(bool hybrid) {
  GraphBuilder b("residual", 11);
  const int32_t x = b.Input(9, 7, 16);
  int32_t h = b.Conv(x, Spec("block1_1", 16, 3, Activation::kRelu));
  h = b.Conv(h, Spec("block1_2", 16, 1, Activation::kNone));
  const int32_t y = b.Add(x, h, "block1_add", Activation::kRelu);
  const int32_t shortcut = b.Conv(y, Spec("block2_0", 24, 1, Activation::kNone));
  const int32_t z = b.Add(shortcut, b.Conv(y, Spec("block2_1", 24, 3, Activation::kNone)), "block2_add",
                          Activation::kRelu);
  const int32_t out = b.Add(z, b.Conv(z, Spec("block3", 24, 1, Activation::kRelu)), "block3_add", Activation::kNone);
  auto graph = b.Finish(out, 1);
  EXPECT_TRUE(graph.ok()) << graph.status().message();
  if (!hybrid) return std::make_shared<const Graph>(std::move(graph).value());
  auto quantized = QuantizeDynamicRange(*graph, {.min_elements = 1});
  EXPECT_TRUE(quantized.ok()) << quantized.status().message();
  return quantized->graph;
}

size_t Count(const std::vector<Op>& ops, OpType type) {
  size_t n = 0;
  for (const Op& op : ops) n += op.type == type ? 1 : 0;
  return n;
}

std::vector<float> RunOnce(std::shared_ptr<const Graph> graph, const KernelConfig& kernels, bool fuse) {
  auto interpreter = Interpreter::Create(std::move(graph), {.kernels = kernels, .fuse_ops = fuse});
  EXPECT_TRUE(interpreter.ok()) << interpreter.status().message();
  if (!interpreter.ok()) return {};
  EXPECT_TRUE(SetInputs(**interpreter, SeededModelInputs(**interpreter, 5)).ok());
  (*interpreter)->Invoke();
  return (*interpreter)->OutputAsFloats(0);
}

TEST(ResidualFusionTest, FusesAddsAfterConvolutionsWithoutActivation) {
  const auto graph = ResidualGraph(false);
  const std::vector<Op> fused = FuseResidualAdds(*graph, graph->ops, [](const Op&) { return true; });
  EXPECT_EQ(Count(graph->ops, OpType::kAdd), 3u);
  EXPECT_EQ(Count(fused, OpType::kAdd), 1u);  // block3's convolution has its own RELU
  EXPECT_EQ(fused.size(), graph->ops.size() - 2);
  size_t fused_convs = 0;
  for (const Op& op : fused) {
    const auto* options = std::get_if<Conv2DOptions>(&op.options);
    if (options == nullptr || !options->fused_residual_add) continue;
    ++fused_convs;
    EXPECT_EQ(options->activation, Activation::kRelu);
    ASSERT_EQ(op.inputs.size(), 4u);
  }
  EXPECT_EQ(fused_convs, 2u);
  EXPECT_EQ(FuseResidualAdds(*graph, graph->ops, [](const Op&) { return false; }).size(), graph->ops.size());
}

TEST(ResidualFusionTest, SharesTheMemoryOfResidualsThatDieAtTheFusedOp) {
  const auto graph = ResidualGraph(true);
  const std::vector<Op> fused = FuseResidualAdds(*graph, graph->ops, [](const Op&) { return true; });
  std::vector<int32_t> last_reader(graph->tensors.size(), -1);
  for (size_t i = 0; i < fused.size(); ++i) {
    for (int32_t t : fused[i].inputs) {
      if (t >= 0) last_reader[static_cast<size_t>(t)] = static_cast<int32_t>(i);
    }
  }
  // block1's residual is the graph input: not shared; block2's is block2_0's output, read there last.
  const auto pairs = ResidualsToShare(*graph, fused, last_reader);
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_NE(graph->tensors[static_cast<size_t>(pairs[0].first)].name.find("block2_add"), std::string::npos);
  EXPECT_NE(graph->tensors[static_cast<size_t>(pairs[0].second)].name.find("block2_0"), std::string::npos);
  // Read again later, or in a batch of two images: not shared.
  std::vector<int32_t> read_later = last_reader;
  read_later[static_cast<size_t>(pairs[0].second)] = static_cast<int32_t>(fused.size());
  EXPECT_TRUE(ResidualsToShare(*graph, fused, read_later).empty());
  Graph batch_of_two = *graph;
  batch_of_two.tensors[static_cast<size_t>(pairs[0].first)].shape[0] = 2;
  batch_of_two.tensors[static_cast<size_t>(pairs[0].second)].shape[0] = 2;
  EXPECT_TRUE(ResidualsToShare(batch_of_two, fused, last_reader).empty());
}

TEST(ResidualFusionTest, FusesWhereTheKernelAddsTheResidualItself) {
  auto tensor = [](DType type, Shape shape) {
    Tensor t;
    t.type = type;
    t.shape = std::move(shape);
    return t;
  };
  const Tensor input = tensor(DType::kFloat32, {1, 28, 28, 64});
  const Tensor pointwise = tensor(DType::kFloat32, {256, 1, 1, 64});
  const Tensor wide_square = tensor(DType::kFloat32, {64, 3, 3, 64});
  const Tensor hybrid = tensor(DType::kInt8, {256, 1, 1, 64});
  const KernelConfig reference{.float_backend = FloatBackend::kReference, .hybrid_backend = HybridBackend::kReference};
  EXPECT_FALSE(KernelAddsResidual(input, pointwise, reference));
  EXPECT_FALSE(KernelAddsResidual(input, hybrid, reference));
  if (DefaultFloatBackend() != FloatBackend::kOneDnn) GTEST_SKIP() << "oneDNN is not this build's float backend";
  const KernelConfig avx512{.float_backend = FloatBackend::kOneDnn, .isa = IsaLevel::kAvx512Core};
  const KernelConfig avx2{.float_backend = FloatBackend::kOneDnn, .isa = IsaLevel::kAvx2};
  EXPECT_TRUE(KernelAddsResidual(input, pointwise, avx512));
  EXPECT_TRUE(KernelAddsResidual(input, wide_square, avx512));
  EXPECT_TRUE(KernelAddsResidual(input, pointwise, avx2));
  EXPECT_FALSE(KernelAddsResidual(input, wide_square, avx2));  // nChw8c under avx2: a separate ADD
  EXPECT_TRUE(KernelAddsResidual(input, hybrid, avx2));
}

TEST(ResidualFusionTest, FusedGraphComputesTheSameOutputs) {
  // Every op kernel: the graph rewritten with every fusion, run without further rewriting.
  for (bool hybrid : {false, true}) {
    const auto graph = ResidualGraph(hybrid);
    auto rewritten = std::make_shared<Graph>(*graph);
    rewritten->ops = FuseResidualAdds(*graph, graph->ops, [](const Op&) { return true; });
    for (FloatBackend backend : {FloatBackend::kReference, DefaultFloatBackend()}) {
      for (HybridBackend hybrid_backend : BuiltHybridBackends()) {
        SCOPED_TRACE(std::string(FloatBackendName(backend)) + (hybrid ? " hybrid on " : " float, hybrid ") +
                     std::string(HybridBackendName(hybrid_backend)));
        const KernelConfig kernels{.float_backend = backend, .hybrid_backend = hybrid_backend};
        const std::vector<float> unfused = RunOnce(graph, kernels, false);
        ASSERT_FALSE(unfused.empty());
        EXPECT_EQ(RunOnce(rewritten, kernels, false), unfused);
        EXPECT_EQ(RunOnce(graph, kernels, true), unfused);  // the interpreter's own choice of fusions
      }
    }
  }
}

}  // namespace
}  // namespace qb
