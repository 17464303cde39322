// Sliding-window geometry of the reference kernels; see sliding_window.h.
#include "kernels/reference/sliding_window.h"

#include <algorithm>

namespace qb {

Result<WindowAxis> ComputeWindowAxis(std::string_view what, Padding padding, int32_t input, int32_t kernel,
                                     int32_t stride, int32_t dilation) {
  if (kernel <= 0) return Errorf("{}: kernel size must be positive, got {}", what, kernel);
  if (stride <= 0) return Errorf("{}: stride must be positive, got {}", what, stride);
  if (dilation <= 0) return Errorf("{}: dilation must be positive, got {}", what, dilation);
  if (input <= 0) return Errorf("{}: input size must be positive, got {}", what, input);
  const int64_t effective = int64_t{kernel - 1} * dilation + 1;
  WindowAxis axis;
  if (padding == Padding::kSame) {
    axis.output = static_cast<int32_t>((int64_t{input} + stride - 1) / stride);
    const int64_t total = std::max<int64_t>((int64_t{axis.output} - 1) * stride + effective - input, 0);
    axis.pad_before = static_cast<int32_t>(total / 2);
  } else {
    const int64_t output = (input - effective + stride) / stride;
    if (input < effective || output <= 0) {
      return Errorf("{}: the window (effective size {}) is larger than the input ({}) with VALID padding", what,
                    effective, input);
    }
    axis.output = static_cast<int32_t>(output);
  }
  return axis;
}

namespace {

struct WindowSpec {
  Padding padding = Padding::kSame;
  int32_t kernel_h = 0, kernel_w = 0;
  int32_t stride_h = 1, stride_w = 1;
  int32_t dilation_h = 1, dilation_w = 1;
  FoldedPadding folded;  // VALID only: zeros around the input, as if a PAD had added them
};

Result<SlidingWindow2D> ComputeSlidingWindow2D(const RuntimeTensor& input, const WindowSpec& spec) {
  const FoldedPadding& f = spec.folded;
  if (f != FoldedPadding{} && (spec.padding != Padding::kValid || f.top < 0 || f.bottom < 0 || f.left < 0 ||
                               f.right < 0)) {
    return Errorf("a folded PAD needs a VALID window and non-negative padding");
  }
  QB_ASSIGN_OR_RETURN(WindowAxis rows, ComputeWindowAxis("height", spec.padding, input.dim(1) + f.top + f.bottom,
                                                         spec.kernel_h, spec.stride_h, spec.dilation_h));
  QB_ASSIGN_OR_RETURN(WindowAxis cols, ComputeWindowAxis("width", spec.padding, input.dim(2) + f.left + f.right,
                                                         spec.kernel_w, spec.stride_w, spec.dilation_w));
  rows.pad_before += f.top;
  cols.pad_before += f.left;
  SlidingWindow2D window;
  window.batch = input.dim(0);
  window.in_h = input.dim(1);
  window.in_w = input.dim(2);
  window.out_h = rows.output;
  window.out_w = cols.output;
  window.kernel_h = spec.kernel_h;
  window.kernel_w = spec.kernel_w;
  window.stride_h = spec.stride_h;
  window.stride_w = spec.stride_w;
  window.dilation_h = spec.dilation_h;
  window.dilation_w = spec.dilation_w;
  window.pad_top = rows.pad_before;
  window.pad_left = cols.pad_before;
  return window;
}

}  // namespace

Result<SlidingWindow2D> ConvWindow(const Conv2DOptions& options, const RuntimeTensor& input,
                                   const RuntimeTensor& filter) {
  return ComputeSlidingWindow2D(input, {options.padding, filter.dim(1), filter.dim(2), options.stride_h,
                                        options.stride_w, options.dilation_h, options.dilation_w,
                                        options.folded_padding});
}

Result<SlidingWindow2D> ConvWindow(const DepthwiseConv2DOptions& options, const RuntimeTensor& input,
                                   const RuntimeTensor& filter) {
  return ComputeSlidingWindow2D(input, {options.padding, filter.dim(1), filter.dim(2), options.stride_h,
                                        options.stride_w, options.dilation_h, options.dilation_w,
                                        options.folded_padding});
}

Result<SlidingWindow2D> PoolWindow(const Pool2DOptions& options, const RuntimeTensor& input) {
  return ComputeSlidingWindow2D(input, {options.padding, options.filter_h, options.filter_w, options.stride_h,
                                        options.stride_w, 1, 1, options.folded_padding});
}

}  // namespace qb
