#include "runtime/residual_fusion.h"

#include <algorithm>
#include <optional>

#include "kernels/reference/residual_add.h"  // kResidualInput: where the fused op carries the residual
#include "runtime/op_rewrite_util.h"

namespace qb {
namespace {

bool IsFloat(const Graph& graph, int32_t tensor) {
  return tensor >= 0 && graph.tensors[static_cast<size_t>(tensor)].type == DType::kFloat32;
}

}  // namespace

std::vector<Op> FuseResidualAdds(const Graph& graph, std::vector<Op> ops,
                                 const std::function<bool(const Op& convolution)>& fuse) {
  const std::vector<std::vector<int32_t>> readers = TensorReaders(graph, ops);
  std::vector<int32_t> producer(graph.tensors.size(), -1);
  for (size_t i = 0; i < ops.size(); ++i) {
    for (int32_t t : ops[i].outputs) {
      if (t >= 0) producer[static_cast<size_t>(t)] = static_cast<int32_t>(i);
    }
  }
  // The unfused convolution whose output `tensor` only the ADD `add` reads; nullopt otherwise.
  auto fusible_conv = [&](int32_t tensor, size_t add) -> std::optional<size_t> {
    if (tensor < 0 || producer[static_cast<size_t>(tensor)] < 0) return std::nullopt;
    const auto conv = static_cast<size_t>(producer[static_cast<size_t>(tensor)]);
    const Op& op = ops[conv];
    const auto* options = std::get_if<Conv2DOptions>(&op.options);
    const std::vector<int32_t>& users = readers[static_cast<size_t>(tensor)];
    if (op.type != OpType::kConv2D || options == nullptr || options->fused_residual_add ||
        options->activation != Activation::kNone || op.outputs.size() != 1 || op.inputs.size() < 2 ||
        op.inputs.size() > 3 || users.size() != 1 || users[0] != static_cast<int32_t>(add) || !fuse(op)) {
      return std::nullopt;
    }
    return conv;
  };

  std::vector<bool> dropped(ops.size(), false);
  for (size_t i = 0; i < ops.size(); ++i) {
    Op& add = ops[i];
    const auto* add_options = std::get_if<AddOptions>(&add.options);
    if (add.type != OpType::kAdd || add_options == nullptr || add.inputs.size() != 2 || add.outputs.size() != 1) {
      continue;
    }
    const int32_t a = add.inputs[0], b = add.inputs[1], out = add.outputs[0];
    if (a == b || !IsFloat(graph, a) || !IsFloat(graph, b) || !IsFloat(graph, out)) continue;
    const Shape& shape = graph.tensors[static_cast<size_t>(out)].shape;
    if (graph.tensors[static_cast<size_t>(a)].shape != shape || graph.tensors[static_cast<size_t>(b)].shape != shape) {
      continue;
    }
    // Of two candidates, the later convolution (its input lives the shortest).
    std::optional<size_t> conv_a = fusible_conv(a, i), conv_b = fusible_conv(b, i);
    if (conv_a && conv_b) (*conv_a > *conv_b ? conv_b : conv_a).reset();
    if (!conv_a && !conv_b) continue;
    const size_t conv = conv_a ? *conv_a : *conv_b;
    const int32_t residual = conv_a ? b : a;
    Op fused = ops[conv];
    auto& options = std::get<Conv2DOptions>(fused.options);
    options.fused_residual_add = true;
    options.activation = add_options->activation;
    fused.inputs.resize(kResidualInput, -1);
    fused.inputs.push_back(residual);
    fused.outputs = {out};
    add = std::move(fused);  // at the ADD's place: every input of both ops exists there
    dropped[conv] = true;
  }
  return WithoutDropped(std::move(ops), dropped);
}

std::vector<std::pair<int32_t, int32_t>> ResidualsToShare(const Graph& graph, const std::vector<Op>& ops,
                                                          const std::vector<int32_t>& last_reader) {
  std::vector<bool> graph_input(graph.tensors.size(), false);
  for (int32_t t : graph.inputs) {
    if (t >= 0) graph_input[static_cast<size_t>(t)] = true;
  }
  std::vector<std::pair<int32_t, int32_t>> pairs;
  for (size_t i = 0; i < ops.size(); ++i) {
    const Op& op = ops[i];
    const auto* options = std::get_if<Conv2DOptions>(&op.options);
    if (options == nullptr || !options->fused_residual_add || op.inputs.size() != kResidualInput + 1 ||
        op.outputs.size() != 1) {
      continue;
    }
    const int32_t residual = op.inputs[kResidualInput], out = op.outputs[0];
    if (residual < 0 || out < 0) continue;
    const Tensor& r = graph.tensors[static_cast<size_t>(residual)];
    const Tensor& o = graph.tensors[static_cast<size_t>(out)];
    const auto convolution_inputs_end = op.inputs.begin() + kResidualInput;
    const bool other_input = std::find(op.inputs.begin(), convolution_inputs_end, residual) != convolution_inputs_end;
    if (graph.IsConstant(residual) || r.is_variable || o.is_variable || graph_input[static_cast<size_t>(residual)] ||
        other_input || last_reader[static_cast<size_t>(residual)] != static_cast<int32_t>(i) || r.type != o.type ||
        r.shape != o.shape || o.shape.empty() || o.shape[0] != 1) {
      continue;
    }
    pairs.emplace_back(out, residual);
  }
  return pairs;
}

}  // namespace qb
