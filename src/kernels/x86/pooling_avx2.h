// The AVX2 inner loops of the x86-64 float pooling kernels (pooling.h): one output position from the
// pointers to its in-bounds taps, the reference's arithmetic per channel (the taps in the given order,
// std::max(acc, v) or acc + v, the division by the in-bounds count, then ActivationRange::Apply), 32
// channels at a time in registers. Only pooling_avx2.cc is compiled with -mavx2.
#pragma once

#include <cstdint>

namespace qb {

// out[c] = min(max(max over taps of taps[t][c], lo), hi), the maximum starting from -infinity.
void maxpool_pixel_f32_avx2(const float* const* taps, int32_t tap_count, int32_t channels, float lo, float hi,
                            float* out);
// out[c] = min(max((Σ taps[t][c]) / tap_count, lo), hi); 0 before the activation when tap_count is 0.
void avgpool_pixel_f32_avx2(const float* const* taps, int32_t tap_count, int32_t channels, float lo, float hi,
                            float* out);

}  // namespace qb
