// Packs [N][K] INT8 weights into a level's layout (qgemm.h), with each channel's weight sum.
#include "kernels/qgemm/qgemm.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace qb {

PackedQGemmWeights PackQGemmWeights(const int8_t* weights, int32_t channels, int32_t depth,
                                    std::vector<float> channel_scales, QGemmLayout layout) {
  PackedQGemmWeights packed;
  packed.channels = channels;
  packed.depth = depth;
  packed.padded_depth = QGemmPaddedDepth(depth);
  packed.layout = layout;
  const int32_t nr = layout.channels, kr = layout.depth_block;
  const int32_t channel_blocks = (channels + nr - 1) / nr;
  packed.blocks.Resize(static_cast<size_t>(channel_blocks) * nr * packed.padded_depth);  // zeroed
  packed.channel_sums.assign(static_cast<size_t>(channels), 0);
  int8_t* out = reinterpret_cast<int8_t*>(packed.blocks.data());
  for (int32_t n = 0; n < channels; ++n) {
    const int8_t* w = weights + int64_t{n} * depth;
    int8_t* block = out + int64_t{n / nr} * nr * packed.padded_depth;
    for (int32_t k0 = 0; k0 < depth; k0 += kr) {
      const int32_t count = std::min(kr, depth - k0);
      std::memcpy(block + (int64_t{k0} / kr * nr + n % nr) * kr, w + k0, static_cast<size_t>(count));
    }
    int32_t sum = 0;
    for (int32_t k = 0; k < depth; ++k) sum += w[k];
    packed.channel_sums[static_cast<size_t>(n)] = sum;
  }
  packed.channel_scales = std::move(channel_scales);
  return packed;
}

}  // namespace qb
