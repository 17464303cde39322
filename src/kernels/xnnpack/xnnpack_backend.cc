#include "kernels/xnnpack/xnnpack_backend.h"

#include "kernels/float_weighted_form.h"
#include "kernels/xnnpack/xnnpack_kernels.h"
#include "kernels/xnnpack/xnnpack_operator.h"

namespace qb {

Status ConfigureXnnpack() {
  static const xnn_status status = xnn_initialize(nullptr);
  return xnnpack::CheckXnn(status, "xnn_initialize");
}

std::unique_ptr<OpKernel> CreateXnnpackKernel(const Op& op, const KernelIo& io, int num_threads) {
  switch (op.type) {
    case OpType::kConv2D:
      return IsFloatWeightedForm(io) ? xnnpack::MakeConv2DKernel(num_threads) : nullptr;
    case OpType::kDepthwiseConv2D:
      return IsFloatWeightedForm(io) ? xnnpack::MakeDepthwiseConv2DKernel(num_threads) : nullptr;
    case OpType::kFullyConnected:
      return IsFloatWeightedForm(io) ? xnnpack::MakeFullyConnectedKernel(num_threads) : nullptr;
    case OpType::kAveragePool2D:
      if (!IsFloatUnaryForm(io) || !xnnpack::XnnpackTakesPoolWindow(op, io)) return nullptr;
      return xnnpack::MakeAveragePool2DKernel(num_threads);
    case OpType::kMaxPool2D:
      if (!IsFloatUnaryForm(io) || !xnnpack::XnnpackTakesPoolWindow(op, io)) return nullptr;
      return xnnpack::MakeMaxPool2DKernel(num_threads);
    case OpType::kAdd:
      return IsFloatSameShapeBinaryForm(io) ? xnnpack::MakeAddKernel(num_threads) : nullptr;
    default: return nullptr;
  }
}

}  // namespace qb
