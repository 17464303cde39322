// AVX-512BW peak loop without VNNI (int8_peak.h): 12 chains of vpmaddubsw (64 u8 x s8 products summed in
// pairs to int16) + vpmaddwd with ones (pairs to int32), the sequence oneDNN uses below VNNI (each chain
// feeds its result back as the next u8 operand so nothing is loop-invariant; oneDNN adds a vpaddd more).
#include <immintrin.h>

#include "int8_peak.h"
#include "peak_loop.h"

namespace qb::bench {

int64_t VpmaddubswPeak(int64_t iterations, int32_t* sink) {
#define QB_INIT(i) _mm512_set1_epi32(i)
  QB_PEAK_DECLARE(__m512i, QB_INIT);
#undef QB_INIT
  const __m512i b = _mm512_set1_epi8(-2), ones = _mm512_set1_epi16(1);
  for (int64_t it = 0; it < iterations; ++it) {
#define QB_STEP(i) "vpmaddubsw %12, %" #i ", %" #i "\n\tvpmaddwd %13, %" #i ", %" #i "\n\t"
    asm volatile(QB_PEAK_TWELVE(QB_STEP) : QB_PEAK_OUTPUTS : "v"(b), "v"(ones));
#undef QB_STEP
  }
  __m512i sum = _mm512_setzero_si512();
  for (__m512i c : {QB_PEAK_ACCUMULATORS}) sum = _mm512_add_epi32(sum, c);
  alignas(64) int32_t lanes[16];  // not _mm512_reduce_add_epi32: GCC 12's header warns inside it
  _mm512_store_si512(lanes, sum);
  for (int32_t lane : lanes) *sink += lane;
  return iterations * 12 * 64 * 2;
}

}  // namespace qb::bench
