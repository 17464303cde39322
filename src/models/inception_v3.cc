// InceptionV3 as the converter writes keras.applications.InceptionV3: every conv2d_bn is a convolution
// without bias, BatchNorm(scale=False) folded into it, fused ReLU; mixed0..mixed10 concatenate their
// branches on the channel axis (mixed9/10 nest two more concatenations each); the top is
// GlobalAveragePooling2D (MEAN) and Dense(1000) with softmax (FULLY_CONNECTED, SOFTMAX).
#include <fmt/format.h>

#include "models/architectures.h"
#include "models/graph_builder.h"

namespace qb::models {
namespace {

// Keras numbers unnamed layers "conv2d", "conv2d_1", ...
std::string Suffix(int& count) {
  const int n = count++;
  return n == 0 ? std::string() : fmt::format("_{}", n);
}

class Inception {
 public:
  Inception(GraphBuilder& b, int divisor) : b_(b), divisor_(divisor) {}

  // Keras' conv2d_bn(x, filters, rows, cols, padding, strides); layers are numbered as Keras numbers them.
  int32_t ConvBn(int32_t x, int filters, int rows, int cols, int stride = 1, Padding padding = Padding::kSame) {
    const std::string suffix = Suffix(count_);
    return b_.Conv(x, {.name = "conv2d" + suffix, .filters = std::max(1, filters / divisor_), .kernel_h = rows,
                       .kernel_w = cols, .stride = stride, .padding = padding, .batch_norm = BatchNorm::kUnscaled,
                       .activation = Activation::kRelu});
  }
  int32_t AvgPool(int32_t x) {
    const std::string suffix = Suffix(pools_);
    return b_.AveragePool(x, "average_pooling2d" + suffix, 3, 1, Padding::kSame);
  }
  int32_t MaxPool(int32_t x) {
    const std::string suffix = Suffix(max_pools_);
    return b_.MaxPool(x, "max_pooling2d" + suffix, 3, 2, Padding::kValid);
  }
  int32_t Concat(const std::vector<int32_t>& xs, const std::string& name) { return b_.Concat(xs, name); }
  int32_t NextConcat(const std::vector<int32_t>& xs) {
    const std::string suffix = Suffix(concats_);
    return b_.Concat(xs, "concatenate" + suffix);
  }

