// The input side of the oneDNN hybrid kernels: one image (or one fully connected row) of float32 values
// quantized exactly as the reference does (hybrid_quantize.h), written as the unsigned bytes oneDNN's
// u8 x s8 primitives read: u = q - range.min (q + 128 for 8 bits, q + 64 for 7 bits), with the zero
// point shifted the same way. The reference's integer products are then recovered exactly by oneDNN's
// source zero point: (u - u_zero_point) * w = (q - zero_point) * w.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/reference/hybrid_quantize.h"

namespace qb::onednn {

struct U8Image {
  float scale = 1.0f;         // the reference's input scale
  int32_t zero_point = 0;     // in u8 terms: the reference's zero point - range.min
};

// Two passes over x (min/max, then quantize and store), AVX2.
U8Image QuantizeImageToU8(const float* x, size_t n, HybridInputBits bits, uint8_t* u);

}  // namespace qb::onednn
