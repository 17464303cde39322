// The oneDNN float32 backend (x86-64): CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with float32
// weights on oneDNN primitives (forward inference, nhwc activations read and written in place — under the
// avx2 cap the wide square-filter convolutions reorder them to oneDNN's nChw8c and back —, weights
// reordered once into the layout the primitive picks, bias and clamp activations fused as post-ops), and
// their hybrid forms (INT8 weights) on oneDNN's u8 x s8 primitives, bit for bit equal to the reference
// hybrid kernels (onednn_hybrid_convolution.cc, onednn_hybrid_matmul.cc). Everything else runs on the
// reference kernels. oneDNN threads with OpenMP.
#pragma once

#include <cstdint>
#include <memory>

#include "core/shape.h"
#include "core/status.h"
#include "kernels/isa.h"
#include "kernels/kernel.h"

namespace qb {

// Caps oneDNN's instruction set at `isa` (once per process, before its first primitive; asking for a
// different cap later is an error) and sets the OpenMP thread count.
Status ConfigureOneDnn(IsaLevel isa, int num_threads);

// A oneDNN kernel for `op`, or nullptr when the backend does not handle the op or its form.
std::unique_ptr<OpKernel> CreateOneDnnKernel(const Op& op, const KernelIo& io, IsaLevel isa, int num_threads);

// A oneDNN hybrid kernel (u8 x s8 primitives, exact: reference/hybrid_quantize.h) for a hybrid CONV_2D,
// DEPTHWISE_CONV_2D or FULLY_CONNECTED, or nullptr for other ops and forms. Under the cap `isa` below
// avx512_core_vnni the input is quantized to 7 bits (oneDNN's vpmaddubsw path saturates on 8-bit data);
// there, depthwise convolutions of depth multiplier 1 run on quantbench's own AVX2 kernel
// (kernels/x86/hybrid_depthwise_conv2d.h), and under avx2 the others on the reference when their channels
// are not a multiple of 8.
std::unique_ptr<OpKernel> CreateOneDnnHybridKernel(const Op& op, const KernelIo& io, IsaLevel isa, int num_threads);

// Whether the float CONV_2D kernel for this filter ([Cout, KH, KW, Cin / groups]) adds a fused residual ADD
// itself (a sum post-op into its output): where it reads and writes nhwc in place, i.e. not under avx2 on a
// wide square filter (nChw8c). The runtime fuses only there.
bool OneDnnFloatConvolutionAddsResidual(const Shape& filter, int64_t input_channels, IsaLevel isa);

// Whether those kernels quantize inputs to 7 bits under the cap `isa` (below avx512_core_vnni).
bool OneDnnHybridInputsAreSevenBit(IsaLevel isa);

// Whether a hybrid op is a product of rows with the weights (FULLY_CONNECTED; a 1x1 CONV_2D over a 1x1
// image: a classifier head) under a 7-bit cap, where oneDNN 2.6 runs it on its gemm:jit, several times
// slower than quantbench's own GEMM (kernels/qgemm and its single-row kernel, measured on AVX2: VGG16's fc1
// 31.5 vs 5.4 ms), which the kernel factory then runs instead, on the same 7-bit inputs.
bool OneDnnHybridLeavesToOwnGemm(const Op& op, const KernelIo& io, IsaLevel isa);

}  // namespace qb
