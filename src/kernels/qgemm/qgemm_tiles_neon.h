// The GEMM tiles of the ARM64 levels (qgemm_microkernels.h: 4x4c16, and the single-row 1x4c16 over up to
// kQGemmRowBlocks channel blocks), written once for both: `multiply_add(sum, a, w)` adds the products of 16
// int8 pairs into a channel's int32x4 sum (smull + sadalp for NEON, sdot for dotprod); each sum's four lanes
// are added once at the end. Included only by qgemm_neon.cc and qgemm_neondot.cc, each instantiating the
// templates with its own multiply-add (and compile flags).
#pragma once

#include <arm_neon.h>

#include <cstdint>

#include "kernels/qgemm/qgemm_microkernels.h"

namespace qb::neon_tiles {

template <typename MultiplyAdd>
void Tile(const void* const int8_rows[kQGemmRows], const int8_t* packed_block, int32_t padded_depth, int32_t* acc,
          MultiplyAdd multiply_add) {
  constexpr int kChannels = 4;  // nr
  const int8_t* rows[kQGemmRows];
  for (int m = 0; m < kQGemmRows; ++m) rows[m] = static_cast<const int8_t*>(int8_rows[m]);
  int32x4_t sums[kQGemmRows][kChannels];
  for (int m = 0; m < kQGemmRows; ++m) {
    for (int n = 0; n < kChannels; ++n) sums[m][n] = vdupq_n_s32(0);
  }
  for (int32_t kb = 0; kb < padded_depth / 16; ++kb) {
    int8x16_t w[kChannels];
    for (int n = 0; n < kChannels; ++n) w[n] = vld1q_s8(packed_block + (kb * kChannels + n) * 16);
    for (int m = 0; m < kQGemmRows; ++m) {
      const int8x16_t a = vld1q_s8(rows[m] + kb * 16);
      for (int n = 0; n < kChannels; ++n) sums[m][n] = multiply_add(sums[m][n], a, w[n]);
    }
  }
  for (int m = 0; m < kQGemmRows; ++m) {
    for (int n = 0; n < kChannels; ++n) acc[m * kChannels + n] = vaddvq_s32(sums[m][n]);
  }
}

template <int kBlocks, typename MultiplyAdd>
void RowBlocks(const int8_t* row, const int8_t* packed_blocks, int32_t padded_depth, int32_t* acc,
               MultiplyAdd multiply_add) {
  constexpr int kChannels = 4;  // nr
  const int64_t block_bytes = int64_t{padded_depth} * kChannels;
  int32x4_t sums[kBlocks][kChannels];
  for (int b = 0; b < kBlocks; ++b) {
    for (int n = 0; n < kChannels; ++n) sums[b][n] = vdupq_n_s32(0);
  }
  for (int32_t kb = 0; kb < padded_depth / 16; ++kb) {
    const int8x16_t a = vld1q_s8(row + kb * 16);
    for (int b = 0; b < kBlocks; ++b) {
      const int8_t* w = packed_blocks + b * block_bytes + kb * kChannels * 16;
      for (int n = 0; n < kChannels; ++n) sums[b][n] = multiply_add(sums[b][n], a, vld1q_s8(w + n * 16));
    }
  }
  for (int b = 0; b < kBlocks; ++b) {
    for (int n = 0; n < kChannels; ++n) acc[b * kChannels + n] = vaddvq_s32(sums[b][n]);
  }
}

// The row kernel's body: RowBlocks for `blocks` (1 to kQGemmRowBlocks) blocks.
template <typename MultiplyAdd>
void RowKernel(const void* int8_row, const int8_t* packed_blocks, int32_t padded_depth, int32_t blocks,
               int32_t* acc, MultiplyAdd multiply_add) {
  static_assert(kQGemmRowBlocks == 4);
  const auto* row = static_cast<const int8_t*>(int8_row);
  switch (blocks) {
    case 1: return RowBlocks<1>(row, packed_blocks, padded_depth, acc, multiply_add);
    case 2: return RowBlocks<2>(row, packed_blocks, padded_depth, acc, multiply_add);
    case 3: return RowBlocks<3>(row, packed_blocks, padded_depth, acc, multiply_add);
    default: return RowBlocks<4>(row, packed_blocks, padded_depth, acc, multiply_add);
  }
}

}  // namespace qb::neon_tiles
