// GraphBuilder: Keras layers to converter-shaped ops, with shapes, names, folded weights and statistics.
#include "models/graph_builder.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include <fmt/format.h>

namespace qb::models {
namespace {

// Spatial averaging shrinks a channel's variance less than independent samples would: neighbouring
// activations share most of their receptive field.
constexpr double kPoolCorrelation = 0.25;

std::string ActivationOpName(Activation activation) {
  switch (activation) {
    case Activation::kRelu: return "Relu";
    case Activation::kRelu6: return "Relu6";
    default: return "";
  }
}

int64_t BatchNormParams(BatchNorm bn, int channels) {
  switch (bn) {
    case BatchNorm::kScaled: return 4 * int64_t{channels};
    case BatchNorm::kUnscaled: return 3 * int64_t{channels};
    case BatchNorm::kNone: return 0;
  }
  return 0;
}

}  // namespace

int OutputSize(int input, int window, int stride, Padding padding) {
  if (padding == Padding::kSame) return (input + stride - 1) / stride;
  return (input - window) / stride + 1;
}

GraphBuilder::GraphBuilder(std::string scope, uint64_t seed, bool with_weights)
    : scope_(std::move(scope)), rng_(seed), with_weights_(with_weights) {
  graph_.buffers.emplace_back();  // buffer 0: the empty sentinel
  graph_.subgraph_name = "main";
}

std::string GraphBuilder::Name(const std::string& layer, const std::string& op) const {
  return fmt::format("{}/{}/{}", scope_, layer, op);
}

int32_t GraphBuilder::AddTensor(std::string name, Shape shape, uint32_t buffer, DType type) {
  Tensor t;
  t.name = std::move(name);
  t.shape = std::move(shape);
  t.buffer = buffer;
  t.type = type;
  graph_.tensors.push_back(std::move(t));
  stats_.emplace_back();
  return static_cast<int32_t>(graph_.tensors.size() - 1);
}

int32_t GraphBuilder::AddActivation(std::string name, Shape shape, ChannelStats stats) {
  int32_t t = AddTensor(std::move(name), std::move(shape));
  stats_[static_cast<size_t>(t)] = std::move(stats);
  return t;
}

FoldedLayer GraphBuilder::MakeLayer(bool depthwise, int64_t out, int64_t row, const ChannelStats& in,
                                    const FoldTarget& target, std::span<const double> tap_coverage) {
  if (with_weights_) {
    return depthwise ? MakeDepthwiseLayer(rng_, out, row, in, target, tap_coverage)
                     : MakeDenseLayer(rng_, out, row, in, target, tap_coverage);
  }
  FoldedLayer layer;
  layer.out = ChannelStats::Uniform(static_cast<size_t>(out), 0.0, 1.0);
  return layer;
}

int32_t GraphBuilder::AddFloatConstant(std::string name, Shape shape, std::vector<uint8_t> bytes) {
  ConstBuffer data = with_weights_ ? ConstBuffer::Owned(std::move(bytes))
                                   : ZeroConstBuffer(static_cast<size_t>(ElementCount(shape)) * sizeof(float));
  uint32_t buffer = graph_.AddBuffer(std::move(data));
  return AddTensor(std::move(name), std::move(shape), buffer);
}

int32_t GraphBuilder::AddInt32Constant(std::string name, Shape shape, const std::vector<int32_t>& values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(int32_t));
  std::memcpy(bytes.data(), values.data(), bytes.size());
  uint32_t buffer = graph_.AddBuffer(ConstBuffer::Owned(std::move(bytes)));
  return AddTensor(std::move(name), std::move(shape), buffer, DType::kInt32);
}

void GraphBuilder::AddOp(OpType type, std::vector<int32_t> inputs, int32_t output, OpOptions options) {
  Op op;
  op.type = type;
  op.version = 1;  // every float32 op here is version 1 under TensorFlow Lite's versioning rules
  op.inputs = std::move(inputs);
  op.outputs = {output};
  op.options = std::move(options);
  graph_.ops.push_back(std::move(op));
}

int32_t GraphBuilder::Input(int height, int width, int channels) {
  input_ = AddActivation("serving_default_input_1:0", {1, height, width, channels},
                         ChannelStats::Uniform(static_cast<size_t>(channels), 0.0, 1.0 / 3.0));
  return input_;
}

std::string GraphBuilder::OutputName(const ConvSpec& spec, const std::string& op) const {
  // The converter names a fused op's output after every op it fused, last first.
  std::string name = Name(spec.name, op);
  if (spec.batch_norm != BatchNorm::kNone) name = Name(spec.name + "_bn", "FusedBatchNormV3") + ";" + name;
  if (spec.activation != Activation::kNone) {
    name = Name(spec.name + "_relu", ActivationOpName(spec.activation)) + ";" + name;
  }
  return name;
}

