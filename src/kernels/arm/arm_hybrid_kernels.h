// quantbench's own hybrid (dynamic-range) kernels for ARM64: CONV_2D, DEPTHWISE_CONV_2D and
// FULLY_CONNECTED with float32 activations and constant INT8 weights, bit-exact against the reference
// hybrid kernels (kernels/reference/hybrid_quantize.h): the same per-image input quantization (the
// reference's own function), the same int32 accumulations, the same float epilogue.
//   CONV_2D:           im2col of 4 output positions at a time + the 4x4c16 int8 GEMM (qgemm.h)
//   FULLY_CONNECTED:   4 input rows at a time, each quantized on its own, + the same GEMM
//   DEPTHWISE_CONV_2D: an indirect NEON kernel over the taps that read the input (dwconv_microkernels.h)
// Built only for ARM64.
#pragma once

#include <memory>

#include "core/status.h"
#include "kernels/arm/arm_isa.h"
#include "kernels/kernel.h"

namespace qb {

// The ARM64 hybrid kernel for `op` at min(level, DetectArmIsa()), or nullptr when `op` is not a hybrid
// CONV_2D (groups = 1), DEPTHWISE_CONV_2D or FULLY_CONNECTED (the caller then falls back, e.g. to the
// reference kernel). The kernel's Prepare validates the op exactly as the reference does.
Result<std::unique_ptr<OpKernel>> CreateArmHybridKernel(const Op& op, const KernelIo& io,
                                                         ArmIsa level = ArmIsa::kNeonDot);

// The kernels themselves, for the factory (one file each).
std::unique_ptr<OpKernel> MakeArmHybridConv2DKernel(ArmIsa isa);
std::unique_ptr<OpKernel> MakeArmHybridDepthwiseConv2DKernel();
std::unique_ptr<OpKernel> MakeArmHybridFullyConnectedKernel(ArmIsa isa);

}  // namespace qb
