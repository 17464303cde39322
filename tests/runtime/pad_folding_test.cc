// PAD folding (runtime/pad_folding.h): which PADs fold, and that folding changes no output — float and
// hybrid, on the reference kernels and on this machine's float backend.
#include "runtime/pad_folding.h"

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

ConvSpec Spec(const std::string& name, int filters, int kernel, int stride, Padding padding) {
  ConvSpec spec;
  spec.name = name;
  spec.filters = filters;
  spec.kernel_h = spec.kernel_w = kernel;
  spec.stride = stride;
  spec.padding = padding;
  spec.activation = Activation::kRelu;
  return spec;
}

// Input -> PAD -> VALID stride-2 CONV_2D -> PAD -> VALID DEPTHWISE_CONV_2D -> PAD -> SAME CONV_2D: the
// first two PADs fold, the third does not (its convolution pads by itself).
Graph FoldableGraph() {
  GraphBuilder b("pad_folding", 7);
  int32_t x = b.Input(13, 11, 8);
  x = b.ZeroPad(x, "pad1", 1, 2, 0, 1);
  x = b.Conv(x, Spec("conv1", 40, 3, 2, Padding::kValid));
  x = b.ZeroPad(x, "pad2", 1, 1, 1, 1);
  x = b.DepthwiseConv(x, Spec("dw2", 0, 3, 1, Padding::kValid));
  x = b.ZeroPad(x, "pad3", 1, 0, 1, 0);
  x = b.Conv(x, Spec("conv3", 48, 3, 1, Padding::kSame));
  auto graph = b.Finish(x, 1);
  EXPECT_TRUE(graph.ok()) << graph.status().message();
  return std::move(graph).value();
}

size_t CountPads(const std::vector<Op>& ops) {
  size_t pads = 0;
  for (const Op& op : ops) pads += op.type == OpType::kPad ? 1 : 0;
  return pads;
}

std::vector<float> RunOnce(std::shared_ptr<const Graph> graph, FloatBackend backend, bool fold, size_t* ops = nullptr) {
  auto interpreter = Interpreter::Create(std::move(graph), {.kernels = {.float_backend = backend}, .fuse_ops = fold});
  EXPECT_TRUE(interpreter.ok()) << interpreter.status().message();
  if (!interpreter.ok()) return {};
  EXPECT_TRUE(SetInputs(**interpreter, SeededModelInputs(**interpreter, 3)).ok());
  (*interpreter)->Invoke();
  if (ops != nullptr) *ops = (*interpreter)->num_ops();
  return (*interpreter)->OutputAsFloats(0);
}

TEST(PadFoldingTest, FoldsPadsBeforeValidConvolutionsOnly) {
  const Graph graph = FoldableGraph();
  const std::vector<Op> folded = FoldPadsIntoConvolutions(graph, graph.ops);
  EXPECT_EQ(CountPads(graph.ops), 3u);
  EXPECT_EQ(CountPads(folded), 1u);
  EXPECT_EQ(folded.size(), graph.ops.size() - 2);
  bool conv_seen = false, depthwise_seen = false;
  for (const Op& op : folded) {
    if (op.type == OpType::kConv2D && std::get<Conv2DOptions>(op.options).padding == Padding::kValid) {
      EXPECT_EQ(std::get<Conv2DOptions>(op.options).folded_padding, (FoldedPadding{1, 2, 0, 1}));
      EXPECT_EQ(op.inputs[0], graph.inputs[0]);
      conv_seen = true;
    }
    if (op.type == OpType::kDepthwiseConv2D) {
      EXPECT_EQ(std::get<DepthwiseConv2DOptions>(op.options).folded_padding, (FoldedPadding{1, 1, 1, 1}));
      depthwise_seen = true;
    }
  }
  EXPECT_TRUE(conv_seen && depthwise_seen);
}

TEST(PadFoldingTest, LeavesPadsWithOtherReadersOrOnTheOutput) {
  GraphBuilder b("pad_kept", 7);
  const int32_t x = b.Input(6, 6, 4);
  const int32_t padded = b.ZeroPad(x, "pad", 1, 1, 1, 1);
  const int32_t conv = b.Conv(padded, Spec("conv", 4, 3, 1, Padding::kValid));
  const int32_t skip = b.Conv(padded, Spec("skip", 4, 3, 1, Padding::kValid));
  auto shared = b.Finish(b.Add(conv, skip, "add", Activation::kNone), 1);
  ASSERT_TRUE(shared.ok()) << shared.status().message();
  EXPECT_EQ(CountPads(FoldPadsIntoConvolutions(*shared, shared->ops)), 1u);  // two readers

  GraphBuilder c("pad_output", 7);
  auto output = c.Finish(c.ZeroPad(c.Input(6, 6, 4), "pad", 1, 1, 1, 1), 1);
  ASSERT_TRUE(output.ok()) << output.status().message();
  EXPECT_EQ(CountPads(FoldPadsIntoConvolutions(*output, output->ops)), 1u);  // the graph's output
}

