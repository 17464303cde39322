// qs8_qc8w_dwconv_acc32_avx2 (dwconv_microkernels.h), for x86-64 CPUs with AVX2 (this file alone is compiled
// with -mavx2): 16 channels at a time, the input is widened to int16 and its zero point subtracted
// (q - zp is in [-255, 255]), the weights widened to int16, and vpmullw multiplies them exactly in int16
// (|product| <= 255 * 128 = 32640); the products are widened to int32 and accumulated in two vectors.
// Remaining channels take the scalar loop.
#include <immintrin.h>

#include "kernels/qgemm/dwconv_microkernels.h"

namespace qb {

void qs8_qc8w_dwconv_acc32_avx2(const int8_t* const* inputs, const int8_t* const* weights, int32_t taps,
                                int32_t channels, int32_t zero_point, int32_t* acc) {
  const __m256i zero = _mm256_set1_epi16(static_cast<int16_t>(zero_point));
  int32_t c = 0;
  for (; c + 16 <= channels; c += 16) {
    __m256i low = _mm256_setzero_si256(), high = _mm256_setzero_si256();
    for (int32_t t = 0; t < taps; ++t) {
      const __m256i x = _mm256_sub_epi16(
          _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(inputs[t] + c))), zero);
      const __m256i w = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(weights[t] + c)));
      const __m256i products = _mm256_mullo_epi16(x, w);
      low = _mm256_add_epi32(low, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(products)));
      high = _mm256_add_epi32(high, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(products, 1)));
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc + c), low);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(acc + c + 8), high);
  }
  for (; c < channels; ++c) {
    int32_t sum = 0;
    for (int32_t t = 0; t < taps; ++t) sum += (int32_t{inputs[t][c]} - zero_point) * int32_t{weights[t][c]};
    acc[c] = sum;
  }
}

}  // namespace qb
