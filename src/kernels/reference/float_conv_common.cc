// Prepare checks shared by the float and hybrid convolutions; see float_conv_common.h.
#include "kernels/reference/float_conv_common.h"

namespace qb {

Status CheckFloatConvIo(const KernelIo& io) {
  QB_RETURN_IF_ERROR(CheckArity(io, 2, 3));
  QB_RETURN_IF_ERROR(CheckType(io.in(0), "input", DType::kFloat32));
  QB_RETURN_IF_ERROR(CheckType(io.out(0), "output", DType::kFloat32));
  QB_RETURN_IF_ERROR(CheckRank(io.in(0), "input", 4));
  return CheckRank(io.in(1), "filter", 4);
}

}  // namespace qb
