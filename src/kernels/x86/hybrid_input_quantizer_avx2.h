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

// How a quantized value q is stored: as the unsigned byte q - range.min oneDNN reads, or as int8 q itself.
enum class QuantizedByte { kUnsigned, kSigned };

// u[i] = QuantizeHybridValue(x[i]) stored as `form`, for n values of an image quantized with `params`
// (hi != lo) on `range` (8 or 7 bits): values inside the [lo, hi] the parameters came from, or NaN.
void QuantizeToBytesAvx2(const float* x, size_t n, const QuantizedImage& params, HybridInputRange range,
                         QuantizedByte form, uint8_t* u);

}  // namespace qb