 private:
  GraphBuilder& b_;
  int divisor_;
  int count_ = 0, pools_ = 0, max_pools_ = 0, concats_ = 0;
};

}  // namespace

Result<Graph> BuildInceptionV3(const InceptionConfig& config, const BuildContext& context) {
  GraphBuilder b(config.scope, context.weight_seed, context.with_weights);
  Inception n(b, config.width_divisor);
  const Padding kValid = Padding::kValid;
  int32_t x = b.Input(config.input_size, config.input_size, 3);
  x = n.ConvBn(x, 32, 3, 3, 2, kValid);
  x = n.ConvBn(x, 32, 3, 3, 1, kValid);
  x = n.ConvBn(x, 64, 3, 3);
  x = n.MaxPool(x);
  x = n.ConvBn(x, 80, 1, 1, 1, kValid);
  x = n.ConvBn(x, 192, 3, 3, 1, kValid);
  x = n.MaxPool(x);

  // mixed0..mixed2: 35x35.
  for (int i = 0; i < 3; ++i) {
    int32_t branch1x1 = n.ConvBn(x, 64, 1, 1);
    int32_t branch5x5 = n.ConvBn(x, 48, 1, 1);
    branch5x5 = n.ConvBn(branch5x5, 64, 5, 5);
    int32_t branch3x3dbl = n.ConvBn(x, 64, 1, 1);
    branch3x3dbl = n.ConvBn(branch3x3dbl, 96, 3, 3);
    branch3x3dbl = n.ConvBn(branch3x3dbl, 96, 3, 3);
    int32_t branch_pool = n.AvgPool(x);
    branch_pool = n.ConvBn(branch_pool, i == 0 ? 32 : 64, 1, 1);
    x = n.Concat({branch1x1, branch5x5, branch3x3dbl, branch_pool}, fmt::format("mixed{}", i));
  }

  // mixed3: 35x35 -> 17x17.
  {
    int32_t branch3x3 = n.ConvBn(x, 384, 3, 3, 2, kValid);
    int32_t branch3x3dbl = n.ConvBn(x, 64, 1, 1);
    branch3x3dbl = n.ConvBn(branch3x3dbl, 96, 3, 3);
    branch3x3dbl = n.ConvBn(branch3x3dbl, 96, 3, 3, 2, kValid);
    int32_t branch_pool = n.MaxPool(x);
    x = n.Concat({branch3x3, branch3x3dbl, branch_pool}, "mixed3");
  }

  // mixed4..mixed7: 17x17 with factorised 7x7 convolutions.
  const int kWidths[] = {128, 160, 160, 192};
  for (int i = 0; i < 4; ++i) {
    const int c = kWidths[i];
    int32_t branch1x1 = n.ConvBn(x, 192, 1, 1);
    int32_t branch7x7 = n.ConvBn(x, c, 1, 1);
    branch7x7 = n.ConvBn(branch7x7, c, 1, 7);
    branch7x7 = n.ConvBn(branch7x7, 192, 7, 1);
    int32_t branch7x7dbl = n.ConvBn(x, c, 1, 1);
    branch7x7dbl = n.ConvBn(branch7x7dbl, c, 7, 1);
    branch7x7dbl = n.ConvBn(branch7x7dbl, c, 1, 7);
    branch7x7dbl = n.ConvBn(branch7x7dbl, c, 7, 1);
    branch7x7dbl = n.ConvBn(branch7x7dbl, 192, 1, 7);
    int32_t branch_pool = n.AvgPool(x);
    branch_pool = n.ConvBn(branch_pool, 192, 1, 1);
    x = n.Concat({branch1x1, branch7x7, branch7x7dbl, branch_pool}, fmt::format("mixed{}", 4 + i));
  }

  // mixed8: 17x17 -> 8x8.
  {
    int32_t branch3x3 = n.ConvBn(x, 192, 1, 1);
    branch3x3 = n.ConvBn(branch3x3, 320, 3, 3, 2, kValid);
    int32_t branch7x7x3 = n.ConvBn(x, 192, 1, 1);
    branch7x7x3 = n.ConvBn(branch7x7x3, 192, 1, 7);
    branch7x7x3 = n.ConvBn(branch7x7x3, 192, 7, 1);
    branch7x7x3 = n.ConvBn(branch7x7x3, 192, 3, 3, 2, kValid);
    int32_t branch_pool = n.MaxPool(x);
    x = n.Concat({branch3x3, branch7x7x3, branch_pool}, "mixed8");
  }

  // mixed9, mixed10: 8x8 with split 3x3 convolutions.
  for (int i = 0; i < 2; ++i) {
    int32_t branch1x1 = n.ConvBn(x, 320, 1, 1);
    int32_t branch3x3 = n.ConvBn(x, 384, 1, 1);
    int32_t branch3x3_1 = n.ConvBn(branch3x3, 384, 1, 3);
    int32_t branch3x3_2 = n.ConvBn(branch3x3, 384, 3, 1);
    branch3x3 = n.Concat({branch3x3_1, branch3x3_2}, fmt::format("mixed9_{}", i));
    int32_t branch3x3dbl = n.ConvBn(x, 448, 1, 1);
    branch3x3dbl = n.ConvBn(branch3x3dbl, 384, 3, 3);
    int32_t branch3x3dbl_1 = n.ConvBn(branch3x3dbl, 384, 1, 3);
    int32_t branch3x3dbl_2 = n.ConvBn(branch3x3dbl, 384, 3, 1);
    branch3x3dbl = n.NextConcat({branch3x3dbl_1, branch3x3dbl_2});
    int32_t branch_pool = n.AvgPool(x);
    branch_pool = n.ConvBn(branch_pool, 192, 1, 1);
    x = n.Concat({branch1x1, branch3x3, branch3x3dbl, branch_pool}, fmt::format("mixed{}", 9 + i));
  }

  x = b.GlobalAveragePool(x, "avg_pool", /*keep_dims=*/false);
  x = b.Dense(x, "predictions", config.classes, Activation::kNone, kLogitsTarget);
  x = b.Softmax(x, "predictions");
  if (context.keras_params) *context.keras_params = b.keras_params();
  return b.Finish(x, context.seed);
}

}  // namespace qb::models
