// Prepare checks shared by the integer convolutions; see integer_conv_common.h.
#include "kernels/reference/integer_conv_common.h"

namespace qb {

Status CheckIntegerConvIo(const KernelIo& io) {
  if (io.inputs.size() < 2 || !io.has_input(1)) return Errorf("expected input, filter and optional bias");
  QB_RETURN_IF_ERROR(CheckInteger8InOut(io));
  QB_RETURN_IF_ERROR(CheckRank(io.in(0), "input 0", 4));
  return CheckRank(io.in(1), "filter (input 1)", 4);
}

}  // namespace qb
