// The input side of the x86-64 hybrid kernels, AVX2 (the lowest x86-64 ISA cap; the passes themselves are
// in hybrid_input_quantizer_avx2.*), on `num_threads` threads for large images (threading/
// parallel_quantize.h): one image (or one fully connected row) of float32 values quantized exactly as the
// reference does (hybrid_quantize.h). For the oneDNN hybrid kernels, written as the unsigned bytes oneDNN's
// u8 x s8 primitives read: u = q - range.min (q + 128 for 8 bits, q + 64 for 7 bits), with the zero
// point shifted the same way. The reference's integer products are then recovered exactly by oneDNN's
// source zero point: (u - u_zero_point) * w = (q - zero_point) * w.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "kernels/reference/hybrid_quantize.h"

namespace qb {

struct U8Image {
  float scale = 1.0f;         // the reference's input scale
  int32_t zero_point = 0;     // in u8 terms: the reference's zero point - range.min
};

// An NHWC image and the rows/columns of padding written around it. The padding holds the u8 zero point
// (a real 0), so a VALID convolution over the padded image sums what the reference's padded one does.
// With steps > 1 (and no padding) only every row_step-th row and column_step-th pixel of the image is
// written, as the one a strided 1x1 convolution reads: it then runs with stride 1 over the written
// SampledHeight() x SampledWidth() image. The scale and zero point still come from the whole image.
struct U8ImageLayout {
  int32_t height = 1, width = 1, channels = 0;
  int32_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  int32_t row_step = 1, column_step = 1;

  size_t InputSize() const { return size_t(height) * width * channels; }
  int32_t SampledHeight() const { return (height + row_step - 1) / row_step; }
  int32_t SampledWidth() const { return (width + column_step - 1) / column_step; }
  size_t PaddedSize() const {
    return size_t(SampledHeight() + pad_top + pad_bottom) * (SampledWidth() + pad_left + pad_right) * channels;
  }
};

// What a kernel on such images appends to its implementation name: " hybrid u8" or " hybrid u7".
inline std::string U8HybridSuffix(HybridInputBits bits) {
  return bits == HybridInputBits::k8 ? " hybrid u8" : " hybrid u7";
}

// Names the bytes QuantizeImageToU8 writes for `images` images of this layout: equal names, equal bytes
// from the same float images (kernel.h's shareable quantized input).
std::string U8ImageForm(const U8ImageLayout& layout, HybridInputBits bits, int64_t images);

// Two passes over x (min/max, then quantize and store; the rows shared by the threads);
// `u` holds layout.PaddedSize() bytes.
U8Image QuantizeImageToU8(const float* x, const U8ImageLayout& layout, HybridInputBits bits, uint8_t* u,
                          int num_threads = 1);

// For quantbench's own kernels (kernels/qgemm): QuantizeImageAsymmetric(x, n, q, bits) of the reference,
// value for value — the same int8 values, scale and zero point.
QuantizedImage QuantizeImageToS8(const float* x, size_t n, int8_t* q, HybridInputBits bits = HybridInputBits::k8,
                                 int num_threads = 1);

}  // namespace qb
