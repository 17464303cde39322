// The AVX2 kernels of the x86-64 input quantizer (hybrid_input_quantizer.h): the reference's two passes
// (reference/hybrid_quantize.h) over a span of values, value for value. Only
// hybrid_input_quantizer_avx2.cc is compiled with -mavx2.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/reference/hybrid_quantize.h"

namespace qb {

// HybridValueRangeOf(x, n).
HybridValueRange HybridValueRangeAvx2(const float* x, size_t n);

// u[i] = (QuantizeHybridValue(x[i]) - range.min) ^ flip for n values of an image quantized with `params`
// (hi != lo): the unsigned bytes oneDNN reads (flip 0), or with flip 0x80 the int8 values themselves.
void QuantizeToU8Avx2(const float* x, size_t n, const QuantizedImage& params, HybridInputRange range, uint8_t flip,
                      uint8_t* u);

}  // namespace qb
