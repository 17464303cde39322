#include "runtime/pad_folding.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "runtime/non_negative_tensors.h"
#include "runtime/op_rewrite_util.h"

namespace qb {
namespace {

// The spatial padding of a float32 PAD over a rank-4 tensor with constant INT32 paddings that pad neither
// the batch nor the channels; nullopt for any other PAD.
std::optional<FoldedPadding> SpatialPadding(const Graph& graph, const Op& pad) {
  if (pad.type != OpType::kPad || pad.inputs.size() != 2 || pad.outputs.size() != 1) return std::nullopt;
  const int32_t data = pad.inputs[0], paddings = pad.inputs[1];
  if (data < 0 || paddings < 0 || !graph.IsConstant(paddings)) return std::nullopt;
  const Tensor& input = graph.tensors[static_cast<size_t>(data)];
  const Tensor& spec = graph.tensors[static_cast<size_t>(paddings)];
  if (input.type != DType::kFloat32 || input.shape.size() != 4 || spec.type != DType::kInt32 ||
      spec.shape != Shape{4, 2}) {
    return std::nullopt;
  }
  const auto p = graph.ConstantAs<int32_t>(paddings);
  if (p.size() != 8 || p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0) return std::nullopt;
  if (std::any_of(p.begin(), p.end(), [](int32_t v) { return v < 0; })) return std::nullopt;
  return FoldedPadding{.top = p[2], .bottom = p[3], .left = p[4], .right = p[5]};
}

// The VALID convolution's (or max pool's) folded padding, or nullptr for any other op. A max pool ignores
// its padding and would take the PAD's zeros into its maximum: equal only over values >= 0
// (`input_non_negative`), where a zero never exceeds the window's largest value.
FoldedPadding* FoldTarget(Op& op, bool input_non_negative) {
  if (op.type == OpType::kMaxPool2D && input_non_negative) {
    auto* options = std::get_if<Pool2DOptions>(&op.options);
    return options != nullptr && options->padding == Padding::kValid ? &options->folded_padding : nullptr;
  }
  if (op.type == OpType::kConv2D) {
    auto* options = std::get_if<Conv2DOptions>(&op.options);
    return options != nullptr && options->padding == Padding::kValid ? &options->folded_padding : nullptr;
  }
  if (op.type == OpType::kDepthwiseConv2D) {
    auto* options = std::get_if<DepthwiseConv2DOptions>(&op.options);
    return options != nullptr && options->padding == Padding::kValid ? &options->folded_padding : nullptr;
  }
  return nullptr;
}

}  // namespace

std::vector<Op> FoldPadsIntoConvolutions(const Graph& graph, std::vector<Op> ops) {
  const std::vector<std::vector<int32_t>> readers = TensorReaders(graph, ops);
  const std::vector<bool> non_negative = NonNegativeTensors(graph, ops);
  std::vector<bool> dropped(ops.size(), false);
  for (size_t i = 0; i < ops.size(); ++i) {
    const std::optional<FoldedPadding> padding = SpatialPadding(graph, ops[i]);
    if (!padding) continue;
    const int32_t padded = ops[i].outputs[0];
    if (padded < 0) continue;
    const std::vector<int32_t>& users = readers[static_cast<size_t>(padded)];
    if (users.size() != 1 || users[0] < 0) continue;
    Op& conv = ops[static_cast<size_t>(users[0])];
    FoldedPadding* target = FoldTarget(conv, non_negative[static_cast<size_t>(ops[i].inputs[0])]);
    if (target == nullptr || *target != FoldedPadding{} || conv.inputs.empty() || conv.inputs[0] != padded) continue;
    *target = *padding;
    conv.inputs[0] = ops[i].inputs[0];
    dropped[i] = true;
  }
  return WithoutDropped(std::move(ops), dropped);
}

}  // namespace qb
