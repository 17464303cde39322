// The integer half of the reference kernel factory: QUANTIZE, and the ops whose input 0 is UINT8, INT8
// or INT16 (see reference_kernels.h). Only 8-bit activations are implemented; the kernels' Prepare
// checks everything else.
#include "kernels/reference/integer_common.h"
#include "kernels/reference/reference_kernels.h"

namespace qb {

Result<std::unique_ptr<OpKernel>> CreateIntegerReferenceKernel(const Op& op, const KernelIo& io) {
  if (op.type == OpType::kQuantize) return NewIntegerQuantize();
  if (!io.has_input(0)) return Errorf("{} has no input 0", OpTypeName(op.type));
  const DType type = io.in(0).type;
  if (!IsInteger8(type)) {
    return Errorf("{} with {} input is not supported", OpTypeName(op.type), DTypeName(type));
  }
  switch (op.type) {
    case OpType::kConv2D: return NewIntegerConv2D();
    case OpType::kDepthwiseConv2D: return NewIntegerDepthwiseConv2D();
    case OpType::kFullyConnected: return NewIntegerFullyConnected();
    case OpType::kAveragePool2D:
    case OpType::kMaxPool2D: return NewIntegerPool2D(op.type);
    case OpType::kAdd:
    case OpType::kMul: return NewIntegerElementwise(op.type);
    case OpType::kConcatenation: return NewIntegerConcatenation();
    case OpType::kMean: return NewIntegerMean();
    case OpType::kPad: return NewIntegerPad();
    case OpType::kSoftmax: return NewIntegerSoftmax();
    case OpType::kLogistic:
    case OpType::kHardSwish:
    case OpType::kRelu:
    case OpType::kRelu6: return NewIntegerActivation(op.type);
    default: break;
  }
  return Errorf("{} with {} input is not supported", OpTypeName(op.type), DTypeName(type));
}

}  // namespace qb
