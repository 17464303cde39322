// Whole quantized models on the oneDNN hybrid backend against the reference kernels, under this
// process's ISA cap: the tiny architectures of src/models quantized with QuantizeDynamicRange (every
// CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED made hybrid) and the dynamic-range fixtures of
// ../shared/fixtures (skipped when absent), on seeded inputs.
// The float ops run on the reference in both runs (hybrid_backend=onednn, float_backend=reference): with
// oneDNN's float kernels between the hybrid ops, their last-ulp differences move inputs across rounding
// boundaries of the next op's quantization, and deep models (the MobileNetV2 fixtures) amplify that to
// 30% of the output range — on the reference hybrid kernels just as much, so it says nothing about these.
// The oracle quantizes to the width the backend uses under the cap (8 bits with VNNI or AMX, 7 below:
// HybridBackend::kReference7Bit), and the outputs must be bit for bit identical.
#include <gtest/gtest.h>

#include <memory>

#include "backend_test_util.h"
#include "models/model_registry.h"
#include "quant/dynamic_range_quantizer.h"
#include "runtime/interpreter.h"
#include "runtime/seeded_inputs.h"
#include "test_support.h"
#include "tflite/reader.h"

namespace qb {
namespace {

// Runs `graph` once; `hybrid_ops` counts the ops that ran on the backend's hybrid kernels: oneDNN's, or
// under the 7-bit caps the own GEMM for products of rows (onednn_backend.h).
Result<std::vector<float>> RunOnce(std::shared_ptr<const Graph> graph, const KernelConfig& config,
                                   size_t* hybrid_ops) {
  InterpreterOptions options;
  options.kernels = config;
  QB_ASSIGN_OR_RETURN(auto interpreter, Interpreter::Create(std::move(graph), options));
  QB_RETURN_IF_ERROR(SetInputs(*interpreter, SeededModelInputs(*interpreter)));
  interpreter->Invoke();
  *hybrid_ops = 0;
  for (size_t i = 0; i < interpreter->num_ops(); ++i) {
    const std::string implementation = interpreter->op_implementation(i);
    *hybrid_ops += implementation.find(" hybrid u") != std::string::npos ||
                   (implementation.starts_with("qgemm ") && implementation.ends_with(" 7-bit inputs"));
  }
  return interpreter->OutputAsFloats(0);
}

void ExpectHybridModelMatchesReference(std::shared_ptr<const Graph> graph, const KernelConfig& config) {
  KernelConfig reference_config = config;
  reference_config.hybrid_backend =
      config.HybridInputsAreSevenBit() ? HybridBackend::kReference7Bit : HybridBackend::kReference;
  size_t reference_hybrid_ops = 0, hybrid_ops = 0;
  auto reference = RunOnce(graph, reference_config, &reference_hybrid_ops);
  ASSERT_TRUE(reference.ok()) << reference.status().message();
  auto actual = RunOnce(graph, config, &hybrid_ops);
  ASSERT_TRUE(actual.ok()) << actual.status().message();
  EXPECT_EQ(reference_hybrid_ops, 0u);
  EXPECT_GT(hybrid_ops, 0u) << "no op ran on the hybrid backend";
  EXPECT_TRUE(*actual == *reference) << "not bit for bit identical";
  testing::ExpectCloseToReference(*actual, *reference, 0.0);
}

std::vector<std::string> TinyModelNames() {
  std::vector<std::string> names;
  for (const auto& model : models::AllModels()) {
    if (model.tiny) names.emplace_back(model.name);
  }
  return names;
}

class HybridTinyModelTest : public ::testing::TestWithParam<std::string> {};

TEST_P(HybridTinyModelTest, QuantizedMatchesReference) {
  QB_BACKEND_CONFIG_OR_SKIP(config, FloatBackend::kReference);
  config.hybrid_backend = HybridBackend::kOneDnn;
  auto built = models::BuildModel(GetParam(), 1);
  ASSERT_TRUE(built.ok()) << built.status().message();
  auto quantized = QuantizeDynamicRange(built->graph, DynamicRangeOptions{.min_elements = 1});
  ASSERT_TRUE(quantized.ok()) << quantized.status().message();
  ExpectHybridModelMatchesReference(quantized->graph, config);
}

INSTANTIATE_TEST_SUITE_P(OneDnn, HybridTinyModelTest, ::testing::ValuesIn(TinyModelNames()),
                         [](const auto& info) { return info.param; });

TEST(HybridFixtureTest, DynamicRangeFixturesMatchReference) {
  QB_SKIP_WITHOUT_FIXTURES();
  QB_BACKEND_CONFIG_OR_SKIP(config, FloatBackend::kReference);
  config.hybrid_backend = HybridBackend::kOneDnn;
  int checked = 0;
  for (const testing::FixtureEntry& fixture : testing::ListFixtures()) {
    if (fixture.kind != "dynamic-range") continue;
    SCOPED_TRACE(fixture.name);
    auto graph = ReadTfliteFile(testing::FixturePath(fixture.name));
    ASSERT_TRUE(graph.ok()) << graph.status().message();
    ExpectHybridModelMatchesReference(*graph, config);
    ++checked;
  }
  EXPECT_GT(checked, 0) << "no dynamic-range fixture found";
}

}  // namespace
}  // namespace qb
