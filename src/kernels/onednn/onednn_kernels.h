// Constructors of the oneDNN kernels, for onednn_backend.cc. Each kernel validates the op with the
// reference kernel's Prepare (the one place an op's rules live) before it builds its primitive.
#pragma once

#include <memory>

#include "kernels/kernel.h"

namespace qb::onednn {

std::unique_ptr<OpKernel> MakeConv2DKernel();
std::unique_ptr<OpKernel> MakeDepthwiseConv2DKernel();
std::unique_ptr<OpKernel> MakeFullyConnectedKernel();
std::unique_ptr<OpKernel> MakeAveragePool2DKernel();
std::unique_ptr<OpKernel> MakeMaxPool2DKernel();
// ADD of two inputs of the same shape (broadcasting ADDs stay on the reference kernel).
std::unique_ptr<OpKernel> MakeAddKernel();

}  // namespace qb::onednn
