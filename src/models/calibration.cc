// Calibration of the folded BatchNorms by one forward pass (see calibration.h).
#include "models/calibration.h"

#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "models/weight_init.h"
#include "runtime/interpreter.h"
#include "runtime/seeded_inputs.h"

namespace qb::models {
namespace {

constexpr double kBatchNormEpsilon = 1e-3;  // Keras' default
constexpr int64_t kMinPositions = 16;       // fewer output positions: statistics across channels
constexpr double kLogitsStd = 2.0;
constexpr double kGammaMin = 0.75, kGammaMax = 1.25;
constexpr double kBetaMin = 0.5, kBetaMax = 1.0;
constexpr double kWeakChannelFloor = 0.5;
constexpr uint64_t kCalibrationStream = 0x6a09e667f3bcc909ull;  // separates this stream from the weights'

bool IsWeighted(OpType type) {
  return type == OpType::kConv2D || type == OpType::kDepthwiseConv2D || type == OpType::kFullyConnected;
}

Activation* FusedActivation(OpOptions& options) {
  if (auto* o = std::get_if<Conv2DOptions>(&options)) return &o->activation;
  if (auto* o = std::get_if<DepthwiseConv2DOptions>(&options)) return &o->activation;
  if (auto* o = std::get_if<FullyConnectedOptions>(&options)) return &o->activation;
  return nullptr;
}

// pre' = scale[c] * pre + shift[c] for output channel c.
struct ChannelCorrection {
  std::vector<double> scale, shift;
};

// `graph` with every weighted op's fused activation split off into an op of its own, so the pass sees
// pre-activations; source_op[i] is the index in `graph` of the weighted op at index i, or -1.
struct SplitGraph {
  std::shared_ptr<Graph> graph;
  std::vector<int32_t> source_op;
};

Result<SplitGraph> SplitFusedActivations(const Graph& graph) {
  SplitGraph split;
  split.graph = std::make_shared<Graph>(graph);
  Graph& g = *split.graph;
  g.ops.clear();
  for (size_t i = 0; i < graph.ops.size(); ++i) {
    Op op = graph.ops[i];
    if (!IsWeighted(op.type)) {
      g.ops.push_back(std::move(op));
      split.source_op.push_back(-1);
      continue;
    }
    Activation* activation = FusedActivation(op.options);
    const Activation fused = activation ? *activation : Activation::kNone;
    if (fused != Activation::kNone && fused != Activation::kRelu && fused != Activation::kRelu6) {
      return Errorf("op {}: calibration supports fused RELU and RELU6 only", i);
    }
    const int32_t output = op.outputs[0];
    if (fused != Activation::kNone) {
      Tensor pre = g.tensors[static_cast<size_t>(output)];
      pre.name += "/pre_activation";
      g.tensors.push_back(std::move(pre));
      op.outputs[0] = static_cast<int32_t>(g.tensors.size() - 1);
      *activation = Activation::kNone;
    }
    const int32_t pre_activation = op.outputs[0];
    g.ops.push_back(std::move(op));
    split.source_op.push_back(static_cast<int32_t>(i));
    if (fused != Activation::kNone) {
      Op act;
      act.type = fused == Activation::kRelu ? OpType::kRelu : OpType::kRelu6;
      act.inputs = {pre_activation};
      act.outputs = {output};
      g.ops.push_back(std::move(act));
      split.source_op.push_back(-1);
    }
  }
  return split;
}

// Measures each weighted op's pre-activation as it is computed, corrects it in place to its target, and
// keeps the correction for the graph's weights.
class CalibrationObserver final : public OpObserver {
 public:
  CalibrationObserver(Interpreter& interpreter, const SplitGraph& split, int32_t classifier_op, uint64_t seed,
                      std::vector<ChannelCorrection>& corrections)
      : interpreter_(interpreter), split_(split), classifier_op_(classifier_op), rng_(seed ^ kCalibrationStream),
        corrections_(corrections) {}

