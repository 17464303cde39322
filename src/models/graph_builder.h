// GraphBuilder: builds a float32 Graph the way TensorFlow's converter lays a Keras model out, one Keras
// layer (or layer group) per call. It computes every shape as it goes, names tensors in the converter's
// style ("resnet50/conv1_conv/Conv2D"), folds BatchNormalization into the preceding convolution, fuses
// ReLU/ReLU6 into the op where the converter fuses them, and makes the weights with weight_init — keeping
// the per-channel activation statistics those weights are scaled with. It also counts the parameters the
// Keras model has (before folding), the check that an architecture is right.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "graph/graph.h"
#include "models/weight_init.h"

namespace qb::models {

// The BatchNormalization after a convolution in the Keras model: none, scale=True (gamma, beta, moving mean
// and variance: 4 parameters per channel) or scale=False (InceptionV3: 3 per channel).
enum class BatchNorm { kNone, kScaled, kUnscaled };

// The target of the classifier layer: logits with a per-class standard deviation near 2, so the softmax is
// spread over a few classes (neither uniform nor one-hot) and moves with the input.
inline constexpr FoldTarget kLogitsTarget{2.0, 0.0};

struct ConvSpec {
  std::string name;  // the Keras layer name ("conv1", "conv2_block1_1_conv")
  int filters = 0;   // ignored by depthwise convolutions (depth multiplier 1)
  int kernel_h = 1, kernel_w = 1;
  int stride = 1;
  Padding padding = Padding::kSame;
  bool use_bias = false;  // the Keras layer has its own bias
  BatchNorm batch_norm = BatchNorm::kScaled;
  Activation activation = Activation::kNone;  // fused
  FoldTarget target{};
};

class GraphBuilder {
 public:
  // `scope` is the Keras model name ("mobilenet_1.00_224"); `seed` the model's weight seed. Without
  // weights every constant weight is zero and costs no memory (ZeroConstBuffer): the structure alone.
  GraphBuilder(std::string scope, uint64_t seed, bool with_weights = true);

  // The model input: float32 NHWC, batch 1, values expected in [-1, 1).
  int32_t Input(int height, int width, int channels);

  int32_t Conv(int32_t x, const ConvSpec& spec);
  int32_t DepthwiseConv(int32_t x, const ConvSpec& spec);
  // Keras Dense with bias; the input must be [1, n].
  int32_t Dense(int32_t x, const std::string& name, int units, Activation activation, FoldTarget target = {});
  int32_t ZeroPad(int32_t x, const std::string& name, int top, int bottom, int left, int right);
  int32_t MaxPool(int32_t x, const std::string& name, int window, int stride, Padding padding);
  int32_t AveragePool(int32_t x, const std::string& name, int window, int stride, Padding padding);
  // GlobalAveragePooling2D: MEAN over axes [1, 2].
  int32_t GlobalAveragePool(int32_t x, const std::string& name, bool keep_dims);
  int32_t Add(int32_t a, int32_t b, const std::string& name, Activation activation);
  int32_t Concat(const std::vector<int32_t>& xs, const std::string& name);  // on the channel axis
  int32_t Reshape(int32_t x, const std::string& name, const Shape& shape);
  int32_t Flatten(int32_t x, const std::string& name);
  int32_t Softmax(int32_t x, const std::string& name);

  const Shape& shape(int32_t tensor) const { return graph_.tensors[static_cast<size_t>(tensor)].shape; }
  int channels(int32_t tensor) const { return shape(tensor).back(); }
  int64_t keras_params() const { return keras_params_; }

  // Marks `output` as the model output, adds the serving_default signature and the description, and
  // validates the graph.
  Result<Graph> Finish(int32_t output, uint32_t user_seed);

 private:
  std::string Name(const std::string& layer, const std::string& op) const;
  int32_t AddTensor(std::string name, Shape shape, uint32_t buffer = 0, DType type = DType::kFloat32);
  int32_t AddActivation(std::string name, Shape shape, ChannelStats stats);
  int32_t AddFloatConstant(std::string name, Shape shape, std::vector<uint8_t> bytes);
  // Weights and bias of a folded layer with `out` channels and `row` weights each (dense layout), or
  // depthwise; zero-filled stand-ins when building without weights.
  FoldedLayer MakeLayer(bool depthwise, int64_t out, int64_t row, const ChannelStats& in, const FoldTarget& target,
                        std::span<const double> tap_coverage = {});
  int32_t AddInt32Constant(std::string name, Shape shape, const std::vector<int32_t>& values);
  void AddOp(OpType type, std::vector<int32_t> inputs, int32_t output, OpOptions options);
  const ChannelStats& stats(int32_t tensor) const { return stats_[static_cast<size_t>(tensor)]; }
  std::string OutputName(const ConvSpec& spec, const std::string& op) const;

  std::string scope_;
  Rng rng_;
  bool with_weights_;
  Graph graph_;
  std::vector<ChannelStats> stats_;  // per tensor; empty for constants
  int32_t input_ = -1;
  int64_t keras_params_ = 0;
};

// Output size of a convolution or pooling window along one axis.
int OutputSize(int input, int window, int stride, Padding padding);

}  // namespace qb::models
