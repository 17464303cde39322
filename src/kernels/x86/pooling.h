// quantbench's own float32 AVERAGE_POOL_2D and MAX_POOL_2D for x86-64 (NHWC), the oneDNN backend's pools:
// bit for bit the reference kernels' arithmetic (the in-bounds taps in the reference's order, the same
// divisor and activation), 32 channels at a time in AVX2 registers (pooling_avx2.h), the output rows
// shared among `num_threads` threads of the build's runtime (kernels/threading: OpenMP, the threads of
// oneDNN's primitives). oneDNN 2.6's own NHWC pooling (jit:avx2) took 1.3 ms for ResNet50's 3x3 stride-2
// pool, several times XNNPACK's, and XNNPACK's threads cannot share a model with OpenMP's
// (BENCHMARKS.md, "Pooling").
#pragma once

#include <memory>

#include "kernels/kernel.h"

namespace qb {

std::unique_ptr<OpKernel> MakeX86AveragePool2DKernel(int num_threads);
std::unique_ptr<OpKernel> MakeX86MaxPool2DKernel(int num_threads);

}  // namespace qb
