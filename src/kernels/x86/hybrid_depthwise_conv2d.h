// quantbench's own hybrid DEPTHWISE_CONV_2D for x86-64 (float32 activations x constant INT8 filter, depth
// multiplier 1; semantics in reference/hybrid_quantize.h), the oneDNN backend's under the 7-bit caps (avx2,
// avx512_core): oneDNN 2.6's AVX2 int8 depthwise kernel (jit_uni_int8) took twice the float32 kernel's time
// on AMD Zen 3, more than all the quantization saved elsewhere in MobileNet, and its AVX-512 one 1.15x this
// kernel's on AMD Zen 4 (BENCHMARKS.md). Per image:
//   1. the input is quantized into scratch as the padded u8 image of the oneDNN kernels
//      (hybrid_input_quantizer.h: 8 or 7 bits, the cap's width; TensorFlow Lite's padding written as the
//      zero point, which adds 0 to the sums as the reference's skipped taps do);
//   2. every output row is computed by the AVX2 loop (hybrid_depthwise_avx2.h) — exact int32 sums of
//      (u - zero point) * w, then the reference's epilogue — channels past the last 16 by the reference's
//      own arithmetic; the rows shared among `num_threads` threads of the build's runtime.
// Bit for bit the reference hybrid kernel at the same width.
#pragma once

#include <memory>

#include "kernels/kernel.h"
#include "kernels/reference/hybrid_quantize.h"

namespace qb {

std::unique_ptr<OpKernel> MakeX86HybridDepthwiseConv2DKernel(HybridInputBits bits, int num_threads);

}  // namespace qb
