// AVX-512 FMA peak loop (fma_peak.h): 12 zmm accumulators, 16 float lanes each.
#include <immintrin.h>

#include "fma_peak.h"

namespace qb::bench {

int64_t FmaPeakAvx512(int64_t iterations, float* sink) {
  __m512 acc[12];
  for (int i = 0; i < 12; ++i) acc[i] = _mm512_set1_ps(0.001f * static_cast<float>(i));
  const __m512 a = _mm512_set1_ps(0.999f), b = _mm512_set1_ps(0.0001f);
  for (int64_t it = 0; it < iterations; ++it) {
    for (int i = 0; i < 12; ++i) acc[i] = _mm512_fmadd_ps(acc[i], a, b);
  }
  __m512 sum = acc[0];
  for (int i = 1; i < 12; ++i) sum = _mm512_add_ps(sum, acc[i]);
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, sum);
  for (float v : lanes) *sink += v;
  return iterations * 12 * 16 * 2;
}

}  // namespace qb::bench
