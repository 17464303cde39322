// ResNet v1 as the converter writes keras.applications.ResNet50/101/152: conv1 is ZeroPadding2D(3) (PAD)
// and a 7x7/2 VALID convolution with bias, folded BatchNorm and fused ReLU, then ZeroPadding2D(1) (PAD) and
// a 3x3/2 VALID max pool; four stacks of bottleneck blocks (1x1 with the stage's stride, 3x3, 1x1 x4; a
// 1x1 projection shortcut in each stack's first block), every convolution with bias and folded BatchNorm;
// the residual ADD carries the block's ReLU fused. The top is GlobalAveragePooling2D (MEAN) and
// Dense(1000) with softmax (FULLY_CONNECTED, SOFTMAX).
#include "models/architectures.h"
#include "models/graph_builder.h"

namespace qb::models {
namespace {

int32_t Block(GraphBuilder& b, int32_t x, int filters, int stride, bool conv_shortcut, const std::string& name) {
  int32_t shortcut = x;
  if (conv_shortcut) {
    shortcut = b.Conv(x, {.name = name + "_0_conv", .filters = 4 * filters, .stride = stride, .use_bias = true});
  }
  int32_t y = b.Conv(x, {.name = name + "_1_conv", .filters = filters, .stride = stride, .use_bias = true,
                         .activation = Activation::kRelu});
  y = b.Conv(y, {.name = name + "_2_conv", .filters = filters, .kernel_h = 3, .kernel_w = 3, .use_bias = true,
                 .activation = Activation::kRelu});
  y = b.Conv(y, {.name = name + "_3_conv", .filters = 4 * filters, .use_bias = true});
  return b.Add(shortcut, y, name + "_add", Activation::kRelu);
}

}  // namespace

Result<Graph> BuildResNet(const ResNetConfig& config, const BuildContext& context) {
  GraphBuilder b(config.scope, context.weight_seed, context.with_weights);
  const int d = config.width_divisor;
  int32_t x = b.Input(config.input_size, config.input_size, 3);
  x = b.ZeroPad(x, "conv1_pad", 3, 3, 3, 3);
  x = b.Conv(x, {.name = "conv1_conv", .filters = 64 / d, .kernel_h = 7, .kernel_w = 7, .stride = 2,
                 .padding = Padding::kValid, .use_bias = true, .activation = Activation::kRelu});
  x = b.ZeroPad(x, "pool1_pad", 1, 1, 1, 1);
  x = b.MaxPool(x, "pool1_pool", 3, 2, Padding::kValid);
  const int kFilters[] = {64, 128, 256, 512};
  for (size_t stack = 0; stack < config.blocks.size() && stack < 4; ++stack) {
    const std::string stack_name = "conv" + std::to_string(stack + 2);
    const int filters = kFilters[stack] / d;
    for (int i = 1; i <= config.blocks[stack]; ++i) {
      const int stride = (i == 1 && stack > 0) ? 2 : 1;
      x = Block(b, x, filters, stride, i == 1, stack_name + "_block" + std::to_string(i));
    }
  }
  x = b.GlobalAveragePool(x, "avg_pool", /*keep_dims=*/false);
  x = b.Dense(x, "predictions", config.classes, Activation::kNone, kLogitsTarget);
  x = b.Softmax(x, "predictions");
  if (context.keras_params) *context.keras_params = b.keras_params();
  return b.Finish(x, context.seed);
}

}  // namespace qb::models
