// AVX2 int8 peak loops (int8_peak.h), 12 ymm chains each:
//   VpmaddubswPeakAvx2: vpmaddubsw (32 u8 x s8 products summed in pairs to int16) + vpmaddwd with ones, the
//     sequence oneDNN uses with AVX2 (exact only on 7-bit inputs);
//   VpmaddwdPeakAvx2:   vpmaddwd (16 s16 x s16 products summed in pairs to int32) + vpaddd into the chain,
//     the exact 8-bit sequence on int8 values widened to int16 (as ruy's and XNNPACK's AVX2 kernels do; the
//     widening loads are not counted).
#include <immintrin.h>

#include "int8_peak.h"
#include "peak_loop.h"

namespace qb::bench {
namespace {

int32_t ReduceLanes(__m256i v) {
  alignas(32) int32_t lanes[8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), v);
  int32_t sum = 0;
  for (int32_t lane : lanes) sum += lane;
  return sum;
}

}  // namespace

int64_t VpmaddubswPeakAvx2(int64_t iterations, int32_t* sink) {
#define QB_INIT(i) _mm256_set1_epi32(i)
  QB_PEAK_DECLARE(__m256i, QB_INIT);
#undef QB_INIT
  const __m256i b = _mm256_set1_epi8(-2), ones = _mm256_set1_epi16(1);
  for (int64_t it = 0; it < iterations; ++it) {
#define QB_STEP(i) "vpmaddubsw %12, %" #i ", %" #i "\n\tvpmaddwd %13, %" #i ", %" #i "\n\t"
    asm volatile(QB_PEAK_TWELVE(QB_STEP) : QB_PEAK_OUTPUTS : "v"(b), "v"(ones));
#undef QB_STEP
  }
  __m256i sum = _mm256_setzero_si256();
  for (__m256i c : {QB_PEAK_ACCUMULATORS}) sum = _mm256_add_epi32(sum, c);
  *sink += ReduceLanes(sum);
  return iterations * 12 * 32 * 2;
}

int64_t VpmaddwdPeakAvx2(int64_t iterations, int32_t* sink) {
#define QB_INIT(i) _mm256_set1_epi32(i)
  QB_PEAK_DECLARE(__m256i, QB_INIT);
#undef QB_INIT
  const __m256i a = _mm256_set1_epi16(3), b = _mm256_set1_epi16(-2);
  for (int64_t it = 0; it < iterations; ++it) {
#define QB_STEP(i) "vpmaddwd %12, %13, %%ymm15\n\tvpaddd %%ymm15, %" #i ", %" #i "\n\t"
    asm volatile(QB_PEAK_TWELVE(QB_STEP) : QB_PEAK_OUTPUTS : "v"(a), "v"(b) : "xmm15");
#undef QB_STEP
  }
  __m256i sum = _mm256_setzero_si256();
  for (__m256i c : {QB_PEAK_ACCUMULATORS}) sum = _mm256_add_epi32(sum, c);
  *sink += ReduceLanes(sum);
  return iterations * 12 * 16 * 2;
}

}  // namespace qb::bench
