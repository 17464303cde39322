// The portable half of the hybrid int8 GEMM (qgemm.h): the plan (blocks, and how threads share them); the
// tile loop over channel blocks; the level's vector epilogue for tiles whose biases are all folded, else
// the zero-point correction and the reference epilogue (HybridOutputTerms, activation) one output at a time.
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

// The vector epilogue's view of the tile, or rows = 0 when some row has an unfolded bias.
QGemmFoldedOutput FoldedOutputOf(const QGemmRowTile& rows, const PackedQGemmWeights& weights,
                                 const ActivationRange& activation) {
  QGemmFoldedOutput out;
  for (int32_t m = 0; m < rows.count; ++m) {
    const HybridOutputTerms& terms = *rows.terms[m];
    if (!terms.all_folded()) return {};
    out.zero_points[m] = rows.zero_points[m];
    out.scales[m] = terms.scales();
    out.biases[m] = terms.biases_in_accumulator_units();
    out.outputs[m] = rows.outputs[m];
    out.residuals[m] = rows.residuals[m];
  }
  out.rows = rows.count;
  out.channel_sums = weights.channel_sums.data();
  out.min = activation.min;
  out.max = activation.max;
  return out;
}

// Tiles per block for these weights on one thread (qgemm.h).
int32_t CacheBlockTiles(const PackedQGemmWeights& weights) {
  // Weights that fit in a 512 KB L2 stay there: the block's rows and one channel block of weights should
  // then fit in 24 KB of a 32 KB L1. Larger filters (late ResNet and VGG layers, up to 2.3 MB) would stream
  // from memory once per block, so their blocks take as many rows as 128 KB holds. Measured on AMD Zen 3.
  constexpr int64_t kL1Bytes = 24 * 1024, kL2Bytes = 128 * 1024, kL2WeightBytes = 256 * 1024;
  const int64_t depth = weights.padded_depth;
  const int64_t row_bytes = depth * (weights.layout.wide_rows ? 2 : 1);
  const int64_t channel_block_bytes = depth * weights.layout.channels;
  const bool weights_fit_l2 = depth * weights.channels <= kL2WeightBytes;
  const int64_t rows = weights_fit_l2 ? (kL1Bytes - channel_block_bytes) / row_bytes : kL2Bytes / row_bytes;
  return static_cast<int32_t>(std::clamp<int64_t>(rows / kQGemmRows, 1, kQGemmMaxBlockTiles));
}

int32_t CeilDiv(int32_t a, int32_t b) { return (a + b - 1) / b; }

}  // namespace

QGemmPlan PlanQGemm(const PackedQGemmWeights& weights, int32_t row_count, int num_threads) {
  QGemmPlan plan;
  plan.row_count = row_count;
  plan.num_threads = std::max(1, num_threads);
  const int32_t row_tiles = CeilDiv(row_count, kQGemmRows);
  plan.block_tiles = std::max(1, std::min(CacheBlockTiles(weights), row_tiles));
  plan.blocks = CeilDiv(row_tiles, plan.block_tiles);
  if (plan.num_threads > 1 && row_tiles > 0) {
    // A multiple of the thread count, in blocks as even as the tiles allow.
    const int32_t wanted = std::min(row_tiles, CeilDiv(plan.blocks, plan.num_threads) * plan.num_threads);
    plan.block_tiles = CeilDiv(row_tiles, wanted);
    plan.blocks = CeilDiv(row_tiles, plan.block_tiles);
    if (plan.blocks < plan.num_threads) {
      const int32_t channel_blocks = CeilDiv(weights.channels, weights.layout.channels);
      plan.channel_parts = std::max(1, std::min(CeilDiv(plan.num_threads, plan.blocks), channel_blocks));
    }
  }
  plan.workers = std::max(1, std::min(plan.num_threads, plan.blocks * plan.channel_parts));
  return plan;
}

size_t QGemmWideRowBytes(const PackedQGemmWeights& weights, const QGemmPlan& plan) {
  if (!weights.layout.wide_rows) return 0;
  return static_cast<size_t>(plan.Slots()) * static_cast<size_t>(weights.padded_depth) * sizeof(int16_t);
}

void RunQGemmRowTiles(const QGemmMicrokernels& microkernels, const QGemmRowTile* tiles, int32_t tile_count,
                      const PackedQGemmWeights& weights, const ActivationRange& activation, int32_t n_begin,
                      int32_t n_end) {
  const int32_t nr = weights.layout.channels;
  static_assert(kQGemmRowBlocks * kQGemmMaxChannels <= kQGemmRows * kQGemmMaxChannels);
  const auto* packed = reinterpret_cast<const int8_t*>(weights.blocks.data());
  QGemmFoldedOutput folded[kQGemmMaxBlockTiles];
  for (int32_t t = 0; t < tile_count; ++t) folded[t] = FoldedOutputOf(tiles[t], weights, activation);
  // A single row takes several channel blocks per call of the level's row kernel; acc then holds their
  // channels side by side (one row of `step`).
  const bool single_row = tile_count == 1 && tiles[0].count == 1;
  const int32_t step = single_row ? nr * kQGemmRowBlocks : nr;
  for (int32_t n0 = n_begin; n0 < n_end; n0 += step) {
    const int8_t* channel_block = packed + int64_t{n0} * weights.padded_depth;
    const int32_t channel_count = std::min(step, n_end - n0);
    // The vector epilogue takes whole groups of 4 channels; the rest of a short last block is scalar.
    const int32_t vector_channels = channel_count / 4 * 4;
    for (int32_t t = 0; t < tile_count; ++t) {
      const QGemmRowTile& rows = tiles[t];
      int32_t acc[kQGemmRows * kQGemmMaxChannels];
      if (single_row) {
        microkernels.gemm_row(rows.rows[0], channel_block, weights.padded_depth, (channel_count + nr - 1) / nr, acc);
      } else {
        microkernels.gemm_tile(rows.rows, channel_block, weights.padded_depth, acc);
      }
      const bool folded_tile = folded[t].rows > 0;
      if (folded_tile && vector_channels > 0) microkernels.folded_store(acc, step, folded[t], n0, vector_channels);
      const int32_t scalar_from = folded_tile ? vector_channels : 0;
      for (int32_t m = 0; m < rows.count; ++m) {
        for (int32_t j = scalar_from; j < channel_count; ++j) {
          const int32_t n = n0 + j;
          const int32_t sum = weights.channel_sums[static_cast<size_t>(n)];
          const int32_t exact = ExactAccumulator(acc[m * step + j], rows.zero_points[m], sum);
          const float y = rows.terms[m]->Apply(exact, static_cast<size_t>(n));
          rows.outputs[m][n] = activation.Apply(rows.residuals[m] != nullptr ? y + rows.residuals[m][n] : y);
        }
      }
    }
  }
}

}  // namespace qb
