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
}  // namespace qb
