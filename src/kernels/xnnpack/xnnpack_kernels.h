// Constructors of the XNNPACK kernels, for xnnpack_backend.cc. Each kernel validates the op with the
// reference kernel's Prepare (the one place an op's rules live) before it creates its operator.
#pragma once

#include <memory>

#include "kernels/kernel.h"

namespace qb::xnnpack {

std::unique_ptr<OpKernel> MakeConv2DKernel(int num_threads);
std::unique_ptr<OpKernel> MakeDepthwiseConv2DKernel(int num_threads);
std::unique_ptr<OpKernel> MakeFullyConnectedKernel(int num_threads);
std::unique_ptr<OpKernel> MakeAveragePool2DKernel(int num_threads);
std::unique_ptr<OpKernel> MakeMaxPool2DKernel(int num_threads);
std::unique_ptr<OpKernel> MakeAddKernel(int num_threads);  // same-shape ADD

// Whether XNNPACK's pooling takes this op's window: more than one tap, strides within the window, the
// window within the image.
bool XnnpackTakesPoolWindow(const Op& op, const KernelIo& io);

}  // namespace qb::xnnpack
