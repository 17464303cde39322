// Shared validation and requantization helpers of the integer reference kernels; see integer_common.h.
#include "kernels/reference/integer_common.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qb {

IntRange TypeRange(DType type) {
  switch (type) {
    case DType::kUInt8: return {0, 255};
    case DType::kInt8: return {-128, 127};
    case DType::kInt16: return {-32768, 32767};
    default: return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
  }
}

bool IsInteger8(DType type) { return type == DType::kUInt8 || type == DType::kInt8; }

Result<QuantParams> PerTensorQuant(const RuntimeTensor& tensor, std::string_view what) {
  const Quantization& q = tensor.quant();
  if (q.scale.empty()) return Errorf("{} ({}) has no quantization scale", what, DTypeName(tensor.type));
  if (q.scale.size() != 1) {
    return Errorf("{} must be quantized per tensor, got {} scales", what, q.scale.size());
  }
  const float scale = q.scale[0];
  if (!(scale > 0.0f) || !std::isfinite(scale)) return Errorf("{} has an invalid scale {}", what, scale);
  const int64_t zero_point = q.zero_point.empty() ? 0 : q.zero_point[0];
  if (q.zero_point.size() > 1) return Errorf("{} has {} zero points for one scale", what, q.zero_point.size());
  const IntRange range = TypeRange(tensor.type);
  if (zero_point < range.min || zero_point > range.max) {
    return Errorf("{} zero point {} is outside the {} range", what, zero_point, DTypeName(tensor.type));
  }
  return QuantParams{scale, static_cast<int32_t>(zero_point)};
}

Result<InOutQuant> PerTensorInOutQuant(const KernelIo& io) {
  InOutQuant q;
  QB_ASSIGN_OR_RETURN(q.in, PerTensorQuant(io.in(0), "input 0"));
  QB_ASSIGN_OR_RETURN(q.out, PerTensorQuant(io.out(0), "output"));
  return q;
}

Result<QuantParams> SharedInOutQuant(const KernelIo& io) {
  QB_ASSIGN_OR_RETURN(InOutQuant q, PerTensorInOutQuant(io));
  if (q.in.scale != q.out.scale || q.in.zero_point != q.out.zero_point) {
    return Errorf("input 0 (scale {}, zero point {}) and output (scale {}, zero point {}) must share quantization",
                  q.in.scale, q.in.zero_point, q.out.scale, q.out.zero_point);
  }
  return q.in;
}

Status CheckInteger8InOut(const KernelIo& io) {
  if (io.inputs.empty() || !io.has_input(0)) return Errorf("input 0 is missing");
  if (io.outputs.size() != 1) return Errorf("expected 1 output, got {}", io.outputs.size());
  if (!IsInteger8(io.in(0).type)) return Errorf("input 0 must be UINT8 or INT8, got {}", DTypeName(io.in(0).type));
  return CheckType(io.out(0), "output", io.in(0).type);
}

Result<IntRange> QuantizedActivationRange(Activation activation, DType type, QuantParams output) {
  const IntRange range = TypeRange(type);
  auto quantize = [&](float real) {
    return output.zero_point + static_cast<int32_t>(std::round(real / output.scale));
  };
  switch (activation) {
    case Activation::kNone: return range;
    case Activation::kRelu: return IntRange{std::max(range.min, quantize(0.0f)), range.max};
    case Activation::kRelu6:
      return IntRange{std::max(range.min, quantize(0.0f)), std::min(range.max, quantize(6.0f))};
    case Activation::kReluN1To1:
      return IntRange{std::max(range.min, quantize(-1.0f)), std::min(range.max, quantize(1.0f))};
    default: break;
  }
  return Errorf("fused activation {} is not supported on {} tensors", static_cast<int>(activation), DTypeName(type));
}

int32_t QuantizeValue(float real, QuantParams params, IntRange range) {
  const float rounded = std::round(real / params.scale);
  const float limit = 2147483520.0f;  // the largest float below 2^31
  const auto q = static_cast<int64_t>(std::clamp(rounded, -limit, limit)) + params.zero_point;
  return static_cast<int32_t>(std::clamp<int64_t>(q, range.min, range.max));
}

