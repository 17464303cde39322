#include "graph/graph.h"

#include <fmt/format.h>

namespace qb {

bool Graph::IsConstant(int32_t tensor_index) const {
  uint32_t b = tensors[static_cast<size_t>(tensor_index)].buffer;
  return b != 0 && b < buffers.size() && !buffers[b].empty();
}

const ConstBuffer& Graph::TensorData(int32_t tensor_index) const {
  static const ConstBuffer kEmpty;
  uint32_t b = tensors[static_cast<size_t>(tensor_index)].buffer;
  return b < buffers.size() ? buffers[b] : kEmpty;
}

uint32_t Graph::AddBuffer(ConstBuffer buffer) {
  buffers.push_back(std::move(buffer));
  return static_cast<uint32_t>(buffers.size() - 1);
}

namespace {

Status ValidateTensor(const Graph& graph, size_t index) {
  const Tensor& t = graph.tensors[index];
  auto where = [&] { return fmt::format("tensor {} '{}'", index, t.name); };
  auto count = CheckedElementCount(t.shape);
  if (!count) {
    return Errorf("{}: shape {} has a negative or impossibly large dimension", where(), ShapeToString(t.shape));
  }
  if (t.buffer >= graph.buffers.size()) {
    return Errorf("{}: buffer index {} is out of range (the model has {} buffers)", where(), t.buffer,
                  graph.buffers.size());
  }
  const ConstBuffer& data = graph.buffers[t.buffer];
  if (!data.empty() && DTypeSize(t.type) != 0) {
    uint64_t expected = static_cast<uint64_t>(*count) * DTypeSize(t.type);
    if (data.size() != expected) {
      return Errorf("{}: shape {} of {} needs {} bytes but its buffer {} holds {}", where(), ShapeToString(t.shape),
                    DTypeName(t.type), expected, t.buffer, data.size());
    }
  }
  const Quantization& q = t.quantization;
  if (q.scale.size() > 1) {
    if (q.quantized_dimension < 0 || static_cast<size_t>(q.quantized_dimension) >= t.shape.size()) {
      return Errorf("{}: quantized_dimension {} is outside its shape {}", where(), q.quantized_dimension,
                    ShapeToString(t.shape));
    }
    if (static_cast<int64_t>(q.scale.size()) != t.shape[static_cast<size_t>(q.quantized_dimension)]) {
      return Errorf("{}: {} per-channel scales for dimension {} of size {}", where(), q.scale.size(),
                    q.quantized_dimension, t.shape[static_cast<size_t>(q.quantized_dimension)]);
    }
  }
  if (!q.zero_point.empty() && q.zero_point.size() != q.scale.size()) {
    return Errorf("{}: {} zero points for {} scales", where(), q.zero_point.size(), q.scale.size());
  }
  return OkStatus();
}

// Option values no kernel can run with (zero strides, dilations or windows) are refused here, once for
// every backend.
Status ValidateOptions(const OpOptions& options) {
  auto positive = [](std::string_view what, int32_t w, int32_t h) -> Status {
    if (w < 1 || h < 1) return Errorf("{} must be at least 1, got {}x{} (w x h)", what, w, h);
    return OkStatus();
  };
  if (const auto* o = std::get_if<Conv2DOptions>(&options)) {
    QB_RETURN_IF_ERROR(positive("stride", o->stride_w, o->stride_h));
    return positive("dilation", o->dilation_w, o->dilation_h);
  }
  if (const auto* o = std::get_if<DepthwiseConv2DOptions>(&options)) {
    QB_RETURN_IF_ERROR(positive("stride", o->stride_w, o->stride_h));
    return positive("dilation", o->dilation_w, o->dilation_h);
  }
  if (const auto* o = std::get_if<Pool2DOptions>(&options)) {
    QB_RETURN_IF_ERROR(positive("stride", o->stride_w, o->stride_h));
    return positive("filter size", o->filter_w, o->filter_h);
  }
  return OkStatus();
}

Status CheckIndex(const Graph& graph, int32_t index, bool optional, const std::string& where) {
  if (optional && index == -1) return OkStatus();
  if (index < 0 || static_cast<size_t>(index) >= graph.tensors.size()) {
    return Errorf("{}: tensor index {} is out of range (the model has {} tensors)", where, index,
                  graph.tensors.size());
  }
  return OkStatus();
}

}  // namespace

Status ValidateGraph(const Graph& graph) {
  if (graph.buffers.empty()) return Errorf("the model has no buffers (buffer 0 must exist as an empty sentinel)");
  for (size_t i = 0; i < graph.tensors.size(); ++i) QB_RETURN_IF_ERROR(ValidateTensor(graph, i));

  std::vector<bool> available(graph.tensors.size(), false);
  for (int32_t index : graph.inputs) {
    QB_RETURN_IF_ERROR(CheckIndex(graph, index, false, "subgraph input"));
    available[static_cast<size_t>(index)] = true;
  }
  for (size_t i = 0; i < graph.tensors.size(); ++i) {
    if (graph.IsConstant(static_cast<int32_t>(i)) || graph.tensors[i].is_variable) available[i] = true;
  }
  for (size_t op_index = 0; op_index < graph.ops.size(); ++op_index) {
    const Op& op = graph.ops[op_index];
    std::string where = fmt::format("op {} ({} v{})", op_index, OpTypeName(op.type), op.version);
    int max_version = MaxSupportedVersion(op.type);
    if (op.version < 1 || op.version > max_version) {
      return Errorf("{}: version {} is not supported (quantbench runs {} versions 1 to {})", where, op.version,
                    OpTypeName(op.type), max_version);
    }
    QB_RETURN_IF_ERROR(ValidateOptions(op.options).WithContext(where));
    for (int32_t index : op.inputs) {
      QB_RETURN_IF_ERROR(CheckIndex(graph, index, true, where + " input"));
      if (index >= 0 && !available[static_cast<size_t>(index)]) {
        return Errorf("{}: input tensor {} '{}' is used before any op produces it", where, index,
                      graph.tensors[static_cast<size_t>(index)].name);
      }
    }
    for (int32_t index : op.intermediates) QB_RETURN_IF_ERROR(CheckIndex(graph, index, false, where + " intermediate"));
    for (int32_t index : op.outputs) {
      QB_RETURN_IF_ERROR(CheckIndex(graph, index, false, where + " output"));
      if (graph.IsConstant(index)) {
        return Errorf("{}: output tensor {} '{}' is a constant", where, index,
                      graph.tensors[static_cast<size_t>(index)].name);
      }
      available[static_cast<size_t>(index)] = true;
    }
  }
  for (int32_t index : graph.outputs) {
    QB_RETURN_IF_ERROR(CheckIndex(graph, index, false, "subgraph output"));
    if (!available[static_cast<size_t>(index)]) {
      return Errorf("subgraph output tensor {} '{}' is never produced", index,
                    graph.tensors[static_cast<size_t>(index)].name);
    }
  }
  for (const SignatureDef& sig : graph.signatures) {
    for (const auto* list : {&sig.inputs, &sig.outputs}) {
      for (const auto& entry : *list) {
        QB_RETURN_IF_ERROR(CheckIndex(graph, static_cast<int32_t>(entry.tensor_index), false,
                                      fmt::format("signature '{}' entry '{}'", sig.key, entry.name)));
      }
    }
  }
  for (const Metadata& m : graph.metadata) {
    if (m.buffer >= graph.buffers.size()) {
      return Errorf("metadata '{}': buffer index {} is out of range", m.name, m.buffer);
    }
  }
  return OkStatus();
}

}  // namespace qb
