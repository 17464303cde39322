// TensorFlow Lite's convolution filters as oneDNN sees them, for the float and the hybrid convolutions:
// logical dims in oneDNN's order and the strides that walk TensorFlow Lite's layout in place.
//   CONV_2D [Cout, KH, KW, Cin/G]        -> oneDNN {OC, IC, KH, KW}, grouped {G, OC/G, IC/G, KH, KW}
//   DEPTHWISE_CONV_2D [1, KH, KW, Cin*M]  -> oneDNN {G = Cin, M, 1, KH, KW}
#pragma once

#include <cstdint>

#include <oneapi/dnnl/dnnl.hpp>

#include "kernels/reference/float_conv_common.h"

namespace qb::onednn {

struct FilterLayout {
  dnnl::memory::dims logical, strides;
};

inline FilterLayout ConvFilterLayout(int64_t groups, int64_t out_c, int64_t group_in_c, int64_t kh, int64_t kw) {
  const int64_t group_out_c = out_c / groups;
  if (groups == 1) return {{out_c, group_in_c, kh, kw}, {kh * kw * group_in_c, 1, kw * group_in_c, group_in_c}};
  return {{groups, group_out_c, group_in_c, kh, kw},
          {group_out_c * kh * kw * group_in_c, kh * kw * group_in_c, 1, kw * group_in_c, group_in_c}};
}

inline FilterLayout DepthwiseFilterLayout(int64_t in_c, int64_t multiplier, int64_t kh, int64_t kw) {
  const int64_t out_c = in_c * multiplier;
  return {{in_c, multiplier, 1, kh, kw}, {multiplier, 1, 1, kw * out_c, out_c}};
}

// A CONV_2D's or DEPTHWISE_CONV_2D's window, activation and filter (PrepareFloatConv: the reference's checks)
// and its filter layout.
struct ConvolutionShape {
  FloatConvSetup setup;
  FilterLayout layout;
};
inline Result<ConvolutionShape> PrepareConvolutionShape(const Op& op, const KernelIo& io, bool depthwise) {
  const int64_t in_c = io.in(0).dim(3), out_c = io.out(0).dim(3);
  const RuntimeTensor& filter = io.in(1);
  ConvolutionShape shape;
  if (depthwise) {
    QB_ASSIGN_OR_RETURN(shape.setup, PrepareFloatConv(OptionsOr<DepthwiseConv2DOptions>(op), io,
                                                      static_cast<int32_t>(out_c), 3));
    shape.layout = DepthwiseFilterLayout(in_c, out_c / in_c, filter.dim(1), filter.dim(2));
  } else {
    QB_ASSIGN_OR_RETURN(shape.setup, PrepareFloatConv(OptionsOr<Conv2DOptions>(op), io,
                                                      static_cast<int32_t>(out_c), 0));
    shape.layout = ConvFilterLayout(in_c / filter.dim(3), out_c, filter.dim(3), filter.dim(1), filter.dim(2));
  }
  return shape;
}

}  // namespace qb::onednn