int32_t GraphBuilder::Conv(int32_t x, const ConvSpec& spec) {
  const Shape in = shape(x);  // a copy: adding tensors moves the vector
  const int in_channels = in[3];
  const std::vector<double> coverage =
      TapCoverage(in[1], in[2], spec.kernel_h, spec.kernel_w, spec.stride, spec.padding == Padding::kSame);
  FoldedLayer layer = MakeLayer(false, spec.filters, int64_t{spec.kernel_h} * spec.kernel_w * in_channels,
                                stats(x), spec.target, coverage);
  keras_params_ += int64_t{spec.filters} * spec.kernel_h * spec.kernel_w * in_channels +
                   (spec.use_bias ? spec.filters : 0) + BatchNormParams(spec.batch_norm, spec.filters);
  Shape out = {1, OutputSize(in[1], spec.kernel_h, spec.stride, spec.padding),
               OutputSize(in[2], spec.kernel_w, spec.stride, spec.padding), spec.filters};
  int32_t filter = AddFloatConstant(Name(spec.name, "Conv2D"), {spec.filters, spec.kernel_h, spec.kernel_w, in_channels},
                                    std::move(layer.weights));
  int32_t bias = AddFloatConstant(Name(spec.name, spec.batch_norm != BatchNorm::kNone ? "Conv2D_bias" : "BiasAdd/ReadVariableOp"),
                                  {spec.filters}, std::move(layer.bias));
  ChannelStats out_stats = spec.activation == Activation::kNone ? std::move(layer.out) : RectifiedStats(layer.out);
  int32_t y = AddActivation(OutputName(spec, "Conv2D"), out, std::move(out_stats));
  Conv2DOptions options;
  options.padding = spec.padding;
  options.stride_w = options.stride_h = spec.stride;
  options.activation = spec.activation;
  AddOp(OpType::kConv2D, {x, filter, bias}, y, options);
  return y;
}

int32_t GraphBuilder::DepthwiseConv(int32_t x, const ConvSpec& spec) {
  const Shape in = shape(x);  // a copy: adding tensors moves the vector
  const int channels = in[3];
  const std::vector<double> coverage =
      TapCoverage(in[1], in[2], spec.kernel_h, spec.kernel_w, spec.stride, spec.padding == Padding::kSame);
  FoldedLayer layer = MakeLayer(true, channels, int64_t{spec.kernel_h} * spec.kernel_w, stats(x), spec.target, coverage);
  keras_params_ += int64_t{channels} * spec.kernel_h * spec.kernel_w + (spec.use_bias ? channels : 0) +
                   BatchNormParams(spec.batch_norm, channels);
  Shape out = {1, OutputSize(in[1], spec.kernel_h, spec.stride, spec.padding),
               OutputSize(in[2], spec.kernel_w, spec.stride, spec.padding), channels};
  int32_t filter = AddFloatConstant(Name(spec.name, "depthwise"), {1, spec.kernel_h, spec.kernel_w, channels},
                                    std::move(layer.weights));
  int32_t bias = AddFloatConstant(Name(spec.name, "depthwise_bias"), {channels}, std::move(layer.bias));
  ChannelStats out_stats = spec.activation == Activation::kNone ? std::move(layer.out) : RectifiedStats(layer.out);
  int32_t y = AddActivation(OutputName(spec, "depthwise"), out, std::move(out_stats));
  DepthwiseConv2DOptions options;
  options.padding = spec.padding;
  options.stride_w = options.stride_h = spec.stride;
  options.depth_multiplier = 1;
  options.activation = spec.activation;
  AddOp(OpType::kDepthwiseConv2D, {x, filter, bias}, y, options);
  return y;
}

int32_t GraphBuilder::Dense(int32_t x, const std::string& name, int units, Activation activation, FoldTarget target) {
  const int in_features = shape(x).back();
  FoldedLayer layer = MakeLayer(false, units, in_features, stats(x), target);
  keras_params_ += int64_t{units} * in_features + units;
  int32_t weights = AddFloatConstant(Name(name, "MatMul"), {units, in_features}, std::move(layer.weights));
  int32_t bias = AddFloatConstant(Name(name, "BiasAdd/ReadVariableOp"), {units}, std::move(layer.bias));
  std::string out_name = Name(name, "MatMul;") + Name(name, "BiasAdd");
  if (activation != Activation::kNone) out_name = Name(name, ActivationOpName(activation)) + ";" + out_name;
  ChannelStats out_stats = activation == Activation::kNone ? std::move(layer.out) : RectifiedStats(layer.out);
  int32_t y = AddActivation(out_name, {1, units}, std::move(out_stats));
  FullyConnectedOptions options;
  options.activation = activation;
  AddOp(OpType::kFullyConnected, {x, weights, bias}, y, options);
  return y;
}

int32_t GraphBuilder::ZeroPad(int32_t x, const std::string& name, int top, int bottom, int left, int right) {
  const Shape in = shape(x);  // a copy: adding tensors moves the vector
  int32_t paddings = AddInt32Constant(Name(name, "Pad/paddings"), {4, 2}, {0, 0, top, bottom, left, right, 0, 0});
  int32_t y = AddActivation(Name(name, "Pad"), {1, in[1] + top + bottom, in[2] + left + right, in[3]}, stats(x));
  AddOp(OpType::kPad, {x, paddings}, y, PadOptions{});
  return y;
}

