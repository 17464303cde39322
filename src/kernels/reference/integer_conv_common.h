// The Prepare steps that the integer CONV_2D and DEPTHWISE_CONV_2D kernels (integer_conv2d.cc,
// integer_depthwise_conv2d.cc) share around their own channel checks: CheckIntegerConvIo before them,
// PrepareIntegerConv after them.
#pragma once

#include <cstdint>

#include "core/status.h"
#include "kernels/kernel.h"
#include "kernels/reference/integer_common.h"
#include "kernels/reference/sliding_window.h"

namespace qb {

// Input, filter and optional bias; one UINT8 or INT8 output of input 0's type; rank-4 input and filter.
Status CheckIntegerConvIo(const KernelIo& io);

// What an integer convolution prepares once its `out_c` output channels are known.
struct IntegerConvSetup {
  SlidingWindow2D window;
  WeightedOpQuant quant;
};

// Computes the window, checks the output shape [N, OH, OW, out_c] and prepares the requantization
// (PrepareWeightedOpQuant, filter quantized along `filter_channel_dim`). Options: Conv2DOptions or
// DepthwiseConv2DOptions.
template <typename Options>
Result<IntegerConvSetup> PrepareIntegerConv(const Options& options, const KernelIo& io, int32_t out_c,
                                            int32_t filter_channel_dim) {
  IntegerConvSetup setup;
  QB_ASSIGN_OR_RETURN(setup.window, ConvWindow(options, io.in(0), io.in(1)));
  QB_RETURN_IF_ERROR(CheckOutputShape(io.out(0), setup.window.OutputShape(out_c)));
  QB_ASSIGN_OR_RETURN(setup.quant, PrepareWeightedOpQuant(io, options.activation, out_c, filter_channel_dim));
  return setup;
}

}  // namespace qb
