// The input quantizer's passes in NEON (quantize_image_microkernels.h), for every ARM64 CPU, value for value
// with the reference:
//   range: 16 values per step in four vectors; min and max as compare + select, which is std::min(lo, x)
//          and std::max(hi, x) exactly (NaN x never selected, a -0 never replaces a 0);
//   values: x * (1 / scale) rounded by FRINTI (the current rounding mode: nearbyint), plus zero_point + 128
//          and clamped to [min + 128, max + 128] in float — exact below 2^24, saturating either way above,
//          and NaN gives min + 128 (FMAXNM returns the number) as the reference's clamp gives min — then
//          converted, narrowed and shifted back to int8 by flipping the top bit.
#include <arm_neon.h>

#include <algorithm>

#include "kernels/qgemm/quantize_image_microkernels.h"

namespace qb {
namespace {

inline float32x4_t Min(float32x4_t lo, float32x4_t x) { return vbslq_f32(vcltq_f32(x, lo), x, lo); }
inline float32x4_t Max(float32x4_t hi, float32x4_t x) { return vbslq_f32(vcltq_f32(hi, x), x, hi); }

// 4 values to u = q + 128 in [u_min, u_max] as int32.
inline int32x4_t QuantizeFour(const float* x, float32x4_t inverse, float32x4_t offset, float32x4_t u_min,
                              float32x4_t u_max) {
  const float32x4_t rounded = vrndiq_f32(vmulq_f32(vld1q_f32(x), inverse));
  const float32x4_t u = vminnmq_f32(vmaxnmq_f32(vaddq_f32(rounded, offset), u_min), u_max);
  return vcvtq_s32_f32(u);
}

}  // namespace

HybridValueRange hybrid_value_range_neon(const float* x, size_t n) {
  float32x4_t lo[4], hi[4];
  for (int k = 0; k < 4; ++k) lo[k] = hi[k] = vdupq_n_f32(0.0f);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    for (int k = 0; k < 4; ++k) {
      const float32x4_t v = vld1q_f32(x + i + 4 * k);
      lo[k] = Min(lo[k], v);
      hi[k] = Max(hi[k], v);
    }
  }
  float los[16], his[16];
  for (int k = 0; k < 4; ++k) {
    vst1q_f32(los + 4 * k, lo[k]);
    vst1q_f32(his + 4 * k, hi[k]);
  }
  HybridValueRange range;
  for (int k = 0; k < 16; ++k) range = Merge(range, {los[k], his[k]});
  for (; i < n; ++i) {
    range.lo = std::min(range.lo, x[i]);
    range.hi = std::max(range.hi, x[i]);
  }
  return range;
}

void qs8_quantize_neon(const float* x, size_t n, const QuantizedImage& image, HybridInputBits bits, int8_t* q) {
  const HybridInputRange range = InputRangeOf(bits);
  const float inverse_scale = 1.0f / image.scale;
  const float32x4_t inverse = vdupq_n_f32(inverse_scale);
  const float32x4_t offset = vdupq_n_f32(static_cast<float>(image.zero_point + 128));
  const float32x4_t u_min = vdupq_n_f32(static_cast<float>(range.min + 128));
  const float32x4_t u_max = vdupq_n_f32(static_cast<float>(range.max + 128));
  const uint8x16_t top_bit = vdupq_n_u8(0x80);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const int16x8_t low = vcombine_s16(vmovn_s32(QuantizeFour(x + i, inverse, offset, u_min, u_max)),
                                       vmovn_s32(QuantizeFour(x + i + 4, inverse, offset, u_min, u_max)));
    const int16x8_t high = vcombine_s16(vmovn_s32(QuantizeFour(x + i + 8, inverse, offset, u_min, u_max)),
                                        vmovn_s32(QuantizeFour(x + i + 12, inverse, offset, u_min, u_max)));
    const uint8x16_t u = vcombine_u8(vqmovun_s16(low), vqmovun_s16(high));
    vst1q_s8(q + i, vreinterpretq_s8_u8(veorq_u8(u, top_bit)));
  }
  for (; i < n; ++i) {
    q[i] = static_cast<int8_t>(QuantizeHybridValue(x[i], inverse_scale, image.zero_point, range));
  }
}

}  // namespace qb
