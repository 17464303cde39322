// Deterministic folded-BatchNorm weights and the activation statistics they are scaled with.
#include "models/weight_init.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include <sys/mman.h>

namespace qb::models {
namespace {

constexpr double kBatchNormEpsilon = 1e-3;  // Keras' default

void StoreFloats(std::span<const float> values, std::vector<uint8_t>& bytes, size_t element_offset) {
  std::memcpy(bytes.data() + element_offset * sizeof(float), values.data(), values.size() * sizeof(float));
}

// Draws one channel's gamma and beta and returns (scale, bias) folding it over pre-BatchNorm (mean, var).
std::pair<float, float> FoldChannel(Rng& rng, double mean, double var, const FoldTarget& target) {
  double gamma = target.std * (0.75 + 0.5 * rng.Uniform());
  double beta = target.std * target.beta_spread * (2.0 * rng.Uniform() - 1.0);
  double scale = gamma / std::sqrt(var + kBatchNormEpsilon);
  return {static_cast<float>(scale), static_cast<float>(beta - mean * scale)};
}

}  // namespace

uint64_t ModelSeed(uint32_t seed, std::string_view model_name) {
  uint64_t hash = 0xcbf29ce484222325ull;  // FNV-1a
  for (char c : model_name) {
    hash ^= static_cast<uint8_t>(c);
    hash *= 0x100000001b3ull;
  }
  Rng mix(hash ^ (uint64_t{seed} << 32 | seed));
  return mix.Next();
}

ConstBuffer ZeroConstBuffer(size_t bytes) {
  if (bytes == 0) return {};
  void* data = ::mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (data == MAP_FAILED) return ConstBuffer::Owned(std::vector<uint8_t>(bytes, 0));
  std::shared_ptr<const void> owner(data, [bytes](const void* p) { ::munmap(const_cast<void*>(p), bytes); });
  return ConstBuffer::View(static_cast<const uint8_t*>(data), bytes, std::move(owner));
}

ChannelStats ChannelStats::Uniform(size_t channels, double mean, double var) {
  return ChannelStats{std::vector<double>(channels, mean), std::vector<double>(channels, var)};
}

std::vector<double> TapCoverage(int in_h, int in_w, int kernel_h, int kernel_w, int stride, bool same_padding) {
  auto axis = [&](int n, int k) {
    const int out = same_padding ? (n + stride - 1) / stride : (n - k) / stride + 1;
    const int pad_before = same_padding ? std::max((out - 1) * stride + k - n, 0) / 2 : 0;
    std::vector<double> coverage(static_cast<size_t>(k), 0.0);
    for (int t = 0; t < k; ++t) {
      int inside = 0;
      for (int i = 0; i < out; ++i) {
        const int at = i * stride - pad_before + t;
        inside += (at >= 0 && at < n) ? 1 : 0;
      }
      coverage[static_cast<size_t>(t)] = out > 0 ? static_cast<double>(inside) / out : 0.0;
    }
    return coverage;
  };
  const std::vector<double> ys = axis(in_h, kernel_h), xs = axis(in_w, kernel_w);
  std::vector<double> coverage;
  for (double y : ys) {
    for (double x : xs) coverage.push_back(y * x);
  }
  return coverage;
}

FoldedLayer MakeDenseLayer(Rng& rng, int64_t out_channels, int64_t row_size, const ChannelStats& in,
                           const FoldTarget& target, std::span<const double> tap_coverage) {
  const auto rows = static_cast<size_t>(out_channels);
  const auto cols = static_cast<size_t>(row_size);
  const size_t in_channels = in.channels();
  FoldedLayer layer;
  layer.weights.resize(rows * cols * sizeof(float));
  layer.bias.resize(rows * sizeof(float));
  layer.out = ChannelStats::Uniform(rows, 0.0, 0.0);
  std::vector<float> row(cols);
  std::vector<float> bias(rows);
  for (size_t o = 0; o < rows; ++o) {
    double mean = 0.0, var = 0.0;
    for (size_t k = 0, c = 0, tap = 0; k < cols; ++k) {
      const float w = rng.ApproxNormal();
      row[k] = w;
      const double coverage = tap_coverage.empty() ? 1.0 : tap_coverage[tap];
      mean += coverage * w * in.mean[c];
      var += coverage * w * w * in.var[c];
      if (++c == in_channels) {
        c = 0;
        ++tap;
      }
    }
    auto [scale, b] = FoldChannel(rng, mean, var, target);
    for (float& w : row) w *= scale;
    StoreFloats(row, layer.weights, o * cols);
    bias[o] = b;
    const double s = static_cast<double>(scale);
    layer.out.mean[o] = mean * s + b;
    layer.out.var[o] = var * s * s;
  }
  StoreFloats(bias, layer.bias, 0);
  return layer;
}

FoldedLayer MakeDepthwiseLayer(Rng& rng, int64_t channels, int64_t taps, const ChannelStats& in,
                               const FoldTarget& target, std::span<const double> tap_coverage) {
  const auto n = static_cast<size_t>(channels);
  const auto t = static_cast<size_t>(taps);
  std::vector<float> filter(n * t);
  for (float& w : filter) w = rng.ApproxNormal();
  std::vector<float> bias(n);
  FoldedLayer layer;
  layer.out = ChannelStats::Uniform(n, 0.0, 0.0);
  for (size_t c = 0; c < n; ++c) {
    const double in_mean = in.mean[c % in.channels()];
    const double in_var = in.var[c % in.channels()];
    double sum = 0.0, sum_sq = 0.0;
    for (size_t k = 0; k < t; ++k) {
      const double w = filter[k * n + c];
      const double coverage = tap_coverage.empty() ? 1.0 : tap_coverage[k];
      sum += coverage * w;
      sum_sq += coverage * w * w;
    }
    auto [scale, b] = FoldChannel(rng, sum * in_mean, sum_sq * in_var, target);
    for (size_t k = 0; k < t; ++k) filter[k * n + c] *= scale;
    bias[c] = b;
    const double s = static_cast<double>(scale);
    layer.out.mean[c] = sum * in_mean * s + b;
    layer.out.var[c] = sum_sq * in_var * s * s;
  }
  layer.weights.resize(filter.size() * sizeof(float));
  StoreFloats(filter, layer.weights, 0);
  layer.bias.resize(n * sizeof(float));
  StoreFloats(bias, layer.bias, 0);
  return layer;
}

ChannelStats RectifiedStats(const ChannelStats& pre) {
  ChannelStats out = pre;
  constexpr double kInvSqrt2Pi = 0.3989422804014327;
  for (size_t c = 0; c < pre.channels(); ++c) {
    const double m = pre.mean[c];
    const double s = std::sqrt(std::max(pre.var[c], 0.0));
    if (s < 1e-12) {
      out.mean[c] = std::max(m, 0.0);
      out.var[c] = 0.0;
      continue;
    }
    const double a = m / s;
    const double cdf = 0.5 * std::erfc(-a / std::sqrt(2.0));
    const double pdf = kInvSqrt2Pi * std::exp(-0.5 * a * a);
    const double mean = m * cdf + s * pdf;
    const double second = (m * m + s * s) * cdf + m * s * pdf;
    out.mean[c] = mean;
    out.var[c] = std::max(second - mean * mean, 1e-12);
  }
  return out;
}

ChannelStats MaxPoolStats(const ChannelStats& in, int window) {
  // Expected maximum and variance of `window` standard normal samples (order statistics).
  double shift = 1.0294, shrink = 0.4917;  // 2x2
  if (window >= 9) {
    shift = 1.4850;
    shrink = 0.3573;
  }
  ChannelStats out = in;
  for (size_t c = 0; c < in.channels(); ++c) {
    out.mean[c] += shift * std::sqrt(in.var[c]);
    out.var[c] *= shrink;
  }
  return out;
}

ChannelStats AveragedStats(const ChannelStats& in, double count) {
  ChannelStats out = in;
  for (double& v : out.var) v /= std::max(count, 1.0);
  return out;
}

ChannelStats SumStats(const ChannelStats& a, const ChannelStats& b) {
  ChannelStats out = a;
  for (size_t c = 0; c < out.channels(); ++c) {
    out.mean[c] += b.mean[c];
    out.var[c] += b.var[c];
  }
  return out;
}

ChannelStats ConcatStats(std::span<const ChannelStats* const> parts) {
  ChannelStats out;
  for (const ChannelStats* p : parts) {
    out.mean.insert(out.mean.end(), p->mean.begin(), p->mean.end());
    out.var.insert(out.var.end(), p->var.begin(), p->var.end());
  }
  return out;
}

}  // namespace qb::models
