#include "runtime/residual_fusion.h"

#include <optional>

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
    fused.inputs.resize(3, -1);
    fused.inputs.push_back(residual);
    fused.outputs = {out};
    add = std::move(fused);  // at the ADD's place: every input of both ops exists there
    dropped[conv] = true;
  }
  return WithoutDropped(std::move(ops), dropped);
}

}  // namespace qb
