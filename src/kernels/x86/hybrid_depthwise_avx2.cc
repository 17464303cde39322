// hybrid_dwconv_row_u8_avx2 (hybrid_depthwise_avx2.h). The interleave (vpunpcklwd / vpunpckhwd) works
// within 128-bit lanes, so the low product vector holds channels {0-3, 8-11} and the high one {4-7, 12-15};
// the weights are packed in that order and two lane permutes restore 0-7 and 8-15 before the epilogue.
// max(lo, y) and min(hi, y) return their second operand on ties and NaN, as ActivationRange::Apply's
// std::max(y, lo) and std::min(y, hi) do.
#include "kernels/x86/hybrid_depthwise_avx2.h"

#include <immintrin.h>

namespace qb {
namespace {

// 16 bytes widened to int16, minus the zero point (a non-negative input's is 0: nothing to subtract).
template <bool kZeroPoint>
__m256i WidenBytes(const uint8_t* p, __m256i zero_point) {
  const __m256i u = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
  return kZeroPoint ? _mm256_sub_epi16(u, zero_point) : u;
}

// (float(acc) + add_before) * scale + add_after, clamped; 8 channels from c.
void Finish8(__m256i acc, const DepthwiseRow& row, int32_t c, __m256 lo, __m256 hi, float* out) {
  const __m256 biased = _mm256_add_ps(_mm256_cvtepi32_ps(acc), _mm256_loadu_ps(row.add_before + c));
  const __m256 y = _mm256_add_ps(_mm256_mul_ps(biased, _mm256_loadu_ps(row.scale + c)),
                                 _mm256_loadu_ps(row.add_after + c));
  _mm256_storeu_ps(out + c, _mm256_min_ps(hi, _mm256_max_ps(lo, y)));
}

template <bool kZeroPoint>
void DepthwiseRowAvx2(const DepthwiseRow& row, int32_t oy, float* out) {
  const __m256i zero_point = _mm256_set1_epi16(static_cast<int16_t>(row.zero_point));
  const __m256 lo = _mm256_set1_ps(row.lo), hi = _mm256_set1_ps(row.hi);
  const int32_t pairs = (row.taps + 1) / 2;
  const int64_t pair_stride = int64_t{row.groups} * kDepthwisePairLanes;
  const uint8_t* first = row.image + int64_t{oy} * row.stride_h * row.row_bytes;
  for (int32_t ox = 0; ox < row.out_w; ++ox, out += row.channels) {
    const uint8_t* pixel = first + int64_t{ox} * row.stride_w * row.channels;
    for (int32_t g = 0; g < row.groups; ++g) {
      const uint8_t* x = pixel + g * 16;
      const int16_t* w = row.weights + g * kDepthwisePairLanes;
      __m256i acc_lo = _mm256_setzero_si256(), acc_hi = _mm256_setzero_si256();
      for (int32_t p = 0; p < pairs; ++p, w += pair_stride) {
        const __m256i a = WidenBytes<kZeroPoint>(x + row.tap_offsets[2 * p], zero_point);
        // An odd count's last pair: its second tap reads the first again, times a 0 weight.
        const __m256i b = WidenBytes<kZeroPoint>(x + row.tap_offsets[2 * p + 1], zero_point);
        const __m256i w_lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w));
        const __m256i w_hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + 16));
        acc_lo = _mm256_add_epi32(acc_lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(a, b), w_lo));
        acc_hi = _mm256_add_epi32(acc_hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(a, b), w_hi));
      }
      Finish8(_mm256_permute2x128_si256(acc_lo, acc_hi, 0x20), row, g * 16, lo, hi, out);
      Finish8(_mm256_permute2x128_si256(acc_lo, acc_hi, 0x31), row, g * 16 + 8, lo, hi, out);
    }
  }
}

}  // namespace

void hybrid_dwconv_row_u8_avx2(const DepthwiseRow& row, int32_t oy, float* out) {
  if (row.zero_point == 0) {
    DepthwiseRowAvx2<false>(row, oy, out);
  } else {
    DepthwiseRowAvx2<true>(row, oy, out);
  }
}

}  // namespace qb
