// The forms the float backends take over. Weighted: a float32 op with constant float32 weights (CONV_2D,
// DEPTHWISE_CONV_2D, FULLY_CONNECTED) — not the hybrid form with int8 weights, not weights computed at
// run time; unary and same-shape binary float32 ops (pooling, ADD, SOFTMAX), ops with constant parameters
// (MEAN, PAD) and many-to-one ops (CONCATENATION). Backends check the form before they
// offer a kernel; the kernel's Prepare validates the rest.
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

// A float32 op of one input and one output (pooling).
inline bool IsFloatUnaryForm(const KernelIo& io) {
  return io.inputs.size() == 1 && io.has_input(0) && io.outputs.size() == 1 &&
         io.in(0).type == DType::kFloat32 && io.out(0).type == DType::kFloat32;
}

// A float32 op of one data input, constant parameter inputs after it (MEAN's axes, PAD's paddings) and
// one output, none of them empty.
inline bool IsFloatDataWithConstantParametersForm(const KernelIo& io) {
  if (io.inputs.size() < 2 || !io.has_input(0) || io.outputs.size() != 1) return false;
  if (io.in(0).type != DType::kFloat32 || io.out(0).type != DType::kFloat32) return false;
  if (io.in(0).num_elements() == 0 || io.out(0).num_elements() == 0) return false;
  for (size_t i = 1; i < io.inputs.size(); ++i) {
    if (!io.has_input(i) || !io.in(i).constant) return false;
  }
  return true;
}

// Float32 inputs (at least one, none empty) and one float32 output: CONCATENATION.
inline bool IsFloatManyToOneForm(const KernelIo& io) {
  if (io.inputs.empty() || io.outputs.size() != 1 || io.out(0).type != DType::kFloat32) return false;
  for (size_t i = 0; i < io.inputs.size(); ++i) {
    if (!io.has_input(i) || io.in(i).type != DType::kFloat32 || io.in(i).num_elements() == 0) return false;
  }
  return true;
}

// A float32 elementwise op of two inputs of the output's shape (no broadcasting).
inline bool IsFloatSameShapeBinaryForm(const KernelIo& io) {
  if (io.inputs.size() != 2 || !io.has_input(0) || !io.has_input(1) || io.outputs.size() != 1) return false;
  for (const RuntimeTensor* t : {io.inputs[0], io.inputs[1], io.outputs[0]}) {
    if (t->type != DType::kFloat32 || t->shape != io.out(0).shape) return false;
  }
  return true;
}

}  // namespace qb