void ApplyByteTable(const ByteTable& table, const uint8_t* in, uint8_t* out, int64_t count) {
  for (int64_t i = 0; i < count; ++i) out[i] = table[in[i]];
}

int32_t WeightedOpQuant::Requantize(int32_t acc, size_t c) const {
  if (fp32_requantization) {
    // Clamped before the conversion so that lrintf stays defined; the activation clamp follows anyway.
    const float scaled = std::clamp(static_cast<float>(acc) * channel_scale[c], -65536.0f, 65536.0f);
    return static_cast<int32_t>(std::lrintf(scaled)) + output_offset;
  }
  return MultiplyByQuantizedMultiplier(acc, channel[c]) + output_offset;
}

Result<WeightedOpQuant> PrepareWeightedOpQuant(const KernelIo& io, Activation activation, int32_t channels,
                                               int32_t channel_dim) {
  const RuntimeTensor& input = io.in(0);
  const RuntimeTensor& filter = io.in(1);
  const RuntimeTensor& output = io.out(0);
  QB_RETURN_IF_ERROR(CheckType(filter, "filter (input 1)", input.type));
  QB_RETURN_IF_ERROR(CheckConstant(filter, "filter (input 1)"));
  QB_ASSIGN_OR_RETURN(const InOutQuant io_q, PerTensorInOutQuant(io));
  const QuantParams in_q = io_q.in, out_q = io_q.out;

  const Quantization& fq = filter.quant();
  std::vector<double> filter_scales;
  int32_t filter_zero_point = 0;
  if (fq.scale.empty()) return Errorf("filter (input 1) has no quantization scale");
  if (fq.per_channel()) {
    if (static_cast<int64_t>(fq.scale.size()) != channels || fq.quantized_dimension != channel_dim) {
      return Errorf("filter (input 1) has {} scales along dimension {}; expected {} along dimension {}",
                    fq.scale.size(), fq.quantized_dimension, channels, channel_dim);
    }
    for (int64_t zp : fq.zero_point) {
      if (zp != 0) return Errorf("per-channel filter (input 1) must have zero points 0, got {}", zp);
    }
    for (float s : fq.scale) filter_scales.push_back(s);
  } else {
    QB_ASSIGN_OR_RETURN(QuantParams w_q, PerTensorQuant(filter, "filter (input 1)"));
    filter_scales.assign(static_cast<size_t>(channels), w_q.scale);
    filter_zero_point = w_q.zero_point;
  }
  for (double s : filter_scales) {
    if (!(s > 0.0) || !std::isfinite(s)) return Errorf("filter (input 1) has an invalid scale {}", s);
  }

  if (io.has_input(2)) {
    const RuntimeTensor& bias = io.in(2);
    QB_RETURN_IF_ERROR(CheckType(bias, "bias (input 2)", DType::kInt32));
    if (bias.num_elements() != channels) {
      return Errorf("bias (input 2) has {} elements, expected {}", bias.num_elements(), channels);
    }
    // TensorFlow Lite's tolerance for per-tensor quantization: |in*w - bias| / out <= 0.02.
    if (!fq.per_channel() && bias.quant().scale.size() == 1) {
      const double product = static_cast<double>(in_q.scale) * filter_scales[0];
      const double diff = std::abs(product - static_cast<double>(bias.quant().scale[0]));
      if (diff / out_q.scale > 0.02) {
        return Errorf("bias scale {} does not match input scale x filter scale {}", bias.quant().scale[0], product);
      }
    }
  }

  WeightedOpQuant q;
  q.input_offset = -in_q.zero_point;
  q.filter_offset = -filter_zero_point;
  q.output_offset = out_q.zero_point;
  q.fp32_requantization = input.type == DType::kInt8;
  for (double w_scale : filter_scales) {
    q.channel.push_back(QuantizeMultiplier(static_cast<double>(in_q.scale) * w_scale / out_q.scale));
    q.channel_scale.push_back(in_q.scale * static_cast<float>(w_scale) / out_q.scale);
  }
  QB_ASSIGN_OR_RETURN(q.act, QuantizedActivationRange(activation, output.type, out_q));
  return q;
}

}  // namespace qb
