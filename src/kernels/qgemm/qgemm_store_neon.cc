// qgemm_folded_store_neon: the folded epilogue of a tile (qgemm_microkernels.h), 4 channels per NEON
// vector, for every ARM64 CPU (used by the neon and neondot levels). The clamps are compare-and-select,
// not fmax/fmin, which order -0 below +0 and propagate NaN differently from std::max / std::min.
#include <arm_neon.h>

#include "kernels/qgemm/qgemm_microkernels.h"

namespace qb {

void qgemm_folded_store_neon(const int32_t* acc, int32_t stride, const QGemmFoldedOutput& out, int32_t n0,
                             int32_t channels) {
  const float32x4_t lo = vdupq_n_f32(out.min), hi = vdupq_n_f32(out.max);
  for (int32_t m = 0; m < out.rows; ++m) {
    const int32x4_t zero_point = vdupq_n_s32(out.zero_points[m]);
    for (int32_t j = 0; j < channels; j += 4) {
      const int32_t n = n0 + j;
      const int32x4_t exact = vmlsq_s32(vld1q_s32(acc + m * stride + j), zero_point, vld1q_s32(out.channel_sums + n));
      const float32x4_t biased = vaddq_f32(vcvtq_f32_s32(exact), vld1q_f32(out.biases[m] + n));
      float32x4_t scaled = vmulq_f32(biased, vld1q_f32(out.scales[m] + n));
      if (out.residuals[m] != nullptr) scaled = vaddq_f32(scaled, vld1q_f32(out.residuals[m] + n));
      const float32x4_t above = vbslq_f32(vcltq_f32(scaled, lo), lo, scaled);     // std::max(x, min)
      vst1q_f32(out.outputs[m] + n, vbslq_f32(vcltq_f32(hi, above), hi, above));  // std::min(y, max)
    }
  }
}

}  // namespace qb
