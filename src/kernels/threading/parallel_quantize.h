// The hybrid kernels' per-image input quantization (reference/hybrid_quantize.h) on several threads, with
// an ISA's kernels for the two passes: the image's range merged from parts found in parallel (exact: min
// and max give the same result in any order), then the parts quantized in parallel with the whole image's
// parameters. Images too small to repay a fork-join stay on the calling thread. Header-only, so that no
// ISA-specific file needs to include it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "kernels/reference/hybrid_quantize.h"
#include "kernels/threading/parallel_for.h"

namespace qb {

// Values per part below which another part costs more than it saves (a fork-join takes microseconds, a
// part of this size about as long), and the most parts an image is split into.
inline constexpr size_t kQuantizeValuesPerPart = 32 * 1024;
inline constexpr int32_t kQuantizeMaxParts = 64;

// Into how many parts an image of n values is split on num_threads threads (1: not split).
inline int32_t QuantizeParts(size_t n, int num_threads) {
  const size_t parts = std::min({n / kQuantizeValuesPerPart, static_cast<size_t>(std::max(num_threads, 1)),
                                 static_cast<size_t>(kQuantizeMaxParts)});
  return static_cast<int32_t>(std::max<size_t>(parts, 1));
}

// range(x, n) -> HybridValueRange of n values (HybridValueRangeOf or an exact SIMD copy).
template <typename RangeFn>
HybridValueRange ParallelValueRange(int num_threads, const float* x, size_t n, RangeFn&& range) {
  const int32_t parts = QuantizeParts(n, num_threads);
  if (parts == 1) return range(x, n);
  HybridValueRange part_ranges[kQuantizeMaxParts];
  ParallelFor(num_threads, parts, [&](int32_t p) {
    const auto span = EvenShare(n, p, parts);
    part_ranges[p] = range(x + span.begin, span.end - span.begin);
  });
  HybridValueRange whole;
  for (int32_t p = 0; p < parts; ++p) whole = Merge(whole, part_ranges[p]);
  return whole;
}

// QuantizeImageAsymmetric(x, n, q, bits), value for value, given the range kernel above and
// quantize(x, n, image, bits, q) (QuantizeHybridValues or an exact SIMD copy).
template <typename RangeFn, typename QuantizeFn>
QuantizedImage ParallelQuantizeImage(int num_threads, const float* x, size_t n, int8_t* q, HybridInputBits bits,
                                     RangeFn&& range, QuantizeFn&& quantize) {
  const HybridValueRange whole = ParallelValueRange(num_threads, x, n, range);
  const QuantizedImage image = HybridInputParameters(whole.lo, whole.hi, bits);
  const int32_t parts = QuantizeParts(n, num_threads);
  ParallelFor(num_threads, parts, [&](int32_t p) {
    const auto span = EvenShare(n, p, parts);
    if (whole.hi == whole.lo) {
      std::fill(q + span.begin, q + span.end, int8_t{0});
    } else {
      quantize(x + span.begin, span.end - span.begin, image, bits, q + span.begin);
    }
  });
  return image;
}

}  // namespace qb