// ResNet's stem: CONV_2D with RELU -> PAD -> VALID MAX_POOL_2D folds; the same without the RELU, or before
// an AVERAGE_POOL_2D (whose divisor would change), does not.
Graph PoolGraph(Activation stem_activation, bool max_pool) {
  GraphBuilder b("pad_pool", 7);
  ConvSpec stem = Spec("stem", 12, 3, 2, Padding::kSame);
  stem.activation = stem_activation;
  int32_t x = b.Conv(b.Input(15, 14, 3), stem);
  x = b.ZeroPad(x, "pool_pad", 1, 1, 1, 1);
  x = max_pool ? b.MaxPool(x, "pool", 3, 2, Padding::kValid) : b.AveragePool(x, "pool", 3, 2, Padding::kValid);
  x = b.Conv(x, Spec("conv", 8, 1, 1, Padding::kSame));
  auto graph = b.Finish(x, 1);
  EXPECT_TRUE(graph.ok()) << graph.status().message();
  return std::move(graph).value();
}

TEST(PadFoldingTest, FoldsPadsBeforeMaxPoolsOverNonNegativeValuesOnly) {
  const Graph foldable = PoolGraph(Activation::kRelu, true);
  const std::vector<Op> folded = FoldPadsIntoConvolutions(foldable, foldable.ops);
  EXPECT_EQ(CountPads(folded), 0u);
  for (const Op& op : folded) {
    if (op.type == OpType::kMaxPool2D) {
      EXPECT_EQ(std::get<Pool2DOptions>(op.options).folded_padding, (FoldedPadding{1, 1, 1, 1}));
    }
  }
  const Graph relu6 = PoolGraph(Activation::kRelu6, true);
  EXPECT_EQ(CountPads(FoldPadsIntoConvolutions(relu6, relu6.ops)), 0u);
  const Graph signed_input = PoolGraph(Activation::kNone, true);
  EXPECT_EQ(CountPads(FoldPadsIntoConvolutions(signed_input, signed_input.ops)), 1u);
  const Graph bounded_signed = PoolGraph(Activation::kReluN1To1, true);
  EXPECT_EQ(CountPads(FoldPadsIntoConvolutions(bounded_signed, bounded_signed.ops)), 1u);
  const Graph average = PoolGraph(Activation::kRelu, false);
  EXPECT_EQ(CountPads(FoldPadsIntoConvolutions(average, average.ops)), 1u);
}

// Runs `graph` and its dynamic-range quantized form with and without folding on every built float backend
// (and its hybrid kernels): the same outputs, with `folded_pads` ops fewer.
void ExpectFoldingChangesNoOutput(Graph graph, size_t folded_pads) {
  auto float_graph = std::make_shared<const Graph>(std::move(graph));
  auto hybrid = QuantizeDynamicRange(*float_graph, {.min_elements = 1});
  ASSERT_TRUE(hybrid.ok()) << hybrid.status().message();
  std::shared_ptr<const Graph> hybrid_graph = hybrid->graph;
  for (const auto& g : {float_graph, hybrid_graph}) {
    for (FloatBackend backend : BuiltFloatBackends()) {
      SCOPED_TRACE(std::string(FloatBackendName(backend)) + (g == hybrid_graph ? " hybrid" : " float"));
      size_t folded_ops = 0, unfolded_ops = 0;
      const std::vector<float> folded = RunOnce(g, backend, true, &folded_ops);
      const std::vector<float> unfolded = RunOnce(g, backend, false, &unfolded_ops);
      EXPECT_EQ(folded_ops + folded_pads, unfolded_ops);
      ASSERT_FALSE(folded.empty());
      EXPECT_EQ(folded, unfolded);
    }
  }
}

TEST(PadFoldingTest, FoldedMaxPoolComputesTheSameOutputs) {
  ExpectFoldingChangesNoOutput(PoolGraph(Activation::kRelu, true), 1);
}

TEST(PadFoldingTest, FoldedGraphComputesTheSameOutputs) { ExpectFoldingChangesNoOutput(FoldableGraph(), 2); }

}  // namespace
}  // namespace qb