int32_t GraphBuilder::MaxPool(int32_t x, const std::string& name, int window, int stride, Padding padding) {
  const Shape in = shape(x);  // a copy: adding tensors moves the vector
  Shape out = {1, OutputSize(in[1], window, stride, padding), OutputSize(in[2], window, stride, padding), in[3]};
  int32_t y = AddActivation(Name(name, "MaxPool"), out, MaxPoolStats(stats(x), window * window));
  Pool2DOptions options;
  options.padding = padding;
  options.stride_w = options.stride_h = stride;
  options.filter_w = options.filter_h = window;
  AddOp(OpType::kMaxPool2D, {x}, y, options);
  return y;
}

int32_t GraphBuilder::AveragePool(int32_t x, const std::string& name, int window, int stride, Padding padding) {
  const Shape in = shape(x);  // a copy: adding tensors moves the vector
  Shape out = {1, OutputSize(in[1], window, stride, padding), OutputSize(in[2], window, stride, padding), in[3]};
  int32_t y = AddActivation(Name(name, "AvgPool"), out, AveragedStats(stats(x), std::min(window * window, in[1] * in[2]) * kPoolCorrelation));
  Pool2DOptions options;
  options.padding = padding;
  options.stride_w = options.stride_h = stride;
  options.filter_w = options.filter_h = window;
  AddOp(OpType::kAveragePool2D, {x}, y, options);
  return y;
}

int32_t GraphBuilder::GlobalAveragePool(int32_t x, const std::string& name, bool keep_dims) {
  const Shape in = shape(x);  // a copy: adding tensors moves the vector
  int32_t axes = AddInt32Constant(Name(name, "Mean/reduction_indices"), {2}, {1, 2});
  Shape out = keep_dims ? Shape{1, 1, 1, in[3]} : Shape{1, in[3]};
  int32_t y = AddActivation(Name(name, "Mean"), out, AveragedStats(stats(x), in[1] * in[2] * kPoolCorrelation));
  AddOp(OpType::kMean, {x, axes}, y, ReducerOptions{keep_dims});
  return y;
}

int32_t GraphBuilder::Add(int32_t a, int32_t b, const std::string& name, Activation activation) {
  ChannelStats sum = SumStats(stats(a), stats(b));
  std::string out_name = Name(name, "add");
  if (activation != Activation::kNone) {
    sum = RectifiedStats(sum);
    out_name = Name(name.substr(0, name.rfind('_')) + "_out", ActivationOpName(activation)) + ";" + out_name;
  }
  int32_t y = AddActivation(out_name, shape(a), std::move(sum));
  AddOptions options;
  options.activation = activation;
  AddOp(OpType::kAdd, {a, b}, y, options);
  return y;
}

int32_t GraphBuilder::Concat(const std::vector<int32_t>& xs, const std::string& name) {
  Shape out = shape(xs.front());
  out.back() = 0;
  std::vector<const ChannelStats*> parts;
  for (int32_t x : xs) {
    out.back() += channels(x);
    parts.push_back(&stats(x));
  }
  int32_t y = AddActivation(Name(name, "concat"), out, ConcatStats(parts));
  ConcatenationOptions options;
  options.axis = 3;
  AddOp(OpType::kConcatenation, xs, y, options);
  return y;
}

int32_t GraphBuilder::Reshape(int32_t x, const std::string& name, const Shape& new_shape) {
  int32_t shape_tensor = AddInt32Constant(Name(name, "Reshape/shape"), {static_cast<int32_t>(new_shape.size())}, new_shape);
  int32_t y = AddActivation(Name(name, "Reshape"), new_shape, stats(x));
  AddOp(OpType::kReshape, {x, shape_tensor}, y, ReshapeOptions{new_shape});
  return y;
}

int32_t GraphBuilder::Flatten(int32_t x, const std::string& name) {
  return Reshape(x, name, {1, static_cast<int32_t>(ElementCount(shape(x)))});
}

int32_t GraphBuilder::Softmax(int32_t x, const std::string& name) {
  int32_t y = AddActivation(Name(name, "Softmax"), shape(x), stats(x));
  AddOp(OpType::kSoftmax, {x}, y, SoftmaxOptions{1.0f});
  return y;
}

Result<Graph> GraphBuilder::Finish(int32_t output, uint32_t user_seed) {
  graph_.tensors[static_cast<size_t>(output)].name = "StatefulPartitionedCall:0";
  graph_.inputs = {input_};
  graph_.outputs = {output};
  graph_.description = fmt::format("quantbench generated (seed {})", user_seed);
  SignatureDef signature;
  signature.key = "serving_default";
  signature.inputs.push_back({"input_1", static_cast<uint32_t>(input_)});
  signature.outputs.push_back({"predictions", static_cast<uint32_t>(output)});
  graph_.signatures.push_back(std::move(signature));
  QB_RETURN_IF_ERROR(ValidateGraph(graph_).WithContext(scope_));
  stats_.clear();
  return std::move(graph_);
}

}  // namespace qb::models
