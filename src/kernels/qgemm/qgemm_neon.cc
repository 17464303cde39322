// qs8_qc8w_gemm_4x4c16_neon: the 4x4c16 int8 GEMM tile (layout in qgemm.h) for every ARM64 CPU.
// Per row m and channel n, 16 k at a time: smull / smull2 multiply 8 int8 pairs into int16 (at most
// 128 * 128 = 16384, no overflow for any int8 input), sadalp adds adjacent int16 pairs into the int32x4
// accumulator acc[m][n]; the four lanes are summed once at the end. Products are not paired with smlal
// before widening: -128 * -128 twice would overflow int16, and weights are not guaranteed to avoid -128.
// qs8_qc8w_gemm_1x4c16_neon: the same for a single row against up to four channel blocks at once.
#include <arm_neon.h>

#include "kernels/qgemm/qgemm_microkernels.h"
#include "kernels/qgemm/qgemm_tiles_neon.h"

namespace qb {
namespace {

// Per channel, 16 k: smull / smull2 multiply 8 int8 pairs into int16 (at most 128 * 128 = 16384), sadalp adds
// adjacent int16 pairs into the int32x4 sum.
// A type of this file's own (internal linkage), so that the templates' instantiations never meet the other
// level's, compiled with other flags.
struct MultiplyAdd {
  int32x4_t operator()(int32x4_t sum, int8x16_t a, int8x16_t w) const {
    sum = vpadalq_s16(sum, vmull_s8(vget_low_s8(a), vget_low_s8(w)));
    return vpadalq_s16(sum, vmull_high_s8(a, w));
  }
};

}  // namespace

void qs8_qc8w_gemm_4x4c16_neon(const void* const int8_rows[kQGemmRows], const int8_t* packed_block,
                               int32_t padded_depth, int32_t* acc) {
  neon_tiles::Tile(int8_rows, packed_block, padded_depth, acc, MultiplyAdd{});
}

void qs8_qc8w_gemm_1x4c16_neon(const void* int8_row, const int8_t* packed_blocks, int32_t padded_depth,
                               int32_t blocks, int32_t* acc) {
  neon_tiles::RowKernel(int8_row, packed_blocks, padded_depth, blocks, acc, MultiplyAdd{});
}

}  // namespace qb
