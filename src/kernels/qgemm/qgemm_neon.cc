// qs8_qc8w_gemm_4x4c16_neon: the 4x4c16 int8 GEMM tile (layout in qgemm.h) for every ARM64 CPU.
// Per row m and channel n, 16 k at a time: smull / smull2 multiply 8 int8 pairs into int16 (at most
// 128 * 128 = 16384, no overflow for any int8 input), sadalp adds adjacent int16 pairs into the int32x4
// accumulator acc[m][n]; the four lanes are summed once at the end. Products are not paired with smlal
// before widening: -128 * -128 twice would overflow int16, and weights are not guaranteed to avoid -128.
// qs8_qc8w_gemm_1x4c16_neon: the same for a single row against up to four channel blocks at once.
#include <arm_neon.h>

#include "kernels/qgemm/qgemm_microkernels.h"
#include "kernels/qgemm/qgemm_row_neon.h"

namespace qb {

void qs8_qc8w_gemm_4x4c16_neon(const void* const int8_rows[kQGemmRows], const int8_t* packed_block,
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
      for (int n = 0; n < kChannels; ++n) {
        sums[m][n] = vpadalq_s16(sums[m][n], vmull_s8(vget_low_s8(a), vget_low_s8(w[n])));
        sums[m][n] = vpadalq_s16(sums[m][n], vmull_high_s8(a, w[n]));
      }
    }
  }
  for (int m = 0; m < kQGemmRows; ++m) {
    for (int n = 0; n < kChannels; ++n) acc[m * kChannels + n] = vaddvq_s32(sums[m][n]);
  }
}

void qs8_qc8w_gemm_1x4c16_neon(const void* int8_row, const int8_t* packed_blocks, int32_t padded_depth,
                               int32_t blocks, int32_t* acc) {
  return neon_row::RowKernel(int8_row, packed_blocks, padded_depth, blocks, acc,
                             [](int32x4_t sum, int8x16_t a, int8x16_t w) {
                               sum = vpadalq_s16(sum, vmull_s8(vget_low_s8(a), vget_low_s8(w)));
                               return vpadalq_s16(sum, vmull_high_s8(a, w));
                             });
}

}  // namespace qb
