// The x86-64 half of qgemm_isa.h: one level, AVX2 (every CPU quantbench runs on: BestIsa refuses x86-64
// CPUs without it).
#include "kernels/qgemm/qgemm_isa.h"
#include "kernels/x86/hybrid_input_quantizer.h"

namespace qb {

const std::vector<QGemmIsa>& QGemmIsaLevels() {
  static const std::vector<QGemmIsa> levels = {QGemmIsa::kAvx2};
  return levels;
}

QGemmIsa DetectQGemmIsa() { return QGemmIsa::kAvx2; }
QGemmIsa CapQGemmIsa(QGemmIsa) { return QGemmIsa::kAvx2; }
QGemmIsa QGemmIsaFor(IsaLevel) { return QGemmIsa::kAvx2; }

QGemmMicrokernels MicrokernelsFor(QGemmIsa) {
  return {.isa = QGemmIsa::kAvx2,
          .layout = {.channels = 16, .depth_block = 2, .wide_rows = true},
          .gemm_tile = qs8_qc8w_gemm_4x16c2_avx2,
          .gemm_name = "qs8_qc8w_gemm_4x16c2_avx2",
          .gemm_row = qs8_qc8w_gemm_1x16c2_avx2,
          .gemm_row_name = "qs8_qc8w_gemm_1x16c2_avx2",
          .widen = qs8_widen_avx2,
          .folded_store = qgemm_folded_store_avx2,
          .dwconv = qs8_qc8w_dwconv_acc32_avx2,
          .dwconv_name = "qs8_qc8w_dwconv_acc32_avx2",
          .quantize_image = QuantizeImageToS8};
}

}  // namespace qb