  void OnOpEnd(size_t op_index, int64_t /*start_us*/, int64_t /*end_us*/) override {
    const int32_t source = split_.source_op[op_index];
    if (source < 0) return;
    RuntimeTensor& out = interpreter_.tensor(split_.graph->ops[op_index].outputs[0]);
    const int64_t channels = out.shape.back();
    const int64_t positions = out.num_elements() / channels;
    float* data = out.data_as<float>();

    std::vector<double> mean(static_cast<size_t>(channels), 0.0), var(static_cast<size_t>(channels), 0.0);
    for (int64_t p = 0; p < positions; ++p) {
      for (int64_t c = 0; c < channels; ++c) mean[static_cast<size_t>(c)] += data[p * channels + c];
    }
    for (double& m : mean) m /= static_cast<double>(positions);
    for (int64_t p = 0; p < positions; ++p) {
      for (int64_t c = 0; c < channels; ++c) {
        const double d = data[p * channels + c] - mean[static_cast<size_t>(c)];
        var[static_cast<size_t>(c)] += d * d;
      }
    }
    for (double& v : var) v /= static_cast<double>(positions);
    if (positions < kMinPositions) PoolAcrossChannels(mean, var);

    ChannelCorrection& correction = corrections_[static_cast<size_t>(source)];
    correction = source == classifier_op_ ? LogitsCorrection(mean, var) : HiddenCorrection(mean, var);
    for (int64_t p = 0; p < positions; ++p) {
      for (int64_t c = 0; c < channels; ++c) {
        float& v = data[p * channels + c];
        v = static_cast<float>(correction.scale[static_cast<size_t>(c)] * v + correction.shift[static_cast<size_t>(c)]);
      }
    }
  }

 private:
  // Hidden layers: each channel's root mean square (its mean kept, not removed) becomes gamma, then beta
  // shifts it. Weak channels get a floor of half the layer's average second moment, so a nearly dead
  // channel is not blown up to full scale.
  ChannelCorrection HiddenCorrection(const std::vector<double>& mean, const std::vector<double>& var) {
    const size_t channels = mean.size();
    std::vector<double> second(channels);
    double average = 0.0;
    for (size_t c = 0; c < channels; ++c) {
      second[c] = var[c] + mean[c] * mean[c];
      average += second[c] / static_cast<double>(channels);
    }
    ChannelCorrection correction{std::vector<double>(channels), std::vector<double>(channels)};
    for (size_t c = 0; c < channels; ++c) {
      const double gamma = kGammaMin + (kGammaMax - kGammaMin) * rng_.Uniform();
      const double beta = kBetaMin + (kBetaMax - kBetaMin) * rng_.Uniform();
      correction.scale[c] = gamma / std::sqrt(second[c] + kWeakChannelFloor * average + kBatchNormEpsilon);
      correction.shift[c] = beta;
    }
    return correction;
  }

  // The classifier: logits with mean 0 and standard deviation kLogitsStd.
  static ChannelCorrection LogitsCorrection(const std::vector<double>& mean, const std::vector<double>& var) {
    ChannelCorrection correction{std::vector<double>(mean.size()), std::vector<double>(mean.size())};
    for (size_t c = 0; c < mean.size(); ++c) {
      correction.scale[c] = kLogitsStd / std::sqrt(var[c] + kBatchNormEpsilon);
      correction.shift[c] = -correction.scale[c] * mean[c];
    }
    return correction;
  }

  // Mean and variance over every channel's values (one position: across channels), for every channel.
  static void PoolAcrossChannels(std::vector<double>& mean, std::vector<double>& var) {
    const double n = static_cast<double>(mean.size());
    double m = 0.0;
    for (double x : mean) m += x / n;
    double v = 0.0;
    for (size_t c = 0; c < mean.size(); ++c) v += (var[c] + (mean[c] - m) * (mean[c] - m)) / n;
    std::fill(mean.begin(), mean.end(), m);
    std::fill(var.begin(), var.end(), v);
  }

