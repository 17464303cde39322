#include "quant/dynamic_range_quantizer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include <fmt/format.h>

#include "quant/conversion_metadata.h"

namespace qb {
namespace {

bool IsWeightedOp(OpType type) {
  return type == OpType::kConv2D || type == OpType::kDepthwiseConv2D || type == OpType::kFullyConnected;
}

// The output-channel dimension of the filter of a weighted op, and the rank the filter must have.
int32_t ChannelDimension(OpType type) { return type == OpType::kDepthwiseConv2D ? 3 : 0; }
size_t FilterRank(OpType type) { return type == OpType::kFullyConnected ? 2 : 4; }

int32_t WeightInput(const Op& op) { return IsWeightedOp(op.type) && op.inputs.size() >= 2 ? op.inputs[1] : -1; }

const Tensor& TensorAt(const Graph& g, int32_t index) { return g.tensors[static_cast<size_t>(index)]; }

// One use of a tensor: op `op` reads it as input `slot`.
struct Use {
  size_t op;
  size_t slot;
};

// Why there is nothing to quantize: "already quantized: ..." when the model carries quantized weights or
// integer tensors, else "nothing to quantize: ...".
Status NothingToQuantize(const Graph& g, int64_t small_weights, int64_t largest_small, int64_t min_elements) {
  size_t int8_weights = 0, integer_tensors = 0, reduced_float = 0;
  for (const Op& op : g.ops) {
    const int32_t w = WeightInput(op);
    if (w >= 0 && IsQuantizedIntegerType(TensorAt(g, w).type)) ++int8_weights;
    if (op.type == OpType::kDequantize && !op.inputs.empty() && op.inputs[0] >= 0 && g.IsConstant(op.inputs[0])) {
      ++reduced_float;
    }
  }
  for (const Tensor& t : g.tensors) {
    if (IsQuantizedIntegerType(t.type) && t.buffer == 0) ++integer_tensors;
  }
  if (int8_weights > 0 || integer_tensors > 0 || reduced_float > 0) {
    std::string what;
    if (int8_weights > 0) what = fmt::format("{} CONV_2D/DEPTHWISE_CONV_2D/FULLY_CONNECTED ops have integer weights", int8_weights);
    if (integer_tensors > 0) {
      what += fmt::format("{}{} activation tensors are integer (full-integer quantization)", what.empty() ? "" : ", ",
                          integer_tensors);
    }
    if (reduced_float > 0) {
      what += fmt::format("{}{} constant tensors are dequantized at run time (float16 or int8 weights)",
                          what.empty() ? "" : ", ", reduced_float);
    }
    return Errorf("already quantized: {}; quantize the float32 model instead", what);
  }
  if (small_weights > 0) {
    return Errorf(
        "nothing to quantize: all {} CONV_2D/DEPTHWISE_CONV_2D/FULLY_CONNECTED weights have fewer than {} elements "
        "(largest: {}); they stay float32",
        small_weights, min_elements, largest_small);
  }
  return Errorf("nothing to quantize: the model has no constant float32 weights of CONV_2D, DEPTHWISE_CONV_2D or "
                "FULLY_CONNECTED");
}

// Raises min_runtime_version, when the model has one, to what the hybrid op versions need.
void UpdateMinRuntimeVersion(Graph& g, const std::set<size_t>& hybrid_ops) {
  const Metadata* entry = FindMetadata(g, kMinRuntimeVersionName);
  if (entry == nullptr || entry->buffer == 0 || entry->buffer >= g.buffers.size()) return;
  const ConstBuffer& old = g.buffers[entry->buffer];
  std::string current(reinterpret_cast<const char*>(old.data()), old.size());
  current.erase(std::find(current.begin(), current.end(), '\0'), current.end());
  std::string needed = current;
  for (size_t i : hybrid_ops) {
    std::string v = HybridOpMinRuntimeVersion(g.ops[i].type, g.ops[i].version);
    if (!v.empty() && RuntimeVersionLess(needed, v)) needed = v;
  }
  if (needed == current) return;
  // The converter stores the string NUL-padded to 16 bytes.
  std::vector<uint8_t> bytes(std::max<size_t>(16, needed.size() + 1), 0);
  std::memcpy(bytes.data(), needed.data(), needed.size());
  g.buffers[entry->buffer] = ConstBuffer::Owned(std::move(bytes));
}

// Adds PTQ_DYNAMIC_RANGE to CONVERSION_METADATA, creating the entry when the model has none.
Status RecordConversionMetadata(Graph& g) {
  ConversionMetadata metadata;
  const Metadata* entry = FindMetadata(g, kConversionMetadataName);
  if (entry != nullptr && entry->buffer != 0 && entry->buffer < g.buffers.size()) {
    auto parsed = ParseConversionMetadata(g.buffers[entry->buffer].bytes());
    if (parsed.ok()) metadata = std::move(*parsed);  // an unreadable entry is replaced
  }
  auto& modes = metadata.optimization_modes;
  if (std::find(modes.begin(), modes.end(), kPtqDynamicRange) == modes.end()) modes.push_back(kPtqDynamicRange);
  ConstBuffer bytes = ConstBuffer::Owned(SerializeConversionMetadata(metadata));
  if (entry != nullptr && entry->buffer != 0 && entry->buffer < g.buffers.size()) {
    g.buffers[entry->buffer] = std::move(bytes);
    return OkStatus();
  }
  uint32_t buffer = g.AddBuffer(std::move(bytes));
  if (entry != nullptr) {
    for (Metadata& m : g.metadata) {
      if (m.name == kConversionMetadataName) m.buffer = buffer;
    }
  } else {
    g.metadata.push_back({kConversionMetadataName, buffer});
  }
  return OkStatus();
}

// Removes the buffers in `candidates` that nothing references any more, renumbering the rest. Returns how
// many were dropped and adds their size to `bytes_dropped`.
size_t DropUnusedBuffers(Graph& g, const std::set<uint32_t>& candidates, uint64_t& bytes_dropped) {
  std::vector<bool> used(g.buffers.size(), false);
  used[0] = true;
  for (const Tensor& t : g.tensors) used[t.buffer] = true;
  for (const Metadata& m : g.metadata) {
    if (m.buffer < used.size()) used[m.buffer] = true;
  }
  for (int32_t b : g.metadata_buffer) {
    if (b >= 0 && static_cast<size_t>(b) < used.size()) used[static_cast<size_t>(b)] = true;
  }
  std::vector<uint32_t> remap(g.buffers.size());
  std::vector<ConstBuffer> kept;
  size_t dropped = 0;
  for (uint32_t i = 0; i < g.buffers.size(); ++i) {
    if (!used[i] && candidates.count(i)) {
      ++dropped;
      bytes_dropped += g.buffers[i].size();
      continue;
    }
    remap[i] = static_cast<uint32_t>(kept.size());
    kept.push_back(std::move(g.buffers[i]));
  }
  g.buffers = std::move(kept);
  if (dropped == 0) return 0;
  for (Tensor& t : g.tensors) t.buffer = remap[t.buffer];
  for (Metadata& m : g.metadata) {
    if (m.buffer < remap.size()) m.buffer = remap[m.buffer];
  }
  for (int32_t& b : g.metadata_buffer) {
    if (b >= 0 && static_cast<size_t>(b) < remap.size()) b = static_cast<int32_t>(remap[static_cast<size_t>(b)]);
  }
  return dropped;
}

}  // namespace

PerChannelInt8 QuantizeSymmetricPerChannel(std::span<const float> weights, const Shape& shape, int32_t dimension) {
  const size_t dim = static_cast<size_t>(dimension);
  const int64_t channels = shape[dim];
  int64_t inner = 1;
  for (size_t d = dim + 1; d < shape.size(); ++d) inner *= shape[d];
  const int64_t outer = channels == 0 || inner == 0 ? 0 : static_cast<int64_t>(weights.size()) / (channels * inner);

  PerChannelInt8 out;
  out.values.resize(weights.size());
  std::vector<float> max_abs(static_cast<size_t>(channels), 0.0f);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t c = 0; c < channels; ++c) {
      const float* w = weights.data() + (o * channels + c) * inner;
      float& m = max_abs[static_cast<size_t>(c)];
      for (int64_t i = 0; i < inner; ++i) m = std::max(m, std::fabs(w[i]));
    }
  }
  out.scales.resize(static_cast<size_t>(channels));
  std::vector<double> inverse(static_cast<size_t>(channels), 0.0);
  for (size_t c = 0; c < out.scales.size(); ++c) {
    // A channel of zeros keeps scale 0 and quantizes to 0, as TensorFlow Lite's converter writes it.
    out.scales[c] = static_cast<float>(static_cast<double>(max_abs[c]) / 127.0);
    inverse[c] = out.scales[c] > 0.0f ? 1.0 / static_cast<double>(out.scales[c]) : 0.0;
  }
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t c = 0; c < channels; ++c) {
      const size_t base = static_cast<size_t>((o * channels + c) * inner);
      const double inv = inverse[static_cast<size_t>(c)];
      for (int64_t i = 0; i < inner; ++i) {
        const double q = std::round(static_cast<double>(weights[base + static_cast<size_t>(i)]) * inv);
        out.values[base + static_cast<size_t>(i)] = static_cast<int8_t>(std::clamp(q, -127.0, 127.0));
      }
    }
  }
  return out;
}

