// Constructors of the oneDNN kernels, for onednn_backend.cc. Each kernel validates the op with the
// reference kernel's Prepare (the one place an op's rules live) before it builds its primitive.
#pragma once

#include <memory>
#include <string>

#include "kernels/kernel.h"
#include "kernels/reference/hybrid_quantize.h"

namespace qb::onednn {

// How a float convolution's primitive holds its activations: TensorFlow Lite's NHWC, read and written in
// place, or oneDNN's AVX2 blocked layout (nChw8c: 8 channels innermost), with the input reordered into it
// and the output back to NHWC around the primitive, in the kernel's scratch.
enum class ActivationLayout { kNhwc, kBlocked };

// Float32 weights.
std::unique_ptr<OpKernel> MakeConv2DKernel(ActivationLayout layout);
std::unique_ptr<OpKernel> MakeDepthwiseConv2DKernel();
std::unique_ptr<OpKernel> MakeFullyConnectedKernel();
// ADD of two inputs of the same shape (broadcasting ADDs stay on the reference kernel).
std::unique_ptr<OpKernel> MakeAddKernel();
// CONCATENATION without a fused activation; MEAN over the spatial axes {1, 2} of an NHWC tensor (what
// IsSpatialMean says); PAD with zeros; SOFTMAX with beta 1.
std::unique_ptr<OpKernel> MakeConcatenationKernel();
bool IsSpatialMean(const KernelIo& io);
std::unique_ptr<OpKernel> MakeSpatialMeanKernel();
std::unique_ptr<OpKernel> MakePadKernel();
std::unique_ptr<OpKernel> MakeSoftmaxKernel();

// Hybrid (INT8 weights); `bits` is the width the input is quantized to (8, or 7 below VNNI); the input is
// quantized on `num_threads` threads (the primitives run on oneDNN's, the same OpenMP threads). A CONV_2D
// takes the first oneDNN implementation whose name starts with `preferred_implementation`, if any.
std::unique_ptr<OpKernel> MakeHybridConv2DKernel(HybridInputBits bits, int num_threads,
                                                 std::string preferred_implementation = {});
std::unique_ptr<OpKernel> MakeHybridDepthwiseConv2DKernel(HybridInputBits bits, int num_threads);
std::unique_ptr<OpKernel> MakeHybridFullyConnectedKernel(HybridInputBits bits, int num_threads);
// CONV_2D with a 1x1 filter over a 1x1 image, as a matrix product (onednn_hybrid_matmul.cc).
std::unique_ptr<OpKernel> MakeHybridPointwiseConv2DKernel(HybridInputBits bits, int num_threads);

}  // namespace qb::onednn
