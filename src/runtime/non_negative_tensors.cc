#include "runtime/non_negative_tensors.h"

#include <variant>

namespace qb {
namespace {

// The op's fused activation (kNone for ops without one).
Activation FusedActivation(const Op& op) {
  return std::visit(
      [](const auto& options) {
        if constexpr (requires { options.activation; }) {
          return options.activation;
        } else {
          return Activation::kNone;
        }
      },
      op.options);
}

// Ops whose output is >= 0 when their data inputs are (the data input of PAD, RESHAPE and SQUEEZE is 0;
// PAD pads with zeros when it has no constant-value input).
bool KeepsNonNegative(const Op& op) {
  switch (op.type) {
    case OpType::kMaxPool2D:
    case OpType::kAveragePool2D:
    case OpType::kMean:
    case OpType::kConcatenation:
    case OpType::kAdd:
    case OpType::kReshape:
    case OpType::kSqueeze:
      return true;
    case OpType::kPad:
      return op.inputs.size() == 2;
    default:
      return false;
  }
}

// The inputs that carry data (not MEAN's axes, PAD's paddings or RESHAPE's shape).
size_t DataInputs(const Op& op) {
  switch (op.type) {
    case OpType::kConcatenation:
    case OpType::kAdd:
      return op.inputs.size();
    default:
      return 1;
  }
}

}  // namespace

std::vector<bool> NonNegativeTensors(const Graph& graph, const std::vector<Op>& ops) {
  std::vector<bool> non_negative(graph.tensors.size(), false);
  for (const Op& op : ops) {
    if (op.outputs.size() != 1 || op.outputs[0] < 0) continue;
    const auto output = static_cast<size_t>(op.outputs[0]);
    if (graph.tensors[output].type != DType::kFloat32) continue;
    const Activation activation = FusedActivation(op);
    bool result = op.type == OpType::kRelu || op.type == OpType::kRelu6 || activation == Activation::kRelu ||
                  activation == Activation::kRelu6;
    if (!result && KeepsNonNegative(op) && activation == Activation::kNone && !op.inputs.empty()) {
      result = true;
      for (size_t i = 0; i < DataInputs(op) && i < op.inputs.size(); ++i) {
        const int32_t input = op.inputs[i];
        result = result && input >= 0 && non_negative[static_cast<size_t>(input)];
      }
    }
    non_negative[output] = result;
  }
  return non_negative;
}

}  // namespace qb
