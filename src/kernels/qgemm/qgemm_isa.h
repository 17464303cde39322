// The instruction-set levels of quantbench's own hybrid int8 kernels (this folder), which ones this CPU
// offers, and the microkernels of each — the one place that maps a level to code.
//   ARM64:  neon (smull/sadalp; every ARM64 CPU, e.g. Cortex-A72 in the Raspberry Pi 4) < neondot (sdot,
//           ARMv8.2 dotprod, e.g. Cortex-A76 in the Raspberry Pi 5; read from the kernel's HWCAP bits)
//   x86-64: avx2 (vpmaddwd on int8 widened to int16: exact for full-range 8-bit inputs, unlike oneDNN's
//           vpmaddubsw below VNNI)
// A requested level is a cap: the kernels use min(requested, best of this CPU).
// Implemented per architecture: qgemm_isa_arm.cc, qgemm_isa_x86.cc.
#pragma once

#include <string_view>
#include <vector>

#include "kernels/isa.h"
#include "kernels/reference/hybrid_quantize.h"
#include "kernels/qgemm/dwconv_microkernels.h"
#include "kernels/qgemm/qgemm_microkernels.h"

namespace qb {

enum class QGemmIsa {
  kNeon = 0,
  kNeonDot = 1,
  kAvx2 = 2,
};

// The levels of the build's architecture, lowest first.
const std::vector<QGemmIsa>& QGemmIsaLevels();
// The best level this CPU runs.
QGemmIsa DetectQGemmIsa();
// `requested` when the CPU has it (and it is of this architecture), else DetectQGemmIsa().
QGemmIsa CapQGemmIsa(QGemmIsa requested);
// The level for the process-wide cap (isa.h): dotprod -> neondot, neon -> neon, every x86-64 level -> avx2.
QGemmIsa QGemmIsaFor(IsaLevel level);
// "neon", "neondot", "avx2": as recorded in Implementation() strings.
std::string_view QGemmIsaName(QGemmIsa isa);

// The per-image input quantizer: the reference's QuantizeImageAsymmetric (on 8 bits, or 7 where the own
// kernels stand in for oneDNN's 7-bit ones), or an ISA's exact copy, on up to `num_threads` threads (large
// images only: threading/parallel_quantize.h).
using QuantizeImageFn = QuantizedImage (*)(const float* x, size_t n, int8_t* q, HybridInputBits bits,
                                           int num_threads);

// The packed weights and rows a level's GEMM tile reads (qgemm.h): channel blocks of `channels` (nr) with
// `depth_block` (kr) consecutive k per channel, and rows of int16 (`wide_rows`) or int8.
struct QGemmLayout {
  int32_t channels;
  int32_t depth_block;
  bool wide_rows;
};

// What the kernels of one level run.
struct QGemmMicrokernels {
  QGemmIsa isa;
  QGemmLayout layout;
  QGemmTileFn gemm_tile;
  std::string_view gemm_name;         // "qs8_qc8w_gemm_4x16c2_avx2"
  QGemmRowFn gemm_row;                // for a lone tile of one row (qgemm.h)
  std::string_view gemm_row_name;     // "qs8_qc8w_gemm_1x16c2_avx2"
  WidenFn widen;                      // int8 -> int16 rows (levels with wide rows)
  QGemmFoldedStoreFn folded_store;    // the tile's epilogue when every bias is folded
  DwconvFn dwconv;
  std::string_view dwconv_name;       // "qs8_qc8w_dwconv_acc32_neon"
  QuantizeImageFn quantize_image;
};
// The microkernels of a level (assumed available: pass a capped level).
QGemmMicrokernels MicrokernelsFor(QGemmIsa isa);

}  // namespace qb
