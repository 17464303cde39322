// The form the hybrid backends take over: CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED with float32
// input and output, a constant INT8 filter and an optional constant float32 bias (dynamic-range
// quantization's "hybrid" ops). Backends check it before they offer a kernel; the kernel's Prepare
// (through the reference's) validates the rest.
#pragma once

#include "kernels/kernel.h"

namespace qb {

inline bool IsHybridWeightedForm(const KernelIo& io) {
  if (!io.has_input(0) || !io.has_input(1) || io.outputs.size() != 1) return false;
  if (io.in(0).type != DType::kFloat32 || io.out(0).type != DType::kFloat32) return false;
  if (io.in(1).type != DType::kInt8 || !io.in(1).constant) return false;
  return !io.has_input(2) || (io.in(2).type == DType::kFloat32 && io.in(2).constant);
}

}  // namespace qb
