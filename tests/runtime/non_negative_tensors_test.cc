// NonNegativeTensors (runtime/non_negative_tensors.h): which tensors the graph alone proves >= 0, and that
// the interpreter hands the flag to the kernels.
#include "runtime/non_negative_tensors.h"

#include <gtest/gtest.h>

#include <memory>

#include "models/graph_builder.h"
#include "runtime/interpreter.h"

namespace qb {
namespace {

using models::ConvSpec;
using models::GraphBuilder;

ConvSpec Spec(const std::string& name, int filters, Activation activation) {
  ConvSpec spec;
  spec.name = name;
  spec.filters = filters;
  spec.kernel_h = spec.kernel_w = 3;
  spec.stride = 1;
  spec.padding = Padding::kSame;
  spec.activation = activation;
  return spec;
}

TEST(NonNegativeTensorsTest, FollowsRelusThroughPoolsConcatenationsAndAdds) {
  GraphBuilder b("non_negative", 7);
  const int32_t input = b.Input(12, 12, 3);
  const int32_t relu = b.Conv(input, Spec("relu", 8, Activation::kRelu));
  const int32_t relu6 = b.Conv(relu, Spec("relu6", 8, Activation::kRelu6));
  const int32_t signed_conv = b.Conv(relu, Spec("signed", 8, Activation::kNone));
  const int32_t bounded = b.Conv(relu, Spec("bounded", 8, Activation::kReluN1To1));
  const int32_t padded = b.ZeroPad(relu6, "pad", 1, 1, 1, 1);
  const int32_t pooled = b.MaxPool(padded, "max", 3, 1, Padding::kValid);
  const int32_t averaged = b.AveragePool(signed_conv, "avg", 3, 1, Padding::kSame);
  const int32_t joined = b.Concat({pooled, relu}, "concat");
  const int32_t mixed = b.Concat({pooled, averaged}, "mixed");
  const int32_t sum = b.Add(relu, relu6, "sum", Activation::kNone);
  const int32_t signed_sum = b.Add(relu, signed_conv, "signed_sum", Activation::kNone);
  const int32_t mean = b.GlobalAveragePool(joined, "mean", false);
  const int32_t flat = b.Concat({b.GlobalAveragePool(mixed, "mean2", false), mean,
                                 b.GlobalAveragePool(sum, "mean3", false),
                                 b.GlobalAveragePool(signed_sum, "mean4", false),
                                 b.GlobalAveragePool(bounded, "mean5", false)},
                                "all");
  auto graph = b.Finish(flat, 1);
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  const std::vector<bool> non_negative = NonNegativeTensors(*graph, graph->ops);
  auto is = [&](int32_t t) { return bool{non_negative[static_cast<size_t>(t)]}; };
  EXPECT_FALSE(is(input));        // a graph input
  EXPECT_TRUE(is(relu));          // fused RELU
  EXPECT_TRUE(is(relu6));         // fused RELU6
  EXPECT_FALSE(is(signed_conv));  // no activation
  EXPECT_FALSE(is(bounded));      // RELU_N1_TO_1 goes down to -1
  EXPECT_TRUE(is(padded));        // zeros around non-negative values
  EXPECT_TRUE(is(pooled));
  EXPECT_FALSE(is(averaged));
  EXPECT_TRUE(is(joined));
  EXPECT_FALSE(is(mixed));  // one input may be negative
  EXPECT_TRUE(is(sum));
  EXPECT_FALSE(is(signed_sum));
  EXPECT_TRUE(is(mean));
  EXPECT_FALSE(is(flat));
}

TEST(NonNegativeTensorsTest, TheInterpreterMarksTheKernelsInputs) {
  GraphBuilder b("marked", 7);
  const int32_t input = b.Input(6, 6, 3);
  const int32_t relu = b.Conv(input, Spec("relu", 4, Activation::kRelu));
  auto graph = b.Finish(b.Conv(relu, Spec("out", 4, Activation::kNone)), 1);
  ASSERT_TRUE(graph.ok()) << graph.status().message();
  const auto shared = std::make_shared<const Graph>(std::move(graph).value());
  auto interpreter = Interpreter::Create(shared, {});
  ASSERT_TRUE(interpreter.ok()) << interpreter.status().message();
  EXPECT_FALSE((*interpreter)->input(0).non_negative);
  EXPECT_TRUE((*interpreter)->tensor(relu).non_negative);
  EXPECT_FALSE((*interpreter)->output(0).non_negative);
}

}  // namespace
}  // namespace qb
