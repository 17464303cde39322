// qs8_qc8w_gemm_4x4c16_avx2: the 4x4c16 int8 GEMM tile (layout in qgemm.h) for x86-64 CPUs with AVX2.
// This file alone is compiled with -mavx2. Per 16 k, the int8 values of a row and of a channel are widened
// to int16 (vpmovsxbw) and vpmaddwd multiplies them and adds adjacent products into 8 int32 lanes — exact
// for every int8 pair (|a * w| <= 16384, a pair sums to at most 32768), unlike vpmaddubsw, which saturates
// pairs in int16 on full-range data (the reason oneDNN's AVX2 path needs 7-bit inputs). Rows are taken two
// at a time so that the 8 accumulators, 4 widened channels and 1 widened row fit in the 16 ymm registers;
// the lanes are summed once at the end.
#include <immintrin.h>

#include "kernels/qgemm/qgemm_microkernels.h"

namespace qb {
namespace {

__m256i Widen16(const int8_t* p) { return _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))); }

// The sums of the 8 lanes of s0..s3, in that order.
__m128i SumLanes4(__m256i s0, __m256i s1, __m256i s2, __m256i s3) {
  const __m256i pairs = _mm256_hadd_epi32(_mm256_hadd_epi32(s0, s1), _mm256_hadd_epi32(s2, s3));
  return _mm_add_epi32(_mm256_castsi256_si128(pairs), _mm256_extracti128_si256(pairs, 1));
}

void TwoRows(const int8_t* a0, const int8_t* a1, const int8_t* packed_block, int32_t depth_blocks,
             int32_t out0[kQGemmChannels], int32_t out1[kQGemmChannels]) {
  __m256i s00 = _mm256_setzero_si256(), s01 = s00, s02 = s00, s03 = s00;
  __m256i s10 = s00, s11 = s00, s12 = s00, s13 = s00;
  const int8_t* w = packed_block;
  for (int32_t kb = 0; kb < depth_blocks; ++kb, a0 += kQGemmDepthBlock, a1 += kQGemmDepthBlock,
               w += kQGemmChannels * kQGemmDepthBlock) {
    // One widened channel at a time keeps 12 registers live (8 sums, 2 rows, 1 channel, 1 product).
    const __m256i x0 = Widen16(a0), x1 = Widen16(a1);
    __m256i wn = Widen16(w);
    s00 = _mm256_add_epi32(s00, _mm256_madd_epi16(x0, wn));
    s10 = _mm256_add_epi32(s10, _mm256_madd_epi16(x1, wn));
    wn = Widen16(w + 16);
    s01 = _mm256_add_epi32(s01, _mm256_madd_epi16(x0, wn));
    s11 = _mm256_add_epi32(s11, _mm256_madd_epi16(x1, wn));
    wn = Widen16(w + 32);
    s02 = _mm256_add_epi32(s02, _mm256_madd_epi16(x0, wn));
    s12 = _mm256_add_epi32(s12, _mm256_madd_epi16(x1, wn));
    wn = Widen16(w + 48);
    s03 = _mm256_add_epi32(s03, _mm256_madd_epi16(x0, wn));
    s13 = _mm256_add_epi32(s13, _mm256_madd_epi16(x1, wn));
  }
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out0), SumLanes4(s00, s01, s02, s03));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out1), SumLanes4(s10, s11, s12, s13));
}

}  // namespace

void qs8_qc8w_gemm_4x4c16_avx2(const int8_t* const rows[kQGemmRows], const int8_t* packed_block,
                               int32_t depth_blocks, int32_t acc[kQGemmRows][kQGemmChannels]) {
  static_assert(kQGemmRows == 4 && kQGemmChannels == 4 && kQGemmDepthBlock == 16);
  TwoRows(rows[0], rows[1], packed_block, depth_blocks, acc[0], acc[1]);
  TwoRows(rows[2], rows[3], packed_block, depth_blocks, acc[2], acc[3]);
}

}  // namespace qb
