// AVX-512BW peak loop without VNNI (int8_peak.h): 12 chains of vpmaddubsw (64 u8 x s8 products summed in
// pairs to int16) + vpmaddwd with ones (pairs to int32), the sequence oneDNN uses below VNNI (each chain
// feeds its result back as the next u8 operand so nothing is loop-invariant; oneDNN adds a vpaddd more).
#include <immintrin.h>

#include "int8_peak.h"

namespace qb::bench {

int64_t VpmaddubswPeak(int64_t iterations, int32_t* sink) {
  __m512i acc[12];
  for (int i = 0; i < 12; ++i) acc[i] = _mm512_set1_epi32(i);
  const __m512i b = _mm512_set1_epi8(-2), ones = _mm512_set1_epi16(1);
  for (int64_t it = 0; it < iterations; ++it) {
    for (int i = 0; i < 12; ++i) {
      acc[i] = _mm512_madd_epi16(_mm512_maddubs_epi16(acc[i], b), ones);
    }
  }
  __m512i sum = acc[0];
  for (int i = 1; i < 12; ++i) sum = _mm512_add_epi32(sum, acc[i]);
  *sink += _mm512_reduce_add_epi32(sum);
  return iterations * 12 * 64 * 2;
}

}  // namespace qb::bench
