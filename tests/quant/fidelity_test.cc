// Fidelity metrics: exact values on known vectors, the top-k definitions, identical and mismatched models,
// and the JSON form.
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "quant/fidelity.h"
#include "quant_test_util.h"

namespace qb {
namespace {

TEST(FidelityTest, MetricsOnKnownVectors) {
  OutputComparison c(6);
  c.Add({1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 7});
  OutputFidelity f = c.Finish();
  EXPECT_DOUBLE_EQ(f.max_abs_error, 1.0);
  EXPECT_DOUBLE_EQ(f.mean_abs_error, 1.0 / 6.0);
  EXPECT_NEAR(f.sqnr_db, 10.0 * std::log10(91.0), 1e-9);
  EXPECT_NEAR(f.cosine, 97.0 / std::sqrt(91.0 * 104.0), 1e-12);
  ASSERT_TRUE(f.top1_agreement && f.top5_agreement);
  EXPECT_EQ(*f.top1_agreement, 1.0);
  EXPECT_EQ(*f.top5_agreement, 1.0);
  EXPECT_EQ(f.rows, 1);
}

TEST(FidelityTest, TopKAgreementPerRow) {
  OutputComparison c(6);
  // Row 1: same argmax. Row 2: B's argmax differs but A's argmax (index 0) is B's second largest.
  // Row 3: A's argmax (index 5) is B's smallest: outside B's top 5.
  c.Add({0, 0, 0, 0, 0, 1, /**/ 9, 1, 2, 3, 4, 5, /**/ 1, 2, 3, 4, 5, 6},
        {0, 0, 0, 0, 0, 1, /**/ 8, 9, 2, 3, 4, 5, /**/ 6, 5, 4, 3, 2, 1});
  OutputFidelity f = c.Finish();
  EXPECT_EQ(f.rows, 3);
  EXPECT_NEAR(*f.top1_agreement, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(*f.top5_agreement, 2.0 / 3.0, 1e-12);
}

TEST(FidelityTest, TopKOnlyForClassificationLikeOutputs) {
  OutputComparison scalar(1);
  scalar.Add({1.0f}, {1.5f});
  EXPECT_FALSE(scalar.Finish().top1_agreement.has_value());
  OutputComparison three(3);
  three.Add({1, 2, 3}, {1, 3, 2});
  OutputFidelity f = three.Finish();
  EXPECT_EQ(*f.top1_agreement, 0.0);
  EXPECT_FALSE(f.top5_agreement.has_value());
}

TEST(FidelityTest, CosineAveragedOverSamplesWithMinimum) {
  OutputComparison c(2);
  c.Add({1, 0}, {1, 0});
  c.Add({1, 0}, {0, 1});
  OutputFidelity f = c.Finish();
  EXPECT_DOUBLE_EQ(f.cosine, 0.5);
  EXPECT_DOUBLE_EQ(f.min_cosine, 0.0);
  OutputComparison zeros(2);
  zeros.Add({0, 0}, {0, 0});
  EXPECT_DOUBLE_EQ(zeros.Finish().cosine, 1.0);
}

TEST(FidelityTest, IdenticalModelsArePerfect) {
  auto g = testing::FullyConnectedGraph(32, 10, 2);
  auto report = CompareModels(g, g, {.samples = 3, .seed = 5});
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_EQ(report->outputs.size(), 1u);
  const OutputFidelity& f = report->outputs[0];
  EXPECT_EQ(report->samples, 3);
  EXPECT_EQ(f.name, "output");
  EXPECT_EQ(f.shape, (Shape{2, 10}));
  EXPECT_EQ(f.max_abs_error, 0.0);
  EXPECT_TRUE(std::isinf(f.sqnr_db) && f.sqnr_db > 0);
  EXPECT_DOUBLE_EQ(f.cosine, 1.0);
  EXPECT_EQ(f.rows, 6);  // 3 samples x batch 2
  EXPECT_EQ(*f.top1_agreement, 1.0);
}

TEST(FidelityTest, DifferentModelsAreMeasured) {
  auto a = testing::FullyConnectedGraph(32, 10);
  auto b = testing::FullyConnectedGraph(32, 10);
  std::vector<float> bias(10, 0.25f);
  b->buffers[b->tensors[2].buffer] = testing::FloatBuffer(bias);
  auto report = CompareModels(a, b, {.samples = 2});
  ASSERT_TRUE(report.ok());
  EXPECT_GT(report->outputs[0].max_abs_error, 0.0);
  EXPECT_LT(report->outputs[0].cosine, 1.0);
  EXPECT_TRUE(std::isfinite(report->outputs[0].sqnr_db));
}

TEST(FidelityTest, MismatchedModelsAreAnError) {
  auto report = CompareModels(testing::FullyConnectedGraph(32, 10), testing::FullyConnectedGraph(32, 11));
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("output 0 has shape [1, 10] in one model and [1, 11]"), std::string::npos)
      << report.status().message();
  auto inputs = CompareModels(testing::FullyConnectedGraph(32, 10), testing::FullyConnectedGraph(33, 10));
  ASSERT_FALSE(inputs.ok());
  EXPECT_NE(inputs.status().message().find("input 0"), std::string::npos) << inputs.status().message();
  auto samples = CompareModels(testing::FullyConnectedGraph(32, 10), testing::FullyConnectedGraph(32, 10), {.samples = 0});
  EXPECT_FALSE(samples.ok());
}

TEST(FidelityTest, JsonReport) {
  auto g = testing::FullyConnectedGraph(32, 10);
  auto report = CompareModels(g, g, {.samples = 2});
  ASSERT_TRUE(report.ok());
  auto j = nlohmann::json::parse(FidelityReportToJson(*report, "a.tflite", "b.tflite"));
  EXPECT_EQ(j["reference"], "a.tflite");
  EXPECT_EQ(j["candidate"], "b.tflite");
  EXPECT_EQ(j["samples"], 2);
  EXPECT_EQ(j["hybrid_input_bits"], KernelConfig{}.HybridInputsAreSevenBit() ? 7 : 8);  // the default kernels
  ASSERT_EQ(j["outputs"].size(), 1u);
  const auto& o = j["outputs"][0];
  EXPECT_TRUE(o["sqnr_db"].is_null());  // identical: infinite SQNR
  EXPECT_EQ(o["cosine"], 1.0);
  EXPECT_EQ(o["top1_agreement"], 1.0);
  EXPECT_EQ(o["shape"], nlohmann::json({1, 10}));
  for (const char* key : {"max_abs_error", "mean_abs_error", "min_cosine", "top5_agreement", "rows", "name"}) {
    EXPECT_TRUE(o.contains(key)) << key;
  }
}

// The report says how the candidate's hybrid ops quantized their inputs (an experiment below VNNI compares
// on the 7-bit oracle, as its benchmarks run).
TEST(FidelityTest, ReportsTheHybridInputWidth) {
  auto g = testing::FullyConnectedGraph(32, 10);
  FidelityOptions options{.samples = 1};
  options.kernels.float_backend = FloatBackend::kReference;
  options.kernels.hybrid_backend = HybridBackend::kReference7Bit;
  auto seven = CompareModels(g, g, options);
  ASSERT_TRUE(seven.ok()) << seven.status().message();
  EXPECT_EQ(seven->hybrid_input_bits, 7);
  EXPECT_EQ(nlohmann::json::parse(FidelityReportToJson(*seven, "a", "b"))["hybrid_input_bits"], 7);
  options.kernels.hybrid_backend = HybridBackend::kReference;
  auto eight = CompareModels(g, g, options);
  ASSERT_TRUE(eight.ok());
  EXPECT_EQ(eight->hybrid_input_bits, 8);
}

}  // namespace
}  // namespace qb
