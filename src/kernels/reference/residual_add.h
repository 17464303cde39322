// A CONV_2D with a fused residual ADD (runtime/residual_fusion.h): inputs [x, filter, bias or -1, residual],
// output activation(conv(x) + residual), where conv(x) is the convolution without activation. Kernels that
// add the residual themselves (oneDNN's hybrid convolution: a sum post-op; quantbench's own hybrid
// convolution: in its output pass) take the fused op whole;
// any other runs the plain convolution inside ResidualAddKernel, which then adds the residual and applies the
// activation — the unfused ADD's arithmetic exactly. Every one of them allows the output to be the
// residual's memory (runtime/residual_fusion.h, ResidualsToShare): ResidualAddKernel saves it in scratch first.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>

#include "core/status.h"
#include "graph/graph.h"
#include "kernels/kernel.h"

namespace qb {

inline constexpr size_t kResidualInput = 3;

bool HasResidualAdd(const Op& op);

// The convolution of a fused op alone: activation NONE, without the residual input.
struct ResidualSplit {
  Op convolution;
  KernelIo io;
};
ResidualSplit SplitResidualAdd(const Op& op, const KernelIo& io);

// Checks the residual input: FLOAT32, of the output's shape.
Status CheckResidualInput(const KernelIo& io);

// Puts a fused residual's `count` values into the output, for a kernel that then sums its result into the
// output in place (oneDNN's sum post-op); nothing to copy where the runtime gave both one memory.
inline void PlaceResidualInOutput(const float* residual, float* output, int64_t count) {
  if (residual != output) std::copy_n(residual, count, output);
}

// Runs `convolution` (made for the split op) into the output, then adds the residual and clamps.
std::unique_ptr<OpKernel> MakeResidualAddKernel(std::unique_ptr<OpKernel> convolution);

}  // namespace qb
