// The two passes of the per-image input quantizer (reference/hybrid_quantize.h) as exact copies for an
// architecture, each in its own file (quantize_image_neon.cc; x86-64 uses kernels/x86's AVX2 passes). The
// level's quantize_image runs them over the parts of an image (threading/parallel_quantize.h).
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/reference/hybrid_quantize.h"

namespace qb {

// HybridValueRangeOf(x, n), value for value.
HybridValueRange hybrid_value_range_neon(const float* x, size_t n);

// QuantizeHybridValues(x, n, image, bits, q), value for value.
void qs8_quantize_neon(const float* x, size_t n, const QuantizedImage& image, HybridInputBits bits, int8_t* q);

}  // namespace qb
