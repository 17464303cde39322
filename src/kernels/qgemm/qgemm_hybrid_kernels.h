// quantbench's own hybrid (dynamic-range) kernels, ARM64 and x86-64: CONV_2D, DEPTHWISE_CONV_2D and
// FULLY_CONNECTED with float32 activations and constant INT8 weights, bit-exact against the reference
// hybrid kernels (kernels/reference/hybrid_quantize.h): the same per-image input quantization (the
// reference's own function, or an exact SIMD copy of it), the same int32 accumulations, the same float epilogue.
//   CONV_2D:           im2col of a block of output positions + the level's int8 GEMM tile (qgemm.h)
//   FULLY_CONNECTED:   a block of input rows, each quantized on its own, + the same GEMM
//   DEPTHWISE_CONV_2D: an indirect kernel over the taps that read the input (dwconv_microkernels.h)
// The drivers are portable C++; only the microkernels are per ISA (qgemm_isa.h chooses them). Threads:
// `num_threads` of the build's runtime (kernels/threading/parallel_for.h) share the GEMM's row blocks (or
// its channels, qgemm.h) and the depthwise kernel's output rows; results do not depend on the count.
#pragma once

#include <memory>
#include <string_view>

#include "core/status.h"
#include "kernels/qgemm/qgemm_isa.h"
#include "kernels/kernel.h"
#include "kernels/reference/hybrid_quantize.h"

namespace qb {

// The own hybrid kernel for `op` at CapQGemmIsa(level), or nullptr when `op` is not a hybrid
// CONV_2D (groups = 1), DEPTHWISE_CONV_2D or FULLY_CONNECTED (the caller then falls back, e.g. to the
// reference kernel). The kernel's Prepare validates the op exactly as the reference does. `bits`: the
// input width, 8 (quantbench's hybrid semantics) or 7 where these kernels stand in for oneDNN's 7-bit
// ones (onednn_backend.h); the kernels are exact on either.
Result<std::unique_ptr<OpKernel>> CreateQGemmHybridKernel(const Op& op, const KernelIo& io, QGemmIsa level,
                                                         int num_threads, HybridInputBits bits = HybridInputBits::k8);

// The kernels themselves, for the factory (one file each).
std::unique_ptr<OpKernel> MakeQGemmHybridConv2DKernel(QGemmIsa isa, int num_threads, HybridInputBits bits);
std::unique_ptr<OpKernel> MakeQGemmHybridDepthwiseConv2DKernel(QGemmIsa isa, int num_threads, HybridInputBits bits);
std::unique_ptr<OpKernel> MakeQGemmHybridFullyConnectedKernel(QGemmIsa isa, int num_threads, HybridInputBits bits);

// What a kernel's Implementation() adds for its input width: nothing for 8 bits.
inline std::string_view QGemmInputBitsSuffix(HybridInputBits bits) {
  return bits == HybridInputBits::k7 ? " 7-bit inputs" : "";
}

}  // namespace qb
