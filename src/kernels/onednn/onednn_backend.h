// The oneDNN float32 backend (x86-64): CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with float32
// weights on oneDNN primitives (forward inference, nhwc activations read and written in place, weights
// reordered once into the layout the primitive picks, bias and clamp activations fused as post-ops), and
// their hybrid forms (INT8 weights) on oneDNN's u8 x s8 primitives, bit for bit equal to the reference
// hybrid kernels (onednn_hybrid_convolution.cc, onednn_hybrid_matmul.cc). Everything else runs on the
// reference kernels. oneDNN threads with OpenMP.
#pragma once

#include <memory>

#include "core/status.h"
#include "kernels/isa.h"
#include "kernels/kernel.h"

namespace qb {

// Caps oneDNN's instruction set at `isa` (once per process, before its first primitive; asking for a
// different cap later is an error) and sets the OpenMP thread count.
Status ConfigureOneDnn(IsaLevel isa, int num_threads);

// A oneDNN kernel for `op`, or nullptr when the backend does not handle the op or its form.
std::unique_ptr<OpKernel> CreateOneDnnKernel(const Op& op, const KernelIo& io, int num_threads);

// A oneDNN hybrid kernel (u8 x s8 primitives, exact: reference/hybrid_quantize.h) for a hybrid CONV_2D,
// DEPTHWISE_CONV_2D or FULLY_CONNECTED, or nullptr for other ops and forms. Under the cap `isa` below
// avx512_core_vnni the input is quantized to 7 bits (oneDNN's vpmaddubsw path saturates on 8-bit data);
// under avx2, depthwise convolutions whose channels are not a multiple of 8 are left to the reference.
std::unique_ptr<OpKernel> CreateOneDnnHybridKernel(const Op& op, const KernelIo& io, IsaLevel isa, int num_threads);

// Whether those kernels quantize inputs to 7 bits under the cap `isa` (below avx512_core_vnni).
bool OneDnnHybridInputsAreSevenBit(IsaLevel isa);

}  // namespace qb
