// Hybrid int8 GEMM of the own hybrid kernels: C[m][n] = finish(m, n, Σ_k (A[m][k] - zero_point[m]) * B[n][k]), where A
// holds rows of dynamically quantized activations (one zero point and output terms per row), B constant
// per-channel INT8 weights, and finish the reference epilogue + activation (hybrid_quantize.h).
//
// Tile: 4 rows x nr channels with k-blocks of kr, per ISA level (QGemmLayout): 4x4c16 on ARM64 (NEON,
// dotprod), 4x16c2 on x86-64 (AVX2).
// Packed weights: ceil(N / nr) channel blocks; each holds padded_depth / kr k-blocks of nr x kr bytes
// (channel-major: channel 0's kr values, then channel 1's, ...). Channels past N and depths past K are 0.
// A rows: K values followed by zeros up to a multiple of 16 (the row stride, `padded_depth`); int8, or
// int16 on levels with wide rows (widened once per block, as they meet every channel block).
//
// The microkernels compute the raw int32 products Σ_k A[m][k] * B[n][k] (wrapping); the driver subtracts
// zero_point[m] * Σ_k B[n][k] (precomputed per channel), which equals the reference's Σ (q - zp) * w modulo
// 2^32, hence exactly whenever the reference does not overflow.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/aligned_buffer.h"
#include "kernels/qgemm/qgemm_isa.h"
#include "kernels/qgemm/qgemm_microkernels.h"
#include "kernels/reference/activation.h"
#include "kernels/reference/hybrid_quantize.h"
#include "kernels/threading/parallel_for.h"

namespace qb {

// Weights [N][K] packed once at Prepare, with what the epilogue needs per channel.
struct PackedQGemmWeights {
  int32_t channels = 0, depth = 0, padded_depth = 0;
  QGemmLayout layout{};
  AlignedBuffer blocks;               // the layout above
  std::vector<int32_t> channel_sums;  // Σ_k B[n][k]
  std::vector<float> channel_scales;  // filter scale per channel
};
PackedQGemmWeights PackQGemmWeights(const int8_t* weights, int32_t channels, int32_t depth,
                                    std::vector<float> channel_scales, QGemmLayout layout);

// One tile of up to kQGemmRows rows, each with its own quantization and output row.
struct QGemmRowTile {
  const void* rows[kQGemmRows] = {};  // padded_depth values each (int8, or int16: wide rows); unused rows
                                      // repeat a valid one
  int32_t zero_points[kQGemmRows] = {};
  const HybridOutputTerms* terms[kQGemmRows] = {};  // the row's epilogue (scale and bias per channel)
  float* outputs[kQGemmRows] = {};  // N floats each
  const float* residuals[kQGemmRows] = {};  // N floats each, added before the activation (a fused ADD); or null
  int32_t count = 0;                // valid rows
};

// Tiles are multiplied in blocks: every tile of a block meets one channel block of packed weights before
// the next channel block, so those weights are read from L1 by all of them instead of each tile sweeping
// the whole filter through the caches.
//
// A plan shares the blocks among threads (ParallelFor, kernels/threading): with as many blocks as threads
// (or a multiple), each thread takes an even share of them; with fewer rows than that (the last layers'
// 7x7 positions, a fully connected layer's single row), the channel blocks of each block are split into
// `channel_parts` parts too. Work item i is (block i / channel_parts, part i % channel_parts); worker w
// runs an even share of the items and owns slots [w * SlotsPerWorker(), (w + 1) * SlotsPerWorker()) of
// the per-row scratch (its tiles' rows). One thread: one worker, the blocks in order.
inline constexpr int32_t kQGemmMaxBlockTiles = 16;
struct QGemmPlan {
  int32_t row_count = 0;
  int32_t block_tiles = 1;    // tiles per block (at most kQGemmMaxBlockTiles)
  int32_t blocks = 0;         // ceil(row tiles / block_tiles)
  int32_t channel_parts = 1;  // parts of each block's channel blocks
  int32_t workers = 1;        // tasks handed to ParallelFor, each with its own scratch slots
  int num_threads = 1;

