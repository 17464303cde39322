// The parts of the float and hybrid CONV_2D and DEPTHWISE_CONV_2D kernels (conv2d.cc, depthwise_conv2d.cc)
// that do not depend on how output channels map to input channels:
//   Prepare: CheckFloatConvIo before the op's channel checks, PrepareFloatConv after them;
//   Eval:    EvalFloatOrHybridBatch, the batch loop that runs the op's own image loop on either path
//     float:  FLOAT32 filter, acc in float, out = activation(acc + bias)
//     hybrid: the image quantized into scratch (hybrid_quantize.h), INT8 filter, acc in int32,
//             out = activation(setup.terms.Apply(acc, c)) with the image's HybridOutputTerms.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/status.h"
#include "kernels/kernel.h"
#include "kernels/reference/activation.h"
#include "kernels/reference/hybrid_quantize.h"
#include "kernels/reference/kernel_checks.h"
#include "kernels/reference/sliding_window.h"

namespace qb {

// 2 or 3 inputs (input, filter, optional bias), one output; FLOAT32 input and output; rank-4 input and filter.
Status CheckFloatConvIo(const KernelIo& io);

// What a float or hybrid convolution prepares once its `out_c` output channels are known.
struct FloatConvSetup {
  SlidingWindow2D window;
  ActivationRange activation;
  FilterInfo filter;
  HybridInputBits input_bits = HybridInputBits::k8;  // hybrid only; 7 only to compare with such kernels
  HybridOutputTerms terms;                           // hybrid only: the current image's epilogue

  // Elements of one batch element of the input with `in_c` channels; the hybrid path's scratch bytes.
  size_t InputImageSize(int32_t in_c) const { return static_cast<size_t>(window.in_h) * window.in_w * in_c; }
  size_t OutputImageSize(int32_t out_c) const { return static_cast<size_t>(window.out_h) * window.out_w * out_c; }
};

// Checks the optional FLOAT32 bias [out_c] and the fused activation, computes the window, checks the
// output shape [N, OH, OW, out_c] and prepares the filter (FLOAT32, or hybrid INT8 quantized along
// `filter_channel_dim`). Options: Conv2DOptions or DepthwiseConv2DOptions.
template <typename Options>
Result<FloatConvSetup> PrepareFloatConv(const Options& options, const KernelIo& io, int32_t out_c,
                                        int32_t filter_channel_dim) {
  FloatConvSetup setup;
  QB_RETURN_IF_ERROR(CheckOptionalBias(io, 2, out_c));
  QB_ASSIGN_OR_RETURN(setup.activation, FloatActivationRange(options.activation));
  QB_ASSIGN_OR_RETURN(setup.window, ConvWindow(options, io.in(0), io.in(1)));
  QB_RETURN_IF_ERROR(CheckOutputShape(io.out(0), setup.window.OutputShape(out_c)));
  QB_ASSIGN_OR_RETURN(setup.filter, PrepareFilter(io.in(1), filter_channel_dim, out_c));
  if (setup.filter.hybrid) setup.terms = HybridOutputTerms(static_cast<size_t>(out_c));
  return setup;
}

// Runs run_image(x, zero, filter, y, finish) on every batch element, which must compute
// y[..., c] = finish(c, sum of (x - zero) * filter) for one image. `scratch` holds InputImageSize bytes.
template <typename RunImage>
void EvalFloatOrHybridBatch(const KernelIo& io, FloatConvSetup& setup, int32_t in_c, int32_t out_c,
                            uint8_t* scratch, RunImage&& run_image) {
  const float* input = io.in(0).data_as<const float>();
  const float* bias = io.has_input(2) ? io.in(2).data_as<const float>() : nullptr;
  float* output = io.out(0).data_as<float>();
  const size_t in_image = setup.InputImageSize(in_c);
  const size_t out_image = setup.OutputImageSize(out_c);
  for (int32_t b = 0; b < setup.window.batch; ++b) {
    const float* x = input + b * in_image;
    float* y = output + b * out_image;
    if (!setup.filter.hybrid) {
      run_image(x, 0.0f, io.in(1).data_as<const float>(), y, [&](int32_t c, float acc) {
        return setup.activation.Apply(bias != nullptr ? acc + bias[c] : acc);
      });
      continue;
    }
    int8_t* q = reinterpret_cast<int8_t*>(scratch);
    const QuantizedImage image = QuantizeImageAsymmetric(x, in_image, q, setup.input_bits);
    setup.terms.Set(image.scale, setup.filter.channel_scales, bias);
    run_image(q, image.zero_point, io.in(1).data_as<const int8_t>(), y, [&](int32_t c, int32_t acc) {
      return setup.activation.Apply(setup.terms.Apply(acc, static_cast<size_t>(c)));
    });
  }
}

}  // namespace qb