  Interpreter& interpreter_;
  const SplitGraph& split_;
  int32_t classifier_op_;
  Rng rng_;
  std::vector<ChannelCorrection>& corrections_;
};

// Folds a channel correction into the op's float weights and bias (new buffers).
Status ApplyCorrection(Graph& graph, const Op& op, const ChannelCorrection& correction) {
  if (op.inputs.size() < 3 || op.inputs[2] < 0) return Errorf("{} without a bias cannot be calibrated", OpTypeName(op.type));
  const Tensor& filter = graph.tensors[static_cast<size_t>(op.inputs[1])];
  const Tensor& bias = graph.tensors[static_cast<size_t>(op.inputs[2])];
  if (filter.type != DType::kFloat32 || bias.type != DType::kFloat32) {
    return Errorf("{}: calibration needs float32 weights", OpTypeName(op.type));
  }
  const size_t channels = correction.scale.size();
  const ConstBuffer& w = graph.TensorData(op.inputs[1]);
  const ConstBuffer& b = graph.TensorData(op.inputs[2]);
  std::vector<float> weights(w.size() / sizeof(float)), biases(b.size() / sizeof(float));
  if (biases.size() != channels || weights.size() % channels != 0) {
    return Errorf("{}: weights do not match {} output channels", OpTypeName(op.type), channels);
  }
  std::memcpy(weights.data(), w.data(), w.size());
  std::memcpy(biases.data(), b.data(), b.size());
  const bool channel_last = op.type == OpType::kDepthwiseConv2D;  // [1, kh, kw, C]; others [C, ...]
  const size_t per_channel = weights.size() / channels;
  for (size_t i = 0; i < weights.size(); ++i) {
    const size_t c = channel_last ? i % channels : i / per_channel;
    weights[i] = static_cast<float>(correction.scale[c] * weights[i]);
  }
  for (size_t c = 0; c < channels; ++c) {
    biases[c] = static_cast<float>(correction.scale[c] * biases[c] + correction.shift[c]);
  }
  auto to_bytes = [](const std::vector<float>& values) {
    std::vector<uint8_t> bytes(values.size() * sizeof(float));
    std::memcpy(bytes.data(), values.data(), bytes.size());
    return ConstBuffer::Owned(std::move(bytes));
  };
  graph.buffers[filter.buffer] = to_bytes(weights);
  graph.buffers[bias.buffer] = to_bytes(biases);
  return OkStatus();
}

}  // namespace

Status CalibrateFoldedLayers(Graph& graph, uint64_t weight_seed) {
  int32_t classifier_op = -1;
  for (size_t i = 0; i < graph.ops.size(); ++i) {
    if (IsWeighted(graph.ops[i].type)) classifier_op = static_cast<int32_t>(i);
  }
  if (classifier_op < 0) return OkStatus();

  std::vector<ChannelCorrection> corrections(graph.ops.size());
  {
    QB_ASSIGN_OR_RETURN(SplitGraph split, SplitFusedActivations(graph));
    // Op indices must stay the graph's: no op fusion.
    const InterpreterOptions options{.kernels = {.float_backend = FloatBackend::kReference}, .fuse_ops = false};
    QB_ASSIGN_OR_RETURN(std::unique_ptr<Interpreter> interpreter, Interpreter::Create(split.graph, options));
    QB_RETURN_IF_ERROR(SetInputs(*interpreter, SeededModelInputs(*interpreter, 1)));
    CalibrationObserver observer(*interpreter, split, classifier_op, weight_seed, corrections);
    interpreter->set_observer(&observer);
    interpreter->Invoke();
  }  // the pass's copy of the graph lets go of the old weights here
  for (size_t i = 0; i < graph.ops.size(); ++i) {
    if (corrections[i].scale.empty()) continue;
    QB_RETURN_IF_ERROR(ApplyCorrection(graph, graph.ops[i], corrections[i]).WithContext(fmt::format("op {}", i)));
  }
  return OkStatus();
}

}  // namespace qb::models
