// Constructors of the float32 / hybrid reference kernels, one per op, for float_registry.cc. Each kernel
// validates its own tensors in Prepare; the registry only routes by op type and input type.
#pragma once

#include <memory>

#include "kernels/kernel.h"
#include "kernels/reference/hybrid_quantize.h"

namespace qb {

// Float and hybrid; `input_bits` is the hybrid input's width (hybrid_quantize.h: 7 only as the oracle of
// kernels that quantize to 7 bits).
std::unique_ptr<OpKernel> MakeFloatConv2DKernel(HybridInputBits input_bits = HybridInputBits::k8);
std::unique_ptr<OpKernel> MakeFloatDepthwiseConv2DKernel(HybridInputBits input_bits = HybridInputBits::k8);
std::unique_ptr<OpKernel> MakeFloatFullyConnectedKernel(HybridInputBits input_bits = HybridInputBits::k8);
std::unique_ptr<OpKernel> MakeFloatAveragePool2DKernel();
std::unique_ptr<OpKernel> MakeFloatMaxPool2DKernel();
std::unique_ptr<OpKernel> MakeFloatAddKernel();  // FLOAT32, INT32
std::unique_ptr<OpKernel> MakeFloatMulKernel();  // FLOAT32, INT32
std::unique_ptr<OpKernel> MakeFloatConcatenationKernel();
std::unique_ptr<OpKernel> MakeFloatMeanKernel();
std::unique_ptr<OpKernel> MakeFloatPadKernel();
std::unique_ptr<OpKernel> MakeFloatReshapeKernel();  // RESHAPE and SQUEEZE
std::unique_ptr<OpKernel> MakeFloatSoftmaxKernel();
std::unique_ptr<OpKernel> MakeFloatReluKernel();
std::unique_ptr<OpKernel> MakeFloatRelu6Kernel();
std::unique_ptr<OpKernel> MakeFloatLogisticKernel();
std::unique_ptr<OpKernel> MakeFloatHardSwishKernel();
std::unique_ptr<OpKernel> MakeFloatDequantizeKernel();
std::unique_ptr<OpKernel> MakeFloatShapeKernel();
std::unique_ptr<OpKernel> MakeFloatPackKernel();
std::unique_ptr<OpKernel> MakeFloatStridedSliceKernel();

}  // namespace qb
