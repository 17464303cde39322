// The portable half of the hybrid int8 GEMM (qgemm.h): the tile loop over channel
// blocks with the zero-point correction and the reference epilogue (HybridOutputTerms, activation).
#include <algorithm>
#include <cstdint>

#include "kernels/qgemm/qgemm.h"
#include "kernels/reference/hybrid_quantize.h"

namespace qb {
namespace {

// Σ q * w - zp * Σ w, in wrapping (unsigned) arithmetic: = Σ (q - zp) * w modulo 2^32.
int32_t ExactAccumulator(int32_t raw, int32_t zero_point, int32_t channel_sum) {
  return static_cast<int32_t>(static_cast<uint32_t>(raw) -
                              static_cast<uint32_t>(zero_point) * static_cast<uint32_t>(channel_sum));
}

}  // namespace

void RunQGemmRowTile(QGemmTileFn tile, const QGemmRowTile& rows, const PackedQGemmWeights& weights,
                     const ActivationRange& activation) {
  const int32_t depth_blocks = weights.padded_depth / kQGemmDepthBlock;
  const auto* packed = reinterpret_cast<const int8_t*>(weights.blocks.data());
  for (int32_t n0 = 0; n0 < weights.channels; n0 += kQGemmChannels) {
    int32_t acc[kQGemmRows][kQGemmChannels];
    tile(rows.rows, packed + int64_t{n0} * weights.padded_depth, depth_blocks, acc);
    const int32_t channel_count = std::min(kQGemmChannels, weights.channels - n0);
    for (int32_t m = 0; m < rows.count; ++m) {
      const HybridOutputTerms& terms = *rows.terms[m];
      if (channel_count == kQGemmChannels && terms.all_folded()) {
        // The common case, written branch-free over the 4 channels so that it vectorizes: the same
        // operations as HybridOutputTerms::Apply's folded form and ActivationRange::Apply.
        const float* scales = terms.scales() + n0;
        const float* biases = terms.biases_in_accumulator_units() + n0;
        const int32_t* sums = weights.channel_sums.data() + n0;
        float* out = rows.outputs[m] + n0;
        for (int32_t j = 0; j < kQGemmChannels; ++j) {
          const int32_t exact = ExactAccumulator(acc[m][j], rows.zero_points[m], sums[j]);
          out[j] = activation.Apply((static_cast<float>(exact) + biases[j]) * scales[j]);
        }
        continue;
      }
      for (int32_t j = 0; j < channel_count; ++j) {
        const int32_t n = n0 + j;
        const int32_t sum = weights.channel_sums[static_cast<size_t>(n)];
        const int32_t exact = ExactAccumulator(acc[m][j], rows.zero_points[m], sum);
        rows.outputs[m][n] = activation.Apply(terms.Apply(exact, static_cast<size_t>(n)));
      }
    }
  }
}

}  // namespace qb
