// DEQUANTIZE reference kernel: INT8, UINT8 or INT16 -> FLOAT32 as real = scale * (q - zero_point), per
// tensor or per channel along quantized_dimension; FLOAT16 -> FLOAT32 by decoding IEEE binary16 bit by bit
// (subnormals, infinities and NaN included).
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

#include "kernels/reference/float_kernels.h"
#include "kernels/reference/kernel_checks.h"

namespace qb {
namespace {

float HalfToFloat(uint16_t half) {
  const bool negative = (half & 0x8000u) != 0;
  const int exponent = (half >> 10) & 0x1f;
  const int mantissa = half & 0x3ff;
  float value;
  if (exponent == 0) {
    value = std::ldexp(static_cast<float>(mantissa), -24);  // zero or subnormal: m * 2^-24
  } else if (exponent == 31) {
    value = mantissa == 0 ? std::numeric_limits<float>::infinity() : std::numeric_limits<float>::quiet_NaN();
  } else {
    value = std::ldexp(static_cast<float>(mantissa + 1024), exponent - 25);  // (1 + m / 2^10) * 2^(e - 15)
  }
  return negative ? -value : value;
}

template <typename Q>
void DequantizeChannels(const Q* q, float* out, int64_t outer, int64_t channels, int64_t inner,
                        const std::vector<float>& scales, const std::vector<int32_t>& zero_points) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t c = 0; c < channels; ++c) {
      const float scale = scales[static_cast<size_t>(c)];
      const int32_t zero_point = zero_points[static_cast<size_t>(c)];
      for (int64_t i = 0; i < inner; ++i) {
        const int64_t k = (o * channels + c) * inner + i;
        out[k] = scale * static_cast<float>(static_cast<int32_t>(q[k]) - zero_point);
      }
    }
  }
}

class DequantizeKernel final : public OpKernel {
 public:
  Status Prepare(const Op& op, const KernelIo& io) override {
    QB_RETURN_IF_ERROR(CheckArity(io, 1, 1));
    const RuntimeTensor& input = io.in(0);
    type_ = input.type;
    QB_RETURN_IF_ERROR(CheckType(io.out(0), "output", DType::kFloat32));
    QB_RETURN_IF_ERROR(CheckOutputShape(io.out(0), input.shape));
    outer_ = 1;
    channels_ = 1;
    inner_ = input.num_elements();
    if (type_ == DType::kFloat16) return OkStatus();
    if (type_ != DType::kInt8 && type_ != DType::kUInt8 && type_ != DType::kInt16) {
      return Errorf("input must be INT8, UINT8, INT16 or FLOAT16, got {}", DTypeName(type_));
    }
    const Quantization& q = input.quant();
    if (q.scale.empty()) return Errorf("{} input has no quantization scale", DTypeName(type_));
    if (!q.zero_point.empty() && q.zero_point.size() != q.scale.size()) {
      return Errorf("input has {} scales but {} zero points", q.scale.size(), q.zero_point.size());
    }
    if (q.scale.size() > 1) {
      const int dim = q.quantized_dimension;
      if (dim < 0 || dim >= input.rank() || input.dim(dim) != static_cast<int32_t>(q.scale.size())) {
        return Errorf("{} per-channel scales do not match dimension {} of input {}", q.scale.size(), dim,
                      ShapeToString(input.shape));
      }
      channels_ = input.dim(dim);
      outer_ = 1;
      for (int d = 0; d < dim; ++d) outer_ *= input.dim(d);
      inner_ = 1;
      for (int d = dim + 1; d < input.rank(); ++d) inner_ *= input.dim(d);
    }
    scales_ = q.scale;
    zero_points_.assign(q.scale.size(), 0);
    for (size_t c = 0; c < q.zero_point.size(); ++c) zero_points_[c] = static_cast<int32_t>(q.zero_point[c]);
    return OkStatus();
  }

  void Eval(const KernelIo& io, uint8_t* scratch) override {
    const RuntimeTensor& input = io.in(0);
    float* out = io.out(0).data_as<float>();
    switch (type_) {
      case DType::kFloat16:
        for (int64_t i = 0; i < inner_; ++i) {
          uint16_t half;
          std::memcpy(&half, input.data + 2 * i, sizeof(half));
          out[i] = HalfToFloat(half);
        }
        break;
      case DType::kInt8:
        DequantizeChannels(input.data_as<const int8_t>(), out, outer_, channels_, inner_, scales_, zero_points_);
        break;
      case DType::kUInt8:
        DequantizeChannels(input.data_as<const uint8_t>(), out, outer_, channels_, inner_, scales_, zero_points_);
        break;
      case DType::kInt16:
        DequantizeChannels(input.data_as<const int16_t>(), out, outer_, channels_, inner_, scales_, zero_points_);
        break;
      default:
        break;
    }
  }

 private:
  DType type_ = DType::kInt8;
  int64_t outer_ = 1, channels_ = 1, inner_ = 0;
  std::vector<float> scales_;
  std::vector<int32_t> zero_points_;
};

}  // namespace

std::unique_ptr<OpKernel> MakeFloatDequantizeKernel() { return std::make_unique<DequantizeKernel>(); }

}  // namespace qb
