#include "kernels/reference/hybrid_quantize.h"

#include <algorithm>
#include <cmath>

#include "kernels/reference/kernel_checks.h"

namespace qb {

QuantizedImage HybridInputParameters(float lo, float hi, HybridInputBits bits) {
  QuantizedImage image;
  if (hi == lo) return image;
  const HybridInputRange range = InputRangeOf(bits);
  image.scale = (hi - lo) / static_cast<float>(range.max - range.min);
  const float zero_point = std::nearbyint(static_cast<float>(range.min) - lo / image.scale);
  image.zero_point = static_cast<int32_t>(
      std::clamp(zero_point, static_cast<float>(range.min), static_cast<float>(range.max)));
  return image;
}

HybridValueRange HybridValueRangeOf(const float* x, size_t n) {
  HybridValueRange range;
  for (size_t i = 0; i < n; ++i) {
    range.lo = std::min(range.lo, x[i]);
    range.hi = std::max(range.hi, x[i]);
  }
  return range;
}

void QuantizeHybridValues(const float* x, size_t n, const QuantizedImage& image, HybridInputBits bits, int8_t* q) {
  const HybridInputRange range = InputRangeOf(bits);
  const float inverse_scale = 1.0f / image.scale;
  for (size_t i = 0; i < n; ++i) {
    q[i] = static_cast<int8_t>(QuantizeHybridValue(x[i], inverse_scale, image.zero_point, range));
  }
}

QuantizedImage QuantizeImageAsymmetric(const float* x, size_t n, int8_t* q, HybridInputBits bits) {
  const HybridValueRange range = HybridValueRangeOf(x, n);
  const QuantizedImage image = HybridInputParameters(range.lo, range.hi, bits);
  if (range.hi == range.lo) {
    std::fill(q, q + n, int8_t{0});
  } else {
    QuantizeHybridValues(x, n, image, bits, q);
  }
  return image;
}

Result<FilterInfo> PrepareFilter(const RuntimeTensor& filter, int32_t channel_dim, int32_t channels) {
  FilterInfo info;
  if (filter.type == DType::kFloat32) return info;
  if (filter.type != DType::kInt8) {
    return Errorf("filter must be FLOAT32 or INT8 (hybrid), got {}", DTypeName(filter.type));
  }
  info.hybrid = true;
  QB_RETURN_IF_ERROR(CheckConstant(filter, "INT8 filter of a hybrid op"));
  const Quantization& q = filter.quant();
  if (q.scale.size() != 1 && q.scale.size() != static_cast<size_t>(channels)) {
    return Errorf("INT8 filter needs 1 or {} scales, got {}", channels, q.scale.size());
  }
  if (q.scale.size() > 1 && q.quantized_dimension != channel_dim) {
    return Errorf("per-channel INT8 filter must be quantized along dimension {}, got {}", channel_dim,
                  q.quantized_dimension);
  }
  if (!q.zero_point.empty() && q.zero_point.size() != q.scale.size()) {
    return Errorf("INT8 filter has {} scales but {} zero points", q.scale.size(), q.zero_point.size());
  }
  for (int64_t zero_point : q.zero_point) {
    if (zero_point != 0) return Errorf("INT8 filter must be symmetric (zero point 0), got zero point {}", zero_point);
  }
  for (float scale : q.scale) {
    if (!(scale >= 0.0f) || !std::isfinite(scale)) return Errorf("INT8 filter has an invalid scale {}", scale);
  }
  info.channel_scales.resize(static_cast<size_t>(channels));
  for (int32_t c = 0; c < channels; ++c) {
    info.channel_scales[static_cast<size_t>(c)] = q.scale.size() == 1 ? q.scale[0] : q.scale[static_cast<size_t>(c)];
  }
  if (std::find(info.channel_scales.begin(), info.channel_scales.end(), 0.0f) != info.channel_scales.end()) {
    // Element i belongs to channel (i / inner) % channels, inner = the elements of one channel_dim step.
    int64_t inner = 1;
    for (int32_t d = channel_dim + 1; d < filter.rank(); ++d) inner *= filter.dim(d);
    const auto* w = filter.data_as<const int8_t>();
    for (int64_t i = 0; i < filter.num_elements(); ++i) {
      if (w[i] != 0 && info.channel_scales[static_cast<size_t>((i / inner) % channels)] == 0.0f) {
        info.zero_scale_channels_are_empty = false;
        break;
      }
    }
  }
  return info;
}

void HybridOutputTerms::Set(float input_scale, const std::vector<float>& filter_scales, const float* bias) {
  all_folded_ = true;
  for (size_t c = 0; c < scale_.size(); ++c) {
    const float s = input_scale * filter_scales[c];
    scale_[c] = s;
    bool folded = true;
    float in_acc = 0.0f;
    if (bias != nullptr) {
      folded = std::isnormal(s);
      if (folded) {
        in_acc = bias[c] / s;
        folded = std::isfinite(in_acc);
      }
    }
    folded_[c] = folded ? 1 : 0;
    bias_in_acc_[c] = folded ? in_acc : 0.0f;
    bias_[c] = folded ? 0.0f : bias[c];
    all_folded_ = all_folded_ && folded;
  }
}

}  // namespace qb
