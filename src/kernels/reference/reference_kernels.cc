#include "kernels/reference/reference_kernels.h"

namespace qb {

Result<std::unique_ptr<OpKernel>> CreateReferenceKernel(const Op& op, const KernelIo& io) {
  switch (op.type) {
    case OpType::kQuantize:
      return CreateIntegerReferenceKernel(op, io);
    case OpType::kDequantize:
    case OpType::kReshape:
    case OpType::kSqueeze:
    case OpType::kShape:
    case OpType::kPack:
    case OpType::kStridedSlice:
      return CreateFloatReferenceKernel(op, io);
    default:
      break;
  }
  if (io.has_input(0) && IsQuantizedIntegerType(io.in(0).type)) return CreateIntegerReferenceKernel(op, io);
  return CreateFloatReferenceKernel(op, io);
}

}  // namespace qb
