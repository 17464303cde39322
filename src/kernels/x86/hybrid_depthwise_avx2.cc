// hybrid_dwconv_row_u8_avx2 (hybrid_depthwise_avx2.h). The interleaves (vpunpck*) work within 128-bit
// lanes, so the accumulators hold channels out of order — 16-channel groups: {0-3, 8-11} and {4-7, 12-15};
// 32-channel groups: {0-3, 16-19}, {4-7, 20-23}, {8-11, 24-27}, {12-15, 28-31} — and lane permutes restore
// the order before the epilogue.
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

// Σ over the pairs of taps of one 32-channel group, 7-bit bytes (vpmaddubsw), minus zp * Σ w, in natural
// channel order: acc[0] channels 0-7, ..., acc[3] 24-31.
template <bool kZeroPoint>
void Group32(const DepthwiseRow& row, const uint8_t* x, const int8_t* w, int64_t pair_stride, int32_t c,
             __m256i acc[4]) {
  const int32_t pairs = (row.taps + 1) / 2;
  const __m256i ones = _mm256_set1_epi16(1);
  __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
  // The int16 sums of one pair of taps: channels {0-7, 16-23} and {8-15, 24-31}.
  auto pair_sums = [&](int32_t p, __m256i& lo, __m256i& hi) {
    const __m256i u = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + row.tap_offsets[2 * p]));
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + row.tap_offsets[2 * p + 1]));
    const int8_t* pw = w + p * pair_stride;
    lo = _mm256_maddubs_epi16(_mm256_unpacklo_epi8(u, v), _mm256_loadu_si256(reinterpret_cast<const __m256i*>(pw)));
    hi = _mm256_maddubs_epi16(_mm256_unpackhi_epi8(u, v),
                              _mm256_loadu_si256(reinterpret_cast<const __m256i*>(pw + 32)));
  };
  // Two pairs' int16 sums (lo0/hi0 and lo1/hi1) added into the int32 accumulators.
  auto accumulate = [&](__m256i lo0, __m256i hi0, __m256i lo1, __m256i hi1) {
    a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(_mm256_unpacklo_epi16(lo0, lo1), ones));
    a1 = _mm256_add_epi32(a1, _mm256_madd_epi16(_mm256_unpackhi_epi16(lo0, lo1), ones));
    a2 = _mm256_add_epi32(a2, _mm256_madd_epi16(_mm256_unpacklo_epi16(hi0, hi1), ones));
    a3 = _mm256_add_epi32(a3, _mm256_madd_epi16(_mm256_unpackhi_epi16(hi0, hi1), ones));
  };
  int32_t p = 0;
  for (; p + 2 <= pairs; p += 2) {
    __m256i lo0, hi0, lo1, hi1;
    pair_sums(p, lo0, hi0);
    pair_sums(p + 1, lo1, hi1);
    accumulate(lo0, hi0, lo1, hi1);
  }
  if (p < pairs) {  // an odd count of pairs: the last one against zeros
    __m256i lo0, hi0;
    pair_sums(p, lo0, hi0);
    accumulate(lo0, hi0, _mm256_setzero_si256(), _mm256_setzero_si256());
  }
  acc[0] = _mm256_permute2x128_si256(a0, a1, 0x20);
  acc[1] = _mm256_permute2x128_si256(a2, a3, 0x20);
  acc[2] = _mm256_permute2x128_si256(a0, a1, 0x31);
  acc[3] = _mm256_permute2x128_si256(a2, a3, 0x31);
  if (kZeroPoint) {
    const __m256i zero_point = _mm256_set1_epi32(row.zero_point);
    for (int k = 0; k < 4; ++k) {
      const __m256i sums = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(row.weight_sums + c + 8 * k));
      acc[k] = _mm256_sub_epi32(acc[k], _mm256_mullo_epi32(zero_point, sums));
    }
  }
}

template <bool kZeroPoint>
void DepthwiseRowAvx2(const DepthwiseRow& row, int32_t oy, float* out) {
  const __m256i zero_point = _mm256_set1_epi16(static_cast<int16_t>(row.zero_point));
  const __m256 lo = _mm256_set1_ps(row.lo), hi = _mm256_set1_ps(row.hi);
  const int32_t pairs = (row.taps + 1) / 2;
  const int64_t pair_stride = int64_t{row.groups} * kDepthwisePairLanes;
  const int64_t pair_stride32 = int64_t{row.groups32} * 2 * kDepthwisePairLanes;
  const int32_t first16 = row.groups32 * 32;  // the 16-channel groups' first channel
  const uint8_t* first = row.image + int64_t{oy} * row.stride_h * row.row_bytes;
  for (int32_t ox = 0; ox < row.out_w; ++ox, out += row.channels) {
    const uint8_t* pixel = first + int64_t{ox} * row.stride_w * row.channels;
    for (int32_t g = 0; g < row.groups32; ++g) {
      __m256i acc[4];
      Group32<kZeroPoint>(row, pixel + g * 32, row.weights32 + g * 2 * kDepthwisePairLanes, pair_stride32, g * 32,
                          acc);
      for (int k = 0; k < 4; ++k) Finish8(acc[k], row, g * 32 + 8 * k, lo, hi, out);
    }
    for (int32_t g = 0; g < row.groups; ++g) {
      const uint8_t* x = pixel + first16 + g * 16;
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
      Finish8(_mm256_permute2x128_si256(acc_lo, acc_hi, 0x20), row, first16 + g * 16, lo, hi, out);
      Finish8(_mm256_permute2x128_si256(acc_lo, acc_hi, 0x31), row, first16 + g * 16 + 8, lo, hi, out);
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
