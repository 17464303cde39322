// qs8_qc8w_dwconv_acc32_neon (dwconv_microkernels.h), for every ARM64 CPU: 8 channels at a time, the input
// is widened to int16 and its zero point subtracted (q - zp is in [-255, 255]), the weights widened to
// int16, and smlal / smlal2 accumulate the products exactly into two int32x4 vectors. Remaining channels
// take the scalar loop.
#include <arm_neon.h>

#include "kernels/qgemm/dwconv_microkernels.h"

namespace qb {

void qs8_qc8w_dwconv_acc32_neon(const int8_t* const* inputs, const int8_t* const* weights, int32_t taps,
                                int32_t channels, int32_t zero_point, int32_t* acc) {
  const int16x8_t zero = vdupq_n_s16(static_cast<int16_t>(zero_point));
  int32_t c = 0;
  for (; c + 8 <= channels; c += 8) {
    int32x4_t low = vdupq_n_s32(0);
    int32x4_t high = vdupq_n_s32(0);
    for (int32_t t = 0; t < taps; ++t) {
      const int16x8_t x = vsubq_s16(vmovl_s8(vld1_s8(inputs[t] + c)), zero);
      const int16x8_t w = vmovl_s8(vld1_s8(weights[t] + c));
      low = vmlal_s16(low, vget_low_s16(x), vget_low_s16(w));
      high = vmlal_high_s16(high, x, w);
    }
    vst1q_s32(acc + c, low);
    vst1q_s32(acc + c + 4, high);
  }
  for (; c < channels; ++c) {
    int32_t sum = 0;
    for (int32_t t = 0; t < taps; ++t) sum += (int32_t{inputs[t][c]} - zero_point) * int32_t{weights[t][c]};
    acc[c] = sum;
  }
}

}  // namespace qb
