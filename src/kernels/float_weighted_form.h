// The form the float backends take over: a float32 op with constant float32 weights (CONV_2D,
// DEPTHWISE_CONV_2D, FULLY_CONNECTED) — not the hybrid form with int8 weights, not weights computed at
// run time. Backends check it before they offer a kernel; the kernel's Prepare validates the rest.
#pragma once

#include "kernels/kernel.h"

namespace qb {

inline bool IsFloatWeightedForm(const KernelIo& io) {
  auto constant_float = [](const RuntimeTensor& t) { return t.type == DType::kFloat32 && t.constant; };
  if (!io.has_input(0) || !io.has_input(1) || io.outputs.size() != 1) return false;
  if (io.in(0).type != DType::kFloat32 || io.out(0).type != DType::kFloat32) return false;
  if (!constant_float(io.in(1))) return false;
  return !io.has_input(2) || constant_float(io.in(2));
}

}  // namespace qb