  int32_t SlotsPerWorker() const { return kQGemmRows * block_tiles; }
  int32_t Slots() const { return workers * SlotsPerWorker(); }
};
QGemmPlan PlanQGemm(const PackedQGemmWeights& weights, int32_t row_count, int num_threads);

// The scratch every worker's widened rows take together (0 on levels without wide rows).
size_t QGemmWideRowBytes(const PackedQGemmWeights& weights, const QGemmPlan& plan);

// The name of the kernel that runs the plan's rows: the row kernel's when the problem has one row.
inline std::string_view QGemmTileName(const QGemmMicrokernels& microkernels, const QGemmPlan& plan) {
  return plan.row_count == 1 ? microkernels.gemm_row_name : microkernels.gemm_name;
}

// Runs the level's tile over channels [n_begin, n_end) (n_begin a multiple of the level's channel block)
// for each of `tile_count` tiles (rows in the level's row type): outputs[m][n] =
// activation(terms[m]->Apply(acc, n) [+ residuals[m][n]]), through the level's vector epilogue for tiles
// whose biases are all folded (the common case). A lone tile of one row runs on the level's row kernel,
// kQGemmRowBlocks channel blocks at a time.
void RunQGemmRowTiles(const QGemmMicrokernels& microkernels, const QGemmRowTile* tiles, int32_t tile_count,
                      const PackedQGemmWeights& weights, const ActivationRange& activation, int32_t n_begin,
                      int32_t n_end);

// Multiplies the plan's rows. set_row(tile, m, row, slot) fills row m of a tile with row `row` of the
// problem as int8 values; `slot` (< plan.Slots()) is its place in the calling worker's scratch, for
// per-row buffers. It may be called from several threads at once (for different slots), and more than
// once for a row when its block's channels are split. Unused rows of a short last tile repeat its last
// valid row. On levels with wide rows every row is then widened into `wide_rows` (QGemmWideRowBytes).
template <typename SetRow>
void RunQGemmRows(const QGemmMicrokernels& microkernels, const QGemmPlan& plan, const PackedQGemmWeights& weights,
                  const ActivationRange& activation, int16_t* wide_rows, SetRow&& set_row) {
  const int32_t nr = weights.layout.channels;
  const int32_t channel_blocks = (weights.channels + nr - 1) / nr;
  ParallelFor(plan.num_threads, plan.workers, [&](int32_t worker) {
    QGemmRowTile tiles[kQGemmMaxBlockTiles];
    int32_t tile_count = 0, filled_block = -1;
    const auto items = EvenShare(plan.blocks * plan.channel_parts, worker, plan.workers);
    for (int32_t item = items.begin; item < items.end; ++item) {
      const int32_t block = item / plan.channel_parts;
      if (block != filled_block) {  // the block's rows, once per worker
        filled_block = block;
        const int32_t block0 = block * kQGemmRows * plan.block_tiles;
        tile_count = std::min(plan.block_tiles, (plan.row_count - block0 + kQGemmRows - 1) / kQGemmRows);
        for (int32_t t = 0; t < tile_count; ++t) {
          QGemmRowTile& tile = tiles[t];
          const int32_t r0 = block0 + t * kQGemmRows;
          tile.count = std::min(kQGemmRows, plan.row_count - r0);
          for (int32_t m = 0; m < tile.count; ++m) {
            const int32_t slot = worker * plan.SlotsPerWorker() + t * kQGemmRows + m;
            set_row(tile, m, r0 + m, slot);
            if (microkernels.layout.wide_rows) {
              int16_t* wide = wide_rows + int64_t{slot} * weights.padded_depth;
              microkernels.widen(static_cast<const int8_t*>(tile.rows[m]),
                                 static_cast<size_t>(weights.padded_depth), wide);
              tile.rows[m] = wide;
            }
          }
          for (int32_t m = tile.count; m < kQGemmRows; ++m) {
            tile.rows[m] = tile.rows[m - 1];
            tile.zero_points[m] = tile.zero_points[m - 1];
            tile.terms[m] = tile.terms[m - 1];
            tile.outputs[m] = tile.outputs[m - 1];
            tile.residuals[m] = tile.residuals[m - 1];
          }
        }
      }
      const auto part = EvenShare(channel_blocks, item % plan.channel_parts, plan.channel_parts);
      RunQGemmRowTiles(microkernels, tiles, tile_count, weights, activation, part.begin * nr,
                       std::min(part.end * nr, weights.channels));
    }
  });
}

}  // namespace qb
