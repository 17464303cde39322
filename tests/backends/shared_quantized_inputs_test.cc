// Shared quantized inputs (runtime/shared_quantized_inputs.h, kernels/shared_quantized_input.h): which hybrid
// ops share one quantization of their input, and that sharing changes no output — on every hybrid backend
// built, under this process's ISA cap (backend_test_util.h), for one image and for a batch of two.
#include "runtime/shared_quantized_inputs.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "backend_test_util.h"
#include "models/graph_builder.h"
#include "quant/dynamic_range_quantizer.h"
#include "runtime/interpreter.h"
#include "runtime/seeded_inputs.h"

namespace qb {
namespace {

using models::GraphBuilder;

constexpr Activation kRelu = Activation::kRelu;

std::shared_ptr<const Graph> Quantized(GraphBuilder& b, int32_t out, bool batch_of_two) {
  auto graph = b.Finish(out, 1);
  EXPECT_TRUE(graph.ok()) << graph.status().message();
  auto quantized = QuantizeDynamicRange(*graph, {.min_elements = 1});
  EXPECT_TRUE(quantized.ok()) << quantized.status().message();
  auto result = std::make_shared<Graph>(*quantized->graph);
  if (batch_of_two) {
    for (size_t i = 0; i < result->tensors.size(); ++i) {
      Tensor& t = result->tensors[i];
      if (!result->IsConstant(static_cast<int32_t>(i)) && t.shape.size() == 4) t.shape[0] = 2;
    }
  }
  return result;
}

// An Inception block: three 1x1 branches and a padded 3x3 one read the input, a pooled branch reads its
// average; a 3x3 convolution runs between the readers.
std::shared_ptr<const Graph> InceptionBlock(bool batch_of_two) {
  GraphBuilder b("inception", 21);
  const int32_t x = b.Input(10, 9, 24);
  const int32_t a = b.Conv(x, {.name = "branch1x1", .filters = 16, .activation = kRelu});
  const int32_t c = b.Conv(b.Conv(x, {.name = "branch3x3_1", .filters = 12, .activation = kRelu}),
                           {.name = "branch3x3_2", .filters = 16, .kernel_h = 3, .kernel_w = 3, .activation = kRelu});
  const int32_t d =
      b.Conv(x, {.name = "branch3x3direct", .filters = 8, .kernel_h = 3, .kernel_w = 3, .activation = kRelu});
  const int32_t e = b.Conv(x, {.name = "branch1x1_b", .filters = 8, .activation = kRelu});
  const int32_t p = b.Conv(b.AveragePool(x, "pool", 3, 1, Padding::kSame),
                           {.name = "branch_pool", .filters = 8, .activation = kRelu});
  return Quantized(b, b.Concat({a, c, d, e, p}, "mixed"), batch_of_two);
}

// A ResNet stage's first block: the projection shortcut and the first convolution both read the input
// with stride 2; the residual ADD is fused into the last convolution.
std::shared_ptr<const Graph> ProjectionBlock(bool batch_of_two) {
  GraphBuilder b("resnet", 22);
  const int32_t x = b.Input(11, 9, 16);
  const int32_t shortcut = b.Conv(x, {.name = "block1_0", .filters = 24, .stride = 2});
  int32_t h = b.Conv(x, {.name = "block1_1", .filters = 8, .stride = 2, .activation = kRelu});
  h = b.Conv(h, {.name = "block1_2", .filters = 8, .kernel_h = 3, .kernel_w = 3, .activation = kRelu});
  h = b.Conv(h, {.name = "block1_3", .filters = 24});
  return Quantized(b, b.Add(shortcut, h, "block1_add", Activation::kRelu), batch_of_two);
}

struct RunResult {
  std::vector<float> outputs;
  std::vector<SharedQuantizedInput> shared;
};

RunResult RunOnce(std::shared_ptr<const Graph> graph, const KernelConfig& kernels, bool fuse) {
  auto interpreter = Interpreter::Create(std::move(graph), {.kernels = kernels, .fuse_ops = fuse});
  EXPECT_TRUE(interpreter.ok()) << interpreter.status().message();
  if (!interpreter.ok()) return {};
  // Twice, with other inputs first: the second inference quantizes into the shared memory again.
  for (uint32_t seed : {8, 7}) {
    EXPECT_TRUE(SetInputs(**interpreter, SeededModelInputs(**interpreter, seed)).ok());
    (*interpreter)->Invoke();
  }
  return {(*interpreter)->OutputAsFloats(0), (*interpreter)->shared_quantized_inputs()};
}

TEST(SharedQuantizedInputsTest, SharingChangesNoOutput) {
  QB_BACKEND_CONFIG_OR_SKIP(config, DefaultFloatBackend());
  for (bool batch_of_two : {false, true}) {
    for (auto* make : {&InceptionBlock, &ProjectionBlock}) {
      const auto graph = make(batch_of_two);
      SCOPED_TRACE(graph->tensors[static_cast<size_t>(graph->outputs[0])].name);
      for (HybridBackend backend : BuiltHybridBackends()) {
        SCOPED_TRACE(std::string(HybridBackendName(backend)) + (batch_of_two ? ", 2 images" : ", 1 image"));
        KernelConfig kernels = config;
        kernels.hybrid_backend = backend;
        const RunResult alone = RunOnce(graph, kernels, false);
        ASSERT_FALSE(alone.outputs.empty());
        EXPECT_TRUE(alone.shared.empty());
        const RunResult shared = RunOnce(graph, kernels, true);
        ASSERT_EQ(shared.outputs.size(), alone.outputs.size());
        size_t differ = 0;
        for (size_t i = 0; i < alone.outputs.size(); ++i) differ += shared.outputs[i] != alone.outputs[i] ? 1 : 0;
        EXPECT_EQ(differ, 0u) << "of " << alone.outputs.size() << " outputs";
        const bool shares = backend == HybridBackend::kOneDnn || backend == HybridBackend::kQGemm;
        EXPECT_EQ(shared.shared.empty(), !shares);
      }
    }
  }
}

TEST(SharedQuantizedInputsTest, GroupsTheReadersOfOneForm) {
  QB_BACKEND_CONFIG_OR_SKIP(config, DefaultFloatBackend());
  for (HybridBackend backend : BuiltHybridBackends()) {
    if (backend != HybridBackend::kOneDnn && backend != HybridBackend::kQGemm) continue;
    SCOPED_TRACE(std::string(HybridBackendName(backend)));
    KernelConfig kernels = config;
    kernels.hybrid_backend = backend;
    const auto graph = InceptionBlock(false);
    auto interpreter = Interpreter::Create(graph, {.kernels = kernels});
    ASSERT_TRUE(interpreter.ok()) << interpreter.status().message();
    const auto& groups = (*interpreter)->shared_quantized_inputs();
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].tensor, graph->inputs[0]);
    // oneDNN pads the 3x3 convolution's image: a form of its own; the own kernels quantize every image as is.
    EXPECT_EQ(groups[0].ops.size(), backend == HybridBackend::kOneDnn ? 3u : 4u);
    for (size_t k = 1; k < groups[0].ops.size(); ++k) EXPECT_LT(groups[0].ops[k - 1], groups[0].ops[k]);
    EXPECT_GT(groups[0].bytes, 10u * 9u * 24u);

    auto projection = Interpreter::Create(ProjectionBlock(false), {.kernels = kernels});
    ASSERT_TRUE(projection.ok()) << projection.status().message();
    ASSERT_EQ((*projection)->shared_quantized_inputs().size(), 1u);  // the two stride-2 readers
    EXPECT_EQ((*projection)->shared_quantized_inputs()[0].ops.size(), 2u);
  }
}

}  // namespace
}  // namespace qb
