// Packs [N][K] INT8 weights into the 4x4c16 layout of qgemm.h, with each channel's weight sum.
#include "kernels/qgemm/qgemm.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace qb {

PackedQGemmWeights PackQGemmWeights(const int8_t* weights, int32_t channels, int32_t depth,
                                    std::vector<float> channel_scales) {
  PackedQGemmWeights packed;
  packed.channels = channels;
  packed.depth = depth;
  packed.padded_depth = QGemmPaddedDepth(depth);
  const int32_t channel_blocks = (channels + kQGemmChannels - 1) / kQGemmChannels;
  const int32_t depth_blocks = packed.padded_depth / kQGemmDepthBlock;
  packed.blocks.Resize(static_cast<size_t>(channel_blocks) * kQGemmChannels * packed.padded_depth);  // zeroed
  packed.channel_sums.assign(static_cast<size_t>(channels), 0);
  int8_t* out = reinterpret_cast<int8_t*>(packed.blocks.data());
  for (int32_t n = 0; n < channels; ++n) {
    const int8_t* w = weights + int64_t{n} * depth;
    int8_t* block = out + int64_t{n / kQGemmChannels} * kQGemmChannels * packed.padded_depth;
    for (int32_t kb = 0; kb < depth_blocks; ++kb) {
      const int32_t k0 = kb * kQGemmDepthBlock;
      const int32_t count = std::min(kQGemmDepthBlock, depth - k0);
      std::memcpy(block + (kb * kQGemmChannels + n % kQGemmChannels) * kQGemmDepthBlock, w + k0,
                  static_cast<size_t>(count));
    }
    int32_t sum = 0;
    for (int32_t k = 0; k < depth; ++k) sum += w[k];
    packed.channel_sums[static_cast<size_t>(n)] = sum;
  }
  packed.channel_scales = std::move(channel_scales);
  return packed;
}

}  // namespace qb
