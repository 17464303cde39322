// The ARM64 half of qgemm_isa.h: NEON everywhere, dotprod from HWCAP_ASIMDDP (kernels/cpu_features.h).
#include <algorithm>

#include "kernels/cpu_features.h"
#include "kernels/qgemm/qgemm_isa.h"
#include "kernels/qgemm/quantize_image_microkernels.h"
#include "kernels/threading/parallel_quantize.h"

namespace qb {
namespace {

// The NEON passes (every ARM64 CPU), on threads for large images.
QuantizedImage QuantizeImageOnThreads(const float* x, size_t n, int8_t* q, HybridInputBits bits, int num_threads) {
  return ParallelQuantizeImage(num_threads, x, n, q, bits, hybrid_value_range_neon, qs8_quantize_neon);
}

}  // namespace

const std::vector<QGemmIsa>& QGemmIsaLevels() {
  static const std::vector<QGemmIsa> levels = {QGemmIsa::kNeon, QGemmIsa::kNeonDot};
  return levels;
}

QGemmIsa DetectQGemmIsa() { return DetectCpuFeatures().dotprod ? QGemmIsa::kNeonDot : QGemmIsa::kNeon; }

QGemmIsa CapQGemmIsa(QGemmIsa requested) {
  return requested == QGemmIsa::kAvx2 ? DetectQGemmIsa() : std::min(requested, DetectQGemmIsa());
}

QGemmIsa QGemmIsaFor(IsaLevel level) { return level == IsaLevel::kDotprod ? QGemmIsa::kNeonDot : QGemmIsa::kNeon; }

QGemmMicrokernels MicrokernelsFor(QGemmIsa isa) {
  const bool dotprod = isa == QGemmIsa::kNeonDot;
  return {.isa = dotprod ? QGemmIsa::kNeonDot : QGemmIsa::kNeon,
          .layout = {.channels = 4, .depth_block = 16, .wide_rows = false},
          .gemm_tile = dotprod ? qs8_qc8w_gemm_4x4c16_neondot : qs8_qc8w_gemm_4x4c16_neon,
          .gemm_name = dotprod ? "qs8_qc8w_gemm_4x4c16_neondot" : "qs8_qc8w_gemm_4x4c16_neon",
          .gemm_row = dotprod ? qs8_qc8w_gemm_1x4c16_neondot : qs8_qc8w_gemm_1x4c16_neon,
          .gemm_row_name = dotprod ? "qs8_qc8w_gemm_1x4c16_neondot" : "qs8_qc8w_gemm_1x4c16_neon",
          .widen = nullptr,
          .folded_store = qgemm_folded_store_neon,
          .dwconv = qs8_qc8w_dwconv_acc32_neon,
          .dwconv_name = "qs8_qc8w_dwconv_acc32_neon",
          .quantize_image = QuantizeImageOnThreads};
}

}  // namespace qb