int HybridOpVersion(const Graph& g, const Op& op) {
  const Tensor& filter = TensorAt(g, op.inputs[1]);
  const size_t scales = filter.quantization.scale.size();
  switch (op.type) {
    case OpType::kConv2D: {
      const Tensor& input = TensorAt(g, op.inputs[0]);
      if (input.shape.size() == 4 && filter.shape.size() == 4 && input.shape[3] != filter.shape[3]) return 6;
      return scales > 0 && filter.shape.size() == 4 && static_cast<int64_t>(scales) == filter.shape[0] ? 5 : 2;
    }
    case OpType::kDepthwiseConv2D:
      return scales > 0 && filter.shape.size() == 4 && static_cast<int64_t>(scales) == filter.shape[3] ? 6 : 4;
    case OpType::kFullyConnected: {
      if (scales > 1 && !filter.shape.empty() && static_cast<int64_t>(scales) == filter.shape[0]) return 12;
      if (op.inputs.size() == 2) return 6;
      const auto* options = std::get_if<FullyConnectedOptions>(&op.options);
      if (options && options->keep_num_dims) return 5;
      return options && options->asymmetric_quantize_inputs ? 9 : 3;
    }
    default:
      return op.version;
  }
}

Result<DynamicRangeResult> QuantizeDynamicRange(const Graph& input, const DynamicRangeOptions& options) {
  QB_RETURN_IF_ERROR(ValidateGraph(input));
  if (options.min_elements < 0) return Errorf("the minimum weight size must be >= 0, got {}", options.min_elements);

  // Every use of every tensor, so that a weight shared with another consumer is not changed under it.
  std::vector<std::vector<Use>> uses(input.tensors.size());
  for (size_t o = 0; o < input.ops.size(); ++o) {
    const Op& op = input.ops[o];
    for (size_t s = 0; s < op.inputs.size(); ++s) {
      if (op.inputs[s] >= 0) uses[static_cast<size_t>(op.inputs[s])].push_back({o, s});
    }
  }
  std::vector<bool> is_graph_output(input.tensors.size(), false);
  for (int32_t t : input.outputs) is_graph_output[static_cast<size_t>(t)] = true;

  // Candidates, grouped by (tensor, channel dimension): TensorFlow Lite's rule, input 1 of the three ops,
  // constant, FLOAT32, at least min_elements elements.
  std::map<std::pair<int32_t, int32_t>, std::vector<size_t>> groups;
  int64_t small = 0, largest_small = 0;
  for (size_t o = 0; o < input.ops.size(); ++o) {
    const Op& op = input.ops[o];
    const int32_t w = WeightInput(op);
    if (w < 0 || !input.IsConstant(w)) continue;
    const Tensor& t = TensorAt(input, w);
    if (t.type != DType::kFloat32 || t.shape.size() != FilterRank(op.type)) continue;
    if (op.inputs[0] < 0 || TensorAt(input, op.inputs[0]).type != DType::kFloat32) continue;
    const int64_t elements = ElementCount(t.shape);
    if (elements < options.min_elements) {
      ++small;
      largest_small = std::max(largest_small, elements);
      continue;
    }
    groups[{w, ChannelDimension(op.type)}].push_back(o);
  }
  if (groups.empty()) return NothingToQuantize(input, small, largest_small, options.min_elements);

  auto out = std::make_shared<Graph>(input);
  Graph& g = *out;
  DynamicRangeSummary summary;
  summary.kept_float_weights = small;
  std::set<uint32_t> replaced_buffers;
  std::set<size_t> hybrid_ops;

  std::vector<size_t> buffer_refs(input.buffers.size(), 0);
  for (const Tensor& t : input.tensors) ++buffer_refs[t.buffer];
  for (const Metadata& m : input.metadata) {
    if (m.buffer < buffer_refs.size()) ++buffer_refs[m.buffer];
  }

  for (const auto& [key, ops] : groups) {
    const auto [w, dim] = key;
    const Tensor& source = TensorAt(input, w);
    PerChannelInt8 q = QuantizeSymmetricPerChannel(input.ConstantAs<float>(w), source.shape, dim);

    // In place when these ops are the weight's only readers; otherwise a new INT8 tensor for them.
    const bool exclusive = !is_graph_output[static_cast<size_t>(w)] && uses[static_cast<size_t>(w)].size() == ops.size();
    int32_t target = w;
    if (!exclusive) {
      g.tensors.push_back(source);
      target = static_cast<int32_t>(g.tensors.size() - 1);
      for (size_t o : ops) g.ops[o].inputs[1] = target;
    }
    Tensor& t = g.tensors[static_cast<size_t>(target)];
    const size_t bytes = q.values.size();
    std::vector<uint8_t> data(bytes);
    std::memcpy(data.data(), q.values.data(), bytes);
    // Reuse the float buffer's slot when nothing else reads it: the file keeps its buffer order.
    if (exclusive && buffer_refs[source.buffer] == 1) {
      summary.float_bytes_dropped += g.buffers[source.buffer].size();
      g.buffers[source.buffer] = ConstBuffer::Owned(std::move(data));
    } else {
      if (exclusive) replaced_buffers.insert(source.buffer);
      t.buffer = g.AddBuffer(ConstBuffer::Owned(std::move(data)));
    }
    summary.int8_bytes_added += bytes;
    t.type = DType::kInt8;
    t.quantization = {};
    t.quantization.scale = q.scales;
    t.quantization.zero_point.assign(q.scales.size(), 0);
    t.quantization.quantized_dimension = dim;
    t.has_quantization = true;

    QuantizedWeight info;
    info.tensor = target;
    info.name = t.name;
    info.op = g.ops[ops.front()].type;
    info.quantized_dimension = dim;
    info.elements = ElementCount(t.shape);
    info.channels = static_cast<int32_t>(q.scales.size());
    info.zero_channels = static_cast<int32_t>(std::count(q.scales.begin(), q.scales.end(), 0.0f));
    summary.weights.push_back(std::move(info));
    hybrid_ops.insert(ops.begin(), ops.end());
  }

  for (size_t o : hybrid_ops) {
    Op& op = g.ops[o];
    if (op.type == OpType::kFullyConnected) {
      if (!std::holds_alternative<FullyConnectedOptions>(op.options)) op.options = FullyConnectedOptions{};
      std::get<FullyConnectedOptions>(op.options).asymmetric_quantize_inputs = true;
    }
    op.version = HybridOpVersion(g, op);
  }
  summary.ops_made_hybrid = hybrid_ops.size();

  UpdateMinRuntimeVersion(g, hybrid_ops);
  QB_RETURN_IF_ERROR(RecordConversionMetadata(g));
  summary.buffers_dropped = DropUnusedBuffers(g, replaced_buffers, summary.float_bytes_dropped);
  for (QuantizedWeight& w : summary.weights) w.name = g.tensors[static_cast<size_t>(w.tensor)].name;

  QB_RETURN_IF_ERROR(ValidateGraph(g).WithContext("the quantized model"));
  return DynamicRangeResult{std::move(out), std::move(summary)};
}

}  // namespace qb
