// VGG16/19 as the converter writes keras.applications.VGG16/VGG19: five blocks of 3x3 SAME convolutions
// with bias and fused ReLU, each closed by a 2x2/2 max pool; Flatten (RESHAPE), fc1 and fc2
// (FULLY_CONNECTED with fused ReLU) and predictions (FULLY_CONNECTED, SOFTMAX).
#include "models/architectures.h"
#include "models/graph_builder.h"

namespace qb::models {

Result<Graph> BuildVgg(const VggConfig& config, const BuildContext& context) {
  GraphBuilder b(config.scope, context.weight_seed, context.with_weights);
  const int kFilters[] = {64, 128, 256, 512, 512};
  int32_t x = b.Input(config.input_size, config.input_size, 3);
  for (size_t block = 0; block < config.convs_per_block.size() && block < 5; ++block) {
    const std::string block_name = "block" + std::to_string(block + 1);
    for (int i = 1; i <= config.convs_per_block[block]; ++i) {
      x = b.Conv(x, {.name = block_name + "_conv" + std::to_string(i), .filters = kFilters[block] / config.width_divisor,
                     .kernel_h = 3, .kernel_w = 3, .use_bias = true, .batch_norm = BatchNorm::kNone,
                     .activation = Activation::kRelu});
    }
    x = b.MaxPool(x, block_name + "_pool", 2, 2, Padding::kValid);
  }
  x = b.Flatten(x, "flatten");
  x = b.Dense(x, "fc1", config.dense_units, Activation::kRelu);
  x = b.Dense(x, "fc2", config.dense_units, Activation::kRelu);
  x = b.Dense(x, "predictions", config.classes, Activation::kNone, kLogitsTarget);
  x = b.Softmax(x, "predictions");
  if (context.keras_params) *context.keras_params = b.keras_params();
  return b.Finish(x, context.seed);
}

}  // namespace qb::models
