// CreateQGemmHybridKernel: which ops quantbench's own hybrid kernels take (qgemm_hybrid_kernels.h).
#include "kernels/qgemm/qgemm_hybrid_kernels.h"

namespace qb {
namespace {

// Float activations and a constant INT8 filter: a hybrid op. Anything else (or a malformed op, which the
// reference kernel then reports) is not ours.
bool IsHybrid(const KernelIo& io) {
  return io.inputs.size() >= 2 && io.has_input(0) && io.has_input(1) && io.outputs.size() == 1 &&
         io.in(0).type == DType::kFloat32 && io.in(1).type == DType::kInt8 && io.in(1).constant &&
         io.out(0).type == DType::kFloat32;
}

// One group: the filter reads every input channel (grouped convolutions stay on the reference kernel).
bool IsUngroupedConv(const KernelIo& io) {
  return io.in(0).rank() == 4 && io.in(1).rank() == 4 && io.in(0).dim(3) == io.in(1).dim(3);
}

}  // namespace

Result<std::unique_ptr<OpKernel>> CreateQGemmHybridKernel(const Op& op, const KernelIo& io, QGemmIsa level,
                                                         int num_threads, HybridInputBits bits) {
  if (!IsHybrid(io)) return std::unique_ptr<OpKernel>();
  const QGemmIsa isa = CapQGemmIsa(level);
  switch (op.type) {
    case OpType::kConv2D:
      if (!IsUngroupedConv(io)) return std::unique_ptr<OpKernel>();
      return MakeQGemmHybridConv2DKernel(isa, num_threads, bits);
    case OpType::kDepthwiseConv2D:
      return MakeQGemmHybridDepthwiseConv2DKernel(isa, num_threads, bits);
    case OpType::kFullyConnected:
      return MakeQGemmHybridFullyConnectedKernel(isa, num_threads, bits);
    default:
      return std::unique_ptr<OpKernel>();
  }
}

}  // namespace qb
