// The reference kernels: plain C++ for every op quantbench runs, in float32, hybrid (float activations
// x int8 weights) and integer (uint8/int8 activations) forms. They are the oracle every optimized kernel
// is tested against, and the fallback for ops no faster backend implements.
#pragma once

#include <memory>

#include "core/status.h"
#include "kernels/kernel.h"

namespace qb {

// Picks the reference kernel for `op`, looking at its type and its tensors' types. Errors name what is
// not supported ("CONV_2D with INT16 input is not supported").
Result<std::unique_ptr<OpKernel>> CreateReferenceKernel(const Op& op, const KernelIo& io);

// The two halves CreateReferenceKernel dispatches to (float_registry.cc, integer_registry.cc).
// Float/hybrid: ops on float32 activations (incl. int8/float16 weights), DEQUANTIZE, and the
// type-agnostic shape ops (RESHAPE, SQUEEZE, SHAPE, PACK, STRIDED_SLICE).
Result<std::unique_ptr<OpKernel>> CreateFloatReferenceKernel(const Op& op, const KernelIo& io);
// Integer: QUANTIZE, and every other op whose activations are UINT8/INT8/INT16, with TensorFlow Lite's
// fixed-point semantics.
Result<std::unique_ptr<OpKernel>> CreateIntegerReferenceKernel(const Op& op, const KernelIo& io);

}  // namespace qb
