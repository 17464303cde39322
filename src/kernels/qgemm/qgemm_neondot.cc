// qs8_qc8w_gemm_4x4c16_neondot: the 4x4c16 int8 GEMM tile (layout in qgemm.h) for CPUs with the ARMv8.2
// dot product extension (Cortex-A76, Raspberry Pi 5). This file alone is compiled with
// -march=armv8.2-a+dotprod and is only called when HWCAP_ASIMDDP is set.
// Per row m and channel n, 16 k at a time: sdot (vdotq_s32) adds four 4-element int8 dot products into
// the int32x4 accumulator acc[m][n]; the four lanes are summed once at the end.
// qs8_qc8w_gemm_1x4c16_neondot: the same for a single row against up to four channel blocks at once.
#include <arm_neon.h>

#include "kernels/qgemm/qgemm_microkernels.h"
#include "kernels/qgemm/qgemm_tiles_neon.h"

namespace qb {
namespace {

// Per channel, 16 k: sdot adds four 4-element int8 dot products into the int32x4 sum.
// A type of this file's own (internal linkage), so that the templates' instantiations never meet the other
// level's, compiled with other flags.
struct MultiplyAdd {
  int32x4_t operator()(int32x4_t sum, int8x16_t a, int8x16_t w) const { return vdotq_s32(sum, a, w); }
};

}  // namespace

void qs8_qc8w_gemm_4x4c16_neondot(const void* const int8_rows[kQGemmRows], const int8_t* packed_block,
                                  int32_t padded_depth, int32_t* acc) {
  neon_tiles::Tile(int8_rows, packed_block, padded_depth, acc, MultiplyAdd{});
}

void qs8_qc8w_gemm_1x4c16_neondot(const void* int8_row, const int8_t* packed_blocks, int32_t padded_depth,
                                  int32_t blocks, int32_t* acc) {
  neon_tiles::RowKernel(int8_row, packed_blocks, padded_depth, blocks, acc, MultiplyAdd{});
}

}  // namespace qb
