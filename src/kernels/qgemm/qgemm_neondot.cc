// qs8_qc8w_gemm_4x4c16_neondot: the 4x4c16 int8 GEMM tile (layout in qgemm.h) for CPUs with the ARMv8.2
// dot product extension (Cortex-A76, Raspberry Pi 5). This file alone is compiled with
// -march=armv8.2-a+dotprod and is only called when HWCAP_ASIMDDP is set.
// Per row m and channel n, 16 k at a time: sdot (vdotq_s32) adds four 4-element int8 dot products into
// the int32x4 accumulator acc[m][n]; the four lanes are summed once at the end.
// qs8_qc8w_gemm_1x4c16_neondot: the same for a single row against up to four channel blocks at once.
#include <arm_neon.h>

#include "kernels/qgemm/qgemm_microkernels.h"
#include "kernels/qgemm/qgemm_row_neon.h"

namespace qb {

void qs8_qc8w_gemm_4x4c16_neondot(const void* const int8_rows[kQGemmRows], const int8_t* packed_block,
                                  int32_t padded_depth, int32_t* acc) {
  constexpr int kChannels = 4;  // nr
  const int8_t* rows[kQGemmRows];
  for (int m = 0; m < kQGemmRows; ++m) rows[m] = static_cast<const int8_t*>(int8_rows[m]);
  const int32_t depth_blocks = padded_depth / 16;
  int32x4_t sums[kQGemmRows][kChannels];
  for (int m = 0; m < kQGemmRows; ++m) {
    for (int n = 0; n < kChannels; ++n) sums[m][n] = vdupq_n_s32(0);
  }
  for (int32_t kb = 0; kb < depth_blocks; ++kb) {
    int8x16_t w[kChannels];
    for (int n = 0; n < kChannels; ++n) w[n] = vld1q_s8(packed_block + (kb * kChannels + n) * 16);
    for (int m = 0; m < kQGemmRows; ++m) {
      const int8x16_t a = vld1q_s8(rows[m] + kb * 16);
      for (int n = 0; n < kChannels; ++n) sums[m][n] = vdotq_s32(sums[m][n], a, w[n]);
    }
  }
  for (int m = 0; m < kQGemmRows; ++m) {
    for (int n = 0; n < kChannels; ++n) acc[m * kChannels + n] = vaddvq_s32(sums[m][n]);
  }
}

void qs8_qc8w_gemm_1x4c16_neondot(const void* int8_row, const int8_t* packed_blocks, int32_t padded_depth,
                                  int32_t blocks, int32_t* acc) {
  return neon_row::RowKernel(int8_row, packed_blocks, padded_depth, blocks, acc,
                             [](int32x4_t sum, int8x16_t a, int8x16_t w) { return vdotq_s32(sum, a, w); });
}

}  // namespace qb
