// The generated models keep their outputs under dynamic-range quantization the way trained networks do:
// hybrid execution of the quantized model stays close to the float model (cosine of the softmax outputs
// over seeded inputs), and the top class mostly agrees. This is what the calibrated weight scheme of
// src/models/calibration.h is for; a chaotic random network fails it by far (MobileNet: cosine 0.28).
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "models/model_registry.h"
#include "quant/dynamic_range_quantizer.h"
#include "quant/fidelity.h"
#include "test_models.h"

namespace qb {
namespace {


class GeneratedModelFidelityTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GeneratedModelFidelityTest, QuantizedOutputsStayCloseToFloat) {
  auto built = models::BuildModel(GetParam(), 1);
  ASSERT_TRUE(built.ok()) << built.status().message();
  auto float_graph = std::make_shared<const Graph>(std::move(built->graph));
  auto quantized = QuantizeDynamicRange(*float_graph);
  ASSERT_TRUE(quantized.ok()) << quantized.status().message();
  auto report = CompareModels(float_graph, quantized->graph, {.samples = 3, .seed = 11});
  ASSERT_TRUE(report.ok()) << report.status().message();
  const OutputFidelity& f = report->outputs.at(0);
  EXPECT_GE(f.min_cosine, 0.99) << GetParam();
  ASSERT_TRUE(f.top5_agreement.has_value());
  EXPECT_GE(*f.top5_agreement, 0.6) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Generated, GeneratedModelFidelityTest, ::testing::ValuesIn(testing::TestModelNames()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace qb
