// The AVX2 inner loop of the x86-64 hybrid depthwise convolution (hybrid_depthwise_conv2d.h): one output
// row over the padded u8 image, 16 channels at a time. Per pair of kernel taps, the two taps' bytes are
// widened to int16 with the image's zero point subtracted (u - zp in [-255, 255]), interleaved, and
// vpmaddwd multiplies them with the pair's interleaved int16 weights and adds each channel's two products
// into an int32 lane: exact (|sum| <= 2 * 255 * 128). The epilogue is the reference's per channel:
// y = (float(acc) + add_before[c]) * scale[c] + add_after[c], then min(max(y, lo), hi).
// Only hybrid_depthwise_avx2.cc is compiled with -mavx2.
#pragma once

#include <cstdint>

namespace qb {

// Weights of kDepthwisePairLanes int16 per (tap pair, group of 16 channels), in the order the AVX2 loop
// multiplies them: a 256-bit vector of channels {0-3, 8-11} then one of {4-7, 12-15}, each channel's two
// taps side by side (the second tap of an odd count's last pair is 0).
inline constexpr int32_t kDepthwisePairLanes = 32;

struct DepthwiseRow {
  const uint8_t* image = nullptr;  // the padded image's first byte
  int64_t row_bytes = 0;           // one padded image row
  const int64_t* tap_offsets = nullptr;  // per tap, from an output position's first byte; padded to pairs
  int32_t taps = 0;                // kernel_h * kernel_w
  int32_t groups = 0;              // channels / 16 (the rest is the caller's)
  int32_t channels = 0;            // the image's channels (its pixel stride in bytes)
  int32_t out_w = 0, stride_h = 1, stride_w = 1;
  int32_t zero_point = 0;          // of the u8 image
  const int16_t* weights = nullptr;  // [ceil(taps / 2)][groups][kDepthwisePairLanes]
  const float* add_before = nullptr;  // per channel
  const float* scale = nullptr;
  const float* add_after = nullptr;
  float lo = 0.0f, hi = 0.0f;      // the activation
};

// Writes the first groups * 16 channels of output row oy (out_w pixels of `row.channels` floats).
void hybrid_dwconv_row_u8_avx2(const DepthwiseRow& row, int32_t oy, float* out);

}  // namespace qb
