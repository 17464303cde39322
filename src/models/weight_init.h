// Deterministic weights for the generated models.
//
// Every weighted layer (convolution, depthwise convolution, dense) is made the way a trained Keras layer
// followed by BatchNormalization looks after TensorFlow's converter folded the BatchNorm into it:
//   1. raw weights are drawn approximately normal (the Irwin-Hall sum of four 16-bit uniforms: mean 0,
//      standard deviation 1, bounded at +-3.46) from a splitmix64 stream seeded by the model seed;
//   2. the BatchNorm's moving mean and variance are the channel's expected pre-BatchNorm mean and variance,
//      computed from the per-channel statistics of the layer's input (tracked analytically from the model
//      input, uniform in [-1, 1), through every layer), and its gamma and beta are drawn per channel
//      (gamma in [0.75, 1.25] x target, beta in +-0.2 x target);
//   3. folding gives weights' = weights * gamma / sqrt(variance + eps) and bias = beta - mean * that scale.
// So every channel's pre-activation has mean beta and standard deviation gamma: activations keep a variance
// near 1 through any depth, and a classifier made with a larger target spreads its logits so the softmax
// is neither uniform nor one-hot. Only integer arithmetic, IEEE-exact float operations and sqrt/erf/exp
// are used, so the same seed gives the same bytes.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/const_buffer.h"

namespace qb::models {

// splitmix64: a 64-bit counter-based generator, one output per call.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Approximately standard normal: the sum of four 16-bit uniforms, centred and scaled to variance 1.
  float ApproxNormal() {
    uint64_t r = Next();
    int64_t sum = static_cast<int64_t>(r & 0xFFFF) + static_cast<int64_t>((r >> 16) & 0xFFFF) +
                  static_cast<int64_t>((r >> 32) & 0xFFFF) + static_cast<int64_t>(r >> 48);
    // Each 16-bit uniform has variance (65536^2 - 1) / 12; the sum of four, (65536^2 - 1) / 3.
    constexpr double kScale = 1.7320508075688772 / 65535.99999491373;
    return static_cast<float>(static_cast<double>(sum - 131070) * kScale);
  }

 private:
  uint64_t state_;
};

// Seed of one model: the user's seed mixed with the model's name, so each model's weights do not depend
// on which other models are generated in the same run.
uint64_t ModelSeed(uint32_t seed, std::string_view model_name);

// `bytes` of zeros that cost no memory: a private read-only anonymous mapping (the kernel's zero page).
ConstBuffer ZeroConstBuffer(size_t bytes);

// Per-channel mean and variance of an activation tensor (its last dimension).
struct ChannelStats {
  std::vector<double> mean, var;
  size_t channels() const { return mean.size(); }
  static ChannelStats Uniform(size_t channels, double mean, double var);
};

// What a folded layer's BatchNorm aims for, per output channel.
struct FoldTarget {
  double std = 1.0;           // gamma is drawn in [0.75, 1.25] x std
  double beta_spread = 0.2;   // beta is drawn in [-spread, spread] x std
};

struct FoldedLayer {
  std::vector<uint8_t> weights;  // float32 bytes, in the layout the caller asked for
  std::vector<uint8_t> bias;     // float32 bytes, one per output channel
  ChannelStats out;              // statistics of the pre-activation output
};

// A dense or convolution layer whose filter is [out, row_size] row-major (CONV_2D's OHWI, FULLY_CONNECTED's
// [out, in]); element k of a row reads input channel k % in.channels() through kernel tap
// k / in.channels(). `tap_coverage` is, per tap, the fraction of output positions where the tap reads
// the input rather than zero padding (empty: every tap always does).
FoldedLayer MakeDenseLayer(Rng& rng, int64_t out_channels, int64_t row_size, const ChannelStats& in,
                           const FoldTarget& target, std::span<const double> tap_coverage = {});
// A depthwise convolution (depth multiplier 1) with filter [1, taps, channels] (DEPTHWISE_CONV_2D's 1HWC).
FoldedLayer MakeDepthwiseLayer(Rng& rng, int64_t channels, int64_t taps, const ChannelStats& in,
                               const FoldTarget& target, std::span<const double> tap_coverage = {});
// Per-tap coverage of a kh x kw window over an input of h x w (see MakeDenseLayer).
std::vector<double> TapCoverage(int in_h, int in_w, int kernel_h, int kernel_w, int stride, bool same_padding);

// Statistics after the layers that change them.
ChannelStats RectifiedStats(const ChannelStats& pre);  // ReLU / ReLU6 of a normal pre-activation
ChannelStats MaxPoolStats(const ChannelStats& in, int window);
ChannelStats AveragedStats(const ChannelStats& in, double count);  // mean of `count` weakly correlated values
ChannelStats SumStats(const ChannelStats& a, const ChannelStats& b);
ChannelStats ConcatStats(std::span<const ChannelStats* const> parts);

}  // namespace qb::models
