// The int8 depthwise-convolution microkernels of quantbench's own hybrid kernels, one per architecture, each
// in its own file (dwconv_neon.cc, dwconv_avx2.cc; only the build architecture's is compiled). Like
// qgemm_microkernels.h it includes nothing but <cstdint>.
#pragma once

#include <cstdint>

namespace qb {

// For one output position: acc[c] = Σ_t (inputs[t][c] - zero_point) * weights[t][c] for c < channels,
// over the `taps` kernel taps that read the input (padded taps are left out by the caller).
using DwconvFn = void (*)(const int8_t* const* inputs, const int8_t* const* weights, int32_t taps,
                          int32_t channels, int32_t zero_point, int32_t* acc);
void qs8_qc8w_dwconv_acc32_neon(const int8_t* const* inputs, const int8_t* const* weights, int32_t taps,
                                int32_t channels, int32_t zero_point, int32_t* acc);
void qs8_qc8w_dwconv_acc32_avx2(const int8_t* const* inputs, const int8_t* const* weights, int32_t taps,
                                int32_t channels, int32_t zero_point, int32_t* acc);

}  // namespace qb
