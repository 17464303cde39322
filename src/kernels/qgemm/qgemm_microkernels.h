// The int8 GEMM microkernels of quantbench's own hybrid kernels, one per ISA level, each in its own file
// (ARM64: qgemm_neon.cc, qgemm_neondot.cc, the latter compiled with -march=armv8.2-a+dotprod; x86-64:
// qgemm_avx2.cc, compiled with -mavx2; only the build architecture's are compiled). This header
// includes nothing but <cstdint> and <cstddef>, so no inline function is ever compiled with an ISA the CPU
// may lack. Packed layout and the driver that runs them: qgemm.h.
#pragma once

#include <cstddef>
#include <cstdint>

namespace qb {

inline constexpr int32_t kQGemmRows = 4;          // mr: rows per tile, every level
inline constexpr int32_t kQGemmMaxChannels = 16;  // the widest channel block (nr) of any level
inline constexpr int32_t kQGemmDepthAlign = 16;   // rows and packed weights are padded to a multiple of it

inline int32_t QGemmPaddedDepth(int32_t depth) {
  return (depth + kQGemmDepthAlign - 1) / kQGemmDepthAlign * kQGemmDepthAlign;
}

// One tile: acc[m * nr + n] = Σ over k < padded_depth of rows[m][k] * packed[n][k] for the nr channels of
// one packed channel block. Rows hold int8 values, or int16 for levels with wide rows (QGemmLayout).
using QGemmTileFn = void (*)(const void* const rows[kQGemmRows], const int8_t* packed_block, int32_t padded_depth,
                             int32_t* acc);
// 4x4c16, int8 rows: ARM64.
void qs8_qc8w_gemm_4x4c16_neon(const void* const rows[kQGemmRows], const int8_t* packed_block,
                               int32_t padded_depth, int32_t* acc);
void qs8_qc8w_gemm_4x4c16_neondot(const void* const rows[kQGemmRows], const int8_t* packed_block,
                                  int32_t padded_depth, int32_t* acc);
// 4x16c2, int16 rows: x86-64 AVX2.
void qs8_qc8w_gemm_4x16c2_avx2(const void* const rows[kQGemmRows], const int8_t* packed_block,
                               int32_t padded_depth, int32_t* acc);

// A single row (a fully connected layer's row, a 1x1 image) against `blocks` (1 to kQGemmRowBlocks)
// consecutive channel blocks: acc[b * nr + n] = Σ_k row[k] * packed_blocks[b][n][k]. Such a product is
// bound by reading the weights: the 4-row tile would spend 3/4 of its work on copies of the row, and one
// block at a time reads one stream of memory, slower than several.
inline constexpr int32_t kQGemmRowBlocks = 4;
using QGemmRowFn = void (*)(const void* row, const int8_t* packed_blocks, int32_t padded_depth, int32_t blocks,
                            int32_t* acc);
// 1x4c16 over up to 4 blocks, int8 row: ARM64.
void qs8_qc8w_gemm_1x4c16_neon(const void* int8_row, const int8_t* packed_blocks, int32_t padded_depth,
                               int32_t blocks, int32_t* acc);
void qs8_qc8w_gemm_1x4c16_neondot(const void* int8_row, const int8_t* packed_blocks, int32_t padded_depth,
                                  int32_t blocks, int32_t* acc);
// 1x16c2 over up to 4 blocks, int16 row: x86-64 AVX2.
void qs8_qc8w_gemm_1x16c2_avx2(const void* wide_row, const int8_t* packed_blocks, int32_t padded_depth,
                               int32_t blocks, int32_t* acc);

// Sign-extends n int8 values to int16 (the wide rows of a level that has them).
using WidenFn = void (*)(const int8_t* x, size_t n, int16_t* y);
void qs8_widen_avx2(const int8_t* x, size_t n, int16_t* y);

// The epilogue of one tile whose every channel has a folded bias (hybrid_quantize.h), per row m:
//   exact[j] = acc[m * stride + j] - zero_points[m] * channel_sums[n0 + j]          (wrapping int32)
//   y = (float(exact[j]) + biases[m][n0 + j]) * scales[m][n0 + j]
//   y = y + residuals[m][n0 + j]                      (only with a fused residual ADD: residuals[m] set)
//   outputs[m][n0 + j] = min(max(y, min), max)
// for m < rows and j < channels (a multiple of 4) — the reference's folded form, the ADD and
// ActivationRange::Apply, bit for bit (incl. -0 and NaN).
struct QGemmFoldedOutput {
  int32_t rows = 0;
  int32_t zero_points[kQGemmRows] = {};
  const float* scales[kQGemmRows] = {};  // per channel, from channel 0
  const float* biases[kQGemmRows] = {};  // in accumulator units, from channel 0
  float* outputs[kQGemmRows] = {};       // from channel 0
  const float* residuals[kQGemmRows] = {};  // from channel 0; all null without a fused residual ADD
  const int32_t* channel_sums = nullptr;
  float min = 0.0f, max = 0.0f;
};
using QGemmFoldedStoreFn = void (*)(const int32_t* acc, int32_t stride, const QGemmFoldedOutput& out, int32_t n0,
                                    int32_t channels);
void qgemm_folded_store_neon(const int32_t* acc, int32_t stride, const QGemmFoldedOutput& out, int32_t n0,
                             int32_t channels);
void qgemm_folded_store_avx2(const int32_t* acc, int32_t stride, const QGemmFoldedOutput& out, int32_t n0,
                             int32_t channels);

}  // namespace qb
