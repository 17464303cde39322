// The AVX2 inner loops of the x86-64 hybrid depthwise convolution (hybrid_depthwise_conv2d.h): one output
// row over the padded u8 image. Two forms, both exact:
//   any width, 16 channels at a time: per pair of kernel taps, the two taps' bytes are widened to int16 with
//     the image's zero point subtracted (u - zp in [-255, 255]), interleaved, and vpmaddwd multiplies them
//     with the pair's interleaved int16 weights and adds each channel's two products into an int32 lane
//     (|sum| <= 2 * 255 * 128);
//   7-bit images (u <= 127), 32 channels at a time: the pair's bytes interleaved as they are, vpmaddubsw
//     multiplies them with the pair's interleaved int8 weights into one int16 per channel (|sum| <= 2 * 127
//     * 128 < 2^15: no saturation), and vpmaddwd by 1 adds two pairs' int16 sums into the int32 lane: half
//     the instructions per tap. The zero point is taken off once per output, as zp * Σ_taps w[c] (the
//     padding holds zp, so the sum over every tap is exact).
// The epilogue is the reference's per channel: y = (float(acc) + add_before[c]) * scale[c] + add_after[c],
// then min(max(y, lo), hi). Only hybrid_depthwise_avx2.cc is compiled with -mavx2.
#pragma once

#include <cstdint>

namespace qb {

// Weights per (tap pair, channel group), in the order the AVX2 loops multiply them, each channel's two taps
// side by side (the second tap of an odd count's last pair is 0):
//   16-channel groups, int16: a vector of channels {0-3, 8-11}, then one of {4-7, 12-15};
//   32-channel groups (7-bit), int8: a vector of channels {0-7, 16-23}, then one of {8-15, 24-31}.
inline constexpr int32_t kDepthwisePairLanes = 32;  // either form: 2 x 16 int16, or 2 x 32 int8 as 32 int16

struct DepthwiseRow {
  const uint8_t* image = nullptr;  // the padded image's first byte
  int64_t row_bytes = 0;           // one padded image row
  const int64_t* tap_offsets = nullptr;  // per tap, from an output position's first byte; padded to pairs
  int32_t taps = 0;                // kernel_h * kernel_w
  int32_t groups32 = 0;            // 7-bit images only: 32-channel groups from channel 0
  int32_t groups = 0;              // 16-channel groups after them (the channels after those are the caller's)
  int32_t channels = 0;            // the image's channels (its pixel stride in bytes)
  int32_t out_w = 0, stride_h = 1, stride_w = 1;
  int32_t zero_point = 0;          // of the u8 image
  const int8_t* weights32 = nullptr;    // [ceil(taps / 2)][groups32][2 * kDepthwisePairLanes]
  const int32_t* weight_sums = nullptr;  // per channel of the 32-channel groups: Σ over taps of w
  const int16_t* weights = nullptr;     // [ceil(taps / 2)][groups][kDepthwisePairLanes]
  const float* add_before = nullptr;  // per channel
  const float* scale = nullptr;
  const float* add_after = nullptr;
  float lo = 0.0f, hi = 0.0f;      // the activation
};

// Writes the first groups32 * 32 + groups * 16 channels of output row oy (out_w pixels of `row.channels`
// floats).
void hybrid_dwconv_row_u8_avx2(const DepthwiseRow& row, int32_t oy, float* out);

}  // namespace qb
