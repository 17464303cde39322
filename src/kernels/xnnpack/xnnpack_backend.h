// The XNNPACK float32 backend (Debian's 2022 libxnnpack; ARM64's float backend, the peer on x86-64):
// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with float32 weights on XNNPACK operators, which pack
// the weights when they are created, and AVERAGE_POOL_2D, MAX_POOL_2D and same-shape ADD (the ops TensorFlow
// Lite's XNNPACK delegate also takes); the fused activation is the operator's output clamp. XNNPACK picks
// its microkernels from the CPU itself (the --isa cap does not bind it). Threads: a pthreadpool.
#pragma once

#include <memory>

#include "core/status.h"
#include "kernels/kernel.h"

namespace qb {

// Initializes XNNPACK once per process.
Status ConfigureXnnpack();

// An XNNPACK kernel for `op`, or nullptr when the backend does not handle the op or its form.
std::unique_ptr<OpKernel> CreateXnnpackKernel(const Op& op, const KernelIo& io, int num_threads);

}  // namespace qb
