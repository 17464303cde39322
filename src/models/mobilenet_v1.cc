// MobileNet v1 as the converter writes keras.applications.MobileNet: conv1 (3x3/2, SAME) and 13 depthwise-
// separable blocks, each a depthwise 3x3 and a pointwise 1x1 convolution with folded BatchNorm and fused
// ReLU6; a stride-2 block first pads its input by one row and column at the bottom and right
// (ZeroPadding2D(((0, 1), (0, 1))) -> PAD) and uses VALID padding. The top is GlobalAveragePooling2D with
// keepdims (MEAN), Dropout (removed), a 1x1 convolution to the classes with bias, Reshape and softmax.
#include "models/architectures.h"
#include "models/graph_builder.h"

namespace qb::models {

Result<Graph> BuildMobileNetV1(const MobileNetConfig& config, const BuildContext& context) {
  GraphBuilder b(config.scope, context.weight_seed, context.with_weights);
  auto width = [&](int filters) { return static_cast<int>(filters * config.alpha); };
  int32_t x = b.Input(config.input_size, config.input_size, 3);
  x = b.Conv(x, {.name = "conv1", .filters = width(32), .kernel_h = 3, .kernel_w = 3, .stride = 2,
                 .activation = Activation::kRelu6});
  struct Block {
    int filters, stride;
  };
  const Block kBlocks[] = {{64, 1},  {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2},  {512, 1},
                           {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};
  int id = 1;
  for (const Block& block : kBlocks) {
    const std::string n = std::to_string(id++);
    Padding padding = Padding::kSame;
    if (block.stride == 2) {
      x = b.ZeroPad(x, "conv_pad_" + n, 0, 1, 0, 1);
      padding = Padding::kValid;
    }
    x = b.DepthwiseConv(x, {.name = "conv_dw_" + n, .kernel_h = 3, .kernel_w = 3, .stride = block.stride,
                            .padding = padding, .activation = Activation::kRelu6});
    x = b.Conv(x, {.name = "conv_pw_" + n, .filters = width(block.filters), .activation = Activation::kRelu6});
  }
  x = b.GlobalAveragePool(x, "global_average_pooling2d", /*keep_dims=*/true);
  x = b.Conv(x, {.name = "conv_preds", .filters = config.classes, .use_bias = true, .batch_norm = BatchNorm::kNone,
                 .target = kLogitsTarget});
  x = b.Reshape(x, "reshape_2", {1, config.classes});
  x = b.Softmax(x, "predictions");
  if (context.keras_params) *context.keras_params = b.keras_params();
  return b.Finish(x, context.seed);
}

}  // namespace qb::models
