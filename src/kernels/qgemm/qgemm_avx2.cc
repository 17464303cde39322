// qs8_qc8w_gemm_4x16c2_avx2: the 4x16c2 int8 GEMM tile (layout in qgemm.h) for x86-64 CPUs with AVX2, and
// qs8_widen_avx2, which makes its int16 rows. This file alone is compiled with -mavx2.
// Rows arrive widened to int16 (once per block: they meet every channel block). Per 2 k, one 32-bit
// broadcast puts a row's pair (a[k], a[k+1]) in every lane pair; the 16 channels' int8 pairs are widened
// to int16 (vpmovsxbw, 8 channels per register) and vpmaddwd multiplies and adds each pair into that
// channel's int32 lane — exact for every int8 pair (|a * w| <= 16384, a pair sums to at most 32768),
// unlike vpmaddubsw, which saturates pairs in int16 on full-range data (the reason oneDNN's AVX2 path
// needs 7-bit inputs). Each lane holds one channel's sum, so the tile needs no horizontal reduction, and
// the 2 widened weight registers serve 4 rows (8 accumulators, 12 registers live).
#include <immintrin.h>

#include <cstring>

#include "kernels/qgemm/qgemm_microkernels.h"

namespace qb {
namespace {

// The int16 pair at p in every 32-bit lane.
__m256i BroadcastPair(const int16_t* p) {
  int32_t pair;
  std::memcpy(&pair, p, sizeof(pair));
  return _mm256_set1_epi32(pair);
}

__m256i Widen16(const int8_t* p) { return _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))); }

}  // namespace

void qs8_qc8w_gemm_4x16c2_avx2(const void* const wide_rows[kQGemmRows], const int8_t* packed_block,
                               int32_t padded_depth, int32_t* acc) {
  static_assert(kQGemmRows == 4 && kQGemmMaxChannels == 16);
  const auto* a0 = static_cast<const int16_t*>(wide_rows[0]);
  const auto* a1 = static_cast<const int16_t*>(wide_rows[1]);
  const auto* a2 = static_cast<const int16_t*>(wide_rows[2]);
  const auto* a3 = static_cast<const int16_t*>(wide_rows[3]);
  __m256i c0lo = _mm256_setzero_si256(), c0hi = c0lo, c1lo = c0lo, c1hi = c0lo;
  __m256i c2lo = c0lo, c2hi = c0lo, c3lo = c0lo, c3hi = c0lo;
  const int8_t* w = packed_block;
  for (int32_t k = 0; k < padded_depth; k += 2, w += 32) {
    const __m256i wlo = Widen16(w), whi = Widen16(w + 16);  // channels 0-7, 8-15: (k, k + 1) pairs
    __m256i a = BroadcastPair(a0 + k);
    c0lo = _mm256_add_epi32(c0lo, _mm256_madd_epi16(a, wlo));
    c0hi = _mm256_add_epi32(c0hi, _mm256_madd_epi16(a, whi));
    a = BroadcastPair(a1 + k);
    c1lo = _mm256_add_epi32(c1lo, _mm256_madd_epi16(a, wlo));
    c1hi = _mm256_add_epi32(c1hi, _mm256_madd_epi16(a, whi));
    a = BroadcastPair(a2 + k);
    c2lo = _mm256_add_epi32(c2lo, _mm256_madd_epi16(a, wlo));
    c2hi = _mm256_add_epi32(c2hi, _mm256_madd_epi16(a, whi));
    a = BroadcastPair(a3 + k);
    c3lo = _mm256_add_epi32(c3lo, _mm256_madd_epi16(a, wlo));
    c3hi = _mm256_add_epi32(c3hi, _mm256_madd_epi16(a, whi));
  }
  auto* out = reinterpret_cast<__m256i*>(acc);
  _mm256_storeu_si256(out + 0, c0lo);
  _mm256_storeu_si256(out + 1, c0hi);
  _mm256_storeu_si256(out + 2, c1lo);
  _mm256_storeu_si256(out + 3, c1hi);
  _mm256_storeu_si256(out + 4, c2lo);
  _mm256_storeu_si256(out + 5, c2hi);
  _mm256_storeu_si256(out + 6, c3lo);
  _mm256_storeu_si256(out + 7, c3hi);
}

namespace {

// The row kernel over kBlocks consecutive channel blocks: one stream of weights per block (one stream
// reads at ~10 GB/s from memory here, four at ~19).
template <int kBlocks>
void RowBlocks(const int16_t* row, const int8_t* packed_blocks, int32_t padded_depth, int32_t* acc) {
  const int64_t block_bytes = int64_t{padded_depth} * 16;
  __m256i lo[kBlocks], hi[kBlocks];
  for (int b = 0; b < kBlocks; ++b) lo[b] = hi[b] = _mm256_setzero_si256();
  for (int32_t k = 0; k < padded_depth; k += 2) {
    const __m256i a = BroadcastPair(row + k);
    const int8_t* w = packed_blocks + int64_t{k} * 16;
    for (int b = 0; b < kBlocks; ++b) {
      lo[b] = _mm256_add_epi32(lo[b], _mm256_madd_epi16(a, Widen16(w + b * block_bytes)));
      hi[b] = _mm256_add_epi32(hi[b], _mm256_madd_epi16(a, Widen16(w + b * block_bytes + 16)));
    }
  }
  auto* out = reinterpret_cast<__m256i*>(acc);
  for (int b = 0; b < kBlocks; ++b) {
    _mm256_storeu_si256(out + 2 * b, lo[b]);
    _mm256_storeu_si256(out + 2 * b + 1, hi[b]);
  }
}

}  // namespace

void qs8_qc8w_gemm_1x16c2_avx2(const void* wide_row, const int8_t* packed_blocks, int32_t padded_depth,
                               int32_t blocks, int32_t* acc) {
  static_assert(kQGemmRowBlocks == 4);
  const auto* row = static_cast<const int16_t*>(wide_row);
  switch (blocks) {
    case 1: return RowBlocks<1>(row, packed_blocks, padded_depth, acc);
    case 2: return RowBlocks<2>(row, packed_blocks, padded_depth, acc);
    case 3: return RowBlocks<3>(row, packed_blocks, padded_depth, acc);
    default: return RowBlocks<4>(row, packed_blocks, padded_depth, acc);
  }
}

void qs8_widen_avx2(const int8_t* x, size_t n, int16_t* y) {
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(y + i), Widen16(x + i));
  }
  for (; i < n; ++i) y[i] = x[i];
}

}  // namespace qb
