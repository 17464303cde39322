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
  if (!IsFloatWeightedForm(io)) return nullptr;
  switch (op.type) {
    case OpType::kConv2D: return xnnpack::MakeConv2DKernel(num_threads);
    case OpType::kDepthwiseConv2D: return xnnpack::MakeDepthwiseConv2DKernel(num_threads);
    case OpType::kFullyConnected: return xnnpack::MakeFullyConnectedKernel(num_threads);
    default: return nullptr;
  }
}

}  // namespace qb
