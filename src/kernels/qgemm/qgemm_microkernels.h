// The int8 GEMM microkernels of quantbench's own hybrid kernels, one per ISA level, each in its own file
// (ARM64: qgemm_neon.cc, qgemm_neondot.cc, the latter compiled with -march=armv8.2-a+dotprod; x86-64:
// qgemm_avx2.cc, compiled with -mavx2; only the build architecture's are compiled). This header
// includes nothing but <cstdint>, so no inline function is ever compiled with an ISA the CPU may lack.
// Tile and packed layout: see qgemm.h.
#pragma once

#include <cstdint>

namespace qb {

inline constexpr int32_t kQGemmRows = 4;       // mr
inline constexpr int32_t kQGemmChannels = 4;   // nr
inline constexpr int32_t kQGemmDepthBlock = 16;  // kr

inline int32_t QGemmPaddedDepth(int32_t depth) {
  return (depth + kQGemmDepthBlock - 1) / kQGemmDepthBlock * kQGemmDepthBlock;
}

// acc[m][n] = Σ over k < 16 * depth_blocks of rows[m][k] * packed[n][k] for one channel block.
using QGemmTileFn = void (*)(const int8_t* const rows[kQGemmRows], const int8_t* packed_block,
                             int32_t depth_blocks, int32_t acc[kQGemmRows][kQGemmChannels]);
void qs8_qc8w_gemm_4x4c16_neon(const int8_t* const rows[kQGemmRows], const int8_t* packed_block,
                               int32_t depth_blocks, int32_t acc[kQGemmRows][kQGemmChannels]);
void qs8_qc8w_gemm_4x4c16_neondot(const int8_t* const rows[kQGemmRows], const int8_t* packed_block,
                                  int32_t depth_blocks, int32_t acc[kQGemmRows][kQGemmChannels]);
void qs8_qc8w_gemm_4x4c16_avx2(const int8_t* const rows[kQGemmRows], const int8_t* packed_block,
                               int32_t depth_blocks, int32_t acc[kQGemmRows][kQGemmChannels]);

// The epilogue of one tile whose every channel has a folded bias (hybrid_quantize.h), per row m:
//   exact[j] = acc[m][j] - zero_points[m] * channel_sums[n0 + j]              (wrapping int32)
//   outputs[m][n0 + j] = min(max((float(exact[j]) + biases[m][n0 + j]) * scales[m][n0 + j], min), max)
// for m < rows and the kQGemmChannels channels of the block at n0 (full blocks only) — the reference's
// folded form and ActivationRange::Apply, bit for bit (incl. -0 and NaN).
struct QGemmFoldedOutput {
  int32_t rows = 0;
  int32_t zero_points[kQGemmRows] = {};
  const float* scales[kQGemmRows] = {};  // per channel, from channel 0
  const float* biases[kQGemmRows] = {};  // in accumulator units, from channel 0
  float* outputs[kQGemmRows] = {};       // from channel 0
  const int32_t* channel_sums = nullptr;
  float min = 0.0f, max = 0.0f;
};
using QGemmFoldedStoreFn = void (*)(const int32_t acc[kQGemmRows][kQGemmChannels], const QGemmFoldedOutput& out,
                                    int32_t n0);
void qgemm_folded_store_neon(const int32_t acc[kQGemmRows][kQGemmChannels], const QGemmFoldedOutput& out,
                             int32_t n0);
void qgemm_folded_store_avx2(const int32_t acc[kQGemmRows][kQGemmChannels], const QGemmFoldedOutput& out,
                             int32_t n0);

}  // namespace qb
