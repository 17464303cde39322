// Geometry of the 2-D sliding window that CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D and MAX_POOL_2D move
// over an NHWC input, in their float, hybrid and integer kernels alike. Computed once in Prepare, exactly
// as TensorFlow Lite does, per spatial axis:
//   effective kernel  k' = (k - 1) * dilation + 1
//   SAME:  out = ceil(in / stride), total padding = max((out - 1) * stride + k' - in, 0),
//          padding before = total / 2 (the extra row/column goes after)
//   VALID: out = (in - k' + stride) / stride, no padding
//   VALID with a folded PAD (Conv2DOptions::folded_padding): VALID over the input with the PAD's zeros
//          around it, padding before = the PAD's
// Channels are each op's own business; the kernels keep their inner loops.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "graph/op_options.h"
#include "kernels/kernel.h"

namespace qb {

struct WindowAxis {
  int32_t output = 0;      // output size along the axis
  int32_t pad_before = 0;  // rows/columns of implicit zeros before the first input element
};

// `what` names the axis in errors ("height"). Errors for non-positive kernel, stride, dilation or input
// size and for a VALID window larger than the input.
Result<WindowAxis> ComputeWindowAxis(std::string_view what, Padding padding, int32_t input, int32_t kernel,
                                     int32_t stride, int32_t dilation = 1);

// The window over one NHWC input: batch, input and output sizes, kernel, strides, dilations and padding.
struct SlidingWindow2D {
  int32_t batch = 0;
  int32_t in_h = 0, in_w = 0;
  int32_t out_h = 0, out_w = 0;
  int32_t kernel_h = 0, kernel_w = 0;
  int32_t stride_h = 1, stride_w = 1;
  int32_t dilation_h = 1, dilation_w = 1;
  int32_t pad_top = 0, pad_left = 0;

  // The input row (column) that kernel tap ky (kx) of output row oy (column ox) reads; outside
  // [0, in_h) ([0, in_w)) it falls in the padding.
  int32_t InputRow(int32_t oy, int32_t ky = 0) const { return oy * stride_h - pad_top + ky * dilation_h; }
  int32_t InputCol(int32_t ox, int32_t kx = 0) const { return ox * stride_w - pad_left + kx * dilation_w; }
  // Calls visit(ky, kx, iy, ix) for every kernel tap (ky, kx) of output position (oy, ox) that reads an
  // input element (iy, ix), row by row; taps that fall in the padding are skipped (they read zeros).
  template <typename Visit>
  void ForEachTap(int32_t oy, int32_t ox, Visit&& visit) const {
    for (int32_t ky = 0; ky < kernel_h; ++ky) {
      const int32_t iy = InputRow(oy, ky);
      if (iy < 0 || iy >= in_h) continue;
      for (int32_t kx = 0; kx < kernel_w; ++kx) {
        const int32_t ix = InputCol(ox, kx);
        if (ix < 0 || ix >= in_w) continue;
        visit(ky, kx, iy, ix);
      }
    }
  }
  // Rows (columns) of implicit zeros after the input that the last output row (column) reads: SAME's
  // extra one goes here; 0 when the window stops inside the input (VALID may leave input unread).
  int32_t pad_bottom() const { return PadAfter(in_h, out_h, kernel_h, stride_h, dilation_h, pad_top); }
  int32_t pad_right() const { return PadAfter(in_w, out_w, kernel_w, stride_w, dilation_w, pad_left); }
  // [batch, out_h, out_w, channels], the output shape the op must declare.
  Shape OutputShape(int32_t channels) const { return {batch, out_h, out_w, channels}; }

 private:
  static int32_t PadAfter(int32_t in, int32_t out, int32_t kernel, int32_t stride, int32_t dilation,
                          int32_t pad_before) {
    const int32_t last_read = (out - 1) * stride + (kernel - 1) * dilation - pad_before;  // last input index read
    return last_read >= in ? last_read - in + 1 : 0;
  }
};

// The window of a convolution. `input` is rank 4 (NHWC) and `filter` rank 4 with the kernel's height and
// width at dimensions 1 and 2 ([Cout, KH, KW, Cin] or, depthwise, [1, KH, KW, Cout]); callers check ranks.
Result<SlidingWindow2D> ConvWindow(const Conv2DOptions& options, const RuntimeTensor& input,
                                   const RuntimeTensor& filter);
Result<SlidingWindow2D> ConvWindow(const DepthwiseConv2DOptions& options, const RuntimeTensor& input,
                                   const RuntimeTensor& filter);
// The window of a pooling op (kernel size from the options, no dilation); `input` is rank 4 (NHWC).
Result<SlidingWindow2D> PoolWindow(const Pool2DOptions& options, const RuntimeTensor& input);

}  // namespace qb
