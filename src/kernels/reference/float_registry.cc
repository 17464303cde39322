// The float half of the reference kernel factory: routes an op on float32 activations (with float32 or
// INT8 hybrid weights), DEQUANTIZE, or a type-agnostic shape op to its kernel in this folder. It only
// checks the input type an op's kernel family supports; the kernel's Prepare checks everything else.
#include <initializer_list>

#include "kernels/reference/float_kernels.h"
#include "kernels/reference/reference_kernels.h"

namespace qb {
namespace {

using KernelResult = Result<std::unique_ptr<OpKernel>>;

KernelResult Unsupported(const Op& op, DType type) {
  return Errorf("{} with {} input is not supported", OpTypeName(op.type), DTypeName(type));
}

// The kernel from `make` when input 0 has one of `types`, else an error naming the op and the type.
template <typename Make>
KernelResult IfInputType(const Op& op, const KernelIo& io, std::initializer_list<DType> types, Make&& make) {
  if (!io.has_input(0)) return Errorf("{} needs input 0", OpTypeName(op.type));
  for (DType type : types) {
    if (io.in(0).type == type) return make();
  }
  return Unsupported(op, io.in(0).type);
}

}  // namespace

Result<std::unique_ptr<OpKernel>> CreateFloatReferenceKernel(const Op& op, const KernelIo& io) {
  constexpr DType kF32 = DType::kFloat32;
  switch (op.type) {
    case OpType::kConv2D:
      return IfInputType(op, io, {kF32}, [] { return MakeFloatConv2DKernel(); });
    case OpType::kDepthwiseConv2D:
      return IfInputType(op, io, {kF32}, [] { return MakeFloatDepthwiseConv2DKernel(); });
    case OpType::kFullyConnected:
      return IfInputType(op, io, {kF32}, [] { return MakeFloatFullyConnectedKernel(); });
    case OpType::kAveragePool2D:
      return IfInputType(op, io, {kF32}, MakeFloatAveragePool2DKernel);
    case OpType::kMaxPool2D:
      return IfInputType(op, io, {kF32}, MakeFloatMaxPool2DKernel);
    case OpType::kAdd:
      return IfInputType(op, io, {kF32, DType::kInt32}, MakeFloatAddKernel);
    case OpType::kMul:
      return IfInputType(op, io, {kF32, DType::kInt32}, MakeFloatMulKernel);
    case OpType::kConcatenation:
      return IfInputType(op, io, {kF32, DType::kInt32, DType::kInt64, DType::kBool, DType::kInt8, DType::kUInt8},
                         MakeFloatConcatenationKernel);
    case OpType::kMean:
      return IfInputType(op, io, {kF32}, MakeFloatMeanKernel);
    case OpType::kPad:
      return IfInputType(op, io, {kF32, DType::kInt32, DType::kInt64}, MakeFloatPadKernel);
    case OpType::kReshape:
    case OpType::kSqueeze:
      return IfInputType(op, io,
                         {kF32, DType::kFloat16, DType::kInt32, DType::kInt64, DType::kInt8, DType::kUInt8,
                          DType::kInt16, DType::kBool, DType::kFloat64},
                         MakeFloatReshapeKernel);
    case OpType::kSoftmax:
      return IfInputType(op, io, {kF32}, MakeFloatSoftmaxKernel);
    case OpType::kRelu:
      return IfInputType(op, io, {kF32}, MakeFloatReluKernel);
    case OpType::kRelu6:
      return IfInputType(op, io, {kF32}, MakeFloatRelu6Kernel);
    case OpType::kLogistic:
      return IfInputType(op, io, {kF32}, MakeFloatLogisticKernel);
    case OpType::kHardSwish:
      return IfInputType(op, io, {kF32}, MakeFloatHardSwishKernel);
    case OpType::kDequantize:
      return IfInputType(op, io, {DType::kInt8, DType::kUInt8, DType::kInt16, DType::kFloat16},
                         MakeFloatDequantizeKernel);
    case OpType::kShape:
      return IfInputType(op, io,
                         {kF32, DType::kFloat16, DType::kInt32, DType::kInt64, DType::kInt8, DType::kUInt8,
                          DType::kInt16, DType::kBool, DType::kFloat64},
                         MakeFloatShapeKernel);
    case OpType::kPack:
      return IfInputType(op, io,
                         {kF32, DType::kFloat16, DType::kInt32, DType::kInt64, DType::kInt8, DType::kUInt8,
                          DType::kInt16, DType::kBool, DType::kFloat64},
                         MakeFloatPackKernel);
    case OpType::kStridedSlice:
      return IfInputType(op, io,
                         {kF32, DType::kFloat16, DType::kInt32, DType::kInt64, DType::kInt8, DType::kUInt8,
                          DType::kInt16, DType::kBool, DType::kFloat64},
                         MakeFloatStridedSliceKernel);
    case OpType::kQuantize:
      break;
  }
  return Errorf("{} is not supported by the float reference kernels", OpTypeName(op.type));
}

}  // namespace qb
