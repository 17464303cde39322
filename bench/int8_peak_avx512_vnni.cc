// AVX-512 VNNI peak loop (int8_peak.h): 12 zmm accumulators, each vpdpbusd 64 u8 x s8 products.
#include <immintrin.h>

#include "int8_peak.h"

namespace qb::bench {

int64_t VpdpbusdPeak(int64_t iterations, int32_t* sink) {
  __m512i acc[12];
  for (int i = 0; i < 12; ++i) acc[i] = _mm512_set1_epi32(i);
  const __m512i a = _mm512_set1_epi8(3), b = _mm512_set1_epi8(-2);
  for (int64_t it = 0; it < iterations; ++it) {
    for (int i = 0; i < 12; ++i) acc[i] = _mm512_dpbusd_epi32(acc[i], a, b);
  }
  __m512i sum = acc[0];
  for (int i = 1; i < 12; ++i) sum = _mm512_add_epi32(sum, acc[i]);
  *sink += _mm512_reduce_add_epi32(sum);
  return iterations * 12 * 64 * 2;
}

}  // namespace qb::bench
